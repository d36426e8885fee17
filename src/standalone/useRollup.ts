import { useCallback, useEffect, useRef, useState } from "react";
import type { Locale } from "../core/fields";
import { strings } from "../i18n";
import type { PageRollup, PageRollupFile } from "./rollupJob";
import {
  rollupInWorker,
  WORKER_TIMEOUT_MS,
  WorkerStopped,
  WorkerUnavailable,
  type StageProgress,
  type WorkerLike,
} from "./workerHost";
import { stoppedMessage } from "./useWorkbookFile";

export type RollupState =
  | { phase: "idle" }
  | { phase: "running"; count: number; progress: StageProgress }
  | { phase: "done"; result: PageRollup }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string };

export interface RollupOptions {
  /** Starts the worker; by default the page's own workbook worker (spawnWorker.ts), a fresh one per roll-up. */
  spawn?: () => WorkerLike;
  timeoutMs?: number;
}

/**
 * 汇总多个单位: the chosen files rolled up in a Web Worker (the page stays responsive, 取消 stops it), or on the
 * page's thread where no worker can start (file:// in Chromium). A file the browser cannot read is listed as a
 * failure like a file that is no ledger; only the latest choice lands.
 */
export function useRollup(locale: Locale, options: RollupOptions = {}) {
  const [state, setState] = useState<RollupState>({ phase: "idle" });
  const seq = useRef(0);
  const stop = useRef<(() => void) | null>(null);
  const { spawn, timeoutMs } = options;

  // A roll-up in flight goes with the page.
  useEffect(() => () => stop.current?.(), []);

  const run = useCallback(
    async (files: readonly File[]) => {
      const id = ++seq.current;
      stop.current?.();
      stop.current = null;
      const running = (progress: StageProgress) =>
        id === seq.current && setState({ phase: "running", count: files.length, progress });
      running({ stage: "read" });
      try {
        const inputs = await Promise.all(files.map(readFile));
        const settings = { locale };
        const result = await rollupOnWorkerOrPage(inputs, settings, {
          onProgress: running,
          timeoutMs: timeoutMs ?? WORKER_TIMEOUT_MS,
          spawn,
          onCancel: (s) => (stop.current = s),
        });
        if (id === seq.current) setState({ phase: "done", result });
      } catch (e) {
        if (id !== seq.current) return;
        if (e instanceof WorkerStopped && e.reason === "cancelled") setState({ phase: "cancelled" });
        else
          setState({
            phase: "failed",
            message:
              e instanceof WorkerStopped
                ? stoppedMessage(e, locale, timeoutMs)
                : strings(locale).errors.unexpected,
          });
      } finally {
        if (id === seq.current) stop.current = null;
      }
    },
    [locale, spawn, timeoutMs],
  );

  const cancel = useCallback(() => stop.current?.(), []);
  return { state, run, cancel };
}

async function readFile(file: File): Promise<PageRollupFile> {
  try {
    return { name: file.name, bytes: await file.arrayBuffer() };
  } catch {
    // A file moved or locked since it was chosen: the roll-up lists it with the reason.
    return { name: file.name, unreadable: true };
  }
}

interface RunOptions {
  onProgress: (progress: StageProgress) => void;
  timeoutMs: number;
  spawn: (() => WorkerLike) | undefined;
  onCancel: (stop: () => void) => void;
}

async function rollupOnWorkerOrPage(
  files: PageRollupFile[],
  settings: { locale: Locale },
  options: RunOptions,
): Promise<PageRollup> {
  const spawn =
    options.spawn ?? (await import(/* webpackChunkName: "worker-host" */ "./spawnWorker")).spawnLedgerWorker;
  try {
    return await rollupInWorker(
      files,
      settings,
      spawn,
      { onProgress: options.onProgress, timeoutMs: options.timeoutMs },
      options.onCancel,
    );
  } catch (e) {
    if (!(e instanceof WorkerUnavailable)) throw e;
  }
  options.onProgress({ stage: "analyse" });
  const { rollupFiles } = await import(/* webpackChunkName: "rollup" */ "./rollupJob");
  return rollupFiles(files, settings);
}
