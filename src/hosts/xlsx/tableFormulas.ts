import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { Package, unescapeXml } from "./opc";

/**
 * Table calculated columns (<calculatedColumnFormula> in xl/tables/tableN.xml), which ExcelJS 4.4 can neither
 * write nor read: it drops them on write, and a table that has one makes its loader lose the columns after it
 * and then fail ("Cannot set properties of undefined (setting 'filterButton')", exceljs issue #1240). So this
 * host edits the table parts of the zip itself:
 * - on load (`stripTableColumnChildren`), before ExcelJS parses the file, the children of every <tableColumn>
 *   are removed and the calculated formulas remembered for the workbook;
 * - on write (`finishTables`), after ExcelJS wrote the file, every table with calculated columns gets its
 *   <calculatedColumnFormula> back: the plan's for the tables the plan made, the remembered ones for the user's.
 * The cells of such a column keep their own <f> formulas; the table-level formula is what Excel fills into a
 * row the user adds to the table.
 */

/** One calculated column: header name → formula in file form (no "=", structured refs as Excel writes them). */
export interface CalculatedColumn {
  column: string;
  formula: string;
  /** calculatedColumnFormula array="1" (a legacy array formula), kept when read from a file. */
  array?: boolean;
}

/** The workbook's tables with calculated columns, by table name in lower case (names are case-insensitive). */
type Registry = Map<string, { table: string; columns: CalculatedColumn[] }>;

const registries = new WeakMap<ExcelJS.Workbook, Registry>();

function registryOf(wb: ExcelJS.Workbook): Registry {
  let r = registries.get(wb);
  if (!r) {
    r = new Map();
    registries.set(wb, r);
  }
  return r;
}

/** Sets (or, with no columns, clears) the calculated columns of a table of the workbook. */
export function setCalculatedColumns(wb: ExcelJS.Workbook, table: string, columns: CalculatedColumn[]): void {
  const r = registryOf(wb);
  if (columns.length === 0) r.delete(table.toLowerCase());
  else r.set(table.toLowerCase(), { table, columns: columns.map((c) => ({ ...c })) });
}

/** The calculated columns the workbook's tables will be written with, by table name. */
export function calculatedColumnsOf(wb: ExcelJS.Workbook): Map<string, CalculatedColumn[]> {
  return new Map([...registryOf(wb).values()].map((t) => [t.table, t.columns.map((c) => ({ ...c }))]));
}

const TABLE_PART = /^xl\/tables\/[^/]+\.xml$/i;
/** An XML start tag of one element with its attributes; group 1 the attributes, group 2 "/" when self-closing. */
const startTag = (name: string): RegExp =>
  new RegExp(`<${name}((?:\\s+[\\w:.-]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, "g");

/**
 * The file with every <tableColumn> of its tables reduced to an empty element, so that ExcelJS can load it,
 * and the calculated columns found there (table display name → columns). The bytes are returned unchanged
 * when no table column has children.
 */
export async function stripTableColumnChildren(
  bytes: Uint8Array,
): Promise<{ bytes: Uint8Array; calculated: Map<string, CalculatedColumn[]> }> {
  const calculated = new Map<string, CalculatedColumn[]>();
  const zip = await JSZip.loadAsync(bytes);
  const parts = zip.file(TABLE_PART);
  let changed = false;
  for (const part of parts) {
    const stripped = stripTablePart(await part.async("string"));
    if (!stripped) continue;
    if (stripped.name !== undefined && stripped.columns.length > 0)
      calculated.set(stripped.name, stripped.columns);
    zip.file(part.name, stripped.xml);
    changed = true;
  }
  if (!changed) return { bytes, calculated };
  // Only ExcelJS reads this copy: no need to spend time compressing it.
  return { bytes: await zip.generateAsync({ type: "uint8array", compression: "STORE" }), calculated };
}

/** A table part (xl/tables/*.xml) as stripTableColumnChildren reads it. */
export const isTablePart = (name: string): boolean => TABLE_PART.test(name);

/**
 * One table part with every <tableColumn> reduced to an empty element, its display name and its calculated
 * columns; undefined when no table column has children (the part is read as it is).
 */
export function stripTablePart(
  xml: string,
): { xml: string; name: string | undefined; columns: CalculatedColumn[] } | undefined {
  if (!/<tableColumn\b[^>]*[^/]>/.test(xml)) return undefined;
  const columns: CalculatedColumn[] = [];
  const out = xml.replace(
    /<tableColumn\b((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*>([\s\S]*?)<\/tableColumn\s*>/g,
    (_all, attrs: string, body: string) => {
      const column = attribute(attrs, "name");
      const f =
        /<calculatedColumnFormula((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*>([\s\S]*?)<\/calculatedColumnFormula\s*>/.exec(
          body,
        );
      if (column !== undefined && f) {
        const array = attribute(f[1] ?? "", "array");
        columns.push({
          column,
          formula: unescapeXml(f[2] ?? ""),
          ...(array === "1" || array === "true" ? { array: true } : {}),
        });
      }
      return `<tableColumn${attrs}/>`;
    },
  );
  return out === xml ? undefined : { xml: out, name: tableName(xml), columns };
}

/**
 * Writes each table's calculated columns into the file ExcelJS wrote: <calculatedColumnFormula> as the first
 * child of the matching <tableColumn> (CT_TableColumn: calculatedColumnFormula, totalsRowFormula, xmlColumnPr,
 * extLst, in that order), replacing one that is there. Tables are found by name or display name, columns by
 * name. In a table it edits, the <filterColumn> entries that only say "button shown" (ExcelJS writes one per
 * column; Excel writes none) are dropped, so that ExcelJS's own loader, which loses the columns after a
 * calculated one, does not fail on the file. Every other part of the zip is kept as it was.
 */
export async function finishTables(
  bytes: Uint8Array,
  tables: Map<string, CalculatedColumn[]>,
  compression: "STORE" | "DEFLATE" = "DEFLATE",
): Promise<Uint8Array> {
  if (![...tables.values()].some((columns) => columns.length > 0)) return bytes;
  const pkg = await Package.load(bytes);
  if (!(await finishTablesIn(pkg, tables))) return bytes;
  return pkg.generate({ stored: compression === "STORE" });
}

/** finishTables on a package in memory; true when a table part changed. */
export async function finishTablesIn(
  pkg: Package,
  tables: Map<string, CalculatedColumn[]>,
): Promise<boolean> {
  const wanted = new Map(
    [...tables].filter(([, columns]) => columns.length > 0).map(([name, cs]) => [name.toLowerCase(), cs]),
  );
  if (wanted.size === 0) return false;
  let changed = false;
  for (const part of pkg.parts().filter(isTablePart)) {
    const xml = (await pkg.text(part)) ?? "";
    const names = [tableName(xml), attribute(rootAttributes(xml), "name")].filter((n) => n !== undefined);
    const columns = names.map((n) => wanted.get(n.toLowerCase())).find((c) => c !== undefined);
    if (!columns) continue;
    const out = dropPlainFilterColumns(withCalculatedColumns(xml, columns));
    if (out === xml) continue;
    pkg.write(part, out);
    changed = true;
  }
  return changed;
}

function withCalculatedColumns(xml: string, columns: CalculatedColumn[]): string {
  const byName = new Map(columns.map((c) => [c.column, c]));
  const open = startTag("tableColumn");
  let out = "";
  let last = 0;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const attrs = m[1] ?? "";
    const selfClosing = m[2] === "/";
    const name = attribute(attrs, "name");
    const calc = name !== undefined ? byName.get(name) : undefined;
    if (!calc) continue;
    const element = `<calculatedColumnFormula${calc.array ? ' array="1"' : ""}>${escapeXml(calc.formula)}</calculatedColumnFormula>`;
    if (selfClosing) {
      out += `${xml.slice(last, m.index)}<tableColumn${attrs}>${element}</tableColumn>`;
      last = open.lastIndex;
    } else {
      // Children already there: ours goes first, an older calculatedColumnFormula goes.
      const close = xml.indexOf("</tableColumn>", open.lastIndex);
      if (close < 0) continue;
      out += xml.slice(last, m.index);
      const body = xml
        .slice(open.lastIndex, close)
        .replace(
          /<calculatedColumnFormula\b[^>]*\/>|<calculatedColumnFormula\b[\s\S]*?<\/calculatedColumnFormula\s*>/g,
          "",
        );
      out += `<tableColumn${attrs}>${element}${body}</tableColumn>`;
      last = close + "</tableColumn>".length;
      open.lastIndex = last;
    }
  }
  return out + xml.slice(last);
}

function dropPlainFilterColumns(xml: string): string {
  const out = xml.replace(startTag("filterColumn"), (tag, attrs: string, slash: string) => {
    if (slash !== "/") return tag;
    const rest = attrs.replace(/\s+(colId|hiddenButton)\s*=\s*("[^"]*"|'[^']*')/g, "");
    const hidden = attribute(attrs, "hiddenButton");
    return rest.trim() === "" && (hidden === undefined || hidden === "0" || hidden === "false") ? "" : tag;
  });
  return out === xml ? xml : out.replace(/(<autoFilter\b[^>]*?)\s*>\s*<\/autoFilter\s*>/g, "$1/>");
}

function rootAttributes(xml: string): string {
  const m = startTag("table").exec(xml);
  return m?.[1] ?? "";
}

/** The table's display name (what formulas call it), or its name when it has none. */
function tableName(xml: string): string | undefined {
  const attrs = rootAttributes(xml);
  return attribute(attrs, "displayName") ?? attribute(attrs, "name");
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  if (!m) return undefined;
  return unescapeXml(m[1] ?? m[2] ?? "");
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
