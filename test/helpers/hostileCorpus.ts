/**
 * The hostile corpus (issue 10): damaged packages, resource attacks, injections, odd structures and workbooks
 * with parts the .xlsx path must not lose. Every case is generated here (scripts/hostile-corpus.ts writes them
 * to a folder); test/cli/hostile.test.ts runs each through the command line and asserts its outcome, the
 * bench (`npm run bench -- hostile`) measures time and peak memory, and the page runs the worst ten.
 */
import { sheetPart } from "./packageCheck";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { deflateRepeated, writeZip } from "./zipWriter";
import { utc } from "./grid-xlsx";

export type Category = "damaged" | "resource" | "injection" | "odd" | "dataloss";

/** What the command line must answer. */
export type Outcome =
  /**
   * Refused: exit 2, the failure code's message in Chinese and English (src/i18n/failures.ts), with `detail`
   * when the message depends on it (else any text may stand in the detail's place).
   */
  | { exit: 2; failure: string; detail?: string }
  /** Built: exit 0; optional issue codes that must be reported, dropped kinds reported, parts kept. */
  | {
      exit: 0;
      issues?: string[];
      /** Package parts (regexps over paths) that must be in the output. */
      keeps?: RegExp[];
      /** Kinds of part that cannot be kept and must be listed in `dropped`. */
      reports?: string[];
    };

export interface HostileCase {
  id: string;
  category: Category;
  /** File extension of the input. */
  ext: string;
  /** What the case is about, for the corpus table. */
  about: string;
  /** The file's bytes; `"directory"` makes a folder of that name instead. */
  make: () => Promise<Uint8Array | "directory">;
  expect: Outcome;
  /** One of the ten worst, also run through the page. */
  page?: boolean;
}

const HEADER = [
  "序号",
  "类别",
  "案由",
  "分管领导",
  "承办科室",
  "承办人",
  "办理时限",
  "答复日期",
  "办理结果",
  "满意度",
];

interface LedgerOptions {
  sheet?: string;
  header?: string[];
  rows?: (string | number | Date | null)[][];
  title?: string;
  edit?: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void | Promise<void>;
}

function defaultRows(): (string | number | Date | null)[][] {
  return [
    [
      1,
      "人大建议",
      "关于公墓建设的建议",
      "张局长",
      "社会事务科",
      "小王",
      utc(2026, 6, 30),
      utc(2026, 6, 1),
      "A类",
      "满意",
    ],
    [2, "政协提案", "关于养老服务的提案", "李局长", "养老服务科", "小李", utc(2026, 6, 30), null, null, null],
    [
      3,
      "人大建议",
      "关于社区治理的建议",
      "张局长",
      "基层政权科",
      "小赵",
      utc(2026, 12, 20),
      null,
      null,
      null,
    ],
    [
      4,
      "政协提案",
      "关于救助政策的提案",
      "王局长",
      "社会救助科",
      "小孙",
      utc(2026, 5, 31),
      utc(2026, 5, 20),
      "B类",
      "基本满意",
    ],
  ];
}

/** A small ledger as an office keeps it: a title row, one header row, four items. */
export async function ledgerWorkbook(o: LedgerOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(o.sheet ?? "台账");
  ws.addRow([o.title ?? "XX局2026年建议提案办理台账"]);
  ws.addRow(o.header ?? HEADER);
  for (const r of o.rows ?? defaultRows()) {
    const row = ws.addRow(r);
    row.eachCell((c) => {
      if (c.value instanceof Date) c.numFmt = "yyyy-mm-dd";
    });
  }
  await o.edit?.(wb, ws);
  return wb;
}

export async function ledgerBytes(o: LedgerOptions = {}): Promise<Uint8Array> {
  const wb = await ledgerWorkbook(o);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Edits the package of a workbook as text: add parts, change XML. */
export async function patch(bytes: Uint8Array, edit: (zip: JSZip) => Promise<void>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function text(zip: JSZip, path: string): Promise<string> {
  const f = zip.file(path);
  if (!f) throw new Error(`corpus: ${path} missing`);
  return f.async("string");
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

async function addOverride(zip: JSZip, part: string, type: string): Promise<void> {
  const ct = await text(zip, "[Content_Types].xml");
  zip.file(
    "[Content_Types].xml",
    ct.replace("</Types>", `<Override PartName="/${part}" ContentType="${type}"/></Types>`),
  );
}

async function addDefault(zip: JSZip, ext: string, type: string): Promise<void> {
  const ct = await text(zip, "[Content_Types].xml");
  if (ct.includes(`Extension="${ext}"`)) return;
  zip.file(
    "[Content_Types].xml",
    ct.replace("<Override", `<Default Extension="${ext}" ContentType="${type}"/><Override`),
  );
}

async function addRel(zip: JSZip, relsPath: string, id: string, type: string, target: string): Promise<void> {
  const existing = zip.file(relsPath)
    ? await text(zip, relsPath)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  zip.file(
    relsPath,
    existing.replace(
      "</Relationships>",
      `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`,
    ),
  );
}

/** Puts an element into a sheet before the first of the elements that must follow it. */
async function insertInSheet(zip: JSZip, part: string, xml: string, before: string[]): Promise<void> {
  let s = await text(zip, part);
  const at = before.map((b) => s.indexOf(`<${b}`)).filter((i) => i >= 0);
  const i = at.length ? Math.min(...at) : s.indexOf("</worksheet>");
  s = s.slice(0, i) + xml + s.slice(i);
  zip.file(part, s);
}

function relsOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * A user's chart over `source` on `sheet`, as Excel adds one: into the sheet's drawing when it has one (the
 * tool's charts on 统计表), else in a drawing of its own; chart part chart<n> (or a free number past it).
 */
export async function addChart(zip: JSZip, sheet: string, n: number, source: string): Promise<void> {
  const part = await sheetPart(zip, sheet);
  let c = n;
  while (zip.file(`xl/charts/chart${c}.xml`)) c += 100;
  zip.file(
    `xl/charts/chart${c}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>${source}</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`,
  );
  await addOverride(
    zip,
    `xl/charts/chart${c}.xml`,
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  );
  const anchor = (relId: string) =>
    `<xdr:twoCellAnchor><xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>18</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>14</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${900 + c}" name="图表 ${n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="${relId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  const sheetRels = zip.file(relsOf(part)) ? await text(zip, relsOf(part)) : "";
  const own = [...sheetRels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => /Type="[^"]*\/drawing"/.test(r));
  const target = own ? /Target="([^"]+)"/.exec(own)?.[1] : undefined;
  if (target !== undefined) {
    const drawing = `xl/drawings/${target.slice(target.lastIndexOf("/") + 1)}`;
    const xml = await text(zip, drawing);
    zip.file(drawing, xml.replace("</xdr:wsDr>", `${anchor(`rIdUser${c}`)}</xdr:wsDr>`));
    await addRel(zip, relsOf(drawing), `rIdUser${c}`, `${REL}/chart`, `../charts/chart${c}.xml`);
    return;
  }
  zip.file(
    `xl/drawings/drawing${c}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">${anchor("rId1")}</xdr:wsDr>`,
  );
  await addRel(
    zip,
    `xl/drawings/_rels/drawing${c}.xml.rels`,
    "rId1",
    `${REL}/chart`,
    `../charts/chart${c}.xml`,
  );
  await addRel(zip, relsOf(part), `rIdChart${c}`, `${REL}/drawing`, `../drawings/drawing${c}.xml`);
  await insertInSheet(zip, part, `<drawing r:id="rIdChart${c}"/>`, [
    "legacyDrawing",
    "legacyDrawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
  ]);
  await addOverride(
    zip,
    `xl/drawings/drawing${c}.xml`,
    "application/vnd.openxmlformats-officedocument.drawing+xml",
  );
}

async function addPivot(zip: JSZip, sheet: string, source: string): Promise<void> {
  const part = await sheetPart(zip, sheet);
  zip.file(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheDefinition xmlns="${NS_MAIN}" xmlns:r="${REL}" r:id="rId1" refreshOnLoad="1" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A2:E6" sheet="${source}"/></cacheSource><cacheFields count="2"><cacheField name="序号" numFmtId="0"><sharedItems containsNumber="1"/></cacheField><cacheField name="承办科室" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`,
  );
  zip.file(
    "xl/pivotCache/pivotCacheRecords1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheRecords xmlns="${NS_MAIN}" xmlns:r="${REL}" count="0"/>`,
  );
  zip.file(
    "xl/pivotTables/pivotTable1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotTableDefinition xmlns="${NS_MAIN}" name="数据透视表1" cacheId="7" dataCaption="值"><location ref="A3:B4" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField dataField="1" showAll="0"/><pivotField showAll="0"/></pivotFields><dataFields count="1"><dataField name="计数项:序号" fld="0" subtotal="count"/></dataFields></pivotTableDefinition>`,
  );
  await addRel(
    zip,
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
    "rId1",
    `${REL}/pivotCacheRecords`,
    "pivotCacheRecords1.xml",
  );
  await addRel(
    zip,
    "xl/pivotTables/_rels/pivotTable1.xml.rels",
    "rId1",
    `${REL}/pivotCacheDefinition`,
    "../pivotCache/pivotCacheDefinition1.xml",
  );
  await addRel(zip, relsOf(part), "rIdPivot1", `${REL}/pivotTable`, "../pivotTables/pivotTable1.xml");
  await addRel(
    zip,
    "xl/_rels/workbook.xml.rels",
    "rIdPc7",
    `${REL}/pivotCacheDefinition`,
    "pivotCache/pivotCacheDefinition1.xml",
  );
  const wb = await text(zip, "xl/workbook.xml");
  const caches = `<pivotCaches><pivotCache cacheId="7" r:id="rIdPc7"/></pivotCaches>`;
  zip.file(
    "xl/workbook.xml",
    wb.includes("</calcPr>") || wb.includes("<calcPr")
      ? wb.replace(/(<calcPr[^>]*\/>)/, `$1${caches}`)
      : wb.replace("</workbook>", `${caches}</workbook>`),
  );
  await addOverride(
    zip,
    "xl/pivotCache/pivotCacheDefinition1.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
  );
  await addOverride(
    zip,
    "xl/pivotCache/pivotCacheRecords1.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
  );
  await addOverride(
    zip,
    "xl/pivotTables/pivotTable1.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
  );
}

async function addCustomProps(zip: JSZip): Promise<void> {
  zip.file(
    "docProps/custom.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="密级"><vt:lpwstr>内部</vt:lpwstr></property></Properties>`,
  );
  await addRel(zip, "_rels/.rels", "rIdCustom", `${REL}/custom-properties`, "docProps/custom.xml");
  await addOverride(
    zip,
    "docProps/custom.xml",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml",
  );
}

async function addCustomXml(zip: JSZip): Promise<void> {
  zip.file(
    "customXml/item1.xml",
    `<?xml version="1.0" encoding="UTF-8"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>`,
  );
  zip.file(
    "customXml/itemProps1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6E4F2A31-2B7C-4C51-9D1A-1A2B3C4D5E6F}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
  );
  await addRel(zip, "customXml/_rels/item1.xml.rels", "rId1", `${REL}/customXmlProps`, "itemProps1.xml");
  await addRel(zip, "xl/_rels/workbook.xml.rels", "rIdCx1", `${REL}/customXml`, "../customXml/item1.xml");
  await addOverride(
    zip,
    "customXml/itemProps1.xml",
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
  );
}

/** A VBA project part: Excel needs the part, its relationship and the macro-enabled content type. */
async function addVba(zip: JSZip): Promise<void> {
  const blob = new Uint8Array(1536);
  blob.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  for (let i = 8; i < blob.length; i++) blob[i] = (i * 31) & 0xff;
  zip.file("xl/vbaProject.bin", blob);
  await addRel(
    zip,
    "xl/_rels/workbook.xml.rels",
    "rIdVba",
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
    "vbaProject.bin",
  );
  await addDefault(zip, "bin", "application/vnd.ms-office.vbaProject");
  const ct = await text(zip, "[Content_Types].xml");
  zip.file(
    "[Content_Types].xml",
    ct.replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ),
  );
}

async function addWorkbookProtection(zip: JSZip): Promise<void> {
  const wb = await text(zip, "xl/workbook.xml");
  zip.file(
    "xl/workbook.xml",
    wb.replace(/(<workbookPr[^>]*\/>)/, `$1<workbookProtection lockStructure="1"/>`),
  );
}

async function addExternalLink(zip: JSZip): Promise<void> {
  zip.file(
    "xl/externalLinks/externalLink1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="${NS_MAIN}" xmlns:r="${REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="汇总"/></sheetNames></externalBook></externalLink>`,
  );
  await addRel(
    zip,
    "xl/externalLinks/_rels/externalLink1.xml.rels",
    "rId1",
    `${REL}/externalLinkPath`,
    'file:///C:/台账/2025.xlsx" TargetMode="External',
  );
  await addRel(
    zip,
    "xl/_rels/workbook.xml.rels",
    "rIdExt1",
    `${REL}/externalLink`,
    "externalLinks/externalLink1.xml",
  );
  const wb = await text(zip, "xl/workbook.xml");
  zip.file(
    "xl/workbook.xml",
    wb.replace(
      "</sheets>",
      '</sheets><externalReferences><externalReference r:id="rIdExt1"/></externalReferences>',
    ),
  );
  await addOverride(
    zip,
    "xl/externalLinks/externalLink1.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
  );
}

/** A second sheet of plain data the chart and pivot table read. */
function dataSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("数据");
  ws.addRow(["科室", "件数"]);
  ws.addRow(["社会事务科", 3]);
  ws.addRow(["养老服务科", 2]);
  ws.addRow(["社会救助科", 1]);
}

async function withParts(
  edit: (zip: JSZip) => Promise<void>,
  ext?: (wb: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const base = await ledgerBytes({ edit: (wb) => (ext ?? dataSheet)(wb) });
  return patch(base, edit);
}

/** An OLE compound file (CFB) whose directory names the given streams (UTF-16LE), as Office writes them. */
function cfb(streams: string[]): Uint8Array {
  const sector = 512;
  const out = new Uint8Array(sector * 4);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const view = new DataView(out.buffer);
  view.setUint16(0x18, 0x003e, true);
  view.setUint16(0x1a, 0x0003, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true); // one FAT sector
  view.setUint32(0x30, 1, true); // directory starts at sector 1
  view.setUint32(0x3c, 0xfffffffe, true);
  view.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) view.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // FAT (sector 0): sector 0 is FAT, 1-2 directory chain, 3 end.
  const fat = sector;
  view.setUint32(fat, 0xfffffffd, true);
  view.setUint32(fat + 4, 2, true);
  view.setUint32(fat + 8, 0xfffffffe, true);
  for (let i = 3; i < 128; i++) view.setUint32(fat + i * 4, 0xffffffff, true);
  const names = ["Root Entry", ...streams];
  names.forEach((name, i) => {
    const at = sector * 2 + i * 128;
    for (let k = 0; k < name.length && k < 31; k++) view.setUint16(at + k * 2, name.charCodeAt(k), true);
    view.setUint16(at + 64, (Math.min(name.length, 31) + 1) * 2, true);
    out[at + 66] = i === 0 ? 5 : 2;
  });
  return out;
}

const longText = "长".repeat(40_000);

async function rowsXmlLedger(rows: number, merges = 0): Promise<Uint8Array> {
  // Written as XML directly: ExcelJS would need gigabytes to write 200,000 rows.
  const base = await ledgerBytes({ rows: [] });
  return patch(base, async (zip) => {
    const part = await sheetPart(zip, "台账");
    const s = await text(zip, part);
    const body: string[] = [];
    for (let r = 3; r < rows + 3; r++) {
      body.push(
        `<row r="${r}"><c r="A${r}"><v>${r - 2}</v></c><c r="B${r}" t="inlineStr"><is><t>${r % 2 ? "人大建议" : "政协提案"}</t></is></c><c r="C${r}" t="inlineStr"><is><t>关于第${r}项工作的建议</t></is></c><c r="D${r}" t="inlineStr"><is><t>张局长</t></is></c><c r="E${r}" t="inlineStr"><is><t>社会事务科</t></is></c><c r="F${r}" t="inlineStr"><is><t>小王</t></is></c><c r="G${r}"><v>46203</v></c></row>`,
      );
    }
    let xml = s.replace(
      /<sheetData>([\s\S]*?)<\/sheetData>/,
      (_m, inner: string) => `<sheetData>${inner}${body.join("")}</sheetData>`,
    );
    xml = xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:J${rows + 2}"/>`);
    if (merges > 0) {
      const m: string[] = [];
      for (let i = 0; i < merges; i++) m.push(`<mergeCell ref="H${i + 3}:I${i + 3}"/>`);
      xml = xml.replace(
        "</sheetData>",
        `</sheetData><mergeCells count="${merges}">${m.join("")}</mergeCells>`,
      );
    }
    zip.file(part, xml);
  });
}

async function sharedStringsXml(edit: (s: string) => string): Promise<Uint8Array> {
  const base = await ledgerBytes();
  return patch(base, async (zip) => {
    zip.file("xl/sharedStrings.xml", edit(await text(zip, "xl/sharedStrings.xml")));
  });
}

const te = (s: string): Uint8Array => new TextEncoder().encode(s);

export const HOSTILE_CASES: HostileCase[] = [
  // ── damaged packages ───────────────────────────────────────────────────────────────
  {
    id: "empty-file",
    category: "damaged",
    ext: "xlsx",
    about: "0 bytes",
    make: async () => new Uint8Array(0),
    expect: { exit: 2, failure: "empty" },
  },
  {
    id: "random-bytes",
    category: "damaged",
    ext: "xlsx",
    about: "random bytes",
    make: async () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff),
    expect: { exit: 2, failure: "not_xlsx" },
  },
  {
    id: "text-file",
    category: "damaged",
    ext: "xlsx",
    about: "plain text named .xlsx",
    make: async () => te("序号,案由\n1,关于…\n"),
    expect: { exit: 2, failure: "not_xlsx" },
  },
  {
    id: "png-renamed",
    category: "damaged",
    ext: "xlsx",
    about: "a PNG named .xlsx",
    make: async () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    expect: { exit: 2, failure: "not_xlsx" },
  },
  {
    id: "truncated-zip",
    category: "damaged",
    ext: "xlsx",
    about: "the first half of a workbook",
    make: async () => {
      const b = await ledgerBytes();
      return b.slice(0, Math.floor(b.length / 2));
    },
    expect: { exit: 2, failure: "corrupt" },
    page: true,
  },
  {
    id: "zip-no-workbook",
    category: "damaged",
    ext: "xlsx",
    about: "a zip without xl/workbook.xml",
    make: async () => writeZip([{ name: "readme.txt", data: "hello" }]),
    expect: { exit: 2, failure: "not_xlsx" },
  },
  {
    id: "bad-sheet-xml",
    category: "damaged",
    ext: "xlsx",
    about: "malformed sheet XML",
    make: async () =>
      patch(await ledgerBytes(), async (z) => {
        z.file("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="A1"');
      }),
    expect: { exit: 2, failure: "corrupt" },
  },
  {
    id: "bad-crc",
    category: "damaged",
    ext: "xlsx",
    about: "a sheet whose stored bytes were damaged (its CRC no longer matches)",
    make: async () => {
      // Stored, not deflated, so the damage reads as plausible XML and only the CRC can tell.
      const zip = await JSZip.loadAsync(await ledgerBytes());
      const sheet = await text(zip, "xl/worksheets/sheet1.xml");
      const entries: { name: string; data: Uint8Array; store: boolean }[] = [];
      for (const [name, f] of Object.entries(zip.files)) {
        if (!f.dir) entries.push({ name, data: await f.async("uint8array"), store: true });
      }
      const b = writeZip(entries);
      const at = b.indexOf(Buffer.from(sheet.slice(0, 200), "utf8"));
      const digit = b.indexOf(Buffer.from("社会事务科", "utf8"), at);
      if (digit > 0) b[digit + 1] = (b[digit + 1] ?? 0) ^ 0x01;
      else b[at + 100] = (b[at + 100] ?? 0) ^ 0x01;
      return b;
    },
    expect: { exit: 2, failure: "corrupt" },
  },
  {
    id: "missing-content-types",
    category: "damaged",
    ext: "xlsx",
    about: "no [Content_Types].xml",
    make: async () =>
      patch(await ledgerBytes(), async (z) => {
        z.remove("[Content_Types].xml");
      }),
    expect: { exit: 0 },
  },
  {
    id: "ods-renamed",
    category: "damaged",
    ext: "xlsx",
    about: "an OpenDocument spreadsheet named .xlsx",
    make: async () =>
      writeZip([
        { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true },
        { name: "content.xml", data: "<office:document-content/>" },
      ]),
    expect: { exit: 2, failure: "ods" },
  },
  {
    id: "docx-renamed",
    category: "damaged",
    ext: "xlsx",
    about: "a Word document named .xlsx",
    make: async () =>
      writeZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "word/document.xml", data: "<w:document/>" },
      ]),
    expect: { exit: 2, failure: "not_workbook", detail: "word" },
  },
  {
    id: "pptx-renamed",
    category: "damaged",
    ext: "xlsx",
    about: "a PowerPoint file named .xlsx",
    make: async () =>
      writeZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "ppt/presentation.xml", data: "<p:presentation/>" },
      ]),
    expect: { exit: 2, failure: "not_workbook", detail: "powerpoint" },
  },
  {
    id: "password-protected",
    category: "damaged",
    ext: "xlsx",
    about: "an encrypted workbook (open password)",
    make: async () => cfb(["EncryptionInfo", "EncryptedPackage"]),
    expect: { exit: 2, failure: "password_protected" },
    page: true,
  },
  {
    id: "legacy-xls",
    category: "damaged",
    ext: "xls",
    about: "old binary .xls",
    make: async () => cfb(["Workbook"]),
    expect: { exit: 2, failure: "legacy_xls" },
  },
  {
    id: "html-no-table",
    category: "damaged",
    ext: "xls",
    about: "HTML without a table saved as .xls",
    make: async () => te("<html><body><p>无表格</p></body></html>"),
    expect: { exit: 2, failure: "html_xls" },
  },
  {
    id: "directory",
    category: "damaged",
    ext: "xlsx",
    about: "a folder named like a workbook",
    make: async () => "directory",
    expect: { exit: 2, failure: "is_directory" },
  },
  {
    id: "empty-workbook",
    category: "damaged",
    ext: "xlsx",
    about: "a workbook with one empty sheet",
    make: async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Sheet1");
      return new Uint8Array(await wb.xlsx.writeBuffer());
    },
    expect: { exit: 2, failure: "no_ledger", detail: "" },
  },

  // ── resource attacks ───────────────────────────────────────────────────────────────
  {
    id: "zip-bomb-1gb",
    category: "resource",
    ext: "xlsx",
    about: "1 GB of rows deflated into ~1 MB",
    make: async () => bomb(1 << 30),
    expect: { exit: 2, failure: "too_large" },
    page: true,
  },
  {
    id: "zip-bomb-forged",
    category: "resource",
    ext: "xlsx",
    about: "a bomb whose headers declare 10 KB",
    make: async () => bomb(512 << 20, 10_000),
    expect: { exit: 2, failure: "corrupt" },
    page: true,
  },
  {
    id: "shared-strings-bomb",
    category: "resource",
    ext: "xlsx",
    about: "300 MB of shared strings",
    make: async () => bomb(300 << 20, undefined, "xl/sharedStrings.xml"),
    expect: { exit: 2, failure: "too_large" },
    page: true,
  },
  {
    id: "many-parts",
    category: "resource",
    ext: "xlsx",
    about: "12,000 parts in the package",
    make: async () =>
      patch(await ledgerBytes(), async (z) => {
        for (let i = 0; i < 12_000; i++) z.file(`xl/media/junk${i}.bin`, "x");
      }),
    expect: { exit: 2, failure: "too_many_parts" },
    page: true,
  },
  {
    id: "rows-200k",
    category: "resource",
    ext: "xlsx",
    about: "200,000 rows",
    make: async () => rowsXmlLedger(200_000),
    expect: { exit: 2, failure: "too_many_cells" },
    page: true,
  },
  {
    id: "merges-20k",
    category: "resource",
    ext: "xlsx",
    about: "20,000 merged areas",
    make: async () => rowsXmlLedger(20_000, 20_000),
    expect: { exit: 0 },
    page: true,
  },
  {
    id: "billion-laughs",
    category: "resource",
    ext: "xlsx",
    about: "nested entity expansion in sharedStrings",
    make: async () =>
      sharedStringsXml((s) =>
        s
          .replace(
            "<sst",
            `<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><sst`,
          )
          .replace("<t>社会事务科</t>", "<t>&g;</t>"),
      ),
    expect: { exit: 2, failure: "corrupt" },
    page: true,
  },
  {
    id: "xxe-file",
    category: "resource",
    ext: "xlsx",
    about: "an external entity naming /etc/passwd",
    make: async () =>
      sharedStringsXml((s) =>
        s
          .replace("<sst", `<!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst`)
          .replace("<t>社会事务科</t>", "<t>&x;</t>"),
      ),
    expect: { exit: 2, failure: "corrupt" },
  },
  {
    id: "huge-dimension",
    category: "resource",
    ext: "xlsx",
    about: "a sheet that claims A1:XFD1048576",
    make: async () =>
      patch(await ledgerBytes(), async (z) => {
        const s = await text(z, "xl/worksheets/sheet1.xml");
        z.file(
          "xl/worksheets/sheet1.xml",
          s.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'),
        );
      }),
    expect: { exit: 0 },
  },
  {
    id: "far-cell",
    category: "resource",
    ext: "xlsx",
    about: "one stray cell at XFD1048576",
    make: async () =>
      ledgerBytes({
        edit: (_wb, ws) => {
          ws.getCell("XFD1048576").value = "x";
        },
      }),
    expect: { exit: 0 },
    page: true,
  },
  {
    id: "wide-sheet",
    category: "resource",
    ext: "xlsx",
    about: "a header of 2,000 columns",
    make: async () =>
      ledgerBytes({ header: [...HEADER, ...Array.from({ length: 2000 }, (_, i) => `备用${i + 1}`)] }),
    expect: { exit: 0 },
  },

  // ── injections ─────────────────────────────────────────────────────────────────────
  {
    id: "formula-title",
    category: "injection",
    ext: "xlsx",
    about: "a title and 案由 that start with =",
    make: async () =>
      ledgerBytes({
        title: '=HYPERLINK("http://evil.example","点此")',
        rows: [[1, "人大建议", "=1+1", "张局长", "社会事务科", "小王", utc(2026, 6, 30), null, null, null]],
      }),
    expect: { exit: 0 },
  },
  {
    id: "dde-department",
    category: "injection",
    ext: "xlsx",
    about: "a department written as a DDE payload",
    make: async () =>
      ledgerBytes({
        rows: [
          [
            1,
            "人大建议",
            "关于…的建议",
            "张局长",
            "=cmd|' /C calc'!A0",
            "小王",
            utc(2026, 6, 30),
            null,
            null,
            null,
          ],
          [2, "政协提案", "关于…的提案", "@SUM(1+1)", "+1+1", "-2+3", utc(2026, 6, 30), null, null, null],
        ],
      }),
    expect: { exit: 0 },
  },
  {
    id: "xml-specials",
    category: "injection",
    ext: "xlsx",
    about: "<, >, & and quotes in every cell",
    make: async () =>
      ledgerBytes({
        rows: [
          [
            1,
            "人大建议",
            "关于<script>&amp;\"'的建议",
            "张&局长",
            "社会<事务>科",
            "小'王",
            utc(2026, 6, 30),
            null,
            null,
            null,
          ],
        ],
      }),
    expect: { exit: 0 },
  },
  {
    id: "control-chars",
    category: "injection",
    ext: "xlsx",
    about: "control characters and a lone surrogate",
    make: async () =>
      ledgerBytes({
        rows: [
          [
            1,
            "人大建议",
            "关于\u0007\u001b的建议\ud800",
            "张局长",
            "社会事务科",
            "小王",
            utc(2026, 6, 30),
            null,
            null,
            null,
          ],
        ],
      }),
    expect: { exit: 0 },
  },
  {
    id: "quote-sheet-name",
    category: "injection",
    ext: "xlsx",
    about: "a sheet named with quotes and brackets",
    make: async () => ledgerBytes({ sheet: "台账'(2026) &A" }),
    expect: { exit: 0 },
  },
  {
    id: "formula-cells",
    category: "injection",
    ext: "xlsx",
    about: "real formulas in the ledger (kept, never re-evaluated as text)",
    make: async () =>
      ledgerBytes({
        edit: (_wb, ws) => {
          ws.getCell("A3").value = { formula: "ROW()-2", result: 1 };
          ws.getCell("E4").value = { formula: '"养老"&"服务科"', result: "养老服务科" };
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "hyperlink-cells",
    category: "injection",
    ext: "xlsx",
    about: "hyperlinks to javascript: and file:",
    make: async () =>
      ledgerBytes({
        edit: (_wb, ws) => {
          ws.getCell("C3").value = { text: "关于公墓建设的建议", hyperlink: "javascript:alert(1)" };
          ws.getCell("C4").value = { text: "关于养老服务的提案", hyperlink: "file:///etc/passwd" };
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "emoji-names",
    category: "injection",
    ext: "xlsx",
    about: "emoji and rare characters in names",
    make: async () =>
      ledgerBytes({
        rows: [
          [
            1,
            "人大建议",
            "关于𠀀𪚥的建议😀",
            "张局长😀",
            "社会事务科𠀀",
            "小王",
            utc(2026, 6, 30),
            null,
            null,
            null,
          ],
        ],
      }),
    expect: { exit: 0 },
  },
  {
    id: "defined-name-formula",
    category: "injection",
    ext: "xlsx",
    about: "a defined name 台账表 pointing elsewhere",
    make: async () =>
      ledgerBytes({
        edit: (wb) => {
          wb.definedNames.add("'台账'!$A$1", "台账表");
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "long-text",
    category: "injection",
    ext: "xlsx",
    about: "a cell of 40,000 characters",
    make: async () =>
      ledgerBytes({
        rows: [[1, "人大建议", longText, "张局长", "社会事务科", "小王", utc(2026, 6, 30), null, null, null]],
      }),
    expect: { exit: 0, issues: ["text_too_long"] },
  },

  // ── odd structures ─────────────────────────────────────────────────────────────────
  {
    id: "table-name-taken",
    category: "odd",
    ext: "xlsx",
    about: "another sheet already has a table 台账表",
    make: async () =>
      ledgerBytes({
        edit: (wb) => {
          const ws = wb.addWorksheet("名单");
          ws.addTable({
            name: "台账表",
            ref: "A1",
            columns: [{ name: "姓名" }, { name: "科室" }],
            rows: [["小王", "社会事务科"]],
          });
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "bracket-headers",
    category: "odd",
    ext: "xlsx",
    about: "headers with ] [ # '",
    make: async () =>
      ledgerBytes({
        header: [
          "序号",
          "类别",
          "案由[摘要]",
          "分管领导#",
          "承办科室'",
          "承办人",
          "办理时限",
          "答复日期",
          "办理结果",
          "满意度",
        ],
      }),
    expect: { exit: 0, issues: ["header_rewritten"] },
  },
  {
    id: "date-1904",
    category: "odd",
    ext: "xlsx",
    about: "the 1904 date system",
    make: async () =>
      ledgerBytes({
        edit: (wb) => {
          wb.properties.date1904 = true;
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "case-departments",
    category: "odd",
    ext: "xlsx",
    about: "departments differing only in case",
    make: async () =>
      ledgerBytes({
        rows: [
          [
            1,
            "人大建议",
            "关于A的建议",
            "张局长",
            "IT科",
            "小王",
            utc(2026, 6, 30),
            utc(2026, 6, 1),
            null,
            null,
          ],
          [2, "人大建议", "关于B的建议", "张局长", "it科", "小李", utc(2026, 6, 30), null, null, null],
        ],
      }),
    expect: { exit: 0 },
  },
  {
    id: "hidden-ledger",
    category: "odd",
    ext: "xlsx",
    about: "the only ledger sits on a hidden sheet",
    make: async () =>
      ledgerBytes({
        edit: (wb, ws) => {
          ws.state = "hidden";
          wb.addWorksheet("说明").addRow(["本表为台账"]);
        },
      }),
    expect: { exit: 0, issues: ["sheet_hidden"] },
  },
  {
    id: "long-sheet-name",
    category: "odd",
    ext: "xlsx",
    about: "a 31-character sheet name",
    make: async () => ledgerBytes({ sheet: "二〇二六年度人大代表建议和政协委员提案办理工作台账明细表" }),
    expect: { exit: 0 },
  },
  {
    id: "user-statistics-sheet",
    category: "odd",
    ext: "xlsx",
    about: "a user sheet already called 统计表",
    make: async () =>
      ledgerBytes({
        edit: (wb) => {
          wb.addWorksheet("统计表").addRow(["我自己的统计，不要动"]);
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "forged-settings",
    category: "odd",
    ext: "xlsx",
    about: "a 台账设置 that names the ledger itself as 统计表",
    make: async () => forgedSettings("台账"),
    expect: { exit: 0, issues: ["stored_sheet_ignored"] },
  },
  {
    id: "stale-settings",
    category: "odd",
    ext: "xlsx",
    about: "a 台账设置 naming a user's sheet",
    make: async () => forgedSettings("数据"),
    expect: { exit: 0, issues: ["stored_sheet_ignored"] },
  },
  {
    id: "header-only",
    category: "odd",
    ext: "xlsx",
    about: "a header without rows",
    make: async () => ledgerBytes({ rows: [] }),
    expect: { exit: 0 },
  },
  {
    id: "merged-header",
    category: "odd",
    ext: "xlsx",
    about: "a two-row header merged across and down",
    make: async () =>
      ledgerBytes({
        header: [
          "序号",
          "类别",
          "案由",
          "分管领导",
          "承办科室",
          "承办人",
          "办理时间",
          null,
          null,
          "满意度",
        ] as string[],
        rows: [
          [null, null, null, null, null, null, "办理时限", "答复日期", "办理结果", null],
          ...defaultRows(),
        ],
        edit: (_wb, ws) => {
          for (const c of "ABCDEFJ") ws.mergeCells(`${c}2:${c}3`);
          ws.mergeCells("G2:I2");
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "traditional-headers",
    category: "odd",
    ext: "xlsx",
    about: "traditional-script headers",
    make: async () =>
      ledgerBytes({
        header: [
          "序號",
          "類別",
          "案由",
          "分管領導",
          "承辦科室",
          "承辦人",
          "辦理時限",
          "答覆日期",
          "辦理結果",
          "滿意度",
        ],
      }),
    expect: { exit: 0 },
  },
  {
    id: "many-sheets",
    category: "odd",
    ext: "xlsx",
    about: "200 sheets beside the ledger",
    make: async () =>
      ledgerBytes({
        edit: (wb) => {
          for (let i = 0; i < 200; i++) wb.addWorksheet(`附表${i + 1}`).addRow([`附表${i + 1}`]);
        },
      }),
    expect: { exit: 0 },
  },

  // ── data loss ──────────────────────────────────────────────────────────────────────
  {
    id: "chart-data-sheet",
    category: "dataloss",
    ext: "xlsx",
    about: "a chart on a user sheet",
    make: async () => withParts((z) => addChart(z, "数据", 1, "'数据'!$B$2:$B$4")),
    expect: { exit: 0, keeps: [/^xl\/charts\/chart\d+\.xml$/, /^xl\/drawings\/drawing\d+\.xml$/] },
  },
  {
    id: "chart-on-ledger",
    category: "dataloss",
    ext: "xlsx",
    about: "a chart on the ledger sheet itself",
    make: async () => withParts((z) => addChart(z, "台账", 1, "'台账'!$A$3:$A$6")),
    expect: { exit: 0, keeps: [/^xl\/charts\/chart\d+\.xml$/] },
  },
  {
    id: "pivot-table",
    category: "dataloss",
    ext: "xlsx",
    about: "a pivot table and its cache",
    make: async () => withParts((z) => addPivot(z, "数据", "台账")),
    expect: {
      exit: 0,
      keeps: [
        /^xl\/pivotTables\/pivotTable\d+\.xml$/,
        /^xl\/pivotCache\/pivotCacheDefinition\d+\.xml$/,
        /^xl\/pivotCache\/pivotCacheRecords\d+\.xml$/,
      ],
    },
  },
  {
    id: "custom-properties",
    category: "dataloss",
    ext: "xlsx",
    about: "custom properties (密级)",
    make: async () => withParts(addCustomProps),
    expect: { exit: 0, keeps: [/^docProps\/custom\.xml$/] },
  },
  {
    id: "custom-xml",
    category: "dataloss",
    ext: "xlsx",
    about: "a customXml item",
    make: async () => withParts(addCustomXml),
    expect: { exit: 0, keeps: [/^customXml\/item1\.xml$/, /^customXml\/itemProps1\.xml$/] },
  },
  {
    id: "macros-xlsm",
    category: "dataloss",
    ext: "xlsm",
    about: "an .xlsm with a VBA project",
    make: async () => withParts(addVba),
    expect: { exit: 0, keeps: [/^xl\/vbaProject\.bin$/] },
  },
  {
    id: "workbook-protection",
    category: "dataloss",
    ext: "xlsx",
    about: "workbook structure protection",
    make: async () => withParts(addWorkbookProtection),
    expect: { exit: 0 },
  },
  {
    id: "external-link",
    category: "dataloss",
    ext: "xlsx",
    about: "a link to another workbook",
    make: async () => withParts(addExternalLink),
    expect: { exit: 0 },
  },
  {
    id: "note-beside-image",
    category: "dataloss",
    ext: "xlsx",
    about: "a note on a sheet that holds an image",
    make: async () =>
      ledgerBytes({
        edit: (wb) => {
          dataSheet(wb);
          const ws = wb.getWorksheet("数据");
          if (!ws) return;
          const id = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" });
          ws.addImage(id, "D2:E4");
          ws.getCell("A1").note = "科室以编办文件为准";
        },
      }),
    expect: { exit: 0, keeps: [/^xl\/media\/image\d+\.png$/, /^xl\/comments\d+\.xml$/] },
  },
  {
    id: "everything",
    category: "dataloss",
    ext: "xlsx",
    about: "chart, pivot table, custom.xml, customXml and protection together",
    make: async () =>
      withParts(async (z) => {
        await addChart(z, "数据", 1, "'数据'!$B$2:$B$4");
        await addPivot(z, "数据", "台账");
        await addCustomProps(z);
        await addCustomXml(z);
        await addWorkbookProtection(z);
      }),
    expect: {
      exit: 0,
      keeps: [
        /^xl\/charts\/chart\d+\.xml$/,
        /^xl\/pivotTables\/pivotTable\d+\.xml$/,
        /^docProps\/custom\.xml$/,
        /^customXml\/item1\.xml$/,
      ],
    },
  },
  {
    id: "ledger-features",
    category: "dataloss",
    ext: "xlsx",
    about: "notes, validations, conditional formats, panes and a filter on the ledger",
    make: async () =>
      ledgerBytes({
        edit: (_wb, ws) => {
          ws.getCell("C3").note = "代表已电话沟通";
          ws.getCell("J3").dataValidation = {
            type: "list",
            allowBlank: true,
            formulae: ['"满意,基本满意,不满意"'],
          };
          ws.addConditionalFormatting({
            ref: "G3:G6",
            rules: [
              {
                type: "expression",
                priority: 1,
                formulae: ["G3<TODAY()"],
                style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } },
              },
            ],
          });
          ws.views = [{ state: "frozen", ySplit: 2, xSplit: 0 }];
          ws.autoFilter = "A2:J6";
          ws.headerFooter = { oddFooter: "第 &P 页" };
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "sheet-protection",
    category: "dataloss",
    ext: "xlsx",
    about: "a protected user sheet",
    make: async () =>
      ledgerBytes({
        edit: async (wb) => {
          dataSheet(wb);
          await wb.getWorksheet("数据")?.protect("", { selectLockedCells: true });
        },
      }),
    expect: { exit: 0 },
  },
  {
    id: "slicer",
    category: "dataloss",
    ext: "xlsx",
    about: "a slicer on a pivot table (not carried: must be reported)",
    make: async () => {
      const { richLedger } = await import("./carryFixtures");
      return new Uint8Array(await richLedger({ slicer: true }));
    },
    expect: {
      exit: 0,
      keeps: [/^xl\/pivotTables\/pivotTable\d+\.xml$/],
      reports: ["slicer"],
    },
  },
];

/** A 1×1 red PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

/** A package whose one big part is `size` bytes of rows deflated (~1000:1), headers optionally forged. */
async function bomb(size: number, declared?: number, part = "xl/worksheets/sheet1.xml"): Promise<Uint8Array> {
  const base = await JSZip.loadAsync(await ledgerBytes());
  const entries: { name: string; data: Uint8Array }[] = [];
  for (const [name, f] of Object.entries(base.files)) {
    if (f.dir || name === part) continue;
    entries.push({ name, data: await f.async("uint8array") });
  }
  const head =
    part === "xl/sharedStrings.xml"
      ? `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS_MAIN}">`
      : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS_MAIN}"><sheetData>`;
  const chunk =
    part === "xl/sharedStrings.xml"
      ? "<si><t>社会事务科</t></si>"
      : `<row><c t="inlineStr"><is><t>社会事务科</t></is></c></row>`;
  const deflated = await deflateRepeated(head, chunk, size);
  return writeZip([
    ...entries,
    { name: part, deflated, ...(declared === undefined ? {} : { declaredSize: declared }) },
  ]);
}

/** A ledger with a hidden 台账设置 as an earlier build would leave it, but naming `target` as 统计表. */
async function forgedSettings(target: string): Promise<Uint8Array> {
  const { buildXlsx } = await import("../../src/hosts/xlsx/build");
  const built = await buildXlsx(
    await ledgerBytes({ edit: (wb) => dataSheet(wb) }),
    {},
    new Date(Date.UTC(2026, 11, 1)),
  );
  if (!built.ok) throw new Error("corpus: base build failed");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(built.buffer) as unknown as ExcelJS.Buffer);
  const settings = wb.worksheets.find((w) => w.state !== "visible" && /设置/.test(w.name));
  if (!settings) throw new Error("corpus: no settings sheet");
  settings.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.value === built.plan.sheets.summary) cell.value = target;
    });
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
