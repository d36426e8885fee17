/**
 * Plain data a host hands to the core: a workbook as values, merged areas and number formats.
 * Never an Excel.Range or an ExcelJS Cell (STYLE.md: hosts hand the core plain data).
 */

/** One cell's value. Dates arrive as Excel serial numbers with a date number format (see dates.ts). */
export type CellValue = string | number | boolean | null;

/** A merged area, 0-based and inclusive on both ends. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  name: string;
  /** rows[r][c], 0-based. Rows and cells may be missing (undefined) where the sheet is empty. */
  rows: CellValue[][];
  /** Number format per cell, same shape as rows; missing means General. */
  numberFormats?: (string | null)[][];
  merges: MergedArea[];
  hidden?: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
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

/** 0-based column index → letters ("A", "Z", "AA"). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column letters → 0-based index ("A" → 0, "AA" → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based row/column → A1 address. */
export function a1(r: number, c: number): string {
  return `${columnLetter(c)}${r + 1}`;
}
