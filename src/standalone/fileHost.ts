import type ExcelJS from "exceljs";
import type { SettingsInput } from "../core/settings";
import type { WorkbookPlan } from "../core/plan/types";
import { buildXlsx, carryOptionsOf, writeXlsx } from "../hosts/xlsx/build";
import { carryOver, hasMacros } from "../hosts/xlsx/carry";
import { planFor, type PlanOutcome } from "../core/plan/pipeline";
import { analyzeWorkbook } from "../core/analyze";
import { compareWithin, compareYears, withFollowUp } from "../core/compare";
import type { WorkbookSnapshot } from "../core/snapshot";
import { withTraditional } from "../core/script";
import { loadXlsx, snapshotOf } from "../hosts/xlsx/workbook";
import { renderPlan } from "../hosts/xlsx/render";
import { HostError, type ApplyResult, type ProgressListener } from "../hosts/host";
import {
  fileHostOver,
  toArrayBuffer,
  type BuiltWorkbook,
  type FileHost,
  type FollowUpSource,
  type WorkbookSession,
} from "./fileHostApi";

export {
  XLSX_MIME,
  fileHostOver,
  type BuiltWorkbook,
  type DroppedPart,
  type FileHost,
  type WorkbookSession,
} from "./fileHostApi";

/**
 * The task pane's host over an .xlsx held in memory (ExcelJS): the standalone page's workbook. The workbook
 * itself lives in a `WorkbookSession` (no DOM: the page runs it in a Web Worker, workerHost.ts); `openFileHost`
 * runs one on the calling thread (the page's fallback where no worker can start, and the tests).
 * This module pulls in ExcelJS, so the page loads it with import() (or in the worker) once a file is chosen.
 */

export interface SessionOptions {
  now?: () => Date;
}

export interface FileHostOptions extends SessionOptions {
  /** Hands the finished file to the user; a link with `download` by default. */
  save?: (blob: Blob, fileName: string) => void;
}

/**
 * Reads an .xlsx, or an HTML table saved as .xls (made into a new workbook), and serves it as a LedgerHost
 * on this thread; rejects with XlsxLoadError on anything else. Its own failures are HostErrors
 * (render_failed, download_failed).
 */
export async function openFileHost(bytes: ArrayBuffer, options: FileHostOptions = {}): Promise<FileHost> {
  return fileHostOver(await openWorkbookSession(bytes, options), options.save);
}

/** Loads the file (XlsxLoadError when it cannot be read) and holds it as a session. No DOM: runs in a worker. */
export async function openWorkbookSession(
  bytes: ArrayBuffer,
  options: SessionOptions = {},
): Promise<WorkbookSession> {
  return createSession(bytes, await loadXlsx(bytes), options);
}

function createSession(
  original: ArrayBuffer,
  workbook: ExcelJS.Workbook,
  options: SessionOptions,
): WorkbookSession {
  let wb = workbook;
  // Until a plan is applied the workbook is the file as opened: the build starts from its bytes (buildXlsx),
  // which keeps what the .xlsx path can carry over from the original package and says what it cannot.
  let pristine = true;
  // An .xlsm keeps its macros and is saved as .xlsm (builtName): an .xlsx with macros inside Excel refuses.
  const keep = hasMacros(new Uint8Array(original)).then((keepMacros) => ({ keepMacros }));

  const build = async (settings: SettingsInput, followUp?: FollowUpSource): Promise<BuiltWorkbook> => {
    const now = options.now?.() ?? new Date();
    if (followUp) return buildWithFollowUp(settings, followUp, now);
    if (pristine) {
      const options = await keep;
      const built = await buildXlsx(original, settings, now, options);
      if (!built.ok) throw new HostError("download_failed", { failure: built.error.code });
      return { bytes: toArrayBuffer(built.buffer), dropped: built.dropped, macros: options.keepMacros };
    }
    // Planned from the very snapshot the pane reads (what the user sees), rendered on a copy, so the workbook
    // the pane is showing stays as it is.
    const snapshot = snapshotOf(wb);
    const planned = await withTraditional(() => planFor(snapshot, { settings, now }));
    if (!planned.ok) throw new HostError("download_failed", { failure: planned.error.code });
    const copy = await loadXlsx(toArrayBuffer(await writeXlsx(wb, { stored: true })));
    renderPlan(copy, planned.plan);
    // What ExcelJS lost on the way (charts, pivot tables …) comes back from the file as opened, as in buildXlsx.
    const carried = await carryOver(
      new Uint8Array(original),
      await writeXlsx(copy, { stored: true }),
      carryOptionsOf(planned.plan, await keep),
    );
    return {
      bytes: toArrayBuffer(carried.bytes),
      dropped: carried.dropped,
      macros: (await keep).keepMacros,
    };
  };

  /**
   * The build when last year's ledger is there: planned from an analysis whose report holds the 回头看 paragraph,
   * on the file as opened (as buildXlsx plans it) or on the structured workbook, then carried over alike.
   */
  const buildWithFollowUp = async (
    settings: SettingsInput,
    followUp: FollowUpSource,
    now: Date,
  ): Promise<BuiltWorkbook> => {
    const target = pristine
      ? await loadXlsx(original)
      : await loadXlsx(toArrayBuffer(await writeXlsx(wb, { stored: true })));
    const snapshot = snapshotOf(target);
    const planned = await withTraditional(() => planWithFollowUp(snapshot, settings, followUp, now));
    if (!planned.ok) throw new HostError("download_failed", { failure: planned.error.code });
    renderPlan(target, planned.plan);
    const keepMacros = await keep;
    const carried = await carryOver(
      new Uint8Array(original),
      await writeXlsx(target, { stored: true }),
      carryOptionsOf(planned.plan, keepMacros),
    );
    return { bytes: toArrayBuffer(carried.bytes), dropped: carried.dropped, macros: keepMacros.keepMacros };
  };

  return {
    snapshot: async () => snapshotOf(wb),
    async apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult> {
      // Rendered on a copy and swapped in, so a failure half-way leaves the workbook as it was.
      const next = await loadXlsx(toArrayBuffer(await writeXlsx(wb, { stored: true })));
      onProgress?.(0.5);
      try {
        renderPlan(next, plan);
      } catch {
        // ExcelJS's own words would mean nothing to the user; the workbook stays as it was.
        throw new HostError("render_failed");
      }
      wb = next;
      pristine = false;
      onProgress?.(1);
      return { skipped: [] };
    },
    async build(settings: SettingsInput, followUp?: FollowUpSource): Promise<BuiltWorkbook> {
      try {
        return await build(settings, followUp);
      } catch (e) {
        if (e instanceof HostError) throw e;
        throw new HostError("download_failed");
      }
    },
  };
}

/** planFor over an analysis with last year's 回头看 paragraph in its report (as the pane shows it). */
function planWithFollowUp(
  snapshot: WorkbookSnapshot,
  settings: SettingsInput,
  followUp: FollowUpSource,
  now: Date,
): PlanOutcome {
  const outcome = analyzeWorkbook(snapshot, settings, now);
  if (!outcome.ok) return outcome;
  const current = outcome.analysis;
  const comparison =
    followUp === "sheet" ? compareWithin(snapshot, current, settings) : compareYears(followUp.last, current);
  return planFor(snapshot, { analysis: withFollowUp(current, comparison) });
}
