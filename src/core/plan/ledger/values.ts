import { a1, cellAt, formatAt, mergeFills, type CellValue, type SheetSnapshot } from "../../snapshot";
import { DATE_FIELDS, type Field, type LedgerRecord } from "../../fields";
import { DEFAULT_DATE_FORMAT, isDateFormat, toWorkbookSerial } from "../../dates";
import type { CellBlock, PlanCell, RangeStyle } from "../types";
import type { EnumLabels } from "../enumLabels";
import type { LedgerColumns } from "./columns";
import { fitCellText, MAX_CELL_TEXT, TRUNCATED_MARK } from "../names";

/** Fields grouped on the statistics sheet: written as the engine reads them (spaces collapsed) so COUNTIFS matches. */
const GROUPED_FIELDS: readonly Field[] = ["department", "leader", "topic"];
const CN_DATE = 'yyyy"年"m"月"d"日"';

/**
 * The user's columns after the build: merged values filled down, dates and enumerations rewritten, the rest as
 * written. Only changed columns become blocks; date cells get a date format. Also the department values seen,
 * for the excluded departments.
 */
export function ledgerValues(
  sheet: SheetSnapshot,
  records: LedgerRecord[],
  cols: LedgerColumns,
  labels: EnumLabels,
  date1904 = false,
  marker = TRUNCATED_MARK,
): { blocks: CellBlock[]; styles: RangeStyle[]; departments: Set<string> } {
  const { firstRow, lastRow } = cols;
  const byRow = new Map(records.map((r) => [r.row - 1, r]));
  // Merges in the data area, filled as normalize.ts reads them, down to the table's last row.
  const fills = mergeFills(sheet.merges, firstRow, lastRow);
  const blocks: CellBlock[] = [];
  const styles: RangeStyle[] = [];
  const departments = new Set<string>();
  for (let c = cols.firstCol; c <= cols.lastCol; c++) {
    if (c === cols.statusIdx || c === cols.dueIdx) continue;
    const field = cols.fieldAt.get(c);
    const cells: PlanCell[][] = [];
    const dateRows: number[] = [];
    let changed = false;
    for (let r = firstRow; r <= lastRow; r++) {
      const own = cellAt(sheet, r, c);
      // A merged value fills only the rows the engine reads as items: not a blank row, heading or 合计 line
      // that the merge happened to span, so the table's formulas count what the engine counts.
      const fill = own === null && byRow.has(r) ? fills.get(r, c) : undefined;
      const filled = own ?? (fill ? cellAt(sheet, fill.top, fill.left) : null);
      const cell = fitted(
        field ? fieldCell(field, filled, byRow.get(r), labels, date1904) : plain(filled),
        marker,
      );
      if (cell.t === "date") dateRows.push(r);
      if (!samePlain(cell, own)) changed = true;
      if (field === "department" && (cell.t === "text" || cell.t === "number"))
        departments.add(String(cell.v));
      cells.push([cell]);
    }
    if (changed) blocks.push({ row: firstRow, col: c, cells });
    if (dateRows.length > 0) {
      const format = dateFormatOf(sheet, c, firstRow, lastRow);
      for (const range of runs(dateRows, c)) styles.push({ range, style: { numberFormat: format } });
    }
  }
  return { blocks, styles, departments };
}

/** The value a mapped field's cell holds after the build: understood values rewritten, the rest as written. */
function fieldCell(
  field: Field,
  filled: CellValue,
  rec: LedgerRecord | undefined,
  labels: EnumLabels,
  date1904: boolean,
): PlanCell {
  if (!rec || filled === null) return plain(filled);
  if ((DATE_FIELDS as readonly Field[]).includes(field)) {
    const serial = rec[field as (typeof DATE_FIELDS)[number]];
    // The record holds the engine's 1900 serial; the cell gets the workbook's own.
    return serial !== undefined ? { t: "date", v: toWorkbookSerial(serial, date1904) } : plain(filled);
  }
  switch (field) {
    case "kind":
      return rec.kind ? text(labels.kind[rec.kind]) : plain(filled);
    case "role":
      return rec.role ? text(labels.role[rec.role]) : plain(filled);
    case "key":
      return rec.key !== undefined ? text(rec.key ? labels.key.true : labels.key.false) : plain(filled);
    case "result":
      return rec.result ? text(labels.result[rec.result]) : plain(filled);
    case "satisfaction":
      return rec.satisfaction ? text(labels.satisfaction[rec.satisfaction]) : plain(filled);
    case "satisfactionWork":
      return rec.satisfactionWork ? text(labels.satisfaction[rec.satisfactionWork]) : plain(filled);
  }
  if (GROUPED_FIELDS.includes(field) && typeof filled === "string") {
    const v = rec[field as "department" | "leader" | "topic"];
    if (v !== undefined) return text(v);
  }
  return plain(filled);
}

/** A text over Excel's cell limit is cut with a marker (the backup keeps it whole; analyze.ts reports it). */
function fitted(cell: PlanCell, marker: string): PlanCell {
  return cell.t === "text" && cell.v.length > MAX_CELL_TEXT ? text(fitCellText(cell.v, marker)) : cell;
}

function text(v: string): PlanCell {
  return { t: "text", v };
}

function plain(v: CellValue): PlanCell {
  if (v === null) return { t: "empty" };
  if (typeof v === "string") return { t: "text", v };
  if (typeof v === "number") return { t: "number", v };
  return { t: "bool", v };
}

function samePlain(cell: PlanCell, own: CellValue): boolean {
  if (cell.t === "empty") return own === null;
  if (cell.t === "formula") return false;
  return cell.v === own;
}

/** Chinese dates stay Chinese: 年 in most of the column's text or formats → yyyy"年"m"月"d"日". */
function dateFormatOf(sheet: SheetSnapshot, c: number, first: number, last: number): string {
  let cn = 0;
  let other = 0;
  for (let r = first; r <= last; r++) {
    const v = cellAt(sheet, r, c);
    if (v === null) continue;
    const fmt = formatAt(sheet, r, c);
    if (
      (typeof v === "string" && v.includes("年")) ||
      (typeof v === "number" && isDateFormat(fmt) && (fmt ?? "").includes("年"))
    )
      cn++;
    else other++;
  }
  return cn > other ? CN_DATE : DEFAULT_DATE_FORMAT;
}

/** Consecutive rows → "M5:M9" ranges in column c. */
function runs(rows: number[], c: number): string[] {
  const out: string[] = [];
  let start = rows[0];
  let prev = rows[0];
  for (const r of [...rows.slice(1), Number.NaN]) {
    if (start === undefined || prev === undefined) break;
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    out.push(start === prev ? a1(start, c) : `${a1(start, c)}:${a1(prev, c)}`);
    start = r;
    prev = r;
  }
  return out;
}
