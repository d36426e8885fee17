import type { CellValue, MergedArea, SheetSnapshot } from "./snapshot";
import { cellAt, formatAt } from "./snapshot";
import { FIELDS, type DateField, type Field, type LedgerRecord } from "./fields";
import type { LedgerLayout } from "./layout";
import { isDateFormat, NO_DATE_TEXTS, parseDate } from "./dates";
import { foldKey } from "./script";
import { parseKey, parseKind, parseResult, parseRole, parseSatisfaction, type EnumParse } from "./enums";
import { isFooterRow, mappedCells } from "./recognize";

/** The shared "no date" texts (dates.ts), as fold keys. */
const NO_DATE: ReadonlySet<string> = new Set(NO_DATE_TEXTS.map(foldKey));

/** Fields kept as text: everything that is neither a date nor an enumeration. */
type TextField = Exclude<Field, DateField | "kind" | "role" | "key" | "result" | "satisfaction">;

/** Excel error values as hosts hand them over (#N/A, #VALUE!, …). */
const EXCEL_ERROR =
  /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/**
 * Reads the data rows of a recognised ledger into records. A value merged down several rows (a leader
 * merged over rows 5-8) belongs to every row of its left column, recorded in mergedFrom. Skipped: rows with
 * nothing of their own in a mapped column, and totals/footer rows (recognize.ts isFooterRow).
 * Whatever cannot be understood is kept verbatim in record.invalid; nothing is guessed.
 */
export function readRecords(
  sheet: SheetSnapshot,
  layout: LedgerLayout,
  options: { defaultYear?: number },
): LedgerRecord[] {
  const fills = mergeFills(sheet.merges, layout.firstDataRow - 1);
  const fields = FIELDS.filter((f) => layout.mapping[f] !== undefined);
  const records: LedgerRecord[] = [];
  for (let r = layout.firstDataRow - 1; r <= layout.lastDataRow - 1; r++) {
    const own = mappedCells(sheet, layout.mapping, r);
    if (own.length === 0 || isFooterRow(own)) continue;
    const record: LedgerRecord = { row: r + 1, invalid: {} };
    const mergedFrom: Partial<Record<Field, number>> = {};
    for (const field of fields) {
      const c = layout.mapping[field];
      if (c === undefined) continue;
      let value = cellAt(sheet, r, c);
      let format = formatAt(sheet, r, c);
      const fill = value === null ? fills.get(key(r, c)) : undefined;
      if (fill) {
        value = cellAt(sheet, fill.top, fill.left);
        format = formatAt(sheet, fill.top, fill.left);
        if (value !== null) mergedFrom[field] = fill.top + 1;
      }
      if (value !== null) readField(record, field, value, format, options.defaultYear);
    }
    if (Object.keys(mergedFrom).length > 0) record.mergedFrom = mergedFrom;
    records.push(record);
  }
  return records;
}

/** Cells covered by a merge below its top-left, in its left column, from the data area down. */
function mergeFills(merges: MergedArea[], firstDataRow0: number): Map<string, MergedArea> {
  const fills = new Map<string, MergedArea>();
  for (const m of merges) {
    if (m.top < firstDataRow0) continue; // header and title merges are no data
    for (let r = m.top + 1; r <= m.bottom; r++) fills.set(key(r, m.left), m);
  }
  return fills;
}

function key(r: number, c: number): string {
  return `${r}:${c}`;
}

function readField(
  record: LedgerRecord,
  field: Field,
  value: Exclude<CellValue, null>,
  format: string | null,
  defaultYear: number | undefined,
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
      return readDate(record, field, value, format, defaultYear);
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
 * Text goes through parseDate; a deadline written "6月30日前" means 6月30日.
 */
function readDate(
  record: LedgerRecord,
  field: DateField,
  value: Exclude<CellValue, null>,
  format: string | null,
  defaultYear: number | undefined,
): void {
  let parsed: ReturnType<typeof parseDate>;
  if (typeof value === "number") {
    parsed = parseDate(value);
    // An 8-digit number is 20190630 unless the cell is formatted as a date (then it is a huge serial).
    if (!parsed.ok && !isDateFormat(format) && Number.isInteger(value)) parsed = parseDate(String(value));
  } else if (typeof value === "boolean") {
    parsed = { ok: false };
  } else {
    if (NO_DATE.has(foldKey(value))) return;
    const text = field === "dueOn" ? value.trim().replace(/(之前|以前|前)$/, "") : value;
    parsed = parseDate(text, defaultYear);
  }
  if (parsed.ok) record[field] = parsed.serial;
  else record.invalid[field] = typeof value === "string" ? value : displayText(value);
}

/** How Excel shows a number or boolean in General format: 12 not 12.0, TRUE/FALSE. */
function displayText(value: number | boolean): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // 15 significant digits, as Excel keeps, so 0.1+0.2 reads 0.3.
  return String(Number(value.toPrecision(15)));
}
