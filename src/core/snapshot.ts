/**
 * Plain data a host hands to the core: a workbook as values, merged areas and number formats.
 * Never an Excel.Range or an ExcelJS Cell (docs/STYLE.md: hosts hand the core plain data).
 */
import type { Area } from "./address";
// A1 addresses live in address.ts; re-exported for the many modules that read cells from here.
export { a1, columnIndex, columnLetter } from "./address";

/** One cell's value. Dates arrive as Excel serial numbers with a date number format (see dates.ts). */
export type CellValue = string | number | boolean | null;

/** A merged area, 0-based and inclusive on both ends (address.ts reads and writes them as "A1:C3"). */
export type MergedArea = Area;

export interface SheetSnapshot {
  name: string;
  /** rows[r][c], 0-based. Rows and cells may be missing (undefined) where the sheet is empty. */
  rows: CellValue[][];
  /** Number format per cell, same shape as rows; missing means General. */
  numberFormats?: (string | null)[][];
  merges: MergedArea[];
  hidden?: boolean;
  /** Column widths in points by 0-based column, where the host knows them (missing: Excel's default). */
  columnWidths?: (number | undefined)[];
  /** The body text size in points, where the host knows it (the most common size of the first rows). */
  fontSize?: number;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /**
   * Every Excel table already in the workbook: table names are workbook-wide, so a new table must avoid them
   * all. Missing when the host cannot tell (an HTML table has none).
   */
  tables?: TableSnapshot[];
  /**
   * The workbook counts days from 1904 (old Mac Excel): every serial in `rows` is then the workbook's own,
   * 1,462 below the 1900-system serial of the same day; the core converts when it reads (dates.ts).
   */
  date1904?: boolean;
}

/** An existing Excel table: its name, sheet and, when known, its range ("A3:M40"). */
export interface TableSnapshot {
  name: string;
  sheet: string;
  range?: string;
}

/** Reads a cell safely; undefined and empty strings become null. */
export function cellAt(sheet: SheetSnapshot, r: number, c: number): CellValue {
  const v = sheet.rows[r]?.[c];
  if (v === undefined || v === "") return null;
  return v;
}

/** Number format of a cell, or null for General. */
export function formatAt(sheet: SheetSnapshot, r: number, c: number): string | null {
  return sheet.numberFormats?.[r]?.[c] ?? null;
}

/**
 * The cells a merged value is given to: every cell of a merge's left column below its top, mapped to the
 * merge (its value and format are at its top-left). Only merges whose top is at or below `firstRow` count
 * (header and title merges are no data), and only rows up to `lastRow`.
 * @example mergeFills([{ top: 4, left: 2, bottom: 7, right: 2 }], 3).get(6, 2) → that merge; .get(4, 2) → undefined
 */
export function mergeFills(
  merges: readonly MergedArea[],
  firstRow: number,
  lastRow = Number.POSITIVE_INFINITY,
): { get(r: number, c: number): MergedArea | undefined } {
  // Keyed by row and column in one number (Excel has 16,384 columns), no string built per lookup.
  const fills = new Map<number, MergedArea>();
  for (const m of merges) {
    if (m.top < firstRow) continue;
    for (let r = m.top + 1; r <= Math.min(m.bottom, lastRow); r++) fills.set(r * 16_384 + m.left, m);
  }
  if (fills.size === 0) return { get: () => undefined };
  return { get: (r, c) => fills.get(r * 16_384 + c) };
}
