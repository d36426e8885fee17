import type { CellValue, MergedArea, SheetSnapshot, WorkbookSnapshot } from "../../core/snapshot";
import { cleanSheetName, isReservedSheetName, uniqueSheetName } from "../../core/plan/names";
import { XlsxLoadError } from "../xlsx/errors";

/**
 * Reads the "Excel files" many government systems export: an HTML page with <table>s, saved under an .xls
 * name. Each table becomes one sheet of a plain WorkbookSnapshot; rowspan/colspan become merged areas with
 * the value at the top-left only (the core fills merges itself). Plain string work with a small tokenizer:
 * no DOM and no dependency, so the same code runs in node (CLI, tests) and in the browser page.
 *
 * Values stay as the page shows them: text, except cells that are plainly a number ("12", not "001" nor
 * "1.50"), and never for cells the export marked as text (mso-number-format:'\@'). Dates stay text; the core
 * reads text dates.
 */

/** True when the bytes are markup (after an optional BOM and blank space), not a zip or an OLE file. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder(bomEncoding(bytes) ?? "utf-8").decode(bytes.subarray(0, 1024));
  return head.trimStart().startsWith("<");
}

/**
 * The snapshot of every non-empty <table> of an HTML page. Throws XlsxLoadError("html_xls") when the
 * page holds no table at all.
 */
export function readHtmlWorkbook(bytes: Uint8Array): WorkbookSnapshot {
  const html = decodeHtml(bytes);
  const tables = parseTables(html);
  if (tables.length === 0) throw new XlsxLoadError("html_xls");
  // A layout table that only wraps the real one (or an empty table) is no sheet, unless nothing else is left.
  const filled = tables.filter((t) => t.rows.some((row) => row.some((v) => v !== null)));
  const kept = filled.length > 0 ? filled : tables;
  const names = sheetNames(excelSheetNames(html), kept.length);
  return { sheets: kept.map((t, i) => ({ name: names[i] ?? `Sheet${i + 1}`, ...t })) };
}

// ---------------------------------------------------------------------------------------------------------
// Decoding: BOM, then the declared charset, then UTF-8 if it decodes cleanly, else GB18030 (a superset of
// GBK and GB2312, which is what Chinese exports without a declaration use).

/** Decodes the page to a string. Exported for tests. */
export function decodeHtml(bytes: Uint8Array): string {
  // A BOM is the surest sign (it wins over <meta>, as in browsers): files re-saved by an editor keep the
  // old declaration but get the editor's encoding and its BOM.
  const bom = bomEncoding(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes);
  const declared = declaredEncoding(bytes);
  if (declared && declared !== "utf-8") return new TextDecoder(declared).decode(bytes);
  // Declared UTF-8 or nothing: trust UTF-8 only if every byte sequence is valid (some systems declare
  // UTF-8 and write GBK).
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The charset of <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII; any single-byte reading of the head finds it.
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const label = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (!label) return undefined;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding; // the canonical name; unknown labels throw
  } catch {
    return undefined;
  }
  // A page whose <meta> could be read as ASCII is not UTF-16, whatever it says (the HTML rule).
  return encoding.startsWith("utf-16") ? "utf-8" : encoding;
}

// ---------------------------------------------------------------------------------------------------------
// Sheet names: Excel's own HTML export names its worksheets in an XML island in the head, usually inside a
// conditional comment: <x:ExcelWorksheet><x:Name>责任分工表</x:Name>…

function excelSheetNames(html: string): string[] {
  const out: string[] = [];
  const re = /<x:ExcelWorksheet\b[^>]*>[\s\S]*?<x:Name>([\s\S]*?)<\/x:Name>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) out.push(decodeEntities(m[1] ?? "").trim());
  return out;
}

/**
 * Names valid in Excel by the core's rules (plan/names.ts: no []:*?/\, at most 31 characters, unique
 * regardless of case, a repeat numbered " (2)"); a missing, empty or reserved name becomes SheetN.
 */
function sheetNames(found: string[], count: number): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const cleaned = cleanSheetName(found[i] ?? "", "");
    const base = cleaned === "" || isReservedSheetName(cleaned) ? `Sheet${i + 1}` : cleaned;
    const name = uniqueSheetName(base, used, (n) => ` (${n})`);
    used.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Tables: a tokenizer over tags. Text between tags is kept only inside a cell; <br> is a line break inside a
// cell; a <table> inside a cell is its own sheet.

type Table = Omit<SheetSnapshot, "name">;

/**
 * Comments, CDATA, doctype / processing instructions, or a tag with its name and attributes. Attributes
 * run to the first ">" (exports do not put ">" in attribute values; a stray quote must not swallow rows).
 */
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][\w:.-]*)([^>]*)>/g;
/** Elements whose content is not markup: skipped whole. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);
/** Block elements inside a cell start a new line, as they would on the page. */
const BLOCK = new Set(["p", "div", "li"]);
/** Marks a line break in a cell's raw text; NUL never appears in the (cleaned) page text. */
const LINE = "\u0000";

/** Parses every <table> of the page, in the order they open. Exported for tests. */
function parseTables(source: string): Table[] {
  const html = source.replace(/\u0000/g, "");
  const done: TableBuilder[] = [];
  const open: TableBuilder[] = []; // nested tables: the innermost is last
  const text = (raw: string) => open.at(-1)?.text(raw);
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    if (m.index > last) text(html.slice(last, m.index));
    last = TOKEN.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype, CDATA
    const closing = m[1] === "/";
    const table = open.at(-1);
    if (!closing && RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}\\s*>`, "ig");
      end.lastIndex = last;
      last = TOKEN.lastIndex = end.exec(html) ? end.lastIndex : html.length;
      continue;
    }
    if (name === "table") {
      if (!closing) {
        const t = new TableBuilder();
        done.push(t);
        open.push(t);
      } else if (table) {
        table.endCell();
        open.pop();
      }
    } else if (!table) {
      continue;
    } else if (name === "tr") {
      table.endCell();
      if (!closing) table.startRow();
    } else if (name === "td" || name === "th") {
      table.endCell();
      if (!closing) table.startCell(attributes(m[3] ?? ""));
    } else if (name === "br" || (!closing && BLOCK.has(name))) {
      table.lineBreak();
    }
  }
  if (last < html.length) text(html.slice(last));
  return done.map((t) => t.finish());
}

interface OpenCell {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  /** Page text of the cell, entities still encoded, LINE at line breaks. */
  raw: string;
  asText: boolean;
}

class TableBuilder {
  private readonly values: CellValue[][] = [];
  private readonly formats: (string | null)[][] = [];
  private readonly spans: MergedArea[] = [];
  /** Grid positions taken by a cell or by a span from above or the left. */
  private readonly taken: boolean[][] = [];
  private row = -1;
  private col = 0;
  private cell: OpenCell | null = null;

  startRow(): void {
    this.row++;
    this.col = 0;
  }

  startCell(attrs: Map<string, string>): void {
    if (this.row < 0) this.startRow(); // a <td> without <tr>
    const r = this.row;
    const taken = (this.taken[r] ??= []);
    let c = this.col;
    while (taken[c]) c++;
    const rowSpan = span(attrs.get("rowspan"), 65534);
    let colSpan = span(attrs.get("colspan"), 1000);
    // A malformed table can let a colspan run into a rowspan from above; Excel cannot overlap merges.
    for (let k = 1; k < colSpan; k++) {
      if (taken[c + k]) {
        colSpan = k;
        break;
      }
    }
    for (let i = r; i < r + rowSpan; i++) {
      const line = (this.taken[i] ??= []);
      for (let j = c; j < c + colSpan; j++) line[j] = true;
    }
    this.col = c + colSpan;
    const style = decodeEntities(attrs.get("style") ?? "");
    const asText = attrs.has("x:str") || /mso-number-format\s*:\s*["']?\\?@/i.test(style);
    this.cell = { r, c, rowSpan, colSpan, raw: "", asText };
  }

  text(raw: string): void {
    if (this.cell) this.cell.raw += raw;
  }

  lineBreak(): void {
    if (this.cell) this.cell.raw += LINE;
  }

  endCell(): void {
    const cell = this.cell;
    if (!cell) return;
    this.cell = null;
    const text = cellText(cell.raw);
    const value = text === "" ? null : cell.asText ? text : numberOrText(text);
    (this.values[cell.r] ??= [])[cell.c] = value;
    (this.formats[cell.r] ??= [])[cell.c] = cell.asText && value !== null ? "@" : null;
    if (cell.rowSpan > 1 || cell.colSpan > 1) {
      this.spans.push({
        top: cell.r,
        left: cell.c,
        bottom: cell.r + cell.rowSpan - 1,
        right: cell.c + cell.colSpan - 1,
      });
    }
  }

  finish(): Table {
    this.endCell();
    const count = this.row + 1;
    const rows: CellValue[][] = [];
    const numberFormats: (string | null)[][] = [];
    for (let r = 0; r < count; r++) {
      const values = this.values[r] ?? [];
      let width = values.length;
      while (width > 0 && (values[width - 1] ?? null) === null) width--;
      rows.push(Array.from({ length: width }, (_, c) => values[c] ?? null));
      numberFormats.push(Array.from({ length: width }, (_, c) => this.formats[r]?.[c] ?? null));
    }
    // A rowspan past the last row ends there, as on the page; what is left of it may be a single cell.
    const merges = this.spans
      .map((m) => ({ ...m, bottom: Math.min(m.bottom, count - 1) }))
      .filter((m) => m.bottom > m.top || m.right > m.left);
    return { rows, numberFormats, merges };
  }
}

/** rowspan/colspan: a whole number from 1 to max; 0 ("to the end of the group") and junk count as 1. */
function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** Attributes of a tag, names lowercased, values with quotes removed (entities left for the caller). */
function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!out.has(name)) out.set(name, m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/**
 * A cell's text as the page shows it: source white space collapsed to one space, entities decoded,
 * &nbsp; as a plain space, each line trimmed, leading and trailing blank lines dropped.
 */
function cellText(raw: string): string {
  return raw
    .split(LINE)
    .map((line) =>
      decodeEntities(line.replace(/[ \t\n\r\f]+/g, " "))
        .replace(/\u00a0/g, " ")
        .trim(),
    )
    .join("\n")
    .trim();
}

/** A number only when the text is exactly how that number is written: "12" and "-3.5", not "001" or "1e3". */
function numberOrText(text: string): CellValue {
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text ? n : text;
}

const ENTITIES: Record<string, string> = {
  nbsp: "\u00a0",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  middot: "·",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  times: "×",
  divide: "÷",
  plusmn: "±",
  deg: "°",
  yen: "¥",
  copy: "©",
  reg: "®",
};

/** &name; (the common ones), &#NNN; and &#xHH;. Unknown names are left as written. */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);?/gi, (whole, body: string) => {
    if (body.startsWith("#")) {
      const hex = body[1] === "x" || body[1] === "X";
      const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : "\ufffd";
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}
