/** Number, percent, date and list formatting for generated Chinese text (simplified; report.ts converts). */

/**
 * A rate 0..1 as the reports write it: one decimal, trailing ".0" dropped (1 → "100%", 12/13 → "92.3%").
 * A rate below 1 never rounds up to "100%" (and above 0 never to "0%"): a report must not claim all or none
 * when that is not so.
 */
export function formatPercent(rate: number): string {
  let tenths = Math.round(rate * 1000);
  if (rate < 1 && tenths >= 1000) tenths = 999;
  if (rate > 0 && tenths <= 0) tenths = 1;
  const whole = Math.trunc(tenths / 10);
  const decimal = tenths % 10;
  return decimal === 0 ? `${whole}%` : `${whole}.${decimal}%`;
}

/**
 * Joins items the Chinese way: 、 between items, 和 before the last.
 * @example joinAnd(["地名管理", "留守儿童", "社区治理"]) === "地名管理、留守儿童和社区治理"
 */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join("、")}和${items[items.length - 1] ?? ""}`;
}

/** "2019-12-31" → "2019年12月31日" (no leading zeros, as documents write dates). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** "N件". */
export function items(n: number): string {
  return `${n}件`;
}
