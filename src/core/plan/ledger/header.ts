import { a1, areaA1 } from "../../address";
import type { SheetSnapshot } from "../../snapshot";
import { DEFAULT_DATE_FORMAT } from "../../dates";
import type { CellBlock, CellStyle, PlanCell, RangeStyle } from "../types";
import type { LedgerColumns } from "./columns";

const GENERATED_HEADER: CellStyle = {
  bold: true,
  hAlign: "center",
  vAlign: "middle",
  wrap: true,
  border: "thin",
};

/**
 * The table's header and shape: flattened names in the lower header row, cells merged down from the upper row
 * cleared there, the generated columns styled, and every merge in the table area undone.
 */
export function ledgerHeader(
  sheet: SheetSnapshot,
  cols: LedgerColumns,
): { blocks: CellBlock[]; styles: RangeStyle[]; unmerge: string[] } {
  const { headerRow, upperRow, firstRow, lastRow, firstCol, lastCol, statusIdx, dueIdx } = cols;
  const blocks: CellBlock[] = [
    { row: headerRow, col: firstCol, cells: [cols.names.map((v) => ({ t: "text", v }) as PlanCell)] },
  ];
  if (upperRow !== undefined) {
    for (const m of sheet.merges) {
      if (m.top === upperRow && m.bottom >= headerRow && m.right >= firstCol && m.left <= lastCol) {
        blocks.push({ row: upperRow, col: m.left, cells: [[{ t: "empty" }]] });
      }
    }
  }
  const dataRange = (c: number): string => `${a1(firstRow, c)}:${a1(lastRow, c)}`;
  const styles: RangeStyle[] = [
    { range: a1(headerRow, statusIdx), style: GENERATED_HEADER },
    { range: dataRange(statusIdx), style: { hAlign: "center", border: "thin" } },
  ];
  if (dueIdx !== undefined) {
    styles.push({ range: a1(headerRow, dueIdx), style: GENERATED_HEADER });
    styles.push({
      range: dataRange(dueIdx),
      style: { numberFormat: DEFAULT_DATE_FORMAT, hAlign: "center", border: "thin" },
    });
  }
  const unmerge = sheet.merges
    .filter((m) => m.bottom >= headerRow && m.top <= lastRow && m.right >= firstCol && m.left <= lastCol)
    .map(areaA1);
  return { blocks, styles, unmerge };
}
