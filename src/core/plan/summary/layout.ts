import type { CellStyle, PlanCell } from "../types";
import { TABLE_HEADER, type Grid } from "../grid";
import type { SummaryContext } from "./context";

/** Columns A:G: 序号/label, name, then figures; labels span A:B and notes E:G. */
export const WIDTH = 7;
export const COLUMN_WIDTHS = [6, 30, 12, 12, 12, 12, 10];
export const FONT_BODY = "仿宋_GB2312";
const FONT_HEAD = "黑体";
export const PERCENT = "0.0%";
export const S_TITLE: CellStyle = {
  fontName: FONT_HEAD,
  fontSize: 18,
  bold: true,
  hAlign: "center",
  vAlign: "middle",
};
const S_SECTION: CellStyle = { fontName: FONT_HEAD, fontSize: 13, bold: true, vAlign: "middle" };
export const S_CELL: CellStyle = {
  fontName: FONT_BODY,
  fontSize: 12,
  vAlign: "middle",
  border: "thin",
  indent: 1,
};
export const S_NUM: CellStyle = {
  fontName: FONT_BODY,
  fontSize: 12,
  vAlign: "middle",
  border: "thin",
  hAlign: "center",
};
export const S_NOTE: CellStyle = {
  fontName: FONT_BODY,
  fontSize: 10,
  italic: true,
  fontColor: "595959",
  wrap: true,
  vAlign: "top",
};

/** A blank row, then the section title (一、…). */
export function section(s: SummaryContext, title: string): void {
  const { g } = s;
  g.add();
  const r = g.add([s.T(title)]);
  g.style(r, 0, WIDTH - 1, S_SECTION);
  g.height(r, 22);
}

/**
 * Table shapes: `list` one column a cell; `labelled` the first cell over A:B, the rest one column each;
 * `figures` as labelled, the last cell (说明/含义) over the rest of the row.
 */
export type TableShape = "list" | "labelled" | "figures";

/** A header row of a table of the given shape. */
export function header(s: SummaryContext, labels: string[], shape: TableShape): void {
  const { g } = s;
  const r = g.add();
  let last = 0;
  labels.forEach((label, i) => {
    const from = shape === "list" || i === 0 ? i : i + 1;
    const toEnd = shape === "figures" && i === labels.length - 1;
    const to = shape === "list" ? from : i === 0 ? 1 : toEnd ? WIDTH - 1 : from;
    setCell(g, r, from, s.T(label));
    if (to > from) g.merge(r, from, to);
    last = Math.max(last, to);
  });
  g.style(r, 0, last, TABLE_HEADER);
  g.height(r, 20);
}

/** Merges and styles of a row of a labelled table: label A:B, count C, rate D as a percentage, note E:G. */
export function figureRow(g: Grid, r: number, opts: { height?: number; note?: boolean } = {}): void {
  const note = opts.note ?? true;
  g.height(r, opts.height ?? 20);
  g.merge(r, 0, 1);
  if (note) g.merge(r, 4, 6);
  g.style(r, 0, 1, S_CELL);
  g.style(r, 2, 3, S_NUM);
  g.style(r, 3, 3, { numberFormat: PERCENT });
  if (note) g.style(r, 4, 6, { ...S_CELL, fontSize: 10, wrap: true });
}

export function setCell(g: Grid, r: number, c: number, cell: PlanCell): void {
  const row = g.rows[r];
  if (row) row[c] = cell;
}
