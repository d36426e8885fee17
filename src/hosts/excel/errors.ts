import { HostError, OFFICE_ERROR_CODES, type HostErrorCode, type OfficeErrorCode } from "../host";

/**
 * OfficeExtension.Error → HostError: a code and its details, rendered for the user at the edge (src/i18n,
 * `hostErrors`). Office's own `message` is localised to Office's language and often vague, so we branch on
 * the stable `code` (docs/EXCEL-NOTES.md).
 */

const OFFICE_CODES: ReadonlySet<string> = new Set(OFFICE_ERROR_CODES);

function isKnownOfficeCode(code: string): code is OfficeErrorCode {
  return OFFICE_CODES.has(code);
}

interface OfficeLikeError {
  code: string;
  debugInfo?: { errorLocation?: string };
}

function isOfficeError(e: unknown): e is OfficeLikeError {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";
}

/** Turns anything thrown inside Excel.run into a HostError; keeps the original as `cause`. */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const err = isOfficeError(e) ? fromOffice(e.code, e.debugInfo?.errorLocation) : new HostError("Unknown");
  err.cause = e;
  return err;
}

function fromOffice(officeCode: string, location: string | undefined): HostError {
  const where = location !== undefined ? { location } : {};
  if (isKnownOfficeCode(officeCode)) return new HostError(officeCode, where);
  // tables.add reports merged cells in its range as InvalidArgument on some builds (docs/EXCEL-NOTES.md).
  const code: HostErrorCode =
    officeCode === "InvalidArgument" && location !== undefined && /^Table/i.test(location)
      ? "MergedRangeConflict"
      : "Unknown";
  return new HostError(code, { officeCode, ...where });
}

/** A HostError raised by the host itself (not by Excel). */
export function hostError(code: "ExcelTooOld"): HostError;
export function hostError(code: "SheetNameTaken", sheet: string): HostError;
export function hostError(code: "ExcelTooOld" | "SheetNameTaken", sheet?: string): HostError {
  return new HostError(code, sheet !== undefined ? { sheet } : {});
}
