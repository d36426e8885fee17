import type { CellValue, SheetSnapshot } from "../snapshot";
import { a1, cellAt, columnLetter, formatAt } from "../snapshot";
import { DATE_FIELDS, type Field, type LedgerRecord, type Script } from "../fields";
import type { LedgerLayout } from "../layout";
import type { Settings } from "../settings";
import { foldKey } from "../script";
import { isDateFormat } from "../dates";
import { matchHeader } from "../headers";
import type {
  CellBlock,
  CellStyle,
  ConditionalFormatPlan,
  EditSheetPlan,
  PlanCell,
  RangeStyle,
  ValidationPlan,
} from "./types";
import { enumLabels, type EnumLabels } from "./enumLabels";
import { generatedColumnNames, statusLabels, type StatusLabels } from "./labels";
import { uniqueColumnNames } from "./names";
import { NO_DATE_FORMULA_TEXTS, str, thisRow } from "./formulas";
import { listSource, settingsRef, type ListName } from "./settingsSheet";

/** What the other sheets need to know about the structured ledger. */
export interface LedgerModel {
  sheet: string;
  table: string;
  /** Table column name of each mapped field (generated columns excluded). */
  fieldColumn: Partial<Record<Field, string>>;
  /** 时限状态 column name, and the computed deadline column when there is one. */
  statusColumn: string;
  dueColumn?: string;
  status: StatusLabels;
  labels: EnumLabels;
  /** Exact department values (as the ledger now holds them) left out of the figures. */
  excludedValues: string[];
  /** Mapping corrections to store: the user's, plus pins that keep generated columns from being read as fields. */
  mapping: Partial<Record<Field, number | null>>;
  /** Recognised columns, for the settings sheet. */
  columns: { field: Field; index: number; header: string }[];
  /** 1-based rows of the table header and its data, for people reading the plan. */
  headerRow: number;
  firstRow: number;
  lastRow: number;
}

export interface LedgerInput {
  sheet: SheetSnapshot;
  layout: LedgerLayout;
  records: LedgerRecord[];
  settings: Settings;
  script: Script;
  table: string;
  settingsSheet: string;
  /** Columns an earlier build added (header names), when this ledger was built before. */
  previous: { status?: string; due?: string };
}

const ENUM_FIELDS = ["kind", "role", "key", "result", "satisfaction"] as const satisfies readonly ListName[];
/** Fields grouped on the statistics sheet: written as the engine reads them (spaces collapsed) so COUNTIFS matches. */
const GROUPED_FIELDS: readonly Field[] = ["department", "leader", "topic"];
const CN_DATE = 'yyyy"年"m"月"d"日"';
const ISO_DATE = "yyyy-mm-dd";
/** Conditional-format colours: Excel's own "light red" and "yellow" presets, and a plain yellow for blanks. */
const OVERDUE = { fill: "FFC7CE", fontColor: "9C0006" };
const DUE_SOON = { fill: "FFEB9C", fontColor: "9C5700" };
const MISSING = { fill: "FFFF00" };

/**
 * The ledger edited in place: merges in the table area undone and their values filled, a two-row header
 * flattened into its lower row, dates and enumerations rewritten, one table with a 时限状态 column (and a
 * computed deadline when needed), dropdowns, highlights and a frozen header. Only changed columns are written,
 * so formulas and formats elsewhere in the user's sheet stay as they are.
 */
export function buildLedgerSheet(input: LedgerInput): { op: EditSheetPlan; model: LedgerModel } {
  const { sheet, layout, settings, script } = input;
  const labels = enumLabels(settings, script);
  const status = statusLabels(script);
  const headerRow = (layout.headerRows[layout.headerRows.length - 1] ?? 1) - 1;
  const upperRow = layout.headerRows.length > 1 ? (layout.headerRows[0] ?? 1) - 1 : undefined;
  const firstRow = layout.firstDataRow - 1;
  const lastRow = Math.max(layout.lastDataRow - 1, firstRow);

  // Columns an earlier build added are found by their header names in the header row.
  const headerText = (c: number): string | null => {
    const v = cellAt(sheet, headerRow, c);
    return v === null ? null : String(v).trim();
  };
  const width = rowWidth(sheet, headerRow, lastRow);
  const previousIndex = (name: string | undefined): number | undefined => {
    if (name === undefined) return undefined;
    for (let c = 0; c < width; c++) if (headerText(c) === name) return c;
    return undefined;
  };
  const prevStatus = previousIndex(input.previous.status);
  const prevDue = previousIndex(input.previous.due);
  const generatedIdx = new Set([prevStatus, prevDue].filter((c): c is number => c !== undefined));

  const fieldAt = new Map<number, Field>();
  for (const col of layout.columns)
    if (col.field && !generatedIdx.has(col.index)) fieldAt.set(col.index, col.field);
  const mapped = (f: Field): number | undefined => {
    const c = layout.mapping[f];
    return c !== undefined && !generatedIdx.has(c) ? c : undefined;
  };

  const layoutCols = layout.columns.map((c) => c.index).filter((c) => !generatedIdx.has(c));
  const firstCol = Math.min(...layoutCols);
  let userLast = Math.max(...layoutCols);
  for (let r = headerRow; r <= lastRow; r++) {
    const cells = sheet.rows[r] ?? [];
    for (let c = cells.length - 1; c > userLast; c--)
      if (!generatedIdx.has(c) && cellAt(sheet, r, c) !== null) userLast = c;
  }
  for (const m of sheet.merges)
    if (m.bottom >= headerRow && m.top <= lastRow && m.left <= userLast + 1)
      userLast = Math.max(userLast, m.right);

  const hasDue = mapped("dueOn") !== undefined;
  const needsDue = hasDue || mapped("assignedOn") !== undefined;
  let next = Math.max(userLast, ...generatedIdx) + 1;
  const dueIdx = needsDue ? (prevDue ?? next++) : undefined;
  const statusIdx = prevStatus ?? next++;
  const lastCol = Math.max(userLast, statusIdx, dueIdx ?? 0);

  // Names: user headers as written (flattened), unique; generated names kept from the earlier build.
  const fresh = generatedColumnNames(script, hasDue);
  const headers: { header: string | null; letter: string }[] = [];
  for (let c = firstCol; c <= lastCol; c++) {
    const name =
      c === statusIdx
        ? (input.previous.status ?? fresh.status)
        : c === dueIdx
          ? (input.previous.due ?? fresh.due)
          : null;
    const own = layout.columns.find((col) => col.index === c)?.header ?? headerText(c);
    headers.push({ header: name ?? own, letter: columnLetter(c) });
  }
  const names = uniqueColumnNames(headers, "列");
  const nameOf = (c: number): string => names[c - firstCol] ?? columnLetter(c);
  const statusName = nameOf(statusIdx);
  const dueName = dueIdx !== undefined ? nameOf(dueIdx) : undefined;
  const fieldColumn: Partial<Record<Field, string>> = {};
  for (const [c, f] of fieldAt) if (c >= firstCol && c <= lastCol) fieldColumn[f] = nameOf(c);

  // Cell values.
  const records = new Map(input.records.map((r) => [r.row - 1, r]));
  const fills = mergeFills(sheet, firstRow, lastRow);
  const blocks: CellBlock[] = [];
  const styles: RangeStyle[] = [];
  const departments = new Set<string>();
  for (let c = firstCol; c <= lastCol; c++) {
    if (c === statusIdx || c === dueIdx) continue;
    const field = fieldAt.get(c);
    const cells: PlanCell[][] = [];
    const dateRows: number[] = [];
    let changed = false;
    for (let r = firstRow; r <= lastRow; r++) {
      const own = cellAt(sheet, r, c);
      const filled = own ?? fills.get(`${r}:${c}`) ?? null;
      const cell = field ? fieldCell(field, filled, records.get(r), labels) : plain(filled);
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

  // Header: flattened names in the lower row; cells merged down from the upper row are cleared there.
  blocks.push({ row: headerRow, col: firstCol, cells: [names.map((v) => ({ t: "text", v }) as PlanCell)] });
  if (upperRow !== undefined) {
    for (const m of sheet.merges) {
      if (m.top === upperRow && m.bottom >= headerRow && m.right >= firstCol && m.left <= lastCol) {
        blocks.push({ row: upperRow, col: m.left, cells: [[{ t: "empty" }]] });
      }
    }
  }
  const generatedHeader: CellStyle = {
    bold: true,
    hAlign: "center",
    vAlign: "middle",
    wrap: true,
    border: "thin",
  };
  const dataRange = (c: number): string => `${a1(firstRow, c)}:${a1(lastRow, c)}`;
  styles.push({ range: a1(headerRow, statusIdx), style: generatedHeader });
  styles.push({ range: dataRange(statusIdx), style: { hAlign: "center", border: "thin" } });
  if (dueIdx !== undefined) {
    styles.push({ range: a1(headerRow, dueIdx), style: generatedHeader });
    styles.push({
      range: dataRange(dueIdx),
      style: { numberFormat: ISO_DATE, hAlign: "center", border: "thin" },
    });
  }

  const unmerge = sheet.merges
    .filter((m) => m.bottom >= headerRow && m.top <= lastRow && m.right >= firstCol && m.left <= lastCol)
    .map((m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`);

  // Formulas.
  const t = input.table;
  const ref = (f: Field): string | undefined =>
    fieldColumn[f] !== undefined ? thisRow(t, fieldColumn[f]) : undefined;
  const calculated: { column: string; formula: string }[] = [];
  if (dueName !== undefined)
    calculated.push({ column: dueName, formula: dueFormula(ref, labels, input.settingsSheet) });
  const mappedRefs = [...fieldAt.values()].map((f) => ref(f)).filter((x): x is string => x !== undefined);
  calculated.push({
    column: statusName,
    formula: statusFormula({
      nonBlank: mappedRefs,
      replied: ref("repliedOn"),
      due: dueName !== undefined ? thisRow(t, dueName) : undefined,
      asOf: settingsRef(input.settingsSheet, "asOf"),
      days: settingsRef(input.settingsSheet, "dueSoonDays"),
      labels: status,
    }),
  });

  const validations: ValidationPlan[] = [];
  for (const f of ENUM_FIELDS) {
    const c = mapped(f);
    if (c === undefined) continue;
    validations.push({
      range: dataRange(c),
      listSource: listSource(input.settingsSheet, f, labels.lists[f].length),
      errorTitle: "建议提案台账",
      errorMessage: "请从下拉列表中选择。不在列表中的写法会保留，但统计时不计入该分类。",
      errorStyle: "warning",
    });
  }

  const conditionalFormats = highlights({
    firstRow,
    lastRow,
    firstCol,
    lastCol,
    statusCol: statusIdx,
    dueCol: dueIdx,
    mapped,
    status,
  });

  const excludeKeys = new Set(settings.excludeDepartments.map((d) => foldKey(d.trim())));
  const excludedValues = [...departments].filter((d) => excludeKeys.has(foldKey(d.trim()))).sort();

  // Pins: a generated header that the recognizer would read as a field must not become that field next time.
  const mapping: Partial<Record<Field, number | null>> = { ...(settings.mapping ?? {}) };
  for (const c of [statusIdx, dueIdx]) {
    if (c === undefined) continue;
    const match = matchHeader(nameOf(c));
    if (match && mapping[match.field] === undefined) mapping[match.field] = mapped(match.field) ?? null;
  }

  const op: EditSheetPlan = {
    kind: "edit",
    role: "ledger",
    name: sheet.name,
    visibility: "visible",
    unmerge,
    blocks,
    styles,
    merges: [],
    columnWidths: [statusIdx, dueIdx]
      .filter((c): c is number => c !== undefined)
      .map((index) => ({ index, width: 12 })),
    rowHeights: [],
    tables: [
      {
        name: t,
        range: `${a1(headerRow, firstCol)}:${a1(lastRow, lastCol)}`,
        columns: names,
        style: "TableStyleLight1",
        calculated,
      },
    ],
    validations,
    conditionalFormats,
    freeze: { rows: headerRow + 1, columns: 0 },
    // Leaders print the ledger on A4: landscape, one page wide, title and header rows on every page.
    page: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: `1:${headerRow + 1}`,
      margins: { top: 0.6, bottom: 0.6, left: 0.4, right: 0.4 },
    },
  };
  const model: LedgerModel = {
    sheet: sheet.name,
    table: t,
    fieldColumn,
    statusColumn: statusName,
    ...(dueName !== undefined ? { dueColumn: dueName } : {}),
    status,
    labels,
    excludedValues,
    mapping,
    columns: [...fieldAt].map(([index, field]) => ({ field, index, header: nameOf(index) })),
    headerRow: headerRow + 1,
    firstRow: firstRow + 1,
    lastRow: lastRow + 1,
  };
  return { op, model };
}

/** The value a mapped field's cell holds after the build: understood values rewritten, the rest as written. */
function fieldCell(
  field: Field,
  filled: CellValue,
  rec: LedgerRecord | undefined,
  labels: EnumLabels,
): PlanCell {
  if (!rec || filled === null) return plain(filled);
  if ((DATE_FIELDS as readonly Field[]).includes(field)) {
    const serial = rec[field as (typeof DATE_FIELDS)[number]];
    return serial !== undefined ? { t: "date", v: serial } : plain(filled);
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
  }
  if (GROUPED_FIELDS.includes(field) && typeof filled === "string") {
    const v = rec[field as "department" | "leader" | "topic"];
    if (v !== undefined) return text(v);
  }
  return plain(filled);
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

/** Cells covered by a merge in the data area, below its top, in its left column (as normalize.ts reads them). */
function mergeFills(sheet: SheetSnapshot, firstRow: number, lastRow: number): Map<string, CellValue> {
  const fills = new Map<string, CellValue>();
  for (const m of sheet.merges) {
    if (m.top < firstRow) continue;
    const v = cellAt(sheet, m.top, m.left);
    for (let r = m.top + 1; r <= Math.min(m.bottom, lastRow); r++) fills.set(`${r}:${m.left}`, v);
  }
  return fills;
}

function rowWidth(sheet: SheetSnapshot, from: number, to: number): number {
  let w = 0;
  for (let r = from; r <= to; r++) w = Math.max(w, sheet.rows[r]?.length ?? 0);
  return w;
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
  return cn > other ? CN_DATE : ISO_DATE;
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

/**
 * Deadline in force (deadlines.ts effectiveDue): the ledger's own, else 交办 + months (政协提案 their own months);
 * unreadable deadline text gives none, as the engine does; "无"/"-" count as empty.
 */
function dueFormula(
  ref: (f: Field) => string | undefined,
  labels: EnumLabels,
  settingsSheet: string,
): string {
  const due = ref("dueOn");
  const assigned = ref("assignedOn");
  const kind = ref("kind");
  const months = settingsRef(settingsSheet, "deadlineMonths");
  const cppcc = settingsRef(settingsSheet, "cppccMonths");
  const monthsExpr = kind ? `IF(${kind}=${str(labels.kind.cppcc)},${cppcc},${months})` : months;
  const derived = assigned ? `EDATE(${assigned},${monthsExpr})` : undefined;
  if (due && derived && assigned) {
    const noDate = `{${NO_DATE_FORMULA_TEXTS.map(str).join(",")}}`;
    const empty = `OR(LEN(TRIM(${due}))=0,ISNUMBER(MATCH(TRIM(${due}),${noDate},0)))`;
    return `IF(ISNUMBER(${due}),${due},IF(AND(ISNUMBER(${assigned}),${empty}),${derived},""))`;
  }
  if (due) return `IF(ISNUMBER(${due}),${due},"")`;
  if (derived && assigned) return `IF(ISNUMBER(${assigned}),${derived},"")`;
  return `""`;
}

/**
 * 时限状态 (deadlines.ts deadlineStatus): "" for a row with nothing in a recognised column, 已答复 when 答复日期 is a
 * date, else against the deadline and the as-of date; no deadline reads 办理中.
 */
function statusFormula(p: {
  nonBlank: string[];
  replied: string | undefined;
  due: string | undefined;
  asOf: string;
  days: string;
  labels: StatusLabels;
}): string {
  const l = p.labels;
  let body = str(l.open);
  if (p.due) {
    const d = p.due;
    body = `IF(NOT(ISNUMBER(${d})),${str(l.open)},IF(${d}<${p.asOf},${str(l.overdue)},IF(${d}<=${p.asOf}+${p.days},${str(l.dueSoon)},${str(l.open)})))`;
  }
  if (p.replied) body = `IF(ISNUMBER(${p.replied}),${str(l.replied)},${body})`;
  const blank = p.nonBlank.length > 0 ? `LEN(TRIM(${p.nonBlank.join("&")}))=0` : "FALSE";
  return `IF(${blank},"",${body})`;
}

/** Live highlights, A1 formulas relative to each range's top-left cell (no structured refs: EXCEL-NOTES.md). */
function highlights(p: {
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
  statusCol: number;
  dueCol: number | undefined;
  mapped: (f: Field) => number | undefined;
  status: StatusLabels;
}): ConditionalFormatPlan[] {
  const row1 = p.firstRow + 1;
  const s = `$${columnLetter(p.statusCol)}${row1}`;
  const out: ConditionalFormatPlan[] = [];
  const missing = (c: number, extra = ""): void => {
    const cell = `${columnLetter(c)}${row1}`;
    out.push({
      range: `${a1(p.firstRow, c)}:${a1(p.lastRow, c)}`,
      formula: `AND(LEN(TRIM(${cell}))=0,${s}<>""${extra})`,
      ...MISSING,
      priority: 1,
    });
  };
  for (const f of ["title", "leader", "handler", "department"] as const) {
    const c = p.mapped(f);
    if (c !== undefined) missing(c);
  }
  const deadlineCell = p.mapped("dueOn") ?? p.mapped("assignedOn");
  if (deadlineCell !== undefined && p.dueCol !== undefined)
    missing(deadlineCell, `,NOT(ISNUMBER($${columnLetter(p.dueCol)}${row1}))`);
  const all = `${a1(p.firstRow, p.firstCol)}:${a1(p.lastRow, p.lastCol)}`;
  out.push({ range: all, formula: `${s}=${str(p.status.overdue)}`, ...OVERDUE, priority: 2 });
  out.push({ range: all, formula: `${s}=${str(p.status.dueSoon)}`, ...DUE_SOON, priority: 3 });
  return out;
}
