import type { CellValue, SheetSnapshot } from "./snapshot";
import { a1, cellAt, formatAt, mergeFills } from "./snapshot";
import type { Issue } from "./issues";
import { FIELDS, type DateField, type Field, type Kind, type LedgerRecord } from "./fields";
import type { LedgerLayout } from "./layout";
import { fromWorkbookSerial, isDateFormat, NO_DATE_TEXTS, parseDate } from "./dates";
import { foldKey } from "./script";
import { parseKey, parseKind, parseResult, parseRole, parseSatisfaction, type EnumParse } from "./enums";
import { isFooterRow, mappedCells, mergeCovering } from "./recognize";

/** The shared "no date" texts (dates.ts), as fold keys. */
const NO_DATE: ReadonlySet<string> = new Set(NO_DATE_TEXTS.map(foldKey));

/** Fields kept as text: everything that is neither a date nor an enumeration. */
type TextField = Exclude<
  Field,
  DateField | "kind" | "role" | "key" | "result" | "satisfaction" | "satisfactionWork"
>;

/** How to read the rows: the year of year-less dates, and the workbook's date system (snapshot.ts). */
export interface ReadOptions {
  defaultYear?: number;
  /** Serials in the sheet count from 1904: they are turned into the engine's 1900 serials. */
  date1904?: boolean;
}

/** Excel error values as hosts hand them over (#N/A, #VALUE!, …). */
const EXCEL_ERROR =
  /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/**
 * Reads the data rows of a recognised ledger into records. A value merged down several rows (a leader
 * merged over rows 5-8) belongs to every row of its left column, recorded in mergedFrom. Skipped: rows with
 * nothing of their own in a mapped column, totals/footer rows (recognize.ts isFooterRow), and headings
 * (headingOf). A heading that names a kind ("一、人大代表建议") gives it to the rows below without one.
 * Whatever cannot be understood is kept verbatim in record.invalid; nothing is guessed.
 */
export function readRecords(
  sheet: SheetSnapshot,
  layout: LedgerLayout,
  options: ReadOptions,
): LedgerRecord[] {
  // Merges from the data area down, to the merge's bottom (header and title merges are no data).
  const fills = mergeFills(sheet.merges, layout.firstDataRow - 1);
  const fields = FIELDS.filter((f) => layout.mapping[f] !== undefined);
  const records: LedgerRecord[] = [];
  const repeats = headerTexts(layout);
  let sectionKind: Kind | undefined;
  for (let r = layout.firstDataRow - 1; r <= layout.lastDataRow - 1; r++) {
    const own = mappedCells(sheet, layout.mapping, r);
    if (own.length === 0 || isFooterRow(own) || isRepeatedHeader(own, repeats)) continue;
    const heading = headingOf(sheet, r, own);
    if (heading) {
      if (heading.section) sectionKind = heading.kind;
      continue;
    }
    const record: LedgerRecord = { row: r + 1, invalid: {} };
    const mergedFrom: Partial<Record<Field, number>> = {};
    for (const field of fields) {
      const c = layout.mapping[field];
      if (c === undefined) continue;
      let value = cellAt(sheet, r, c);
      let format = formatAt(sheet, r, c);
      const fill = value === null ? fills.get(r, c) : undefined;
      if (fill) {
        value = cellAt(sheet, fill.top, fill.left);
        format = formatAt(sheet, fill.top, fill.left);
        if (value !== null) mergedFrom[field] = fill.top + 1;
      }
      if (value !== null) readField(record, field, value, format, options);
    }
    if (Object.keys(mergedFrom).length > 0) record.mergedFrom = mergedFrom;
    if (sectionKind !== undefined && record.kind === undefined && record.invalid.kind === undefined) {
      record.kind = sectionKind;
    }
    records.push(record);
  }
  return records;
}

/** Excel keeps at most this many characters in a cell (plan/names.ts cuts longer text with a marker). */
const MAX_CELL_TEXT = 32_767;

/**
 * Cells of the ledger's table area (header row to last data row, from its first column on) over Excel's limit:
 * the build cuts them with a marker in the ledger and keeps them whole in the backup, so each is reported.
 */
export function overlongCells(sheet: SheetSnapshot, layout: LedgerLayout): Issue[] {
  const firstCol = Math.min(...layout.columns.map((c) => c.index));
  const fieldAt = new Map(layout.columns.map((c) => [c.index, c.field]));
  const issues: Issue[] = [];
  const top = (layout.headerRows[0] ?? layout.firstDataRow) - 1;
  for (let r = top; r <= layout.lastDataRow - 1; r++) {
    (sheet.rows[r] ?? []).forEach((v, c) => {
      if (c < firstCol || typeof v !== "string" || v.length <= MAX_CELL_TEXT) return;
      issues.push({
        row: r + 1,
        field: fieldAt.get(c) ?? null,
        code: "text_too_long",
        severity: "warning",
        params: { text: String(v.length) },
        cell: a1(r, c),
        sheet: sheet.name,
      });
    });
  }
  return issues;
}

/**
 * Headers holding a character with a meaning in a structured reference ([ ] # '): the ledger table names
 * them with full-width forms (plan/names.ts uniqueColumnNames), which changes the header cell, so each is said.
 */
export function rewrittenHeaders(sheet: SheetSnapshot, layout: LedgerLayout): Issue[] {
  const row = layout.headerRows.at(-1) ?? layout.firstDataRow - 1;
  return layout.columns
    .filter((c) => !c.generated && /['#[\]]/.test(c.header))
    .map((c) => ({
      row,
      field: c.field,
      code: "header_rewritten" as const,
      severity: "warning" as const,
      params: { text: c.header },
      cell: a1(row - 1, c.index),
      sheet: sheet.name,
    }));
}

/**
 * Header texts that mark the header rows printed multi-page ledgers repeat inside the data: the 案由 and 编号
 * headers (the upper row of a two-row header holds them, merged down) and the date headers (the lower row of
 * a two-row header often holds only those, under 办理时间). No real item has such text in those cells.
 * One-character headers are left out.
 */
const REPEAT_FIELDS: ReadonlySet<Field> = new Set<Field>(["id", "title", "assignedOn", "dueOn", "repliedOn"]);

export function headerTexts(layout: LedgerLayout): Map<Field, string[]> {
  const out = new Map<Field, string[]>();
  for (const col of layout.columns) {
    if (col.field === null || col.generated === true || col.header.length < 2) continue;
    if (REPEAT_FIELDS.has(col.field)) out.set(col.field, [col.header]);
  }
  return out;
}

/**
 * A header row repeated inside the data: some mapped cell holds exactly its column's header or group text
 * (trimmed, runs of spaces as one, as Excel's TRIM does: the 时限状态 formula tests the same).
 */
export function isRepeatedHeader(
  own: { field: Field; value: Exclude<CellValue, null> }[],
  headers: Map<Field, string[]>,
): boolean {
  return own.some(
    ({ field, value }) =>
      typeof value === "string" && headers.get(field)?.includes(value.trim().replace(/ +/g, " ")) === true,
  );
}

/** A heading's own numbering: 一、 二. （三） 第四、 */
const HEADING_ORDINAL = /^(第?[一二三四五六七八九十]+[、.．:：]|[(（][一二三四五六七八九十]+[)）])/;
/** A heading merged across at least this many columns. */
const HEADING_SPAN = 3;

/**
 * Rows that hold text but no item. `{ section: false }`: only a 序号 (rows numbered ahead of time).
 * `{ section: true, kind }`: a heading — the row's only text, in the 序号 column, merged across the table or
 * numbered 一、/（一）; kind is what it names ("一、人大代表建议（3件）" → npc), undefined when none.
 */
function headingOf(
  sheet: SheetSnapshot,
  r: number,
  own: { field: Field; value: Exclude<CellValue, null> }[],
): { section: boolean; kind?: Kind } | null {
  const texts: { c: number; text: string }[] = [];
  (sheet.rows[r] ?? []).forEach((v, c) => {
    const text = v === null || v === undefined ? "" : String(v).trim();
    if (text !== "") texts.push({ c, text });
  });
  const onlySeq = own.every((o) => o.field === "seq");
  const [only] = texts;
  if (texts.length !== 1 || !only) return onlySeq ? { section: false } : null;
  const merge = mergeCovering(sheet.merges, r, only.c);
  const wide = merge !== undefined && merge.right - merge.left + 1 >= HEADING_SPAN;
  const numbered = HEADING_ORDINAL.test(only.text.normalize("NFKC"));
  const isNumber = /^\d+(\.0+)?$/.test(only.text.normalize("NFKC"));
  if (!wide && !numbered && !(onlySeq && !isNumber)) return onlySeq ? { section: false } : null;
  const kind = parseKind(only.text);
  return kind.ok ? { section: true, kind: kind.value } : { section: true };
}

function readField(
  record: LedgerRecord,
  field: Field,
  value: Exclude<CellValue, null>,
  format: string | null,
  options: ReadOptions,
): void {
  const original = typeof value === "string" ? value : displayText(value);
  if (typeof value === "string") {
    if (value.trim() === "") return;
    if (EXCEL_ERROR.test(value.trim())) {
      record.invalid[field] = original;
      return;
    }
  }
  switch (field) {
    case "assignedOn":
    case "dueOn":
    case "repliedOn":
      return readDate(record, field, value, format, options);
    case "kind":
      return setEnum(record, field, parseKind(value), original, (v) => (record.kind = v));
    case "role":
      return setEnum(record, field, parseRole(value), original, (v) => (record.role = v));
    case "key":
      return setEnum(record, field, parseKey(value), original, (v) => (record.key = v));
    case "result":
      return setEnum(record, field, parseResult(value), original, (v) => (record.result = v));
    case "satisfaction":
      return setEnum(record, field, parseSatisfaction(value), original, (v) => (record.satisfaction = v));
    case "satisfactionWork":
      return setEnum(record, field, parseSatisfaction(value), original, (v) => (record.satisfactionWork = v));
    default:
      return setText(record, field, value);
  }
}

function setText(record: LedgerRecord, field: TextField, value: Exclude<CellValue, null>): void {
  const text = typeof value === "string" ? value.replace(/[\s\u3000]+/g, " ").trim() : displayText(value);
  if (text !== "") record[field] = text;
}

function setEnum<T>(
  record: LedgerRecord,
  field: Field,
  parsed: EnumParse<T>,
  original: string,
  set: (v: T) => void,
): void {
  if (parsed.ok) set(parsed.value);
  else record.invalid[field] = original;
}

/**
 * Numbers are serials (date-formatted or not) when in the ledger range, else 8-digit 20190630 forms.
 * Text goes through parseDate; a deadline written "6月30日前" means 6月30日, "延期至9月30日" means 9月30日.
 */
function readDate(
  record: LedgerRecord,
  field: DateField,
  value: Exclude<CellValue, null>,
  format: string | null,
  { defaultYear, date1904 }: ReadOptions,
): void {
  let parsed: ReturnType<typeof parseDate>;
  if (typeof value === "number") {
    parsed = parseDate(fromWorkbookSerial(value, date1904));
    // An 8-digit number is 20190630 unless the cell is formatted as a date (then it is a huge serial).
    if (!parsed.ok && !isDateFormat(format) && Number.isInteger(value)) parsed = parseDate(String(value));
  } else if (typeof value === "boolean") {
    parsed = { ok: false };
  } else {
    if (NO_DATE.has(foldKey(value))) return;
    const text = field === "dueOn" ? deadlineText(value) : value;
    parsed = parseDate(text, defaultYear);
  }
  if (parsed.ok) record[field] = parsed.serial;
  else record.invalid[field] = typeof value === "string" ? value : displayText(value);
}

/** An extension the office wrote into the deadline cell ("延期至9月30日", "6.30（已延期至8月5日）"). */
const EXTENDED_TO = /(?:延期|延长|延長|延至|顺延|順延|推迟|推遲)[至到]?\s*([^()（）,，;；]+)/;

/**
 * The deadline a 办理时限 cell states: an extension written in it replaces the original date, and a
 * trailing 前/之前/以前 ("6月30日前") is dropped.
 */
function deadlineText(value: string): string {
  const extended = EXTENDED_TO.exec(value)?.[1];
  return (extended ?? value).trim().replace(/(之前|以前|前)$/, "");
}

/** How Excel shows a number or boolean in General format: 12 not 12.0, TRUE/FALSE. */
function displayText(value: number | boolean): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // 15 significant digits, as Excel keeps, so 0.1+0.2 reads 0.3.
  return String(Number(value.toPrecision(15)));
}
