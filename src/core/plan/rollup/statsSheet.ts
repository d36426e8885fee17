import type { Rollup } from "../../rollup";
import { inScript } from "../../script";
import { a1 } from "../../snapshot";
import { absoluteA1 } from "../../address";
import { CHART_NAME_PREFIX, type ChartPlan, type NewSheetPlan, type PlanCell } from "../types";
import { columnRef, eqCriteria, str } from "../formulas";
import { Grid, TABLE_HEADER, fx, num, printedSheet, rowHeightFor, txt } from "../grid";
import { FONT_BODY, PERCENT, S_CELL, S_NOTE, S_NUM, S_TITLE } from "../summary/layout";
import { ROLLUP_TABLE, rollupHeaders, rollupLabels, type RollupColumn } from "./ledgerSheet";

/** Where each engine figure sits: "<unit>.replied", "total.results.A" … → A1 (tests compare LibreOffice's values). */
export type RollupFigures = Record<string, string>;

/** Columns A:N. */
const HEAD = [
  "序号",
  "承办单位",
  "件数",
  "主办",
  "协办",
  "已办复",
  "办复率",
  "按期办复",
  "按期办复率",
  "超期",
  "A类",
  "B类",
  "C类",
  "满意率",
];
const WIDTH = HEAD.length;
const WIDTHS = [6, 24, 8, 8, 8, 8, 9, 9, 10, 8, 7, 7, 7, 9];
/** The figure each column holds (Stats' key), by 0-based column. */
const KEYS: Record<number, string> = {
  2: "total",
  3: "byRole.lead",
  4: "byRole.assist",
  5: "replied",
  6: "replyRate",
  7: "onTime",
  8: "onTimeReplyRate",
  9: "overdue",
  10: "results.A",
  11: "results.B",
  12: "results.C",
  13: "satisfactionRate",
};
const RATES = new Set([6, 8, 13]);
/** Rows of 20 points per unit the chart needs, at least CHART_ROWS (about 10 cm). */
const CHART_ROWS = 16;
const SHADES = ["1F4E79", "BDD7EE"];

/**
 * 汇总统计: a row per unit (by 件数, most first) and the city's 合计, every figure a COUNTIFS or SUMPRODUCT over
 * 汇总台账's table against the as-of cell (=TODAY() unless a date was given), so the sheet stays right when opened
 * later. The 合计 row counts only rows whose 计入合计 is 1: an item several units handle counts once, under the
 * 主办 unit's row (said in a note row). A clustered bar chart of 件数 and 已办复 per unit follows.
 */
export function rollupStatsSheet<F>(
  r: Rollup<F>,
  name: string,
  issuesSheet: string,
): { op: NewSheetPlan; figures: RollupFigures } {
  const z = (t: string): string => inScript(t, r.script);
  const T = (t: string): PlanCell => txt(z(t));
  const h = rollupHeaders(r.script);
  const L = rollupLabels(r.script);
  const col = (c: RollupColumn): string => columnRef(ROLLUP_TABLE, h[c]);
  const g = new Grid(WIDTH);
  const figures: RollupFigures = {};

  const title = g.add([T(`${r.year !== null ? `${r.year}年度` : ""}各单位建议提案办理情况汇总表`)]);
  g.merge(title, 0, WIDTH - 1);
  g.style(title, 0, WIDTH - 1, S_TITLE);
  g.height(title, 32);
  const asOfRow = g.add([
    T("统计截止日期："),
    undefined,
    r.asOfFixed ? { t: "date", v: r.today } : fx("TODAY()"),
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    T("单位：件"),
  ]);
  g.merge(asOfRow, 0, 1);
  g.merge(asOfRow, 2, 4);
  g.merge(asOfRow, 11, WIDTH - 1);
  g.style(asOfRow, 0, WIDTH - 1, { fontName: FONT_BODY, fontSize: 12, vAlign: "middle" });
  g.style(asOfRow, 0, 1, { hAlign: "right" });
  g.style(asOfRow, 2, 4, { numberFormat: 'yyyy"年"m"月"d"日"', hAlign: "left" });
  g.style(asOfRow, 11, WIDTH - 1, { hAlign: "right" });
  figures.asOf = a1(asOfRow, 2);
  const asOf = absoluteA1(a1(asOfRow, 2));

  const head = g.add(HEAD.map((t) => T(t)));
  g.style(head, 0, WIDTH - 1, TABLE_HEADER);
  g.height(head, 30);

  /** COUNTIFS criteria pairs and the SUMPRODUCT mask of one row's scope: a unit, or the counted rows. */
  type Scope = { pairs: string; mask: string };
  const figureRow = (label: PlanCell, index: PlanCell, scope: Scope, prefix: string): number => {
    const r0 = g.next;
    const at = (c: number): string => a1(r0, c);
    const count = (...more: [RollupColumn, string][]): string =>
      `COUNTIFS(${scope.pairs}${more.map(([c, v]) => `,${col(c)},${eqCriteria(v)}`).join("")})`;
    const ratio = (part: number): string => `IF(${at(2)}=0,"",${at(part)}/${at(2)})`;
    const sat = count(["satisfaction", L.satisfied]);
    const basic = count(["satisfaction", L.basic]);
    const unsat = count(["satisfaction", L.unsatisfied]);
    const replied = `(${col("replied")}=${str(L.yes)})`;
    const dated = `ISNUMBER(${col("repliedOn")})*ISNUMBER(${col("due")})*(${col("repliedOn")}<=${col("due")})`;
    g.add([
      index,
      label,
      fx(count()),
      fx(count(["role", L.lead])),
      fx(`${count(["role", L.assist])}+${count(["role", L.joint])}`),
      fx(count(["replied", L.yes])),
      fx(ratio(5)),
      fx(`SUMPRODUCT(${scope.mask}*${replied}*${dated})`),
      fx(ratio(7)),
      fx(`COUNTIFS(${scope.pairs},${col("replied")},${eqCriteria(L.no)},${col("due")},"<"&${asOf})`),
      fx(count(["result", L.result.A])),
      fx(count(["result", L.result.B])),
      fx(count(["result", L.result.C])),
      fx(`IF(${sat}+${basic}+${unsat}=0,"",(${sat}+${basic})/(${sat}+${basic}+${unsat}))`),
    ]);
    for (const [c, key] of Object.entries(KEYS)) figures[`${prefix}.${key}`] = at(Number(c));
    g.style(r0, 0, 0, S_NUM);
    g.style(r0, 1, 1, { ...S_CELL, wrap: true });
    g.style(r0, 2, WIDTH - 1, S_NUM);
    for (const c of RATES) g.style(r0, c, c, { numberFormat: PERCENT });
    return r0;
  };

  const first = g.next;
  r.units.forEach((u, i) => {
    const row = figureRow(
      txt(u.name),
      num(i + 1),
      { pairs: `${col("unit")},${eqCriteria(u.name)}`, mask: `(${col("unit")}=${str(u.name)})` },
      u.name,
    );
    g.height(row, Math.max(20, rowHeightFor(u.name, 12, 16)));
  });
  const last = g.next - 1;
  // The label in A, merged over A:B.
  const totalRow = figureRow(
    { t: "empty" },
    T("合计（同一件只计一次）"),
    { pairs: `${col("counted")},1`, mask: `(${col("counted")}=1)` },
    "total",
  );
  g.merge(totalRow, 0, 1);
  g.style(totalRow, 0, WIDTH - 1, { bold: true, fill: "F2F2F2" });
  g.height(totalRow, 22);

  const notes = [
    `合计的去重规则：同一编号、同一类别的件出现在几个单位的台账里（主办与协办分属不同单位），合计只计一次，以主办单位的那一行为准（办理情况、结果、满意度都按主办单位的填写；没有主办单位的，按排在前面的单位）；各单位的行仍各计本单位的一件。汇总台账的“计入合计”列为 1 的行计入合计。本次共 ${r.duplicates.length} 件由多个单位共同办理。`,
    "口径：办复率 = 已办复 ÷ 件数；按期办复率 = 在办理时限内答复 ÷ 件数；超期 = 未答复且已过办理时限；满意率 = （满意 + 基本满意）÷ 已反馈满意度的件数。办理时限按各单位台账及其设置（交办日期加办理月数）确定。",
    ...(r.failed.length > 0
      ? [`另有 ${r.failed.length} 个文件未能读取，未计入本表，原因见“${issuesSheet}”。`]
      : []),
  ];
  g.add();
  for (const note of notes) {
    const n = g.add([T(note)]);
    g.merge(n, 0, WIDTH - 1);
    g.style(n, 0, WIDTH - 1, S_NOTE);
    g.height(n, rowHeightFor(z(note), 70, 14));
  }

  const charts: ChartPlan[] = [];
  if (r.units.length > 0) {
    g.add();
    const fromRow = g.next;
    const rows = Math.max(CHART_ROWS, Math.ceil(r.units.length * 1.2) + 4);
    for (let i = 0; i < rows; i++) g.height(g.add(), 20);
    charts.push({
      name: `${CHART_NAME_PREFIX}rollup-units`,
      type: "barClustered",
      title: z("各单位办理情况"),
      categories: `${a1(first, 1)}:${a1(last, 1)}`,
      series: [
        { name: z("件数"), values: `${a1(first, 2)}:${a1(last, 2)}`, color: SHADES[0] ?? "" },
        { name: z("已办复"), values: `${a1(first, 5)}:${a1(last, 5)}`, color: SHADES[1] ?? "" },
      ],
      anchor: { fromRow, fromCol: 0, toRow: fromRow + rows, toCol: WIDTH },
    });
  }

  const sheet = printedSheet(g, {
    role: "summary",
    name,
    columnWidths: WIDTHS,
    margins: { top: 0.75, bottom: 0.75, left: 0.5, right: 0.5 },
    printTitleRows: `${head + 1}:${head + 1}`,
    tabColor: "C00000",
    landscape: true,
  });
  const op: NewSheetPlan = {
    ...sheet,
    freeze: { rows: head + 1, columns: 2 },
    ...(charts.length > 0 ? { charts } : {}),
  };
  return { op, figures };
}
