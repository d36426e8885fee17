import { analyzeWorkbook } from "../core/analyze";
import type { Locale } from "../core/fields";
import { buildPlan } from "../core/plan/build";
import type { ApplyResult, LedgerHost } from "../hosts/host";
import { TASK_PARTS } from "../taskpane/parts";

export type GenerateOutcome =
  | { kind: "applied"; result: ApplyResult }
  /** Never structured, or no ledger found: the user needs the task pane. */
  | { kind: "needs_taskpane" };

/**
 * 一键生成年度统计: regenerates the statistics and report sheets with the settings stored by an earlier build.
 * A workbook never structured has no stored settings, so the task pane must be opened instead.
 * Host failures reject (HostError).
 */
export async function regenerateStatistics(
  host: LedgerHost,
  locale: Locale,
  now?: Date,
): Promise<GenerateOutcome> {
  const snapshot = await host.snapshot();
  const outcome = analyzeWorkbook(snapshot, { locale }, now);
  if (!outcome.ok || outcome.analysis.stored === null) return { kind: "needs_taskpane" };
  const plan = buildPlan(snapshot, outcome.analysis, { parts: TASK_PARTS.statistics });
  return { kind: "applied", result: await host.apply(plan) };
}
