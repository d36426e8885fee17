import type { CopySheetPlan, EditSheetPlan, NewSheetPlan, WorkbookPlan } from "../../core/plan/types";
import type { ApplyResult, HostFeature, ProgressListener } from "../../taskpane/host";
import { chunkBlock, packBatches, type RowChunk } from "./blocks";
import { hostError } from "./errors";
import type { ExcelFeatures } from "./features";
import { formatSheet, type FormatContext } from "./format";
import { syncEach } from "./sync";
import type { Locale } from "../../core/fields";

/**
 * Renders a WorkbookPlan into the open workbook in phases, one context.sync each:
 *   1. probe      – which sheets and tables exist (nothing written yet; name clashes fail here)
 *   2. backup     – worksheet.copy of the user's sheet first of all, then delete the replaced sheets
 *   3. new values – add the generated sheets, write their values in row chunks (calculation suspended)
 *   4. new format – styles, merges, widths, tables, validation, conditional formats, freeze, page setup
 *   5. ledger     – unmerge, retire the old table, write the user's sheet (calculation suspended)
 *   6. final      – format the user's sheet, sheet positions, activate, recalculate
 * APPLY_SYNCS = 6 whatever the row count. Phases 3 and 5 take one more sync for every further
 * BATCH_BYTES (2 MB) of estimated payload (blocks.ts), so the count depends on byte size alone:
 *   syncs = 6 + (batches(new sheets) − 1) + (batches(ledger) − 1).
 * The user's sheet is touched last: a failure before phase 5 leaves it as it was, and after phase 2
 * the backup copy exists whatever happens.
 */
export const APPLY_SYNCS = 6;

interface Prepared {
  copies: CopySheetPlan[];
  news: { op: NewSheetPlan; chunks: RowChunk[] }[];
  edit?: { op: EditSheetPlan; chunks: RowChunk[] };
}

function prepare(plan: WorkbookPlan): Prepared {
  const prepared: Prepared = { copies: [], news: [] };
  for (const op of plan.ops) {
    if (op.kind === "copy") prepared.copies.push(op);
    else if (op.kind === "new") prepared.news.push({ op, chunks: op.blocks.flatMap((b) => chunkBlock(b)) });
    else prepared.edit = { op, chunks: op.blocks.flatMap((b) => chunkBlock(b)) };
  }
  return prepared;
}

function writeChunk(sheet: Excel.Worksheet, chunk: RowChunk): void {
  const range = sheet.getRangeByIndexes(chunk.row, chunk.col, chunk.rows, chunk.columns);
  // Number formats first: "@" must be in place before text such as "=SUM(A1)" arrives.
  if (chunk.formats !== undefined) range.numberFormat = chunk.formats;
  if (chunk.useFormulas) range.formulas = chunk.data;
  else range.values = chunk.data;
}

type SheetChunk = RowChunk & { sheet: string };

/** Batches of chunks tagged with their sheet; at least one batch so that the phase's sync count is fixed. */
function batchesFor(items: { sheet: string; chunks: RowChunk[] }[]): SheetChunk[][] {
  const tagged = items.flatMap(({ sheet, chunks }) =>
    chunks.map((chunk): SheetChunk => ({ ...chunk, sheet })),
  );
  const batches = packBatches(tagged) as SheetChunk[][];
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
  locale: Locale;
  onProgress?: ProgressListener | undefined;
}

export async function renderPlan(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  { features, locale, onProgress }: RenderOptions,
): Promise<ApplyResult> {
  const prepared = prepare(plan);
  const { workbook } = context;
  const skipped = new Set<HostFeature>();
  if (!features.undoGroup) skipped.add("undoGroup");

  const newBatches = batchesFor(prepared.news.map(({ op, chunks }) => ({ sheet: op.name, chunks })));
  const edit = prepared.edit;
  const editName = edit?.op.name;
  const editBatches = batchesFor(edit ? [{ sheet: edit.op.name, chunks: edit.chunks }] : []);
  const total = APPLY_SYNCS + newBatches.length - 1 + editBatches.length - 1;
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
  if (editName !== undefined) targets.set(editName, sheets.getItem(editName));
  const editTables = editName !== undefined ? target(editName).tables : undefined;
  editTables?.load("items/name");
  await context.sync();
  progressed();

  const existing = new Set(sheets.items.map((s) => s.name));
  const protectedNames = new Set([...prepared.copies.map((c) => c.from), ...(editName ? [editName] : [])]);
  const replaces = new Set(plan.replaces.filter((n) => existing.has(n) && !protectedNames.has(n)));
  for (const op of [...prepared.copies, ...prepared.news.map((n) => n.op)]) {
    if (existing.has(op.name) && !replaces.has(op.name)) throw hostError("SheetNameTaken", locale, op.name);
  }
  const names = tableNames(
    plan,
    tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
    new Set([...replaces, ...(editName ? [editName] : [])]),
  );
  const ctx: FormatContext = { features, skipped, tableNames: names };

  // 2. backup first of all, then the replaced (generated) sheets
  const copyNames = new Set(prepared.copies.map((c) => c.name));
  for (const op of prepared.copies) {
    if (replaces.has(op.name)) sheets.getItem(op.name).delete();
    const copy = sheets.getItem(op.from).copy("End");
    copy.name = op.name;
    copy.visibility = op.visibility === "hidden" ? "Hidden" : "Visible";
    targets.set(op.name, copy);
  }
  for (const name of replaces) if (!copyNames.has(name)) sheets.getItem(name).delete();
  await context.sync();
  progressed();

  // 3. generated sheets: add them, write values
  for (const { op } of prepared.news) targets.set(op.name, sheets.add(op.name));
  await syncEach(context, newBatches, writeBatch, progressed);

  // 4. generated sheets: formats
  for (const { op } of prepared.news) formatSheet(target(op.name), op, ctx);
  await context.sync();
  progressed();

  // 5. the user's sheet, last
  if (edit && editTables) {
    const sheet = target(edit.op.name);
    // Its old table (a previous run's) becomes a plain range; phase 6 adds the table again.
    for (const t of editTables.items) editTables.getItem(t.name).convertToRange();
    for (const address of edit.op.unmerge) sheet.getRange(address).unmerge();
  }
  await syncEach(context, editBatches, writeBatch, progressed);

  // 6. format the user's sheet, order the sheets, activate, recalculate
  if (edit) formatSheet(target(edit.op.name), edit.op, ctx);
  const positioned: { name: string; position: number }[] = [];
  for (const op of plan.ops) {
    if (op.kind !== "edit" && op.position !== undefined)
      positioned.push({ name: op.name, position: op.position });
  }
  positioned.sort((a, b) => a.position - b.position);
  for (const { name, position } of positioned) target(name).position = position;
  sheets.getItem(plan.activate).activate();
  // Calculation was suspended for the writes; bring formulas up to date.
  context.application.calculate("Recalculate");
  await context.sync();
  progressed();

  return { skipped: [...skipped] };
}
