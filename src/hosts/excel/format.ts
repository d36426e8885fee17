import type { CellStyle, EditSheetPlan, NewSheetPlan, PagePlan } from "../../core/plan/types";
import type { HostFeature } from "../host";
import { parseRange, sizeOf } from "./address";
import type { ExcelFeatures } from "./features";
import { addCharts } from "./charts";

/**
 * Queues (never syncs) everything about a sheet except its values and number formats: styles, tables, rules,
 * layout. Number formats are per-cell grids that grow with the rows, so the renderer writes them in chunks
 * (blocks.ts formatChunks) within the byte budget of each sync.
 */

const H_ALIGN = { left: "Left", center: "Center", right: "Right", justify: "Justify" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;

/**
 * Plan widths are in characters (Excel's unit); Office.js wants points. A character of the default font
 * is 7 px plus 5 px of cell padding, and a pixel is 0.75 pt.
 */
function widthInPoints(chars: number): number {
  return (chars * 7 + 5) * 0.75;
}

/** A calculated column's formula as a cell takes it. */
export function calculatedFormula(formula: string): string {
  return formula.startsWith("=") ? formula : `=${formula}`;
}

/** Applies a CellStyle but its number format to a range; `size` leaves out inside borders it has not. */
export function applyStyle(
  range: Excel.Range,
  style: Omit<CellStyle, "numberFormat">,
  features: ExcelFeatures,
  size?: { rows: number; columns: number },
): void {
  const { format } = range;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontName !== undefined) format.font.name = style.fontName;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fontColor !== undefined) format.font.color = `#${style.fontColor}`;
  if (style.fill !== undefined) format.fill.color = `#${style.fill}`;
  if (style.hAlign !== undefined) format.horizontalAlignment = H_ALIGN[style.hAlign];
  if (style.vAlign !== undefined) format.verticalAlignment = V_ALIGN[style.vAlign];
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  // indentLevel is ExcelApi 1.9; older Excel shows report paragraphs without the first-line indent.
  if (style.indent !== undefined && features.pageLayout) format.indentLevel = style.indent;
  if (style.border === "thin") {
    const edges: string[] = [...EDGES];
    if (size === undefined || size.columns > 1) edges.push("InsideVertical");
    if (size === undefined || size.rows > 1) edges.push("InsideHorizontal");
    for (const edge of edges) {
      const border = format.borders.getItem(edge as Excel.BorderIndex);
      border.style = "Continuous";
      border.weight = "Thin";
    }
  }
}

function applyPage(sheet: Excel.Worksheet, page: PagePlan, hasFooter: boolean): void {
  const layout = sheet.pageLayout;
  layout.orientation = page.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.paperSize = "A4";
  const breaks = page.breaksBefore ?? [];
  // zoom must be set as a whole object (docs/EXCEL-NOTES.md); 0 pages tall = as many as needed. Excel ignores
  // manual page breaks under fit-to-page, so a sheet with breaks prints at a fixed scale instead.
  layout.zoom =
    breaks.length > 0 || page.scale !== undefined
      ? { scale: page.scale ?? 100 }
      : { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
  if (page.footer !== undefined && !(page.footer.unlessOwn === true && hasFooter)) {
    // ExcelApi 1.9, as pageLayout; the same codes as the file format's (&P, &N, &D).
    const all = layout.headersFooters.defaultForAllPages;
    if (page.footer.center !== undefined) all.centerFooter = page.footer.center;
    if (page.footer.right !== undefined) all.rightFooter = page.footer.right;
  }
  // ExcelApi 1.9, as pageLayout: the range given is the first row of the new page.
  for (const row of breaks)
    if (row > 0) sheet.horizontalPageBreaks.add(sheet.getRangeByIndexes(row, 0, 1, 1));
  if (page.printTitleRows !== undefined) {
    layout.setPrintTitleRows(page.printTitleRows.replace(/(\d+)/g, "$$$1"));
  }
  // A ledger too wide for one page at 9 points: 编号 (and 案由) on every page, each band of rows across first.
  if (page.printTitleColumns !== undefined) {
    layout.setPrintTitleColumns(page.printTitleColumns.replace(/([A-Z]+)/g, "$$$1"));
  }
  if (page.pageOrder === "overThenDown") layout.printOrder = "OverThenDown";
  if (page.margins !== undefined) {
    // Plan margins are inches, pageLayout margins points.
    layout.topMargin = page.margins.top * 72;
    layout.bottomMargin = page.margins.bottom * 72;
    layout.leftMargin = page.margins.left * 72;
    layout.rightMargin = page.margins.right * 72;
  }
}

export interface FormatContext {
  features: ExcelFeatures;
  skipped: Set<HostFeature>;
  /** Plan table name → name to use (renamed when another sheet already has a table of that name). */
  tableNames: Map<string, string>;
  /** The user's sheets that have a footer of their own (kept: PagePlan.footer.unlessOwn). */
  ownFooters?: ReadonlySet<string>;
}

/** Queues the formatting of a new or edited sheet. Call after its values are written. */
export function formatSheet(
  sheet: Excel.Worksheet,
  op: NewSheetPlan | EditSheetPlan,
  ctx: FormatContext,
): void {
  const { features, skipped } = ctx;
  for (const address of op.merges) sheet.getRange(address).merge(false);

  for (const block of op.blocks) {
    const width = block.cells.reduce((w, r) => Math.max(w, r.length), 0);
    if (block.style === undefined || width === 0) continue;
    const size = { rows: block.cells.length, columns: width };
    // The block's number format went with its values (blocks.ts): don't send it twice.
    const { numberFormat: _written, ...style } = block.style;
    applyStyle(sheet.getRangeByIndexes(block.row, block.col, size.rows, size.columns), style, features, size);
  }
  for (const { range, style } of op.styles) {
    // Its number format is written by the renderer, in chunks (formatChunks).
    const { numberFormat: _chunked, ...rest } = style;
    applyStyle(sheet.getRange(range), rest, features, sizeOf(parseRange(range)));
  }
  for (const { index, width } of op.columnWidths) {
    sheet.getRangeByIndexes(0, index, 1, 1).getEntireColumn().format.columnWidth = widthInPoints(width);
  }
  for (const { row, height } of op.rowHeights) {
    sheet.getRangeByIndexes(row, 0, 1, 1).getEntireRow().format.rowHeight = height;
  }
  // Rows that grow with the user's text (汇报材料): Excel fits them to what they hold, and refits on each edit.
  if (op.autoRowHeights === true && op.rowHeights.length > 0) {
    const last = Math.max(...op.rowHeights.map((h) => h.row));
    sheet
      .getRangeByIndexes(0, 0, last + 1, 1)
      .getEntireRow()
      .format.autofitRows();
  }

  for (const plan of op.tables) {
    const table = sheet.tables.add(plan.range, true);
    table.name = ctx.tableNames.get(plan.name) ?? plan.name;
    table.style = plan.style;
    const bodyRows = sizeOf(parseRange(plan.range)).rows - 1;
    // The same formula in every row of a table column makes it a calculated column. Sent once and replicated
    // by Range.copyFrom (ExcelApi 1.9: a destination an exact multiple of the source repeats it), not as a
    // grid: the 时限状态 formula is ~3 KB, 300 MB down 100,000 rows. Without 1.9 the renderer writes it in
    // chunks (calculatedChunks).
    if (!features.copyFrom) continue;
    for (const { column, formula } of plan.calculated) {
      if (bodyRows < 1) continue;
      const body = table.columns.getItem(column).getDataBodyRange();
      const first = body.getCell(0, 0);
      first.formulas = [[calculatedFormula(formula)]];
      if (bodyRows > 1) body.copyFrom(first, "Formulas");
    }
  }

  if (op.validations.length > 0 && !features.dataValidation) skipped.add("dataValidation");
  if (features.dataValidation) {
    for (const v of op.validations) {
      const dv = sheet.getRange(v.range).dataValidation;
      dv.clear();
      dv.rule = { list: { inCellDropDown: true, source: `=${v.listSource}` } };
      dv.errorAlert = {
        showAlert: true,
        style: v.errorStyle === "stop" ? "Stop" : "Warning",
        title: v.errorTitle,
        message: v.errorMessage,
      };
    }
  }

  // A rebuild must not stack a second copy of each rule on the user's sheet.
  if (op.kind === "edit") {
    for (const range of new Set(op.conditionalFormats.map((c) => c.range))) {
      sheet.getRange(range).conditionalFormats.clearAll();
    }
  }
  const rules = [...op.conditionalFormats].sort((a, b) => a.priority - b.priority);
  rules.forEach((rule, i) => {
    const cf = sheet.getRange(rule.range).conditionalFormats.add("Custom");
    cf.custom.rule.formula = `=${rule.formula}`;
    if (rule.fill !== undefined) cf.custom.format.fill.color = `#${rule.fill}`;
    if (rule.fontColor !== undefined) cf.custom.format.font.color = `#${rule.fontColor}`;
    // Excel's priority 0 is evaluated first, like the plan's lowest number.
    cf.priority = i;
  });

  if (op.kind === "edit") sheet.freezePanes.unfreeze();
  if (op.freeze !== undefined) {
    const { rows, columns } = op.freeze;
    if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, columns));
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else if (columns > 0) sheet.freezePanes.freezeColumns(columns);
  }

  if (op.page !== undefined) {
    if (features.pageLayout) applyPage(sheet, op.page, ctx.ownFooters?.has(op.name) === true);
    else skipped.add("pageLayout");
  }
  if (op.tabColor !== undefined) sheet.tabColor = `#${op.tabColor}`;
  if (op.charts !== undefined) addCharts(sheet, op.charts);
  sheet.visibility = op.visibility === "hidden" ? "Hidden" : "Visible";
}
