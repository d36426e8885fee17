import { a1 } from "../snapshot";
import type { CellBlock, CellStyle, NewSheetPlan, PagePlan, PlanCell, RangeStyle, SheetRole } from "./types";

/** A sheet under construction: rows of cells, merges, styles and heights, appended top to bottom. */
export class Grid {
  readonly rows: PlanCell[][] = [];
  readonly merges: string[] = [];
  readonly styles: RangeStyle[] = [];
  readonly heights: { row: number; height: number }[] = [];

  constructor(readonly width: number) {}

  /** 0-based index of the next row. */
  get next(): number {
    return this.rows.length;
  }

  /** Appends a row (missing cells empty) and returns its 0-based index. */
  add(cells: (PlanCell | undefined)[] = []): number {
    const row: PlanCell[] = [];
    for (let c = 0; c < this.width; c++) row.push(cells[c] ?? { t: "empty" });
    this.rows.push(row);
    return this.rows.length - 1;
  }

  merge(row: number, from: number, to: number, rowTo = row): void {
    this.merges.push(`${a1(row, from)}:${a1(rowTo, to)}`);
  }

  style(row: number, from: number, to: number, style: CellStyle, rowTo = row): void {
    this.styles.push({
      range: from === to && row === rowTo ? a1(row, from) : `${a1(row, from)}:${a1(rowTo, to)}`,
      style,
    });
  }

  height(row: number, height: number): void {
    this.heights.push({ row, height });
  }

  block(style?: CellStyle): CellBlock {
    return { row: 0, col: 0, cells: this.rows, ...(style ? { style } : {}) };
  }
}

/** A printed table's header cell (统计表, 催办单, 台账打印): 黑体 11 pt bold, centred, wrapped, ruled, light grey. */
export const TABLE_HEADER: CellStyle = {
  fontName: "黑体",
  fontSize: 11,
  bold: true,
  hAlign: "center",
  vAlign: "middle",
  wrap: true,
  border: "thin",
  fill: "F2F2F2",
};
/** A cell of a printed list of items (催办单, 台账打印): 仿宋 11 pt, wrapped, ruled; LIST_CENTER centred. */
export const LIST_CELL: CellStyle = {
  fontName: "仿宋_GB2312",
  fontSize: 11,
  vAlign: "middle",
  wrap: true,
  border: "thin",
};
export const LIST_CENTER: CellStyle = { ...LIST_CELL, hAlign: "center" };
/** 时限状态 in print: red when overdue, amber when due soon, bold (the words say it too, for a grey printer). */
export const STATUS_FONT = {
  overdue: { bold: true, fontColor: "C00000" },
  dueSoon: { bold: true, fontColor: "9C5700" },
} as const satisfies Record<string, CellStyle>;

export const txt = (v: string): PlanCell => ({ t: "text", v });
export const fx = (f: string): PlanCell => ({ t: "formula", f });
export const num = (v: number): PlanCell => ({ t: "number", v });

/** Estimated height (points) of a wrapped cell: CJK characters count one, others half. */
export function rowHeightFor(text: string, charsPerLine: number, lineHeight: number): number {
  let units = 0;
  for (const ch of text) units += /[\u0000-\u00ff]/.test(ch) ? 0.5 : 1;
  const lines = Math.max(1, Math.ceil(units / charsPerLine));
  // 409 points is Excel's highest row.
  return Math.min(409, Math.round(lines * lineHeight + 4));
}

/** How a finished grid is printed and shown: column widths in characters from column A, A4 portrait margins. */
export interface PrintedSheet {
  role: SheetRole;
  name: string;
  columnWidths: number[];
  margins: NonNullable<PagePlan["margins"]>;
  printTitleRows?: string;
  tabColor?: string;
  footer?: NonNullable<PagePlan["footer"]>;
  /** A4 landscape instead of portrait. */
  landscape?: boolean;
}

/** A visible generated sheet of a grid, printed on A4 one page wide (portrait unless `landscape`). */
export function printedSheet(g: Grid, p: PrintedSheet): NewSheetPlan {
  return {
    kind: "new",
    role: p.role,
    name: p.name,
    visibility: "visible",
    blocks: [g.block()],
    styles: g.styles,
    merges: g.merges,
    columnWidths: p.columnWidths.map((width, index) => ({ index, width })),
    rowHeights: g.heights,
    tables: [],
    validations: [],
    conditionalFormats: [],
    page: {
      orientation: p.landscape === true ? "landscape" : "portrait",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      ...(p.printTitleRows !== undefined ? { printTitleRows: p.printTitleRows } : {}),
      margins: p.margins,
      ...(p.footer !== undefined ? { footer: p.footer } : {}),
    },
    ...(p.tabColor !== undefined ? { tabColor: p.tabColor } : {}),
  };
}
