import type { Field, LedgerRecord, Script } from "../../fields";
import type { Settings } from "../../settings";
import type { Stats } from "../../stats.types";
import { inScript } from "../../script";
import { a1 } from "../../snapshot";
import type { PlanCell } from "../types";
import type { LedgerModel } from "../ledger";
import { columnRef, eqCriteria, neCriteria, str } from "../formulas";
import { Grid, txt } from "../grid";
import { WIDTH } from "./layout";

export interface SummaryInput {
  name: string;
  /** The first ledger table: its labels and status names are every table's (one script per workbook). */
  ledger: LedgerModel;
  /** Every ledger table (one per sheet of a ledger kept over several sheets), the first one first. */
  ledgers: LedgerModel[];
  stats: Stats;
  records: LedgerRecord[];
  settings: Settings;
  script: Script;
  today: number;
  settingsSheet: string;
  /** The workbook counts dates from 1904: date cells are written as its serials. */
  date1904?: boolean;
}

/**
 * Where each engine figure sits on the statistics sheet: a key like "total", "results.A",
 * "byDepartment.民政科.replied" → A1 address. Tests compare LibreOffice's values at these cells with Stats.
 */
export type SummaryFigures = Record<string, string>;

/** A table column: a mapped field, the 时限状态 column or the computed deadline. */
export type ColumnKey = Field | "status" | "due";

/** A COUNTIFS condition: the column and the exact value it must hold. */
export type Criterion = [ColumnKey, string];

/** Where the figures the charts show sit (0-based rows; A1 ranges), recorded by the sections that write them. */
export interface ChartData {
  /** 办理结果: class labels and counts. */
  results?: { labels: string; values: string };
  /** 满意度: the first three evaluations (满意, 基本满意, 不满意) of each aspect's table. */
  satisfaction?: { name: string; labels: string; values: string }[];
  /** 各承办科室: the table's rows (names in B, 已答复 in D, 未答复 in E). */
  departments?: { first: number; last: number };
}

/** The sheet being written and the formula pieces every section counts with. */
export interface SummaryContext {
  input: SummaryInput;
  g: Grid;
  figures: SummaryFigures;
  chartData: ChartData;
  /** Text in the workbook's script. */
  zh(text: string): string;
  /** A text cell in the workbook's script. */
  T(text: string): PlanCell;
  /** Records where an engine figure sits (see SummaryFigures). */
  put(key: string, row: number, c: number): void;
  /** Whether some table has the field: a column of its own, or (类别, 办理类型) its sheet's value for every row. */
  has(f: Field): boolean;
  /**
   * Items meeting every condition, excluded departments left out: a COUNTIFS per table, added up. A table
   * without the column counts none, except 类别/办理类型 given by its sheet, which hold for all of its rows or none.
   */
  countifs(...pairs: Criterion[]): string;
  /** Sum of countifs for each of the values of one column, with more conditions. */
  anyOf(key: ColumnKey, values: string[], ...more: Criterion[]): string;
  /**
   * A SUMPRODUCT per table over `body` (given the table's column references; undefined leaves the table out),
   * excluded departments left out, added up; "0" when no table has what it needs.
   */
  sumproduct(body: (ref: (k: ColumnKey) => string | undefined) => string | undefined): string;
}

/** Sum of per-table terms, "0" when there are none. */
function added(terms: (string | null | undefined)[]): string {
  const kept = terms.filter((t): t is string => t !== null && t !== undefined);
  return kept.length > 0 ? kept.join("+") : "0";
}

export function summaryContext(input: SummaryInput): SummaryContext {
  const zh = (t: string): string => inScript(t, input.script);
  const figures: SummaryFigures = {};
  const refIn = (L: LedgerModel, k: ColumnKey): string | undefined => {
    const name = k === "status" ? L.statusColumn : k === "due" ? L.dueColumn : L.fieldColumn[k];
    return name !== undefined ? columnRef(L.table, name) : undefined;
  };
  const exclProd = (L: LedgerModel): string => {
    const dept = refIn(L, "department");
    return dept ? L.excludedValues.map((v) => `*(${dept}<>${str(v)})`).join("") : "";
  };
  const excl = (L: LedgerModel): string => {
    const dept = refIn(L, "department");
    return dept ? L.excludedValues.map((v) => `,${dept},${neCriteria(v)}`).join("") : "";
  };
  /** The sheet-given value of 类别/办理类型 for a table without that column, as the ledger writes it. */
  const sheetValue = (L: LedgerModel, k: ColumnKey): string[] | undefined => {
    if (k === "kind" && L.sheetKind !== undefined) return [L.labels.kind[L.sheetKind]];
    if (k === "role" && L.sheetRole !== undefined) return [L.labels.role[L.sheetRole]];
    return undefined;
  };
  const countIn = (L: LedgerModel, pairs: Criterion[]): string | null => {
    const kept: string[] = [];
    for (const [k, value] of pairs) {
      const ref = refIn(L, k);
      if (ref !== undefined) {
        kept.push(`${ref},${eqCriteria(value)}`);
        continue;
      }
      const given = sheetValue(L, k);
      if (given === undefined || !given.includes(value)) return null;
    }
    if (kept.length === 0) return `SUMPRODUCT(--(${refIn(L, "status") ?? '""'}<>"")${exclProd(L)})`;
    return `COUNTIFS(${kept.join(",")}${excl(L)})`;
  };
  const countifs = (...pairs: Criterion[]): string => added(input.ledgers.map((L) => countIn(L, pairs)));
  return {
    input,
    g: new Grid(WIDTH),
    figures,
    chartData: {},
    zh,
    T: (t) => txt(zh(t)),
    put: (key, row, c) => {
      figures[key] = a1(row, c);
    },
    has: (f) => input.ledgers.some((L) => refIn(L, f) !== undefined || sheetValue(L, f) !== undefined),
    countifs,
    anyOf: (key, values, ...more) => values.map((v) => countifs([key, v], ...more)).join("+"),
    sumproduct: (body) =>
      added(
        input.ledgers.map((L) => {
          const b = body((k) => refIn(L, k));
          return b === undefined ? null : `SUMPRODUCT(${b}${exclProd(L)})`;
        }),
      ),
  };
}
