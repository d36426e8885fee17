/**
 * 汇总多个单位 on the page, the worker's side: the roll-up runs in a workbook worker of its own (here a fake one
 * running the worker's own code, serveWorkbook, on real .xlsx files) and answers with the figures `ledger rollup`
 * counts, the failures in the page's language and the roll-up workbook.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { rollupXlsx } from "../../src/hosts/xlsx/rollup";
import { failureMessage } from "../../src/i18n/failures";
import { reasonOf, type PageRollupFile } from "../../src/standalone/rollupJob";
import { rollupInWorker, type WorkerLike } from "../../src/standalone/workerHost";
import type { WorkerReply, WorkerRequest } from "../../src/standalone/workerProtocol";
import { serveWorkbook } from "../../src/standalone/workerServe";
import { xlsxFromGrids } from "../helpers/grid-xlsx";
import { QA_LEDGERS } from "../helpers/qaLedgers";

const SAMPLE = join(__dirname, "..", "..", "samples", "sample-ledger.xlsx");
const NOW = new Date();

/** A worker in this thread: requests and replies through a structured clone, as to a real one. */
class FakeWorker implements WorkerLike {
  terminated = false;
  private listeners: Record<string, ((event: Event) => void)[]> = {};
  private readonly serve = serveWorkbook((message: WorkerReply) => {
    if (this.terminated) return;
    const data = structuredClone(message);
    for (const l of this.listeners.message ?? []) l({ data } as unknown as Event);
  });
  postMessage(message: WorkerRequest): void {
    this.serve(structuredClone(message));
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (event: Event) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
}

const arrayBuffer = (b: Buffer): ArrayBuffer => new Uint8Array(b).buffer;

/** Three ledgers (the sample and two QA bureaus) and a text file named .xlsx. */
async function inputs(): Promise<{ name: string; bytes: Buffer }[]> {
  const qa = [QA_LEDGERS[0], QA_LEDGERS[3]].map((l) => {
    if (!l) throw new Error("QA ledger missing");
    return l;
  });
  return [
    { name: "sample-ledger.xlsx", bytes: await readFile(SAMPLE) },
    ...(await Promise.all(
      qa.map(async (l) => ({ name: `${l.name}.xlsx`, bytes: await xlsxFromGrids(l.sheets) })),
    )),
    { name: "坏文件.xlsx", bytes: Buffer.from("这不是工作簿") },
  ];
}

let files: { name: string; bytes: Buffer }[] = [];
beforeAll(async () => {
  files = await inputs();
});

describe("rollupInWorker", () => {
  it("rolls the files up in a worker of its own, with the command line's figures, and ends the worker", async () => {
    const workers: FakeWorker[] = [];
    const spawn = () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    };
    const page: PageRollupFile[] = files.map((f) => ({ name: f.name, bytes: arrayBuffer(f.bytes) }));
    const result = await rollupInWorker(page, { locale: "zh-CN" }, spawn);
    // The same roll-up as `ledger rollup` over the same files.
    const expected = await rollupXlsx(
      files.map((f) => ({ file: f.name, bytes: new Uint8Array(f.bytes) })),
      { locale: "zh-CN" },
      { issue: () => "", failure: (f) => reasonOf(f, "zh-CN") },
      NOW,
    );
    expect(result.units.map((u) => [u.name, u.file, u.total, u.replyRate, u.overdue, u.issues])).toEqual(
      expected.rollup.units.map((u) => [
        u.name,
        u.file,
        u.stats.total,
        u.stats.replyRate,
        u.stats.overdue,
        u.issues.length,
      ]),
    );
    expect(result.units).toHaveLength(3);
    expect(result.total.total).toBe(expected.rollup.total.total);
    expect(result.failed).toEqual([{ file: "坏文件.xlsx", reason: failureMessage("not_xlsx", "zh-CN") }]);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(result.bytes ?? new ArrayBuffer(0));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总统计", "汇总台账", "各单位问题"]);
  });

  it("writes the failures in the page's language, and no workbook when nothing rolls up", async () => {
    const broken = files.filter((f) => f.name === "坏文件.xlsx");
    const page: PageRollupFile[] = [
      ...broken.map((f) => ({ name: f.name, bytes: arrayBuffer(f.bytes) })),
      { name: "gone.xlsx", unreadable: true },
    ];
    const result = await rollupInWorker(page, { locale: "en" }, () => new FakeWorker());
    expect(result.units).toEqual([]);
    expect(result.bytes).toBeUndefined();
    expect(result.failed).toEqual([
      { file: "坏文件.xlsx", reason: failureMessage("not_xlsx", "en") },
      { file: "gone.xlsx", reason: failureMessage("unreadable", "en", "gone.xlsx") },
    ]);
  });
});
