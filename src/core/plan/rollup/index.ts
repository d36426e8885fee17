import type { Rollup } from "../../rollup";
import { inScript } from "../../script";
import type { WorkbookPlan } from "../types";
import { rollupLedgerSheet } from "./ledgerSheet";
import { rollupStatsSheet, type RollupFigures } from "./statsSheet";
import { rollupIssuesSheet, type RollupTexts } from "./issuesSheet";

export type { RollupFigures } from "./statsSheet";
export type { RollupTexts } from "./issuesSheet";
export { ROLLUP_TABLE } from "./ledgerSheet";

/**
 * The roll-up workbook (a new one, nothing of the units' files in it): 汇总统计 first, then 汇总台账 (the table
 * its formulas count) and 各单位问题. A roll-up has no ledger of its own to edit, back up or store settings for,
 * so the plan's `sheets` names only the first two and `ledgers` is empty.
 * @example rollupPlan(rollup(sources), texts).plan.ops.map((op) => op.name) // ["汇总统计", "汇总台账", "各单位问题"]
 */
export function rollupPlan<F>(
  r: Rollup<F>,
  texts: RollupTexts<F>,
): { plan: WorkbookPlan; figures: RollupFigures } {
  const names = {
    stats: inScript("汇总统计", r.script),
    ledger: inScript("汇总台账", r.script),
    issues: inScript("各单位问题", r.script),
  };
  const stats = rollupStatsSheet(r, names.stats, names.issues);
  const plan: WorkbookPlan = {
    ops: [stats.op, rollupLedgerSheet(r, names.ledger), rollupIssuesSheet(r, names.issues, texts)],
    replaces: [],
    activate: names.stats,
    sheets: { ledger: names.ledger, backup: "", summary: names.stats, report: names.issues, settings: "" },
    ledgers: [],
  };
  return { plan, figures: stats.figures };
}
