/**
 * A1 addresses, the one place that reads and writes them (hosts, plan and tests all come here).
 *
 * Everything is 0-based: row 0 is Excel's row 1, column 0 is "A". Areas are inclusive on both ends, the shape
 * of the snapshot's MergedArea. Parsers return null for what is not an address, so each caller decides how to
 * fail. Addresses are read as Excel, ExcelJS and Office.js write them: upper-case letters (1–3), "$" allowed
 * anywhere Excel puts it.
 */

/** One cell, 0-based. */
export interface CellRef {
  row: number;
  col: number;
}

/** A rectangle of cells, 0-based and inclusive on both ends (the snapshot's MergedArea has this shape). */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const COLUMN = /^[A-Z]{1,3}$/;
const CELL = /^\$?([A-Z]{1,3})\$?([1-9]\d*)$/;
const CELL_IN_TEXT = /([A-Z]+)(\d+)/g;

/**
 * 0-based column index → letters.
 * @example columnLetter(0) === "A"; columnLetter(25) === "Z"; columnLetter(26) === "AA"
 */
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

/**
 * Column letters → 0-based index, without checking them (lower case is read as upper case).
 * Use parseColumn for text that may not be a column.
 * @example columnIndex("A") === 0; columnIndex("AA") === 26
 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Column letters ("A" … "ZZZ") → 0-based index, or null if the text is not 1–3 upper-case letters.
 * @example parseColumn("C") === 2; parseColumn("c") === null; parseColumn("C3") === null
 */
export function parseColumn(letters: string): number | null {
  return COLUMN.test(letters) ? columnIndex(letters) : null;
}

/**
 * 0-based row and column → A1 address.
 * @example a1(0, 0) === "A1"; a1(11, 1) === "B12"
 */
export function a1(r: number, c: number): string {
  return `${columnLetter(c)}${r + 1}`;
}

/**
 * A1 cell address → 0-based row and column, or null. "$" signs are ignored.
 * @example parseCell("B12") → { row: 11, col: 1 }; parseCell("$AA$1") → { row: 0, col: 26 }; parseCell("B0") → null
 */
export function parseCell(ref: string): CellRef | null {
  const m = CELL.exec(ref);
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1] ?? "") };
}

/**
 * Area → "A1:C3", always both corners (as merges and tables are written).
 * @example areaA1({ top: 0, left: 0, bottom: 2, right: 2 }) === "A1:C3"
 */
export function areaA1(area: Area): string {
  return `${a1(area.top, area.left)}:${a1(area.bottom, area.right)}`;
}

/**
 * A range address → 0-based area, or null. Takes one cell ("B2", the area of that cell) or two corners in any
 * order ("A1:C3", "C3:A1"), "$" signs ("$A$1:$B$2") and a sheet part, which is ignored ("Sheet1!A1:B2",
 * "'台账 2025'!A1").
 * @example parseRange("A1:C3") → { top: 0, left: 0, bottom: 2, right: 2 }
 * @example parseRange("'台账'!$B$2") → { top: 1, left: 1, bottom: 1, right: 1 }
 */
export function parseRange(address: string): Area | null {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const corners = local.split(":");
  if (corners.length > 2) return null;
  const from = parseCell(corners[0] ?? "");
  const to = parseCell(corners[1] ?? corners[0] ?? "");
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

/**
 * A multi-area address (Office.js RangeAreas: "Sheet1!A1:B2,Sheet1!D4:E5"; a quoted sheet name may hold
 * commas) → its areas, or null if any part is not a range.
 * @example parseAreas("'台账, 2025'!A1:B1,'台账, 2025'!C3:C5") → [{ top: 0, left: 0, bottom: 0, right: 1 }, { top: 2, left: 2, bottom: 4, right: 2 }]
 */
export function parseAreas(address: string): Area[] | null {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "") parts.push(current);
  const areas: Area[] = [];
  for (const p of parts) {
    const area = parseRange(p.trim());
    if (!area) return null;
    areas.push(area);
  }
  return areas;
}

/**
 * Number of rows and columns of an area.
 * @example areaSize({ top: 2, left: 0, bottom: 4, right: 1 }) → { rows: 3, columns: 2 }
 */
export function areaSize(area: Area): { rows: number; columns: number } {
  return { rows: area.bottom - area.top + 1, columns: area.right - area.left + 1 };
}

/**
 * Every cell reference in a reference text made absolute.
 * @example absoluteA1("B2:B4") === "$B$2:$B$4"
 */
export function absoluteA1(ref: string): string {
  return ref.replace(CELL_IN_TEXT, "$$$1$$$2");
}
