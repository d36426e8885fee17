import type { WorkbookSnapshot } from "../core/snapshot";
import { openWorkbookSession, type WorkbookSession } from "./fileHost";
import {
  toWire,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResult,
  type WorkerStage,
} from "./workerProtocol";

/**
 * What the workbook worker does with each request (ledger.worker.ts wires it to the worker's messages; the unit
 * tests to a fake worker). One workbook at a time; requests are answered in order, each with its progress.
 */
export function serveWorkbook(
  post: (message: WorkerReply, transfer: Transferable[]) => void,
): (request: WorkerRequest) => void {
  let session: WorkbookSession | null = null;
  // The snapshot read right after the file (stage 分析), handed to the pane's first read.
  let first: WorkbookSnapshot | null = null;
  let queue: Promise<void> = Promise.resolve();

  async function handle(request: WorkerRequest): Promise<WorkerResult> {
    const progress = (stage: WorkerStage, fraction?: number) =>
      post(
        fraction === undefined
          ? { id: request.id, type: "progress", stage }
          : { id: request.id, type: "progress", stage, fraction },
        [],
      );
    if (request.type === "open") {
      session = null;
      first = null;
      progress("read");
      const opened = await openWorkbookSession(request.bytes);
      progress("analyse");
      first = await opened.snapshot();
      session = opened;
      return { type: "open" };
    }
    if (request.type === "rollup") {
      progress("analyse");
      // The roll-up's code (core/rollup, its plan, the chart parts) is a chunk of its own, loaded on the first one.
      const { rollupFiles } = await import(/* webpackChunkName: "rollup" */ "./rollupJob");
      return { type: "rollup", rollup: await rollupFiles(request.files, request.settings) };
    }
    if (request.type === "lastYear") {
      progress("analyse");
      // Last year's ledger for the comparison (回头看): a chunk of its own, loaded when a file is chosen.
      const { analyseLastYear } = await import(/* webpackChunkName: "compare" */ "./compareJob");
      return { type: "lastYear", outcome: await analyseLastYear(request.bytes, request.settings) };
    }
    if (!session) throw new Error("no workbook open");
    switch (request.type) {
      case "snapshot": {
        progress("analyse");
        const snapshot = first ?? (await session.snapshot());
        first = null;
        return { type: "snapshot", snapshot };
      }
      case "apply":
        first = null;
        progress("build");
        return { type: "apply", result: await session.apply(request.plan, (f) => progress("build", f)) };
      case "build":
        progress("build");
        return { type: "build", built: await session.build(request.settings, request.followUp) };
    }
  }

  return (request) => {
    queue = queue.then(async () => {
      try {
        const result = await handle(request);
        post({ id: request.id, type: "done", result }, transferOf(result));
      } catch (e) {
        post({ id: request.id, type: "failed", error: toWire(e) }, []);
      }
    });
  };
}

/** The bytes a result moves to the page rather than copies. */
function transferOf(result: WorkerResult): Transferable[] {
  if (result.type === "build") return [result.built.bytes];
  if (result.type === "rollup" && result.rollup.bytes) return [result.rollup.bytes];
  return [];
}
