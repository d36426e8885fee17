import ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../../core/snapshot";

/**
 * A new ExcelJS workbook holding a snapshot's sheets: values (text stays text, "001" included), number
 * formats, merges and readable column widths. An HTML table saved as .xls has no workbook to edit in place;
 * this is the one the build edits instead, so its output is a real .xlsx.
 */
export function workbookFromSnapshot(snapshot: WorkbookSnapshot): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const sheet of snapshot.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.hidden ? "hidden" : "visible" });
    // Widths come from cells that sit in one column: a title spread over the whole row says nothing.
    const wide = new Set(sheet.merges.filter((m) => m.right > m.left).map((m) => `${m.top}:${m.left}`));
    const widths: number[] = [];
    sheet.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null || value === undefined || value === "") return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value;
        const format = sheet.numberFormats?.[r]?.[c];
        if (format) cell.numFmt = format;
        const text = String(value);
        if (text.includes("\n")) cell.alignment = { wrapText: true, vertical: "top" };
        if (!wide.has(`${r}:${c}`)) widths[c] = Math.max(widths[c] ?? 0, textWidth(text));
      });
    });
    for (const m of sheet.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    widths.forEach((w, c) => {
      ws.getColumn(c + 1).width = Math.min(Math.max(w + 2, 6), 40);
    });
  }
  return wb;
}

/** Display width of the longest line, in Excel's character units: CJK and full-width forms count two. */
function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split("\n")) {
    let w = 0;
    for (const ch of line)
      w +=
        /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
          ch,
        )
          ? 2
          : 1;
    widest = Math.max(widest, w);
  }
  return widest;
}
