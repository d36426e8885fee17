import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { snapshotFromStream } from "../../../src/hosts/xlsx/streamSnapshot";
import { loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { XlsxLoadError } from "../../../src/hosts/xlsx/errors";
import type { WorkbookSnapshot } from "../../../src/core/snapshot";
import { QA_LEDGERS } from "../../helpers/qaLedgers";
import { LAYOUT_LEDGERS } from "../../helpers/layoutLedgers";
import { utc, xlsxFromGrids } from "../../helpers/grid-xlsx";
import { traditionalLedger, twoRowHeaderLedger } from "../../helpers/ledgerFixtures";
import { HOSTILE_CASES, patch } from "../../helpers/hostileCorpus";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");

type Outcome = { ok: true; snapshot: WorkbookSnapshot } | { ok: false; error: string };

async function outcome(read: () => Promise<WorkbookSnapshot>): Promise<Outcome> {
  try {
    return { ok: true, snapshot: await read() };
  } catch (err) {
    return { ok: false, error: err instanceof XlsxLoadError ? `XlsxLoadError ${err.code}` : String(err) };
  }
}

/** Both readers on the same bytes; `fallbacks` collects why the streaming reader used the full load. */
async function both(bytes: Uint8Array): Promise<{ full: Outcome; stream: Outcome; fallbacks: string[] }> {
  const fallbacks: string[] = [];
  const full = await outcome(async () => snapshotOf(await loadXlsx(bytes)));
  const stream = await outcome(() => snapshotFromStream(bytes, undefined, (why) => fallbacks.push(why)));
  return { full, stream, fallbacks };
}

/** Equal, read without the full load. */
async function expectEqualStreamed(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const { full, stream, fallbacks } = await both(bytes);
  expect(fallbacks).toEqual([]);
  expect(full.ok).toBe(true);
  expect(stream).toStrictEqual(full);
  if (!full.ok) throw new Error("unreachable");
  return full.snapshot;
}

/** Cells, merges, formats and workbook settings ExcelJS writes itself. */
async function oddCells(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet("台账");
  ws.getColumn(2).width = 30;
  ws.getColumn(4).width = 12.5;
  ws.getCell("A1").value = "标题";
  ws.getCell("A1").font = { size: 16, bold: true };
  ws.mergeCells("A1:F1");
  ws.getCell("A2").value = { richText: [{ text: "富" }, { text: "文本", font: { bold: true } }] };
  ws.getCell("B2").value = utc(2021, 3, 4);
  ws.getCell("B2").numFmt = "yyyy-mm-dd";
  ws.getCell("C2").value = true;
  ws.getCell("D2").value = { error: "#N/A" };
  ws.getCell("E2").value = { formula: "1+1", result: 2 };
  ws.getCell("F2").value = { formula: 'A2&""', result: "富文本" };
  ws.getCell("G2").value = { formula: "B2+1", result: utc(2021, 3, 5) };
  ws.getCell("G2").numFmt = "yyyy/m/d";
  ws.getCell("H2").value = { formula: "0*1", result: 0 };
  ws.getCell("I2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("J2").value = { text: "链接", hyperlink: "https://example.org/" };
  ws.getCell("K2").value = { text: "内部", hyperlink: "#台账!A1" };
  ws.getCell("L2").value = 12.5;
  ws.getCell("L2").numFmt = "0.00%";
  ws.getCell("M2").font = { size: 9 };
  for (let r = 3; r <= 8; r++) {
    ws.getCell(r, 1).value = r;
    ws.getCell(r, 2).value = r % 2 ? `第${r}行` : null;
    ws.getCell(r, 3).value = { formula: `A${r}*2`, result: r * 2 };
  }
  ws.getCell("E3").value = "承办科室";
  ws.mergeCells("E3:E6");
  ws.mergeCells("H10:J12");
  ws.getCell("A20").value = "末行";
  ws.getCell("C20").value = { sharedFormula: "C3", result: 40 } as ExcelJS.CellValue;
  ws.addTable({
    name: "表一",
    ref: "A24",
    columns: [{ name: "甲" }, { name: "乙" }],
    rows: [
      [1, "x"],
      [2, "y"],
    ],
  });
  const hidden = wb.addWorksheet("隐藏");
  hidden.state = "hidden";
  hidden.getCell("A1").value = "藏";
  const veryHidden = wb.addWorksheet("深藏");
  veryHidden.state = "veryHidden";
  veryHidden.getCell("B3").value = 3;
  wb.addWorksheet("空表");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Cells only a hand-written sheet has: inline strings, empty cells, cached errors and booleans, stray rows. */
async function handWritten(): Promise<Uint8Array> {
  const base = await oddCells();
  return patch(base, async (zip) => {
    const path = "xl/worksheets/sheet1.xml";
    const xml = (await zip.file(path)?.async("string")) ?? "";
    const rows = [
      '<row r="40"><c r="A40" t="inlineStr"><is><r><t>行内</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 富文本</t></r></is></c>',
      '<c r="B40" t="inlineStr"><is><t>plain &amp;amp; x_x0041_</t></is></c><c r="C40"/><c r="D40" s="1"/>',
      '<c r="E40" t="e"><f>NA()</f><v>#N/A</v></c><c r="F40" t="b"><f>TRUE()</f><v>1</v></c>',
      '<c r="G40" t="str"><f>"a"</f><v>a&amp;amp;b</v></c><c r="H40" t="b"><v>0</v></c><c r="I40" t="e"><v>#REF!</v></c>',
      '<c r="J40" t="s"><v>0</v></c><c r="K40"><v>1e3</v></c><c r="L40" t="n"><f>""</f></c><c><v>7</v></c></row>',
      '<row r="39"><c r="Z39"><v>1</v></c></row><row r="41"><c r="A41" s="1"/></row>',
      '<row r="42"><c r="A42"><v>1</v></c></row><row r="42"><c r="B42"><v>2</v></c><c r="B42" s="1"/></row>',
    ].join("");
    zip.file(path, xml.replace("</sheetData>", `${rows}</sheetData>`));
  });
}

describe("snapshotFromStream: the snapshot of the full load, without it", () => {
  it("reads the sample ledger", async () => {
    const snapshot = await expectEqualStreamed(new Uint8Array(readFileSync(SAMPLE)));
    expect(snapshot.sheets.length).toBeGreaterThan(0);
  });

  it.each([...QA_LEDGERS, ...LAYOUT_LEDGERS].map((l) => [l.name, l] as const))(
    "reads the %s ledger",
    async (_name, ledger) => {
      await expectEqualStreamed(new Uint8Array(await xlsxFromGrids(ledger.sheets)));
    },
  );

  it.each([
    ["two-row header", twoRowHeaderLedger],
    ["traditional", traditionalLedger],
  ])("reads the %s ledger", async (_name, make) => {
    await expectEqualStreamed(new Uint8Array(await make()));
  });

  it("reads dates, booleans, errors, rich text, formulas, hyperlinks, merges, tables and hidden sheets", async () => {
    const snapshot = await expectEqualStreamed(await oddCells());
    // What the fixture must have reached for the equality to mean something.
    expect(snapshot.date1904).toBe(true);
    expect(snapshot.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["台账", false],
      ["隐藏", true],
      ["深藏", true],
      ["空表", false],
    ]);
    const [ledger] = snapshot.sheets;
    expect(ledger?.rows[1]?.slice(0, 10)).toEqual([
      "富文本",
      expect.any(Number),
      true,
      "#N/A",
      2,
      "富文本",
      expect.any(Number),
      null,
      "#DIV/0!",
      "链接",
    ]);
    expect(ledger?.merges).toHaveLength(3);
    expect(ledger?.fontSize).toBe(11);
    expect(ledger?.columnWidths?.[1]).toBeGreaterThan(100);
    expect(snapshot.tables).toEqual([{ name: "表一", sheet: "台账", range: "A24:B26" }]);
  });

  it("reads rows whose characters fall across the pieces they are decoded in, and sheet XML of every form", async () => {
    const base = await oddCells();
    // 3,000 rows of inline CJK text (three bytes a character): many a character split between 16 KB pieces.
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<row r="${100 + i}"><c r="A${100 + i}" t="inlineStr"><is><t>第${i}号办理单位社会事务科</t></is></c></row>`,
    ).join("");
    const bytes = await patch(base, async (zip) => {
      const at = (n: number) => `xl/worksheets/sheet${n}.xml`;
      const xml = (n: number) => zip.file(at(n))?.async("string") ?? Promise.resolve("");
      zip.file(at(1), `\uFEFF${(await xml(1)).replace("</sheetData>", `${rows}</sheetData>`)}`);
      // An empty sheet written <sheetData />, with a space.
      zip.file(at(4), (await xml(4)).replace(/<sheetData\s*\/>|<sheetData><\/sheetData>/, "<sheetData />"));
    });
    const snapshot = await expectEqualStreamed(bytes);
    expect(snapshot.sheets[0]?.rows[2098]?.[0]).toBe("第1999号办理单位社会事务科");
    expect(snapshot.sheets[0]?.rows.length).toBe(3099);
    // A second <sheetData>: the full load reads it (and the snapshot is its).
    const twice = await patch(base, async (zip) => {
      const path = "xl/worksheets/sheet2.xml";
      const xml = (await zip.file(path)?.async("string")) ?? "";
      zip.file(path, xml.replace("</sheetData>", "</sheetData><sheetData></sheetData>"));
    });
    const { full, stream, fallbacks } = await both(twice);
    expect(fallbacks).toEqual(["second sheetData"]);
    expect(stream).toStrictEqual(full);
  });

  it("reads hand-written cells as ExcelJS's loader reads them", async () => {
    const snapshot = await expectEqualStreamed(await handWritten());
    expect(snapshot.sheets[0]?.rows[39]?.slice(0, 5)).toEqual([
      "行内 富文本",
      "plain &amp; x_x0041_",
      undefined,
      undefined,
      "#N/A",
    ]);
  });

  it("reads a workbook whose table has a calculated column (as a build leaves it)", async () => {
    const bytes = await patch(await oddCells(), async (zip) => {
      const [table] = zip.file(/^xl\/tables\/.*\.xml$/);
      const xml = (await table?.async("string")) ?? "";
      zip.file(
        table?.name ?? "",
        xml.replace(
          /<tableColumn([^>]*?)\s*\/>/,
          "<tableColumn$1><calculatedColumnFormula>1+1</calculatedColumnFormula></tableColumn>",
        ),
      );
    });
    expect(await (await JSZip.loadAsync(bytes)).file(/calculatedColumnFormula/)).toBeDefined();
    await expectEqualStreamed(bytes);
  });

  it("falls back to the full load for what is not a zip, and says so", async () => {
    const html = new TextEncoder().encode("<html><body><table><tr><td>序号</td></tr></table></body></html>");
    const { full, stream, fallbacks } = await both(html);
    expect(fallbacks).toEqual(["not a zip"]);
    expect(stream).toStrictEqual(full);
  });

  const cases = HOSTILE_CASES.filter((c) => c.id !== "directory");
  it.each(cases.map((c) => [c.id, c] as const))(
    "answers the hostile case %s as the full load does",
    async (_id, c) => {
      const bytes = await c.make();
      if (bytes === "directory") return;
      const { full, stream, fallbacks } = await both(bytes);
      expect(stream).toStrictEqual(full);
      // A file the full load reads is read without it; only a damaged one goes the long way round.
      if (full.ok) expect(fallbacks).toEqual([]);
    },
  );
});
