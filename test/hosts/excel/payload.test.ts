/**
 * Issue 13: a generated ledger (scripts/bench.ts's) read, planned by the real engine and applied on the
 * strict fake, which refuses a request over 2 MB of grids or a response over 5 MB. One plan per size.
 */
import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { APPLY_SYNCS } from "../../../src/hosts/excel/render";
import { BATCH_BYTES } from "../../../src/hosts/excel/blocks";
import { SNAPSHOT_SYNCS } from "../../../src/hosts/excel/snapshot";
import { planFor } from "../../../src/core/plan/pipeline";
import type { WorkbookPlan } from "../../../src/core/plan/types";
import { FakeExcel, REQUEST_LIMIT, RESPONSE_LIMIT, seedSheets } from "./fakeExcel";
import { GENERATED_SHEET, generatedLedger } from "../../helpers/generatedLedger";

interface Run {
  x: FakeExcel;
  snapshotSyncs: number;
  plan: WorkbookPlan;
}

async function readAndPlan(rows: number, version = 20): Promise<Run> {
  const x = new FakeExcel(version);
  seedSheets(x, [generatedLedger(rows)]);
  x.install();
  const snapshot = await createExcelHost().snapshot();
  const snapshotSyncs = x.syncs;
  const outcome = planFor(snapshot, { settings: { asOf: "2025-12-31" } });
  if (!outcome.ok) throw new Error(outcome.error.code);
  return { x, snapshotSyncs, plan: outcome.plan };
}

/** Applies the plan; the syncs and request sizes of the apply alone. */
async function apply({ x, plan }: Run): Promise<{ syncs: number; requests: number[] }> {
  const before = x.syncs;
  const from = x.syncPayloads.length;
  await createExcelHost().apply(plan);
  return { syncs: x.syncs - before, requests: x.syncPayloads.slice(from) };
}

const ledgerTable = (x: FakeExcel) => x.tables.find((t) => t.sheet.name === GENERATED_SHEET);

describe.each([10, 20_000, 50_000])("a generated ledger of %i rows", (rows) => {
  let run: Run;
  beforeAll(async () => {
    run = await readAndPlan(rows);
  });

  it("is read with every response under 5 MB, 50,000 cells first, then over 100,000 a sync", () => {
    // ~23 bytes a cell: 2.5 MB a response is ~110,000 cells (it was 50,000 cells a sync whatever the size).
    const after = Math.max(0, (rows + 2) * 14 - 50_000);
    expect(run.snapshotSyncs).toBe(SNAPSHOT_SYNCS + Math.ceil(after / 110_000));
    for (const bytes of run.x.syncResponses) expect(bytes).toBeLessThanOrEqual(RESPONSE_LIMIT);
  });

  it("is applied in APPLY_SYNCS plus one sync per further 2 MB of grids, each request under 2 MB", async () => {
    const { syncs, requests } = await apply(run);
    for (const bytes of requests) expect(bytes).toBeLessThanOrEqual(REQUEST_LIMIT);
    const total = requests.reduce((a, b) => a + b, 0);
    expect(syncs).toBeGreaterThanOrEqual(APPLY_SYNCS);
    // Four phases may each end with a part-full batch.
    expect(syncs - APPLY_SYNCS).toBeLessThanOrEqual(Math.ceil(total / BATCH_BYTES) + 3);
    if (rows <= 20_000) expect(syncs).toBe(APPLY_SYNCS);
    // The calculated columns went once each, replicated down the table (copyFrom), not as 3 KB a row.
    expect(ledgerTable(run.x)?.calculated.map((c) => c.rows)).toEqual([rows, rows]);
    const ledger = run.x.sheet(GENERATED_SHEET);
    // 交办日期 (J) and 办理时限 (K) carry their date format down to the last row.
    expect(ledger.cell(rows + 1, 9)?.format).toBe("yyyy-mm-dd");
    expect(ledger.cell(rows + 1, 10)?.format).toBe("yyyy-mm-dd");
  });
});

it("reads and applies 100,000 rows within the payload limits", async () => {
  const run = await readAndPlan(100_000);
  expect(run.snapshotSyncs).toBeLessThan(20);
  const { syncs, requests } = await apply(run);
  expect(Math.max(...requests)).toBeLessThanOrEqual(REQUEST_LIMIT);
  expect(Math.max(...run.x.syncResponses)).toBeLessThanOrEqual(RESPONSE_LIMIT);
  expect(syncs).toBeLessThanOrEqual(APPLY_SYNCS + 6);
  expect(run.x.sheet(GENERATED_SHEET).cell(100_001, 10)?.format).toBe("yyyy-mm-dd");
});

it("without Range.copyFrom (ExcelApi 1.8) writes the calculated columns row by row, in 2 MB batches", async () => {
  const run = await readAndPlan(2_000, 8);
  const { syncs, requests } = await apply(run);
  for (const bytes of requests) expect(bytes).toBeLessThanOrEqual(REQUEST_LIMIT);
  // ~3 KB of formulas a row: 6 MB, so phase 6 takes more than one sync.
  expect(syncs).toBeGreaterThan(APPLY_SYNCS);
  const ledger = run.x.sheet(GENERATED_SHEET);
  const table = ledgerTable(run.x);
  const last = table?.rect.bottom ?? 0;
  const status = table?.rect.right ?? 0;
  expect(ledger.cell(last, status)).toMatchObject({ kind: "formula" });
  expect(ledger.cell(2, status)?.value).toBe(ledger.cell(last, status)?.value);
});
