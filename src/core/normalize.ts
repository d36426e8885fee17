import type { CellValue, SheetSnapshot } from "./snapshot";
import { a1, cellAt, formatAt, mergeFills } from "./snapshot";
import type { Issue } from "./issues";
import { FIELDS, type DateField, type Field, type Kind, type LedgerRecord } from "./fields";
import type { LedgerLayout } from "./layout";
import { fromWorkbookSerial, isDateFormat, NO_DATE_TEXTS, parseDate } from "./dates";
import { foldKey, foldKeySet } from "./script";
import { parseKey, parseKind, parseResult, parseRole, parseSatisfaction, type EnumParse } from "./enums";
import { isFooterRow, mergeCovering, opensWithoutSpace } from "./recognize";

/** The shared "no date" texts (dates.ts), as fold keys. */
const NO_DATE = foldKeySet(NO_DATE_TEXTS);

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
  // The mapped columns in FIELDS order (mappedCells' order), looked up once, and which of them hold dates.
  const columns: [Field, number][] = [];
  for (const f of FIELDS) {
    const c = layout.mapping[f];
    if (c !== undefined) columns.push([f, c]);
  }
  const fields = columns.map(([f]) => f);
  const indexes = columns.map(([, c]) => c);
  const dated = fields.map((f) => DATE_FIELD_SET.has(f));
  const ownColumns = new Set(indexes).size === indexes.length;
  const records: LedgerRecord[] = [];
  const repeats = headerTexts(layout);
  const memo = new TextMemo();
  const ownCells = new OwnCells(fields, indexes);
  let sectionKind: Kind | undefined;
  for (let r = layout.firstDataRow - 1; r <= layout.lastDataRow - 1; r++) {
    // A missing row is undefined, or null when the snapshot went through JSON (the demo host, a worker).
    const cells = sheet.rows[r];
    if (cells === undefined || cells === null) continue;
    const own = ownCells.read(cells);
    if (own.length === 0 || isFooterRow(own) || isRepeatedHeader(own, repeats)) continue;
    // Two of the row's own cells (fields of columns of their own) are two texts: no heading, nor a lone 序号.
    const heading = own.length >= 2 && ownColumns ? null : headingOf(sheet, r, own);
    if (heading) {
      if (heading.section) sectionKind = heading.kind;
      continue;
    }
    const record = newRecord(r + 1);
    let mergedFrom: Partial<Record<Field, number>> | undefined;
    for (let i = 0; i < indexes.length; i++) {
      const field = fields[i] as Field;
      const c = indexes[i] as number;
      let value = cellAt(sheet, r, c);
      let at = r;
      let atColumn = c;
      const fill = value === null ? fills.get(r, c) : undefined;
      if (fill) {
        value = cellAt(sheet, fill.top, fill.left);
        at = fill.top;
        atColumn = fill.left;
        if (value !== null) (mergedFrom ??= {})[field] = fill.top + 1;
      }
      if (value === null) continue;
      // Only a date field reads the number format (a serial formatted as a date, or 20190630).
      const format = dated[i] === true ? formatAt(sheet, at, atColumn) : null;
      readField(record, field, value, format, options, memo);
    }
    if (mergedFrom !== undefined) record.mergedFrom = mergedFrom;
    if (sectionKind !== undefined && record.kind === undefined && record.invalid.kind === undefined) {
      record.kind = sectionKind;
    }
    records.push(record);
  }
  return records;
}

/**
 * A record of `row` before its cells are read: every field there, undefined (which reads as absent), in one order,
 * so that all records have one shape. Read in each row's own order (a field only where its cell had a value),
 * 10,000 records came in dozens of shapes, and every later read of a field (checks, statistics, the plan) was a
 * lookup among them: a quarter to a third of the engine's time. A literal: copied from a template, the records
 * were as slow as before. `satisfies` keeps it to the members of LedgerRecord, all of them.
 */
function newRecord(row: number): LedgerRecord {
  const record = {
    row,
    sheet: undefined,
    seq: undefined,
    id: undefined,
    kind: undefined,
    title: undefined,
    proposer: undefined,
    topic: undefined,
    role: undefined,
    key: undefined,
    leader: undefined,
    department: undefined,
    handler: undefined,
    phone: undefined,
    assignedOn: undefined,
    dueOn: undefined,
    repliedOn: undefined,
    replyRef: undefined,
    result: undefined,
    satisfaction: undefined,
    satisfactionWork: undefined,
    consultation: undefined,
    status: undefined,
    notes: undefined,
    invalid: {},
    mergedFrom: undefined,
  } satisfies Record<Exclude<keyof LedgerRecord, "row" | "invalid">, undefined> &
    Pick<LedgerRecord, "row" | "invalid">;
  // exactOptionalPropertyTypes calls an undefined field present: to every reader of a record it is absent.
  return record as unknown as LedgerRecord;
}

const DATE_FIELD_SET: ReadonlySet<Field> = new Set<Field>(["assignedOn", "dueOn", "repliedOn"]);

/**
 * The row's own values in the mapped columns, as recognize.ts mappedCells gives them (blank text left out), in a
 * buffer reused from row to row: the tests that read it (footer, repeated header, heading) keep nothing of it.
 */
class OwnCells {
  private readonly pool: { field: Field; value: Exclude<CellValue, null> }[] = [];
  private readonly cells: { field: Field; value: Exclude<CellValue, null> }[] = [];
  constructor(
    private readonly fields: readonly Field[],
    private readonly indexes: readonly number[],
  ) {}
  read(row: CellValue[]): { field: Field; value: Exclude<CellValue, null> }[] {
    const out = this.cells;
    let n = 0;
    for (let i = 0; i < this.indexes.length; i++) {
      const value = row[this.indexes[i] as number];
      if (value === null || value === undefined || value === "") continue;
      if (typeof value === "string" && !nonBlank(value)) continue;
      const field = this.fields[i] as Field;
      let entry = this.pool[n];
      if (entry === undefined) this.pool.push((entry = { field, value }));
      else {
        entry.field = field;
        entry.value = value;
      }
      out[n++] = entry;
    }
    out.length = n;
    return out;
  }
}

/** Text with something other than whitespace; most cells start with a visible character. */
function nonBlank(text: string): boolean {
  return opensWithoutSpace(text) || NON_BLANK.test(text);
}
const NON_BLANK = /\S/;

/**
 * Enumeration and date cells repeat (类别, 办理类型, 办理结果, 满意度, one 交办日期 for a whole batch …): each
 * distinct text of a field is parsed once per read. Every parse memoised is a pure function of the text.
 */
class TextMemo {
  private readonly byField = new Map<Field, Map<string, unknown>>();
  get<T>(field: Field, value: string, parse: (v: string) => T): T {
    let seen = this.byField.get(field);
    if (seen === undefined) this.byField.set(field, (seen = new Map()));
    let parsed = seen.get(value) as T | undefined;
    if (parsed === undefined) {
      parsed = parse(value);
      if (seen.size < MEMO_LIMIT) seen.set(value, parsed);
    }
    return parsed;
  }
}
const MEMO_LIMIT = 5_000;

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
  if (headers.size === 0) return false;
  return own.some(({ field, value }) => {
    if (typeof value !== "string") return false;
    const texts = headers.get(field);
    return texts !== undefined && texts.some((text) => isHeaderText(value, text));
  });
}

/**
 * Whether a cell, trimmed and its runs of spaces made one, is the header `text`. Told without the regex for
 * nearly every cell: neither makes a cell longer, nor changes a first character that is no space.
 */
function isHeaderText(value: string, text: string): boolean {
  if (value.length < text.length) return false;
  if (opensWithoutSpace(value) && value.charCodeAt(0) !== text.charCodeAt(0)) return false;
  // Most cells hold no whitespace: compared as they are, no copy made.
  return (/\s/.test(value) ? value.trim().replace(/ +/g, " ") : value) === text;
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
  // The row's non-empty cells, up to two: a heading has exactly one.
  const texts: { c: number; text: string }[] = [];
  const cells = sheet.rows[r] ?? [];
  for (let c = 0; c < cells.length && texts.length < 2; c++) {
    const v = cells[c];
    if (v === null || v === undefined) continue;
    const text = typeof v === "string" ? v.trim() : String(v);
    if (text !== "") texts.push({ c, text });
  }
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
  memo: TextMemo,
): void {
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed === "") return;
    if (trimmed.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.test(trimmed)) {
      record.invalid[field] = value;
      return;
    }
  }
  switch (field) {
    case "assignedOn":
    case "dueOn":
    case "repliedOn":
      return readDate(record, field, value, format, options, memo);
    case "kind": {
      const parsed = parseEnum(field, value, parseKind, memo);
      if (parsed.ok) record.kind = parsed.value;
      else record.invalid.kind = shown(value);
      return;
    }
    case "role": {
      const parsed = parseEnum(field, value, parseRole, memo);
      if (parsed.ok) record.role = parsed.value;
      else record.invalid.role = shown(value);
      return;
    }
    case "key": {
      const parsed = parseEnum(field, value, parseKey, memo);
      if (parsed.ok) record.key = parsed.value;
      else record.invalid.key = shown(value);
      return;
    }
    case "result": {
      const parsed = parseEnum(field, value, parseResult, memo);
      if (parsed.ok) record.result = parsed.value;
      else record.invalid.result = shown(value);
      return;
    }
    case "satisfaction":
    case "satisfactionWork": {
      const parsed = parseEnum(field, value, parseSatisfaction, memo);
      if (parsed.ok) record[field] = parsed.value;
      else record.invalid[field] = shown(value);
      return;
    }
    default:
      return setText(record, field, value);
  }
}

/** An enumeration cell parsed, a text once per read (TextMemo). */
function parseEnum<T>(
  field: Field,
  value: Exclude<CellValue, null>,
  parse: (v: Exclude<CellValue, null>) => EnumParse<T>,
  memo: TextMemo,
): EnumParse<T> {
  return typeof value === "string" ? memo.get(field, value, parse) : parse(value);
}

/** The cell as the user sees it, kept when it cannot be read. */
function shown(value: Exclude<CellValue, null>): string {
  return typeof value === "string" ? value : displayText(value);
}

function setText(record: LedgerRecord, field: TextField, value: Exclude<CellValue, null>): void {
  // \s covers U+3000 (the ideographic space); most cells have no space at all.
  const text =
    typeof value !== "string"
      ? displayText(value)
      : /\s/.test(value)
        ? value.replace(/\s+/g, " ").trim()
        : value;
  if (text !== "") record[field] = text;
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
  memo: TextMemo,
): void {
  let parsed: ReturnType<typeof parseDate>;
  if (typeof value === "number") {
    parsed = parseDate(fromWorkbookSerial(value, date1904));
    // An 8-digit number is 20190630 unless the cell is formatted as a date (then it is a huge serial).
    if (!parsed.ok && !isDateFormat(format) && Number.isInteger(value)) parsed = parseDate(String(value));
  } else if (typeof value === "boolean") {
    parsed = { ok: false };
  } else {
    const read = memo.get(field, value, (v) =>
      NO_DATE.has(foldKey(v))
        ? NO_DATE_TEXT
        : parseDate(field === "dueOn" ? deadlineText(v) : v, defaultYear),
    );
    if (read === NO_DATE_TEXT) return;
    parsed = read;
  }
  if (parsed.ok) record[field] = parsed.serial;
  else record.invalid[field] = shown(value);
}

/** A date cell that says "no date" (未答复, 无, -): left empty, not reported. */
const NO_DATE_TEXT = Symbol("no date");

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
  // Integers below 10^15 read as they are (the common case: 序号, ids, serials).
  if (Number.isSafeInteger(value) && Math.abs(value) < 1e15) return String(value);
  // 15 significant digits, as Excel keeps, so 0.1+0.2 reads 0.3.
  return String(Number(value.toPrecision(15)));
}
