import type { Analysis } from "../core/analyze";
import type { Issue } from "../core/issues";
import type { LedgerLayout } from "../core/layout";
import { a1 } from "../core/snapshot";

export interface IssueGroup {
  /** The sheet of the group's issues when grouping by sheet (a ledger on several sheets), else null. */
  sheet: string | null;
  /** 1-based sheet row, or null for sheet-wide issues (listed first). */
  row: number | null;
  issues: Issue[];
}

export interface BySheet {
  /** The ledger's sheets, in the order their groups are listed. */
  sheets: readonly string[];
  /** The sheet of an issue that names none (the ledger's first sheet). */
  fallback: string;
}

/**
 * Issues grouped by sheet row, sheet-wide ones first, rows in sheet order. With `bySheet`, grouped by sheet
 * and row: the sheets in the ledger's order, each with its sheet-wide issues first.
 */
export function groupIssues(issues: readonly Issue[], bySheet?: BySheet): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const issue of issues) {
    const sheet = bySheet ? (issue.sheet ?? bySheet.fallback) : null;
    const key = JSON.stringify([sheet, issue.row]);
    const group = groups.get(key);
    if (group) group.issues.push(issue);
    else groups.set(key, { sheet, row: issue.row, issues: [issue] });
  }
  const order = (sheet: string | null): number => {
    if (!bySheet || sheet === null) return 0;
    const i = bySheet.sheets.indexOf(sheet);
    // A sheet the ledger does not list (never expected) goes last rather than being lost.
    return i < 0 ? bySheet.sheets.length : i;
  };
  return [...groups.values()].sort((a, b) => order(a.sheet) - order(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
}

/** The sheet an issue is on: its own, else the ledger's first sheet. */
export function issueSheet(issue: Issue, analysis: Analysis): string {
  return issue.sheet ?? analysis.layout.sheet;
}

/** The layout of one of the ledger's sheets (the first sheet's when the name is not among them). */
export function sheetLayout(analysis: Analysis, sheet: string): LedgerLayout {
  return analysis.parts.find((p) => p.layout.sheet === sheet)?.layout ?? analysis.layout;
}

/** The cell an issue points at: its own, else its row in its field's column. */
export function issueCell(issue: Issue, layout: LedgerLayout): string | null {
  if (issue.cell) return issue.cell;
  const column = issue.field ? layout.mapping[issue.field] : undefined;
  if (issue.row !== null && column !== undefined) return a1(issue.row - 1, column);
  return null;
}
