import ExcelJS from "exceljs";

/**
 * ExcelJS checks every new merge against every existing one (Worksheet._mergeCellsInternal loops over all of
 * `_merges`), so reading or writing n merged areas costs O(n²): 20,000 merges took minutes. A new merge can
 * only overlap an existing one through one of its own cells, and each merged cell already says so (a slave
 * cell has the Merge type, a master is a key of `_merges`). Checking those cells makes each merge cost its area,
 * and the workbook linear in its merged cells. Installed once on ExcelJS's Worksheet prototype, for loading
 * (which merges through the same method), the backup copy and the plan's merges alike.
 */

interface MergeCell {
  type: number;
  address: string;
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface WorksheetInternals {
  _merges: Record<string, MergeRange>;
  findCell(row: number, col: number): MergeCell | undefined;
  _mergeCellsInternal(dimensions: MergeRange, ignoreStyle?: boolean): void;
}

let installed = false;

/** Makes ExcelJS's merge check linear in the merge's area; idempotent. */
export function installFastMerges(): void {
  if (installed) return;
  installed = true;
  const probe = new ExcelJS.Workbook().addWorksheet("probe");
  const proto = Object.getPrototypeOf(probe) as WorksheetInternals;
  const original = proto._mergeCellsInternal;
  if (typeof original !== "function") return;
  proto._mergeCellsInternal = function (this: WorksheetInternals, dimensions, ignoreStyle) {
    for (let r = dimensions.top; r <= dimensions.bottom; r++) {
      for (let c = dimensions.left; c <= dimensions.right; c++) {
        const cell = this.findCell(r, c);
        if (cell && (cell.type === ExcelJS.ValueType.Merge || this._merges[cell.address] !== undefined)) {
          throw new Error("Cannot merge already merged cells");
        }
      }
    }
    // The original, over an empty index, only merges the cells and indexes the new merge.
    const merges = this._merges;
    this._merges = {};
    try {
      original.call(this, dimensions, ignoreStyle);
    } finally {
      const added = this._merges;
      this._merges = merges;
      Object.assign(merges, added);
    }
  };
}
