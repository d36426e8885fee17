import type { AnalyzeFailure } from "../core/analyze";
import { failureMessage } from "../i18n/failures";
import type { Locale } from "../core/fields";
import { hostErrorMessage, strings } from "../i18n";
import { HostError, type HostErrorCode, type HostErrorDetails } from "../hosts/host";

/** Everything that can stop the pane, as data: rendered into the user's language at the edge. */
export type LedgerError =
  | { kind: "host"; code: HostErrorCode; details: HostErrorDetails }
  | { kind: "analyze"; failure: AnalyzeFailure }
  | { kind: "settings" }
  | { kind: "unexpected" };

/** Classifies a thrown value. Host errors are a code and its details, worded here in the pane's language. */
export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof HostError) return { kind: "host", code: error.code, details: error.details };
  return { kind: "unexpected" };
}

/** The message the user reads: never a stack trace. */
export function errorMessage(error: LedgerError, locale: Locale): string {
  switch (error.kind) {
    case "host":
      return hostErrorMessage(error.code, error.details, locale);
    case "analyze": {
      const f = error.failure;
      if (f.code === "bad_settings") return strings(locale).errors.settings;
      const detail = f.code === "sheet_not_found" ? f.sheet : f.code === "no_ledger" ? (f.sheet ?? "") : "";
      return failureMessage(f.code, locale, detail);
    }
    case "settings":
      return strings(locale).errors.settings;
    case "unexpected":
      return strings(locale).errors.unexpected;
  }
}
