import type { SettingsInput } from "../core/settings";
import type { Analysis } from "../core/analyze";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { WorkbookPlan } from "../core/plan/types";
import type { ApplyResult, DroppedPart, LedgerHost, ProgressListener } from "../hosts/host";
import { saveWithLink } from "../hosts/download";

/**
 * The standalone page's file host as the page sees it, without ExcelJS: the page's first bundle imports this,
 * the workbook itself lives in a WorkbookSession (fileHost.ts), in the worker or, as a fallback, on the page.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A part of the workbook the .xlsx path could not keep (a chart, a pivot table, macros …): told before the download. */
export type { DroppedPart };

/** The built workbook, ready to save, and what of the original it does not hold. */
export interface BuiltWorkbook {
  bytes: ArrayBuffer;
  dropped: DroppedPart[];
  /** The file had macros and they are kept: save it as .xlsm (builtName), or Excel refuses it. */
  macros?: boolean;
}

/** The MIME type of a macro-enabled workbook (.xlsm). */
export const XLSM_MIME = "application/vnd.ms-excel.sheet.macroEnabled.12";

/** The MIME type of a Word document (.docx). */
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The MIME type a saved file's name calls for. */
function mimeOf(fileName: string): string {
  if (/\.docx$/i.test(fileName)) return DOCX_MIME;
  return /\.xlsm$/i.test(fileName) ? XLSM_MIME : XLSX_MIME;
}

/**
 * Where the build finds last year's ledger for the report's 回头看 paragraph (core/compare.ts): a file chosen
 * on the page, analysed apart, or "sheet" for last year's sheet of this workbook (compareWithin).
 */
export type FollowUpSource = { last: Analysis } | "sheet";

/** The workbook in memory, behind plain-data calls (what crosses to and from the worker). */
export interface WorkbookSession {
  snapshot(): Promise<WorkbookSnapshot>;
  /** Renders a plan on a copy and swaps it in: a failure (HostError render_failed) leaves the workbook as it was. */
  apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult>;
  /** The full build with `settings` (see FileHost.download); rejects with a HostError only. */
  build(settings: SettingsInput, followUp?: FollowUpSource): Promise<BuiltWorkbook>;
}

/** A cell the pane asked to select ("sheet", "B7"): the page shows its row in a preview. */
export interface Selection {
  sheet: string;
  address: string;
}

export interface FileHost extends LedgerHost {
  readonly kind: "file";
  /** There is no grid to select in: tells the listeners (the page's preview), resolves at once. */
  select(sheet: string, address: string): Promise<void>;
  /** Calls back on every select(); returns the unsubscribe. */
  onSelection(listener: (selection: Selection) => void): () => void;
  /**
   * The built workbook: the full plan (整理台账 with statistics and report), made with `settings` (the pane's,
   * mapping corrections included) over the workbook as the host holds it now, rendered on a copy. Before
   * 整理台账 that is the file as opened; after it, the structured workbook, rebuilt in place (its generated
   * sheets replaced, its backup kept), so corrections made since still count. The page shows `dropped`
   * before it saves. With `followUp`, 汇报材料 holds last year's 回头看 paragraph.
   */
  build(settings: SettingsInput, followUp?: FollowUpSource): Promise<BuiltWorkbook>;
  /** Offers built bytes as a download (.xlsx, .xlsm or .docx, by the name's extension). */
  save(bytes: ArrayBuffer, fileName: string): void;
  /** build, then save. */
  download(fileName: string, settings: SettingsInput, followUp?: FollowUpSource): Promise<void>;
  /**
   * Stops the read or build in flight: it rejects with WorkerStopped("cancelled") and the host stays usable
   * (the worker's host terminates its worker and starts another when asked again). Nothing to stop on the page's thread.
   */
  cancel(): void;
  /** Frees the host (its worker). */
  dispose(): void;
}

/** A FileHost over a session (here or in a worker) that saves with `save`. */
export function fileHostOver(
  session: WorkbookSession,
  save: (blob: Blob, fileName: string) => void = saveWithLink,
  stop: () => void = () => {},
): FileHost {
  const saveBytes = (bytes: ArrayBuffer, fileName: string) =>
    save(new Blob([bytes], { type: mimeOf(fileName) }), fileName);
  const listeners = new Set<(selection: Selection) => void>();
  return {
    kind: "file",
    async select(sheet: string, address: string): Promise<void> {
      for (const listener of [...listeners]) listener({ sheet, address });
    },
    onSelection(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    // ExcelJS writes everything a plan asks for: validation, page layout, merges, conditional formats.
    unsupported: async () => [],
    snapshot: () => session.snapshot(),
    apply: (plan, onProgress) => session.apply(plan, onProgress),
    build: (settings, followUp) => session.build(settings, followUp),
    save: saveBytes,
    async download(fileName: string, settings: SettingsInput, followUp?: FollowUpSource): Promise<void> {
      const built = await session.build(settings, followUp);
      saveBytes(built.bytes, built.macros ? fileName.replace(/\.xlsx$/i, ".xlsm") : fileName);
    },
    cancel: stop,
    dispose: stop,
  };
}

export function toArrayBuffer(data: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}
