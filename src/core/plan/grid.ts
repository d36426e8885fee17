import { a1 } from "../snapshot";
import type { CellBlock, CellStyle, PlanCell, RangeStyle } from "./types";

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

export const txt = (v: string): PlanCell => ({ t: "text", v });
export const fx = (f: string): PlanCell => ({ t: "formula", f });
export const num = (v: number): PlanCell => ({ t: "number", v });
