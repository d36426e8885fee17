import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { APPLY_SYNCS } from "../../../src/hosts/excel/render";
import { BATCH_BYTES, CHUNK_BYTES } from "../../../src/hosts/excel/blocks";
import { HostError } from "../../../src/hosts/host";
import { FakeExcel, PAYLOAD_LIMIT } from "./fakeExcel";
import { BACKUP, LEDGER, SETTINGS, SUMMARY, TABLE, makePlan, seedWorkbook } from "./planFixture";

function setup(version = 20, seedRows = 3): { x: FakeExcel; host: ReturnType<typeof createExcelHost> } {
  const x = new FakeExcel(version);
  seedWorkbook(x, seedRows);
  x.install();
  return { x, host: createExcelHost() };
}

describe("apply: a fixed number of syncs", () => {
  it.each([10, 10_000])("applies a plan with %i ledger rows in APPLY_SYNCS syncs", async (rows) => {
    const { x, host } = setup();
    const progress: number[] = [];
    await host.apply(makePlan({ rows }), (f) => progress.push(f));
    expect(APPLY_SYNCS).toBe(6);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6].map((n) => n / 6));
    const ledger = x.sheet(LEDGER);
    expect(ledger.cell(rows + 1, 1)?.value).toBe(`关于加强社区养老服务的建议 ${rows - 1}`);
    expect(ledger.cell(rows + 2, 1)).toBeUndefined();
  });

  it("writes 10,000 rows in several blocks, each under the block limit, every sync under 5 MB", async () => {
    const { x, host } = setup();
    await host.apply(makePlan({ rows: 10_000 }));
    const ledgerWrites = x.writeSizes.filter((b) => b > 10_000);
    expect(ledgerWrites.length).toBeGreaterThan(2);
    for (const bytes of x.writeSizes) expect(bytes).toBeLessThanOrEqual(CHUNK_BYTES * 1.1);
    for (const bytes of x.syncPayloads) expect(bytes).toBeLessThan(PAYLOAD_LIMIT);
    // Calculation was suspended before each value-writing sync and recalculated at the end.
    expect(x.log.filter((l) => l.op === "suspendCalc").map((l) => l.sync)).toEqual([2, 4]);
    expect(x.log.some((l) => l.op === "calculate Recalculate" && l.sync === 5)).toBe(true);
  });

  it("takes one more sync per 2 MB of ledger payload, never more per row", async () => {
    const { x, host } = setup();
    // ~6 MB of long titles: far above one request, so phase 5 needs several batches.
    const long = "关于进一步加强和改进城乡社区养老服务体系建设的建议".repeat(4);
    await host.apply(makePlan({ rows: 10_000, title: (i) => `${long}${i}` }));
    const extra = x.syncSpy.mock.calls.length - APPLY_SYNCS;
    expect(extra).toBeGreaterThanOrEqual(2);
    // Every payload stays inside the batch budget (plus the estimate's margin), far under 5 MB.
    for (const bytes of x.syncPayloads) expect(bytes).toBeLessThan(BATCH_BYTES * 1.25);
    const total = x.syncPayloads.reduce((a, b) => a + b, 0);
    expect(extra).toBeLessThanOrEqual(Math.ceil(total / (BATCH_BYTES / 2)));
  });
});

describe("apply: what gets written", () => {
  it("keeps user text that looks like a formula as text, formatted @", async () => {
    const { x, host } = setup();
    await host.apply(
      makePlan({ rows: 3, title: (i) => (i === 0 ? "=SUM(A1)" : i === 1 ? "+86 123" : "00123") }),
    );
    const ledger = x.sheet(LEDGER);
    expect(ledger.cell(2, 1)).toEqual({ value: "=SUM(A1)", kind: "text", format: "@" });
    expect(ledger.cell(3, 1)).toEqual({ value: "+86 123", kind: "text", format: "@" });
    expect(ledger.cell(4, 1)).toEqual({ value: "00123", kind: "text", format: "@" });
    // Ordinary text keeps its format.
    expect(ledger.cell(2, 2)?.format).toBe("General");
  });

  it("writes dates as serial numbers with a date format and formulas as formulas", async () => {
    const { x, host } = setup();
    await host.apply(makePlan({ rows: 2 }));
    const ledger = x.sheet(LEDGER);
    expect(ledger.cell(2, 3)).toEqual({ value: 45300, kind: "number", format: "yyyy-mm-dd" });
    expect(ledger.cell(2, 4)).toMatchObject({ value: '=IF(D3="","",D3+90)', kind: "formula" });
    expect(x.sheet(SUMMARY).cell(3, 1)).toMatchObject({ kind: "formula", format: "0" });
    // Written in the last phase, once the ledger's table exists (Excel refuses it before).
    expect(x.sheet(SUMMARY).cell(4, 1)).toMatchObject({
      value: `=COUNTA(${TABLE}[建议标题])`,
      kind: "formula",
    });
  });

  it("backs up first, empties the old summary for reuse, touches the ledger last", async () => {
    const { x, host } = setup();
    const oldSummary = x.sheet(SUMMARY);
    await host.apply(makePlan({ rows: 10 }));
    const order = x.log.map((l) => `${l.sync}:${l.op}`);
    expect(order.indexOf(`1:copy ${LEDGER}`)).toBe(0);
    // Reused, not deleted and added again (references to it stay valid).
    const cleared = `1:clear ${SUMMARY}!A1:XFD1048576 All`;
    expect(order).toContain(cleared);
    expect(order.indexOf(`1:copy ${LEDGER}`)).toBeLessThan(order.indexOf(cleared));
    expect(x.deleted).toEqual([]);
    expect(x.sheet(SUMMARY)).toBe(oldSummary);
    expect(order).toContain(`2:add ${SETTINGS}`);
    expect(order).toContain(`4:unmerge A1:B1`);
    expect(order.filter((o) => o.startsWith("5:table"))).toEqual(["5:table A2:E12"]);
    const backup = x.sheet(BACKUP);
    expect(backup.visibility).toBe("Hidden");
    expect(backup.cell(2, 1)?.value).toBe("原始建议 1");
    expect(x.sheet(SUMMARY).cell(0, 0)?.value).toBe("2025年度建议办理统计");
    expect(x.sheet(SETTINGS).visibility).toBe("Hidden");
    expect(order[order.length - 1]).toBe("5:calculate Recalculate");
  });

  it("renders tables, rules and layout when Excel has every requirement set", async () => {
    const { x, host } = setup(20);
    const result = await host.apply(makePlan({ rows: 10 }));
    expect(result.skipped).toEqual([]);
    expect(x.lastRunOptions).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
    const ledger = x.sheet(LEDGER);
    const table = x.tables.find((t) => t.sheet === ledger);
    expect(table).toMatchObject({ name: "建议台账", style: "TableStyleMedium2" });
    expect(table?.calculated).toEqual([
      { column: "办理期限", rows: 10, formula: '=IF([@交办日期]="","",[@交办日期]+90)' },
    ]);
    expect(ledger.validations).toHaveLength(1);
    expect(ledger.validations[0]?.rule).toEqual({
      list: { inCellDropDown: true, source: `='${SETTINGS}'!$A$2:$A$3` },
    });
    expect(ledger.conditionalFormats).toEqual([
      { range: "E3:E12", formula: '=AND(E3<>"",E3<TODAY())', fill: "#FFC7CE", priority: 0 },
    ]);
    expect(ledger.frozen).toBe("at A1:B2");
    expect(ledger.page).toMatchObject({ orientation: "Landscape", printTitleRows: "$1:$2" });
    expect(ledger.merges).toEqual([]);
    expect(x.sheet(SUMMARY).frozen).toBe("rows 3");
    expect(x.sheet(SUMMARY).tabColor).toBe("#1F6FB2");
  });

  it("with ExcelApi 1.7 only, skips validation, page layout and undo grouping and writes the rest", async () => {
    const { x, host } = setup(7);
    await expect(host.unsupported()).resolves.toEqual([
      "dataValidation",
      "pageLayout",
      "mergedAreas",
      "undoGroup",
    ]);
    const result = await host.apply(makePlan({ rows: 10 }));
    expect(result.skipped.sort()).toEqual(["dataValidation", "pageLayout", "undoGroup"]);
    expect(x.lastRunOptions).toEqual({ delayForCellEdit: true });
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
    const ledger = x.sheet(LEDGER);
    expect(ledger.validations).toEqual([]);
    expect(ledger.page).toEqual({});
    expect(x.tables.filter((t) => t.sheet === ledger)).toHaveLength(1);
    expect(ledger.conditionalFormats).toHaveLength(1);
    expect(ledger.frozen).toBe("at A1:B2");
    expect(ledger.cell(11, 1)?.value).toBe("关于加强社区养老服务的建议 9");
  });

  it("rebuilding retires the previous table and does not stack conditional formats", async () => {
    const { x, host } = setup();
    await host.apply(makePlan({ rows: 10 }));
    x.sheet(BACKUP).delete();
    await host.apply(makePlan({ rows: 10 }));
    const ledger = x.sheet(LEDGER);
    expect(x.tables.filter((t) => t.sheet === ledger).map((t) => t.name)).toEqual(["建议台账"]);
    expect(ledger.conditionalFormats).toHaveLength(1);
    expect(ledger.validations).toHaveLength(1);
    expect(x.log.some((l) => l.op === "convertToRange 建议台账")).toBe(true);
  });
});

/** The plan build.ts makes for a workbook built before: the backup exists, so no copy op. */
function rebuildPlan(rows: number) {
  const plan = makePlan({ rows });
  plan.ops = plan.ops.filter((op) => op.kind !== "copy");
  return plan;
}

/**
 * A workbook the add-in built before, then lived with: the ledger's table and validation point at the
 * settings sheet, a user's sheet has formulas over the generated sheets, and the generated sheets carry
 * leftovers (cells, a merge, rules, validation, frozen panes, widths, a table) that must not survive.
 */
async function builtBefore(version = 20, rows = 10) {
  const { x, host } = setup(version);
  await host.apply(makePlan({ rows }));
  const ledger = x.sheet(LEDGER);
  ledger.cells.set("0,7", { value: `='${SETTINGS}'!$A$2`, kind: "formula", format: "General" });
  const other = x.sheet("其他");
  other.cells.set("0,0", { value: `='${SUMMARY}'!B4+'${SETTINGS}'!A1`, kind: "formula", format: "General" });
  for (const name of [SUMMARY, SETTINGS]) {
    const s = x.sheet(name);
    s.cells.set("40,9", { value: "旧内容", kind: "text", format: "@" });
    s.merges.push({ top: 40, left: 10, bottom: 41, right: 11 });
    s.conditionalFormats.push({ range: "J41:J50", formula: "=TRUE" });
    if (version >= 8)
      s.validations.push({ range: "J41:J50", rule: { list: { source: "=$A$1" } }, errorAlert: {} });
    s.columnWidths.set(9, 99);
    s.frozen = "rows 5";
  }
  // A stray table on a generated sheet: deleted with the old content.
  const stray = x.sheet(SUMMARY).tables.add("J60:K62");
  stray.name = "旧表";
  x.log.length = 0;
  x.syncs = 0;
  x.syncSpy.mockClear();
  return { x, host };
}

describe("apply: rebuilding a workbook built before", () => {
  it("reuses the generated sheets: same objects, emptied first, nothing deleted", async () => {
    const { x, host } = await builtBefore();
    const summary = x.sheet(SUMMARY);
    const settings = x.sheet(SETTINGS);
    const ids = [summary.id, settings.id];
    await host.apply(rebuildPlan(10));
    expect(x.deleted).toEqual([]);
    expect(x.sheet(SUMMARY)).toBe(summary);
    expect(x.sheet(SETTINGS)).toBe(settings);
    expect([x.sheet(SUMMARY).id, x.sheet(SETTINGS).id]).toEqual(ids);
    expect(x.log.some((l) => l.op.startsWith("add "))).toBe(false);
    const order = x.log.map((l) => `${l.sync}:${l.op}`);
    for (const name of [SUMMARY, SETTINGS]) {
      // Emptied in phase 2, before anything is written to it.
      expect(order).toContain(`1:clear ${name}!A1:XFD1048576 All`);
      const s = x.sheet(name);
      expect(s.cell(40, 9)).toBeUndefined();
      expect(s.merges.some((m) => m.top === 40)).toBe(false);
      expect(s.conditionalFormats).toEqual([]);
      expect(s.validations).toEqual([]);
      expect(s.columnWidths.has(9)).toBe(false);
    }
    expect(order).toContain("1:delete table 旧表");
    expect(x.sheet(SUMMARY).frozen).toBe("rows 3");
    expect(x.sheet(SETTINGS).frozen).toBeUndefined();
    expect(x.sheet(SETTINGS).visibility).toBe("Hidden");
    expect(x.sheet(SETTINGS).cell(1, 0)?.value).toBe("A");
    expect(x.sheet(SUMMARY).cell(0, 0)?.value).toBe("2025年度建议办理统计");
  });

  it("leaves no formula, list or calculated column pointing at a deleted sheet or table", async () => {
    const { x, host } = await builtBefore();
    await host.apply(rebuildPlan(10));
    const formulas = x.formulas();
    expect(formulas.filter((f) => f.formula.includes("#REF!"))).toEqual([]);
    expect(x.sheet(LEDGER).cell(0, 7)?.value).toBe(`='${SETTINGS}'!$A$2`);
    expect(x.sheet("其他").cell(0, 0)?.value).toBe(`='${SUMMARY}'!B4+'${SETTINGS}'!A1`);
    expect(x.sheet(LEDGER).validations[0]?.rule).toEqual({
      list: { inCellDropDown: true, source: `='${SETTINGS}'!$A$2:$A$3` },
    });
  });

  it("writes structured references after the ledger's table exists, so Excel keeps them", async () => {
    const { x, host } = await builtBefore();
    await host.apply(rebuildPlan(12));
    // Not rewritten into A1 references to the old table's rows by convertToRange.
    expect(x.sheet(SUMMARY).cell(4, 1)).toMatchObject({
      value: `=COUNTA(${TABLE}[建议标题])`,
      kind: "formula",
    });
    const ledger = x.sheet(LEDGER);
    expect(x.tables.filter((t) => t.sheet === ledger).map((t) => t.name)).toEqual([TABLE]);
    const order = x.log.map((l) => `${l.sync}:${l.op}`);
    expect(order.indexOf(`4:convertToRange ${TABLE}`)).toBeGreaterThanOrEqual(0);
    expect(order).toContain("5:table A2:E14");
  });

  it.each([10, 10_000])("takes as many syncs as a first build of %i rows", async (rows) => {
    const first = setup();
    await first.host.apply(makePlan({ rows }));
    const firstSyncs = first.x.syncSpy.mock.calls.length;
    const { x, host } = await builtBefore(20, rows);
    const progress: number[] = [];
    await host.apply(rebuildPlan(rows), (f) => progress.push(f));
    expect(x.syncSpy).toHaveBeenCalledTimes(firstSyncs);
    expect(firstSyncs).toBe(APPLY_SYNCS);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it("with ExcelApi 1.7 reuses the sheets without touching data validation", async () => {
    const { x, host } = await builtBefore(7);
    const settings = x.sheet(SETTINGS);
    await host.apply(rebuildPlan(10));
    expect(x.sheet(SETTINGS)).toBe(settings);
    expect(x.deleted).toEqual([]);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
    expect(x.formulas().filter((f) => f.formula.includes("#REF!"))).toEqual([]);
  });

  it("still deletes a replaced sheet the plan does not create again", async () => {
    const { x, host } = await builtBefore();
    x.addSheet("汇报");
    const plan = rebuildPlan(10);
    plan.replaces = [...plan.replaces, "汇报"];
    await host.apply(plan);
    expect(x.deleted).toEqual(["汇报"]);
    expect(x.log.find((l) => l.op === "delete 汇报")?.sync).toBe(1);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
  });
});

describe("apply: failures", () => {
  it("a failure in the final phase leaves the backup made first", async () => {
    const { x, host } = setup();
    x.failAt = { sync: APPLY_SYNCS, code: "GeneralException" };
    const err = await host.apply(makePlan({ rows: 10 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: "GeneralException", message: "GeneralException" });
    expect(x.log[0]).toEqual({ sync: 1, op: `copy ${LEDGER}` });
    const backup = x.sheet(BACKUP);
    expect(backup.cell(2, 1)?.value).toBe("原始建议 1");
    expect(backup.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it("a failure while writing the generated sheets leaves the user's sheet untouched", async () => {
    const { x, host } = setup();
    const before = new Map([...x.sheet(LEDGER).cells].map(([k, v]) => [k, { ...v }]));
    x.failAt = { sync: 3, code: "AccessDenied" };
    await expect(host.apply(makePlan({ rows: 10 }))).rejects.toMatchObject({
      code: "AccessDenied",
      details: {},
    });
    expect(x.sheet(LEDGER).cells).toEqual(before);
    expect(x.sheet(LEDGER).merges).toHaveLength(1);
  });

  it("refuses to overwrite a sheet it did not generate, before writing anything", async () => {
    const { x, host } = setup();
    x.addSheet(SETTINGS);
    const plan = makePlan({ rows: 10 });
    plan.replaces = [SUMMARY];
    await expect(host.apply(plan)).rejects.toMatchObject({
      code: "SheetNameTaken",
      details: { sheet: SETTINGS },
    });
    expect(x.syncSpy).toHaveBeenCalledTimes(1);
    expect(x.log).toEqual([]);
  });

  it("turns cell edit mode into its code, and asks Excel to wait for it", async () => {
    const { x, host } = setup();
    x.failAt = { sync: 1, code: "InvalidOperationInCellEditMode" };
    await expect(host.apply(makePlan({ rows: 1 }))).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
      message: "InvalidOperationInCellEditMode",
    });
    expect(x.lastRunOptions).toMatchObject({ delayForCellEdit: true });
  });
});
