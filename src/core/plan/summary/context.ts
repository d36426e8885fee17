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
  ledger: LedgerModel;
  stats: Stats;
  records: LedgerRecord[];
  settings: Settings;
  script: Script;
  today: number;
  settingsSheet: string;
}

/**
 * Where each engine figure sits on the statistics sheet: a key like "total", "results.A",
 * "byDepartment.民政科.replied" → A1 address. Tests compare LibreOffice's values at these cells with Stats.
 */
export type SummaryFigures = Record<string, string>;

/** A COUNTIFS criteria pair: a table column reference and its criterion. */
export type Criterion = [string, string];

/** The sheet being written and the formula pieces every section counts with. */
export interface SummaryContext {
  input: SummaryInput;
  g: Grid;
  figures: SummaryFigures;
  /** Text in the workbook's script. */
  zh(text: string): string;
  /** A text cell in the workbook's script. */
  T(text: string): PlanCell;
  /** Records where an engine figure sits (see SummaryFigures). */
  put(key: string, row: number, c: number): void;
  /** Structured reference to a mapped field's column, if the ledger has one. */
  col(f: Field): string | undefined;
  /** Structured reference to the 时限状态 column. */
  status: string;
  /** `*(dept<>"x")` factors that leave excluded departments out of a SUMPRODUCT. */
  exclProd: string;
  /** COUNTIFS over the pairs, excluded departments left out. */
  countifs(...pairs: Criterion[]): string;
  /** Sum of COUNTIFS for each of the values in range, with more criteria. */
  anyOf(range: string, values: string[], ...more: Criterion[]): string;
}

export function summaryContext(input: SummaryInput): SummaryContext {
  const L = input.ledger;
  const zh = (t: string): string => inScript(t, input.script);
  const figures: SummaryFigures = {};
  const col = (f: Field): string | undefined =>
    L.fieldColumn[f] !== undefined ? columnRef(L.table, L.fieldColumn[f]) : undefined;
  const dept = col("department");
  const excl = dept ? L.excludedValues.map((v) => `,${dept},${neCriteria(v)}`).join("") : "";
  const countifs = (...pairs: Criterion[]): string =>
    `COUNTIFS(${pairs.map(([r, c]) => `${r},${c}`).join(",")}${excl})`;
  return {
    input,
    g: new Grid(WIDTH),
    figures,
    zh,
    T: (t) => txt(zh(t)),
    put: (key, row, c) => {
      figures[key] = a1(row, c);
    },
    col,
    status: columnRef(L.table, L.statusColumn),
    exclProd: dept ? L.excludedValues.map((v) => `*(${dept}<>${str(v)})`).join("") : "",
    countifs,
    anyOf: (range, values, ...more) => values.map((v) => countifs([range, eqCriteria(v)], ...more)).join("+"),
  };
}
