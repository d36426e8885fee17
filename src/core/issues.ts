import type { Field } from "./fields";

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
  /** The ledger was read from a hidden sheet, the only one holding a ledger (text: the sheet). */
  | "sheet_hidden"
  | "feedback_without_reply"
  /** A cell over Excel's 32,767 characters (text: its length): cut with a marker, whole in the backup only. */
  | "text_too_long"
  /** A header holding [ ] # ' (text: the header): the ledger table names it with full-width forms. */
  | "header_rewritten"
  /** The stored 台账设置 names a sheet the tool did not generate (text: the sheet): that name is ignored. */
  | "stored_sheet_ignored"
  /** A rebuild kept the user's edits on a generated sheet (text: the sheet). */
  | "user_edits_kept"
  /** A rebuild could not carry the user's edits over and kept the old sheet as a copy (text: sheet, other: copy). */
  | "generated_sheet_copied";

export type Severity = "error" | "warning";

export interface Issue {
  /** 1-based row of the source sheet, or null for a sheet-wide issue. */
  row: number | null;
  field: Field | null;
  code: IssueCode;
  severity: Severity;
  /** What the message says, as data: the edge renders it in the user's language (src/i18n/issues.ts renderIssue). */
  params: IssueParams;
  /** A1 address of the cell, when the issue is about one cell. */
  cell?: string;
  /** The sheet the row or column is on (a ledger may span several sheets). */
  sheet?: string;
}

/** What an issue message may mention. `header` is the column header as the user wrote it. */
export interface IssueParams {
  field?: Field | null;
  header?: string;
  /** The cell text exactly as written (invalid_date, invalid_value). */
  text?: string;
  /** The duplicated 编号 (duplicate_id). */
  id?: string;
  /** The other rows holding the same 编号 (duplicate_id). */
  otherRows?: readonly number[];
  /** Column letter of a sheet-wide column issue (column_unread). */
  column?: string;
  /** The field a column was given instead (column_unread after a mapping correction). */
  movedTo?: Field;
  /** What shows the reply of a row without a reply date (reply_date_missing), or contradicts its status. */
  evidence?: "dateText" | "status" | "ref" | "result" | "date";
  /** The ledger's sheet a sheet left unread is compared with, and why it was left (sheet_unread). */
  other?: string;
  reason?: "copy" | "layout" | "year";
}
