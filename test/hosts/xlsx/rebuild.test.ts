import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx, writeXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";
import { AS_OF } from "../../helpers/ledgerFixtures";

/**
 * Issue 10, item 1: what a clerk writes on 汇报材料 and 统计表 survives building again (CLI, page), through
 * real .xlsx files written and read back.
 */
const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");
const NOW = new Date(2019, 8, 30);
const FILLED = "\u3000\u3000今年我局严格落实“五定”责任制，分管领导亲自部署，每件建议提案均按时交办。";
const ADDED = "\u3000\u3000此外，我局还召开了两次办理工作推进会。";

async function build(input: Uint8Array, asOf = AS_OF) {
  const built = await buildXlsx(input, { asOf }, NOW);
  if (!built.ok) throw new Error(`build failed: ${built.error.code}`);
  return built;
}

function column(ws: ExcelJS.Worksheet, c = 1): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    const v = row.getCell(c).value;
    if (typeof v === "string") out.push(v);
  });
  return out;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The statistics sheet's formulas by address (what the figures are). */
function formulas(ws: ExcelJS.Worksheet): Record<string, string> {
  const out: Record<string, string> = {};
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.formula) out[cell.address] = cell.formula;
    }),
  );
  return out;
}

/** A clerk's edits: a placeholder filled in, a paragraph added after it, a note, a remark cell and a remark row. */
async function editLikeAClerk(buffer: Uint8Array): Promise<{ out: Uint8Array; remarkRow: number }> {
  const wb = await loadXlsx(buffer);
  const report = sheet(wb, "汇报材料");
  const rows: number[] = [];
  report.eachRow((row, r) => {
    if (String(row.getCell(1).value ?? "").includes("【请在此填写")) rows.push(r);
  });
  const first = rows[0];
  if (first === undefined) throw new Error("no placeholder");
  report.getCell(first, 1).value = FILLED;
  report.spliceRows(first + 1, 0, [ADDED]);
  const summary = sheet(wb, "统计表");
  const remarkRow = summary.rowCount + 3;
  summary.getCell(remarkRow, 1).value = "备注：数据经分管领导审核。";
  summary.getCell(2, 12).value = "核对人：张三";
  summary.getCell("A1").note = "标题按局办公室要求";
  return { out: await writeXlsx(wb), remarkRow };
}

describe("a rebuild keeps the user's edits (.xlsx host)", () => {
  it("keeps the filled placeholder, the added paragraph, the note and the remarks; the figures stay right", async () => {
    const first = await build(readFileSync(SAMPLE));
    const before = formulas(sheet(await loadXlsx(first.buffer), "统计表"));
    const { out, remarkRow } = await editLikeAClerk(first.buffer);

    const again = await build(out);
    const wb = await loadXlsx(again.buffer);
    const report = column(sheet(wb, "汇报材料"));
    expect(report).toContain(FILLED);
    expect(report[report.indexOf(FILLED) + 1]).toBe(ADDED);
    // The other placeholders are still there, the one filled in is not.
    expect(report.filter((t) => t.includes("【请在此填写")).length).toBe(2);

    const summary = sheet(wb, "统计表");
    expect(summary.getCell(remarkRow, 1).value).toBe("备注：数据经分管领导审核。");
    expect(summary.getCell(2, 12).value).toBe("核对人：张三");
    expect(summary.getCell("A1").note).toBe("标题按局办公室要求");
    expect(formulas(summary)).toEqual(before);
    // No copy was needed, and the user is told their edits were kept.
    expect(wb.worksheets.map((w) => w.name).filter((n) => /\(\d\d-\d\d\)$/.test(n))).toEqual([]);
    expect(
      again.analysis.issues.filter((i) => i.code === "user_edits_kept").map((i) => i.params.text),
    ).toEqual(expect.arrayContaining(["统计表", "汇报材料"]));

    // A third build keeps them still (the user's text is recorded as the user's, never as the build's).
    const third = await loadXlsx((await build(again.buffer)).buffer);
    expect(column(sheet(third, "汇报材料"))).toEqual(report);
    expect(sheet(third, "统计表").getCell(remarkRow, 1).value).toBe("备注：数据经分管领导审核。");
    expect(sheet(third, "统计表").getCell("A1").note).toBe("标题按局办公室要求");
  });

  it("keeps them when the figures change (another as-of date), the new figures written around them", async () => {
    const first = await build(readFileSync(SAMPLE));
    const { out, remarkRow } = await editLikeAClerk(first.buffer);
    const again = await build(out, "2019-12-31");
    const wb = await loadXlsx(again.buffer);
    const report = column(sheet(wb, "汇报材料"));
    expect(report[report.indexOf(FILLED) + 1]).toBe(ADDED);
    expect(report.join("")).toContain("2019年12月31日");
    expect(sheet(wb, "统计表").getCell(remarkRow, 1).value).toBe("备注：数据经分管领导审核。");
    expect(again.analysis.issues.map((i) => i.code)).not.toContain("generated_sheet_copied");
  });

  it("rebuilding without edits writes the same sheets again, with no copy and nothing to tell", async () => {
    const first = await build(readFileSync(SAMPLE));
    const again = await build(first.buffer);
    const a = await loadXlsx(first.buffer);
    const b = await loadXlsx(again.buffer);
    expect(b.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
    for (const name of ["统计表", "汇报材料"]) {
      expect(column(sheet(b, name))).toEqual(column(sheet(a, name)));
      expect(formulas(sheet(b, name))).toEqual(formulas(sheet(a, name)));
    }
    const codes = again.analysis.issues.map((i) => i.code);
    expect(codes).not.toContain("user_edits_kept");
    expect(codes).not.toContain("generated_sheet_copied");
  });

  it("keeps the old sheet as a dated copy when the new figures would write over a user's cell", async () => {
    const first = await build(readFileSync(SAMPLE));
    const wb = await loadXlsx(first.buffer);
    const summary = sheet(wb, "统计表");
    // The clerk overwrites a label the build wrote.
    let label = "";
    summary.eachRow((row) =>
      row.eachCell((cell) => {
        // Below the title rows (a changed title tells the build the sheet is no longer its own).
        if (!label && typeof cell.value === "string" && Number(cell.row) > 3) label = cell.address;
      }),
    );
    summary.getCell(label).value = "我改过的标签";
    const again = await build(await writeXlsx(wb));
    const out = await loadXlsx(again.buffer);
    const copy = again.analysis.issues.find((i) => i.code === "generated_sheet_copied");
    expect(copy?.params).toEqual({ text: "统计表", other: "统计表(09-30)" });
    expect(sheet(out, "统计表(09-30)").getCell(label).value).toBe("我改过的标签");
    expect(sheet(out, "统计表").getCell(label).value).not.toBe("我改过的标签");
  });
});
