import ExcelJS from "exceljs";
import type { CellValue, MergedArea, SheetSnapshot, WorkbookSnapshot } from "../../core/snapshot";
import { parseRange } from "../../core/address";
import { serialFromUtcDate } from "../../core/dates";
import { XlsxLoadError } from "./errors";
import { looksLikeHtml, readHtmlWorkbook } from "../html/read";
import { workbookFromSnapshot } from "../html/toXlsx";
import { setCalculatedColumns, stripTableColumnChildren } from "./tableFormulas";

/** What a file holds: an .xlsx, or an HTML table saved as .xls, read into plain sheets. */
export type WorkbookInput =
  { kind: "xlsx"; workbook: ExcelJS.Workbook } | { kind: "html"; snapshot: WorkbookSnapshot };

/**
 * Loads a workbook file from memory. Old binary .xls is recognised by its first bytes and refused with its
 * own code, so the user is told to save as .xlsx. An HTML table saved as .xls (government systems export
 * those) is read into a snapshot; HTML without any <table> is refused with "html_xls".
 */
export async function loadWorkbookInput(buffer: ArrayBuffer | Uint8Array): Promise<WorkbookInput> {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length === 0) throw new XlsxLoadError("empty");
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new XlsxLoadError("legacy_xls");
  }
  if (looksLikeHtml(bytes)) return { kind: "html", snapshot: readHtmlWorkbook(bytes) };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new XlsxLoadError("not_xlsx");
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS fails on a table with a calculated column: it reads the file without them, and they are
    // remembered for writeXlsx to put back.
    const readable = await stripTableColumnChildren(bytes);
    const b = readable.bytes;
    // ExcelJS's load() accepts a Buffer or ArrayBuffer; a view over a larger buffer must be sliced.
    await wb.xlsx.load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    for (const [table, columns] of readable.calculated) setCalculatedColumns(wb, table, columns);
  } catch (err) {
    throw new XlsxLoadError("corrupt", err instanceof Error ? err.message : String(err));
  }
  return { kind: "xlsx", workbook: wb };
}

/**
 * Loads a workbook file as an ExcelJS workbook (see loadWorkbookInput). An HTML table becomes a new
 * workbook with its values and merges, which the build then edits like any .xlsx.
 */
export async function loadXlsx(buffer: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const input = await loadWorkbookInput(buffer);
  return input.kind === "xlsx" ? input.workbook : workbookFromSnapshot(input.snapshot);
}

/** Plain snapshot of every worksheet: values, number formats, merged areas, visibility. */
export function snapshotOf(wb: ExcelJS.Workbook): WorkbookSnapshot {
  return { sheets: wb.worksheets.map(sheetSnapshot) };
}

function sheetSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const rows: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    const formats: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged slave cells repeat the master's value in ExcelJS; the core fills merges itself.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      values[colNumber - 1] = plainValue(cell.value);
      formats[colNumber - 1] = cell.numFmt ?? null;
    });
    rows[rowNumber - 1] = values;
    numberFormats[rowNumber - 1] = formats;
  });
  return {
    name: ws.name,
    rows,
    numberFormats,
    merges: mergesOf(ws),
    hidden: ws.state !== "visible",
  };
}

function mergesOf(ws: ExcelJS.Worksheet): MergedArea[] {
  const ranges: string[] = (ws.model as { merges?: string[] }).merges ?? [];
  const out: MergedArea[] = [];
  for (const range of ranges) {
    const area = parseRange(range);
    if (area) out.push(area);
  }
  return out;
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return serialFromUtcDate(v);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("error" in v) return v.error;
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: unknown }).result;
      if (result instanceof Date) return serialFromUtcDate(result);
      if (typeof result === "object" && result !== null && "error" in result) return String(result.error);
      return typeof result === "string" || typeof result === "number" || typeof result === "boolean"
        ? result
        : null;
    }
    if ("text" in v) {
      const text = (v as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (typeof text === "object" && text !== null && "richText" in text) {
        return (text as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
      }
    }
  }
  return null;
}
