import type { Field, Kind, Role } from "../../fields";
import { foldKey, inScript } from "../../script";
import { matchHeader } from "../../headers";
import type { EditSheetPlan } from "../types";
import { enumLabels } from "../enumLabels";
import { statusLabels } from "../labels";
import { TRUNCATED_MARK } from "../names";
import type { LedgerInput, LedgerModel } from "./model";
import { ledgerColumns } from "./columns";
import { ledgerValues } from "./values";
import { ledgerHeader } from "./header";
import { ledgerTable } from "./table";
import { dropdowns, highlights } from "./rules";
import { ledgerPage } from "./page";

export { pageFooter } from "./page";

export type { LedgerInput, LedgerModel } from "./model";

/**
 * The ledger edited in place: merges in the table area undone and their values filled, a two-row header
 * flattened into its lower row, dates and enumerations rewritten, one table with a 时限状态 column (and a
 * computed deadline when needed), dropdowns, highlights and a frozen header. Only changed columns are written,
 * so formulas and formats elsewhere in the user's sheet stay as they are.
 */
export function buildLedgerSheet(input: LedgerInput): { op: EditSheetPlan; model: LedgerModel } {
  const { sheet, settings, script } = input;
  const labels = enumLabels(settings, script);
  const status = statusLabels(script);
  const cols = ledgerColumns(input);
  const { headerRow, firstRow, lastRow, statusIdx, dueIdx, nameOf, mapped } = cols;

  const values = ledgerValues(
    sheet,
    input.records,
    cols,
    labels,
    input.date1904 === true,
    inScript(TRUNCATED_MARK, script),
  );
  const header = ledgerHeader(sheet, cols);

  const excludeKeys = new Set(settings.excludeDepartments.map((d) => foldKey(d.trim())));
  const excludedValues = [...values.departments].filter((d) => excludeKeys.has(foldKey(d.trim()))).sort();

  // Pins: a generated header that the recognizer would read as a field must not become that field next time.
  const mapping: Partial<Record<Field, number | null>> = { ...(settings.mapping ?? {}) };
  for (const c of [statusIdx, dueIdx]) {
    if (c === undefined) continue;
    const match = matchHeader(nameOf(c));
    if (match && mapping[match.field] === undefined) mapping[match.field] = mapped(match.field) ?? null;
  }

  const op: EditSheetPlan = {
    kind: "edit",
    role: "ledger",
    name: sheet.name,
    visibility: "visible",
    unmerge: header.unmerge,
    blocks: [...values.blocks, ...header.blocks],
    styles: [...values.styles, ...header.styles],
    merges: [],
    columnWidths: [statusIdx, dueIdx]
      .filter((c): c is number => c !== undefined)
      .map((index) => ({ index, width: 12 })),
    rowHeights: [],
    tables: [ledgerTable(input.table, cols, labels, status, input.settingsSheet)],
    validations: dropdowns(cols, labels, input.settingsSheet, script),
    conditionalFormats: highlights(cols, status),
    freeze: { rows: headerRow + 1, columns: 0 },
    page: ledgerPage(sheet, cols, script),
  };
  const model: LedgerModel = {
    sheet: sheet.name,
    table: input.table,
    fieldColumn: cols.fieldColumn,
    statusColumn: cols.statusName,
    ...(cols.dueName !== undefined ? { dueColumn: cols.dueName } : {}),
    status,
    labels,
    excludedValues,
    mapping,
    columns: [...cols.fieldAt].map(([index, field]) => ({ field, index, header: nameOf(index) })),
    ...sheetGiven(input),
    headerRow: headerRow + 1,
    firstRow: firstRow + 1,
    lastRow: lastRow + 1,
  };
  return { op, model };
}

/** 类别 / 办理类型 every row has without a column for it: the sheet's name or title gave it (analyze.ts). */
function sheetGiven(input: LedgerInput): { sheetKind?: Kind; sheetRole?: Role } {
  const only = <T>(values: (T | undefined)[]): T | undefined => {
    const set = new Set(values);
    const [one] = set;
    return set.size === 1 ? one : undefined;
  };
  const { mapping } = input.layout;
  const kind = mapping.kind === undefined ? only(input.records.map((r) => r.kind)) : undefined;
  const role = mapping.role === undefined ? only(input.records.map((r) => r.role)) : undefined;
  return {
    ...(kind !== undefined ? { sheetKind: kind } : {}),
    ...(role !== undefined ? { sheetRole: role } : {}),
  };
}
