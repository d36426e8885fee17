import type { CellValue, MergedArea, SheetSnapshot, WorkbookSnapshot } from "../../core/snapshot";
import { parseAreas } from "./address";
import type { ExcelFeatures } from "./features";
import { syncEach } from "./sync";

/**
 * Reads the workbook as plain data (values, number formats, merged areas) in
 * SNAPSHOT_SYNCS + ⌈cells / READ_CELLS_PER_SYNC⌉ − 1 syncs: 3 for any ledger under 50,000 cells.
 *   1. sheet names and visibility; 2. used-range extents; 3… values + number formats in row bands.
 */
export const SNAPSHOT_SYNCS = 3;
/**
 * Cells read per sync. Excel on the web caps a response at 5 MB; at 50,000 cells that leaves ~100 bytes
 * per cell for its value and number format, far more than a ledger's average.
 */
const READ_CELLS_PER_SYNC = 50_000;
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

/** Row bands of at most `maxCells`, packed into syncs of at most `maxCells` cells. */
function readBatches(extents: Extent[], maxCells: number): Band[][] {
  const batches: Band[][] = [[]];
  let cells = 0;
  for (const extent of extents) {
    const bandRows = Math.max(1, Math.floor(maxCells / extent.columns));
    for (let top = 0; top < extent.rows; top += bandRows) {
      const rows = Math.min(bandRows, extent.rows - top);
      const size = rows * extent.columns;
      if (cells > 0 && cells + size > maxCells) {
        batches.push([]);
        cells = 0;
      }
      batches[batches.length - 1]?.push({ extent, top, rows });
      cells += size;
    }
  }
  return batches;
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
  await syncEach(context, readBatches(extents, READ_CELLS_PER_SYNC), (batch) => {
    for (const band of batch) {
      const range = band.extent.sheet.getRangeByIndexes(band.top, 0, band.rows, band.extent.columns);
      range.load("values,numberFormat");
      reads.push({ band, range });
    }
  });

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
