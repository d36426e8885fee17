import type {
  CopySheetPlan,
  EditSheetPlan,
  NewSheetPlan,
  SheetReuse,
  WorkbookPlan,
} from "../../core/plan/types";
import { parseRange } from "../../core/address";
import type { ApplyResult, HostFeature, ProgressListener } from "../host";
import {
  chunkBlock,
  deferCells,
  formatChunks,
  formulaColumnChunks,
  packBatches,
  type FormatChunk,
  type RowChunk,
} from "./blocks";
import { hostError } from "./errors";
import type { ExcelFeatures } from "./features";
import { calculatedFormula, formatSheet, type FormatContext } from "./format";
import { deleteOwnCharts } from "./charts";
import { syncEach } from "./sync";

/**
 * Renders a WorkbookPlan into the open workbook in phases, one context.sync each:
 *   1. probe      – which sheets and tables exist (nothing written yet; name clashes fail here)
 *   2. backup     – worksheet.copy of the user's sheet first of all (and dated copies of generated sheets
 *                   whose user edits cannot be kept); then each replaced sheet that the plan creates again
 *                   is emptied for reuse (tables deleted, cleared) or, when the plan keeps the user's cells
 *                   there (NewSheetPlan.reuse), cleared only where the earlier build wrote; the others deleted
 *   3. new values – add the generated sheets not reused, write their values in row chunks (calculation
 *                   suspended), except formulas with structured references (see below)
 *   4. new format – styles, merges, widths, tables, validation, conditional formats, freeze, page setup,
 *                   then the styles' number formats in row chunks
 *   5. ledger     – unmerge, retire the old table, write the user's sheet (calculation suspended)
 *   6. final      – format the user's sheet (its table is added), its styles' number formats in row
 *                   chunks, the deferred structured-reference formulas, activate, recalculate
 * APPLY_SYNCS = 6 whatever the row count. Phases 3 to 6 take one more sync for every further
 * BATCH_BYTES (2 MB) of grid payload (blocks.ts: values, number formats, formulas), so the count depends
 * on byte size alone and no request carries more than 2 MB of grids:
 *   syncs = 6 + Σ over phases 3, 4, 5, 6 of (batches(phase) − 1).
 * A table's calculated column is one formula replicated by Range.copyFrom (format.ts), a few hundred bytes
 * whatever the rows; only without ExcelApi 1.9 is it written row by row, in the chunks of phase 4 or 6.
 * A rebuild costs the same syncs as a first build of the same data.
 * The user's sheet is touched last: a failure before phase 5 leaves it as it was, and after phase 2
 * the backup copy exists whatever happens.
 *
 * Why reuse instead of delete: the ledger's calculated columns and validation lists point at cells of the
 * settings sheet ('台账设置'!B15); deleting that sheet turns them into #REF! for good, even if a sheet of
 * the same name is added right after. An emptied sheet keeps every reference to it valid.
 *
 * Why defer structured references: Excel refuses a formula naming a table that does not exist (first
 * build: the ledger's table is added in phase 6), and rewrites Table[Column] into A1 references when the
 * table is converted to a range in phase 5 (rebuild), which would leave the statistics pointing at the old
 * rows. Writing those cells after the table exists in its final shape works on every requirement set; the
 * alternative, keeping the old table and Table.resize (ExcelApi 1.13), needs a newer Excel than the
 * manifest's 1.7 and fails when the header row moved.
 */
export const APPLY_SYNCS = 6;

type Write = RowChunk | FormatChunk;

interface Prepared {
  copies: CopySheetPlan[];
  news: { op: NewSheetPlan; chunks: RowChunk[] }[];
  /** The user's sheets (one per sheet of a ledger kept over several), edited last. */
  edits: { op: EditSheetPlan; chunks: RowChunk[] }[];
  /** Formula cells that name one of the plan's tables, written in phase 6. */
  deferred: { sheet: string; chunks: RowChunk[] }[];
  /** After formatSheet: the styles' number formats (and calculated columns without copyFrom). */
  newFormats: { sheet: string; chunks: Write[] }[];
  editFormats: { sheet: string; chunks: Write[] }[];
}

/** A sheet's number formats, then its tables' calculated columns where copyFrom cannot replicate them. */
function formatWrites(op: NewSheetPlan | EditSheetPlan, copyFrom: boolean): Write[] {
  const writes: Write[] = formatChunks(op.styles);
  if (copyFrom) return writes;
  for (const table of op.tables) {
    const area = parseRange(table.range);
    if (!area) continue;
    for (const { column, formula } of table.calculated) {
      const i = table.columns.indexOf(column);
      const rows = area.bottom - area.top;
      if (i < 0 || rows < 1) continue;
      writes.push(...formulaColumnChunks(area.top + 1, area.left + i, rows, calculatedFormula(formula)));
    }
  }
  return writes;
}

function prepare(plan: WorkbookPlan, features: ExcelFeatures): Prepared {
  const prepared: Prepared = {
    copies: [],
    news: [],
    edits: [],
    deferred: [],
    newFormats: [],
    editFormats: [],
  };
  const refs = plan.ops.flatMap((op) => (op.kind === "copy" ? [] : op.tables.map((t) => `${t.name}[`)));
  const namesTable = (formula: string): boolean => {
    const f = formula.toLowerCase();
    return refs.some((r) => f.includes(r.toLowerCase()));
  };
  const split = (sheet: string, blocks: NewSheetPlan["blocks"]): RowChunk[] => {
    const later: RowChunk[] = [];
    const now = blocks
      .flatMap((b) => chunkBlock(b))
      .map((chunk) => {
        const parts = deferCells(chunk, namesTable);
        later.push(...parts.later);
        return parts.now;
      });
    if (later.length > 0) prepared.deferred.push({ sheet, chunks: later });
    return now;
  };
  for (const op of plan.ops) {
    if (op.kind === "copy") prepared.copies.push(op);
    else if (op.kind === "new") {
      const chunks = split(op.name, op.blocks);
      prepared.news.push({
        op,
        chunks: op.reuse ? chunks.map((c) => holdCells(c, op.reuse?.keep ?? [])) : chunks,
      });
      prepared.newFormats.push({ sheet: op.name, chunks: formatWrites(op, features.copyFrom) });
    } else {
      prepared.edits.push({ op, chunks: split(op.name, op.blocks) });
      prepared.editFormats.push({ sheet: op.name, chunks: formatWrites(op, features.copyFrom) });
    }
  }
  return prepared;
}

/**
 * Empties a generated sheet for reuse under its own name: cells, formats, merges, rules, validation,
 * frozen panes and column widths go; the sheet object, and every formula or list pointing at it, stays.
 * Its visibility, tab colour and page setup are set again by formatSheet.
 */
function resetSheet(sheet: Excel.Worksheet, features: ExcelFeatures): void {
  const all = sheet.getRange();
  all.unmerge();
  // "All" (ExcelApi 1.1): values, formulas and formats; rules and validation are cleared explicitly below.
  all.clear("All");
  all.conditionalFormats.clearAll();
  if (features.dataValidation) all.dataValidation.clear();
  all.format.useStandardWidth = true;
  all.format.useStandardHeight = true;
  sheet.freezePanes.unfreeze();
  // Manual page breaks (the 催办单's) belong to the old content (ExcelApi 1.9, as pageLayout).
  if (features.pageLayout) sheet.horizontalPageBreaks.removePageBreaks();
}

/**
 * The user's cells on a reused generated sheet become null in a chunk (values and formats): a range write
 * leaves such a cell exactly as it is, its note included.
 */
function holdCells(chunk: RowChunk, keep: readonly string[]): RowChunk {
  const held = keep.flatMap((address) => {
    const area = parseRange(address);
    if (!area) return [];
    const r = area.top - chunk.row;
    const c = area.left - chunk.col;
    return r >= 0 && r < chunk.rows && c >= 0 && c < chunk.columns ? [{ r, c }] : [];
  });
  if (held.length === 0) return chunk;
  const data = chunk.data.map((row) => [...row]);
  const formats = chunk.formats?.map((row) => [...row]);
  for (const { r, c } of held) {
    const row = data[r];
    if (row) row[c] = null;
    const f = formats?.[r];
    if (f) f[c] = null;
  }
  return { ...chunk, data, ...(formats ? { formats } : {}) };
}

/**
 * A generated sheet rebuilt around the user's cells: only the earlier build's merges and untouched cells are
 * cleared, "Contents" then "Formats" (ExcelApi 1.1): unlike "All", neither takes a cell's note or comment.
 */
function clearOwned(sheet: Excel.Worksheet, reuse: SheetReuse): void {
  for (const range of reuse.unmerge) sheet.getRange(range).unmerge();
  for (const range of reuse.clear) {
    const r = sheet.getRange(range);
    r.clear("Contents");
    r.clear("Formats");
  }
}

function writeChunk(sheet: Excel.Worksheet, chunk: Write): void {
  const range = sheet.getRangeByIndexes(chunk.row, chunk.col, chunk.rows, chunk.columns);
  if (!("data" in chunk)) {
    range.numberFormat = chunk.formats;
    return;
  }
  // Number formats first: "@" must be in place before text such as "=SUM(A1)" arrives.
  if (chunk.formats !== undefined) range.numberFormat = chunk.formats;
  if (chunk.useFormulas) range.formulas = chunk.data;
  else range.values = chunk.data;
}

type SheetChunk = Write & { sheet: string };

/** Batches of chunks tagged with their sheet; at least one batch so that the phase's sync count is fixed. */
function batchesFor(items: { sheet: string; chunks: Write[] }[]): SheetChunk[][] {
  const tagged = items.flatMap(({ sheet, chunks }) =>
    chunks.map((chunk): SheetChunk => ({ ...chunk, sheet })),
  );
  const batches = packBatches(tagged);
  return batches.length > 0 ? batches : [[]];
}

/** Plan table names that another, surviving sheet already uses get a numeric suffix. */
function tableNames(plan: WorkbookPlan, existing: { name: string; sheet: string }[], freed: Set<string>) {
  const taken = new Set(existing.filter((t) => !freed.has(t.sheet)).map((t) => t.name.toLowerCase()));
  const names = new Map<string, string>();
  for (const op of plan.ops) {
    if (op.kind === "copy") continue;
    for (const t of op.tables) {
      let name = t.name;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${t.name}_${n}`;
      taken.add(name.toLowerCase());
      names.set(t.name, name);
    }
  }
  return names;
}

export interface RenderOptions {
  features: ExcelFeatures;
  onProgress?: ProgressListener | undefined;
}

export async function renderPlan(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  { features, onProgress }: RenderOptions,
): Promise<ApplyResult> {
  const prepared = prepare(plan, features);
  const { workbook } = context;
  const skipped = new Set<HostFeature>();
  if (!features.undoGroup) skipped.add("undoGroup");

  const newBatches = batchesFor(prepared.news.map(({ op, chunks }) => ({ sheet: op.name, chunks })));
  const edits = prepared.edits;
  const editNames = edits.map((e) => e.op.name);
  const editBatches = batchesFor(edits.map((e) => ({ sheet: e.op.name, chunks: e.chunks })));
  const formatBatches = batchesFor(prepared.newFormats);
  // The user's sheets' number formats before the deferred formulas, as formatSheet wrote them before.
  const lateBatches = batchesFor([...prepared.editFormats, ...prepared.deferred]);
  const total =
    APPLY_SYNCS + [newBatches, formatBatches, editBatches, lateBatches].reduce((n, b) => n + b.length - 1, 0);
  let done = 0;
  const progressed = (): void => onProgress?.(++done / total);

  // 1. probe
  const sheets = workbook.worksheets;
  // Worksheet proxies stay valid across syncs of one Excel.run: reuse them rather than look up again.
  const targets = new Map<string, Excel.Worksheet>();
  const target = (name: string): Excel.Worksheet => targets.get(name) ?? sheets.getItem(name);
  const writeBatch = (batch: SheetChunk[]): void => {
    context.application.suspendApiCalculationUntilNextSync();
    for (const chunk of batch) writeChunk(target(chunk.sheet), chunk);
  };
  sheets.load("items/name");
  const tables = workbook.tables;
  tables.load("items/name,items/worksheet/name");
  // The tool's earlier charts on a generated sheet it writes again (统计表): deleted in phase 2, the user's kept.
  const chartSheets = new Set(
    prepared.news.filter(({ op }) => op.charts !== undefined).map(({ op }) => op.name),
  );
  const oldCharts = plan.replaces
    .filter((name) => chartSheets.has(name))
    .map((name) => {
      const sheet = sheets.getItemOrNullObject(name);
      sheet.charts.load("items/name");
      return sheet;
    });
  const editTables = editNames.map((name) => {
    targets.set(name, sheets.getItem(name));
    const t = target(name).tables;
    t.load("items/name");
    return t;
  });
  // The user's own footers (ExcelApi 1.9), kept: page numbers only go on a ledger without one.
  const editFooters = features.pageLayout
    ? editNames.map((name) => {
        const f = target(name).pageLayout.headersFooters.defaultForAllPages;
        f.load("leftFooter,centerFooter,rightFooter");
        return [name, f] as const;
      })
    : [];
  await context.sync();
  progressed();

  const existing = new Set(sheets.items.map((s) => s.name));
  // A dated copy's source is a generated sheet written again right after it is copied: not protected.
  const backups = prepared.copies.filter((c) => c.role === "backup");
  const protectedNames = new Set([...backups.map((c) => c.from), ...editNames]);
  const replaces = new Set(plan.replaces.filter((n) => existing.has(n) && !protectedNames.has(n)));
  for (const op of [...prepared.copies, ...prepared.news.map((n) => n.op)]) {
    if (existing.has(op.name) && !replaces.has(op.name)) throw hostError("SheetNameTaken", op.name);
  }
  const names = tableNames(
    plan,
    tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
    new Set([...replaces, ...editNames]),
  );
  const ownFooters = new Set(
    editFooters.filter(([, f]) => f.leftFooter || f.centerFooter || f.rightFooter).map(([name]) => name),
  );
  const ctx: FormatContext = { features, skipped, tableNames: names, ownFooters };

  // 2. backup first of all, then the replaced (generated) sheets
  const copyNames = new Set(prepared.copies.map((c) => c.name));
  for (const op of prepared.copies) {
    if (replaces.has(op.name)) sheets.getItem(op.name).delete();
    const copy = sheets.getItem(op.from).copy("End");
    copy.name = op.name;
    copy.visibility = op.visibility === "hidden" ? "Hidden" : "Visible";
    targets.set(op.name, copy);
  }
  for (const sheet of oldCharts) if (!sheet.isNullObject) deleteOwnCharts(sheet.charts);
  // A replaced sheet that the plan creates again is reused: formulas and lists elsewhere point at it.
  const newNames = new Set(prepared.news.map(({ op }) => op.name));
  const reuses = new Map(prepared.news.flatMap(({ op }) => (op.reuse ? [[op.name, op.reuse] as const] : [])));
  for (const name of replaces) {
    if (copyNames.has(name)) continue;
    const sheet = sheets.getItem(name);
    if (!newNames.has(name)) {
      sheet.delete();
      continue;
    }
    const reuse = reuses.get(name);
    if (reuse) {
      // The user's cells (and every note) stay: only what the earlier build wrote is cleared.
      clearOwned(sheet, reuse);
      targets.set(name, sheet);
      continue;
    }
    for (const t of tables.items) if (t.worksheet.name === name) tables.getItem(t.name).delete();
    resetSheet(sheet, features);
    targets.set(name, sheet);
  }
  await context.sync();
  progressed();

  // 3. generated sheets: add those not reused, write values
  for (const { op } of prepared.news) if (!targets.has(op.name)) targets.set(op.name, sheets.add(op.name));
  await syncEach(context, newBatches, writeBatch, progressed);

  // 4. generated sheets: formats, then their number formats in chunks
  const format = (batch: SheetChunk[], i: number): void => {
    if (i === 0) for (const { op } of prepared.news) formatSheet(target(op.name), op, ctx);
    for (const chunk of batch) writeChunk(target(chunk.sheet), chunk);
  };
  await syncEach(context, formatBatches, format, progressed);

  // 5. the user's sheets, last
  edits.forEach((edit, i) => {
    const sheet = target(edit.op.name);
    const own = editTables[i];
    // Its old table (a previous run's) becomes a plain range; phase 6 adds the table again.
    if (own) for (const t of own.items) own.getItem(t.name).convertToRange();
    for (const address of edit.op.unmerge) sheet.getRange(address).unmerge();
  });
  await syncEach(context, editBatches, writeBatch, progressed);

  // 6. format the user's sheet (its table exists from here on), write the formulas that name a table,
  // order the sheets, activate, recalculate
  const finish = (batch: SheetChunk[], i: number): void => {
    if (i === 0) for (const edit of edits) formatSheet(target(edit.op.name), edit.op, ctx);
    for (const chunk of batch) writeChunk(target(chunk.sheet), chunk);
    if (i < lateBatches.length - 1) return;
    sheets.getItem(plan.activate).activate();
    // Calculation was suspended for the writes; bring formulas up to date.
    context.application.calculate("Recalculate");
  };
  await syncEach(context, lateBatches, finish, progressed);

  return { skipped: [...skipped] };
}
