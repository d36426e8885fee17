import {
  DATE_FIELDS,
  FIELDS,
  REQUIRED_FIELDS,
  type DateField,
  type Field,
  type LedgerRecord,
} from "./fields";
import type { Issue, IssueCode, IssueParams, Severity } from "./issues";
import type { LedgerLayout } from "./layout";
import { columnLetter, parseCell } from "./address";
import { replyEvidence, statusConflict } from "./progress";

/**
 * Severity per code. Errors make the figures wrong or the 五定 incomplete; warnings are worth a look but can
 * be legitimate: an unreadable 类别/满意度 is still readable by a person, a repeated 编号 may be one item split
 * between two sections (分办), and a reply without result class may simply not be entered yet.
 */
export const SEVERITY: Record<IssueCode, Severity> = {
  missing_required: "error",
  missing_column: "error",
  invalid_date: "error",
  invalid_value: "warning",
  duplicate_id: "warning",
  date_order: "error",
  reply_missing_result: "warning",
  reply_date_missing: "warning",
  status_conflict: "warning",
  column_unread: "warning",
  sheet_unread: "warning",
  sheet_hidden: "warning",
  feedback_without_reply: "warning",
  user_edits_kept: "warning",
  generated_sheet_copied: "warning",
  text_too_long: "warning",
  header_rewritten: "warning",
  stored_sheet_ignored: "warning",
};

const DATE_FIELD_SET: ReadonlySet<Field> = new Set<Field>(DATE_FIELDS);

/**
 * Checks every row of the ledger against the rules of docs/DOMAIN.md. Returns issues sorted by row (sheet-wide
 * issues first), then column.
 *
 * - The five 定 must be filled in per row. The deadline counts as present when either 办理时限 or 交办日期
 *   holds a value (the deadline is then derived); cells with unreadable text get invalid_* instead.
 * - A required column absent from the sheet gives one missing_column and no per-row issues for it.
 * - Duplicate 编号 are looked for within one kind: 人大建议12 and 政协提案12 are different items; 第12号 and 12
 *   are the same (idKey). One 编号 cell merged down over several rows is no duplicate.
 *   Rows without a kind share one group, so a ledger without a 类别 column still gets checked.
 * - reply_missing_result only when the sheet has a 办理结果 column at all; otherwise every reply would be flagged.
 */
export function checkLedger(records: LedgerRecord[], layout: LedgerLayout): Issue[] {
  const issues: Issue[] = [];
  const add = (
    code: IssueCode,
    row: number | null,
    field: Field,
    params: IssueParams = {},
    column?: number,
  ): void => {
    const col = column ?? layout.mapping[field];
    const header = col !== undefined ? layout.columns.find((c) => c.index === col)?.header : undefined;
    const full: IssueParams = { field, ...params, ...(header ? { header } : {}) };
    issues.push({
      row,
      field,
      code,
      severity: SEVERITY[code],
      params: full,
      ...(row !== null && col !== undefined ? { cell: `${columnLetter(col)}${row}` } : {}),
      sheet: layout.sheet,
    });
  };

  // Columns named like a ledger field that are not read: a second 满意度, a 延期 column, one the user moved.
  for (const col of layout.columns) {
    if (col.field !== null && col.displaced === undefined) continue;
    const lost = col.field === null ? col.candidate : col.displaced;
    if (lost === undefined || (col.field !== null && layout.mapping[lost] !== undefined)) continue;
    const params: IssueParams = { column: columnLetter(col.index), header: col.header };
    if (col.field !== null) params.movedTo = col.field;
    const full: IssueParams = { field: lost, ...params };
    issues.push({
      row: null,
      field: lost,
      code: "column_unread",
      severity: SEVERITY.column_unread,
      params: full,
      // The column's header cell, so the pane can take the user there.
      cell: `${columnLetter(col.index)}${layout.headerRows[layout.headerRows.length - 1] ?? 1}`,
      sheet: layout.sheet,
    });
  }

  // Deadline column: either the deadline itself or the 交办 date it is derived from.
  const deadlineColumn = layout.mapping.dueOn ?? layout.mapping.assignedOn;
  const checkRequired = REQUIRED_FIELDS.filter((f) => {
    const present = f === "dueOn" ? deadlineColumn !== undefined : layout.mapping[f] !== undefined;
    if (!present) add("missing_column", null, f);
    return present;
  });

  // Nothing shows which items were answered: every 办复率 would read 0% (a wrong figure, so an error).
  const replyColumns = ["repliedOn", "status", "replyRef", "result"] as const;
  if (records.length > 0 && replyColumns.every((f) => layout.mapping[f] === undefined))
    add("missing_column", null, "repliedOn");

  for (const r of records) {
    for (const f of checkRequired) {
      if (f === "dueOn") {
        const hasDeadline =
          r.dueOn !== undefined ||
          r.assignedOn !== undefined ||
          r.invalid.dueOn !== undefined ||
          r.invalid.assignedOn !== undefined;
        if (!hasDeadline) add("missing_required", r.row, f, {}, deadlineColumn);
      } else if (isBlank(r[f]) && r.invalid[f] === undefined) {
        add("missing_required", r.row, f);
      }
    }
    if (hasKeys(r.invalid))
      for (const f of FIELDS) {
        const text = r.invalid[f];
        if (text === undefined) continue;
        add(DATE_FIELD_SET.has(f) ? "invalid_date" : "invalid_value", r.row, f, { text });
      }
    for (const f of ["repliedOn", "dueOn"] as const satisfies readonly DateField[]) {
      const value = r[f];
      if (value !== undefined && r.assignedOn !== undefined && value < r.assignedOn)
        add("date_order", r.row, f);
    }
    const evidence = replyEvidence(r);
    if (
      layout.mapping.result !== undefined &&
      evidence !== null &&
      r.result === undefined &&
      r.invalid.result === undefined
    ) {
      add("reply_missing_result", r.row, "result");
    }
    if (evidence !== null && evidence !== "date") {
      const column = layout.mapping.repliedOn ?? evidenceColumn(layout, evidence);
      const text = r.invalid.repliedOn;
      add("reply_date_missing", r.row, "repliedOn", { evidence, ...(text ? { text } : {}) }, column);
    }
    const feedback =
      (r.satisfaction !== undefined && r.satisfaction !== "none") ||
      (r.satisfactionWork !== undefined && r.satisfactionWork !== "none");
    if (evidence === null && feedback) {
      add(
        "feedback_without_reply",
        r.row,
        r.satisfaction !== undefined ? "satisfaction" : "satisfactionWork",
      );
    }
    const conflict = statusConflict(r);
    if (conflict) add("status_conflict", r.row, "status", { text: r.status ?? "", evidence: conflict });
  }

  addDuplicates(records, add);
  return issues.sort(compareIssues);
}

/** The column that shows a reply when the ledger has no 答复日期 column. */
function evidenceColumn(layout: LedgerLayout, evidence: string): number | undefined {
  const field: Field = evidence === "ref" ? "replyRef" : evidence === "result" ? "result" : "status";
  return layout.mapping[field];
}

type Adder = (code: IssueCode, row: number | null, field: Field, params?: IssueParams) => void;

function addDuplicates(records: LedgerRecord[], add: Adder): void {
  // By kind, then by number: a record alone, or the records of one number once a second comes (most are alone).
  const byKind = new Map<string, Map<string, LedgerRecord | LedgerRecord[]>>();
  for (const r of records) {
    const id = r.id?.trim();
    if (!id) continue;
    const kind = r.kind ?? "";
    let seen = byKind.get(kind);
    if (seen === undefined) byKind.set(kind, (seen = new Map()));
    const key = idKey(id);
    const before = seen.get(key);
    if (before === undefined) seen.set(key, r);
    else if (Array.isArray(before)) before.push(r);
    else seen.set(key, [before, r]);
  }
  for (const seen of byKind.values()) {
    for (const group of seen.values()) {
      // One 编号 merged down over the rows of one item (split between sections) is written once: no duplicate.
      if (!Array.isArray(group) || new Set(group.map((r) => r.mergedFrom?.id ?? r.row)).size < 2) continue;
      for (const { id, row } of group) {
        add("duplicate_id", row, "id", {
          id: id?.trim() ?? "",
          otherRows: group.flatMap((o) => (o.row !== row ? [o.row] : [])),
        });
      }
    }
  }
}

/**
 * What makes two 编号 the same number: full-width digits folded (１２ = 12), spaces dropped, and the
 * wording around a bare number ("第12号", "12号", "012" are all 12). Other text is compared as written.
 */
function idKey(id: string): string {
  if (isPlainNumber(id)) return id;
  // Plain ASCII letters and digits (most 编号) need no folding.
  const text = PLAIN_ID.test(id) ? id : id.normalize("NFKC").replace(/\s+/g, "");
  const m = /^第?0*(\d+)[号號]?$/.exec(text);
  return m?.[1] ?? text;
}

const PLAIN_ID = /^[A-Za-z0-9-]*$/;

/** Digits with no leading zero ("12"): their own key. */
function isPlainNumber(id: string): boolean {
  if (id.length === 0 || id.charCodeAt(0) === 48) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function isBlank(value: LedgerRecord[Field]): boolean {
  if (value === undefined) return true;
  return typeof value === "string" && value.trim() === "";
}

/** Row (sheet-wide first), then column; unmapped fields after mapped ones in FIELDS order; then code. */
function compareIssues(a: Issue, b: Issue): number {
  const rowA = a.row ?? 0;
  const rowB = b.row ?? 0;
  if (rowA !== rowB) return rowA - rowB;
  const colA = sortColumn(a);
  const colB = sortColumn(b);
  if (colA !== colB) return colA - colB;
  return a.code.localeCompare(b.code);
}

const UNMAPPED = 1_000_000;

function sortColumn(issue: Issue): number {
  if (issue.field === null) return UNMAPPED * 2;
  if (issue.cell !== undefined) {
    return parseCell(issue.cell)?.col ?? 0;
  }
  return UNMAPPED + FIELDS.indexOf(issue.field);
}
