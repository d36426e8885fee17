import { a1, columnLetter } from "../../snapshot";
import type { Field, Script } from "../../fields";
import { inScript } from "../../script";
import type { ConditionalFormatPlan, ValidationPlan } from "../types";
import type { EnumLabels } from "../enumLabels";
import type { StatusLabels } from "../labels";
import { str } from "../formulas";
import { listSource, type ListName } from "../settingsSheet";
import type { LedgerColumns } from "./columns";

/** Enumerated fields and the settings-sheet list each one's dropdown shows (both satisfaction aspects share one). */
const ENUM_FIELDS: readonly [Field, ListName][] = [
  ["kind", "kind"],
  ["role", "role"],
  ["key", "key"],
  ["result", "result"],
  ["satisfaction", "satisfaction"],
  ["satisfactionWork", "satisfaction"],
];
/** Conditional-format colours: Excel's own "light red" and "yellow" presets, and a plain yellow for blanks. */
const OVERDUE = { fill: "FFC7CE", fontColor: "9C0006" };
const DUE_SOON = { fill: "FFEB9C", fontColor: "9C5700" };
const MISSING = { fill: "FFFF00" };

/** Dropdowns on the enumerated columns, listing the settings sheet's values; other text is warned about, kept. */
export function dropdowns(
  cols: LedgerColumns,
  labels: EnumLabels,
  settingsSheet: string,
  script: Script,
): ValidationPlan[] {
  const validations: ValidationPlan[] = [];
  for (const [f, list] of ENUM_FIELDS) {
    const c = cols.mapped(f);
    if (c === undefined) continue;
    validations.push({
      range: `${a1(cols.firstRow, c)}:${a1(cols.lastRow, c)}`,
      listSource: listSource(settingsSheet, list, labels.lists[list].length),
      errorTitle: inScript("建议提案台账", script),
      errorMessage: inScript("请从下拉列表中选择。不在列表中的写法会保留，但统计时不计入该分类。", script),
      errorStyle: "warning",
    });
  }
  return validations;
}

/**
 * Live highlights, A1 formulas relative to each range's top-left cell (no structured refs: docs/EXCEL-NOTES.md):
 * missing 案由/领导/承办人/科室/deadline in yellow, overdue rows red, rows due soon amber.
 */
export function highlights(cols: LedgerColumns, status: StatusLabels): ConditionalFormatPlan[] {
  const { firstRow, lastRow, dueIdx } = cols;
  const row1 = firstRow + 1;
  const s = `$${columnLetter(cols.statusIdx)}${row1}`;
  const out: ConditionalFormatPlan[] = [];
  const missing = (c: number, extra = ""): void => {
    const cell = `${columnLetter(c)}${row1}`;
    out.push({
      range: `${a1(firstRow, c)}:${a1(lastRow, c)}`,
      formula: `AND(LEN(TRIM(${cell}))=0,${s}<>""${extra})`,
      ...MISSING,
      priority: 1,
    });
  };
  for (const f of ["title", "leader", "handler", "department"] as const) {
    const c = cols.mapped(f);
    if (c !== undefined) missing(c);
  }
  const deadlineCell = cols.mapped("dueOn") ?? cols.mapped("assignedOn");
  if (deadlineCell !== undefined && dueIdx !== undefined)
    missing(deadlineCell, `,NOT(ISNUMBER($${columnLetter(dueIdx)}${row1}))`);
  const all = `${a1(firstRow, cols.firstCol)}:${a1(lastRow, cols.lastCol)}`;
  out.push({ range: all, formula: `${s}=${str(status.overdue)}`, ...OVERDUE, priority: 2 });
  out.push({ range: all, formula: `${s}=${str(status.dueSoon)}`, ...DUE_SOON, priority: 3 });
  return out;
}
