/**
 * Calculated columns of tables, which ExcelJS neither writes nor reads: the host adds them to the file it
 * writes (finishTables) and removes them before ExcelJS reads a file (stripTableColumnChildren).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx, writeXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";
import {
  calculatedColumnsOf,
  finishTables,
  stripTableColumnChildren,
} from "../../../src/hosts/xlsx/tableFormulas";
import { AS_OF } from "../../helpers/ledgerFixtures";

const NOW = new Date(2019, 8, 30);
const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");

const TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="T_1" displayName="收支表" ref="A1:D3">' +
  '<autoFilter ref="A1:D3"><filterColumn colId="0" hiddenButton="0"/><filterColumn colId="1" hiddenButton="1"/></autoFilter>' +
  '<tableColumns count="4"><tableColumn id="1" name="A&amp;B"/><tableColumn id="2" name="金额" dataDxfId="3"/>' +
  '<tableColumn id="3" name="合计"><calculatedColumnFormula>1+1</calculatedColumnFormula><totalsRowFormula>SUM(收支表[合计])</totalsRowFormula><extLst/></tableColumn>' +
  '<tableColumn id="4" name="备注"/></tableColumns>' +
  '<tableStyleInfo name="TableStyleLight1" showRowStripes="1"/></table>';

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(files)) zip.file(path, text);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function entries(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const f of Object.values(zip.files)) if (!f.dir) out[f.name] = await f.async("string");
  return out;
}

async function tableXml(bytes: Uint8Array, name: string): Promise<string> {
  for (const [path, xml] of Object.entries(await entries(bytes)))
    if (/^xl\/tables\//.test(path) && xml.includes(`displayName="${name}"`)) return xml;
  throw new Error(`no table ${name}`);
}

/** calculatedColumnFormula of each tableColumn that has one, unescaped, by column name. */
function calculatedIn(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(
    /<tableColumn [^>]*name="([^"]*)"[^>]*>\s*<calculatedColumnFormula>([\s\S]*?)<\/calculatedColumnFormula>/g,
  ))
    out[unescape(m[1] ?? "")] = unescape(m[2] ?? "");
  return out;
}

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function arrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe("finishTables", () => {
  it("puts each formula first in its column, escaped, matching names and the display name", async () => {
    const input = await zipOf({ "xl/tables/table1.xml": TABLE_XML, "xl/other.xml": "<x>&amp;</x>" });
    const out = await finishTables(
      input,
      new Map([
        [
          "收支表",
          [
            { column: "A&B", formula: 'IF(收支表[[#This Row],[金额]]<0,"<0 & 负","")' },
            { column: "合计", formula: "收支表[[#This Row],[金额]]*2" },
          ],
        ],
      ]),
    );
    const files = await entries(out);
    expect(files["xl/other.xml"]).toBe("<x>&amp;</x>");
    const xml = files["xl/tables/table1.xml"] ?? "";
    expect(xml).toContain(
      '<tableColumn id="1" name="A&amp;B"><calculatedColumnFormula>IF(收支表[[#This Row],[金额]]&lt;0,"&lt;0 &amp; 负","")</calculatedColumnFormula></tableColumn>',
    );
    // The older formula is replaced; the other children stay, after it, in schema order.
    expect(xml).toContain(
      '<tableColumn id="3" name="合计"><calculatedColumnFormula>收支表[[#This Row],[金额]]*2</calculatedColumnFormula><totalsRowFormula>SUM(收支表[合计])</totalsRowFormula><extLst/></tableColumn>',
    );
    expect(xml).toContain('<tableColumn id="2" name="金额" dataDxfId="3"/>');
    expect(xml).toContain('<tableColumn id="4" name="备注"/>');
    // A filter column that only says "button shown" goes, one that hides the button stays.
    expect(xml).toContain('<autoFilter ref="A1:D3"><filterColumn colId="1" hiddenButton="1"/></autoFilter>');
    expect(xml.match(/<calculatedColumnFormula>/g)).toHaveLength(2);
  });

  it("finds a table by its name too, and leaves the file as it was when nothing matches", async () => {
    const input = await zipOf({ "xl/tables/table1.xml": TABLE_XML });
    const byName = await finishTables(input, new Map([["t_1", [{ column: "备注", formula: "1" }]]]));
    expect(calculatedIn(await tableXml(byName, "收支表"))["备注"]).toBe("1");
    expect(await finishTables(input, new Map([["别的表", [{ column: "备注", formula: "1" }]]]))).toBe(input);
    expect(await finishTables(input, new Map())).toBe(input);
  });
});

describe("stripTableColumnChildren", () => {
  it("empties every table column and returns the calculated formulas", async () => {
    const input = await zipOf({ "xl/tables/table1.xml": TABLE_XML, "xl/other.xml": "<x/>" });
    const { bytes, calculated } = await stripTableColumnChildren(input);
    expect(calculated).toEqual(new Map([["收支表", [{ column: "合计", formula: "1+1" }]]]));
    const files = await entries(bytes);
    expect(files["xl/other.xml"]).toBe("<x/>");
    expect(files["xl/tables/table1.xml"]).toContain('<tableColumn id="3" name="合计"/><tableColumn id="4"');
    expect(files["xl/tables/table1.xml"]).not.toMatch(/calculatedColumnFormula|totalsRowFormula|extLst/);
  });

  it("returns the same bytes when no column has children", async () => {
    const input = await zipOf({
      "xl/tables/table1.xml": TABLE_XML.replace(/<tableColumn id="3"[\s\S]*?<\/tableColumn>/, ""),
    });
    expect((await stripTableColumnChildren(input)).bytes).toBe(input);
  });
});

describe("calculated columns through load, build and write", () => {
  let built: Uint8Array;
  let calculated: Map<string, string>;

  beforeAll(async () => {
    const result = await buildXlsx(readFileSync(SAMPLE), { asOf: AS_OF }, NOW);
    if (!result.ok) throw new Error(result.error.code);
    built = result.buffer;
    const table = result.plan.ops.flatMap((op) => ("tables" in op ? op.tables : []))[0];
    calculated = new Map((table?.calculated ?? []).map((c) => [c.column, c.formula]));
  });

  it("leaves the file readable by ExcelJS's own loader (it drops columns after a calculated one, exceljs #1240)", async () => {
    const wb = new ExcelJS.Workbook();
    await expect(wb.xlsx.load(arrayBuffer(built))).resolves.toBeDefined();
    expect(wb.worksheets.length).toBeGreaterThan(3);
  });

  it("loadXlsx reads every table column and remembers the formulas; writeXlsx puts them back", async () => {
    const wb = await loadXlsx(built);
    const ledger = wb.worksheets.find((ws) => ws.getTables().length > 0);
    const table = ledger?.getTable("台账表") as unknown as { table: { columns: { name: string }[] } };
    expect(table.table.columns.map((c) => c.name)).toEqual(expect.arrayContaining([...calculated.keys()]));
    expect(table.table.columns).toHaveLength(22);
    expect(
      calculatedColumnsOf(wb)
        .get("台账表")
        ?.map((c) => [c.column, c.formula]),
    ).toEqual([...calculated]);
    const again = await writeXlsx(wb);
    expect(calculatedIn(await tableXml(again, "台账表"))).toEqual(Object.fromEntries(calculated));
  });

  it("keeps a user's own table's calculated column when the workbook is built", async () => {
    const wb = await loadXlsx(readFileSync(SAMPLE));
    const ws = wb.addWorksheet("备忘");
    ws.addTable({
      name: "用户表",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "数" }, { name: "双倍" }, { name: "说明" }],
      rows: [
        [1, { formula: "用户表[[#This Row],[数]]*2" } as ExcelJS.CellFormulaValue, "x"],
        [2, { formula: "用户表[[#This Row],[数]]*2" } as ExcelJS.CellFormulaValue, "y"],
      ],
    });
    const own = await finishTables(
      new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer),
      new Map([["用户表", [{ column: "双倍", formula: "用户表[[#This Row],[数]]*2" }]]]),
    );
    const result = await buildXlsx(own, { asOf: AS_OF }, NOW);
    if (!result.ok) throw new Error(result.error.code);
    expect(calculatedIn(await tableXml(result.buffer, "用户表"))).toEqual({
      双倍: "用户表[[#This Row],[数]]*2",
    });
    expect(calculatedIn(await tableXml(result.buffer, "台账表"))).toEqual(Object.fromEntries(calculated));
  });
});
