/**
 * The engine as the pane calls it, a chunk of its own ("engine"): the analysis, the plans, the 催办 lists and the
 * settings schema, with zod and the rest of src/core behind them. The pane's first screen is a spinner until the
 * host's first snapshot is read, so the chunk loads meanwhile (loadEngine in useEngine.ts) instead of weighing
 * on the page's initial script (issue 13).
 */
export { analyzeWorkbook } from "../core/analyze";
export { planFor } from "../core/plan/pipeline";
export { remindersFor } from "../core/reminders";
export { groupKey } from "../core/stats";
export { SettingsSchema } from "../core/settings";
export { compareWithin, compareYears, previousYearSheet, withFollowUp } from "../core/compare";
