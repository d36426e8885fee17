import type { CellBlock, PlanCell } from "../../core/plan/types";
import { DEFAULT_DATE_FORMAT } from "../../core/dates";

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
      bytes: rows.reduce((n, r) => n + r.dataBytes, 0),
    };
    if (rows.some((r) => r.hasFormat)) {
      chunk.formats = rows.map((r) => r.formats);
      chunk.bytes += rows.reduce((n, r) => n + r.formatBytes, 0);
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

/** Packs chunks, in order, into batches of at most `budget` estimated bytes (one context.sync each). */
export function packBatches(chunks: RowChunk[], budget = BATCH_BYTES): RowChunk[][] {
  const batches: RowChunk[][] = [];
  let current: RowChunk[] = [];
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
        bytes: run.cells.reduce((n, v) => n + jsonBytes(v) + 1, 2),
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
