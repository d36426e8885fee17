import ExcelJS from "exceljs";
import type {
  CellValue,
  MergedArea,
  SheetSnapshot,
  TableSnapshot,
  WorkbookSnapshot,
} from "../../core/snapshot";
import { parseRange } from "../../core/address";
import { serialFromUtcDate, toWorkbookSerial } from "../../core/dates";
import { XlsxLoadError } from "./errors";
import { DEFAULT_LIMITS, inspectPackage, isCfb, isEncryptedPackage, type PackageLimits } from "./package";
import { installFastMerges } from "./merges";
import { attachDeferredRows } from "./deferredRows";
import { looksLikeHtml, readHtmlWorkbook } from "../html/read";
import { workbookFromSnapshot } from "../html/toXlsx";
import { setCalculatedColumns, stripTableColumnChildren } from "./tableFormulas";

/** What a file holds: an .xlsx, or an HTML table saved as .xls, read into plain sheets. */
export type WorkbookInput =
  | {
      kind: "xlsx";
      workbook: ExcelJS.Workbook;
      /** Every entry of the zip inflated, when asked for (`keepParts`): the build's carry reads them. */
      parts?: Map<string, Uint8Array>;
    }
  | { kind: "html"; snapshot: WorkbookSnapshot };

/**
 * Loads a workbook file from memory. Old binary .xls is recognised by its first bytes and refused with its
 * own code, so the user is told to save as .xlsx (a password-protected .xlsx, also a compound file, is told to
 * remove the password). A zip is checked by inspectPackage (package.ts) before ExcelJS reads it: .ods, Word,
 * PowerPoint and resource attacks are refused with their own codes. An HTML table saved as .xls (government systems export
 * those) is read into a snapshot; HTML without any <table> is refused with "html_xls".
 */
export async function loadWorkbookInput(
  buffer: ArrayBuffer | Uint8Array,
  limits: PackageLimits = DEFAULT_LIMITS,
  { keepParts = false }: { keepParts?: boolean } = {},
): Promise<WorkbookInput> {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  // Merges in linear time, for this load and for the build that renders into the workbook.
  installFastMerges();
  if (bytes.length === 0) throw new XlsxLoadError("empty");
  if (isCfb(bytes)) throw new XlsxLoadError(isEncryptedPackage(bytes) ? "password_protected" : "legacy_xls");
  if (looksLikeHtml(bytes)) return { kind: "html", snapshot: readHtmlWorkbook(bytes) };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new XlsxLoadError("not_xlsx");
  // Bounded time and memory: the package's kind, sizes, cells and merges are checked before ExcelJS parses it.
  const { contents } = await inspectPackage(bytes, limits, keepParts ? () => true : undefined);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS fails on a table with a calculated column: it reads the file without them, and they are
    // remembered for writeXlsx to put back.
    const readable = await stripTableColumnChildren(bytes);
    const b = readable.bytes;
    // ExcelJS's load() accepts a Buffer or ArrayBuffer; a view over a larger buffer must be sliced.
    await wb.xlsx.load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    for (const [table, columns] of readable.calculated) setCalculatedColumns(wb, table, columns);
  } catch (err) {
    throw new XlsxLoadError("corrupt", err instanceof Error ? err.message : String(err));
  }
  return { kind: "xlsx", workbook: wb, ...(contents !== undefined ? { parts: contents } : {}) };
}

/**
 * Loads a workbook file as an ExcelJS workbook (see loadWorkbookInput). An HTML table becomes a new
 * workbook with its values and merges, which the build then edits like any .xlsx.
 */
export async function loadXlsx(
  buffer: ArrayBuffer | Uint8Array,
  limits: PackageLimits = DEFAULT_LIMITS,
): Promise<ExcelJS.Workbook> {
  return (await loadXlsxKeepingParts(buffer, limits, false)).workbook;
}

/**
 * loadXlsx, and every part of the zip as the package check inflated it (`keepParts`; none for an HTML table):
 * the build's carry reads them instead of unzipping the original again.
 */
export async function loadXlsxKeepingParts(
  buffer: ArrayBuffer | Uint8Array,
  limits: PackageLimits = DEFAULT_LIMITS,
  keepParts = true,
): Promise<{ workbook: ExcelJS.Workbook; parts?: Map<string, Uint8Array> }> {
  const input = await loadWorkbookInput(buffer, limits, { keepParts });
  if (input.kind === "html") return { workbook: workbookFromSnapshot(input.snapshot) };
  return { workbook: input.workbook, ...(input.parts !== undefined ? { parts: input.parts } : {}) };
}

/**
 * Plain snapshot of every worksheet: values, number formats, merged areas, visibility; the workbook's tables
 * (their names are workbook-wide) and its date system.
 */
export function snapshotOf(wb: ExcelJS.Workbook): WorkbookSnapshot {
  // A rendered workbook (the page's after 整理台账) holds its backup's rows as models: its cells first.
  attachDeferredRows(wb);
  const date1904 = wb.properties.date1904 === true;
  return {
    sheets: wb.worksheets.map((ws) => sheetSnapshot(ws, date1904)),
    tables: wb.worksheets.flatMap(tablesIn),
    ...(date1904 ? { date1904 } : {}),
  };
}

/** The tables ExcelJS read from a sheet, kept in a map its typings do not declare. */
export function tablesIn(ws: ExcelJS.Worksheet): TableSnapshot[] {
  type Model = { table?: { ref?: string; tableRef?: string } };
  const tables = (ws as unknown as { tables?: Record<string, Model> }).tables ?? {};
  return Object.entries(tables).map(([name, t]) => {
    const range = t.table?.tableRef ?? t.table?.ref;
    return { name, sheet: ws.name, ...(range !== undefined ? { range } : {}) };
  });
}

/**
 * Serials as the workbook stores them: ExcelJS hands date-formatted cells over as Dates (converted with the
 * workbook's date system) and other numbers as they are, so Dates go back to the workbook's serial and the
 * core converts every serial alike (snapshot.ts date1904).
 */
function sheetSnapshot(ws: ExcelJS.Worksheet, date1904: boolean): SheetSnapshot {
  const rows: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const fontSizes = new Map<number, number>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    const formats: (string | null)[] = [];
    const sampleFont = rowNumber <= FONT_SAMPLE_ROWS;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged slave cells repeat the master's value in ExcelJS; the core fills merges itself.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      values[colNumber - 1] = plainValue(cell.value, date1904);
      formats[colNumber - 1] = cell.numFmt ?? null;
      if (sampleFont) {
        const size = cell.font?.size ?? DEFAULT_FONT_SIZE;
        fontSizes.set(size, (fontSizes.get(size) ?? 0) + 1);
      }
    });
    rows[rowNumber - 1] = values;
    numberFormats[rowNumber - 1] = formats;
  });
  return {
    name: ws.name,
    rows,
    numberFormats,
    merges: mergesOf(ws),
    hidden: ws.state !== "visible",
    columnWidths: columnWidthsOf(ws),
    ...(fontSizes.size > 0 ? { fontSize: mostCommon(fontSizes) } : {}),
  };
}

/** Rows sampled for the body text size (the page setup keeps printed text at 9 points or more). */
export const FONT_SAMPLE_ROWS = 60;
/** A cell without a font of its own shows the workbook's default, 11 points in Excel's and WPS's templates. */
export const DEFAULT_FONT_SIZE = 11;

/**
 * Widths in points: Excel's width unit is characters of the default font, 7 pixels each plus 5 of padding.
 * `count` columns, the sheet's column count unless the caller read the cells itself (streamSnapshot.ts).
 */
export function columnWidthsOf(ws: ExcelJS.Worksheet, count = ws.columnCount): (number | undefined)[] {
  const widths: (number | undefined)[] = [];
  for (let c = 1; c <= count; c++) {
    const w = ws.getColumn(c).width;
    widths.push(w === undefined ? undefined : Math.round((w * 7 + 5) * 0.75 * 100) / 100);
  }
  return widths;
}

export function mostCommon(counts: Map<number, number>): number {
  let best = DEFAULT_FONT_SIZE;
  let n = -1;
  for (const [size, count] of counts) if (count > n) [best, n] = [size, count];
  return best;
}

export function mergesOf(ws: ExcelJS.Worksheet): MergedArea[] {
  const ranges: string[] = (ws.model as { merges?: string[] }).merges ?? [];
  const out: MergedArea[] = [];
  for (const range of ranges) {
    const area = parseRange(range);
    if (area) out.push(area);
  }
  return out;
}

/** A cell's value as ExcelJS gives it, as the snapshot holds it (shared with streamSnapshot.ts). */
export function plainValue(v: ExcelJS.CellValue, date1904: boolean): CellValue {
  const serial = (d: Date): number => toWorkbookSerial(serialFromUtcDate(d), date1904);
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return serial(v);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("error" in v) return v.error;
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: unknown }).result;
      if (result instanceof Date) return serial(result);
      if (typeof result === "object" && result !== null && "error" in result) return String(result.error);
      return typeof result === "string" || typeof result === "number" || typeof result === "boolean"
        ? result
        : null;
    }
    if ("text" in v) {
      const text = (v as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (typeof text === "object" && text !== null && "richText" in text) {
        return (text as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
      }
    }
  }
  return null;
}
