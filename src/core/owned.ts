import type { CellValue } from "./snapshot";
import { a1, areaA1, parseRange } from "./address";

/**
 * Which cells of a generated sheet (统计表, 汇报材料) an earlier build wrote, and a short hash of what it wrote
 * there, so that the next build can tell its own cells from the user's. Kept in the hidden settings sheet as
 * text rows (`owned.summary`, `owned.report`), read back by stored.ts.
 */

/** One cell an earlier build wrote. */
export interface OwnedCell {
  /**
   * Hash of the value written (ownedHash): "" an empty cell, "=" a formula (its value is whatever the
   * workbook last calculated, so any content counts as ours).
   */
  hash: string;
  /**
   * Report paragraphs: the paragraph's key ("h2.p1"); "h2.p1!" the user's text written in its place; "+h2.p1"
   * a user paragraph written after it.
   */
  key?: string;
}

/** A1 of a single cell → what the earlier build wrote there. */
export type OwnedCells = Map<string, OwnedCell>;

/** The roles whose cells are recorded. */
export const OWNED_ROLES = ["summary", "report", "reminders", "print"] as const;
export type OwnedRole = (typeof OWNED_ROLES)[number];

export const FORMULA_HASH = "=";
/** Settings-sheet text cells hold at most 32,767 characters: the record is cut into rows of this many. */
export const OWNED_CHUNK = 30_000;
/** At most this many rows a sheet; a bigger record is not written (the next build then keeps a dated copy). */
export const OWNED_MAX_CHUNKS = 8;
/** Decoding stops past this many cells (a forged record cannot make the next build do unbounded work). */
export const OWNED_MAX_CELLS = 100_000;

/** FNV-1a over UTF-16 code units, base 36: at most 7 characters. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * The hash of a cell's value as a snapshot reads it ("" for an empty cell). A written text, number, date
 * (a serial number) or boolean reads back as the same value in both hosts, so the hashes agree.
 * @example ownedHash("合计") === ownedHash("合计"); ownedHash(null) === ""
 */
export function ownedHash(v: CellValue | undefined): string {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "string") return fnv(`s${v}`);
  if (typeof v === "number") return fnv(`n${v}`);
  return fnv(v ? "b1" : "b0");
}

/**
 * The record as settings-sheet rows: entries "A1~hash" or "A1~hash~key" separated by spaces, runs of cells of
 * one row with the same hash and no key written as one range ("B5:F5~"). Null when it would need more than
 * OWNED_MAX_CHUNKS rows.
 */
export function encodeOwned(cells: OwnedCells): string[] | null {
  const byRow = new Map<number, { c: number; cell: OwnedCell }[]>();
  for (const [address, cell] of cells) {
    const area = parseRange(address);
    if (!area) continue;
    const row = byRow.get(area.top) ?? [];
    row.push({ c: area.left, cell });
    byRow.set(area.top, row);
  }
  const entries: string[] = [];
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const row = (byRow.get(r) ?? []).sort((a, b) => a.c - b.c);
    for (let i = 0; i < row.length;) {
      const first = row[i];
      if (!first) break;
      let j = i + 1;
      if (first.cell.key === undefined) {
        for (; j < row.length; j++) {
          const next = row[j];
          if (!next || next.cell.key !== undefined || next.cell.hash !== first.cell.hash) break;
          if (next.c !== first.c + (j - i)) break;
        }
      }
      const last = row[j - 1] ?? first;
      const range =
        last.c === first.c ? a1(r, first.c) : areaA1({ top: r, left: first.c, bottom: r, right: last.c });
      entries.push(`${range}~${first.cell.hash}${first.cell.key !== undefined ? `~${first.cell.key}` : ""}`);
      i = j;
    }
  }
  const chunks: string[] = [];
  let current = "";
  for (const e of entries) {
    if (current.length + e.length + 1 > OWNED_CHUNK) {
      chunks.push(current);
      current = "";
    }
    current = current === "" ? e : `${current} ${e}`;
  }
  if (current !== "") chunks.push(current);
  return chunks.length > OWNED_MAX_CHUNKS ? null : chunks;
}

/** Reads rows written by encodeOwned; null when they do not parse or hold more than OWNED_MAX_CELLS cells. */
export function decodeOwned(chunks: readonly string[]): OwnedCells | null {
  if (chunks.length > OWNED_MAX_CHUNKS) return null;
  const cells: OwnedCells = new Map();
  for (const chunk of chunks) {
    for (const entry of chunk.split(" ")) {
      if (entry === "") continue;
      const m = /^([A-Z]{1,3}\d{1,7}(?::[A-Z]{1,3}\d{1,7})?)~([0-9a-z]{0,7}|=)(?:~([+!\w.]{1,40}))?$/.exec(
        entry,
      );
      const area = m?.[1] !== undefined ? parseRange(m[1]) : null;
      if (!m || !area || area.top !== area.bottom) return null;
      if (cells.size + area.right - area.left + 1 > OWNED_MAX_CELLS) return null;
      for (let c = area.left; c <= area.right; c++) {
        cells.set(a1(area.top, c), { hash: m[2] ?? "", ...(m[3] !== undefined ? { key: m[3] } : {}) });
      }
    }
  }
  return cells;
}
