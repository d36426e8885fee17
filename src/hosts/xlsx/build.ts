import type ExcelJS from "exceljs";
import type { Analysis, AnalyzeFailure } from "../../core/analyze";
import type { SettingsInput } from "../../core/settings";
import { planFor } from "../../core/plan/pipeline";
import type { WorkbookPlan } from "../../core/plan/types";
import { loadXlsx, snapshotOf } from "./workbook";
import { renderPlan } from "./render";
import { calculatedColumnsOf, finishTables } from "./tableFormulas";

export type BuildResult =
  | { ok: true; buffer: Uint8Array; analysis: Analysis; plan: WorkbookPlan }
  | { ok: false; error: AnalyzeFailure };

/**
 * The whole build on an .xlsx in memory: load, analyse, plan, render, write. IO failures (not an .xlsx)
 * throw XlsxLoadError; a workbook without a ledger is an { ok: false } result. An HTML table saved as .xls
 * is loaded into a new workbook (loadXlsx), so the output is a real .xlsx all the same.
 */
export async function buildXlsx(
  buffer: ArrayBuffer | Uint8Array,
  settings: SettingsInput,
  now: Date = new Date(),
): Promise<BuildResult> {
  const wb = await loadXlsx(buffer);
  const outcome = planFor(snapshotOf(wb), { settings, now });
  if (!outcome.ok) return outcome;
  renderPlan(wb, outcome.plan);
  return { ok: true, buffer: await writeXlsx(wb), analysis: outcome.analysis, plan: outcome.plan };
}

/**
 * The workbook as .xlsx bytes: ExcelJS's file, with the calculated columns of its tables added (ExcelJS drops
 * them): those renderPlan made and those loadXlsx read from the file.
 */
export async function writeXlsx(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const out = await wb.xlsx.writeBuffer();
  return finishTables(new Uint8Array(out as ArrayBuffer), calculatedColumnsOf(wb));
}
