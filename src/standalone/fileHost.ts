import type ExcelJS from "exceljs";
import type { SettingsInput } from "../core/settings";
import type { WorkbookPlan } from "../core/plan/types";
import { writeXlsx } from "../hosts/xlsx/build";
import { planFor } from "../core/plan/pipeline";
import { loadXlsx, snapshotOf } from "../hosts/xlsx/workbook";
import { renderPlan } from "../hosts/xlsx/render";
import { HostError, type ApplyResult, type LedgerHost, type ProgressListener } from "../hosts/host";

/**
 * The task pane's host over an .xlsx held in memory (ExcelJS): the standalone page's workbook.
 * This module pulls in ExcelJS, so the page loads it with import() once a file is chosen.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface FileHostOptions {
  /** Hands the finished file to the user; a link with `download` by default. */
  save?: (blob: Blob, fileName: string) => void;
  now?: () => Date;
}

export interface FileHost extends LedgerHost {
  readonly kind: "file";
  /**
   * Saves the built workbook: the full plan (整理台账 with statistics and report), made with `settings` (the
   * pane's, mapping corrections included) over the workbook as the host holds it now, rendered on a copy.
   * Before 整理台账 that is the file as opened; after it, the structured workbook, rebuilt in place (its
   * generated sheets replaced, its backup kept), so corrections made since still count.
   */
  download(fileName: string, settings: SettingsInput): Promise<void>;
}

/**
 * Reads an .xlsx, or an HTML table saved as .xls (made into a new workbook), and serves it as a LedgerHost;
 * rejects with XlsxLoadError on anything else. Its own failures are HostErrors (render_failed, download_failed).
 */
export async function openFileHost(bytes: ArrayBuffer, options: FileHostOptions = {}): Promise<FileHost> {
  return createFileHost(await loadXlsx(bytes), options);
}

function createFileHost(workbook: ExcelJS.Workbook, options: FileHostOptions = {}): FileHost {
  let wb = workbook;

  const build = async (settings: SettingsInput): Promise<ArrayBuffer> => {
    // Planned from the very snapshot the pane reads (what the user sees), rendered on a copy, so the workbook
    // the pane is showing stays as it is.
    const planned = planFor(snapshotOf(wb), { settings, ...(options.now ? { now: options.now() } : {}) });
    if (!planned.ok) throw new HostError("download_failed", { failure: planned.error.code });
    const copy = await loadXlsx(toArrayBuffer(await writeXlsx(wb)));
    renderPlan(copy, planned.plan);
    return toArrayBuffer(await writeXlsx(copy));
  };

  const render = (target: ExcelJS.Workbook, plan: WorkbookPlan): void => {
    try {
      renderPlan(target, plan);
    } catch {
      // ExcelJS's own words would mean nothing to the user; the workbook stays as it was (see apply).
      throw new HostError("render_failed");
    }
  };

  return {
    kind: "file",
    // ExcelJS writes everything a plan asks for: validation, page layout, merges, conditional formats.
    unsupported: async () => [],
    snapshot: async () => snapshotOf(wb),
    async apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult> {
      // Rendered on a copy and swapped in, so a failure half-way leaves the workbook as it was.
      const next = await loadXlsx(toArrayBuffer(await writeXlsx(wb)));
      onProgress?.(0.5);
      render(next, plan);
      wb = next;
      onProgress?.(1);
      return { skipped: [] };
    },
    async download(fileName: string, settings: SettingsInput): Promise<void> {
      let bytes: ArrayBuffer;
      try {
        bytes = await build(settings);
      } catch (e) {
        if (e instanceof HostError) throw e;
        throw new HostError("download_failed");
      }
      (options.save ?? saveWithLink)(new Blob([bytes], { type: XLSX_MIME }), fileName);
    },
  };
}

/** Offers a file through a temporary link with the `download` attribute: no server, no upload. */
function saveWithLink(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is ample for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function toArrayBuffer(data: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}
