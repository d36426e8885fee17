/** Building blocks of the English, comma-separated formulas the plan writes (no leading "="). */
import { absoluteA1 } from "../address";
import { NO_DATE_TEXTS } from "../dates";
import { toTraditional } from "../script";

/** 'Sheet name' quoted for a reference; an apostrophe inside is doubled. */
function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Absolute reference to a cell or range on another sheet: '台账设置'!$B$15. */
export function absRef(sheet: string, a1: string): string {
  return `${quoteSheet(sheet)}!${absoluteA1(a1)}`;
}

/** A string literal: "text" with quotes doubled. */
export function str(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** COUNTIFS criteria that match `value` exactly: wildcards escaped, a leading operator guarded by "=". */
export function eqCriteria(value: string): string {
  const escaped = value.replace(/[~*?]/g, "~$&");
  return str(/^[=<>]/.test(escaped) ? `=${escaped}` : escaped);
}

/** COUNTIFS criteria for "anything but `value`". */
export function neCriteria(value: string): string {
  return str(`<>${value.replace(/[~*?]/g, "~$&")}`);
}

/** A column name inside a structured reference: [ ] # ' are escaped with an apostrophe. */
function escapeColumn(name: string): string {
  return name.replace(/['#[\]]/g, "'$&");
}

/** Whole data column of a table: 台账表[答复日期]. */
export function columnRef(table: string, column: string): string {
  return `${table}[${escapeColumn(column)}]`;
}

/**
 * The same row of a table column, in the file form that Excel, Office.js and LibreOffice all read
 * (Excel shows it as [@答复日期]).
 */
export function thisRow(table: string, column: string): string {
  return `${table}[[#This Row],[${escapeColumn(column)}]]`;
}

/**
 * Texts a deadline cell may hold that mean "no date" (normalize.ts reads them as empty, so the default applies),
 * in both scripts since the formula compares the cell as written. Their traditional forms come from
 * scriptWords.ts (no dictionary is loaded for them).
 */
export const NO_DATE_FORMULA_TEXTS: readonly string[] = [
  ...new Set(NO_DATE_TEXTS.flatMap((t) => [t, toTraditional(t)])),
];
