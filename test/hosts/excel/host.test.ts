import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { SNAPSHOT_SYNCS } from "../../../src/hosts/excel/snapshot";
import { FakeExcel } from "./fakeExcel";
import { LEDGER, SUMMARY, makePlan, seedWorkbook } from "./planFixture";

function setup(version = 20, rows = 3) {
  const x = new FakeExcel(version);
  seedWorkbook(x, rows);
  x.install();
  return { x, host: createExcelHost() };
}

describe("snapshot", () => {
  it("reads values, number formats and merged areas as plain data in SNAPSHOT_SYNCS syncs", async () => {
    const { x, host } = setup();
    x.sheet("其他").visibility = "Hidden";
    const snap = await host.snapshot();
    expect(x.syncSpy).toHaveBeenCalledTimes(SNAPSHOT_SYNCS);
    expect(snap.sheets.map((s) => s.name)).toEqual([LEDGER, SUMMARY, "其他"]);
    const ledger = snap.sheets[0];
    expect(ledger?.rows[0]).toEqual(["办理情况", null, null, null]);
    expect(ledger?.rows[2]).toEqual([1, "原始建议 1", "教育局", 45300]);
    expect(ledger?.numberFormats?.[2]).toEqual([null, null, null, "yyyy/m/d"]);
    expect(ledger?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(snap.sheets[2]).toEqual({ name: "其他", rows: [], numberFormats: [], merges: [], hidden: true });
  });

  it.each([10, 10_000])("reads %i rows in the same number of syncs", async (rows) => {
    const { x, host } = setup(20, rows);
    const snap = await host.snapshot();
    expect(x.syncSpy).toHaveBeenCalledTimes(SNAPSHOT_SYNCS);
    expect(snap.sheets[0]?.rows).toHaveLength(rows + 2);
  });

  it("without ExcelApi 1.13 leaves merges unknown and says so", async () => {
    const { host } = setup(7);
    const snap = await host.snapshot();
    expect(snap.sheets[0]?.merges).toEqual([]);
    expect(snap.sheets[0]?.rows[2]).toEqual([1, "原始建议 1", "教育局", 45300]);
    await expect(host.unsupported()).resolves.toContain("mergedAreas");
  });

  it("refuses Excel older than the manifest minimum with ExcelTooOld", async () => {
    const { x, host } = setup(6);
    await expect(host.snapshot()).rejects.toMatchObject({ code: "ExcelTooOld", details: {} });
    expect(x.syncSpy).not.toHaveBeenCalled();
  });
});

describe("select and watch", () => {
  it("activates the sheet and selects the cell", async () => {
    const { x, host } = setup();
    await host.select?.(LEDGER, "B7");
    expect(x.log.map((l) => l.op)).toEqual([`activate ${LEDGER}`, `select ${LEDGER}!B7:B7`]);
  });

  it("calls back for the user's edits only, and unsubscribes", async () => {
    const { x, host } = setup();
    const onChange = jest.fn();
    const unsubscribe = await host.watch?.(LEDGER, onChange);
    const handler = x.handlers[0];
    expect(handler?.sheet).toBe(LEDGER);

    await handler?.fn({ triggerSource: "Unknown" });
    expect(onChange).toHaveBeenCalledTimes(1);
    // Our own writes, named by triggerSource (ExcelApi 1.14)…
    await handler?.fn({ triggerSource: "ThisLocalAddin" });
    expect(onChange).toHaveBeenCalledTimes(1);
    // …and any event raised while apply() is writing.
    x.syncSpy.mockImplementationOnce(async () => {
      await handler?.fn({ triggerSource: "Unknown" });
      throw Object.assign(new Error("stop"), { code: "GeneralException" });
    });
    await expect(host.apply(makePlan({ rows: 1 }))).rejects.toMatchObject({ code: "GeneralException" });
    expect(onChange).toHaveBeenCalledTimes(1);

    await unsubscribe?.();
    expect(handler?.removed).toBe(true);
  });
});
