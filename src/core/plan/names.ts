/** Excel's rules for sheet, table and column names, and its limit on a cell's text (docs/EXCEL-NOTES.md). */

/** Excel keeps at most this many characters in a cell; a longer text makes it refuse or "repair" the file. */
export const MAX_CELL_TEXT = 32_767;

/** What ends a text cut to fit a cell (simplified; inScript converts it), pointing to the backup's full text. */
export const TRUNCATED_MARK = "…【超长已截断，全文见原表】";

/**
 * Text that fits in one cell: a longer one is cut so that it ends with `marker` (the backup keeps the whole).
 * @example fitCellText("x".repeat(40_000), "…").length === 32_767
 */
export function fitCellText(text: string, marker: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let head = text.slice(0, MAX_CELL_TEXT - marker.length);
  // Never split a surrogate pair (an emoji or a rare CJK character) in two.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}${marker}`;
}

/** Sheet names: at most 31 characters. */
const MAX_SHEET_NAME = 31;

/**
 * Removes what Excel refuses in a sheet name: / \ ? * : [ ], and a leading or trailing apostrophe; at most
 * 31 characters. A name left empty becomes `fallback`.
 * @example cleanSheetName("a/b") === "a_b"; cleanSheetName("''") === "Sheet"
 */
export function cleanSheetName(name: string, fallback = "Sheet"): string {
  const cleaned = name
    .replace(/[/\\?*:[\]]/g, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  return [...(cleaned || fallback)].slice(0, MAX_SHEET_NAME).join("");
}

/** Excel keeps the name "History" (any case) for itself. */
export function isReservedSheetName(name: string): boolean {
  return name.toLowerCase() === "history";
}

/**
 * A sheet name not in `taken` (compared case-insensitively, as Excel does): the base, else "base(2)",
 * "base(3)"…, the base shortened so the whole stays within 31 characters. `suffix` writes the number
 * (the HTML reader uses " (2)", as Excel does when it names a copied sheet).
 * @example uniqueSheetName("统计表", new Set(["统计表"])) === "统计表(2)"
 * @example uniqueSheetName("填报说明", new Set(["填报说明"]), (n) => ` (${n})`) === "填报说明 (2)"
 */
export function uniqueSheetName(
  base: string,
  taken: ReadonlySet<string>,
  suffixOf: (n: number) => string = (n) => `(${n})`,
): string {
  const clean = cleanSheetName(base);
  const isTaken = (n: string): boolean => taken.has(n.toLowerCase());
  if (!isTaken(clean)) return clean;
  for (let i = 2; ; i++) {
    const suffix = suffixOf(i);
    const head = [...clean].slice(0, MAX_SHEET_NAME - suffix.length).join("");
    const candidate = `${head}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}

/**
 * A sheet name ending in `suffix` that is not in `taken`: the base shortened so that the suffix always fits
 * in 31 characters ("<ledger>(原表)"), then "(2)", "(3)"… after the suffix when the name is taken.
 * @example suffixedSheetName("一".repeat(31), "(原表)", new Set()) === "一".repeat(27) + "(原表)"
 */
export function suffixedSheetName(base: string, suffix: string, taken: ReadonlySet<string>): string {
  const head = cleanSheetName(base);
  for (let i = 1; ; i++) {
    const tail = i === 1 ? suffix : `${suffix}(${i})`;
    const candidate = `${[...head].slice(0, Math.max(0, MAX_SHEET_NAME - [...tail].length)).join("")}${tail}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Lower-cased set of names, for uniqueSheetName. */
export function nameSet(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const n of names) out.add(n.toLowerCase());
  return out;
}

/**
 * Characters with a meaning inside a structured reference (Table[Column]): escaping them with an apostrophe
 * is what Excel does, but LibreOffice misreads an escaped apostrophe at the end of a name (#N/A), so the
 * table's column names use their full-width forms instead and need no escaping anywhere.
 */
const UNSAFE_IN_COLUMN: Readonly<Record<string, string>> = { "[": "［", "]": "］", "#": "＃", "'": "＇" };

/**
 * Table column names: non-empty and unique (case-insensitive); line breaks dropped; [ ] # ' written full-width
 * so that every formula can name the column as it is (see UNSAFE_IN_COLUMN).
 * Empty headers become 列A, 列B… after their column letter; repeats get 2, 3….
 * @example uniqueColumnNames([{ header: "承办科室[主]", letter: "G" }], "列") → ["承办科室［主］"]
 */
export function uniqueColumnNames(
  headers: readonly { header: string | null; letter: string }[],
  emptyPrefix: string,
): string[] {
  const seen = new Set<string>();
  return headers.map(({ header, letter }) => {
    const base =
      (header ?? "")
        .replace(/\s*[\r\n]+\s*/g, "")
        .replace(/['#[\]]/g, (ch) => UNSAFE_IN_COLUMN[ch] ?? ch)
        .trim() || `${emptyPrefix}${letter}`;
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base}${i}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
