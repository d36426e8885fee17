import { saveWithLink } from "../hosts/download";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../core/snapshot";
import { parseRange } from "../core/address";
import { DEFAULT_DATE_FORMAT } from "../core/dates";
import type { CellBlock, PlanCell, SheetOp, WorkbookPlan } from "../core/plan/types";
import type { ApplyResult, HostFeature, LedgerHost, ProgressListener } from "../hosts/host";

export interface DemoHost extends LedgerHost {
  /** The workbook as it is now (after the plans applied so far). */
  current(): WorkbookSnapshot;
  /** Every plan applied, in order. */
  readonly applied: WorkbookPlan[];
  /** Cells selected through select(), as "sheet!A1". */
  readonly selections: string[];
  /** Stands for the user editing the workbook: replaces it and tells the watchers (apply() does not). */
  edit(next: WorkbookSnapshot): void;
}

export interface DemoHostOptions {
  /** Features to report as unsupported (and skipped on apply). */
  unsupported?: HostFeature[];
  /** Told of every select() (the demo page shows the cell where Excel's name box would). */
  onSelect?: (sheet: string, address: string) => void;
}

/**
 * A LedgerHost over a snapshot kept in memory: for screenshots, demos and tests of the pane in a browser.
 * apply() writes values only (no styles, tables or validation): enough for the engine to read back what it
 * wrote, including the settings sheet.
 */
export function createDemoHost(initial: WorkbookSnapshot, options: DemoHostOptions = {}): DemoHost {
  let workbook = clone(initial);
  const applied: WorkbookPlan[] = [];
  const selections: string[] = [];
  const skipped = options.unsupported ?? [];
  const watchers = new Set<{ sheet: string; onChange: () => void }>();
  return {
    kind: "file",
    applied,
    selections,
    current: () => clone(workbook),
    unsupported: async () => [...skipped],
    snapshot: async () => clone(workbook),
    async apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult> {
      const next = clone(workbook);
      next.sheets = next.sheets.filter((s) => !plan.replaces.includes(s.name));
      plan.ops.forEach((op, i) => {
        applyOp(next, op);
        onProgress?.((i + 1) / plan.ops.length);
      });
      workbook = next;
      applied.push(plan);
      return { skipped: [...skipped] };
    },
    async select(sheet: string, address: string) {
      selections.push(`${sheet}!${address}`);
      options.onSelect?.(sheet, address);
    },
    // The demo page is a browser page: it saves the .docx as Excel on the web would.
    saveFile(bytes: Uint8Array, fileName: string) {
      saveWithLink(new Blob([bytes as BlobPart]), fileName);
    },
    async watch(sheet: string, onChange: () => void) {
      const watcher = { sheet, onChange };
      watchers.add(watcher);
      return async () => void watchers.delete(watcher);
    },
    edit(next: WorkbookSnapshot) {
      workbook = clone(next);
      for (const w of [...watchers]) if (workbook.sheets.some((s) => s.name === w.sheet)) w.onChange();
    },
  };
}

function applyOp(workbook: WorkbookSnapshot, op: SheetOp): void {
  const index = workbook.sheets.findIndex((s) => s.name === op.name);
  if (op.kind === "copy") {
    const from = workbook.sheets.find((s) => s.name === op.from);
    if (!from) throw new Error(`copy: no sheet ${op.from}`);
    insert(workbook, { ...clone({ sheets: [from] }).sheets[0]!, name: op.name }, index);
    return;
  }
  const sheet: SheetSnapshot =
    op.kind === "edit" && index >= 0 ? workbook.sheets[index]! : { name: op.name, rows: [], merges: [] };
  if (op.kind === "edit") {
    sheet.merges = sheet.merges.filter((m) => !op.unmerge.some((r) => sameTopLeft(r, m.top, m.left)));
  }
  for (const block of op.blocks) write(sheet, block);
  if (op.kind === "new") insert(workbook, sheet, index);
}

/** A written sheet goes last, in place of any sheet of the same name. */
function insert(workbook: WorkbookSnapshot, sheet: SheetSnapshot, existing: number): void {
  if (existing >= 0) workbook.sheets.splice(existing, 1);
  workbook.sheets.push(sheet);
}

function write(sheet: SheetSnapshot, block: CellBlock): void {
  block.cells.forEach((cells, r) => {
    const row = (sheet.rows[block.row + r] ??= []);
    const formats = ((sheet.numberFormats ??= [])[block.row + r] ??= []);
    cells.forEach((cell, c) => {
      row[block.col + c] = valueOf(cell);
      formats[block.col + c] = cell.t === "date" ? DEFAULT_DATE_FORMAT : (block.style?.numberFormat ?? null);
    });
  });
}

function valueOf(cell: PlanCell): CellValue {
  switch (cell.t) {
    case "text":
    case "number":
    case "bool":
    case "date":
      return cell.v;
    case "formula":
    case "empty":
      return null;
  }
}

function sameTopLeft(range: string, top: number, left: number): boolean {
  const area = parseRange(range);
  return !!area && area.left === left && area.top === top;
}

function clone(workbook: WorkbookSnapshot): WorkbookSnapshot {
  // Snapshots hold plain JSON values (missing cells become null, which the core reads as empty).
  return JSON.parse(JSON.stringify(workbook)) as WorkbookSnapshot;
}
