import type ExcelJS from "exceljs";
import {
  DATE,
  FORMULA,
  type PreparedRow,
  Utf8Chunks,
  writableRows,
  writeSheetData,
  xmlEncode,
} from "./sheetData";
import { concatBytes, zipParts } from "./zip";
import { deferredRowsOf } from "./deferredRows";

/**
 * ExcelJS's own .xlsx writer, with fflate in place of its zip. ExcelJS renders each part to a string and hands it
 * to jszip, whose JavaScript UTF-8 encoding, CRC and deflate took most of a build's writing time at 20,000 rows
 * (three times ExcelJS's rendering). Here the same parts, rendered by the same ExcelJS methods in the same order
 * as `XLSX.write`, are encoded with the native TextEncoder and zipped by fflate. test/hosts/xlsx/zipWrite.test.ts
 * checks every part is the same as `wb.xlsx.writeBuffer()` writes; an ExcelJS without these methods falls back to
 * its own writer (after attachDeferredRows).
 */

interface Appender {
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void;
}

/** The methods of ExcelJS's XLSX class (lib/xlsx/xlsx.js, 4.x) that `write` calls, in its order. */
interface XlsxInternals {
  workbook: { model: unknown };
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: Appender, model: unknown): Promise<void>;
  addOfficeRels(zip: Appender, model: unknown): Promise<void>;
  addWorkbookRels(zip: Appender, model: unknown): Promise<void>;
  addWorksheets(zip: Appender, model: unknown): Promise<void>;
  addSharedStrings(zip: Appender, model: unknown): Promise<void>;
  addDrawings(zip: Appender, model: unknown): Promise<void>;
  addTables(zip: Appender, model: unknown): Promise<void>;
  addThemes(zip: Appender, model: unknown): Promise<void>;
  addStyles(zip: Appender, model: unknown): Promise<void>;
  addMedia(zip: Appender, model: unknown): Promise<void>;
  addApp(zip: Appender, model: unknown): Promise<void>;
  addCore(zip: Appender, model: unknown): Promise<void>;
  addWorkbook(zip: Appender, model: unknown): Promise<void>;
}

const STEPS = [
  "prepareModel",
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addWorksheets",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;

const ENCODER = new TextEncoder();

/**
 * The workbook as .xlsx bytes, deflated at `level` (0 = stored: bytes only the tool reads again). Undefined when
 * this ExcelJS lacks a method `XLSX.write` uses (the caller then writes with ExcelJS itself).
 */
export async function zipWorkbook(wb: ExcelJS.Workbook, level: 0 | 6): Promise<Uint8Array | undefined> {
  const parts = await workbookParts(wb);
  return parts === undefined ? undefined : zipParts(parts, level);
}

/**
 * The parts of the .xlsx ExcelJS would write, by path, not zipped: a build hands them to carryOver as they are
 * (zipping them only to unzip them again cost a CRC of every byte). Undefined as zipWorkbook.
 */
export async function workbookParts(wb: ExcelJS.Workbook): Promise<Map<string, Uint8Array> | undefined> {
  const xlsx = wb.xlsx as unknown as XlsxInternals;
  if (STEPS.some((step) => typeof xlsx[step] !== "function")) return undefined;
  const entries = new Map<string, Uint8Array>();
  const { model } = xlsx.workbook;
  // A sheet whose rows render left as models (the backup) gets them where the getter would have put them.
  for (const sheet of (model as WriteModel).worksheets ?? []) {
    const held = deferredRowsOf(typeof sheet.id === "number" ? wb.getWorksheet(sheet.id) : undefined);
    if (held === undefined) continue;
    sheet.rows = held.rows as NonNullable<WriteSheet["rows"]>;
    sheet.dimensions = held.dimensions;
  }
  shareStyles(model as WriteModel);
  // ExcelJS's cell models are the cells' own value objects: the formulas go back once the parts are written.
  const { formulas, restore } = tokenizeFormulas(model as WriteModel);
  // The sheets whose rows sheetData.ts writes: ExcelJS writes the rest of the part around an empty <sheetData/>.
  const ownRows = new Map<string, { sheet: WriteSheet; rows: PreparedRow[] }>();
  const zip: Appender = {
    append(data, { name, base64 }) {
      const rows = ownRows.get(name)?.rows;
      entries.set(
        name,
        typeof data !== "string"
          ? data
          : base64 === true
            ? fromBase64(data)
            : rows !== undefined
              ? withRows(data, rows, formulas)
              : formulas.size > 0 && data.includes(TOKEN_OPEN)
                ? withFormulas(data, formulas)
                : ENCODER.encode(data),
      );
    },
  };
  const options = {};
  const sheets = (model as WriteModel).worksheets ?? [];
  try {
    xlsx.prepareModel(model, options);
    for (const sheet of sheets) {
      const rows = sheet.rows as unknown as PreparedRow[] | undefined;
      if (rows === undefined || rows.length === 0 || !writableRows(rows)) continue;
      ownRows.set(`xl/worksheets/sheet${String(sheet.id)}.xml`, { sheet, rows });
      sheet.rows = [];
    }
    await xlsx.addContentTypes(zip, model);
    await xlsx.addOfficeRels(zip, model);
    await xlsx.addWorkbookRels(zip, model);
    await xlsx.addWorksheets(zip, model);
  } finally {
    for (const { sheet, rows } of ownRows.values())
      sheet.rows = rows as unknown as NonNullable<WriteSheet["rows"]>;
    restore();
  }
  await xlsx.addSharedStrings(zip, model);
  await xlsx.addDrawings(zip, model);
  await xlsx.addTables(zip, model);
  await Promise.all([xlsx.addThemes(zip, model), xlsx.addStyles(zip, model)]);
  await xlsx.addMedia(zip, model);
  await Promise.all([xlsx.addApp(zip, model), xlsx.addCore(zip, model)]);
  await xlsx.addWorkbook(zip, model);
  return entries;
}

/** The parts of ExcelJS's write model (`workbook.model`, built afresh for each write) that carry a style. */
interface WriteModel {
  worksheets?: WriteSheet[];
}

interface WriteSheet {
  id?: unknown;
  dimensions?: unknown;
  rows?: ({ style?: object; cells?: (WriteCell | undefined)[] } | undefined)[];
  cols?: ({ style?: object } | undefined)[];
}

/**
 * ExcelJS gives every loaded cell a style object of its own (216,000 for a 20,000-row ledger: the empty ones and
 * a few dozen real styles, each repeated thousands of times), and keys each object it has not seen by rendering
 * its font, border, fill and xf to XML: 600,000 times for a ledger and its backup, a third of the writing time.
 * Here the objects with the same content are made one, so ExcelJS renders each style once. ExcelJS remembers the
 * id of an object by the first cell it met it on, whatever the later cells' types (a date without a number
 * format gets the default date format), so each object is shared with those of the same content *and* the same
 * first use, in ExcelJS's own order (columns, then each row and its cells): every cell gets the id it got before.
 * An empty object, never one cell's and another's in a load or a render, goes by its own cell. Only this write's
 * model changes; the workbook's cells keep their objects.
 */
function shareStyles(model: WriteModel): void {
  const plain = {};
  const date = {};
  const byContent = new Map<string, object>();
  const byObject = new Map<object, object>();
  const contentOf = styleContent();
  const shared = (style: object, isDate: boolean): object => {
    if (isEmptyStyle(style)) return isDate ? date : plain;
    const known = byObject.get(style);
    if (known !== undefined) return known;
    const content = contentOf(style);
    const key =
      content === undefined
        ? undefined
        : isDate && !(style as { numFmt?: unknown }).numFmt
          ? `d${content}`
          : content;
    const one = key === undefined ? style : (byContent.get(key) ?? style);
    if (key !== undefined) byContent.set(key, one);
    byObject.set(style, one);
    return one;
  };
  for (const sheet of model.worksheets ?? []) {
    for (const col of sheet.cols ?? []) if (col?.style) col.style = shared(col.style, false);
    for (const row of sheet.rows ?? []) {
      if (!row) continue;
      if (row.style) row.style = shared(row.style, false);
      for (const cell of row.cells ?? []) {
        if (!cell?.style) continue;
        cell.style = shared(cell.style, isDateTyped(cell));
      }
    }
  }
}

/**
 * A date to ExcelJS's styles (getEffectiveCellType): a date, or a formula whose cached result is one. Such a cell
 * without a number format gets the default date format. For a cell (render.ts) and its write model alike.
 */
export function isDateTyped(cell: { type?: number; result?: unknown }): boolean {
  return cell.type === DATE || (cell.type === FORMULA && cell.result instanceof Date);
}

/**
 * A style's content as a key: each property's name and its value's content, a value met before (the font,
 * border or fill objects cells share) by a number instead of its JSON again. Undefined for a value JSON cannot
 * tell apart (NaN, Infinity and null all read "null"): that style keeps its own object.
 */
function styleContent(): (style: object) => string | undefined {
  const ids = new Map<unknown, number>();
  const byJson = new Map<string, number>();
  const idOf = (value: unknown): number | undefined => {
    let id = ids.get(value);
    if (id !== undefined) return id < 0 ? undefined : id;
    const json = JSON.stringify(value) ?? "undefined";
    id = json.includes("null") ? -1 : (byJson.get(json) ?? byJson.size);
    if (id >= 0) byJson.set(json, id);
    ids.set(value, id);
    return id < 0 ? undefined : id;
  };
  return (style) => {
    let key = "";
    for (const [name, value] of Object.entries(style)) {
      const id = idOf(value);
      if (id === undefined) return undefined;
      key += `${name}:${id};`;
    }
    return key;
  };
}

interface WriteCell {
  address?: unknown;
  sharedFormula?: unknown;
  style?: object;
  type?: number;
  result?: unknown;
  formula?: unknown;
  shareType?: unknown;
  si?: unknown;
}

/** What stands for a formula in ExcelJS's text (private-use characters, which its XML escaping leaves alone). */
const TOKEN_OPEN = "\uE000";
const TOKEN_CLOSE = "\uE001";
/** Formulas shorter than this are written by ExcelJS as they are; so are those past the count. */
const LONG_FORMULA = 64;
const MAX_FORMULAS = 4096;

/**
 * A table's calculated column has the same long formula in every row (2 KB for 时限状态, 40,000 times at 20,000
 * rows: 92 MB of a 100 MB sheet). ExcelJS escapes and concatenates each copy; here each long formula is escaped
 * once and ExcelJS writes a token in its place, which `withFormulas` replaces by the formula's bytes: the same
 * part, byte for byte. Only plain formulas (not shared, not array) are replaced, and none at all when a formula
 * already holds the token's character.
 */
function tokenizeFormulas(model: WriteModel): {
  formulas: Map<string, Uint8Array>;
  restore: () => void;
} {
  const cells: WriteCell[] = [];
  for (const sheet of model.worksheets ?? []) {
    // A formula a clone points at becomes a shared formula's master when ExcelJS prepares the sheet.
    const masters = new Set<unknown>();
    for (const row of sheet.rows ?? [])
      for (const cell of row?.cells ?? [])
        if (cell?.sharedFormula !== undefined) masters.add(cell.sharedFormula);
    for (const row of sheet.rows ?? [])
      for (const cell of row?.cells ?? []) {
        if (cell?.type !== FORMULA || typeof cell.formula !== "string") continue;
        if (cell.formula.includes(TOKEN_OPEN)) return { formulas: new Map(), restore: () => undefined };
        if (
          cell.formula.length >= LONG_FORMULA &&
          cell.shareType === undefined &&
          cell.si === undefined &&
          !masters.has(cell.address)
        )
          cells.push(cell);
      }
  }
  const tokens = new Map<string, string>();
  const bytes = new Map<string, Uint8Array>();
  const replaced: [WriteCell, string][] = [];
  for (const cell of cells) {
    const formula = cell.formula as string;
    let token = tokens.get(formula);
    if (token === undefined) {
      if (tokens.size >= MAX_FORMULAS) continue;
      token = `${TOKEN_OPEN}${tokens.size}${TOKEN_CLOSE}`;
      tokens.set(formula, token);
      bytes.set(`<f>${token}</f>`, ENCODER.encode(`<f>${xmlEncode(formula)}</f>`));
    }
    replaced.push([cell, formula]);
    cell.formula = token;
  }
  return {
    formulas: bytes,
    restore: () => {
      for (const [cell, formula] of replaced) cell.formula = formula;
    },
  };
}

/** A worksheet part ExcelJS wrote without its rows, with them: sheetData.ts writes what ExcelJS would have. */
function withRows(
  text: string,
  rows: readonly PreparedRow[],
  formulas: ReadonlyMap<string, Uint8Array>,
): Uint8Array {
  const at = text.indexOf(EMPTY_SHEET_DATA);
  if (at < 0) throw new Error("ExcelJS wrote a worksheet without <sheetData/>");
  const out = new Utf8Chunks();
  out.add(text.slice(0, at));
  out.add("<sheetData>");
  writeSheetData(out, rows, formulas);
  out.add("</sheetData>");
  out.add(text.slice(at + EMPTY_SHEET_DATA.length));
  return out.bytes();
}

const EMPTY_SHEET_DATA = "<sheetData/>";

/** The part's text as UTF-8, each `<f>token</f>` replaced by the formula's own bytes. */
function withFormulas(text: string, formulas: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (let at = text.indexOf(`<f>${TOKEN_OPEN}`); at >= 0; at = text.indexOf(`<f>${TOKEN_OPEN}`, at + 1)) {
    const end = text.indexOf(`${TOKEN_CLOSE}</f>`, at);
    const formula = end < 0 ? undefined : formulas.get(text.slice(at, end + TOKEN_CLOSE.length + 4));
    if (formula === undefined) continue;
    chunks.push(ENCODER.encode(text.slice(from, at)), formula);
    from = end + TOKEN_CLOSE.length + 4;
  }
  chunks.push(ENCODER.encode(text.slice(from)));
  return concatBytes(chunks);
}

/** A style object with nothing set (ExcelJS gives every unstyled cell one of its own). */
export function isEmptyStyle(style: object): boolean {
  for (const key in style) if (Object.prototype.hasOwnProperty.call(style, key)) return false;
  return true;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
