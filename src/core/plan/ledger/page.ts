import type { Script } from "../../fields";
import type { SheetSnapshot } from "../../snapshot";
import { columnLetter } from "../../address";
import type { PagePlan } from "../types";
import type { LedgerColumns } from "./columns";
import { inScript } from "../../script";

/** Text never prints smaller than this (issue 12: a 督办 meeting reads the ledger on paper). */
export const MIN_PRINTED_POINTS = 9;
/** Excel's default column (8.43 characters of Calibri 11) in points, for a sheet that names no width. */
export const DEFAULT_COLUMN_POINTS = 48;
/** The body text size when the host cannot tell (Excel's and WPS's default). */
const DEFAULT_FONT_POINTS = 11;
const MARGINS = { top: 0.6, bottom: 0.6, left: 0.4, right: 0.4 };
/** A4 landscape, 297 mm wide, less the side margins, in points. */
const PRINTABLE_POINTS = (297 / 25.4) * 72 - (MARGINS.left + MARGINS.right) * 72;
/** A generated column (时限状态, 计算时限) is 12 characters wide. */
const GENERATED_COLUMN_POINTS = 12 * 7 * 0.75 + 5 * 0.75;

/**
 * The ledger's page setup: A4 landscape, title and header rows on every page, page numbers. One page wide when
 * the text stays at 9 points or more so; a wider ledger prints at the scale that keeps 9 points, the pages going
 * across (over, then down: each band of rows on consecutive sheets), with the columns up to 编号/案由 repeated at
 * the left of every page when they are the sheet's first columns and take at most a third of the page.
 */
export function ledgerPage(sheet: SheetSnapshot, cols: LedgerColumns, script: Script): PagePlan {
  const generated = new Set([cols.statusIdx, cols.dueIdx]);
  const widthOf = (c: number): number =>
    generated.has(c) ? GENERATED_COLUMN_POINTS : (sheet.columnWidths?.[c] ?? DEFAULT_COLUMN_POINTS);
  let total = 0;
  for (let c = 0; c <= cols.lastCol; c++) total += widthOf(c);
  const font = sheet.fontSize ?? DEFAULT_FONT_POINTS;
  const fit = Math.min(1, PRINTABLE_POINTS / Math.max(total, 1));
  const base: PagePlan = {
    orientation: "landscape",
    paperSize: "A4",
    fitToWidth: 1,
    fitToHeight: 0,
    printTitleRows: `1:${cols.headerRow + 1}`,
    margins: MARGINS,
    // Page numbers and the date printed; a footer the user set stays.
    footer: { ...pageFooter(script), unlessOwn: true },
  };
  if (font * fit >= MIN_PRINTED_POINTS) return base;
  const scale = Math.min(100, Math.ceil((MIN_PRINTED_POINTS / font) * 100));
  // 编号 and 案由 repeated when they fit in a third of the page, else 编号 alone (with what stands left of it).
  const id = cols.mapped("id");
  const title = cols.mapped("title");
  const candidates = [id !== undefined && title !== undefined ? Math.max(id, title) : undefined, id ?? title];
  const widthTo = (last: number): number => {
    let w = 0;
    for (let c = 0; c <= last; c++) w += widthOf(c);
    return w;
  };
  const repeatTo = candidates.find(
    (last): last is number =>
      last !== undefined && last <= 3 && (widthTo(last) * scale) / 100 <= PRINTABLE_POINTS / 3,
  );
  const repeat = repeatTo !== undefined ? `${columnLetter(0)}:${columnLetter(repeatTo)}` : undefined;
  return {
    ...base,
    scale,
    pageOrder: "overThenDown",
    ...(repeat !== undefined ? { printTitleColumns: repeat } : {}),
  };
}

/** "第1页 共3页" in the centre and the date printed on the right, in the workbook's script (Excel's codes). */
export function pageFooter(script: Script): { center: string; right: string } {
  return { center: inScript("第&P页 共&N页", script), right: inScript("打印日期：&D", script) };
}
