import type ExcelJS from "exceljs";
import { parseCell } from "../../core/address";

/**
 * The rows of a sheet held as ExcelJS's write model instead of as its Row and Cell objects: the backup of a
 * 20,000-row ledger (render.ts copySheet). Handing its model to a worksheet's setter built 400,000 cells that
 * the write's getter turned straight back into the same models (the setter keeps each cell model it is given
 * as its value's own, and the getter hands those back): half a second and a hundred megabytes of a build.
 * zipWrite.ts puts the rows into the write model where the getter would have; anything else that needs the
 * sheet's cells attaches them first (`attachRows`).
 */
interface DeferredRows {
  /** The rows as the getter would give them after the setter, each cell a model of its own. */
  rows: RowModel[];
  /** The original getter's dimensions (an ExcelJS Range: the part's <dimension ref>). */
  dimensions: unknown;
}

interface RowModel {
  style?: Style;
  cells?: CellModel[];
}

interface CellModel {
  address: string;
  type?: number;
  master?: string;
  comment?: unknown;
  style?: Style;
}

type Style = Partial<Record<(typeof MERGED_STYLE)[number], unknown>>;

/** ExcelJS 4.4's Worksheet internals that its model setter uses for the rows and the merged areas. */
interface WorksheetInternals {
  _merges: Record<string, { range: string }>;
  _parseRows(model: { rows: object[] }): void;
  _parseMergeCells(model: { mergeCells: string[] }): void;
}

/** ExcelJS's ValueType.Merge. */
const MERGE = 1;
/** What a new cell takes from its row's style, else its column's (ExcelJS Cell#_mergeStyle), in its order. */
const MERGED_STYLE = ["numFmt", "font", "alignment", "border", "fill", "protection"] as const;

const deferred = new WeakMap<ExcelJS.Worksheet, DeferredRows>();

/**
 * `ws.model = model`, the rows held back as models where this ExcelJS allows attaching them later. They are
 * made what the setter and the getter would have made of them: a merged cell is not the row's (the setter
 * skips it; merging makes it again, styled from its row and column), and a note goes through ExcelJS's Note.
 * `model.rows` must be the worksheet's alone (copies of the original's cell models).
 */
export function setModelDeferringRows(
  ws: ExcelJS.Worksheet,
  model: ExcelJS.WorksheetModel & { rows?: RowModel[]; dimensions?: unknown },
): void {
  const internals = ws as unknown as Partial<WorksheetInternals>;
  const rows = model.rows ?? [];
  if (typeof internals._parseRows !== "function" || typeof internals._parseMergeCells !== "function") {
    ws.model = model;
    return;
  }
  ws.model = { ...model, rows: [] } as ExcelJS.WorksheetModel;
  for (const row of rows) {
    const cells = row.cells ?? [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === undefined) continue;
      if (cell.type === MERGE) cells[i] = mergedCell(ws, row, cell);
      else if (cell.comment !== undefined) {
        // The setter reads a note into a Note, whose getter gives it back with ExcelJS's defaults.
        const made = ws.getCell(cell.address);
        made.model = cell as unknown as ExcelJS.CellModel;
        cells[i] = made.model as unknown as CellModel;
      }
    }
  }
  deferred.set(ws, { rows, dimensions: model.dimensions });
}

function mergedCell(ws: ExcelJS.Worksheet, row: RowModel, cell: CellModel): CellModel {
  const column = ws.getColumn((parseCell(cell.address)?.col ?? 0) + 1).style as Style | undefined;
  const style: Style = {};
  for (const name of MERGED_STYLE) {
    const fromRow = row.style?.[name];
    const value = fromRow ? fromRow : column?.[name];
    if (value) style[name] = value;
  }
  return { address: cell.address, type: MERGE, master: cell.master, style } as CellModel;
}

export function deferredRowsOf(ws: ExcelJS.Worksheet | undefined): DeferredRows | undefined {
  return ws === undefined ? undefined : deferred.get(ws);
}

/**
 * A deferred sheet given its cells, as the model's setter gives them (its rows, then its merged areas again, so
 * the merged cells point at their masters): for a reader or a writer of its cells other than zipWrite's.
 */
export function attachRows(ws: ExcelJS.Worksheet): void {
  const held = deferred.get(ws);
  if (held === undefined) return;
  deferred.delete(ws);
  const internals = ws as unknown as WorksheetInternals;
  const merges = Object.values(internals._merges).map((merge) => merge.range);
  internals._parseRows({ rows: held.rows });
  internals._merges = {};
  internals._parseMergeCells({ mergeCells: merges });
}

/** Every deferred sheet of the workbook given its cells (attachRows): before ExcelJS's own writer. */
export function attachDeferredRows(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) attachRows(ws);
}
