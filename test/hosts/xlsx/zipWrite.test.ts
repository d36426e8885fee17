/**
 * zipWorkbook (fflate) writes the very parts ExcelJS's own writer writes (jszip), byte for byte: the sample as
 * built (tables, validations, conditional formats, the backup copy), a workbook with an image, stored or deflated.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { unzipSync } from "fflate";
import { zipWorkbook } from "../../../src/hosts/xlsx/zipWrite";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");
// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

async function jszipParts(wb: ExcelJS.Workbook): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const out = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("nodebuffer"));
  return out;
}

function fflateParts(bytes: Uint8Array): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, Buffer.from(data)]));
}

async function expectSameParts(wb: ExcelJS.Workbook): Promise<void> {
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = new Date(Date.UTC(2026, 0, 2));
  const expected = await jszipParts(wb);
  for (const level of [0, 6] as const) {
    const bytes = await zipWorkbook(wb, level);
    expect(bytes).toBeDefined();
    const got = fflateParts(bytes!);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, data] of expected)
      expect({ name, same: got.get(name)?.equals(data) }).toEqual({ name, same: true });
  }
}

describe("zipWorkbook", () => {
  it("writes the built sample as ExcelJS does, part for part", async () => {
    const built = await buildXlsx(readFileSync(SAMPLE), { asOf: "2026-12-01" }, new Date(2026, 11, 1));
    if (!built.ok) throw new Error(built.error.code);
    await expectSameParts(await loadXlsx(built.buffer));
  });

  it("writes images (buffer and base64) and Chinese text as ExcelJS does", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["编号", "案由", "答复日期"]);
    ws.addRow(["R1", "关于加强养老服务的建议 ✓", new Date(Date.UTC(2026, 5, 30))]);
    ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" }), "D1:E3");
    ws.addImage(
      wb.addImage({ base64: `data:image/png;base64,${PNG.toString("base64")}`, extension: "png" }),
      "D5:E7",
    );
    await expectSameParts(wb);
  });

  it("writes long repeated formulas (escaped once) as ExcelJS does, and leaves the cells' formulas as they were", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    // Quotes, apostrophes, <, >, &, a tab and characters XML cannot hold (ExcelJS drops those).
    const long = `IF(A1<>"",'台账设置'!$B$1&"<&>\t\u0001\u007f","${"长".repeat(80)}")`;
    const other = `SUMPRODUCT(--ISNUMBER(FIND({"已答复","已办结"},A1)))+${"1+".repeat(40)}1`;
    for (let r = 1; r <= 30; r++) {
      ws.getCell(r, 1).value = { formula: long } as ExcelJS.CellFormulaValue;
      ws.getCell(r, 2).value = { formula: other, result: r } as ExcelJS.CellFormulaValue;
      ws.getCell(r, 3).value = { formula: "A1+1" } as ExcelJS.CellFormulaValue;
    }
    // A shared formula keeps ExcelJS's own writing.
    ws.getCell("D1").value = {
      formula: other,
      shareType: "shared",
      ref: "D1:D2",
    } as ExcelJS.CellFormulaValue;
    ws.getCell("D2").value = { sharedFormula: "D1" } as ExcelJS.CellSharedFormulaValue;
    await expectSameParts(wb);
    expect((ws.getCell("A7").value as ExcelJS.CellFormulaValue).formula).toBe(long);
    expect((ws.getCell("B30").value as ExcelJS.CellFormulaValue).formula).toBe(other);
  });

  it("writes a formula holding the token's own character as ExcelJS does", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    const odd = `"\uE0000\uE001"&"${"x".repeat(80)}"`;
    for (let r = 1; r <= 3; r++) ws.getCell(r, 1).value = { formula: odd } as ExcelJS.CellFormulaValue;
    ws.getCell("B1").value = { formula: `LEN("${"y".repeat(80)}")` } as ExcelJS.CellFormulaValue;
    await expectSameParts(wb);
  });

  it("writes every kind of cell and row as ExcelJS does (its rows written by sheetData.ts)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    const values: ExcelJS.CellValue[] = [
      42,
      -0.1 + 0.3,
      1e21,
      0,
      true,
      false,
      "文本 <&> \"'\t\u0001",
      "",
      new Date(Date.UTC(2026, 5, 30, 12, 34, 56)),
      { error: "#N/A" } as ExcelJS.CellErrorValue,
      { richText: [{ text: "粗", font: { bold: true } }, { text: "体" }] },
      { text: "链接", hyperlink: "https://example.org/?a=1&b=2" },
      { formula: "1+1" } as ExcelJS.CellFormulaValue,
      { formula: 'A1&"<x>"', result: "42<x>" } as ExcelJS.CellFormulaValue,
      { formula: "A1*2", result: 84 } as ExcelJS.CellFormulaValue,
      { formula: "A1>1", result: true } as ExcelJS.CellFormulaValue,
      { formula: "A1<0", result: false } as ExcelJS.CellFormulaValue,
      { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue,
      { formula: "TODAY()", result: new Date(Date.UTC(2026, 11, 1)) } as ExcelJS.CellFormulaValue,
      { formula: "" } as unknown as ExcelJS.CellFormulaValue,
    ];
    values.forEach((value, i) => {
      ws.getCell(i + 1, 1).value = value;
      ws.getCell(i + 1, 2).value = value;
      ws.getCell(i + 1, 2).numFmt = i % 2 === 0 ? "0.00" : "yyyy-mm-dd";
    });
    ws.getCell("C1").value = {
      formula: "A1+1",
      shareType: "shared",
      ref: "C1:C3",
    } as ExcelJS.CellFormulaValue;
    ws.getCell("C2").value = { sharedFormula: "C1" } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C3").value = { sharedFormula: "C1", result: 7 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("D1").value = {
      formula: "A1:A2*2",
      shareType: "array",
      ref: "D1:D2",
    } as ExcelJS.CellFormulaValue;
    ws.getCell("E4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    ws.mergeCells("F1:G2");
    ws.getCell("F1").value = "合并";
    ws.getRow(5).height = 30;
    ws.getRow(6).hidden = true;
    ws.getRow(7).outlineLevel = 1;
    ws.getRow(8).font = { bold: true };
    ws.getRow(25).height = 12;
    ws.getCell("A1").note = "批注";
    // One style object on a number and then a date (the date keeps the number's id, as in ExcelJS), and objects
    // of the same content first met on a date or on a number.
    const bold = { font: { bold: true } };
    const day = new Date(Date.UTC(2026, 2, 1));
    [1, day, day, 2, day].forEach((value, i) => {
      const cell = ws.getCell(i + 1, 8);
      cell.value = value;
      cell.style = i < 2 ? bold : { font: { bold: true } };
    });
    // The same with formulas whose cached result is a date: a date to ExcelJS's styles too.
    const dated = { formula: "TODAY()", result: day } as ExcelJS.CellFormulaValue;
    [3, dated, { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue, dated].forEach((value, i) => {
      const cell = ws.getCell(i + 1, 9);
      cell.value = value;
      cell.style = { font: { italic: true } };
    });
    const plain = wb.addWorksheet("空表");
    plain.getCell("A1").value = "只有一格";
    wb.addWorksheet("没有行");
    wb.properties.date1904 = false;
    await expectSameParts(wb);
    const old = new ExcelJS.Workbook();
    old.properties.date1904 = true;
    old
      .addWorksheet("1904")
      .addRow([new Date(Date.UTC(2026, 0, 1)), { formula: "A1", result: new Date(Date.UTC(2026, 0, 2)) }]);
    await expectSameParts(old);
  });

  it("stores without compression at level 0 and deflates at 6", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("台账").addRow(["案由".repeat(500)]);
    const stored = (await zipWorkbook(wb, 0))!;
    const deflated = (await zipWorkbook(wb, 6))!;
    expect(deflated.length).toBeLessThan(stored.length / 2);
  });
});
