/** Excel's rules for sheet and table names (docs/EXCEL-NOTES.md). */

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

/** Lower-cased set of names, for uniqueSheetName. */
export function nameSet(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const n of names) out.add(n.toLowerCase());
  return out;
}

/**
 * Table column names: non-empty and unique (case-insensitive); line breaks dropped.
 * Empty headers become 列A, 列B… after their column letter; repeats get 2, 3….
 */
export function uniqueColumnNames(
  headers: readonly { header: string | null; letter: string }[],
  emptyPrefix: string,
): string[] {
  const seen = new Set<string>();
  return headers.map(({ header, letter }) => {
    const base = (header ?? "").replace(/\s*[\r\n]+\s*/g, "").trim() || `${emptyPrefix}${letter}`;
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base}${i}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
