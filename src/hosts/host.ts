import type { WorkbookSnapshot } from "../core/snapshot";
import type { WorkbookPlan } from "../core/plan/types";
import type { SettingsInput } from "../core/settings";
import type { AnalyzeFailure } from "../core/analyze";

/**
 * What the task pane needs from wherever the workbook lives: the open workbook in Excel (Office.js host)
 * or an .xlsx file in the browser (ExcelJS host). Components receive a LedgerHost and never call Office.js.
 */

/** Features a host may be unable to render; the pane says which were skipped. */
export type HostFeature =
  "dataValidation" | "pageLayout" | "mergedAreas" | "undoGroup" | "conditionalFormats" | "tableEvents";

export interface ApplyResult {
  /** Plan parts the host could not render (old Excel): the rest was written. */
  skipped: HostFeature[];
}

export type ProgressListener = (fraction: number) => void;

export interface LedgerHost {
  readonly kind: "excel" | "file";
  /** Features this host cannot render, known before anything is written. */
  unsupported(): Promise<HostFeature[]>;
  /** Reads the whole workbook as plain data. */
  snapshot(): Promise<WorkbookSnapshot>;
  /** Renders a plan into the workbook. Rejects with a HostError (a code, rendered by the front end). */
  apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult>;
  /** Selects a cell so the user sees it (Excel only). */
  select?(sheet: string, address: string): Promise<void>;
  /** Calls back when the user edits the given sheet (not for the host's own writes); resolves to an unsubscribe. */
  watch?(sheet: string, onChange: () => void): Promise<() => Promise<void>>;
  /**
   * Offers a file the pane made (the report as .docx) as a download, where this host's webview can save one
   * (hosts/download.ts canSaveFiles); absent where it cannot, and on the page, which has its own button.
   */
  saveFile?(bytes: Uint8Array, fileName: string): void;
  /** Offers the workbook built with the pane's current settings as a download (file host only). */
  download?(fileName: string, settings: SettingsInput): Promise<void>;
}

/**
 * Office error codes (OfficeExtension.Error.code) the Excel host recognises and passes on as they are
 * (docs/EXCEL-NOTES.md). Any other Office code becomes "Unknown", with Office's code in `details.officeCode`.
 */
export const OFFICE_ERROR_CODES = [
  "InvalidOperationInCellEditMode",
  "AccessDenied",
  "MergedRangeConflict",
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "PayloadTooLarge",
  "RangeExceedsLimit",
  "OperationCellsExceedLimit",
  "GeneralException",
  "ItemNotFound",
  "ItemAlreadyExists",
  "ApiNotFound",
] as const;

export type OfficeErrorCode = (typeof OFFICE_ERROR_CODES)[number];

/** Every code a host rejects with. Each has a text in every locale (src/i18n, `hostErrors`). */
export const HOST_ERROR_CODES = [
  ...OFFICE_ERROR_CODES,
  // Excel host: the requirement sets the add-in needs are missing.
  "ExcelTooOld",
  // Excel host: a sheet the plan creates exists and is not the tool's to replace (`details.sheet`).
  "SheetNameTaken",
  // Excel host: an Office code not listed above (`details.officeCode`), or a failure that is no Office error.
  "Unknown",
  // File host: rendering a plan into the workbook failed; the workbook is as it was.
  "render_failed",
  // File host: building the download failed (`details.failure` when the workbook could not be planned).
  "download_failed",
] as const;

export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];

/** What a code alone does not say; every field is for one or a few codes. */
export interface HostErrorDetails {
  /** SheetNameTaken: the name that is taken. */
  sheet?: string;
  /** Office's own code where it differs from the HostError's ("Unknown"; InvalidArgument read as merged cells). */
  officeCode?: string;
  /** Office's debugInfo.errorLocation, for logs. */
  location?: string;
  /** download_failed: why the workbook could not be planned. */
  failure?: AnalyzeFailure["code"];
}

/**
 * A host failure as data: a stable code and its details, no text for the user. The front end renders it in
 * its own language (src/i18n `hostErrors`); `message` is the code, for logs only, never shown.
 */
export class HostError extends Error {
  readonly details: HostErrorDetails;

  constructor(
    readonly code: HostErrorCode,
    details: HostErrorDetails = {},
  ) {
    super(code);
    this.name = "HostError";
    this.details = details;
  }
}

/**
 * A part of the user's original .xlsx package that the built file does not hold (src/hosts/xlsx/carry.ts):
 * told to the user before the download and in the CLI's output (`dropped`), never silently. Words for kinds and
 * reasons: src/i18n/dropped.ts.
 */
export const DROPPED_KINDS = [
  "chart",
  "drawing",
  "image",
  "pivotTable",
  "pivotCache",
  "customProperties",
  "customXml",
  "vba",
  "comments",
  "workbookProtection",
  "sheetProtection",
  "slicer",
  "timeline",
  "externalLink",
  "control",
  "embedding",
  "printerSettings",
  "connection",
  "queryTable",
  "threadedComments",
  "table",
  "sheetExtension",
  "signature",
  "other",
] as const;

export type DroppedKind = (typeof DROPPED_KINDS)[number];

/**
 * Why a part is not in the output:
 * - `sheetReplaced`: it belonged to a sheet the tool generated earlier and now writes anew;
 * - `sheetRemoved`: its sheet is not in the output;
 * - `notCarried`: this tool does not carry that kind of part (slicers, timelines, ActiveX …);
 * - `macrosInXlsx`: the output is named .xlsx, which Excel refuses to open with macros inside (save as .xlsm).
 */
export type DroppedReason = "sheetReplaced" | "sheetRemoved" | "notCarried" | "macrosInXlsx";

export interface DroppedPart {
  /** The part's path in the original package; "xl/workbook.xml#workbookProtection" for an element. */
  part: string;
  kind: DroppedKind;
  /** The sheet the part belonged to, when it belonged to one. */
  sheet?: string;
  reason: DroppedReason;
}
