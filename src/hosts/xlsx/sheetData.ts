/**
 * A worksheet's `<sheetData>` as ExcelJS 4.x writes it (lib/xlsx/xform/sheet/row-xform.js and cell-xform.js over
 * lib/utils/xml-stream.js), written straight to UTF-8 chunks. ExcelJS pushes every tag, attribute and text of a
 * row as its own string and joins them at the end: for a 20,000-row ledger and its backup that was half of its
 * writing time and most of its garbage. The rows must already be prepared by ExcelJS (`prepareModel`: style ids,
 * shared-string ids, shared-formula ids), so the shared strings and styles stay exactly ExcelJS's.
 *
 * `writableRows` says whether every cell is one this writer knows; a sheet with any other (an inline rich text, a
 * formula result ExcelJS itself refuses) is left to ExcelJS whole. test/hosts/xlsx/zipWrite.test.ts compares the
 * parts with `writeBuffer()`'s for every kind of cell.
 */

import { concatBytes } from "./zip";

/** ExcelJS's ValueType numbers (Enums.ValueType). */
const NULL = 0;
const MERGE = 1;
const NUMBER = 2;
const STRING = 3;
export const DATE = 4;
const HYPERLINK = 5;
export const FORMULA = 6;
const RICH_TEXT = 8;
const BOOLEAN = 9;
const ERROR = 10;

/** A row of ExcelJS's write model, after `prepareModel`. */
export interface PreparedRow {
  number: number;
  min?: number;
  max?: number;
  height?: number;
  hidden?: boolean;
  styleId?: number;
  outlineLevel?: number;
  collapsed?: boolean;
  cells: PreparedCell[];
}

/** A cell of ExcelJS's write model, after `prepareModel`. */
export interface PreparedCell {
  address: string;
  type: number;
  styleId?: number;
  ssId?: number;
  value?: unknown;
  text?: unknown;
  formula?: unknown;
  result?: unknown;
  shareType?: unknown;
  ref?: unknown;
  range?: { range?: unknown };
  si?: unknown;
  date1904?: boolean;
}

const ENCODER = new TextEncoder();
/** Pending text is encoded once it is this long. */
const FLUSH_AT = 1 << 16;

/** UTF-8 output gathered as chunks: text encoded in runs, ready bytes (a formula escaped once) kept as they are. */
export class Utf8Chunks {
  private readonly chunks: Uint8Array[] = [];
  private text = "";

  add(text: string): void {
    this.text += text;
    if (this.text.length >= FLUSH_AT) this.flush();
  }

  addBytes(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
  }

  bytes(): Uint8Array {
    this.flush();
    const out = concatBytes(this.chunks);
    this.chunks.length = 0;
    return out;
  }

  private flush(): void {
    if (this.text.length === 0) return;
    const chunk = ENCODER.encode(this.text);
    this.text = "";
    this.chunks.push(chunk);
  }
}

/** What getValueType (cell-xform.js) makes of a formula's result, undefined where ExcelJS throws. */
function resultType(v: unknown): number | undefined {
  if (v === null || v === undefined) return NULL;
  if (typeof v === "string" || v instanceof String) return STRING;
  if (typeof v === "number") return NUMBER;
  if (typeof v === "boolean") return BOOLEAN;
  if (v instanceof Date) return DATE;
  if (typeof v !== "object") return undefined;
  const o = v as { text?: unknown; hyperlink?: unknown; formula?: unknown; error?: unknown };
  if (Boolean(o.text) && Boolean(o.hyperlink)) return undefined;
  if (o.formula) return undefined;
  if (o.error) return ERROR;
  return undefined;
}

function isText(v: unknown): boolean {
  return v === undefined || typeof v === "string" || typeof v === "number";
}

/** Whether every cell of these rows is one `writeSheetData` writes as ExcelJS would. */
export function writableRows(rows: readonly PreparedRow[]): boolean {
  for (const row of rows) {
    if (!Array.isArray(row.cells)) return false;
    for (const cell of row.cells) {
      if (typeof cell.address !== "string") return false;
      switch (cell.type) {
        case NUMBER:
          if (typeof cell.value !== "number") return false;
          break;
        case ERROR:
          if (typeof cell.value !== "object" || cell.value === null) return false;
          break;
        case STRING:
        case RICH_TEXT:
          if (cell.ssId === undefined && (typeof cell.value !== "string" || cell.type === RICH_TEXT))
            return false;
          break;
        case DATE:
          if (!(cell.value instanceof Date)) return false;
          break;
        case HYPERLINK:
          if (cell.ssId === undefined && !isText(cell.text)) return false;
          break;
        case FORMULA:
          if (!isText(cell.formula) || resultType(cell.result) === undefined) return false;
          if (cell.shareType === "shared" && !cell.ref && !cell.range) return false;
          break;
        default:
          break;
      }
    }
  }
  return true;
}

/**
 * The rows' XML (without the `<sheetData>` tags) into `out`. `formulas` holds ready bytes for `<f>formula</f>`
 * by that same text (zipWrite's tokens): such a formula is copied, not escaped again.
 */
export function writeSheetData(
  out: Utf8Chunks,
  rows: readonly PreparedRow[],
  formulas: ReadonlyMap<string, Uint8Array>,
): void {
  for (const row of rows) {
    let xml = `<row r="${attr(row.number)}"`;
    if (row.height) xml += ` ht="${attr(row.height)}" customHeight="1"`;
    if (row.hidden) xml += ' hidden="1"';
    if (row.min !== undefined && row.max !== undefined && row.min > 0 && row.max > 0 && row.min <= row.max)
      xml += ` spans="${row.min}:${row.max}"`;
    if (row.styleId) xml += ` s="${attr(row.styleId)}" customFormat="1"`;
    xml += ' x14ac:dyDescent="0.25"';
    if (row.outlineLevel) xml += ` outlineLevel="${attr(row.outlineLevel)}"`;
    if (row.collapsed) xml += ' collapsed="1"';
    let empty = true;
    for (const cell of row.cells) {
      if (cell.type === NULL && !cell.styleId) continue;
      if (empty) {
        xml += ">";
        empty = false;
      }
      xml += `<c r="${xmlEncode(cell.address)}"`;
      if (cell.styleId) xml += ` s="${attr(cell.styleId)}"`;
      if (cell.type === FORMULA) {
        const plain = cell.shareType !== "shared" && cell.shareType !== "array" && cell.si === undefined;
        const ready =
          plain && typeof cell.formula === "string" ? formulas.get(`<f>${cell.formula}</f>`) : undefined;
        const { t, v } = formulaResult(cell);
        xml += `${t === undefined ? "" : ` t="${t}"`}>`;
        if (ready === undefined) xml += formulaXml(cell);
        else {
          out.add(xml);
          out.addBytes(ready);
          xml = "";
        }
        xml += `${v === undefined ? "" : leaf("v", v)}</c>`;
        continue;
      }
      const [t, v] = valueOf(cell);
      if (t !== undefined) xml += ` t="${t}"`;
      xml += v === undefined ? "/>" : `>${v}</c>`;
    }
    xml += empty ? "/>" : "</row>";
    out.add(xml);
  }
}

/** A plain cell's `t` attribute and its children's XML (cell-xform.js render). */
function valueOf(cell: PreparedCell): [string | undefined, string | undefined] {
  switch (cell.type) {
    case NUMBER:
      return [undefined, leaf("v", cell.value)];
    case BOOLEAN:
      return ["b", leaf("v", cell.value ? "1" : "0")];
    case ERROR:
      return ["e", leaf("v", (cell.value as { error?: unknown }).error)];
    case STRING:
    case RICH_TEXT:
      return cell.ssId !== undefined ? ["s", leaf("v", cell.ssId)] : ["str", leaf("v", cell.value)];
    case DATE:
      return [undefined, leaf("v", dateToExcel(cell.value as Date, cell.date1904))];
    case HYPERLINK:
      return cell.ssId !== undefined ? ["s", leaf("v", cell.ssId)] : ["str", leaf("v", cell.text)];
    case MERGE:
    default:
      return [undefined, undefined];
  }
}

/** A formula cell's `t` attribute and `<v>` text (renderFormula). */
function formulaResult(cell: PreparedCell): { t?: string; v?: unknown } {
  const result = cell.result;
  switch (resultType(result)) {
    case STRING:
      return { t: "str", v: result };
    case NUMBER:
      return { v: result };
    case BOOLEAN:
      return { t: "b", v: result ? 1 : 0 };
    case ERROR:
      return { t: "e", v: (result as { error?: unknown }).error };
    case DATE:
      return { v: dateToExcel(result as Date, cell.date1904) };
    default:
      return {};
  }
}

/** The `<f>` element (renderFormula's attributes: shared, array, or a clone's si). */
function formulaXml(cell: PreparedCell): string {
  let attrs = "";
  const add = (name: string, value: unknown): void => {
    if (value !== undefined) attrs += ` ${name}="${attr(value)}"`;
  };
  if (cell.shareType === "shared") {
    add("t", "shared");
    add("ref", cell.ref || cell.range?.range);
    add("si", cell.si);
  } else if (cell.shareType === "array") {
    add("t", "array");
    add("ref", cell.ref);
  } else if (cell.si !== undefined) {
    add("t", "shared");
    add("si", cell.si);
  }
  return cell.formula === undefined ? `<f${attrs}/>` : `<f${attrs}>${xmlEncode(String(cell.formula))}</f>`;
}

/** leafNode(name, null, text): text written (zero too) unless undefined. */
function leaf(name: string, text: unknown): string {
  return text === undefined ? `<${name}/>` : `<${name}>${xmlEncode(String(text))}</${name}>`;
}

function attr(value: unknown): string {
  return xmlEncode(String(value));
}

/** utils.dateToExcel, the same arithmetic in the same order. */
function dateToExcel(d: Date, date1904: boolean | undefined): number {
  return 25569 + d.getTime() / (24 * 3600 * 1000) - (date1904 ? 1462 : 0);
}

const NEEDS_ENCODING = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** ExcelJS's xmlEncode (lib/utils/utils.js): the five entities, and the characters XML 1.0 cannot hold dropped. */
export function xmlEncode(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const escape = ENTITIES[code];
    if (escape !== undefined) out += escape;
    else if (code === 127 || (code <= 31 && code !== 9 && code !== 10 && code !== 13)) continue;
    else out += text[i];
  }
  return out;
}

const ENTITIES: Record<number, string> = { 34: "&quot;", 38: "&amp;", 39: "&apos;", 60: "&lt;", 62: "&gt;" };
