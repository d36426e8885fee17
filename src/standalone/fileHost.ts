import type ExcelJS from "exceljs";
import type { SettingsInput } from "../core/settings";
import type { WorkbookPlan } from "../core/plan/types";
import { buildXlsx } from "../hosts/xlsx/build";
import { loadXlsx, snapshotOf } from "../hosts/xlsx/workbook";
import { renderPlan } from "../hosts/xlsx/render";
import { HostError, type ApplyResult, type LedgerHost, type ProgressListener } from "../taskpane/host";

/**
 * The task pane's host over an .xlsx held in memory (ExcelJS): the standalone page's workbook.
 * This module pulls in ExcelJS, so the page loads it with import() once a file is chosen.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface FileHostOptions {
  /** Settings for a download built before the pane structured the ledger (the page's language, …). */
  settings?: () => SettingsInput;
  /** Hands the finished file to the user; a link with `download` by default. */
  save?: (blob: Blob, fileName: string) => void;
  /** Messages for the user when rendering fails. */
  messages: { renderFailed: string; downloadFailed: string };
  now?: () => Date;
}

export interface FileHost extends LedgerHost {
  readonly kind: "file";
  /** Saves the built workbook: as the pane left it once structured, else built now with the full plan. */
  download(fileName: string): Promise<void>;
  /** Calls back after each plan is rendered; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** Reads an .xlsx (rejects with XlsxLoadError on anything else) and serves it as a LedgerHost. */
export async function openFileHost(bytes: ArrayBuffer, options: FileHostOptions): Promise<FileHost> {
  return createFileHost(await loadXlsx(bytes), options);
}

export function createFileHost(workbook: ExcelJS.Workbook, options: FileHostOptions): FileHost {
  let wb = workbook;
  // Set once a plan that edits the user's sheet (整理台账) has been rendered: the workbook is then built.
  let structured = false;
  const listeners = new Set<() => void>();

  const build = async (): Promise<ArrayBuffer> => {
    if (structured) return toArrayBuffer(await wb.xlsx.writeBuffer());
    // Built from a copy of the bytes, so the workbook the pane is showing stays as it read it.
    const built = await buildXlsx(
      toArrayBuffer(await wb.xlsx.writeBuffer()),
      options.settings?.() ?? {},
      options.now?.(),
    );
    if (!built.ok) throw new HostError(built.error.code, options.messages.downloadFailed);
    return toArrayBuffer(built.buffer);
  };

  const render = (target: ExcelJS.Workbook, plan: WorkbookPlan): void => {
    try {
      renderPlan(target, plan);
    } catch {
      // ExcelJS's own words would mean nothing to the user; the workbook stays as it was (see apply).
      throw new HostError("render_failed", options.messages.renderFailed);
    }
  };

  return {
    kind: "file",
    // ExcelJS writes everything a plan asks for: validation, page layout, merges, conditional formats.
    unsupported: async () => [],
    snapshot: async () => snapshotOf(wb),
    async apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult> {
      // Rendered on a copy and swapped in, so a failure half-way leaves the workbook as it was.
      const next = await loadXlsx(toArrayBuffer(await wb.xlsx.writeBuffer()));
      onProgress?.(0.5);
      render(next, plan);
      wb = next;
      if (plan.ops.some((op) => op.kind === "edit")) structured = true;
      onProgress?.(1);
      listeners.forEach((listener) => listener());
      return { skipped: [] };
    },
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async download(fileName: string): Promise<void> {
      let bytes: ArrayBuffer;
      try {
        bytes = await build();
      } catch (e) {
        if (e instanceof HostError) throw e;
        throw new HostError("download_failed", options.messages.downloadFailed);
      }
      (options.save ?? saveWithLink)(new Blob([bytes], { type: XLSX_MIME }), fileName);
    },
  };
}

/** Offers a file through a temporary link with the `download` attribute: no server, no upload. */
export function saveWithLink(blob: Blob, fileName: string): void {
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
