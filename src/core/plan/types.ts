import type { SheetRole } from "../roles";
import type { CellValue } from "../snapshot";
import type { DateSerial } from "../fields";
import type { Issue } from "../issues";

/**
 * A declarative workbook plan: what to write, never how. Both hosts (ExcelJS for .xlsx, Office.js in
 * Excel) render the same plan, so nothing here may need a feature only one of them has.
 * Addresses are A1 strings on the sheet the object belongs to; rows and columns in blocks are 0-based.
 */

/** One cell to write. User text is always `text`: a host must keep it text even if it starts with = + - @. */
export type PlanCell =
  | { t: "text"; v: string }
  | { t: "number"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "date"; v: DateSerial }
  /** English formula with comma separators, without the leading "=". */
  | { t: "formula"; f: string }
  | { t: "empty" };

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontName?: string;
  fontSize?: number;
  /** "RRGGBB" */
  fontColor?: string;
  /** Solid fill "RRGGBB" */
  fill?: string;
  hAlign?: "left" | "center" | "right" | "justify";
  vAlign?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** Excel number format, e.g. "yyyy-mm-dd", "0.0%", "@". */
  numberFormat?: string;
  border?: "thin";
  /** First-line indent in characters (report paragraphs). */
  indent?: number;
}

/** A rectangle of cells whose top-left is at (row, col), 0-based. */
export interface CellBlock {
  row: number;
  col: number;
  cells: PlanCell[][];
  /** Style for every cell of the block. */
  style?: CellStyle;
}

/** Extra style over a range without changing values ("A1:D1"). */
export interface RangeStyle {
  range: string;
  style: CellStyle;
}

export interface TablePlan {
  /** Excel table name: letters, digits, underscore; unique in the workbook. */
  name: string;
  /** Whole table range including the header row, e.g. "A3:V120". */
  range: string;
  /** Header names in order (unique, non-empty). */
  columns: string[];
  style: string;
  /** Calculated columns: header name → formula applied to every data row (structured refs allowed). */
  calculated: { column: string; formula: string }[];
}

export interface ValidationPlan {
  /** Range the rule applies to. */
  range: string;
  /** List source as an absolute reference to a range on another sheet, e.g. "'台账设置'!$B$2:$B$4". */
  listSource: string;
  /** Message shown on invalid entry. */
  errorTitle: string;
  errorMessage: string;
  /** warning lets the user keep a value that is not in the list (unrecognised values stay as written). */
  errorStyle: "stop" | "warning";
}

export interface ConditionalFormatPlan {
  /** Range the rule applies to. */
  range: string;
  /** Formula relative to the top-left cell of `range`, A1 refs only (no structured refs), without "=". */
  formula: string;
  fill?: string;
  fontColor?: string;
  /** Lower runs first. */
  priority: number;
}

/** One series of a chart: its name and the cells of its values on the chart's own sheet. */
export interface ChartSeriesPlan {
  name: string;
  /** A1 range on the sheet ("D40:D52"): the chart follows these cells without the tool. */
  values: string;
  /** Fill "RRGGBB", chosen to stay apart when printed in grey. */
  color: string;
}

/**
 * A live chart over cells of its own sheet. Both hosts render it: Office.js charts in Excel, chart parts
 * written into the package by the .xlsx host (ExcelJS has no charts).
 */
export interface ChartPlan {
  /** Starts with CHART_NAME_PREFIX: a rebuild replaces the tool's own charts and leaves the user's. */
  name: string;
  /** pie: one series, a colour per point; bar*: horizontal bars, the first category on top. */
  type: "pie" | "barStacked" | "barClustered";
  title: string;
  /** A1 range of the category labels ("B40:B52"). */
  categories: string;
  series: ChartSeriesPlan[];
  /** Colours of a pie's points, in category order. */
  pointColors?: string[];
  /** The cells the chart covers, 0-based, `toRow`/`toCol` exclusive. */
  anchor: { fromRow: number; fromCol: number; toRow: number; toCol: number };
}

/** Name prefix of the charts the tool writes (Office.js chart.name, the drawing's cNvPr name). */
export const CHART_NAME_PREFIX = "proposal-ledger:";

export interface PagePlan {
  orientation: "portrait" | "landscape";
  paperSize: "A4";
  fitToWidth: 1;
  /** 0 = as many pages tall as needed. */
  fitToHeight: 0 | 1;
  /** Rows repeated at the top of every printed page, e.g. "1:3". */
  printTitleRows?: string;
  /** Margins in inches. */
  margins?: { top: number; bottom: number; left: number; right: number };
  /**
   * Manual page breaks: the 0-based rows that start a new printed page (the 催办单's one page per 科室).
   * Excel ignores manual breaks under fit-to-page, so a sheet with breaks prints at `scale` percent instead.
   */
  breaksBefore?: number[];
  /**
   * Print scale in percent, used instead of fit-to-width when set (or when `breaksBefore` is set: 100 when
   * absent): a ledger too wide for one page at 9 points prints at a fixed scale across several pages.
   */
  scale?: number;
  /** Columns repeated at the left of every printed page, e.g. "A:C". */
  printTitleColumns?: string;
  /** The order of the pages of a sheet more than one page wide (Excel's default is down, then over). */
  pageOrder?: "overThenDown";
  /**
   * Footer text in Excel's header/footer codes (&P page, &N pages, &D date), centre and right. `unlessOwn`: the
   * user's sheet keeps a footer it already has (only a sheet without one gets the page numbers).
   */
  footer?: { center?: string; right?: string; unlessOwn?: boolean };
}

export type { SheetRole };

interface SheetCommon {
  name: string;
  role: SheetRole;
  visibility: "visible" | "hidden";
  blocks: CellBlock[];
  styles: RangeStyle[];
  merges: string[];
  /** Column widths in characters (Excel's unit), by 0-based index. */
  columnWidths: { index: number; width: number }[];
  rowHeights: { row: number; height: number }[];
  tables: TablePlan[];
  validations: ValidationPlan[];
  conditionalFormats: ConditionalFormatPlan[];
  /** Frozen rows and columns from the top-left. */
  freeze?: { rows: number; columns: number };
  page?: PagePlan;
  tabColor?: string;
  /** Live charts on the sheet (统计表). */
  charts?: ChartPlan[];
  /**
   * Rows keep no fixed height (汇报材料): the heights written are a first fit, and a row grows with the text the
   * user writes into it (Excel: autofit; the .xlsx: rows without customHeight).
   */
  autoRowHeights?: boolean;
}

/**
 * A generated sheet rebuilt over itself, the user's cells on it kept: instead of emptying the sheet, a host
 * clears only what the earlier build wrote and nobody changed, then writes the plan around the user's cells.
 */
export interface SheetReuse {
  /** Ranges the earlier build wrote, untouched since: values and formats cleared (a note stays). */
  clear: string[];
  /** Merged areas the earlier build made, unmerged before writing. */
  unmerge: string[];
  /** The user's cells inside the plan's blocks: value, format and note left exactly as they are. */
  keep: string[];
}

/** A sheet the plan creates (or replaces, when the workbook's settings say it generated it before). */
export interface NewSheetPlan extends SheetCommon {
  kind: "new";
  /** Set on a rebuild that keeps the user's cells: the sheet is reused, never deleted or emptied. */
  reuse?: SheetReuse;
}

/** The user's ledger sheet, edited in place under its own name. */
export interface EditSheetPlan extends SheetCommon {
  kind: "edit";
  /**
   * Merged ranges to unmerge before writing (their values are filled by `blocks`). A two-row header is
   * flattened into its lower row, which becomes the table's header; the group row stays above the table.
   */
  unmerge: string[];
}

/**
 * A copy of an existing sheet, cell for cell (values, merges, formats), under a new name: the ledger's backup,
 * or ("kept") a generated sheet with user edits a rebuild cannot carry over, kept as a dated copy.
 */
export interface CopySheetPlan {
  kind: "copy";
  role: "backup" | "kept";
  from: string;
  name: string;
  visibility: "visible" | "hidden";
}

export type SheetOp = NewSheetPlan | EditSheetPlan | CopySheetPlan;

export interface WorkbookPlan {
  /** Operations in the order a host applies them: copies first, new sheets, the user's sheet last. */
  ops: SheetOp[];
  /** Sheets this plan generated before and replaces (deleted before the new ones are added). */
  replaces: string[];
  /** Sheet to activate at the end. */
  activate: string;
  /**
   * Names chosen for each role (the CLI's `sheets` object); `ledger` and `backup` are the first sheet's;
   * `reminders` / `print` only when the workbook has a 催办单 / 台账打印 (written now or kept from before).
   */
  sheets: Record<Exclude<SheetRole, "reminders" | "print">, string> & { reminders?: string; print?: string };
  /** Every sheet of the ledger with its backup and table, the first one first. */
  ledgers: { sheet: string; backup: string; table: string }[];
  /** What the user is told about the rebuild itself (user edits kept, a sheet kept as a dated copy). */
  issues?: Issue[];
}

export type { CellValue };
