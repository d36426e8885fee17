import type { Script } from "../../fields";
import type { Rollup, RollupRow } from "../../rollup";
import { KIND_LABEL, RESULT_LABEL, ROLE_LABEL, SATISFACTION_LABEL } from "../../enums";
import { inScript } from "../../script";
import { a1 } from "../../snapshot";
import type { NewSheetPlan, PlanCell } from "../types";
import { fitCellText, TRUNCATED_MARK } from "../names";
import { Grid, LIST_CELL, TABLE_HEADER, num, txt } from "../grid";

/** The roll-up table's name (汇总统计's formulas count it). */
export const ROLLUP_TABLE = "汇总台账表";

/** 汇总台账's columns in order; `COL` names each one for the formulas. */
export const COLUMNS = [
  "unit",
  "id",
  "kind",
  "title",
  "proposer",
  "role",
  "department",
  "handler",
  "assignedOn",
  "due",
  "repliedOn",
  "replied",
  "result",
  "satisfaction",
  "counted",
  "file",
  "sheet",
  "row",
] as const;
export type RollupColumn = (typeof COLUMNS)[number];

const HEADERS: Record<RollupColumn, string> = {
  unit: "承办单位",
  id: "编号",
  kind: "类别",
  title: "案由",
  proposer: "提案人",
  role: "办理类型",
  department: "承办科室",
  handler: "承办人",
  assignedOn: "交办日期",
  due: "办理时限",
  repliedOn: "答复日期",
  replied: "已答复",
  result: "办理结果",
  satisfaction: "满意度",
  counted: "计入合计",
  file: "来源文件",
  sheet: "来源工作表",
  row: "来源行",
};
const WIDTHS: Record<RollupColumn, number> = {
  unit: 18,
  id: 10,
  kind: 10,
  title: 40,
  proposer: 12,
  role: 9,
  department: 14,
  handler: 10,
  assignedOn: 12,
  due: 12,
  repliedOn: 12,
  replied: 8,
  result: 9,
  satisfaction: 10,
  counted: 9,
  file: 24,
  sheet: 14,
  row: 7,
};

/** The header of each column in the workbook's script. */
export function rollupHeaders(script: Script): Record<RollupColumn, string> {
  const out = {} as Record<RollupColumn, string>;
  for (const c of COLUMNS) out[c] = inScript(HEADERS[c], script);
  return out;
}

/** The labels the table writes and 汇总统计 counts, in the workbook's script. */
export function rollupLabels(script: Script) {
  const z = (t: string): string => inScript(t, script);
  return {
    yes: z("是"),
    no: z("否"),
    lead: z(ROLE_LABEL.lead),
    assist: z(ROLE_LABEL.assist),
    joint: z(ROLE_LABEL.joint),
    result: { A: z(RESULT_LABEL.A), B: z(RESULT_LABEL.B), C: z(RESULT_LABEL.C), D: z(RESULT_LABEL.D) },
    satisfied: z(SATISFACTION_LABEL.satisfied),
    basic: z(SATISFACTION_LABEL.basic),
    unsatisfied: z(SATISFACTION_LABEL.unsatisfied),
  };
}

const text = (v: string | undefined): PlanCell =>
  v === undefined || v === "" ? { t: "empty" } : txt(fitCellText(v, TRUNCATED_MARK));
const date = (v: number | undefined): PlanCell => (v === undefined ? { t: "empty" } : { t: "date", v });

/**
 * 汇总台账: every unit's items in one table, the unit, the source file, sheet and row kept, and the facts
 * 汇总统计 counts: the deadline in force under the unit's own rules, 已答复 (a date or other evidence, progress.ts)
 * and 计入合计 (1, or 0 for the other units' rows of an item several units handle). One empty row when no unit
 * has items (a table needs a data row).
 */
export function rollupLedgerSheet<F>(r: Rollup<F>, name: string): NewSheetPlan {
  const headers = rollupHeaders(r.script);
  const labels = rollupLabels(r.script);
  const z = (t: string): string => inScript(t, r.script);
  const g = new Grid(COLUMNS.length);
  g.add(COLUMNS.map((c) => txt(headers[c])));
  g.style(0, 0, COLUMNS.length - 1, TABLE_HEADER);
  g.height(0, 30);
  const cellOf = (row: RollupRow): PlanCell[] => {
    const rec = row.record;
    return COLUMNS.map((c): PlanCell => {
      switch (c) {
        case "unit":
          return txt(row.unit);
        case "kind":
          return rec.kind ? txt(z(KIND_LABEL[rec.kind])) : text(rec.invalid.kind);
        case "role":
          return rec.role ? txt(labels[rec.role]) : text(rec.invalid.role);
        case "result":
          return rec.result ? txt(labels.result[rec.result]) : text(rec.invalid.result);
        case "satisfaction":
          return rec.satisfaction ? txt(z(SATISFACTION_LABEL[rec.satisfaction])) : { t: "empty" };
        case "assignedOn":
        case "repliedOn":
          return date(rec[c]);
        case "due":
          return date(row.due);
        case "replied":
          return txt(row.replied ? labels.yes : labels.no);
        case "counted":
          return num(row.counted ? 1 : 0);
        case "file":
          return txt(row.file);
        case "sheet":
          return text(rec.sheet);
        case "row":
          return num(rec.row);
        default:
          return text(rec[c]);
      }
    });
  };
  for (const u of r.units) for (const row of u.rows) g.add(cellOf(row));
  if (g.rows.length === 1) g.add();
  const last = g.rows.length - 1;
  g.style(1, 0, COLUMNS.length - 1, { ...LIST_CELL, wrap: false }, last);
  return {
    kind: "new",
    role: "ledger",
    name,
    visibility: "visible",
    blocks: [g.block()],
    styles: g.styles,
    merges: [],
    columnWidths: COLUMNS.map((c, index) => ({ index, width: WIDTHS[c] })),
    rowHeights: g.heights,
    tables: [
      {
        name: ROLLUP_TABLE,
        range: `A1:${a1(last, COLUMNS.length - 1)}`,
        columns: COLUMNS.map((c) => headers[c]),
        style: "TableStyleMedium2",
        calculated: [],
      },
    ],
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 1, columns: 1 },
  };
}
