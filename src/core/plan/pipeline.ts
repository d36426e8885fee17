import type { WorkbookSnapshot } from "../snapshot";
import type { SettingsInput } from "../settings";
import { analyzeWorkbook, type Analysis, type AnalyzeFailure } from "../analyze";
import { planWorkbook, type BuildOptions } from "./build";
import type { SummaryFigures } from "./summary";
import type { WorkbookPlan } from "./types";

export type PlanOutcome =
  | { ok: true; analysis: Analysis; plan: WorkbookPlan; figures: SummaryFigures }
  | { ok: false; error: AnalyzeFailure };

/** What to plan from: settings to analyse the snapshot with, or an analysis of that same snapshot. */
export type PlanSource = { settings: SettingsInput; now?: Date } | { analysis: Analysis };

/**
 * The one pipeline, snapshot → analysis → plan, used by the .xlsx build (CLI and page), the task pane and the
 * ribbon command; each host then renders the plan. Given an analysis (the one the pane shows), it plans from
 * that, so what is written is what the user saw.
 * @example planFor(snapshot, { settings: { asOf: "2021-12-31" } }).ok
 */
export function planFor(
  snapshot: WorkbookSnapshot,
  source: PlanSource,
  options: BuildOptions = {},
): PlanOutcome {
  let analysis: Analysis;
  if ("analysis" in source) analysis = source.analysis;
  else {
    const outcome = analyzeWorkbook(snapshot, source.settings, source.now);
    if (!outcome.ok) return outcome;
    analysis = outcome.analysis;
  }
  const { plan, figures } = planWorkbook(snapshot, analysis, options);
  // What the plan tells about the rebuild (user edits kept, a dated copy) is shown with the other issues.
  const told = plan.issues ?? [];
  if (told.length > 0) analysis = { ...analysis, issues: [...analysis.issues, ...told] };
  return { ok: true, analysis, plan, figures };
}
