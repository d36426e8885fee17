import type { CellValue, MergedArea, SheetSnapshot, WorkbookSnapshot } from "../../core/snapshot";
import { parseAreas } from "./address";
import type { ExcelFeatures } from "./features";
import { jsonBytes } from "./blocks";

/**
 * Reads the workbook as plain data (values, number formats, merged areas) in SNAPSHOT_SYNCS syncs for
 * any ledger under FIRST_READ_CELLS cells, one more for each further band of reads:
 *   1. sheet names and visibility; 2. used-range extents; 3… values + number formats in row bands.
 * The bands are sized by what Excel sent back so far: each sync asks for about READ_BYTES, at the densest
 * bytes per cell any band has had (a generated ledger: ~23 bytes a cell, ~110,000 cells a sync).
 */
export const SNAPSHOT_SYNCS = 3;
/**
 * Excel on the web caps a response at 5 MB. The first read asks for 50,000 cells (~100 bytes a cell for
 * value and number format, far more than a ledger's average); later reads aim at 2.5 MB, so a band may be
 * twice as dense as the densest before it.
 */
const FIRST_READ_CELLS = 50_000;
const READ_BYTES = 2.5 * 1024 * 1024;
/** At most this many cells a sync whatever the density (Excel reads at most 5 million cells a range). */
const MAX_READ_CELLS = 500_000;
/** getMergedAreasOrNullObject fails above 512 areas: query merges in bands of this many rows. */
const MERGE_BAND_ROWS = 200;

interface Extent {
  sheet: Excel.Worksheet;
  snap: SheetSnapshot;
  rows: number;
  columns: number;
}

interface Band {
  extent: Extent;
  top: number;
  rows: number;
}

/** Where the reading stands: the extent and row the next band starts at. */
interface Cursor {
  extent: number;
  row: number;
}

/** The next row bands, about `maxCells` cells in all (at least one row), from the cursor on. */
function nextBatch(extents: Extent[], at: Cursor, maxCells: number): Band[] {
  const batch: Band[] = [];
  let cells = 0;
  for (let e = extents[at.extent]; e !== undefined; e = extents[at.extent]) {
    const room = Math.floor((maxCells - cells) / e.columns);
    if (room < 1 && batch.length > 0) break;
    const rows = Math.min(Math.max(1, room), e.rows - at.row);
    batch.push({ extent: e, top: at.row, rows });
    cells += rows * e.columns;
    at.row += rows;
    if (at.row >= e.rows) {
      at.extent++;
      at.row = 0;
    }
  }
  return batch;
}

/** Estimated UTF-8 JSON size of a loaded grid. */
function gridBytes(grid: unknown[][]): number {
  let n = 2;
  for (const row of grid) {
    n += 2;
    for (const v of row)
      n += (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? jsonBytes(v) : 4) + 1;
  }
  return n;
}

function plain(v: unknown): CellValue {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v === "" ? null : v;
  return null;
}

/**
 * Reads every sheet from A1 to the end of its used range (values only), so rows[r][c] are sheet
 * coordinates. Dates stay serial numbers beside their number format; the core converts them.
 */
export async function readSnapshot(
  context: Excel.RequestContext,
  features: ExcelFeatures,
): Promise<WorkbookSnapshot> {
  const sheets = context.workbook.worksheets;
  // Table names are workbook-wide: the plan must know them all to name its own (snapshot.ts tables).
  const tables = context.workbook.tables;
  const first = (with1904: boolean): void => {
    sheets.load("items/name,items/visibility");
    tables.load("items/name,items/worksheet/name");
    if (with1904) context.workbook.load("use1904DateSystem");
  };
  const ask1904 = date1904Readable();
  let date1904 = false;
  try {
    first(ask1904);
    await context.sync();
    date1904 = ask1904 && (context.workbook as Workbook1904).use1904DateSystem === true;
  } catch (err) {
    // An Excel that claims the set but lacks the property: read again without it (1900 system assumed).
    if (!ask1904) throw err;
    first(false);
    await context.sync();
  }

  const used = sheets.items.map((sheet) => {
    const range = sheet.getUsedRangeOrNullObject(true);
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    return { sheet, range };
  });
  await context.sync();

  const snapshots: SheetSnapshot[] = [];
  const extents: Extent[] = [];
  for (const { sheet, range } of used) {
    const snap: SheetSnapshot = { name: sheet.name, rows: [], numberFormats: [], merges: [] };
    if (sheet.visibility !== "Visible") snap.hidden = true;
    snapshots.push(snap);
    if (range.isNullObject) continue;
    extents.push({
      sheet,
      snap,
      rows: range.rowIndex + range.rowCount,
      columns: range.columnIndex + range.columnCount,
    });
  }

  const merges: { snap: SheetSnapshot; areas: Excel.RangeAreas }[] = [];
  if (features.mergedAreas) {
    // getMergedAreasOrNullObject finds an area only if its top-left cell is in the queried range: bands
    // that start at column A and cover every row from 1 find each area exactly once.
    for (const e of extents) {
      for (let top = 0; top < e.rows; top += MERGE_BAND_ROWS) {
        const band = e.sheet.getRangeByIndexes(top, 0, Math.min(MERGE_BAND_ROWS, e.rows - top), e.columns);
        const areas = band.getMergedAreasOrNullObject();
        areas.load("address");
        merges.push({ snap: e.snap, areas });
      }
    }
  }

  const reads: { band: Band; range: Excel.Range }[] = [];
  const at: Cursor = { extent: 0, row: 0 };
  let perCell = 0;
  // One sync per batch, sized by the responses before it: sequential on purpose (recursion, not a loop).
  const readFrom = async (maxCells: number): Promise<void> => {
    const batch = nextBatch(extents, at, maxCells);
    const loaded = batch.map((band) => {
      const range = band.extent.sheet.getRangeByIndexes(band.top, 0, band.rows, band.extent.columns);
      range.load("values,numberFormat");
      return { band, range };
    });
    // The merged areas queued above go with the first read; a workbook of empty sheets still syncs once.
    await context.sync();
    reads.push(...loaded);
    for (const { band, range } of loaded) {
      const bytes = gridBytes(range.values) + gridBytes(range.numberFormat);
      perCell = Math.max(perCell, bytes / (band.rows * band.extent.columns));
    }
    if (at.extent >= extents.length) return;
    const cells = perCell > 0 ? Math.floor(READ_BYTES / perCell) : MAX_READ_CELLS;
    await readFrom(Math.max(1, Math.min(MAX_READ_CELLS, cells)));
  };
  await readFrom(FIRST_READ_CELLS);

  for (const { band, range } of reads) {
    const { snap } = band.extent;
    range.values.forEach((row, i) => {
      snap.rows[band.top + i] = row.map(plain);
    });
    range.numberFormat.forEach((row, i) => {
      (snap.numberFormats ??= [])[band.top + i] = row.map((f) =>
        typeof f === "string" && f !== "General" ? f : null,
      );
    });
  }
  for (const { snap, areas } of merges) {
    if (areas.isNullObject) continue;
    snap.merges.push(...parseAreas(areas.address).map((r): MergedArea => ({ ...r })));
  }
  return {
    sheets: snapshots,
    tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
    ...(date1904 ? { date1904 } : {}),
  };
}

/** Workbook.use1904DateSystem is newer than our Office typings. */
type Workbook1904 = Excel.Workbook & { use1904DateSystem?: boolean };

/**
 * Whether Workbook.use1904DateSystem can be read. It was a preview API first (ExcelApi BETA in 2021) and is
 * asked for only where ExcelApi 1.16 is supported; elsewhere the workbook is taken to count from 1900.
 */
function date1904Readable(): boolean {
  if (typeof Office === "undefined") return false;
  return Office.context?.requirements?.isSetSupported("ExcelApi", "1.16") ?? false;
}
