import type { Field } from "./fields";
import type { IssueParams } from "./messages";

/** Problems in the user's data are values, not exceptions (docs/STYLE.md: two tiers of errors). */
export type IssueCode =
  | "missing_required"
  | "missing_column"
  | "invalid_date"
  | "invalid_value"
  | "duplicate_id"
  | "date_order"
  | "reply_missing_result"
  | "reply_date_missing"
  | "status_conflict"
  | "column_unread"
  | "sheet_unread"
  | "feedback_without_reply";

export type Severity = "error" | "warning";

export interface Issue {
  /** 1-based row of the source sheet, or null for a sheet-wide issue. */
  row: number | null;
  field: Field | null;
  code: IssueCode;
  severity: Severity;
  /** Human message in the settings' locale (the CLI's JSON); front ends render `params` in their own language. */
  message: string;
  /** What the message says, as data: renderIssue(issue, locale) writes it in any language without re-analysing. */
  params: IssueParams;
  /** A1 address of the cell, when the issue is about one cell. */
  cell?: string;
  /** The sheet the row or column is on (a ledger may span several sheets). */
  sheet?: string;
}
