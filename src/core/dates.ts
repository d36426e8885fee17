import type { DateSerial } from "./fields";

/**
 * Excel 1900-system date serials, with UTC arithmetic only (docs/EXCEL-NOTES.md).
 * Serial 25569 is 1970-01-01; serials below 61 sit before Excel's fake 1900-02-29 and are one day off,
 * which no ledger date reaches, so they are rejected as dates.
 */
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;
/** The number format the tool gives a date cell that has none of its own. */
export const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";
/** Earliest and latest serials accepted as ledger dates: 1950-01-01 and 2200-12-31. */
const MIN_SERIAL = 18264;
const MAX_SERIAL = 110_963;

/**
 * Days between the 1900 and the 1904 date systems: a workbook saved with "use 1904 date system" stores
 * 2019-06-30 as 42184 instead of 43646. The engine works in 1900 serials; these convert at the edges.
 */
export const DATE1904_OFFSET = 1462;

/**
 * A serial as the workbook stores it → the engine's 1900 serial.
 * @example fromWorkbookSerial(42184, true) === 43646
 */
export function fromWorkbookSerial(serial: number, date1904: boolean | undefined): number {
  return date1904 === true ? serial + DATE1904_OFFSET : serial;
}

/**
 * The engine's 1900 serial → the serial to write into the workbook.
 * @example toWorkbookSerial(43646, true) === 42184
 */
export function toWorkbookSerial(serial: number, date1904: boolean | undefined): number {
  return date1904 === true ? serial - DATE1904_OFFSET : serial;
}

export function serialFromYmd(year: number, month: number, day: number): DateSerial {
  return UNIX_EPOCH_SERIAL + Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * Serial of a JS Date read as UTC, time of day kept as the fraction (ExcelJS builds its dates in UTC).
 * @example serialFromUtcDate(new Date(Date.UTC(1970, 0, 1, 12))) === 25569.5
 */
export function serialFromUtcDate(date: Date): number {
  return UNIX_EPOCH_SERIAL + date.getTime() / MS_PER_DAY;
}

export function ymdFromSerial(serial: DateSerial): { year: number; month: number; day: number } {
  const d = new Date((Math.floor(serial) - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Serial → "YYYY-MM-DD". */
export function isoFromSerial(serial: DateSerial): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "YYYY-MM-DD" → serial, or null if not a real calendar date. */
export function serialFromIso(iso: string): DateSerial | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return validSerial(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The local calendar date of a JS Date (the user's "today"), as a serial. */
export function serialFromLocalDate(date: Date): DateSerial {
  return serialFromYmd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/**
 * Adds calendar months, clamping to the month's last day (2019-11-30 + 3 months → 2020-02-29).
 * @example isoFromSerial(addMonths(serialFromYmd(2019, 3, 15), 3)) === "2019-06-15"
 */
export function addMonths(serial: DateSerial, months: number): DateSerial {
  const { year, month, day } = ymdFromSerial(serial);
  const targetMonthIndex = year * 12 + (month - 1) + months;
  const ty = Math.floor(targetMonthIndex / 12);
  const tm = (targetMonthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return serialFromYmd(ty, tm, Math.min(day, lastDay));
}

function validSerial(year: number, month: number, day: number): DateSerial | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const serial = serialFromYmd(year, month, day);
  return serial >= MIN_SERIAL && serial <= MAX_SERIAL ? serial : null;
}

/**
 * Date cells that say "no date" rather than hold a wrong one (simplified script): 未答复 in 答复日期 means not
 * replied yet, 无/-// mean nothing to enter. They leave the field empty and are not reported as invalid; the
 * ledger's deadline formula treats them the same way (plan/formulas.ts).
 */
export const NO_DATE_TEXTS: readonly string[] = [
  "无",
  "暂无",
  "未",
  "未答复",
  "未回复",
  "尚未答复",
  "待答复",
  "未办结",
  "待定",
  "空",
  "-",
  "--",
  "—",
  "——",
  "/",
  "\\",
];

/** Full-width digits and punctuation → ASCII, stray spaces removed. */
function foldWidth(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u3000]+/g, "");
}

/** Whether an Excel number format displays a date ("yyyy-mm-dd", "m/d/yy", "yyyy年m月d日", "[$-804]..."). */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  // Drop quoted literals, escaped characters and [..] sections (colours, locales, elapsed time).
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
  if (/[yd]/i.test(bare)) return true;
  // "m" alone is a month unless hours or seconds are shown too (then it is minutes).
  return /m/i.test(bare) && !/[hs]/i.test(bare);
}

/** Chinese numerals used in dates such as 二〇一九年六月三十日. */
const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (![...text].every((ch) => ch in CN_DIGITS)) return null;
  if (text.includes("十")) {
    // 十 = 10, 十五 = 15, 二十 = 20, 三十一 = 31
    const [tens, ones] = text.split("十");
    const t = tens ? (CN_DIGITS[tens] ?? NaN) : 1;
    const o = ones ? (CN_DIGITS[ones] ?? NaN) : 0;
    const n = t * 10 + o;
    return Number.isFinite(n) ? n : null;
  }
  // Digit by digit: 二〇一九 → 2019
  return Number([...text].map((ch) => CN_DIGITS[ch]).join(""));
}

export type DateParse = { ok: true; serial: DateSerial } | { ok: false };

/**
 * Reads a date in any form real ledgers hold: an Excel serial (number), or text such as
 * 2019-06-30, 2019/6/30, 2019.6.30, 2019年6月30日, 二〇一九年六月三十日, 20190630, full-width digits,
 * optionally followed by a time. `defaultYear` completes year-less text such as 6月30日 or 6/30.
 */
export function parseDate(value: string | number | boolean | null, defaultYear?: number): DateParse {
  if (value === null || typeof value === "boolean") return { ok: false };
  if (typeof value === "number") {
    const serial = Math.floor(value);
    return serial >= MIN_SERIAL && serial <= MAX_SERIAL ? { ok: true, serial } : { ok: false };
  }
  // The time goes before spaces are folded away: "2019-06-30 9:00" would otherwise read as 2019-06-309:00.
  const text = foldWidth(
    value
      .normalize("NFKC")
      .replace(/(\d|日|号|號)(?:\s+|T)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i, "$1"),
  ).replace(/(日|号|號)$/, "");
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/.exec(text);
  if (m) return wrap(validSerial(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return wrap(validSerial(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})$/.exec(
    text,
  );
  if (m) {
    const [y, mo, d] = [chineseNumber(m[1] ?? ""), chineseNumber(m[2] ?? ""), chineseNumber(m[3] ?? "")];
    if (y !== null && mo !== null && d !== null) return wrap(validSerial(y, mo, d));
    return { ok: false };
  }
  m = /^(\d{1,2})[-/.月](\d{1,2})$/.exec(text);
  if (m && defaultYear !== undefined) return wrap(validSerial(defaultYear, Number(m[1]), Number(m[2])));
  return { ok: false };
}

function wrap(serial: DateSerial | null): DateParse {
  return serial === null ? { ok: false } : { ok: true, serial };
}
