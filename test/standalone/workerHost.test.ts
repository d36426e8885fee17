/**
 * The page's side of the workbook worker over a fake worker that runs the worker's own code (serveWorkbook)
 * on real .xlsx files: errors cross as codes and come back as the same XlsxLoadError / HostError, 取消 and the
 * time limit stop the worker, and a stopped worker is started again on the workbook the pane had.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { buildPlan } from "../../src/core/plan/build";
import { TASK_PARTS } from "../../src/core/plan/tasks";
import { HostError } from "../../src/hosts/host";
import { XlsxLoadError } from "../../src/hosts/xlsx/errors";
import { failureMessage } from "../../src/i18n/failures";
import { strings } from "../../src/i18n";
import { loadMessage } from "../../src/standalone/useWorkbookFile";
import {
  WorkerStopped,
  WorkerUnavailable,
  openWorkerHost,
  type StageProgress,
  type WorkerLike,
} from "../../src/standalone/workerHost";
import type { WorkerReply, WorkerRequest } from "../../src/standalone/workerProtocol";
import { serveWorkbook } from "../../src/standalone/workerServe";
import { noLedgerWorkbook } from "../e2e/page";

const SAMPLE = join(__dirname, "..", "..", "samples", "sample-ledger.xlsx");

/** A worker in this thread: requests go through a structured clone, as they would to a real one. */
class FakeWorker implements WorkerLike {
  terminated = false;
  requests: WorkerRequest["type"][] = [];
  private listeners: Record<string, ((event: Event) => void)[]> = {};
  private readonly serve = serveWorkbook((message: WorkerReply) => {
    if (this.terminated) return;
    const data = structuredClone(message);
    for (const l of this.listeners.message ?? []) l({ data } as unknown as Event);
  });

  constructor(private readonly hold: (request: WorkerRequest) => boolean = () => false) {}

  postMessage(message: WorkerRequest): void {
    this.requests.push(message.type);
    if (this.hold(message)) return; // never answered: a request that hangs
    this.serve(structuredClone(message));
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (event: Event) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  fail(): void {
    for (const l of this.listeners.error ?? []) l(new Event("error"));
  }
}

async function sampleBytes(): Promise<ArrayBuffer> {
  const b = await readFile(SAMPLE);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function spawner(make: () => FakeWorker = () => new FakeWorker()) {
  const workers: FakeWorker[] = [];
  return {
    workers,
    spawn: () => {
      const w = make();
      workers.push(w);
      return w;
    },
  };
}

describe("workbook worker host", () => {
  it("reads the file in the worker with its stages, and serves the pane's reads, plans and builds", async () => {
    const { spawn, workers } = spawner();
    const stages: StageProgress[] = [];
    const host = await openWorkerHost(await sampleBytes(), spawn, { onProgress: (p) => stages.push(p) });
    expect(stages.map((p) => p.stage)).toEqual(["read", "analyse"]);
    const snapshot = await host.snapshot();
    expect(snapshot.sheets.map((s) => s.name)).toContain("责任分工表");
    const built = await host.build({ locale: "zh-CN" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(built.bytes);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(expect.arrayContaining(["统计表", "汇报材料"]));
    expect(built.dropped).toEqual([]);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.requests).toEqual(["open", "snapshot", "build"]);
  });

  it("passes the .xlsx host's refusals as codes, worded on the page like any XlsxLoadError", async () => {
    const { spawn } = spawner();
    const bytes = new TextEncoder().encode("这不是工作簿").buffer as ArrayBuffer;
    const error = await openWorkerHost(bytes, spawn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxLoadError);
    expect(error).toMatchObject({ code: "not_xlsx" });
    expect(loadMessage(error, "zh-CN")).toBe(failureMessage("not_xlsx", "zh-CN"));
  });

  it("passes a build it cannot plan as the HostError the file host raises", async () => {
    const { spawn } = spawner();
    const noLedger = await noLedgerWorkbook();
    // The worker opens any workbook; the build finds no ledger in it.
    const host = await openWorkerHost(
      noLedger.buffer.slice(noLedger.byteOffset, noLedger.byteOffset + noLedger.byteLength) as ArrayBuffer,
      spawn,
    );
    const error = await host.build({ locale: "zh-CN" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: "download_failed", details: { failure: "no_ledger" } });
  });

  it("stops a read on 取消 and terminates its worker", async () => {
    const { spawn, workers } = spawner(() => new FakeWorker((r) => r.type === "open"));
    let cancel = () => {};
    const opening = openWorkerHost(await sampleBytes(), spawn, {}, (stop) => (cancel = stop));
    cancel();
    await expect(opening).rejects.toEqual(new WorkerStopped("cancelled"));
    expect(workers[0]?.terminated).toBe(true);
  });

  it("stops a request past its time limit, with a message that says so", async () => {
    const { spawn, workers } = spawner(() => new FakeWorker((r) => r.type === "open"));
    const error = await openWorkerHost(await sampleBytes(), spawn, { timeoutMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(error).toEqual(new WorkerStopped("timeout"));
    expect(workers[0]?.terminated).toBe(true);
    expect(loadMessage(error, "zh-CN", 3 * 60_000)).toBe(strings("zh-CN").page.stopped.timeout(3));
    expect(loadMessage(new WorkerStopped("failed"), "en")).toBe(strings("en").page.stopped.failed);
  });

  it("after a cancelled build, starts a new worker on the workbook as the pane had it (plans replayed)", async () => {
    let holdBuilds = true;
    const { spawn, workers } = spawner(() => new FakeWorker((r) => r.type === "build" && holdBuilds));
    const host = await openWorkerHost(await sampleBytes(), spawn);
    const snapshot = await host.snapshot();
    const outcome = analyzeWorkbook(snapshot, { locale: "zh-CN" }, new Date(2024, 11, 31));
    if (!outcome.ok) throw new Error(outcome.error.code);
    await host.apply(buildPlan(snapshot, outcome.analysis, { parts: TASK_PARTS.structure }));
    const structured = await host.snapshot();

    const building = host.build({ locale: "zh-CN" });
    host.cancel();
    await expect(building).rejects.toEqual(new WorkerStopped("cancelled"));
    holdBuilds = false;
    expect(await host.snapshot()).toEqual(structured);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.requests).toEqual(["open", "apply", "snapshot"]);
    const built = await host.build({ locale: "zh-CN" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(built.bytes);
    expect(wb.worksheets.filter((ws) => ws.name.includes("原表"))).toHaveLength(1);
  });

  it("says a worker that dies before its first answer is unavailable (the page then reads on its own)", async () => {
    const { spawn, workers } = spawner(() => new FakeWorker(() => true));
    const opening = openWorkerHost(await sampleBytes(), spawn);
    workers[0]?.fail();
    await expect(opening).rejects.toBeInstanceOf(WorkerUnavailable);
    await expect(
      openWorkerHost(await sampleBytes(), () => {
        throw new DOMException("file:// origin", "SecurityError");
      }),
    ).rejects.toBeInstanceOf(WorkerUnavailable);
  });
});
