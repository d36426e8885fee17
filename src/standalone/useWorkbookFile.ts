import { useCallback, useEffect, useRef, useState } from "react";
import type { Locale } from "../core/fields";
import { failureMessage } from "../i18n/failures";
import { XlsxLoadError } from "../hosts/xlsx/errors";
import { strings } from "../i18n";
import type { FileHost } from "./fileHostApi";
import {
  openWorkerHost,
  WORKER_TIMEOUT_MS,
  WorkerStopped,
  WorkerUnavailable,
  type StageProgress,
  type WorkerLike,
} from "./workerHost";

export type FileState =
  | { phase: "idle" }
  | { phase: "reading"; fileName: string; progress: StageProgress }
  | { phase: "ready"; fileName: string; host: FileHost; id: number }
  | { phase: "failed"; fileName: string; message: string }
  | { phase: "cancelled"; fileName: string };

export interface WorkbookFileOptions {
  /**
   * Starts the workbook worker; by default the page's own (spawnWorker.ts, loaded with the host code). Where it
   * throws or the worker cannot start (a file:// page in Chromium), the file is read on the page's thread.
   */
  spawn?: () => WorkerLike;
  timeoutMs?: number;
}

/**
 * Turns a chosen or dropped file into a FileHost whose workbook lives in a Web Worker, so that a large or
 * hostile file never freezes the page; `cancel` stops the read. The host code (and ExcelJS, in the worker)
 * arrives on the first file, so the page itself opens at once. Failures become a message in the user's language.
 */
export function useWorkbookFile(locale: Locale, options: WorkbookFileOptions = {}) {
  const [state, setState] = useState<FileState>({ phase: "idle" });
  // Only the latest file may land when the user picks another while one is being read.
  const seq = useRef(0);
  const stopRead = useRef<(() => void) | null>(null);
  const current = useRef<FileHost | null>(null);
  const { spawn, timeoutMs } = options;

  // The last file's worker goes with the page.
  useEffect(() => () => current.current?.dispose(), []);

  const open = useCallback(
    async (file: File) => {
      const id = ++seq.current;
      stopRead.current?.();
      current.current?.dispose();
      current.current = null;
      const reading = (progress: StageProgress) =>
        id === seq.current && setState({ phase: "reading", fileName: file.name, progress });
      reading({ stage: "read" });
      try {
        const bytes = await file.arrayBuffer();
        const host = await openHost(bytes, {
          onProgress: reading,
          timeoutMs: timeoutMs ?? WORKER_TIMEOUT_MS,
          spawn,
          onCancel: (stop) => (stopRead.current = stop),
        });
        if (id !== seq.current) {
          host.dispose();
          return;
        }
        stopRead.current = null;
        current.current = host;
        setState({ phase: "ready", fileName: file.name, host, id });
      } catch (e) {
        if (id !== seq.current) return;
        stopRead.current = null;
        if (e instanceof WorkerStopped && e.reason === "cancelled")
          setState({ phase: "cancelled", fileName: file.name });
        else setState({ phase: "failed", fileName: file.name, message: loadMessage(e, locale, timeoutMs) });
      }
    },
    [locale, spawn, timeoutMs],
  );

  /** Stops the read in flight (the worker is terminated); the page shows that it was cancelled. */
  const cancel = useCallback(() => stopRead.current?.(), []);

  return { state, open, cancel };
}

interface OpenOptions {
  onProgress: (progress: StageProgress) => void;
  timeoutMs: number;
  spawn: (() => WorkerLike) | undefined;
  onCancel: (stop: () => void) => void;
}

/** The file in a worker; on the page's own thread where no worker can start (what the page did before). */
async function openHost(bytes: ArrayBuffer, options: OpenOptions): Promise<FileHost> {
  // The worker's constructor is loaded apart: it is the one module Jest cannot read (import.meta).
  const spawn =
    options.spawn ?? (await import(/* webpackChunkName: "worker-host" */ "./spawnWorker")).spawnLedgerWorker;
  try {
    return await openWorkerHost(
      bytes,
      spawn,
      { onProgress: options.onProgress, timeoutMs: options.timeoutMs },
      options.onCancel,
    );
  } catch (e) {
    if (!(e instanceof WorkerUnavailable)) throw e;
  }
  options.onProgress({ stage: "read" });
  const { openFileHost } = await import(/* webpackChunkName: "xlsx-host" */ "./fileHost");
  return openFileHost(bytes);
}

/** The message for a file that could not be read, or a read that was stopped. */
export function loadMessage(error: unknown, locale: Locale, timeoutMs = WORKER_TIMEOUT_MS): string {
  const s = strings(locale);
  if (error instanceof XlsxLoadError) {
    // The parser's own words (corrupt) mean nothing to the user; names and figures do.
    const text = error.code === "corrupt" ? "" : (error.detail ?? "");
    return failureMessage(error.code, locale, { text, ...(error.figures ?? {}) });
  }
  if (error instanceof WorkerStopped) return stoppedMessage(error, locale, timeoutMs);
  // Not the file's fault (the ExcelJS chunk failed to load, say): no claim that the file is damaged.
  return s.errors.unexpected;
}

/** A worker stopped on a timeout or a failure (a cancel is no error). */
export function stoppedMessage(error: WorkerStopped, locale: Locale, timeoutMs = WORKER_TIMEOUT_MS): string {
  const s = strings(locale).page;
  if (error.reason === "timeout") return s.stopped.timeout(Math.max(1, Math.round(timeoutMs / 60_000)));
  if (error.reason === "failed") return s.stopped.failed;
  return s.cancelled;
}

/** "台账.xlsx" → "台账（已整理）.xlsx"; an HTML table saved as .xls is built into an .xlsx too. */
export function builtName(fileName: string, suffix: string, macros = false): string {
  const base = fileName.replace(/\.xls[xm]?$/i, "");
  return `${base || "ledger"}${suffix}.${macros ? "xlsm" : "xlsx"}`;
}
