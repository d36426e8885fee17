import type { Report } from "../report.types";
import type { CellStyle, NewSheetPlan } from "./types";
import { Grid, printedSheet, rowHeightFor, txt } from "./grid";

/**
 * Column width in characters: 66 fits the A4 text width between GB/T 9704 margins without scaling
 * (LibreOffice did not apply fit-to-width to this sheet), about 22 Chinese characters of 16-point text a line.
 */
const WIDTH = 66;
const CHARS_PER_LINE = 21;
/** Line height of 16-point (三号) text, in points. */
const LINE = 22;
const BODY: CellStyle = { fontName: "仿宋_GB2312", fontSize: 16, wrap: true, vAlign: "top", hAlign: "left" };
const STYLES: Record<Report["paragraphs"][number]["kind"], CellStyle> = {
  title: {
    fontName: "方正小标宋简体",
    fontSize: 22,
    bold: true,
    hAlign: "center",
    vAlign: "middle",
    wrap: true,
  },
  heading: { fontName: "黑体", fontSize: 16, bold: true, wrap: true, vAlign: "middle" },
  body: BODY,
  placeholder: { ...BODY, italic: true, fontColor: "808080" },
};
/** Chinese paragraphs open with two full-width spaces. */
const INDENT = "\u3000\u3000";

/**
 * The report as an official document: one paragraph a row in one wide column, 仿宋 body, 黑体 headings,
 * the title centred, placeholders grey and italic inside 【】 so nobody sends them out unfilled.
 */
export function buildReportSheet(name: string, report: Report): NewSheetPlan {
  const g = new Grid(1);
  for (const p of report.paragraphs) {
    if (p.kind === "heading") g.add();
    const text =
      p.kind === "title"
        ? p.text
        : p.kind === "placeholder"
          ? `${INDENT}${/^【.*】$/s.test(p.text) ? p.text : `【${p.text}】`}`
          : `${INDENT}${p.text}`;
    const r = g.add([txt(text)]);
    g.style(r, 0, 0, STYLES[p.kind]);
    const perLine = p.kind === "title" ? 20 : CHARS_PER_LINE;
    const line = p.kind === "title" ? 32 : LINE;
    g.height(r, rowHeightFor(text, perLine, line) + (p.kind === "title" ? 12 : 4));
    if (p.kind === "title") g.add();
  }
  return printedSheet(g, {
    role: "report",
    name,
    columnWidths: [WIDTH],
    // GB/T 9704 margins (3.7/3.5/2.8/2.6 cm), in inches.
    margins: { top: 1.46, bottom: 1.38, left: 1.1, right: 1.02 },
  });
}
