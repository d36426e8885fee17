import ExcelJS from "exceljs";

/** A sheet described in A1 terms for tests: rows of values, merges as "A1:B2", date cells as Date. */
export interface GridSheet {
  name: string;
  rows: (string | number | Date | null)[][];
  merges?: string[];
  /** number formats by A1 address */
  formats?: Record<string, string>;
}

/** Writes sheets to an .xlsx buffer, as a user's file would arrive. */
export async function xlsxFromGrids(sheets: GridSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
      });
    });
    for (const [addr, fmt] of Object.entries(s.formats ?? {})) ws.getCell(addr).numFmt = fmt;
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
