import ExcelJS from "exceljs";
import { analyzeWorkbook, type AnalyzeFailure } from "../../core/analyze";
import type { SettingsInput } from "../../core/settings";
import { rollup, type Rollup, type RollupSource } from "../../core/rollup";
import { rollupPlan, type RollupFigures, type RollupTexts } from "../../core/plan/rollup";
import { withTraditional } from "../../core/script";
import type { WorkbookPlan } from "../../core/plan/types";
import type { WorkbookSnapshot } from "../../core/snapshot";
import { loadXlsx, snapshotOf } from "./workbook";
import { renderPlan } from "./render";
import { writeXlsx } from "./build";
import { writeCharts } from "./charts";
import { Package } from "./opc";
import { XlsxLoadError } from "./errors";

/** Why a file is not in the roll-up: the caller could not read it, the loader refused it, or it holds no ledger. */
export type RollupFailure =
  | { kind: "read"; code: "file_not_found" | "is_directory" | "unreadable"; path: string }
  | { kind: "load"; error: XlsxLoadError }
  | { kind: "analyze"; error: AnalyzeFailure };

/** One file to roll up: its bytes, or the reason the caller could not read it. */
export type RollupFile = { file: string; bytes: Uint8Array } | { file: string; failure: RollupFailure };

export interface RollupResult {
  /** The new workbook's bytes; undefined when no file could be rolled up. */
  buffer: Uint8Array | undefined;
  rollup: Rollup<RollupFailure>;
  plan: WorkbookPlan | undefined;
  figures: RollupFigures;
}

/**
 * Reads every file as a ledger (as `analyze` reads it, the same settings for each), rolls them up and writes the
 * roll-up as a new .xlsx: the plan rendered on a new ExcelJS workbook, then its chart parts (ExcelJS writes no
 * charts). A file the loader refuses or that holds no ledger is listed in `rollup.failed`; the others still roll up.
 */
export async function rollupXlsx(
  files: readonly RollupFile[],
  settings: SettingsInput,
  texts: RollupTexts<RollupFailure>,
  now: Date = new Date(),
  /**
   * How a file becomes a snapshot: the full load by default; the CLI reads as `analyze` does (streamSnapshot.ts,
   * the same snapshot without ExcelJS's model of every cell, which the page's bundle cannot hold).
   */
  readSnapshot: (bytes: Uint8Array) => Promise<WorkbookSnapshot> = async (bytes) =>
    snapshotOf(await loadXlsx(bytes)),
): Promise<RollupResult> {
  const sources: RollupSource<RollupFailure>[] = [];
  for (const f of files) {
    if (!("bytes" in f)) {
      sources.push({ file: f.file, failure: f.failure });
      continue;
    }
    let snapshot: WorkbookSnapshot;
    try {
      snapshot = await readSnapshot(f.bytes);
    } catch (err) {
      if (!(err instanceof XlsxLoadError)) throw err;
      sources.push({ file: f.file, failure: { kind: "load", error: err } });
      continue;
    }
    // A traditional workbook loads the s2tw dictionaries the first time it needs them (script.ts).
    const outcome = await withTraditional(() => analyzeWorkbook(snapshot, settings, now));
    sources.push(
      outcome.ok
        ? { file: f.file, analysis: outcome.analysis }
        : { file: f.file, failure: { kind: "analyze", error: outcome.error } },
    );
  }
  // The office's own language decides the roll-up's script, not the first bureau's workbook.
  const r = rollup(sources, { script: settings.locale === "zh-TW" ? "traditional" : "simplified" });
  if (r.units.length === 0) return { buffer: undefined, rollup: r, plan: undefined, figures: {} };
  const { plan, figures } = await withTraditional(() => rollupPlan(r, texts));
  const wb = new ExcelJS.Workbook();
  renderPlan(wb, plan);
  const pkg = await Package.load(await writeXlsx(wb));
  await writeCharts(
    pkg,
    plan.ops.flatMap((op) =>
      op.kind !== "copy" && op.charts ? [{ sheet: op.name, charts: op.charts }] : [],
    ),
  );
  return { buffer: await pkg.generate(), rollup: r, plan, figures };
}
