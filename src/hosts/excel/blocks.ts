import type { CellBlock, CellStyle, PlanCell } from "../../core/plan/types";
import { DEFAULT_DATE_FORMAT } from "../../core/dates";
import { parseRange } from "./address";

/**
 * Splitting a plan's cell blocks into row chunks (one range write each) and packing the chunks into
 * batches (one context.sync each) so that no request comes near Excel on the web's 5 MB limit.
 * Pure: no Office.js here, so the byte rules are tested directly.
 */

/** Largest estimated payload of one range write (values + number formats). */
export const CHUNK_BYTES = 512 * 1024;
/**
 * Largest estimated payload of one context.sync. 2 MB leaves room under the 5 MB limit for Office.js's
 * request envelope and for our estimate being low (it counts JSON text, not the wire format).
 */
export const BATCH_BYTES = 2 * 1024 * 1024;
/** Cells per range write: very large single writes have failed on the web below the byte limit. */
const CHUNK_CELLS = 20_000;
/** Excel's text number format: what the user typed stays text. */
const TEXT_FORMAT = "@";

export type WriteValue = string | number | boolean | null;

/** One range write: `data` goes to range.values, or range.formulas when `useFormulas`. */
export interface RowChunk {
  row: number;
  col: number;
  rows: number;
  columns: number;
  data: WriteValue[][];
  useFormulas: boolean;
  /** Set before the data; null leaves a cell's format as it is. Absent when no cell needs one. */
  formats?: (string | null)[][];
  /** Estimated UTF-8 JSON size of data + formats. */
  bytes: number;
}

/**
 * Text Excel would turn into something else when written through range.values: a formula (= + - @),
 * a number, date, time, percentage or boolean (anything starting with a digit after a sign, bracket or
 * currency sign), or an apostrophe prefix. Such text is written into cells formatted "@".
 */
export function needsTextFormat(s: string): boolean {
  return /^[=+\-@']/.test(s) || /^\s*[-+(]?\s*[$¥￥€£]?\s*[.\d]/.test(s) || /^\s*(true|false)\s*$/i.test(s);
}

/** Estimated UTF-8 size of a value as JSON (quotes and escapes counted roughly). */
export function jsonBytes(v: WriteValue): number {
  if (v === null) return 4;
  if (typeof v === "number") return String(v).length;
  if (typeof v === "boolean") return v ? 4 : 5;
  let n = 2;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    else if (c >= 0xd800 && c <= 0xdfff) n += 2;
    else n += 3;
  }
  return n;
}

function cellValue(cell: PlanCell): WriteValue {
  switch (cell.t) {
    case "text":
      return cell.v;
    case "number":
    case "bool":
    case "date":
      return cell.v;
    case "formula":
      return `=${cell.f}`;
    case "empty":
      return "";
  }
}

function cellFormat(cell: PlanCell | undefined, styleFormat: string | undefined): string | null {
  if (cell === undefined) return null;
  if (cell.t === "text" && needsTextFormat(cell.v)) return TEXT_FORMAT;
  if (cell.t === "date") return styleFormat ?? DEFAULT_DATE_FORMAT;
  return styleFormat ?? null;
}

interface PreparedRow {
  data: WriteValue[];
  formats: (string | null)[];
  hasFormat: boolean;
  hasFormula: boolean;
  dataBytes: number;
  formatBytes: number;
}

function prepareRow(cells: PlanCell[], width: number, styleFormat: string | undefined): PreparedRow {
  const data: WriteValue[] = [];
  const formats: (string | null)[] = [];
  let hasFormat = false;
  let hasFormula = false;
  // Brackets of the row array, commas between cells.
  let dataBytes = 2;
  let formatBytes = 2;
  for (let c = 0; c < width; c++) {
    const cell = cells[c];
    // Ragged rows: null leaves cells the plan does not mention unchanged.
    const v = cell === undefined ? null : cellValue(cell);
    const f = cellFormat(cell, styleFormat);
    if (f !== null) hasFormat = true;
    if (cell?.t === "formula") hasFormula = true;
    data.push(v);
    formats.push(f);
    dataBytes += jsonBytes(v) + 1;
    formatBytes += jsonBytes(f) + 1;
  }
  return { data, formats, hasFormat, hasFormula, dataBytes, formatBytes };
}

/**
 * Cuts a block into row chunks of at most CHUNK_BYTES and CHUNK_CELLS (a single row bigger than that
 * still makes one chunk). Values are ready to assign: text as is, dates as serial numbers, formulas with
 * "=", empty cells as "" (cleared).
 */
export function chunkBlock(block: CellBlock, maxBytes = CHUNK_BYTES, maxCells = CHUNK_CELLS): RowChunk[] {
  const width = block.cells.reduce((w, r) => Math.max(w, r.length), 0);
  if (width === 0) return [];
  const styleFormat = block.style?.numberFormat;
  const chunks: RowChunk[] = [];
  let rows: PreparedRow[] = [];
  let bytes = 0;
  let start = 0;
  const flush = (): void => {
    if (rows.length === 0) return;
    const chunk: RowChunk = {
      row: block.row + start,
      col: block.col,
      rows: rows.length,
      columns: width,
      data: rows.map((r) => r.data),
      useFormulas: rows.some((r) => r.hasFormula),
      // Each row counts its brackets and a comma; the outer array adds one byte more.
      bytes: rows.reduce((n, r) => n + r.dataBytes, 1),
    };
    if (rows.some((r) => r.hasFormat)) {
      chunk.formats = rows.map((r) => r.formats);
      chunk.bytes += rows.reduce((n, r) => n + r.formatBytes, 1);
    }
    chunks.push(chunk);
    start += rows.length;
    rows = [];
    bytes = 0;
  };
  for (const cells of block.cells) {
    const row = prepareRow(cells, width, styleFormat);
    // Counted with formats whether or not the chunk ends up needing them: a safe upper bound.
    const rowBytes = row.dataBytes + row.formatBytes;
    if (rows.length > 0 && (bytes + rowBytes > maxBytes || (rows.length + 1) * width > maxCells)) flush();
    rows.push(row);
    bytes += rowBytes;
  }
  flush();
  return chunks;
}

/** One range.numberFormat write: the styles' number formats down part of one column. */
export interface FormatChunk {
  row: number;
  col: number;
  rows: number;
  columns: number;
  /** null leaves a cell's format as it is. */
  formats: (string | null)[][];
  /** UTF-8 JSON size of `formats`. */
  bytes: number;
}

/** Rows left between two formatted cells of a column before it is written as two ranges. */
const MAX_FORMAT_GAP = 8;

/**
 * Row bands of a column run, `rowBytes(i)` each, cut at CHUNK_BYTES and CHUNK_CELLS like the values.
 */
function bands(
  rows: number,
  rowBytes: (i: number) => number,
): { top: number; rows: number; bytes: number }[] {
  const out: { top: number; rows: number; bytes: number }[] = [];
  let top = 0;
  // The brackets of the outer array; each row adds its own bytes and a comma.
  let bytes = 1;
  for (let i = 0; i < rows; i++) {
    const b = rowBytes(i);
    if (i > top && (bytes + b > CHUNK_BYTES || i - top >= CHUNK_CELLS)) {
      out.push({ top, rows: i - top, bytes });
      top = i;
      bytes = 1;
    }
    bytes += b;
  }
  if (rows > top) out.push({ top, rows: rows - top, bytes });
  return out;
}

/**
 * The number formats of a sheet's styles (CellStyle.numberFormat over a range; a later style wins), as
 * column runs cut into chunks like the values: a date format down 100,000 rows is 1.3 MB of JSON, and a
 * column of short runs (dates between text) is one write, not one per run.
 */
export function formatChunks(styles: readonly { range: string; style: CellStyle }[]): FormatChunk[] {
  const byColumn = new Map<number, Map<number, string>>();
  for (const { range, style } of styles) {
    const format = style.numberFormat;
    if (format === undefined) continue;
    const area = parseRange(range);
    for (let c = area.left; c <= area.right; c++) {
      let cells = byColumn.get(c);
      if (!cells) byColumn.set(c, (cells = new Map()));
      for (let r = area.top; r <= area.bottom; r++) cells.set(r, format);
    }
  }
  const chunks: FormatChunk[] = [];
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const cells = byColumn.get(col) ?? new Map<number, string>();
    const rows = [...cells.keys()].sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      const prev = rows[i - 1] ?? 0;
      const next = rows[i];
      if (next !== undefined && next - prev <= MAX_FORMAT_GAP) continue;
      const top = rows[start] ?? 0;
      const column = Array.from({ length: prev - top + 1 }, (_, k) => cells.get(top + k) ?? null);
      for (const band of bands(column.length, (k) => jsonBytes(column[k] ?? null) + 3)) {
        chunks.push({
          row: top + band.top,
          col,
          rows: band.rows,
          columns: 1,
          formats: column.slice(band.top, band.top + band.rows).map((f) => [f]),
          bytes: band.bytes,
        });
      }
      start = i;
    }
  }
  return chunks;
}

/**
 * One formula down `rows` rows of a column, in chunks: a table's calculated column written cell by cell
 * where Range.copyFrom (ExcelApi 1.9) cannot replicate it (the ledger's 时限状态 formula is ~3 KB a row).
 */
export function formulaColumnChunks(row: number, col: number, rows: number, formula: string): RowChunk[] {
  const rowBytes = jsonBytes(formula) + 3;
  return bands(rows, () => rowBytes).map((band) => ({
    row: row + band.top,
    col,
    rows: band.rows,
    columns: 1,
    data: Array.from({ length: band.rows }, () => [formula]),
    useFormulas: true,
    bytes: band.bytes,
  }));
}

/** Packs chunks, in order, into batches of at most `budget` estimated bytes (one context.sync each). */
export function packBatches<T extends { bytes: number }>(chunks: T[], budget = BATCH_BYTES): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    if (current.length > 0 && bytes + chunk.bytes > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(chunk);
    bytes += chunk.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Takes out of a chunk the formula cells `defer` picks (text that merely starts with "=" is formatted "@"
 * and stays). They become null in the chunk, which leaves the cell as it is, and come back as one-row runs
 * of adjacent cells to write later; a run holds deferred cells only, so it never touches a merged area's
 * hidden cells.
 */
export function deferCells(
  chunk: RowChunk,
  defer: (formula: string) => boolean,
): { now: RowChunk; later: RowChunk[] } {
  if (!chunk.useFormulas) return { now: chunk, later: [] };
  const later: RowChunk[] = [];
  let data: WriteValue[][] | undefined;
  chunk.data.forEach((row, i) => {
    let run: { col: number; cells: string[] } | undefined;
    const flush = (): void => {
      if (run === undefined) return;
      later.push({
        row: chunk.row + i,
        col: run.col,
        rows: 1,
        columns: run.cells.length,
        data: [run.cells],
        useFormulas: true,
        bytes: run.cells.reduce((n, v) => n + jsonBytes(v) + 1, 3),
      });
      run = undefined;
    };
    row.forEach((v, j) => {
      const formula = typeof v === "string" && v.startsWith("=") && chunk.formats?.[i]?.[j] !== TEXT_FORMAT;
      if (!formula || !defer(v)) return flush();
      data ??= chunk.data.map((r) => [...r]);
      const copy = data[i];
      if (copy) copy[j] = null;
      if (run) run.cells.push(v);
      else run = { col: chunk.col + j, cells: [v] };
    });
    flush();
  });
  return data === undefined ? { now: chunk, later } : { now: { ...chunk, data }, later };
}
