import { columnIndex } from "../../core/snapshot";

/** A rectangle, 0-based and inclusive, like the core's MergedArea. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parses "A3:V120", "$B$2" or "Sheet!A1:B2" (the sheet part is ignored) into a 0-based rectangle. */
export function parseRange(address: string): Rect {
  const bang = address.lastIndexOf("!");
  const local = bang >= 0 ? address.slice(bang + 1) : address;
  const [from = "", to = from] = local.split(":");
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) throw new Error(`Not an A1 range address: ${address}`);
  const r1 = Number(a[2]) - 1;
  const r2 = Number(b[2]) - 1;
  const c1 = columnIndex(a[1] ?? "A");
  const c2 = columnIndex(b[1] ?? "A");
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/**
 * Splits a RangeAreas address ("Sheet1!A1:B2,Sheet1!D4:E5", sheet names possibly quoted and containing
 * commas) into rectangles.
 */
export function parseAreas(address: string): Rect[] {
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
  return parts.map((p) => parseRange(p.trim()));
}

/** Number of rows and columns of a rectangle. */
export function sizeOf(r: Rect): { rows: number; columns: number } {
  return { rows: r.bottom - r.top + 1, columns: r.right - r.left + 1 };
}
