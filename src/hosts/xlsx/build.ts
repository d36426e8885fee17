import type ExcelJS from "exceljs";
import type { Analysis, AnalyzeFailure } from "../../core/analyze";
import type { SettingsInput } from "../../core/settings";
import { planFor } from "../../core/plan/pipeline";
import { withTraditional } from "../../core/script";
import { DEFAULT_PARTS } from "../../core/plan/build";
import type { WorkbookPlan } from "../../core/plan/types";
import { loadXlsxKeepingParts, snapshotOf } from "./workbook";
import { renderPlan } from "./render";
import { calculatedColumnsOf, finishTables, finishTablesIn } from "./tableFormulas";
import { workbookParts, zipWorkbook } from "./zipWrite";
import { Package } from "./opc";
import { attachDeferredRows } from "./deferredRows";
import { carryOver, type CarryOptions, type DroppedPart } from "./carry";

export type BuildResult =
  | {
      ok: true;
      buffer: Uint8Array;
      analysis: Analysis;
      plan: WorkbookPlan;
      /** What of the original package the output does not hold (carry.ts), each with its kind and reason. */
      dropped: DroppedPart[];
    }
  | { ok: false; error: AnalyzeFailure };

export interface BuildOptions {
  /**
   * Keep the VBA project of an .xlsm (default true). Pass false when the output will be named .xlsx: Excel
   * refuses an .xlsx with macros inside, so they are left out and reported (`dropped`, reason macrosInXlsx).
   */
  keepMacros?: boolean;
  /** Add the 催办单 sheet (build --reminders): the items to chase as of the build's date, by 承办科室. */
  reminders?: boolean;
  /** Add the 台账打印 sheet (build --print): the 督办 columns of the ledger on A4 landscape. */
  print?: boolean;
}

/**
 * The whole build on an .xlsx in memory: load, analyse, plan, render, write. IO failures (not an .xlsx)
 * throw XlsxLoadError; a workbook without a ledger is an { ok: false } result. An HTML table saved as .xls
 * is loaded into a new workbook (loadXlsx), so the output is a real .xlsx all the same.
 */
export async function buildXlsx(
  buffer: ArrayBuffer | Uint8Array,
  settings: SettingsInput,
  now: Date = new Date(),
  options: BuildOptions = {},
): Promise<BuildResult> {
  const original = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  // The package check inflates every part anyway: kept, so carryOver need not inflate the original again.
  const { workbook: wb, parts: originalParts } = await loadXlsxKeepingParts(original);
  const snapshot = snapshotOf(wb);
  // A traditional workbook loads the s2tw dictionaries (a chunk of their own) the first time it needs them.
  const outcome = await withTraditional(() =>
    planFor(
      snapshot,
      { settings, now },
      options.reminders === true || options.print === true
        ? {
            parts: [
              ...DEFAULT_PARTS,
              ...(options.reminders === true ? (["reminders"] as const) : []),
              ...(options.print === true ? (["print"] as const) : []),
            ],
          }
        : {},
    ),
  );
  if (!outcome.ok) return outcome;
  renderPlan(wb, outcome.plan);
  // What ExcelJS lost (charts, pivot tables, custom properties, macros …) comes back from the original.
  const carried = await carryOver(
    original,
    await writtenPackage(wb),
    carryOptionsOf(outcome.plan, options),
    originalParts,
  );
  return {
    ok: true,
    buffer: carried.bytes,
    analysis: outcome.analysis,
    plan: outcome.plan,
    dropped: carried.dropped,
  };
}

/** What carryOver needs to know of a plan: the sheets it writes anew and the backups it makes. */
export function carryOptionsOf(plan: WorkbookPlan, options: BuildOptions = {}): CarryOptions {
  return {
    // A generated sheet the plan reuses (统计表 kept with the user's edits) keeps what the user put on it too.
    replaced: plan.replaces.filter(
      (name) => !plan.ops.some((op) => op.kind === "new" && op.name === name && op.reuse),
    ),
    backups: plan.ops.flatMap((op) => (op.kind === "copy" ? [{ from: op.from, name: op.name }] : [])),
    autoHeights: plan.ops.flatMap((op) => (op.kind === "new" && op.autoRowHeights === true ? [op.name] : [])),
    charts: plan.ops.flatMap((op) =>
      op.kind !== "copy" && op.charts !== undefined ? [{ sheet: op.name, charts: op.charts }] : [],
    ),
    ...(options.keepMacros === false ? { keepMacros: false } : {}),
  };
}

/**
 * The workbook as .xlsx bytes: ExcelJS's file, with the calculated columns of its tables added (ExcelJS drops
 * them): those renderPlan made and those loadXlsx read from the file.
 */
export async function writeXlsx(wb: ExcelJS.Workbook, options: WriteOptions = {}): Promise<Uint8Array> {
  const compression = options.stored === true ? "STORE" : "DEFLATE";
  const out =
    (await zipWorkbook(wb, options.stored === true ? 0 : 6)) ?? (await excelJsWrite(wb, compression));
  return finishTables(out, calculatedColumnsOf(wb), compression);
}

/** ExcelJS's own writer, for an ExcelJS zipWrite cannot drive: the backup's rows attached first. */
async function excelJsWrite(wb: ExcelJS.Workbook, compression: "STORE" | "DEFLATE"): Promise<Uint8Array> {
  attachDeferredRows(wb);
  return new Uint8Array(
    (await wb.xlsx.writeBuffer({ zip: { compression } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer,
  );
}

/**
 * What writeXlsx writes, as a package in memory for carryOver (which writes the one zip): ExcelJS's parts as they
 * come, the tables' calculated columns added. Through stored bytes when ExcelJS's writer cannot be driven.
 */
async function writtenPackage(wb: ExcelJS.Workbook): Promise<Package | Uint8Array> {
  const parts = await workbookParts(wb);
  if (parts === undefined) return writeXlsx(wb, { stored: true });
  const pkg = await Package.fromParts(parts);
  await finishTablesIn(pkg, calculatedColumnsOf(wb));
  return pkg;
}

export interface WriteOptions {
  /**
   * The bytes are only read again by the tool (carryOver, which writes the final file compressed, or loadXlsx):
   * stored without compression, which costs a third of a build's time at 20,000 rows.
   */
  stored?: boolean;
}
