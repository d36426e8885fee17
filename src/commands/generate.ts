import type { Locale } from "../core/fields";
import { planFor } from "../core/plan/pipeline";
import { withTraditional } from "../core/script";
import type { ApplyResult, LedgerHost } from "../hosts/host";
import type { Issue } from "../core/issues";
import { TASK_PARTS } from "../core/plan/tasks";

export type GenerateOutcome =
  /** `notices`: what the user must be told about their edits on the generated sheets (kept, or copied). */
  | { kind: "applied"; result: ApplyResult; notices: Issue[] }
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
  // A traditional workbook loads the s2tw dictionaries (a chunk of their own) the first time it needs them.
  const outcome = await withTraditional(() =>
    planFor(snapshot, { settings: { locale }, ...(now ? { now } : {}) }, { parts: TASK_PARTS.statistics }),
  );
  // Never structured (no stored settings): the pane has to be opened for 整理台账 first.
  if (!outcome.ok || outcome.analysis.stored === null) return { kind: "needs_taskpane" };
  return {
    kind: "applied",
    result: await host.apply(outcome.plan),
    notices: outcome.plan.issues ?? [],
  };
}
