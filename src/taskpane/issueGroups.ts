import type { Issue } from "../core/issues";
import type { LedgerLayout } from "../core/layout";
import { a1 } from "../core/snapshot";

export interface IssueGroup {
  /** 1-based sheet row, or null for sheet-wide issues (listed first). */
  row: number | null;
  issues: Issue[];
}

/** Issues grouped by sheet row, sheet-wide ones first, rows in sheet order. */
export function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const byRow = new Map<number | null, Issue[]>();
  for (const issue of issues) {
    const list = byRow.get(issue.row);
    if (list) list.push(issue);
    else byRow.set(issue.row, [issue]);
  }
  return [...byRow.entries()]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([row, list]) => ({ row, issues: list }));
}

/** The cell an issue points at: its own, else its row in its field's column. */
export function issueCell(issue: Issue, layout: LedgerLayout): string | null {
  if (issue.cell) return issue.cell;
  const column = issue.field ? layout.mapping[issue.field] : undefined;
  if (issue.row !== null && column !== undefined) return a1(issue.row - 1, column);
  return null;
}
