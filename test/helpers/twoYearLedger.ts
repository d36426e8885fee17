import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { loadXlsx, snapshotOf } from "../../src/hosts/xlsx/workbook";

/**
 * The sample ledger (2026) with last year's ledger kept beside it, as offices often do (issue 14, 回头看 in the
 * same workbook): test/core/compareWithin.test.ts and test/taskpane/compare.test.tsx.
 */

const SAMPLE = join(__dirname, "..", "..", "samples", "sample-ledger.xlsx");

/** The as-of date the two-year workbook is read on. */
export const TWO_YEARS_AS_OF = "2026-12-31";
/** The name of last year's sheet. */
export const LAST_YEAR_SHEET = "2025年度";

/** Columns of 责任分工表 in the sample (0-based): 编号, 案由, 主题, 交办 … 答复文号. */
const C = { id: 1, title: 3, topic: 5, assigned: 12, ref: 15 };

export async function sampleSnapshot(): Promise<WorkbookSnapshot> {
  return snapshotOf(await loadXlsx(readFileSync(SAMPLE)));
}

/**
 * The sample with a copy of 责任分工表 `back` years earlier (every date and the title's year moved back), named
 * LAST_YEAR_SHEET for one year back. This year's row 16 (P206, unreplied) is reworded and renumbered P306, and
 * row 5 made its near twin P311, so last year's P206 has two close rows: an ambiguous pair (需人工确认).
 */
export function withLastYear(sample: WorkbookSnapshot, back = 1): WorkbookSnapshot {
  const copy = (rows: CellValue[][]): CellValue[][] => rows.map((r) => [...r]);
  const source = sample.sheets.find((s) => s.name === "责任分工表");
  if (!source) throw new Error("no 责任分工表");
  const earlier = (v: CellValue): CellValue =>
    typeof v === "number"
      ? v - 365 * back
      : typeof v === "string"
        ? v.replace(/2026/g, String(2026 - back))
        : v;
  const lastRows = copy(source.rows).map((row, r) =>
    row.map((v, c) => (r < 2 || (r > 2 && c >= C.assigned && c <= C.ref) ? earlier(v) : v)),
  );
  const thisRows = copy(source.rows);
  const set = (r: number, c: number, v: CellValue): void => {
    const row = thisRows[r];
    if (!row) throw new Error(`no row ${r}`);
    row[c] = v;
  };
  set(16, C.id, "P306");
  set(16, C.title, "关于加强城乡社区治理工作的提案");
  set(5, C.id, "P311");
  set(5, C.title, "关于加强城乡社区治理能力的提案");
  set(5, C.topic, "社区治理");
  return {
    ...sample,
    sheets: [
      ...sample.sheets.map((s) => (s === source ? { ...s, rows: thisRows } : s)),
      { ...source, name: back === 1 ? LAST_YEAR_SHEET : `${2026 - back}年度`, rows: lastRows },
    ],
  };
}
