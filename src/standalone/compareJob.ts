import { analyzeWorkbook, type AnalyzeOutcome } from "../core/analyze";
import type { SettingsInput } from "../core/settings";
import { withTraditional } from "../core/script";
import { loadXlsx, snapshotOf } from "../hosts/xlsx/workbook";

/**
 * 选择上一年度台账… on the standalone page: last year's .xlsx read and analysed as a ledger of its own, in a
 * workbook worker of its own (workerServe.ts loads this module as a chunk, "compare") or, where no worker
 * starts, on the page. The analysis goes back as plain data; the page compares it with this year's
 * (core/compare.ts compareYears). A file that is no .xlsx rejects with XlsxLoadError, worded by the page.
 */
export async function analyseLastYear(
  bytes: ArrayBuffer,
  settings: SettingsInput,
  now: Date = new Date(),
): Promise<AnalyzeOutcome> {
  const snapshot = snapshotOf(await loadXlsx(bytes));
  // A traditional workbook loads the s2tw dictionaries (a chunk of their own) the first time it needs them.
  return withTraditional(() => analyzeWorkbook(snapshot, settings, now));
}
