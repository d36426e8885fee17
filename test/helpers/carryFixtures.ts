import ExcelJS from "exceljs";
import JSZip from "jszip";
import { traditionalLedger } from "./ledgerFixtures";

/**
 * A ledger workbook holding what ExcelJS cannot carry, for the lossless-path tests (carry.test.ts) and the
 * hostile corpus: on the ledger sheet 提案台賬 an image, a note, a chart (with its style and colour parts),
 * a validation, a conditional format, frozen panes, header/footer, an autofilter and print setup; a sheet 透視
 * with a pivot table and its cache (definition + records, <pivotCaches> in workbook.xml); docProps/custom.xml
 * (密级), a customXml item with its properties part, workbook protection and, with `macros`, a VBA project
 * (a stub vbaProject.bin: Excel only needs the part, its relationship and the macro-enabled content types).
 * ExcelJS writes the base; the parts it cannot write are added with jszip, as Excel would have written them.
 */
export interface RichOptions {
  macros?: boolean;
  /** Also a slicer on the pivot table (x14 slicerList / slicerCaches): parts this tool does not carry. */
  slicer?: boolean;
}

export const LEDGER_SHEET = "提案台賬";
export const PIVOT_SHEET = "透視";
/** A 1×1 PNG. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
export const VBA_BYTES = Buffer.from(
  'VBA-PROJECT-STUB\u0000\u0001\u0002\u0003 Attribute VB_Name = "ThisWorkbook"',
  "latin1",
);

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export const CHART_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>件数</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>'${PIVOT_SHEET}'!$B$1</c:f></c:strRef></c:tx><c:cat><c:strRef><c:f>'${PIVOT_SHEET}'!$A$2:$A$3</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>'${PIVOT_SHEET}'!$B$2:$B$3</c:f></c:numRef></c:val></c:ser><c:axId val="111"/><c:axId val="222"/></c:barChart><c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="222"/></c:catAx><c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="111"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;

export const CHART_STYLE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" id="201"/>`;
export const CHART_COLORS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" meth="cycle" id="10"><a:schemeClr val="accent1"/></cs:colorStyle>`;

export const CUSTOM_PROPS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="密级"><vt:lpwstr>内部</vt:lpwstr></property></Properties>`;

export const CUSTOM_XML_ITEM = `<?xml version="1.0" encoding="UTF-8" standalone="no"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="/APA.XSL" StyleName="APA"/>`;
export const CUSTOM_XML_PROPS = `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6C3C8BC8-F283-45AE-878A-BAB7291924A1}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>`;

export const PIVOT_CACHE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheDefinition xmlns="${NS_MAIN}" xmlns:r="${NS_R}" r:id="rId1" refreshOnLoad="1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="${PIVOT_SHEET}"/></cacheSource><cacheFields count="2"><cacheField name="类别" numFmtId="0"><sharedItems count="2"><s v="人大建议"/><s v="政协提案"/></sharedItems></cacheField><cacheField name="件数" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="2" maxValue="3"/></cacheField></cacheFields></pivotCacheDefinition>`;
export const PIVOT_RECORDS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheRecords xmlns="${NS_MAIN}" xmlns:r="${NS_R}" count="2"><r><x v="0"/><n v="2"/></r><r><x v="1"/><n v="3"/></r></pivotCacheRecords>`;
export const PIVOT_TABLE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotTableDefinition xmlns="${NS_MAIN}" name="数据透视表1" cacheId="7" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" indent="0" outline="1" outlineData="1"><location ref="D1:E4" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="求和项:件数" fld="1" baseField="0" baseItem="0"/></dataFields><pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>`;

const CHART_ANCHOR = `<xdr:twoCellAnchor><xdr:from><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>20</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="9" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_R}" r:id="rIdChart1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;

/** The rich ledger workbook (see RichOptions). */
export async function richLedger(options: RichOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const base = await traditionalLedger();
  await wb.xlsx.load(base.buffer.slice(base.byteOffset, base.byteOffset + base.byteLength) as ArrayBuffer);
  const ws = wb.getWorksheet(LEDGER_SHEET);
  if (!ws) throw new Error("no ledger sheet");
  const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" });
  ws.addImage(image, { tl: { col: 14, row: 16 }, ext: { width: 40, height: 40 } });
  ws.getCell("C2").note = "原表批注：请核对案由";
  ws.getCell("N1").value = "备注";
  (
    ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations.add("F2:F20", { type: "list", allowBlank: true, formulae: ['"是,否"'] });
  ws.addConditionalFormatting({
    ref: "A2:A20",
    rules: [{ type: "expression", priority: 1, formulae: ["LEN($C2)>20"], style: { font: { bold: true } } }],
  });
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: 1, topLeftCell: "B2", activeCell: "B2" }];
  ws.headerFooter = { oddHeader: "&C建议提案台账", oddFooter: "&C第 &P 页" };
  ws.autoFilter = "A1:M5";
  ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", paperSize: 9, printTitlesRow: "1:1" };
  ws.getColumn(3).width = 30;
  ws.getRow(3).hidden = true;
  const pivot = wb.addWorksheet(PIVOT_SHEET);
  pivot.addRows([
    ["类别", "件数"],
    ["人大建议", 2],
    ["政协提案", 3],
  ]);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());

  const sheets = await sheetParts(zip);
  const ledgerPart = sheets.get(LEDGER_SHEET);
  const pivotPart = sheets.get(PIVOT_SHEET);
  if (!ledgerPart || !pivotPart) throw new Error("sheets not found");
  const ct = new ContentTypes(await text(zip, "[Content_Types].xml"));

  // The chart, in the drawing ExcelJS wrote for the image.
  const ledgerRels = await text(zip, relsOf(ledgerPart));
  const drawingTarget =
    /Type="[^"]*\/drawing"[^>]*Target="\.\.\/drawings\/([^"]+)"|Target="\.\.\/drawings\/([^"]+)"[^>]*Type="[^"]*\/drawing"/.exec(
      ledgerRels,
    );
  const drawingName = drawingTarget?.[1] ?? drawingTarget?.[2];
  if (!drawingName) throw new Error("ExcelJS wrote no drawing for the image");
  const drawingPath = `xl/drawings/${drawingName}`;
  zip.file(drawingPath, (await text(zip, drawingPath)).replace("</xdr:wsDr>", `${CHART_ANCHOR}</xdr:wsDr>`));
  const drawingRels = relsOf(drawingPath);
  zip.file(
    drawingRels,
    addRel(await text(zip, drawingRels), "rIdChart1", `${REL}/chart`, "../charts/chart1.xml"),
  );
  zip.file("xl/charts/chart1.xml", CHART_XML);
  zip.file("xl/charts/style1.xml", CHART_STYLE_XML);
  zip.file("xl/charts/colors1.xml", CHART_COLORS_XML);
  zip.file(
    "xl/charts/_rels/chart1.xml.rels",
    rels([
      ["rId1", "http://schemas.microsoft.com/office/2011/relationships/chartStyle", "style1.xml"],
      ["rId2", "http://schemas.microsoft.com/office/2011/relationships/chartColorStyle", "colors1.xml"],
    ]),
  );
  ct.override("/xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  ct.override("/xl/charts/style1.xml", "application/vnd.ms-office.chartstyle+xml");
  ct.override("/xl/charts/colors1.xml", "application/vnd.ms-office.chartcolorstyle+xml");

  // The pivot table on 透視, its cache through the workbook.
  zip.file("xl/pivotCache/pivotCacheDefinition1.xml", PIVOT_CACHE_XML);
  zip.file("xl/pivotCache/pivotCacheRecords1.xml", PIVOT_RECORDS_XML);
  zip.file(
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
    rels([["rId1", `${REL}/pivotCacheRecords`, "pivotCacheRecords1.xml"]]),
  );
  zip.file("xl/pivotTables/pivotTable1.xml", PIVOT_TABLE_XML);
  zip.file(
    "xl/pivotTables/_rels/pivotTable1.xml.rels",
    rels([["rId1", `${REL}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml"]]),
  );
  const pivotRels = relsOf(pivotPart);
  zip.file(
    pivotRels,
    addRel(
      (await zip.file(pivotRels)?.async("string")) ?? rels([]),
      "rIdPivot1",
      `${REL}/pivotTable`,
      "../pivotTables/pivotTable1.xml",
    ),
  );
  ct.override(
    "/xl/pivotCache/pivotCacheDefinition1.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
  );
  ct.override(
    "/xl/pivotCache/pivotCacheRecords1.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
  );
  ct.override(
    "/xl/pivotTables/pivotTable1.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
  );

  let wbRels = await text(zip, "xl/_rels/workbook.xml.rels");
  wbRels = addRel(wbRels, "rIdCache1", `${REL}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml");
  wbRels = addRel(wbRels, "rIdCustomXml1", `${REL}/customXml`, "../customXml/item1.xml");
  let wbXml = await text(zip, "xl/workbook.xml");
  // CT_Workbook: … workbookPr, workbookProtection, bookViews, sheets … calcPr, oleSize, customWorkbookViews,
  // pivotCaches, smartTagPr … extLst.
  wbXml = insertBefore(
    wbXml,
    ["smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"],
    '<pivotCaches><pivotCache cacheId="7" r:id="rIdCache1"/></pivotCaches>',
  );
  wbXml = insertBefore(
    wbXml,
    ["bookViews", "sheets"],
    '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="x8Jd3E5QeVVGyKwp6N3qYw==" workbookSaltValue="cmFuZG9tc2FsdA==" workbookSpinCount="100000" lockStructure="1"/>',
  );

  // Custom properties (密级) and a customXml item.
  zip.file("docProps/custom.xml", CUSTOM_PROPS_XML);
  zip.file(
    "_rels/.rels",
    addRel(await text(zip, "_rels/.rels"), "rIdCustom", `${REL}/custom-properties`, "docProps/custom.xml"),
  );
  ct.override("/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml");
  zip.file("customXml/item1.xml", CUSTOM_XML_ITEM);
  zip.file("customXml/itemProps1.xml", CUSTOM_XML_PROPS);
  zip.file("customXml/_rels/item1.xml.rels", rels([["rId1", `${REL}/customXmlProps`, "itemProps1.xml"]]));
  ct.override(
    "/customXml/itemProps1.xml",
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
  );

  if (options.macros) {
    zip.file("xl/vbaProject.bin", VBA_BYTES);
    wbRels = addRel(
      wbRels,
      "rIdVBA",
      "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
      "vbaProject.bin",
    );
    ct.override("/xl/vbaProject.bin", "application/vnd.ms-office.vbaProject");
    ct.override("/xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    wbXml = wbXml.replace(/<workbookPr\b/, '<workbookPr codeName="ThisWorkbook"');
  }

  if (options.slicer) {
    zip.file(
      "xl/slicers/slicer1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicers xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x"><slicer name="类别" cache="Slicer_类别" caption="类别" rowHeight="241300"/></slicers>`,
    );
    zip.file(
      "xl/slicerCaches/slicerCache1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicerCacheDefinition xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" name="Slicer_类别" sourceName="类别"><pivotTables><pivotTable tabId="3" name="数据透视表1"/></pivotTables><data><tabular pivotCacheId="7"><items count="2"><i x="0" s="1"/><i x="1" s="1"/></items></tabular></data></slicerCacheDefinition>`,
    );
    zip.file(
      pivotRels,
      addRel(
        await text(zip, pivotRels),
        "rIdSlicer1",
        "http://schemas.microsoft.com/office/2007/relationships/slicer",
        "../slicers/slicer1.xml",
      ),
    );
    wbRels = addRel(
      wbRels,
      "rIdSlicerCache1",
      "http://schemas.microsoft.com/office/2007/relationships/slicerCache",
      "slicerCaches/slicerCache1.xml",
    );
    ct.override("/xl/slicers/slicer1.xml", "application/vnd.ms-excel.slicer+xml");
    ct.override("/xl/slicerCaches/slicerCache1.xml", "application/vnd.ms-excel.slicerCache+xml");
  }

  zip.file("xl/_rels/workbook.xml.rels", wbRels);
  zip.file("xl/workbook.xml", wbXml);
  zip.file("[Content_Types].xml", ct.toString());
  return Buffer.from(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

/** Sheet name → sheet part path, from workbook.xml and its relationships. */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wbXml = await text(zip, "xl/workbook.xml");
  const wbRels = await text(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attrs = m[1] ?? "";
    const id = /\bId="([^"]*)"/.exec(attrs)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(attrs)?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const attrs = m[1] ?? "";
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    const id = /\br:id="([^"]*)"/.exec(attrs)?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name && target) out.set(unescape(name), target);
  }
  return out;
}

function unescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

async function text(zip: JSZip, path: string): Promise<string> {
  const f = zip.file(path);
  if (!f) throw new Error(`no part ${path}`);
  return f.async("string");
}

function relsOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

function rels(list: [string, string, string][]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
    .join("")}</Relationships>`;
}

function addRel(xml: string, id: string, type: string, target: string): string {
  return xml.replace(
    "</Relationships>",
    `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`,
  );
}

/** Inserts `element` before the first of `before` found, else before the root's end tag. */
function insertBefore(xml: string, before: string[], element: string): string {
  for (const name of before) {
    const i = xml.search(new RegExp(`<${name}[\\s/>]`));
    if (i >= 0) return xml.slice(0, i) + element + xml.slice(i);
  }
  return xml.replace("</workbook>", `${element}</workbook>`);
}

class ContentTypes {
  constructor(private xml: string) {}
  override(part: string, type: string): void {
    const re = new RegExp(`<Override PartName="${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`);
    const el = `<Override PartName="${part}" ContentType="${type}"/>`;
    this.xml = re.test(this.xml) ? this.xml.replace(re, el) : this.xml.replace("</Types>", `${el}</Types>`);
  }
  toString(): string {
    return this.xml;
  }
}
