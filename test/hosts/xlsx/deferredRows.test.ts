/**
 * A sheet whose rows are held as models (deferredRows.ts, the build's backup) is written as the same sheet given
 * its model through ExcelJS's setter: by zipWorkbook from the held rows, and by ExcelJS's own writer once the
 * rows are attached, part for part — merged cells on styled rows and columns, notes with their own margins,
 * hyperlinks, shared formulas, dates, styled empty cells.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { unzipSync } from "fflate";
import { zipWorkbook } from "../../../src/hosts/xlsx/zipWrite";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";
import {
  attachDeferredRows,
  deferredRowsOf,
  setModelDeferringRows,
} from "../../../src/hosts/xlsx/deferredRows";

type Model = ExcelJS.WorksheetModel & {
  rows: { cells?: object[] }[];
  merges: string[];
  tables: unknown[];
};

/** A sheet as a user's file has it, written and loaded again (the loaded models are what a build copies). */
async function original(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.getColumn(3).font = { italic: true };
  ws.getColumn(3).width = 20;
  ws.getCell("A1").value = "某局2026年建议提案责任分工表";
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.mergeCells("A1:E1");
  ws.getRow(2).font = { color: { argb: "FFFF0000" } };
  ws.getRow(2).height = 24;
  ws.getCell("A2").value = "序号";
  ws.getCell("B2").value = "办理单位";
  ws.mergeCells("B2:D3");
  ws.getCell("A3").value = 1;
  ws.getCell("A4").value = new Date(Date.UTC(2026, 2, 10));
  ws.getCell("B4").value = { text: "链接", hyperlink: "https://example.org/?a=1&b=2" };
  ws.getCell("C4").value = { formula: "A3+1", shareType: "shared", ref: "C4:C6" } as ExcelJS.CellFormulaValue;
  ws.getCell("C5").value = { sharedFormula: "C4" } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("C6").value = { sharedFormula: "C4", result: 3 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("D4").value = { richText: [{ text: "粗", font: { bold: true } }, { text: "体" }] };
  ws.getCell("E4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  for (const address of ["A5", "B5", "D5"]) ws.getCell(address).value = address;
  ws.getCell("A5").note = "批注";
  ws.getCell("B5").note = {
    texts: [{ text: "留" }, { text: "意", font: { bold: true } }],
    margins: { insetmode: "custom", inset: [0.3, 0.3, 0.4, 0.4] },
    protection: { locked: "False", lockText: "False" },
    editAs: "absolute",
  } as ExcelJS.Comment;
  ws.getRow(7).hidden = true;
  ws.getCell("A7").value = "藏";
  ws.getRow(9).height = 30;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The loaded workbook with a copy of 台账 named "台账(原表)": its model handed over in full, or deferred. */
async function withCopy(bytes: Uint8Array, deferred: boolean): Promise<ExcelJS.Workbook> {
  const wb = await loadXlsx(bytes);
  const from = wb.getWorksheet("台账")!;
  // A note of one plain text with margins of its own, as ExcelJS reads one from Excel's VML (its own writer
  // leaves the margins out): the setter keeps the text alone.
  from.getCell("D5").note = {
    texts: [{ text: "只有字" }],
    margins: { insetmode: "custom", inset: [0.5, 0.5, 0.5, 0.5] },
    editAs: "oneCells",
  } as ExcelJS.Comment;
  const model = from.model as Model;
  const to = wb.addWorksheet("台账(原表)");
  const copy = {
    ...model,
    rows: model.rows.map((row) => ({ ...row, cells: (row.cells ?? []).map((cell) => ({ ...cell })) })),
    id: to.id,
    name: to.name,
    tables: [],
    mergeCells: model.merges,
  } as unknown as ExcelJS.WorksheetModel;
  if (deferred) setModelDeferringRows(to, copy);
  else to.model = copy;
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = new Date(Date.UTC(2026, 0, 2));
  return wb;
}

async function excelJsParts(wb: ExcelJS.Workbook): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("string"));
  return out;
}

function partsOf(bytes: Uint8Array): Map<string, string> {
  const decoder = new TextDecoder();
  return new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, decoder.decode(data)]));
}

describe("deferred rows", () => {
  it("are written as the sheet given its whole model, by zipWorkbook and by ExcelJS once attached", async () => {
    const bytes = await original();
    const expected = await excelJsParts(await withCopy(bytes, false));
    const held = await withCopy(bytes, true);
    const backup = held.getWorksheet("台账(原表)")!;
    expect(deferredRowsOf(backup)).toBeDefined();
    // Held back: the worksheet has no cells of its own but the merged ones.
    expect(backup.getCell("A3").value).toBeNull();
    const got = partsOf((await zipWorkbook(held, 6))!);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect({ name, text: got.get(name) }).toEqual({ name, text });
    // The sheet part really holds the rows (not two empty sheets compared).
    expect(expected.get("xl/worksheets/sheet2.xml")).toContain('<c r="C5"');
    expect(expected.get("xl/comments2.xml")).toContain("只有字");

    attachDeferredRows(held);
    expect(deferredRowsOf(backup)).toBeUndefined();
    expect(backup.getCell("A3").value).toBe(1);
    expect(backup.getCell("C2").isMerged).toBe(true);
    const attached = await excelJsParts(held);
    for (const [name, text] of expected) expect({ name, text: attached.get(name) }).toEqual({ name, text });
  });
});
