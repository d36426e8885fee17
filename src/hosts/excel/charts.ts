import type { ChartPlan } from "../../core/plan/types";
import { CHART_NAME_PREFIX } from "../../core/plan/types";
import { a1 } from "../../core/address";

/**
 * The plan's charts as Office.js charts (ExcelApi 1.1 to add and style them, 1.7 for series over given ranges,
 * which the manifest requires anyway). Queued only: the caller's next sync sends them with the sheet's formats,
 * so charts cost no sync of their own.
 */
export function addCharts(sheet: Excel.Worksheet, charts: readonly ChartPlan[]): void {
  for (const plan of charts) addChart(sheet, plan);
}

const TYPES: Record<ChartPlan["type"], "Pie" | "BarStacked" | "BarClustered"> = {
  pie: "Pie",
  barStacked: "BarStacked",
  barClustered: "BarClustered",
};

function addChart(sheet: Excel.Worksheet, plan: ChartPlan): void {
  const [first, ...rest] = plan.series;
  if (!first) return;
  const chart = sheet.charts.add(TYPES[plan.type], sheet.getRange(first.values), "Columns");
  chart.name = plan.name;
  chart.title.text = plan.title;
  chart.title.format.font.name = "黑体";
  chart.title.format.font.size = 14;
  chart.title.format.font.bold = true;
  chart.legend.position = "Bottom";
  const { fromRow, fromCol, toRow, toCol } = plan.anchor;
  chart.setPosition(a1(fromRow, fromCol), a1(toRow - 1, toCol - 1));
  const categories = sheet.getRange(plan.categories);
  const series = chart.series.getItemAt(0);
  series.name = first.name;
  series.setXAxisValues(categories);
  if (plan.type === "pie") {
    (plan.pointColors ?? []).forEach((color, i) =>
      series.points.getItemAt(i).format.fill.setSolidColor(`#${color}`),
    );
    chart.dataLabels.showValue = false;
    chart.dataLabels.showCategoryName = true;
    chart.dataLabels.showPercentage = true;
    return;
  }
  series.format.fill.setSolidColor(`#${first.color}`);
  for (const more of rest) {
    const s = chart.series.add(more.name);
    s.setValues(sheet.getRange(more.values));
    s.setXAxisValues(categories);
    s.format.fill.setSolidColor(`#${more.color}`);
  }
  chart.dataLabels.showValue = true;
  // Categories top to bottom in the table's order; the values are on the bars.
  chart.axes.categoryAxis.reversePlotOrder = true;
  chart.axes.valueAxis.visible = false;
}

/** Deletes the tool's earlier charts of a sheet (loaded with `items/name`); the user's stay. */
export function deleteOwnCharts(charts: Excel.ChartCollection): void {
  for (const c of charts.items) if (c.name.startsWith(CHART_NAME_PREFIX)) c.delete();
}
