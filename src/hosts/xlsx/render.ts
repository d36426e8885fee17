import ExcelJS from "exceljs";
import type {
  CellBlock,
  CellStyle,
  ConditionalFormatPlan,
  CopySheetPlan,
  EditSheetPlan,
  NewSheetPlan,
  PlanCell,
  TablePlan,
  ValidationPlan,
  WorkbookPlan,
} from "../../core/plan/types";
import { columnLetter, parseRange, type Area } from "../../core/address";
import { DEFAULT_DATE_FORMAT } from "../../core/dates";
import { setCalculatedColumns } from "./tableFormulas";
import { isDateTyped, isEmptyStyle } from "./zipWrite";
import { attachRows, setModelDeferringRows } from "./deferredRows";

type SheetPlan = NewSheetPlan | EditSheetPlan;
const A4 = 9;

/**
 * Applies a workbook plan to an ExcelJS workbook in memory: replaced sheets are removed, the backup copied
 * cell for cell, new sheets written, the ledger edited in place. User text is written as strings, which
 * ExcelJS stores as text, so "=…" typed by a user never becomes a formula. Formulas go without a cached
 * result and the workbook asks for a full calculation on load.
 */
export function renderPlan(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  // A dated copy of a generated sheet the user edited is taken before that sheet goes or is written again.
  for (const op of plan.ops) if (op.kind === "copy" && op.role === "kept") copySheet(wb, op);
  // A generated sheet reused around the user's cells stays (with its notes); the others are removed.
  const reused = new Set(plan.ops.flatMap((op) => (op.kind === "new" && op.reuse ? [op.name] : [])));
  for (const name of plan.replaces) {
    const ws = wb.getWorksheet(name);
    if (ws && !reused.has(name)) wb.removeWorksheet(ws.id);
  }
  for (const op of plan.ops) {
    if (op.kind === "copy") {
      if (op.role !== "kept") copySheet(wb, op);
    } else if (op.kind === "new") writeSheet(wb, op.reuse ? reuseSheet(wb, op) : fresh(wb, op), op);
    else {
      const ws = wb.getWorksheet(op.name);
      if (!ws) throw new Error(`renderPlan: sheet "${op.name}" not found`);
      writeSheet(wb, ws, op);
    }
  }
  activate(wb, plan.activate);
  wb.calcProperties.fullCalcOnLoad = true;
  // A sheet that names no paper prints on the reader's default: Letter in LibreOffice, and in WPS or Excel set
  // up for English. Excel on a Chinese system takes A4, so naming A4 keeps what the office sees there, on every
  // reader (the user's own sheets too: a paper size a sheet names stays).
  for (const ws of wb.worksheets) if (ws.pageSetup.paperSize === undefined) ws.pageSetup.paperSize = A4;
}

function fresh(wb: ExcelJS.Workbook, op: NewSheetPlan): ExcelJS.Worksheet {
  const existing = wb.getWorksheet(op.name);
  if (existing) throw new Error(`renderPlan: sheet "${op.name}" already exists and is not replaced`);
  return wb.addWorksheet(
    op.name,
    op.tabColor ? { properties: { tabColor: { argb: `FF${op.tabColor}` } } } : {},
  );
}

/**
 * A generated sheet rebuilt around the user's cells: the earlier build's merges undone and its untouched
 * cells emptied (value and style; a note is a cell's own and stays), everything else left as it is.
 */
function reuseSheet(wb: ExcelJS.Workbook, op: NewSheetPlan): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(op.name);
  if (!ws || !op.reuse) return fresh(wb, op);
  attachRows(ws);
  for (const range of op.reuse.unmerge) ws.unMergeCells(range);
  for (const range of op.reuse.clear) {
    forEachCell(ws, range, (cell) => {
      cell.value = null;
      cell.style = {};
    });
  }
  return ws;
}

function writeSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, op: SheetPlan): void {
  attachRows(ws);
  ws.state = op.visibility;
  if (op.kind === "edit") for (const range of op.unmerge) ws.unMergeCells(range);
  // The user's cells on a reused sheet: neither written nor restyled.
  const keep = new Set(op.kind === "new" ? (op.reuse?.keep ?? []) : []);
  for (const block of op.blocks) writeBlock(ws, block, keep);
  for (const { range, style } of op.styles) {
    forEachCell(ws, range, (cell) => {
      if (!keep.has(cell.address)) applyStyle(cell, style);
    });
  }
  for (const range of op.merges) ws.mergeCells(range);
  for (const { index, width } of op.columnWidths) ws.getColumn(index + 1).width = width;
  for (const { row, height } of op.rowHeights) ws.getRow(row + 1).height = height;
  for (const table of op.tables) addTable(wb, ws, table);
  for (const v of op.validations) addValidation(ws, v);
  addConditionalFormats(ws, op.conditionalFormats);
  if (op.freeze) {
    const { rows, columns } = op.freeze;
    const topLeftCell = `${columnLetter(columns)}${rows + 1}`;
    ws.views = [{ state: "frozen", xSplit: columns, ySplit: rows, topLeftCell, activeCell: topLeftCell }];
  }
  if (op.page) {
    const p = op.page;
    // Manual breaks (one page per 科室) count only without fit-to-page: such a sheet prints at a fixed scale.
    const breaks = p.breaksBefore ?? [];
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: A4,
      orientation: p.orientation,
      ...(breaks.length > 0 || p.scale !== undefined
        ? { fitToPage: false, scale: p.scale ?? 100 }
        : { fitToPage: true, fitToWidth: p.fitToWidth, fitToHeight: p.fitToHeight }),
      ...(p.printTitleRows ? { printTitlesRow: p.printTitleRows } : {}),
      ...(p.printTitleColumns ? { printTitlesColumn: p.printTitleColumns } : {}),
      ...(p.pageOrder ? { pageOrder: p.pageOrder } : {}),
      ...(p.margins ? { margins: { ...p.margins, header: 0.3, footer: 0.3 } } : {}),
    };
    const own = ws.headerFooter?.oddFooter;
    if (p.footer && !(p.footer.unlessOwn === true && own !== undefined && own !== "")) {
      const f = `${p.footer.center !== undefined ? `&C${p.footer.center}` : ""}${p.footer.right !== undefined ? `&R${p.footer.right}` : ""}`;
      ws.headerFooter = { ...ws.headerFooter, oddFooter: f };
    }
    // ExcelJS writes a break after a row: after the row above the one that starts the page (1-based = index).
    for (const row of breaks) if (row > 0) ws.getRow(row).addPageBreak();
  }
  if (op.tabColor) ws.properties.tabColor = { argb: `FF${op.tabColor}` };
}

function writeBlock(ws: ExcelJS.Worksheet, block: CellBlock, keep: ReadonlySet<string>): void {
  block.cells.forEach((row, i) => {
    const sheetRow = ws.getRow(block.row + i + 1);
    row.forEach((cell, j) => {
      const target = sheetRow.getCell(block.col + j + 1);
      if (keep.has(target.address)) return;
      writeCell(target, cell);
      if (block.style) applyStyle(target, block.style);
    });
  });
}

/** A date serial's format where its cell has none of its own (as a style, so that the cells share it). */
const DEFAULT_DATE_STYLE: CellStyle = { numberFormat: DEFAULT_DATE_FORMAT };

function writeCell(cell: ExcelJS.Cell, v: PlanCell): void {
  switch (v.t) {
    case "text":
      // A plain string is stored as text by ExcelJS whatever its first character.
      cell.value = v.v;
      return;
    case "number":
    case "date":
      cell.value = v.v;
      if (v.t === "date" && !/[yd]/i.test(cell.numFmt ?? "")) applyStyle(cell, DEFAULT_DATE_STYLE);
      return;
    case "bool":
      cell.value = v.v;
      return;
    case "formula":
      cell.value = { formula: v.f } as ExcelJS.CellFormulaValue;
      return;
    case "empty":
      cell.value = null;
  }
}

/**
 * ExcelJS hands cells read from a file the same style object per style id, and its setters (numFmt, font,
 * fill …) mutate that object: give the cell its own copy first, or one date format leaks into every cell
 * that shared the style.
 */
function unshareStyle(cell: ExcelJS.Cell): ExcelJS.Cell {
  cell.style = { ...cell.style };
  return cell;
}

/**
 * What applyStyle made of a cell's style object under a plan style: the cells that shared the one share the
 * other. ExcelJS keys a style object it has not seen by rendering it to XML (a third of a build's writing time
 * at 20,000 rows when every cell had its own) and remembers the id of one it has seen. Plan styles go by their
 * content (the plan makes a fresh object for each run of dates, each cell of 统计表: 25,000 at 20,000 rows).
 */
const styled = new WeakMap<object, Map<string, Partial<ExcelJS.Style>>>();
const contentKeys = new WeakMap<CellStyle, string>();

function contentKey(s: CellStyle): string {
  let key = contentKeys.get(s);
  if (key === undefined) contentKeys.set(s, (key = JSON.stringify(s)));
  return key;
}

/** Sets only the properties the plan names, on fresh objects (ExcelJS shares style objects between cells). */
function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  // Cells without a style each have an empty object of their own: one key stands for them all.
  const before = isEmptyStyle(cell.style) ? NO_STYLE : cell.style;
  const key = contentKey(s);
  // ExcelJS remembers a shared object's id by the first cell it meets it on, whatever the cell's type, and
  // gives a date without a number format a date format of its own: such a date neither takes nor gives a
  // shared object.
  const ownDate = isDateTyped(cell);
  const known = styled.get(before)?.get(key);
  if (known !== undefined && (known.numFmt !== undefined || !ownDate)) {
    cell.style = known;
    return;
  }
  styleCell(cell, s);
  if (ownDate && cell.style.numFmt === undefined) return;
  let byStyle = styled.get(before);
  if (byStyle === undefined) styled.set(before, (byStyle = new Map()));
  byStyle.set(key, cell.style);
}

const NO_STYLE = {};

function styleCell(cell: ExcelJS.Cell, s: CellStyle): void {
  unshareStyle(cell);
  if (s.bold !== undefined || s.italic !== undefined || s.fontName || s.fontSize || s.fontColor) {
    const font: Partial<ExcelJS.Font> = { ...(cell.font ?? {}) };
    if (s.bold !== undefined) font.bold = s.bold;
    if (s.italic !== undefined) font.italic = s.italic;
    if (s.fontName) font.name = s.fontName;
    if (s.fontSize) font.size = s.fontSize;
    if (s.fontColor) font.color = { argb: `FF${s.fontColor}` };
    cell.font = font;
  }
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill}` } };
  if (s.hAlign || s.vAlign || s.wrap !== undefined || s.indent !== undefined) {
    const al: Partial<ExcelJS.Alignment> = { ...(cell.alignment ?? {}) };
    if (s.hAlign) al.horizontal = s.hAlign;
    if (s.vAlign) al.vertical = s.vAlign;
    if (s.wrap !== undefined) al.wrapText = s.wrap;
    if (s.indent !== undefined) al.indent = s.indent;
    cell.alignment = al;
  }
  if (s.numberFormat) cell.numFmt = s.numberFormat;
  if (s.border === "thin") {
    const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

/**
 * The table over cells already written: ExcelJS re-stores the given rows, so it is handed the cells' own values.
 * Calculated columns get their formula in every data row here, and the table-level formula (what Excel fills
 * into a row added later) when writeXlsx writes the file.
 */
function addTable(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, t: TablePlan): void {
  const { top, left, bottom, right } = decode(t.range);
  for (const [name, existing] of Object.entries(tablesOf(ws))) {
    const range = existing.table?.tableRef ?? existing.table?.ref;
    if (range && overlaps(decode(range), { top, left, bottom, right })) {
      ws.removeTable(name);
      setCalculatedColumns(wb, name, []);
    }
  }
  const taken = new Set<string>();
  for (const sheet of wb.worksheets) for (const n of Object.keys(tablesOf(sheet))) taken.add(n.toLowerCase());
  let name = t.name;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${t.name}_${n}`;

  const calc = new Map(t.calculated.map((c) => [c.column, c.formula]));
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = top + 1; r <= bottom; r++) {
    const row: ExcelJS.CellValue[] = [];
    const sheetRow = ws.getRow(r + 1);
    for (let c = left; c <= right; c++) {
      const formula = calc.get(t.columns[c - left] ?? "");
      const cell = sheetRow.getCell(c + 1);
      row.push(formula !== undefined ? ({ formula } as ExcelJS.CellFormulaValue) : cell.value);
    }
    rows.push(row);
  }
  ws.addTable({
    name,
    ref: `${columnLetter(left)}${top + 1}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: t.style as NonNullable<ExcelJS.TableStyleProperties["theme"]>, showRowStripes: true },
    columns: t.columns.map((c) => ({ name: c, filterButton: true })),
    rows,
  });
  // ExcelJS cannot write a table's calculated columns: writeXlsx adds them to the file (tableFormulas.ts).
  setCalculatedColumns(wb, name, t.calculated);
}

/** ExcelJS keeps a sheet's tables in a map its typings do not declare. */
function tablesOf(ws: ExcelJS.Worksheet): Record<string, { table?: { ref?: string; tableRef?: string } }> {
  return (
    (ws as unknown as { tables?: Record<string, { table?: { ref?: string; tableRef?: string } }> }).tables ??
    {}
  );
}

/** ExcelJS keeps a sheet's validations in a model its typings do not declare: a cell or range → its rule. */
function validationsOf(ws: ExcelJS.Worksheet): Record<string, unknown> {
  return (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
}

/**
 * One rule over the whole range. Set cell by cell, ExcelJS squeezes the cells back into ranges in text order
 * ("C10" before "C4") and writes overlapping rules (C10:C20 and C4:C20); a range key is written as it is.
 * Earlier rules over any of these cells (a previous build's) give way, so every cell has one rule.
 */
function addValidation(ws: ExcelJS.Worksheet, v: ValidationPlan): void {
  const model = validationsOf(ws);
  const target = parseRange(v.range);
  if (!target) return;
  for (const key of Object.keys(model)) {
    const area = parseRange(key);
    if (area && overlaps(area, target)) delete model[key];
  }
  model[v.range] = {
    type: "list",
    allowBlank: true,
    formulae: [v.listSource],
    showErrorMessage: true,
    errorStyle: v.errorStyle,
    errorTitle: v.errorTitle,
    error: v.errorMessage,
  };
}

/** Rules with the same formula from an earlier build are removed first, so building twice leaves one of each. */
function addConditionalFormats(ws: ExcelJS.Worksheet, plans: ConditionalFormatPlan[]): void {
  if (plans.length === 0) return;
  const ours = new Set(plans.map((p) => p.formula));
  ws.removeConditionalFormatting(
    (cf: ExcelJS.ConditionalFormattingOptions) =>
      !cf.rules.every(
        (rule) =>
          rule.type === "expression" && (rule.formulae ?? []).every((f: unknown) => ours.has(String(f))),
      ),
  );
  for (const p of plans) {
    const style: Partial<ExcelJS.Style> = {};
    if (p.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: `FF${p.fill}` } };
    if (p.fontColor) style.font = { color: { argb: `FF${p.fontColor}` } };
    ws.addConditionalFormatting({
      ref: p.range,
      rules: [
        {
          type: "expression",
          formulae: [p.formula],
          priority: p.priority,
          style,
        },
      ],
    });
  }
}

/**
 * Backup: the original sheet as ExcelJS read it, through its whole model: values and formulas, styles, merges,
 * column widths, row heights, hidden rows and columns, notes, data validations, conditional formats, panes and
 * views, header/footer, autofilter, page setup and print titles, images. The model, rather than the sheet part
 * itself, because a part copied as bytes would point at the original's shared strings and style ids, which
 * ExcelJS renumbers on write; what the model cannot hold (charts, shapes) carryOver copies from the original
 * package's drawing for the backup (carry.ts). Tables are left out: their names are the workbook's, one each.
 */
function copySheet(wb: ExcelJS.Workbook, op: CopySheetPlan): void {
  const from = wb.getWorksheet(op.from);
  if (!from) throw new Error(`renderPlan: sheet "${op.from}" not found`);
  attachRows(from);
  const to = wb.addWorksheet(op.name, { state: op.visibility });
  const model = cloneModel(from.model as SheetModel);
  // The rows stay models, for the writer to take as they are (deferredRows.ts).
  setModelDeferringRows(to, {
    ...model,
    id: to.id,
    name: op.name,
    state: op.visibility,
    tables: [],
    // The model's getter calls them merges, its setter mergeCells.
    mergeCells: model.merges ?? [],
  } as SheetModel as ExcelJS.WorksheetModel);
  to.state = op.visibility;
  const rowBreaks = (from as unknown as { rowBreaks?: unknown[] }).rowBreaks;
  if (rowBreaks) (to as unknown as { rowBreaks: unknown[] }).rowBreaks = structuredClone(rowBreaks);
  // Views are the original's, but only one sheet is the selected tab (activate sets it).
  for (const view of to.views ?? []) (view as { tabSelected?: boolean }).tabSelected = false;
}

/** ExcelJS's sheet model, as its getter gives it and its setter takes it (the typings declare less). */
type SheetModel = ExcelJS.WorksheetModel & {
  id: number;
  state: string;
  tables: unknown[];
  merges?: string[];
  mergeCells?: string[];
  rows?: ({ cells?: object[] } & Record<string, unknown>)[];
  dimensions?: unknown;
};

/**
 * A copy of a sheet's model that shares nothing ExcelJS changes with the original. Its getter hands out the
 * cells' own value objects, which a write marks up (style id, shared-string index): each cell gets a copy of
 * its own; what a cell's copy points at (its style, a date, rich text) is never changed in place (applyStyle and
 * writeCell give a cell new objects), so it is shared rather than cloned, a third of a 20,000-row build's
 * rendering. Everything else of the sheet is small and cloned whole.
 */
function cloneModel(model: SheetModel): SheetModel {
  // The dimensions are a Range the getter made for this model alone (a clone would lose its toString).
  const { rows, dimensions, ...rest } = model;
  return {
    ...structuredClone(rest),
    dimensions,
    rows: (rows ?? []).map((row) => ({
      ...row,
      ...(row.cells !== undefined ? { cells: row.cells.map((cell) => ({ ...cell })) } : {}),
    })),
  } as SheetModel;
}

function activate(wb: ExcelJS.Workbook, name: string): void {
  const visible = wb.worksheets;
  const index = visible.findIndex((ws) => ws.name === name);
  if (index < 0) return;
  for (const ws of visible)
    for (const view of ws.views ?? []) (view as { tabSelected?: boolean }).tabSelected = ws.name === name;
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: "visible" },
  ];
}

function forEachCell(ws: ExcelJS.Worksheet, range: string, fn: (cell: ExcelJS.Cell) => void): void {
  const { top, left, bottom, right } = decode(range);
  // Row by row: Worksheet#getCell builds and decodes an address object for every cell it is asked for.
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r + 1);
    for (let c = left; c <= right; c++) fn(row.getCell(c + 1));
  }
}

type Rect = Area;

/** "B3:D9" or "B3" → 0-based rectangle (core address.ts); a range the plan could not have made throws. */
function decode(range: string): Rect {
  const area = parseRange(range);
  if (!area) throw new Error(`renderPlan: bad range "${range}"`);
  return area;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}
