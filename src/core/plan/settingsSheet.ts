import type { Field, Script } from "../fields";
import type { Settings } from "../settings";
import type { CellBlock, NewSheetPlan, PlanCell, SheetRole } from "./types";
import type { EnumLabels } from "./enumLabels";
import { columnLetter } from "../address";
import { DEFAULT_DATE_FORMAT } from "../dates";
import { inScript } from "../script";
import { absRef } from "./formulas";
import { SETTINGS_MARKER } from "../roles";
import { OWNED_ROLES, type OwnedRole } from "../owned";

/** A1 of the settings sheet: how readStoredState recognises a sheet an earlier build wrote. */

/**
 * Fixed cells the ledger's and the statistics sheet's formulas point at. Rows 4-17 always hold the same
 * keys, so the addresses never move; variable-length sections start at row 18.
 */
const SETTINGS_CELLS = {
  deadlineMonths: "B7",
  dueSoonDays: "B9",
  /** The as-of date: =TODAY() or a fixed date. */
  asOf: "B15",
  /** cppccDeadlineMonths, or deadlineMonths when none is set. */
  cppccMonths: "B16",
  /** assistDeadlineMonths, empty when 协办/会办 follow the main rule. */
  assistMonths: "B17",
} as const;

/** Columns of the dropdown lists (header in row 3, values from row 4). */
const LIST_COLUMNS = { kind: 4, role: 5, key: 6, result: 7, satisfaction: 8 } as const;
export type ListName = keyof typeof LIST_COLUMNS;
const FIRST_LIST_ROW = 3; // 0-based row 3 = sheet row 4
const VARIABLE_START = 17; // 0-based row 17 = sheet row 18

export interface SettingsSheetInput {
  name: string;
  settings: Settings;
  script: Script;
  /** The as-of date as a serial when fixed, else null (=TODAY()). */
  fixedAsOf: number | null;
  tableName: string;
  labels: EnumLabels;
  sheets: Partial<Record<SheetRole, string>>;
  generatedColumns: { status: string; due?: string };
  /** Recognised layout: field → column index and header, for people and the add-in. */
  columns: { field: Field; index: number; header: string }[];
  /** Mapping corrections in force (user's plus the build's own pins): field → index or null. */
  mapping: Partial<Record<Field, number | null>>;
  /** The ledger's further sheets (after the first), with their backups and tables. */
  parts: { sheet: string; backup: string; table: string }[];
  /** Exact department values the figures leave out. */
  excludedValues: string[];
  /** The cells the build writes on its generated sheets, encoded (owned.ts encodeOwned), for the next build. */
  owned?: Partial<Record<OwnedRole, string[]>>;
}

/** Absolute reference to a dropdown list on the settings sheet, for data validation. */
export function listSource(sheetName: string, list: ListName, length: number): string {
  const col = columnLetter(LIST_COLUMNS[list]);
  return absRef(sheetName, `${col}${FIRST_LIST_ROW + 1}:${col}${FIRST_LIST_ROW + Math.max(length, 1)}`);
}

export function settingsRef(sheetName: string, cell: keyof typeof SETTINGS_CELLS): string {
  return absRef(sheetName, SETTINGS_CELLS[cell]);
}

const text = (v: string): PlanCell => ({ t: "text", v });
const num = (v: number): PlanCell => ({ t: "number", v });
const opt = (v: string | number | undefined): PlanCell =>
  v === undefined ? text("") : typeof v === "number" ? num(v) : text(v);

/** The hidden settings sheet: rule settings, mapping, generated names and the dropdown lists. */
export function buildSettingsSheet(input: SettingsSheetInput): NewSheetPlan {
  const { settings: s, script } = input;
  const zh = (t: string): PlanCell => text(inScript(t, script));
  const row = (key: string, value: PlanCell, note: string): PlanCell[] => [text(key), value, zh(note)];
  const fixed: PlanCell[][] = [
    row("organisation", text(s.organisation), "单位名称（汇报材料中的称谓）"),
    row("year", opt(s.year), "年度"),
    row("asOf", opt(s.asOf), "固定的统计截止日期（空 = 每天自动取当天）"),
    row("deadlineMonths", num(s.deadlineMonths), "办理时限：交办后几个月"),
    row("cppccDeadlineMonths", opt(s.cppccDeadlineMonths), "政协提案办理时限（月，空 = 同上）"),
    row("dueSoonDays", num(s.dueSoonDays), "几天内到期算“即将到期”"),
    row("resultScheme", text(s.resultScheme), "办理结果分类方式"),
    row("script", text(script), "文字：simplified 简体 / traditional 繁体"),
    row("locale", text(s.locale), "提示语言"),
    row("sheet", opt(s.sheet), "指定的台账工作表（空 = 自动识别）"),
    row("table", text(input.tableName), "台账表格名称"),
    row(
      "calc.asOf",
      input.fixedAsOf === null ? { t: "formula", f: "TODAY()" } : { t: "date", v: input.fixedAsOf },
      "统计截止日期（公式引用此格）",
    ),
    row(
      "calc.cppccDeadlineMonths",
      num(s.cppccDeadlineMonths ?? s.deadlineMonths),
      "政协提案办理时限（公式引用此格）",
    ),
    row("assistDeadlineMonths", opt(s.assistDeadlineMonths), "协办/会办时限：交办后几个月（空 = 同主办）"),
  ];

  const variable: PlanCell[][] = [];
  for (const [role, name] of Object.entries(input.sheets))
    variable.push(row(`sheet.${role}`, text(name), "生成的工作表"));
  variable.push(row("generatedColumn.status", text(input.generatedColumns.status), "生成的列：时限状态"));
  if (input.generatedColumns.due !== undefined) {
    variable.push(row("generatedColumn.due", text(input.generatedColumns.due), "生成的列：办理时限（计算）"));
  }
  for (const c of input.columns)
    variable.push([text(`column.${c.field}`), text(columnLetter(c.index)), text(c.header)]);
  for (const [field, index] of Object.entries(input.mapping)) {
    variable.push(
      row(
        `mapping.${field}`,
        text(index === null || index === undefined ? "" : columnLetter(index)),
        "列对应的更正（空 = 不对应）",
      ),
    );
  }
  for (const part of input.parts) {
    variable.push(row("part.sheet", text(part.sheet), "台账的其他工作表"));
    variable.push(row("part.backup", text(part.backup), "该工作表的原表备份"));
    variable.push(row("part.table", text(part.table), "该工作表的台账表格名称"));
  }
  for (const name of s.excludeDepartments)
    variable.push(row("excludeDepartment", text(name), "不计入统计的承办单位"));
  for (const v of input.excludedValues) variable.push(row("excludeValue", text(v), "台账中被排除的单位写法"));
  for (const role of OWNED_ROLES) {
    for (const chunk of input.owned?.[role] ?? [])
      variable.push(
        row(`owned.${role}`, text(chunk), "生成的工作表中由本工具写入的单元格（用于保留您的修改）"),
      );
  }

  const lists = input.labels.lists;
  const blocks: CellBlock[] = [
    {
      row: 0,
      col: 0,
      cells: [[text(SETTINGS_MARKER), zh("由“建议提案台账”生成和读取，请勿手工修改。")]],
    },
    { row: 2, col: 0, cells: [[zh("键"), zh("值"), zh("说明")]], style: { bold: true } },
    { row: 3, col: 0, cells: fixed },
    { row: VARIABLE_START, col: 0, cells: variable },
    {
      row: FIRST_LIST_ROW - 1,
      col: LIST_COLUMNS.kind,
      cells: [[zh("类别"), zh("办理类型"), zh("是否重点"), zh("办理结果"), zh("满意度")]],
      style: { bold: true },
    },
  ];
  for (const name of Object.keys(LIST_COLUMNS) as ListName[]) {
    blocks.push({ row: FIRST_LIST_ROW, col: LIST_COLUMNS[name], cells: lists[name].map((v) => [text(v)]) });
  }
  return {
    kind: "new",
    role: "settings",
    name: input.name,
    visibility: "hidden",
    blocks,
    styles: [
      { range: SETTINGS_CELLS.asOf, style: { numberFormat: DEFAULT_DATE_FORMAT } },
      { range: "B4:B17", style: { hAlign: "left" } },
    ],
    merges: [],
    columnWidths: [
      { index: 0, width: 28 },
      { index: 1, width: 24 },
      { index: 2, width: 40 },
      ...[4, 5, 6, 7, 8].map((index) => ({ index, width: 12 })),
    ],
    rowHeights: [],
    tables: [],
    validations: [],
    conditionalFormats: [],
  };
}
