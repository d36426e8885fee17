import ExcelJS from "exceljs";
// ExcelJS's own parsers (its package declares types for the workbook API only): the snapshot must be what
// its loader gives, so every part is parsed by the same code, row by row instead of into one model.
// @ts-expect-error untyped CommonJS module of ExcelJS
import ListXformJs from "exceljs/lib/xlsx/xform/list-xform";
// @ts-expect-error untyped CommonJS module of ExcelJS
import RowXformJs from "exceljs/lib/xlsx/xform/sheet/row-xform";
// @ts-expect-error untyped CommonJS module of ExcelJS
import StylesXformJs from "exceljs/lib/xlsx/xform/style/styles-xform";
// @ts-expect-error untyped CommonJS module of ExcelJS
import SharedStringsXformJs from "exceljs/lib/xlsx/xform/strings/shared-strings-xform";
// @ts-expect-error untyped CommonJS module of ExcelJS
import AppXformJs from "exceljs/lib/xlsx/xform/core/app-xform";
// @ts-expect-error untyped CommonJS module of ExcelJS
import CoreXformJs from "exceljs/lib/xlsx/xform/core/core-xform";
// @ts-expect-error untyped CommonJS module of ExcelJS
import parseSaxJs from "exceljs/lib/utils/parse-sax";
// @ts-expect-error untyped CommonJS module of ExcelJS
import colCacheJs from "exceljs/lib/utils/col-cache";
// @ts-expect-error untyped CommonJS module of ExcelJS
import utilsJs from "exceljs/lib/utils/utils";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/snapshot";
import { DEFAULT_LIMITS, indexOfBytes, inspectPackage, type PackageLimits } from "./package";
import { installFastMerges } from "./merges";
import { isTablePart, stripTablePart } from "./tableFormulas";
import {
  columnWidthsOf,
  DEFAULT_FONT_SIZE,
  FONT_SAMPLE_ROWS,
  loadXlsx,
  mergesOf,
  mostCommon,
  plainValue,
  snapshotOf,
  tablesIn,
} from "./workbook";

/**
 * The snapshot an analysis needs, read without ExcelJS's whole model: `snapshotOf(await loadXlsx(bytes))`,
 * equal to it (test/hosts/xlsx/streamSnapshot.test.ts), in about a third of the time and memory on a large
 * ledger. The package pre-check runs as before and hands its inflated parts on, so nothing is inflated twice.
 * Every part ExcelJS's loader reads is parsed by ExcelJS's own parsers and reconciled by its own code, except
 * the cells: each worksheet's <sheetData> is parsed a row at a time (ExcelJS's row parser, then its row
 * reconcile) and turned into plain values straight away, without the Row and Cell objects of the full model.
 * ExcelJS's streaming WorkbookReader is no use here: it skips <mergeCell>, reads cached formula errors and
 * booleans as numbers, and hands sheets over in zip order.
 *
 * Falls back to the full load (same result, or the same error) for anything but a zip (HTML tables saved as
 * .xls, old .xls, encrypted files), and whenever this reader fails on a package the pre-check passed: a
 * damaged part fails the full load too, with its own message.
 */
export async function snapshotFromStream(
  buffer: ArrayBuffer | Uint8Array,
  limits: PackageLimits = DEFAULT_LIMITS,
  /** Told when the full load is used, and why (tests). */
  onFallback?: (reason: string) => void,
): Promise<WorkbookSnapshot> {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    onFallback?.("not a zip");
    return snapshotOf(await loadXlsx(bytes, limits));
  }
  const info = await inspectPackage(bytes, limits, (name) => partKind(strip(name)) !== undefined);
  try {
    return await readSnapshot(info.contents ?? new Map());
  } catch (err) {
    onFallback?.(err instanceof Error ? err.message : String(err));
    return snapshotOf(await loadXlsx(bytes, limits));
  }
}

/* ---------- ExcelJS's internals, typed as far as this file uses them ---------- */

interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}
type SaxEvent =
  | { eventType: "opentag"; value: SaxNode }
  | { eventType: "text"; value: string }
  | { eventType: "closetag"; value: SaxNode };
interface Parser {
  parseStream(chunks: Iterable<string>): Promise<unknown>;
}
interface EventParser {
  model: unknown;
  parseOpen(node: SaxNode): boolean;
  parseText(text: string): void;
  parseClose(name: string): boolean;
}
interface RowParser extends EventParser {
  reconcile(row: RowModel, options: SheetOptions): void;
}
interface Style {
  numFmt?: string;
  font?: { size?: number };
}
/** A cell as ExcelJS's cell parser and reconcile leave it (xlsx/xform/sheet/cell-xform.js). */
interface CellModel {
  address?: string;
  type: number;
  value?: unknown;
  text?: unknown;
  hyperlink?: string;
  tooltip?: string;
  style?: Style;
  formula?: string;
  result?: unknown;
  ref?: string;
  shareType?: string;
  sharedFormula?: string;
}
interface RowModel {
  number: number;
  cells: CellModel[];
}
interface Rel {
  Id: string;
  Target: string;
}
interface SheetModel {
  id?: number;
  sheetNo: string;
  hyperlinks?: { address: string; rId?: string }[];
}
/** The model ExcelJS's XLSX#load builds before reconcile (xlsx/xlsx.js). */
interface LoadModel {
  worksheets: SheetModel[];
  worksheetHash: Record<string, SheetModel>;
  worksheetRels: Record<string, Rel[] | undefined>;
  sheets?: { id: number }[];
  properties?: { date1904?: boolean };
  styles?: unknown;
  sharedStrings?: unknown;
  [part: string]: unknown;
}
interface SheetOptions {
  styles: unknown;
  sharedStrings: unknown;
  date1904: boolean | undefined;
  hyperlinkMap: Record<string, string>;
  formulae: Record<string, string>;
  /** Comments only give a cell its note, which no snapshot holds: left out, one lookup a cell less. */
  commentsMap?: undefined;
}
interface XlsxInternals {
  parseRels(chunks: Iterable<string>): Promise<Rel[]>;
  parseWorkbook(chunks: Iterable<string>): Promise<Record<string, unknown>>;
  reconcile(model: LoadModel, options: undefined): void;
  _processWorksheetEntry(
    c: Iterable<string>,
    m: LoadModel,
    no: string,
    o: undefined,
    path: string,
  ): Promise<void>;
  _processWorksheetRelsEntry(c: Iterable<string>, m: LoadModel, no: string): Promise<void>;
  _processDrawingEntry(c: Iterable<string>, m: LoadModel, name: string): Promise<void>;
  _processCommentEntry(c: Iterable<string>, m: LoadModel, name: string): Promise<void>;
  _processTableEntry(c: Iterable<string>, m: LoadModel, name: string): Promise<void>;
  _processDrawingRelsEntry(c: Iterable<string>, m: LoadModel, name: string): Promise<void>;
  _processVmlDrawingEntry(c: Iterable<string>, m: LoadModel, name: string): Promise<void>;
}

type ParserClass = new (options?: unknown) => Parser;
const ListXform = ListXformJs as new (options: unknown) => EventParser;
const RowXform = RowXformJs as new () => RowParser;
const StylesXform = StylesXformJs as ParserClass;
const SharedStringsXform = SharedStringsXformJs as ParserClass;
const AppXform = AppXformJs as ParserClass;
const CoreXform = CoreXformJs as ParserClass;
const parseSax = parseSaxJs as (chunks: Iterable<string>) => AsyncIterable<SaxEvent[]>;
const colCache = colCacheJs as { decodeAddress(address: string): { col: number } };
const utils = utilsJs as {
  isDateFmt(format: string | undefined): boolean;
  excelToDate(serial: unknown, date1904: boolean | undefined): Date;
};

let memoized = false;
/**
 * ExcelJS asks isDateFmt of every number cell's format, two regex replaces and a match each time (a tenth of a
 * large sheet's read); a sheet has a handful of formats, so the answers are kept. Same answers, installed once
 * (the full load gets them too).
 */
function memoizeDateFormats(): void {
  if (memoized) return;
  memoized = true;
  const original = utils.isDateFmt.bind(utils);
  const known = new Map<string, boolean>();
  utils.isDateFmt = (format) => {
    if (typeof format !== "string") return original(format);
    let answer = known.get(format);
    if (answer === undefined) {
      answer = original(format);
      if (known.size < 10_000) known.set(format, answer);
    }
    return answer;
  };
}

/* ---------- the package, part by part, as XLSX#load reads it ---------- */

type PartKind =
  | "globalRels"
  | "workbook"
  | "workbookRels"
  | "sharedStrings"
  | "styles"
  | "app"
  | "core"
  | "worksheet"
  | "worksheetRels"
  | "drawing"
  | "comments"
  | "table"
  | "drawingRels"
  | "vml";

const EXACT: Record<string, PartKind> = {
  "_rels/.rels": "globalRels",
  "xl/workbook.xml": "workbook",
  "xl/_rels/workbook.xml.rels": "workbookRels",
  "xl/sharedStrings.xml": "sharedStrings",
  "xl/styles.xml": "styles",
  "docProps/app.xml": "app",
  "docProps/core.xml": "core",
};
/** XLSX#load's patterns, in its order (unanchored, as there); themes and media are kept but never parsed. */
const PATTERNS: [RegExp, PartKind | undefined][] = [
  [/xl\/worksheets\/sheet(\d+)[.]xml/, "worksheet"],
  [/xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/, "worksheetRels"],
  [/xl\/theme\/([a-zA-Z0-9]+)[.]xml/, undefined],
  [/xl\/media\/([a-zA-Z0-9]+[.][a-zA-Z0-9]{3,4})$/, undefined],
  [/xl\/drawings\/([a-zA-Z0-9]+)[.]xml/, "drawing"],
  [/xl\/(comments\d+)[.]xml/, "comments"],
  [/xl\/tables\/(table\d+)[.]xml/, "table"],
  [/xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/, "drawingRels"],
  [/xl\/drawings\/(vmlDrawing\d+)[.]vml/, "vml"],
];

const strip = (name: string): string => (name.startsWith("/") ? name.slice(1) : name);

function partKind(name: string): { kind: PartKind; key: string } | undefined {
  const exact = EXACT[name];
  if (exact) return { kind: exact, key: "" };
  for (const [pattern, kind] of PATTERNS) {
    const m = pattern.exec(name);
    if (m) return kind ? { kind, key: m[1] ?? "" } : undefined;
  }
  return undefined;
}

/** XLSX#load hands each part to its parser in 16k-character strings. */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 16_384) out.push(text.substring(i, i + 16_384));
  return out;
}

/** As JSZip's "string" output: UTF-8, a byte-order mark kept as a character. */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * A worksheet split in two: the sheet without its rows (an empty <sheetData/>), which ExcelJS's worksheet
 * parser reads for columns, merges, hyperlinks and tables, and the <sheetData> element, read row by row.
 */
function splitSheet(data: Uint8Array): { skeleton: string; sheetData: Uint8Array | undefined } {
  // On the bytes: every mark looked for is ASCII, which UTF-8 never holds inside a character's bytes.
  const start = indexOfOpen(data, 0);
  if (start < 0) return { skeleton: decoder.decode(data), sheetData: undefined };
  let close = data.indexOf(GT, start);
  if (close >= start + 512) close = -1;
  const selfClosing = close > 0 && data[close - 1] === SLASH;
  const end = selfClosing ? close + 1 : indexOfBytes(data, SHEET_DATA_CLOSE, start) + SHEET_DATA_CLOSE.length;
  if (end < start + SHEET_DATA_CLOSE.length) throw new Error("unclosed sheetData");
  // A second <sheetData>, or one nested in another element, is read by the full load alone.
  if (indexOfOpen(data, end) >= 0) throw new Error("second sheetData");
  return {
    skeleton: `${decoder.decode(data.subarray(0, start))}<sheetData/>${decoder.decode(data.subarray(end))}`,
    sheetData: data.subarray(start, end),
  };
}

const GT = 0x3e;
const SLASH = 0x2f;
const SHEET_DATA = new TextEncoder().encode("<sheetData");
const SHEET_DATA_CLOSE = new TextEncoder().encode("</sheetData>");
/** What may follow the element's name: XML's spaces, "/" and ">" (the ASCII of regex \s). */
const AFTER_NAME = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b, SLASH, GT]);

/** Where `<sheetData` opens an element at or after `from`, or -1. */
function indexOfOpen(data: Uint8Array, from: number): number {
  for (let at = indexOfBytes(data, SHEET_DATA, from); at >= 0; at = indexOfBytes(data, SHEET_DATA, at + 1)) {
    if (AFTER_NAME.has(data[at + SHEET_DATA.length] ?? -1)) return at;
  }
  return -1;
}

/** UTF-8 text decoded a piece at a time (a character split between pieces waits for the next). */
function* decodedChunks(data: Uint8Array): Generator<string> {
  const stream = new TextDecoder("utf-8", { ignoreBOM: true });
  for (let at = 0; at < data.length; at += CHUNK_BYTES) {
    const text = stream.decode(data.subarray(at, at + CHUNK_BYTES), { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = stream.decode();
  if (rest.length > 0) yield rest;
}
const CHUNK_BYTES = 16_384;

async function readSnapshot(parts: Map<string, Uint8Array>): Promise<WorkbookSnapshot> {
  installFastMerges();
  memoizeDateFormats();
  const wb = new ExcelJS.Workbook();
  const xlsx = wb.xlsx as unknown as XlsxInternals;
  const model: LoadModel = {
    worksheets: [],
    worksheetHash: {},
    // An array in XLSX#load, indexed by the sheet's number as a string: the same to every reader of it.
    worksheetRels: {},
    themes: {},
    media: [],
    mediaIndex: {},
    drawings: {},
    drawingRels: {},
    comments: {},
    tables: {},
    vmlDrawings: {},
  };
  // Each sheet's rows kept as bytes, decoded a piece at a time as they are read (a 50,000-row sheet is 27 MB).
  const sheetData = new Map<SheetModel, Uint8Array | undefined>();
  for (const [rawName, data] of parts) {
    const name = strip(rawName);
    const part = partKind(name);
    if (!part) continue;
    // Out of the map once read: the bytes of a part are done with once decoded, a sheet's once its rows are read.
    parts.delete(rawName);
    if (part.kind === "worksheet") {
      const split = splitSheet(data);
      await xlsx._processWorksheetEntry(chunks(split.skeleton), model, part.key, undefined, name);
      const sheet = model.worksheetHash[name];
      if (sheet) sheetData.set(sheet, split.sheetData);
      continue;
    }
    let text = decoder.decode(data);
    if (part.kind === "table" && isTablePart(rawName)) text = stripTablePart(text)?.xml ?? text;
    const c = (): string[] => chunks(text);
    switch (part.kind) {
      case "globalRels":
        model.globalRels = await xlsx.parseRels(c());
        break;
      case "workbook": {
        const book = await xlsx.parseWorkbook(c());
        Object.assign(model, {
          sheets: book.sheets,
          definedNames: book.definedNames,
          views: book.views,
          properties: book.properties,
          calcProperties: book.calcProperties,
        });
        break;
      }
      case "workbookRels":
        model.workbookRels = await xlsx.parseRels(c());
        break;
      case "sharedStrings":
        model.sharedStrings = new SharedStringsXform();
        await (model.sharedStrings as Parser).parseStream(c());
        break;
      case "styles":
        model.styles = new StylesXform();
        await (model.styles as Parser).parseStream(c());
        break;
      case "app": {
        const app = (await new AppXform().parseStream(c())) as { company?: unknown; manager?: unknown };
        Object.assign(model, { company: app.company, manager: app.manager });
        break;
      }
      case "core":
        Object.assign(model, await new CoreXform().parseStream(c()));
        break;
      case "worksheetRels":
        await xlsx._processWorksheetRelsEntry(c(), model, part.key);
        break;
      case "drawing":
        await xlsx._processDrawingEntry(c(), model, part.key);
        break;
      case "comments":
        await xlsx._processCommentEntry(c(), model, part.key);
        break;
      case "table":
        await xlsx._processTableEntry(c(), model, part.key);
        break;
      case "drawingRels":
        await xlsx._processDrawingRelsEntry(c(), model, part.key);
        break;
      case "vml":
        await xlsx._processVmlDrawingEntry(c(), model, part.key);
        break;
    }
  }
  // Reconcile deletes what the rows still need: the styles, the shared strings and each sheet's hyperlinks.
  const { styles, sharedStrings } = model;
  const date1904 = model.properties?.date1904;
  const hyperlinkMaps = new Map(
    model.worksheets.map((s) => [s, hyperlinkMap(s, model.worksheetRels[s.sheetNo])]),
  );
  xlsx.reconcile(model, undefined);
  // The workbook without its rows: names, states, order, columns, merges and tables as ExcelJS sets them.
  wb.model = model as unknown as ExcelJS.WorkbookModel;
  const byId = new Map<number | undefined, SheetModel>();
  for (const s of model.worksheets) byId.set(s.id, s);
  const sheets: SheetSnapshot[] = [];
  for (const ws of wb.worksheets) {
    const source = byId.get(ws.id);
    const options: SheetOptions = {
      styles,
      sharedStrings,
      date1904,
      hyperlinkMap: (source && hyperlinkMaps.get(source)) ?? {},
      formulae: {},
    };
    sheets.push(await sheetSnapshot(ws, source && sheetData.get(source), options, date1904 === true));
  }
  const tables = wb.worksheets.flatMap(tablesIn);
  return { sheets, tables, ...(wb.properties.date1904 === true ? { date1904: true } : {}) };
}

/** As WorksheetXform#reconcile maps hyperlinks: address → target, for those with a relationship id. */
function hyperlinkMap(sheet: SheetModel, rels: Rel[] | undefined): Record<string, string> {
  const byId = new Map((rels ?? []).map((r) => [r.Id, r]));
  const map: Record<string, string> = {};
  for (const h of sheet.hyperlinks ?? []) {
    if (!h.rId) continue;
    const rel = byId.get(h.rId);
    if (!rel) throw new Error(`hyperlink ${h.rId} without a relationship`);
    map[h.address] = rel.Target;
  }
  return map;
}

/* ---------- the rows ---------- */

const {
  Null,
  Merge,
  Number: NumberType,
  String: StringType,
  Date: DateType,
  Boolean: BooleanType,
} = ExcelJS.ValueType;
const { RichText, Error: ErrorType, Formula, Hyperlink } = ExcelJS.ValueType;

/** The column of an A1 address: its letters read here (most cells), anything else by ExcelJS's decoder. */
function columnOf(address: string): number {
  let col = 0;
  let i = 0;
  for (; i < address.length && i < 3; i++) {
    const ch = address.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  const digit = address.charCodeAt(i);
  return i > 0 && digit >= 48 && digit <= 57 ? col : colCache.decodeAddress(address).col;
}

/** What `cell.value` is once Row#model and Cell#model took the parsed cell (doc/cell.js value classes). */
function cellValue(m: CellModel): ExcelJS.CellValue {
  switch (m.type) {
    case NumberType:
    case StringType:
    case DateType:
    case BooleanType:
    case ErrorType:
      return m.value as ExcelJS.CellValue;
    case RichText:
      return { richText: (m.value as ExcelJS.CellRichTextValue).richText };
    case Hyperlink:
      return { text: m.text, hyperlink: m.hyperlink } as ExcelJS.CellValue;
    case Formula: {
      // FormulaValue#value copies only the fields that are truthy (a cached 0 or "" is dropped).
      const copy: Record<string, unknown> = {};
      for (const key of ["formula", "result", "ref", "shareType", "sharedFormula"] as const) {
        if (m[key]) copy[key] = m[key];
      }
      return copy as unknown as ExcelJS.CellValue;
    }
    default:
      return null;
  }
}

/** One sheet as workbook.ts's sheetSnapshot reads it from the full model. */
async function sheetSnapshot(
  ws: ExcelJS.Worksheet,
  sheetData: Uint8Array | undefined,
  options: SheetOptions,
  date1904: boolean,
): Promise<SheetSnapshot> {
  const rows: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  /** Row#cellCount of each row read (the highest column with a cell, empty or not). */
  const cellCounts: number[] = [];
  const fonts: number[][] = [];
  const onRow = (row: RowModel): void => {
    const n = row.number;
    if (Number.isNaN(n)) throw new Error("row without a number");
    const values: CellValue[] = [];
    const formats: (string | null)[] = [];
    const sizes: number[] = [];
    let count = 0;
    let previous = 0;
    // The cells merged areas made in this row, if any (a merged slave cell holds no value).
    const mergedRow = ws.findRow(n);
    for (const cell of row.cells) {
      // Row#model skips parsed cells of the Merge type (no value and no style).
      if (cell.type === Merge) continue;
      const col = cell.address ? columnOf(cell.address) : previous > 0 ? previous + 1 : NaN;
      if (!(col >= 1)) throw new Error("cell without an address");
      previous = col;
      const i = col - 1;
      if (col <= count) {
        // A later cell of the same address replaces the earlier one.
        delete values[i];
        delete formats[i];
        delete sizes[i];
      } else count = col;
      if (cell.type === Null || mergedRow?.findCell(col)?.type === Merge) continue;
      values[i] = plainValue(cellValue(cell), date1904);
      formats[i] = cell.style?.numFmt ?? null;
      sizes[i] = cell.style?.font?.size ?? DEFAULT_FONT_SIZE;
    }
    // Worksheet#_parseRows: rows numbered below 1 are no rows of the sheet; a later row replaces an earlier one.
    if (n < 1) return;
    rows[n - 1] = values;
    numberFormats[n - 1] = formats;
    cellCounts[n - 1] = count;
    // Only the first rows' text sizes are sampled: the others are not kept.
    if (n <= FONT_SAMPLE_ROWS) fonts[n - 1] = sizes;
  };
  if (sheetData !== undefined) await readRows(sheetData, options, onRow);
  // Rows and cells the merged areas made: a merged cell is a value to Row#hasValues, and every cell of a merge
  // (its top-left too) counts in Row#cellCount.
  const mergedCounts: number[] = [];
  const merged: boolean[] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    mergedCounts[n - 1] = row.cellCount;
    if (row.hasValues) merged[n - 1] = true;
  });
  let columnCount = 0;
  let length = 0;
  const fontSizes = new Map<number, number>();
  for (let r = 0; r < Math.max(rows.length, mergedCounts.length); r++) {
    if (!(merged[r] === true || (rows[r]?.some(() => true) ?? false))) {
      delete rows[r];
      delete numberFormats[r];
      continue;
    }
    rows[r] ??= [];
    numberFormats[r] ??= [];
    length = r + 1;
    columnCount = Math.max(columnCount, cellCounts[r] ?? 0, mergedCounts[r] ?? 0);
    if (r < FONT_SAMPLE_ROWS) {
      for (const size of fonts[r] ?? [])
        if (size !== undefined) fontSizes.set(size, (fontSizes.get(size) ?? 0) + 1);
    }
  }
  rows.length = numberFormats.length = length;
  return {
    name: ws.name,
    rows,
    numberFormats,
    merges: mergesOf(ws),
    hidden: ws.state !== "visible",
    columnWidths: columnWidthsOf(ws, columnCount),
    ...(fontSizes.size > 0 ? { fontSize: mostCommon(fontSizes) } : {}),
  };
}

/** <sheetData> through ExcelJS's row parser and row reconcile, each row handed on as soon as it is read. */
async function readRows(
  xml: Uint8Array,
  options: SheetOptions,
  onRow: (row: RowModel) => void,
): Promise<void> {
  const rowXform = new RowXform();
  const cellXform = (rowXform as unknown as { map: { c: { reconcile: typeof reconcileCell } } }).map.c;
  // A sheet without hyperlinks (most ledgers) spares the map's lookup by every cell's address string, which cost
  // most of ExcelJS's cell reconcile: the same reconcile without that one step.
  if (Object.keys(options.hyperlinkMap).length === 0 && options.commentsMap === undefined)
    cellXform.reconcile = reconcileCell;
  const list = new ListXform({ tag: "sheetData", count: false, empty: true, childXform: rowXform });
  for await (const events of parseSax(decodedChunks(xml))) {
    for (const e of events) {
      if (e.eventType === "opentag") list.parseOpen(e.value);
      else if (e.eventType === "text") list.parseText(e.value);
      else list.parseClose(e.value.name);
    }
    const done = Array.isArray(list.model) ? (list.model as RowModel[]).splice(0) : [];
    for (const row of done) {
      rowXform.reconcile(row, options);
      onRow(row);
    }
  }
}

/** A parsed cell as ExcelJS leaves it before reconcile: its style id and, of a shared formula, the share's id. */
interface ParsedCell extends Omit<CellModel, "sharedFormula"> {
  styleId?: number | undefined;
  si?: string;
  sharedFormula?: string | undefined;
}

interface ReconcileOptions {
  styles?: { getStyleModel(id: number): Style | undefined };
  sharedStrings?: { getString(index: number): unknown };
  date1904: boolean | undefined;
  formulae: Record<string, string | undefined>;
}

/**
 * CellXform#reconcile of ExcelJS 4.4 (xlsx/xform/sheet/cell-xform.js), step for step, for a sheet with neither
 * hyperlinks nor comments (whose two lookups it leaves out): the style, shared strings, rich text, dates and
 * shared formulas. streamSnapshot.test.ts holds the snapshots equal to the full load's.
 */
function reconcileCell(model: ParsedCell, options: ReconcileOptions): void {
  const style = model.styleId && options.styles && options.styles.getStyleModel(model.styleId);
  if (style) model.style = style;
  if (model.styleId !== undefined) model.styleId = undefined;
  switch (model.type) {
    case StringType:
      if (typeof model.value === "number" && options.sharedStrings)
        model.value = options.sharedStrings.getString(model.value);
      // As ExcelJS: a string cell without a value fails here (and the full load with it).
      if ((model.value as { richText?: unknown }).richText) model.type = RichText;
      break;
    case NumberType:
      if (style && utils.isDateFmt(style.numFmt)) {
        model.type = DateType;
        model.value = utils.excelToDate(model.value, options.date1904);
      }
      break;
    case Formula:
      if (model.result !== undefined && style && utils.isDateFmt(style.numFmt))
        model.result = utils.excelToDate(model.result, options.date1904);
      if (model.shareType === "shared") {
        if (model.ref) options.formulae[model.si ?? "undefined"] = model.address;
        else {
          model.sharedFormula = options.formulae[model.si ?? "undefined"];
          delete model.shareType;
        }
        delete model.si;
      }
      break;
    default:
      break;
  }
}
