import type { CellValue, MergedArea, SheetSnapshot, WorkbookSnapshot } from "./snapshot";
import { cellAt } from "./snapshot";
import { FIELDS, REQUIRED_FIELDS, type Field } from "./fields";
import type { LayoutColumn, LedgerLayout } from "./layout";
import { matchHeader, type MatchQuality } from "./headers";
import { detectScript, foldKey } from "./script";

export type RecognizeResult =
  | {
      ok: true;
      layout: LedgerLayout;
      sheet: SheetSnapshot;
      /**
       * Every sheet read as the ledger, the chosen one first, then the others in workbook order: sheets recognised with
       * the same layout as the best one (人大/政协, 主办/会办, a sheet per quarter). Only the chosen one when a
       * sheet is named.
       */
      parts: { sheet: SheetSnapshot; layout: LedgerLayout }[];
      /** Other sheets that look like a ledger but have another layout: not read, and said so. */
      others: string[];
      /** Hidden sheets among parts: read only because no visible sheet holds a ledger, and said so. */
      hidden: string[];
    }
  | {
      ok: false;
      error:
        | { code: "empty_workbook" }
        | { code: "sheet_not_found"; sheet: string }
        /** `hidden`: the hidden sheets searched too (none of them holds a ledger either). */
        | { code: "no_ledger"; sheet?: string; hidden?: string[] };
    };

export interface RecognizeOptions {
  sheet?: string;
  skipSheets?: string[];
  mapping?: Partial<Record<Field, number | null>>;
  /** Header names of the columns an earlier build added (stored in the settings sheet). */
  generatedColumns?: readonly string[];
}

/** Headers of the columns the build adds (plan/labels.ts generatedColumnNames), in both scripts. */
const GENERATED_HEADERS = ["时限状态", "時限狀態", "计算时限", "計算時限"];

/** Real ledgers put one or two title rows above the header; 15 rows leave room for long preambles. */
const HEADER_SCAN_ROWS = 15;
/** A header must name at least this many fields, title or id among them. */
const MIN_FIELDS = 3;
/** The five 定 weigh double: a sheet that has them is the one people keep as the ledger. */
const REQUIRED_WEIGHT = 2;

/**
 * Picks the ledger of a workbook: options.sheet when given, else the best-recognised visible sheet not in
 * skipSheets (ties: more data rows, then the earlier sheet) together with every sheet of the same layout
 * (`parts`). options.mapping then moves or unmaps fields.
 */
export function recognizeWorkbook(wb: WorkbookSnapshot, options: RecognizeOptions): RecognizeResult {
  if (wb.sheets.length === 0) return { ok: false, error: { code: "empty_workbook" } };
  const generated = new Set([...GENERATED_HEADERS, ...(options.generatedColumns ?? [])]);
  if (options.sheet !== undefined) {
    const wanted = options.sheet;
    const sheet =
      wb.sheets.find((s) => s.name === wanted) ?? wb.sheets.find((s) => foldKey(s.name) === foldKey(wanted));
    if (!sheet) return { ok: false, error: { code: "sheet_not_found", sheet: wanted } };
    const found = recognizeSheet(sheet, generated);
    if (!found) return { ok: false, error: { code: "no_ledger", sheet: sheet.name } };
    const layout = options.mapping ? applyMapping(sheet, found, options.mapping) : found;
    return { ok: true, layout, sheet, parts: [{ sheet, layout }], others: [], hidden: [] };
  }
  const skip = new Set(options.skipSheets ?? []);
  const search = (hidden: boolean): { sheet: SheetSnapshot; layout: LedgerLayout }[] => {
    const found: { sheet: SheetSnapshot; layout: LedgerLayout }[] = [];
    for (const sheet of wb.sheets) {
      if ((sheet.hidden === true) !== hidden || skip.has(sheet.name)) continue;
      const layout = recognizeSheet(sheet, generated);
      if (layout) found.push({ sheet, layout });
    }
    return found;
  };
  // Hidden sheets are searched only when no visible sheet holds a ledger: then a ledger kept on a hidden
  // sheet is read (and the user told), rather than answered with "no ledger header".
  let candidates = search(false);
  const fromHidden = candidates.length === 0;
  if (fromHidden) candidates = search(true);
  let chosen: { sheet: SheetSnapshot; layout: LedgerLayout } | undefined;
  for (const c of candidates) if (!chosen || better(c.layout, chosen.layout)) chosen = c;
  if (!chosen) {
    const hidden = wb.sheets.filter((s) => s.hidden === true && !skip.has(s.name)).map((s) => s.name);
    return { ok: false, error: { code: "no_ledger", ...(hidden.length > 0 ? { hidden } : {}) } };
  }
  const best = chosen;
  const parts: { sheet: SheetSnapshot; layout: LedgerLayout }[] = [];
  const others: string[] = [];
  for (const c of candidates) {
    if (c !== best && !sameLayout(c.layout, best.layout)) {
      others.push(c.sheet.name);
      continue;
    }
    // The user's corrections were made on the chosen sheet: they apply to a sheet with the very same header.
    const corrected =
      options.mapping && (c === best || sameHeader(c.layout, best.layout))
        ? applyMapping(c.sheet, c.layout, options.mapping)
        : c.layout;
    parts.push({ sheet: c.sheet, layout: corrected });
  }
  // The chosen sheet leads (it is `sheet` as before); the others follow in workbook order.
  parts.sort((a, b) => Number(b.sheet === best.sheet) - Number(a.sheet === best.sheet));
  const first = parts[0] ?? best;
  const hidden = fromHidden ? parts.map((p) => p.sheet.name) : [];
  return { ok: true, layout: first.layout, sheet: first.sheet, parts, others, hidden };
}

/** Fields that a sheet's name or title may give instead of a column (人大/政协 sheets, 主办/会办 sheets). */
const SHEET_GIVEN: ReadonlySet<Field> = new Set<Field>(["kind", "role"]);
/** Share of fields two headers must have in common to be one ledger over two sheets. */
const SAME_LAYOUT_SHARE = 0.7;

/** Two sheets keep the same ledger when their headers name mostly the same fields (Jaccard ≥ 0.7). */
function sameLayout(a: LedgerLayout, b: LedgerLayout): boolean {
  const fields = (l: LedgerLayout): Set<Field> =>
    new Set((Object.keys(l.mapping) as Field[]).filter((f) => !SHEET_GIVEN.has(f)));
  const fa = fields(a);
  const fb = fields(b);
  const common = [...fa].filter((f) => fb.has(f)).length;
  const union = new Set([...fa, ...fb]).size;
  return union > 0 && common / union >= SAME_LAYOUT_SHARE;
}

/** Same columns with the same header texts at the same places. */
function sameHeader(a: LedgerLayout, b: LedgerLayout): boolean {
  const key = (l: LedgerLayout): string =>
    l.columns.map((c) => `${c.index}:${c.group ?? ""}/${c.header}`).join("|");
  return key(a) === key(b);
}

function better(a: LedgerLayout, b: LedgerLayout): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return a.lastDataRow - a.firstDataRow > b.lastDataRow - b.firstDataRow;
}

/**
 * Finds the header (one row, or two with merged group cells) in the first rows of a sheet and maps its
 * columns to fields. Null when no row names enough fields to be a ledger header.
 */
export function recognizeSheet(
  sheet: SheetSnapshot,
  generated: ReadonlySet<string> = new Set(GENERATED_HEADERS),
): LedgerLayout | null {
  let best: { top: number; bottom: number; columns: LayoutColumn[]; score: number; rank: number } | undefined;
  const scanEnd = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  for (let top = 0; top < scanEnd; top++) {
    for (const bottom of [top, top + 1]) {
      // rank breaks score ties: a two-row header proven by merges beats one row, which beats a guessed pair.
      let rank = 1;
      if (bottom > top) {
        const evidence = twoRowEvidence(sheet, top);
        if (evidence === "none") continue;
        rank = evidence === "merges" ? 2 : 0;
      }
      const columns = flattenHeader(sheet, top, bottom);
      for (const c of columns) if (generated.has(c.header)) c.generated = true;
      assignFields(columns);
      const mapped = columns.flatMap((c) => (c.field ? [c.field] : []));
      if (mapped.length < MIN_FIELDS || !(mapped.includes("title") || mapped.includes("id"))) continue;
      const score = scoreOf(mapped);
      if (!best || score > best.score || (score === best.score && rank > best.rank)) {
        best = { top, bottom, columns, score, rank };
      }
    }
  }
  if (!best) return null;
  const headerText = best.columns
    .flatMap((c) => (c.group !== undefined ? [c.group, c.header] : [c.header]))
    .join("");
  return withExtent(sheet, {
    sheet: sheet.name,
    headerRows: best.top === best.bottom ? [best.top + 1] : [best.top + 1, best.bottom + 1],
    titleRows: range(0, best.top)
      .filter((r) => rowHasContent(sheet, r))
      .map((r) => r + 1),
    firstDataRow: best.bottom + (isColumnNumberRow(sheet, best.bottom + 1) ? 3 : 2),
    lastDataRow: best.bottom + 1,
    columns: best.columns,
    mapping: {},
    script: detectScript(headerText),
    score: 0,
  });
}

/** Official forms number their columns under the header (1 2 3 … or 栏次): that row is not data. */
function isColumnNumberRow(sheet: SheetSnapshot, r: number): boolean {
  const cells = (sheet.rows[r] ?? []).map((v) => cellText(v ?? null)).filter((t): t is string => t !== null);
  if (cells.length < MIN_FIELDS) return false;
  const numbers = cells.filter((t) => t !== "栏次");
  return numbers.every((t, i) => t === String(i + 1)) || numbers.every((t, i) => t === String(i));
}

/**
 * Whether rows top and top+1 may form one header: the upper row has several cells, none "label: value"
 * like 填报单位:…, and either merges tie the rows together (a cell merged down into the lower row, or a
 * group merged across columns with headers under it) or the rows complement each other without merges.
 */
function twoRowEvidence(sheet: SheetSnapshot, top: number): "merges" | "blanks" | "none" {
  const lower = top + 1;
  // Own cells, not merge-spread text: a title merged across the table is still one cell.
  const own = (sheet.rows[top] ?? []).map((v) => cellText(v ?? null)).filter((t): t is string => t !== null);
  if (own.length < 2 || own.some((t) => /[:：]/.test(t))) return "none";
  const upperCells = rowTexts(sheet, top);
  for (const m of sheet.merges) {
    if (m.top !== top) continue;
    if (m.bottom >= lower) return "merges";
    if (
      m.right > m.left &&
      range(m.left, m.right + 1).some((c) => cellText(cellAt(sheet, lower, c)) !== null)
    ) {
      return "merges";
    }
  }
  const lowerCells = rowTexts(sheet, lower);
  const width = Math.max(upperCells.length, lowerCells.length);
  let upperOnly = false;
  let lowerOnly = false;
  for (let c = 0; c < width; c++) {
    const u = upperCells[c] ?? null;
    const l = lowerCells[c] ?? null;
    if (u !== null && l === null) upperOnly = true;
    if (u === null && l !== null) lowerOnly = true;
  }
  return upperOnly && lowerOnly ? "blanks" : "none";
}

/** Header text of each column: the lower cell if present, else the upper (or the merged cell covering it). */
function flattenHeader(sheet: SheetSnapshot, top: number, bottom: number): LayoutColumn[] {
  let width = 0;
  for (let r = top; r <= bottom; r++) width = Math.max(width, sheet.rows[r]?.length ?? 0);
  for (const m of sheet.merges) if (m.top <= bottom && m.bottom >= top) width = Math.max(width, m.right + 1);
  const columns: LayoutColumn[] = [];
  for (let c = 0; c < width; c++) {
    const upper = headerCell(sheet, top, c);
    const lower = bottom > top ? headerCell(sheet, bottom, c) : null;
    const header = lower ?? upper;
    if (header === null) continue;
    const column: LayoutColumn = { index: c, header, field: null };
    if (lower !== null && upper !== null && upper !== lower) column.group = upper;
    columns.push(column);
  }
  return columns;
}

/** A header cell's text; a merged area gives its text to every column it spans, but not to rows below its top. */
function headerCell(sheet: SheetSnapshot, r: number, c: number): string | null {
  const m = mergeCovering(sheet.merges, r, c);
  if (!m) return cellText(cellAt(sheet, r, c));
  return m.top === r ? cellText(cellAt(sheet, m.top, m.left)) : null;
}

/** An unread column about an extension of the deadline ("是否延期", "延期情况") is worth a word to the user. */
const EXTENSION_WORDS = /延期|延长|延長|顺延|順延/;

/**
 * Each column gets the field its header names; a field goes to one column, the best match, then the first.
 * A column that loses its field to another keeps it as `candidate` (reported as column_unread). A lone
 * 办理工作满意度 column is the ledger's satisfaction (there is no result aspect to prefer).
 */
function assignFields(columns: LayoutColumn[]): void {
  const matches = columns
    .filter((col) => col.generated !== true)
    .map((col, order) => ({ col, order, match: matchHeader(col.header, col.group) }));
  const ranked = matches
    .filter(
      (m): m is { col: LayoutColumn; order: number; match: { field: Field; quality: MatchQuality } } =>
        m.match !== null,
    )
    .sort((a, b) => b.match.quality - a.match.quality || a.order - b.order);
  const taken = new Set<Field>();
  for (const { col, match } of ranked) {
    if (taken.has(match.field)) {
      col.candidate = match.field;
      continue;
    }
    taken.add(match.field);
    col.field = match.field;
  }
  const work = columns.find((c) => c.field === "satisfactionWork");
  if (work && !taken.has("satisfaction")) {
    work.field = "satisfaction";
    for (const c of columns) if (c.candidate === "satisfactionWork") c.candidate = "satisfaction";
  }
  for (const { col, match } of matches) {
    if (match === null && EXTENSION_WORDS.test(col.header)) col.candidate = "dueOn";
  }
}

function scoreOf(fields: Field[]): number {
  const required: readonly Field[] = REQUIRED_FIELDS;
  return fields.reduce((sum, f) => sum + (required.includes(f) ? REQUIRED_WEIGHT : 1), 0);
}

/** Fills mapping, score and the last data row from the columns' fields. */
function withExtent(sheet: SheetSnapshot, layout: LedgerLayout): LedgerLayout {
  const mapping: Partial<Record<Field, number>> = {};
  for (const col of layout.columns) if (col.field) mapping[col.field] = col.index;
  const mapped = FIELDS.filter((f) => mapping[f] !== undefined);
  let lastDataRow = layout.firstDataRow - 1;
  for (let r = sheet.rows.length - 1; r >= layout.firstDataRow - 1; r--) {
    const cells = mappedCells(sheet, mapping, r);
    if (cells.length > 0 && !isFooterRow(cells)) {
      lastDataRow = r + 1;
      break;
    }
  }
  return { ...layout, mapping, lastDataRow, score: scoreOf(mapped) };
}

/** The user's corrections: field → column sets or moves it (taking it from any other column), null unmaps it. */
function applyMapping(
  sheet: SheetSnapshot,
  layout: LedgerLayout,
  overrides: Partial<Record<Field, number | null>>,
): LedgerLayout {
  const columns = layout.columns.map((c) => ({ ...c }));
  for (const field of FIELDS) {
    const target = overrides[field];
    if (target === undefined) continue;
    for (const col of columns) if (col.field === field) col.field = null;
    if (target === null) continue;
    let col = columns.find((c) => c.index === target);
    if (col?.generated === true) continue; // the tool's own column is never an input
    if (!col) {
      // A column without header text: keep it visible with an empty header so the mapping shows.
      col = { index: target, header: "", field: null };
      columns.push(col);
      columns.sort((a, b) => a.index - b.index);
    }
    if (col.field !== null && col.field !== field) col.displaced = col.field;
    col.field = field;
    delete col.candidate;
  }
  return withExtent(sheet, { ...layout, columns });
}

/** Non-empty own cells (no merge fill) of a row in mapped columns. */
export function mappedCells(
  sheet: SheetSnapshot,
  mapping: Partial<Record<Field, number>>,
  r: number,
): { field: Field; value: Exclude<CellValue, null> }[] {
  const out: { field: Field; value: Exclude<CellValue, null> }[] = [];
  for (const field of FIELDS) {
    const c = mapping[field];
    if (c === undefined) continue;
    const value = cellAt(sheet, r, c);
    if (value !== null && !(typeof value === "string" && value.trim() === "")) out.push({ field, value });
  }
  return out;
}

/** Text that opens a totals or sign-off row under the table (after foldKey: simplified, ASCII colon). */
const FOOTER_START =
  /^(合计|总计|小计|共计|填表人|制表人|填报人|审核人|注:|说明:|(单位|科室|部门)?(主要)?(负责人|领导)(签字|签名)?:|(填表|制表|填报|审核|审批|统计|报送|经办)(人|日期|时间|单位)?:|联系人(及电话)?:)/;

/** First characters of those words in either script, after leading spaces. */
const FOOTER_FIRST = /^[\s\u3000]*[合总總小共填制製审審注註说說单單科部主负負领領统統报報经經联聯]/;

/** What a totals row puts in its title cell: a count ("共5件", "5", "计5项"); in its id cell, only a worded one. */
const COUNT_TEXT = /^(共|计|共计)?\d+(件|项|条|个)?$/;
const WORDED_COUNT = /^(共|计|共计)\d+(件|项|条|个)?$|^\d+(件|项|条|个)$/;
/** A count is a few characters ("共计128件"); longer text is an item's, and is not folded to be tested. */
const COUNT_TEXT_MAX = 24;

/**
 * A totals or footer row ("合计", "填表人：…", "单位负责人：…", "注：…") is not data: some cell opens with such
 * a word and no title or id cell holds anything but a count. Rows with a real title are always data.
 */
export function isFooterRow(cells: { field: Field; value: Exclude<CellValue, null> }[]): boolean {
  // Markers first: an ordinary row has none, and its title and 编号 are then never folded (an OpenCC pass each).
  // A number or a boolean never opens with a word.
  if (!cells.some(({ value }) => typeof value === "string" && isFooterMarker(value))) return false;
  return cells.every(({ field, value }) => {
    if (field !== "title" && field !== "id") return true;
    const text = String(value);
    if (isFooterMarker(text)) return true;
    return (
      text.length <= COUNT_TEXT_MAX && (field === "title" ? COUNT_TEXT : WORDED_COUNT).test(foldKey(text))
    );
  });
}

/** Whether a cell opens with a footer's word; the first-character test spares foldKey on ordinary cells. */
function isFooterMarker(text: string): boolean {
  // Most cells open with a character that is no space: that one character decides FOOTER_FIRST, without the regex.
  if (opensWithoutSpace(text) && FOOTER_FIRST_CHARS[text.charCodeAt(0)] !== 1) return false;
  return FOOTER_FIRST.test(text) && FOOTER_START.test(foldKey(text));
}

/**
 * Whether the text's first character is certainly not one regex \s matches, told by its code alone: \s has
 * none above U+0020 below U+1680 but U+00A0, and none past U+3000 but U+FEFF (false for an empty text, and for
 * the ranges between, which the callers leave to their regex).
 */
export function opensWithoutSpace(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first > 0x20 && first !== 0xa0 && first < 0x1680) || (first > 0x3000 && first !== 0xfeff);
}

/** FOOTER_FIRST's characters: 1 at each one's code (a table, as every text cell of a ledger is looked up). */
const FOOTER_FIRST_CHARS = new Uint8Array(0x10000);
for (const c of "合总總小共填制製审審注註说說单單科部主负負领領统統报報经經联聯")
  FOOTER_FIRST_CHARS[c.charCodeAt(0)] = 1;

export function mergeCovering(merges: MergedArea[], r: number, c: number): MergedArea | undefined {
  return merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
}

/** Cell text for headers: trimmed, line breaks between CJK characters dropped, other whitespace runs one space. */
function cellText(value: CellValue): string | null {
  if (value === null) return null;
  const text = String(value)
    .replace(/(\P{ASCII})[ \t\u3000]*[\r\n]+[ \t\u3000]*(?=\P{ASCII})/gu, "$1")
    .replace(/\s+/g, " ")
    .trim();
  return text === "" ? null : text;
}

function rowTexts(sheet: SheetSnapshot, r: number): (string | null)[] {
  const width = sheet.rows[r]?.length ?? 0;
  return range(0, width).map((c) => headerCell(sheet, r, c));
}

function rowHasContent(sheet: SheetSnapshot, r: number): boolean {
  return (sheet.rows[r] ?? []).some((v) => cellText(v ?? null) !== null);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
