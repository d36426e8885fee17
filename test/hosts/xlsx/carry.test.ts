import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { comparePackages } from "../../../src/hosts/xlsx/carry";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";
import { Package, relKind } from "../../../src/hosts/xlsx/opc";
import { droppedLines } from "../../../src/i18n/dropped";
import { AS_OF } from "../../helpers/ledgerFixtures";
import {
  CHART_XML,
  CUSTOM_PROPS_XML,
  LEDGER_SHEET,
  PIVOT_CACHE_XML,
  PIVOT_SHEET,
  PIVOT_TABLE_XML,
  VBA_BYTES,
  richLedger,
} from "../../helpers/carryFixtures";
import { convertWithLibreOffice, describeWithLibreOffice } from "../../helpers/libreoffice";
import { packageProblems } from "../../helpers/packageCheck";

const NOW = new Date(2019, 8, 30);
const BACKUP = `${LEDGER_SHEET}(原表)`;

async function build(input: Uint8Array, keepMacros = true) {
  const built = await buildXlsx(input, { asOf: AS_OF }, NOW, { keepMacros });
  if (!built.ok) throw new Error(`build failed: ${built.error.code}`);
  return built;
}

async function bytesOf(zip: JSZip, path: string): Promise<Buffer> {
  const f = zip.file(path);
  if (!f) throw new Error(`no part ${path}`);
  return Buffer.from(await f.async("uint8array"));
}

/** Every internal relationship resolves to a part, every part has a content type. */
async function expectValidPackage(bytes: Uint8Array): Promise<void> {
  expect(await packageProblems(await JSZip.loadAsync(bytes))).toEqual([]);
}

/** The rels of an output sheet, by name. */
async function sheetRels(bytes: Uint8Array, sheet: string) {
  const pkg = await Package.load(bytes);
  const path = (await pkg.sheets()).get(sheet);
  if (!path) throw new Error(`no sheet ${sheet}`);
  return { pkg, path, rels: await pkg.rels(path), xml: (await pkg.text(path)) ?? "" };
}

describe("carry: the .xlsx path keeps what ExcelJS drops", () => {
  let input: Buffer;
  let built: Awaited<ReturnType<typeof build>>;
  let out: JSZip;

  beforeAll(async () => {
    input = await richLedger({ macros: true });
    built = await build(input);
    out = await JSZip.loadAsync(built.buffer);
  });

  it("reports nothing dropped: every original part is in the output", async () => {
    expect(built.dropped).toEqual([]);
    expect(await comparePackages(input, built.buffer)).toEqual([]);
  });

  it("keeps the chart, its style and colours, the pivot table and cache, custom.xml, customXml and the VBA project byte for byte", async () => {
    expect((await bytesOf(out, "xl/charts/chart1.xml")).toString()).toBe(CHART_XML);
    expect((await bytesOf(out, "xl/pivotTables/pivotTable1.xml")).toString()).toBe(PIVOT_TABLE_XML);
    expect((await bytesOf(out, "xl/pivotCache/pivotCacheDefinition1.xml")).toString()).toBe(PIVOT_CACHE_XML);
    expect((await bytesOf(out, "docProps/custom.xml")).toString()).toBe(CUSTOM_PROPS_XML);
    expect(await bytesOf(out, "xl/vbaProject.bin")).toEqual(VBA_BYTES);
    const src = await JSZip.loadAsync(input);
    for (const part of [
      "xl/charts/style1.xml",
      "xl/charts/colors1.xml",
      "xl/pivotCache/pivotCacheRecords1.xml",
      "customXml/item1.xml",
      "customXml/itemProps1.xml",
      "xl/media/image1.png",
    ])
      expect([part, (await bytesOf(out, part)).equals(await bytesOf(src, part))]).toEqual([part, true]);
  });

  it("writes a valid package: every relationship resolves, every part has a content type", async () => {
    await expectValidPackage(built.buffer);
  });

  it("hangs the original drawing (image and chart) on the ledger edited in place, and the pivot table on its sheet", async () => {
    const ledger = await sheetRels(built.buffer, LEDGER_SHEET);
    const drawing = ledger.rels.find((r) => relKind(r.type) === "drawing");
    expect(drawing).toBeDefined();
    const drawingRels = await ledger.pkg.rels(drawing?.path ?? "");
    expect(drawingRels.map((r) => relKind(r.type)).sort()).toEqual(["chart", "image"]);
    // Schema order: drawing, legacyDrawing, then tableParts.
    const at = (name: string) => ledger.xml.search(new RegExp(`<${name}[\\s/>]`));
    expect(at("drawing")).toBeGreaterThan(0);
    expect(at("drawing")).toBeLessThan(at("legacyDrawing"));
    expect(at("legacyDrawing")).toBeLessThan(at("tableParts"));
    const pivot = await sheetRels(built.buffer, PIVOT_SHEET);
    expect(pivot.rels.map((r) => relKind(r.type))).toContain("pivotTable");
  });

  it("puts <pivotCaches>, <workbookProtection> and the code name back into workbook.xml, in schema order", async () => {
    const wb = (await bytesOf(out, "xl/workbook.xml")).toString();
    expect(wb).toMatch(/<pivotCaches><pivotCache cacheId="7" r:id="rId\d+"\/><\/pivotCaches><\/workbook>/);
    expect(wb).toMatch(
      /<workbookPr codeName="ThisWorkbook"[^>]*\/><workbookProtection [^>]*lockStructure="1"\/><bookViews>/,
    );
  });

  it("keeps an .xlsm an .xlsm: the macro-enabled main content type and the vbaProject relationship", async () => {
    const pkg = await Package.load(built.buffer);
    expect(pkg.contentType("xl/workbook.xml")).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(pkg.contentType("xl/vbaProject.bin")).toBe("application/vnd.ms-office.vbaProject");
    expect((await pkg.rels("xl/workbook.xml")).map((r) => relKind(r.type))).toContain("vbaProject");
  });

  it("gives the backup its own copy of the drawing, the chart included", async () => {
    const backup = await sheetRels(built.buffer, BACKUP);
    const drawing = backup.rels.find((r) => relKind(r.type) === "drawing");
    const ledgerDrawing = (await sheetRels(built.buffer, LEDGER_SHEET)).rels.find(
      (r) => relKind(r.type) === "drawing",
    );
    expect(drawing?.path).toBeDefined();
    expect(drawing?.path).not.toBe(ledgerDrawing?.path);
    const kinds = (await backup.pkg.rels(drawing?.path ?? "")).map((r) => relKind(r.type)).sort();
    expect(kinds).toEqual(["chart", "image"]);
  });

  it("makes the backup the original sheet as it was: notes, validations, conditional formats, panes, header/footer, filter, print setup, widths, hidden rows", async () => {
    const original = (await loadXlsx(input)).getWorksheet(LEDGER_SHEET);
    const backup = (await loadXlsx(built.buffer)).getWorksheet(BACKUP);
    if (!original || !backup) throw new Error("sheets missing");
    const validations = (ws: ExcelJS.Worksheet) =>
      (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(validations(backup)).toEqual(validations(original));
    // ExcelJS reads a range rule cell by cell.
    expect(Object.keys(validations(backup))).toContain("F20");
    const formats = (ws: ExcelJS.Worksheet) =>
      (
        ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
      ).conditionalFormattings.map((c) => [
        c.ref,
        c.rules.map((r) => ("formulae" in r ? r.formulae : undefined)),
      ]);
    expect(formats(backup)).toEqual(formats(original));
    expect(formats(backup).length).toBeGreaterThan(0);
    expect(backup.getCell("C2").note).toBe("原表批注：请核对案由");
    expect(backup.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    expect(backup.headerFooter).toMatchObject({ oddHeader: "&C建议提案台账", oddFooter: "&C第 &P 页" });
    expect(backup.autoFilter).toBe("A1:M5");
    expect(backup.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "1:1" });
    expect(backup.getColumn(3).width).toBe(30);
    expect(backup.getRow(3).hidden).toBe(true);
    for (let r = 1; r <= 5; r++)
      for (let c = 1; c <= 13; c++) expect(backup.getCell(r, c).value).toEqual(original.getCell(r, c).value);
  });

  it("keeps it all through a second build on its own output", async () => {
    const again = await build(built.buffer);
    expect(again.dropped).toEqual([]);
    expect(await comparePackages(input, again.buffer)).toEqual([]);
    await expectValidPackage(again.buffer);
  });
});

describe("carry: what cannot be kept is reported", () => {
  it("lists slicers, which it does not carry, with their sheet", async () => {
    const input = await richLedger({ slicer: true });
    const built = await build(input);
    expect(built.dropped).toEqual([
      { part: "xl/slicers/slicer1.xml", kind: "slicer", sheet: PIVOT_SHEET, reason: "notCarried" },
      { part: "xl/slicerCaches/slicerCache1.xml", kind: "slicer", reason: "notCarried" },
    ]);
    expect(droppedLines(built.dropped, "zh-CN")).toEqual([
      `未保留：切片器 2 项（“${PIVOT_SHEET}”）——本工具无法保留此类内容`,
    ]);
    expect(droppedLines(built.dropped, "en")).toEqual([
      `Not kept: slicers, 2 ("${PIVOT_SHEET}") — this tool cannot keep this kind of content`,
    ]);
  });

  it("leaves the macros out of an output named .xlsx, says so, and writes a plain .xlsx", async () => {
    const input = await richLedger({ macros: true });
    const built = await build(input, false);
    expect(built.dropped).toEqual([{ part: "xl/vbaProject.bin", kind: "vba", reason: "macrosInXlsx" }]);
    const pkg = await Package.load(built.buffer);
    expect(pkg.has("xl/vbaProject.bin")).toBe(false);
    expect(pkg.contentType("xl/workbook.xml")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    );
    await expectValidPackage(built.buffer);
    expect(droppedLines(built.dropped, "zh-TW")[0]).toContain("巨集");
  });

  it("comparePackages finds a part the output lacks, by its kind and sheet", async () => {
    const input = await richLedger();
    const built = await build(input);
    const zip = await JSZip.loadAsync(built.buffer);
    zip.remove("xl/charts/chart1.xml");
    zip.remove("xl/charts/chart2.xml");
    zip.remove("docProps/custom.xml");
    const damaged = await zip.generateAsync({ type: "uint8array" });
    expect(await comparePackages(input, damaged)).toEqual([
      { part: "xl/charts/chart1.xml", kind: "chart", sheet: LEDGER_SHEET, reason: "notCarried" },
      { part: "docProps/custom.xml", kind: "customProperties", reason: "notCarried" },
    ]);
  });
});

describeWithLibreOffice("carry: LibreOffice opens the carried file", () => {
  it("converts the output with its chart and pivot table and keeps the ledger's values", async () => {
    const built = await build(await richLedger());
    const converted = await convertWithLibreOffice(built.buffer);
    const zip = await JSZip.loadAsync(converted);
    const parts = Object.keys(zip.files);
    expect(parts.some((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toBe(true);
    expect(parts.some((p) => /^xl\/pivotTables\/pivotTable\d+\.xml$/.test(p))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      converted.buffer.slice(
        converted.byteOffset,
        converted.byteOffset + converted.byteLength,
      ) as ArrayBuffer,
    );
    expect(wb.getWorksheet(LEDGER_SHEET)?.getCell("A2").value).toBe("P1");
    expect(wb.getWorksheet(BACKUP)?.getCell("A2").value).toBe("P1");
  });
});
