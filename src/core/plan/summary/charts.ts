import { a1 } from "../../snapshot";
import { CHART_NAME_PREFIX, type ChartPlan } from "../types";
import { fx } from "../grid";
import type { SummaryContext } from "./context";
import { S_CELL, S_NOTE, S_NUM, WIDTH, header, section } from "./layout";

/** Rows of 20 points a chart covers (about 10 cm tall). */
const CHART_ROWS = 16;
const ROW_HEIGHT = 20;
/** At most this many bars; past it the smallest 科室 are added up as 其他. */
const MAX_BARS = 15;
/** Dark to light: the series stay apart when the sheet is printed in grey. */
const SHADES = ["1F4E79", "5B9BD5", "BDD7EE", "DEEBF7"];

/**
 * 八、图表: live charts over the figures above (办理结果 shares, 各承办科室 已答复/未答复, 满意度), each covering rows
 * of its own below the section title. More than 15 科室: the first 14 and 其他 are added up in a small data block
 * after the charts (formulas over the table), which the chart reads.
 */
export function chartsSection(s: SummaryContext): ChartPlan[] {
  const { g } = s;
  const data = s.chartData;
  const charts: Omit<ChartPlan, "anchor">[] = [];
  if (data.results)
    charts.push({
      name: `${CHART_NAME_PREFIX}results`,
      type: "pie",
      title: s.zh("办理结果分类"),
      categories: data.results.labels,
      series: [{ name: s.zh("件数"), values: data.results.values, color: SHADES[0] ?? "" }],
      pointColors: SHADES,
    });
  const depts = data.departments;
  let deptChart: Omit<ChartPlan, "anchor"> | undefined;
  if (depts) {
    deptChart = {
      name: `${CHART_NAME_PREFIX}departments`,
      type: "barStacked",
      title: s.zh("各承办科室办理情况"),
      categories: `${a1(depts.first, 1)}:${a1(depts.last, 1)}`,
      series: [
        {
          name: s.zh("已答复"),
          values: `${a1(depts.first, 3)}:${a1(depts.last, 3)}`,
          color: SHADES[0] ?? "",
        },
        {
          name: s.zh("未答复"),
          values: `${a1(depts.first, 4)}:${a1(depts.last, 4)}`,
          color: SHADES[2] ?? "",
        },
      ],
    };
    charts.push(deptChart);
  }
  const sat = data.satisfaction ?? [];
  const [firstAspect] = sat;
  if (firstAspect)
    charts.push({
      name: `${CHART_NAME_PREFIX}satisfaction`,
      type: "barClustered",
      title: s.zh("代表委员满意度"),
      categories: firstAspect.labels,
      series: sat.map((a, i) => ({
        name: a.name,
        values: a.values,
        color: SHADES[i === 0 ? 0 : 2] ?? "",
      })),
    });
  if (charts.length === 0) return [];

  section(s, "八、图表");
  const placed: ChartPlan[] = [];
  for (const chart of charts) {
    const fromRow = g.next;
    for (let i = 0; i < CHART_ROWS; i++) g.height(g.add(), ROW_HEIGHT);
    // A blank row between charts.
    g.add();
    placed.push({ ...chart, anchor: { fromRow, fromCol: 0, toRow: fromRow + CHART_ROWS, toCol: WIDTH } });
  }
  if (depts && deptChart && depts.last - depts.first + 1 > MAX_BARS) {
    const block = otherBlock(s, depts.first, depts.last);
    const placedDept = placed.find((c) => c.name === deptChart.name);
    if (placedDept) {
      placedDept.categories = block.categories;
      placedDept.series = placedDept.series.map((x, i) => ({ ...x, values: block.values[i] ?? x.values }));
    }
  }
  return placed;
}

/** The chart's data when there are too many 科室: the first 14 rows of the table, then 其他 added up. */
function otherBlock(
  s: SummaryContext,
  first: number,
  last: number,
): { categories: string; values: [string, string] } {
  const { g } = s;
  g.add();
  const note = g.add([s.T("图表数据：前14个科室，其余合计为“其他”（公式引用上表）")]);
  g.merge(note, 0, WIDTH - 1);
  g.style(note, 0, WIDTH - 1, S_NOTE);
  header(s, ["", "承办科室", "", "已答复", "未答复"], "list");
  const top = g.next;
  const keep = MAX_BARS - 1;
  for (let i = 0; i < keep; i++) {
    const src = first + i;
    const r = g.add([undefined, fx(a1(src, 1)), undefined, fx(a1(src, 3)), fx(a1(src, 4))]);
    g.style(r, 1, 1, S_CELL);
    g.style(r, 3, 4, S_NUM);
  }
  const rest = (c: number): string => `SUM(${a1(first + keep, c)}:${a1(last, c)})`;
  const r = g.add([
    undefined,
    s.T(`其他（${last - first + 1 - keep}个科室）`),
    undefined,
    fx(rest(3)),
    fx(rest(4)),
  ]);
  g.style(r, 1, 1, S_CELL);
  g.style(r, 3, 4, S_NUM);
  return {
    categories: `${a1(top, 1)}:${a1(r, 1)}`,
    values: [`${a1(top, 3)}:${a1(r, 3)}`, `${a1(top, 4)}:${a1(r, 4)}`],
  };
}
