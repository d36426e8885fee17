import type { SettingsInput } from "../core/settings";
import type { AnalyzeOutcome } from "../core/analyze";
import type { PageRollup, PageRollupFile } from "./rollupJob";
import type { WorkbookPlan } from "../core/plan/types";
import type { ApplyResult, ProgressListener } from "../hosts/host";
import {
  fileHostOver,
  type BuiltWorkbook,
  type FileHost,
  type FollowUpSource,
  type WorkbookSession,
} from "./fileHostApi";
import {
  fromWire,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResult,
  type WorkerStage,
} from "./workerProtocol";
import { mark } from "../taskpane/timing";

/**
 * The page's side of the workbook worker (ledger.worker.ts): a FileHost whose workbook lives in a worker.
 * Every request can be cancelled (the worker is terminated) and has a time limit; a worker that dies (or is
 * stopped) is started again on the next request from the file's bytes, with the plans applied so far, so the
 * pane goes on with the workbook it had.
 */

/** Why a request ended without an answer; the page words each (strings().page.stopped). */
export type StopReason = "cancelled" | "timeout" | "failed";

export class WorkerStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`worker ${reason}`);
    this.name = "WorkerStopped";
  }
}

/** The worker could not start at all (file:// in Chromium refuses workers): the page reads on its own thread. */
export class WorkerUnavailable extends Error {
  constructor() {
    super("worker unavailable");
    this.name = "WorkerUnavailable";
  }
}

export interface StageProgress {
  stage: WorkerStage;
  fraction?: number;
}

/** Longest any one request may take before the worker is stopped: ample for 100,000 rows on a slow PC. */
export const WORKER_TIMEOUT_MS = 4 * 60_000;

export interface WorkerHostOptions {
  /** Progress of the first read of the file (later requests report to their own listeners). */
  onProgress?: (progress: StageProgress) => void;
  timeoutMs?: number;
  save?: (blob: Blob, fileName: string) => void;
}

/** What `new Worker(...)` returns, as far as the host uses it (a fake in the unit tests). */
export type WorkerLike = Pick<Worker, "postMessage" | "terminate" | "addEventListener">;

interface Pending {
  resolve(result: WorkerResult): void;
  reject(error: Error): void;
  onProgress: ((progress: StageProgress) => void) | undefined;
  timer: ReturnType<typeof setTimeout>;
}

/** One worker and the requests in flight on it. */
class WorkerClient {
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  /** Whether the current worker ever answered: an error before that means it could not start. */
  private answered = false;
  /** How many times the user cancelled: a request asked for before a cancel is not sent after it. */
  cancels = 0;

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly options: WorkerHostOptions,
  ) {}

  get alive(): boolean {
    return this.worker !== null;
  }

  start(): void {
    // Throws where workers are refused (a SecurityError on file://): the caller falls back.
    const worker = this.spawn();
    this.worker = worker;
    this.answered = false;
    worker.addEventListener("message", (event: MessageEvent<WorkerReply>) => {
      if (this.worker !== worker) return;
      this.answered = true;
      this.receive(event.data);
    });
    const died = () => {
      if (this.worker !== worker) return;
      this.stop(this.answered ? "failed" : "unavailable");
    };
    worker.addEventListener("error", (event: Event) => {
      event.preventDefault();
      died();
    });
    worker.addEventListener("messageerror", died);
  }

  request(
    body: DistributiveOmit<WorkerRequest, "id">,
    onProgress?: (progress: StageProgress) => void,
  ): Promise<WorkerResult> {
    if (!this.worker) this.start();
    const worker = this.worker;
    if (!worker) return Promise.reject(new WorkerStopped("failed"));
    const id = ++this.seq;
    return new Promise<WorkerResult>((resolve, reject) => {
      const timer = setTimeout(() => this.stop("timeout"), this.options.timeoutMs ?? WORKER_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, onProgress, timer });
      // The file's bytes move to the worker rather than being copied once more.
      worker.postMessage({ ...body, id } as WorkerRequest, body.type === "open" ? [body.bytes] : []);
    });
  }

  /** Ends the worker once nothing is in flight (a roll-up's worker, done). */
  close(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Terminates the worker; every request in flight is rejected with why. */
  stop(reason: StopReason | "unavailable"): void {
    if (reason === "cancelled") this.cancels++;
    this.worker?.terminate();
    this.worker = null;
    const error = reason === "unavailable" ? new WorkerUnavailable() : new WorkerStopped(reason);
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(error);
    }
  }

  private receive(message: WorkerReply): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    if (message.type === "progress") {
      // A stage begun: a User Timing mark (devtools, and the bench's time from file to figures).
      if (message.fraction === undefined) mark(`ledger:${message.stage}`);
      const progress: StageProgress =
        message.fraction === undefined
          ? { stage: message.stage }
          : { stage: message.stage, fraction: message.fraction };
      p.onProgress?.(progress);
      return;
    }
    clearTimeout(p.timer);
    this.pending.delete(message.id);
    if (message.type === "done") p.resolve(message.result);
    else p.reject(fromWire(message.error));
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Opens the file in a worker made by `spawn`. Rejects with XlsxLoadError (the file), WorkerStopped (cancelled
 * through `cancelOpen`, timed out, died) or WorkerUnavailable (no worker could start: read on the page instead).
 */
export async function openWorkerHost(
  bytes: ArrayBuffer,
  spawn: () => WorkerLike,
  options: WorkerHostOptions = {},
  cancelOpen?: (cancel: () => void) => void,
): Promise<FileHost> {
  const client = new WorkerClient(spawn, options);
  try {
    client.start();
  } catch {
    throw new WorkerUnavailable();
  }
  cancelOpen?.(() => client.stop("cancelled"));
  const applied: WorkbookPlan[] = [];
  // The page keeps the file's bytes (the worker gets a copy) to start a worker again after a cancel.
  const open = (onProgress?: (progress: StageProgress) => void) =>
    client.request({ type: "open", bytes: bytes.slice(0) }, onProgress);
  await open(options.onProgress);

  /** A worker that was stopped is started again on the workbook as the pane last saw it. */
  const ready = async () => {
    if (client.alive) return;
    await open();
    for (const plan of applied) await client.request({ type: "apply", plan });
  };

  const ask = async <T extends WorkerResult["type"]>(
    body: DistributiveOmit<WorkerRequest, "id">,
    onProgress?: (progress: StageProgress) => void,
  ): Promise<Extract<WorkerResult, { type: T }>> => {
    const cancels = client.cancels;
    await ready();
    if (client.cancels !== cancels) throw new WorkerStopped("cancelled");
    const result = await client.request(body, onProgress);
    return result as Extract<WorkerResult, { type: T }>;
  };

  const session: WorkbookSession = {
    snapshot: async () => {
      const { snapshot } = await ask<"snapshot">({ type: "snapshot" });
      mark("ledger:snapshot");
      return snapshot;
    },
    async apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult> {
      const { result } = await ask<"apply">(
        { type: "apply", plan },
        onProgress && ((p: StageProgress) => p.fraction !== undefined && onProgress(p.fraction)),
      );
      applied.push(plan);
      return result;
    },
    build: async (settings: SettingsInput, followUp?: FollowUpSource): Promise<BuiltWorkbook> =>
      (await ask<"build">({ type: "build", settings, ...(followUp ? { followUp } : {}) })).built,
  };
  return fileHostOver(session, options.save, () => client.stop("cancelled"));
}

/**
 * 汇总多个单位 in a worker of its own, ended when done: the files' bytes are copied to it (the page keeps them to
 * read on its own thread should no worker start). Rejects as openWorkerHost does; `cancel` stops it.
 */
export async function rollupInWorker(
  files: PageRollupFile[],
  settings: SettingsInput,
  spawn: () => WorkerLike,
  options: WorkerHostOptions = {},
  cancel?: (stop: () => void) => void,
): Promise<PageRollup> {
  return (await inWorkerOfItsOwn({ type: "rollup", files, settings }, spawn, options, cancel)).rollup;
}

/**
 * 选择上一年度台账…: last year's file analysed in a worker of its own, ended when done (the bytes are copied to it).
 * Rejects as openWorkerHost does (XlsxLoadError for a file that is no .xlsx); `cancel` stops it.
 */
export async function analyseInWorker(
  bytes: ArrayBuffer,
  settings: SettingsInput,
  spawn: () => WorkerLike,
  options: WorkerHostOptions = {},
  cancel?: (stop: () => void) => void,
): Promise<AnalyzeOutcome> {
  return (await inWorkerOfItsOwn({ type: "lastYear", bytes, settings }, spawn, options, cancel)).outcome;
}

/** One request in a worker started for it and closed after it; a reply of another type is a failure. */
async function inWorkerOfItsOwn<T extends WorkerResult["type"]>(
  body: Extract<DistributiveOmit<WorkerRequest, "id">, { type: T }>,
  spawn: () => WorkerLike,
  options: WorkerHostOptions,
  cancel?: (stop: () => void) => void,
): Promise<Extract<WorkerResult, { type: T }>> {
  const client = new WorkerClient(spawn, options);
  try {
    client.start();
  } catch {
    throw new WorkerUnavailable();
  }
  cancel?.(() => client.stop("cancelled"));
  try {
    const result = await client.request(body, options.onProgress);
    if (result.type !== body.type) throw new WorkerStopped("failed");
    return result as Extract<WorkerResult, { type: T }>;
  } finally {
    client.close();
  }
}
