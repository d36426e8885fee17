import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { analyzeWorkbook } from "../../../src/core/analyze";
import { planWorkbook } from "../../../src/core/plan/build";
import type { Stats } from "../../../src/core/stats.types";
import { SETTINGS_MARKER } from "../../../src/core/roles";
import { convertWithLibreOffice, describeWithLibreOffice } from "../../helpers/libreoffice";
import { AS_OF } from "../../helpers/ledgerFixtures";
import { utc } from "../../helpers/grid-xlsx";

/** Issue 10, item 3: odd workbooks written as real .xlsx files, built, read back (and recalculated). */

const NOW = new Date(2019, 8, 30);
const LONG = "长".repeat(40_000);
const HEADER = [
  "序号",
  "编号",
  "类别",
  "案由",
  "办理类型",
  "分管领导",
  "承办科室[主]",
  "承办人#",
  "交办时间",
  "答复期限",
  "答复时间",
  "'办理结果'",
  "满意度",
];
const ROWS: (string | number | Date | null)[][] = [
  [
    1,
    "R1",
    "人大建议",
    "关于公墓建设的建议",
    "主办",
    "张局长",
    "民政ABC",
    "小王",
    utc(2019, 3, 1),
    utc(2019, 6, 1),
    utc(2019, 5, 20),
    "A类",
    "满意",
  ],
  [
    2,
    "R2",
    "人大建议",
    "关于养老的建议",
    "主办",
    "张局长",
    "民政abc",
    "小李",
    utc(2019, 3, 1),
    utc(2019, 6, 1),
    null,
    null,
    null,
  ],
  [
    3,
    "P1",
    "政协提案",
    LONG,
    "协办",
    "李局长",
    "基层科",
    "小赵",
    utc(2019, 3, 5),
    utc(2019, 10, 3),
    null,
    null,
    null,
  ],
  [
    4,
    "P2",
    "政协提案",
    "关于社区的提案",
    "主办",
    "李局长",
    "基层科",
    "小钱",
    utc(2019, 3, 5),
    null,
    null,
    null,
    null,
  ],
];

/**
 * One workbook with every odd input at once: another sheet's table already named 台账表, headers with
 * [ ] # ', the 1904 date system, a 40,000-character cell, departments differing only in case, and a ledger
 * sheet name of 31 characters.
 */
async function oddWorkbook(options: { date1904: boolean; sheetName?: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = options.date1904;
  const other = wb.addWorksheet("其他");
  other.addTable({ name: "台账表", ref: "A1", columns: [{ name: "x" }], rows: [[1], [2]] });
  const ws = wb.addWorksheet(options.sheetName ?? "台账");
  [HEADER, ...ROWS].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

function tableNames(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.flatMap((ws) =>
    Object.keys((ws as unknown as { tables?: Record<string, unknown> }).tables ?? {}),
  );
}

const LONG_NAME = "二〇一九年度人大代表建议和政协委员提案办理工作台账表";

describe("odd input through the .xlsx host", () => {
  it.each([false, true])(
    "date1904=%s: the snapshot knows the tables and reads the days right",
    async (date1904) => {
      const snapshot = snapshotOf(await loadXlsx(await oddWorkbook({ date1904 })));
      expect(snapshot.tables).toEqual([{ name: "台账表", sheet: "其他", range: "A1:A3" }]);
      expect(snapshot.date1904 === true).toBe(date1904);
      const out = analyzeWorkbook(snapshot, { asOf: AS_OF }, NOW);
      if (!out.ok) throw new Error(out.error.code);
      expect(out.analysis.records.map((r) => r.dueOn)).toEqual([43617, 43617, 43741, undefined]);
    },
  );

  it("builds one table whose name every formula uses, with safe column names", async () => {
    const built = await buildXlsx(await oddWorkbook({ date1904: false }), { asOf: AS_OF }, NOW);
    if (!built.ok) throw new Error(built.error.code);
    const wb = await read(built.buffer);
    expect(tableNames(wb).sort()).toEqual(["台账表", "台账表_2"]);
    expect(built.plan.ledgers[0]?.table).toBe("台账表_2");
    const ledger = wb.getWorksheet("台账");
    expect(ledger?.getCell("G1").value).toBe("承办科室［主］");
    expect(ledger?.getCell("L1").value).toBe("＇办理结果＇");
    const summary = wb.getWorksheet(built.plan.sheets.summary);
    const used = new Set<string>();
    summary?.eachRow((row) =>
      row.eachCell((cell) => {
        for (const m of String(cell.formula ?? "").matchAll(/(台账表[_\d]*)\[/g)) used.add(m[1] ?? "");
      }),
    );
    expect([...used]).toEqual(["台账表_2"]);
  });

  it("keeps a 40,000-character cell whole in the backup only, and reports it", async () => {
    const built = await buildXlsx(await oddWorkbook({ date1904: false }), { asOf: AS_OF }, NOW);
    if (!built.ok) throw new Error(built.error.code);
    expect(built.analysis.issues).toContainEqual(
      expect.objectContaining({ code: "text_too_long", cell: "D4", sheet: "台账" }),
    );
    const wb = await read(built.buffer);
    const lengths: Record<string, number> = {};
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string" && cell.value.startsWith("长长长"))
            lengths[`${ws.name}!${cell.address}`] = cell.value.length;
        }),
      );
    expect(lengths).toEqual({
      "台账!D4": 32_767,
      [`${built.plan.sheets.backup}!D4`]: 40_000,
      ...summaryLong(wb, built.plan.sheets.summary),
    });
    expect(String(wb.getWorksheet("台账")?.getCell("D4").value)).toMatch(/…【超长已截断，全文见原表】$/);
  });

  it("writes a 1904 workbook's dates as its own serials: the days read back unchanged", async () => {
    const built = await buildXlsx(await oddWorkbook({ date1904: true }), { asOf: AS_OF }, NOW);
    if (!built.ok) throw new Error(built.error.code);
    const wb = await read(built.buffer);
    expect(wb.properties.date1904).toBe(true);
    const ledger = wb.getWorksheet("台账");
    expect((ledger?.getCell("J2").value as Date).toISOString().slice(0, 10)).toBe("2019-06-01");
    expect((ledger?.getCell("K2").value as Date).toISOString().slice(0, 10)).toBe("2019-05-20");
    const again = analyzeWorkbook(snapshotOf(wb), { asOf: AS_OF }, NOW);
    if (!again.ok) throw new Error(again.error.code);
    expect(again.analysis.stats).toEqual(built.analysis.stats);
  });

  it("names the backup of a 31-character sheet with (原表)", async () => {
    const name = [...`${LONG_NAME}第一二三四五六七`].slice(0, 31).join("");
    expect([...name].length).toBe(31);
    const built = await buildXlsx(
      await oddWorkbook({ date1904: false, sheetName: name }),
      { asOf: AS_OF },
      NOW,
    );
    if (!built.ok) throw new Error(built.error.code);
    expect(built.plan.sheets.backup).toBe(`${[...name].slice(0, 27).join("")}(原表)`);
    expect((await read(built.buffer)).getWorksheet(built.plan.sheets.backup)).toBeDefined();
  });

  it("ignores a forged 台账设置 that names the user's sheets, and overwrites none of them", async () => {
    const wb = await loadXlsx(await oddWorkbook({ date1904: false }));
    const notes = wb.addWorksheet("填报说明");
    notes.getCell("A1").value = "请每月更新";
    const settings = wb.addWorksheet("台账设置");
    settings.state = "hidden";
    [
      [SETTINGS_MARKER, null],
      ["sheet.ledger", "台账"],
      ["sheet.summary", "台账"],
      ["sheet.report", "填报说明"],
      ["sheet.backup", "其他"],
      ["part.sheet", "台账"],
    ].forEach(([k, v], r) => {
      settings.getCell(r + 1, 1).value = k;
      if (v !== null) settings.getCell(r + 1, 2).value = v;
    });
    const input = Buffer.from(await wb.xlsx.writeBuffer());
    const built = await buildXlsx(input, { asOf: AS_OF }, NOW);
    if (!built.ok) throw new Error(built.error.code);
    expect(
      built.analysis.issues
        .filter((i) => i.code === "stored_sheet_ignored")
        .map((i) => i.params.text)
        .sort(),
    ).toEqual(["台账", "填报说明"].sort());
    const out = await read(built.buffer);
    expect(out.getWorksheet("填报说明")?.getCell("A1").value).toBe("请每月更新");
    expect(out.getWorksheet("其他")?.getCell("A2").value).toBe(1);
    expect(out.getWorksheet("台账")?.getCell("B2").value).toBe("R1");
    expect(built.plan.sheets.summary).toBe("统计表");
  });
});

/** Long cells on the statistics sheet (the open-items list quotes 案由): cut like the ledger's. */
function summaryLong(wb: ExcelJS.Workbook, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  wb.getWorksheet(name)?.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === "string" && cell.value.startsWith("长长长"))
        out[`${name}!${cell.address}`] = 32_767;
    }),
  );
  return out;
}

/** The engine's number for a figure key (summary/context.ts SummaryFigures) this workbook has. */
function expected(stats: Stats, key: string): unknown {
  const [head, ...rest] = key.split(".");
  if (head === "byDepartment" || head === "byLeader") {
    const g = stats[head].find((x) => x.name === rest.slice(0, -1).join("."));
    return g ? g[rest.at(-1) as "total"] : NaN;
  }
  if (head === "asOf") return stats.asOf;
  if (head === "open") return stats.total - stats.replied;
  const value = (stats as unknown as Record<string, unknown>)[head ?? ""];
  if (typeof value === "number" || value === null) return value;
  let v: unknown = value;
  for (const k of rest) v = (v as Record<string, unknown>)[k];
  if (head === "byKind" && rest[0] === "npc+npcMotion") return stats.byKind.npc + stats.byKind.npcMotion;
  if (head === "topics") return stats.topics.find((t) => t.name === rest.join("."))?.count ?? NaN;
  return v;
}

/** LibreOffice writes date1904="true", which ExcelJS takes for the 1900 system: spell it as Excel does. */
async function asExcelJsReadsIt(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("xl/workbook.xml")?.async("string");
  if (xml !== undefined) zip.file("xl/workbook.xml", xml.replace('date1904="true"', 'date1904="1"'));
  return zip.generateAsync({ type: "uint8array" });
}

describeWithLibreOffice("LibreOffice recalculates the odd workbook", () => {
  it.each([true])("date1904=%s: no #NAME?/#VALUE!/#N/A, every figure the engine's", async (date1904) => {
    const input = await oddWorkbook({ date1904 });
    const built = await buildXlsx(input, { asOf: AS_OF }, NOW);
    if (!built.ok) throw new Error(built.error.code);
    const snapshot = snapshotOf(await loadXlsx(input));
    const outcome = analyzeWorkbook(snapshot, { asOf: AS_OF }, NOW);
    if (!outcome.ok) throw new Error(outcome.error.code);
    const { figures } = planWorkbook(snapshot, outcome.analysis);
    const wb = await read(await asExcelJsReadsIt(await convertWithLibreOffice(built.buffer)));

    const errors: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (!cell.formula) return;
          const v = cell.result;
          const text = typeof v === "object" && v !== null && "error" in v ? String(v.error) : String(v);
          if (/^#|^Err:/.test(text)) errors.push(`${ws.name}!${cell.address} ${text}`);
        }),
      );
    expect(errors).toEqual([]);

    const summary = wb.getWorksheet(built.plan.sheets.summary);
    const stats = built.analysis.stats;
    expect(stats.byDepartment.map((g) => [g.name, g.total]).sort()).toEqual([
      ["基层科", 2],
      ["民政ABC", 2],
    ]);
    let compared = 0;
    for (const [key, address] of Object.entries(figures)) {
      const cell = summary?.getCell(address);
      let actual: unknown = cell?.formula ? cell.result : cell?.value;
      if (actual instanceof Date) actual = actual.toISOString().slice(0, 10);
      if (actual === "" || actual === undefined) actual = null;
      const want = expected(stats, key);
      if (typeof want === "number" && !Number.isInteger(want)) expect(actual as number).toBeCloseTo(want, 9);
      else expect([key, actual]).toEqual([key, want]);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
    // 时限状态 of each row, as the engine has it: the 1904 days compared right.
    const ledger = wb.getWorksheet("台账");
    const statusCol = HEADER.length + 2;
    expect([2, 3, 4, 5].map((r) => ledger?.getCell(r, statusCol).result)).toEqual([
      "已答复",
      "已超期",
      "即将到期",
      "已超期",
    ]);
  });
});
