import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { APPLY_SYNCS } from "../../../src/hosts/excel/render";
import { planFor } from "../../../src/core/plan/pipeline";
import { CHART_NAME_PREFIX, type NewSheetPlan } from "../../../src/core/plan/types";
import { FakeExcel, seedSheets } from "./fakeExcel";
import { utc, type GridSheet } from "../../helpers/grid-xlsx";

/** Issue 12, item 1, in the Office.js host: the charts of 统计表 as Office.js charts, in the same syncs. */
const LEDGER: GridSheet[] = [
  {
    name: "台账",
    rows: [
      ["2026年建议提案办理台账"],
      ["编号", "案由", "承办科室", "办理时限", "答复日期", "办理结果", "满意度"],
      ["R1", "关于养老的建议", "养老科", utc(2026, 11, 20), utc(2026, 10, 1), "A类", "满意"],
      ["R2", "关于殡葬的建议", "事务科", utc(2026, 12, 5), null, null, null],
      ["R3", "关于救助的建议", "救助科", utc(2026, 12, 3), utc(2026, 9, 1), "B类", "基本满意"],
      ["R4", "关于地名的建议", "养老科", utc(2026, 11, 1), utc(2026, 10, 30), "A类", "不满意"],
    ],
  },
];

async function build(x: FakeExcel) {
  const host = createExcelHost();
  const outcome = planFor(await host.snapshot(), { settings: { asOf: "2026-12-01" } });
  if (!outcome.ok) throw new Error(outcome.error.code);
  x.syncSpy.mockClear();
  await host.apply(outcome.plan);
  const op = outcome.plan.ops.find((o): o is NewSheetPlan => o.kind === "new" && o.role === "summary");
  return { plan: outcome.plan, charts: op?.charts ?? [] };
}

describe("charts on 统计表 (Office.js host)", () => {
  it("adds each chart of the plan with its series, categories, colours and place, in APPLY_SYNCS syncs", async () => {
    const x = new FakeExcel(15);
    seedSheets(x, LEDGER);
    x.install();
    const { charts } = await build(x);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
    const made = x.sheet("统计表").charts.list;
    expect(made.map((c) => [c.name, c.type])).toEqual([
      [`${CHART_NAME_PREFIX}results`, "Pie"],
      [`${CHART_NAME_PREFIX}departments`, "BarStacked"],
      [`${CHART_NAME_PREFIX}satisfaction`, "BarClustered"],
    ]);
    made.forEach((chart, i) => {
      const plan = charts[i];
      expect(chart.title.text).toBe(plan?.title);
      expect(chart.series.map((s) => [s.name, s.values, s.categories])).toEqual(
        (plan?.series ?? []).map((s) => [s.name, s.values, plan?.categories]),
      );
      expect(chart.position?.[0]).toBe(`A${(plan?.anchor.fromRow ?? 0) + 1}`);
    });
    const [pie, bars] = made;
    expect(pie?.series[0]?.pointFills).toEqual(charts[0]?.pointColors?.map((c) => `#${c}`));
    expect(bars?.series.map((s) => s.fill)).toEqual(["#1F4E79", "#BDD7EE"]);
    expect(bars?.axes.categoryAxis.reversePlotOrder).toBe(true);
  });

  it("replaces its own charts on 一键生成年度统计 and keeps the user's, without another sync", async () => {
    const x = new FakeExcel(15);
    seedSheets(x, LEDGER);
    x.install();
    await build(x);
    const sheet = x.sheet("统计表");
    sheet.charts.list.push({
      type: "ColumnClustered",
      name: "图表 1",
      title: { text: "我的图", font: {} },
      legend: {},
      dataLabels: {},
      axes: { categoryAxis: {}, valueAxis: {} },
      series: [],
    });
    await build(x);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
    expect(x.sheet("统计表").charts.list.map((c) => c.name)).toEqual([
      "图表 1",
      `${CHART_NAME_PREFIX}results`,
      `${CHART_NAME_PREFIX}departments`,
      `${CHART_NAME_PREFIX}satisfaction`,
    ]);
  });
});
