/**
 * Issue 12, item 1, in the .xlsx host: live charts on 统计表 written as chart parts, their series on the sheet's
 * own formula cells; LibreOffice draws them and its recalculated values are the engine's; a rebuild replaces the
 * tool's charts and keeps the user's; many 科室 become 14 bars and 其他.
 */
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { CHART_NAME_PREFIX, type ChartPlan, type NewSheetPlan } from "../../../src/core/plan/types";
import type { Stats } from "../../../src/core/stats.types";
import { packageProblems, sheetPart } from "../../helpers/packageCheck";
import {
  convertWithLibreOffice,
  describeWithLibreOffice,
  onlySheetVisible,
  pdfPagesOrSkip,
} from "../../helpers/libreoffice";
import { xlsxFromGrids } from "../../helpers/grid-xlsx";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");
const NOW = new Date(2026, 11, 31);
const SETTINGS = { asOf: "2026-12-31", excludeDepartments: ["市扶贫办"] };

async function build(input: Uint8Array) {
  const built = await buildXlsx(input, SETTINGS, NOW);
  if (!built.ok) throw new Error(built.error.code);
  const op = built.plan.ops.find((o): o is NewSheetPlan => o.kind === "new" && o.role === "summary");
  return { built, charts: op?.charts ?? [], zip: await JSZip.loadAsync(built.buffer) };
}

/** Chart part → its XML, for the charts of the drawing of `sheet`'s part, with each anchor's name. */
async function chartsOn(zip: JSZip, sheet: string): Promise<{ name: string; xml: string }[]> {
  const part = await sheetPart(zip, sheet);
  const file = part.slice(part.lastIndexOf("/") + 1);
  const sheetRels = (await zip.file(`xl/worksheets/_rels/${file}.rels`)?.async("string")) ?? "";
  const drawingTarget = /Type="[^"]*\/drawing" Target="([^"]+)"/.exec(sheetRels)?.[1] ?? "";
  const drawing = `xl/drawings/${drawingTarget.slice(drawingTarget.lastIndexOf("/") + 1)}`;
  const dxml = (await zip.file(drawing)?.async("string")) ?? "";
  const drels =
    (await zip.file(drawing.replace("drawings/", "drawings/_rels/") + ".rels")?.async("string")) ?? "";
  const out: { name: string; xml: string }[] = [];
  for (const m of dxml.matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
    const name = /<xdr:cNvPr [^>]*name="([^"]*)"/.exec(m[0])?.[1] ?? "";
    const rid = /<c:chart\b[^>]*r:id="([^"]+)"/.exec(m[0])?.[1] ?? "";
    const t = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(drels)?.[1] ?? "";
    out.push({
      name,
      xml: (await zip.file(`xl/charts/${t.slice(t.lastIndexOf("/") + 1)}`)?.async("string")) ?? "",
    });
  }
  return out;
}

const refs = (xml: string): string[] => [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1] ?? "");
const cached = (xml: string): number[][] =>
  [...xml.matchAll(/<c:val>[\s\S]*?<\/c:val>/g)].map((v) =>
    [...v[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1])),
  );

describe("charts on 统计表 (.xlsx host)", () => {
  it("writes the plan's charts, named as the tool's, their series on 统计表's own cells, in a valid package", async () => {
    const { built, charts, zip } = await build(readFileSync(SAMPLE));
    expect(charts.map((c) => c.name)).toEqual([
      `${CHART_NAME_PREFIX}results`,
      `${CHART_NAME_PREFIX}departments`,
      `${CHART_NAME_PREFIX}satisfaction`,
    ]);
    const written = await chartsOn(zip, built.plan.sheets.summary);
    expect(written.map((c) => c.name)).toEqual(charts.map((c) => c.name));
    for (const c of written) {
      const all = refs(c.xml);
      expect(all.length).toBeGreaterThanOrEqual(2);
      for (const r of all) expect(r).toMatch(/^'统计表'!\$[A-G]\$\d+:\$[A-G]\$\d+$/);
      expect(c.xml).toContain('<a:ea typeface="黑体"/>');
    }
    // Each written series is the plan's: the counts of the sheet's tables.
    written.forEach((c, i) => {
      const plan = charts[i];
      expect(refs(c.xml)).toEqual(
        expect.arrayContaining((plan?.series ?? []).map((x) => `'统计表'!${abs(x.values)}`)),
      );
    });
    expect(await packageProblems(zip)).toEqual([]);
    expect(built.dropped).toEqual([]);
  });

  it("replaces its own charts on a rebuild, never doubles them", async () => {
    const first = await build(readFileSync(SAMPLE));
    const again = await build(first.built.buffer);
    const written = await chartsOn(again.zip, again.built.plan.sheets.summary);
    expect(written.map((c) => c.name)).toEqual(again.charts.map((c) => c.name));
    expect(Object.keys(again.zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(3);
    expect(again.built.dropped).toEqual([]);
    expect(await packageProblems(again.zip)).toEqual([]);
  });

  it("shows at most 15 bars: the first 14 科室 and 其他, over a data block of formulas on the table", async () => {
    const header = ["编号", "案由", "承办科室", "办理时限", "答复日期"];
    const rows = Array.from({ length: 20 }, (_, i) => [
      `R${i + 1}`,
      `关于第${i + 1}项的建议`,
      `第${i + 1}科`,
      null,
      null,
    ]);
    const { built, charts } = await build(await xlsxFromGrids([{ name: "台账", rows: [header, ...rows] }]));
    const dept = charts.find((c) => c.name.endsWith("departments")) as ChartPlan;
    const [top, bottom] = span(dept.categories);
    expect(bottom - top + 1).toBe(15);
    const op = built.plan.ops.find((o): o is NewSheetPlan => o.kind === "new" && o.role === "summary");
    const cells = op?.blocks[0]?.cells ?? [];
    // Rows 1-14 are formulas on the table's names; the 15th adds up the six left.
    expect(cells[top - 1]?.[1]).toMatchObject({ t: "formula" });
    expect(cells[bottom - 1]?.[1]).toEqual({ t: "text", v: "其他（6个科室）" });
    expect(cells[bottom - 1]?.[3]).toMatchObject({
      t: "formula",
      f: expect.stringMatching(/^SUM\(D\d+:D\d+\)$/),
    });
  });
});

function abs(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

function span(range: string): [number, number] {
  const m = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range);
  return [Number(m?.[1]), Number(m?.[2])];
}

describeWithLibreOffice("LibreOffice draws the charts of 统计表", () => {
  let stats: Stats;
  let converted: JSZip;
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build(readFileSync(SAMPLE));
    stats = built.built.analysis.stats;
    converted = await JSZip.loadAsync(await convertWithLibreOffice(built.built.buffer));
  });

  it("recalculates every chart to the engine's figures", async () => {
    const charts = await chartsOn(converted, built.built.plan.sheets.summary);
    const byTitle = new Map(charts.map((c) => [/<a:t>([^<]*)<\/a:t>/.exec(c.xml)?.[1] ?? "", c.xml]));
    expect(cached(byTitle.get("办理结果分类") ?? "")).toEqual([
      [stats.results.A, stats.results.B, stats.results.C],
    ]);
    const depts = stats.byDepartment;
    expect(cached(byTitle.get("各承办科室办理情况") ?? "")).toEqual([
      depts.map((d) => d.replied),
      depts.map((d) => d.total - d.replied),
    ]);
    expect(cached(byTitle.get("代表委员满意度") ?? "")).toEqual([
      [stats.satisfaction.satisfied, stats.satisfaction.basic, stats.satisfaction.unsatisfied],
    ]);
  });

  it("prints them on A4 with the sheet: the chart titles are on the PDF's pages", async () => {
    const pdf = await convertWithLibreOffice(
      await onlySheetVisible(built.built.buffer, built.built.plan.sheets.summary),
      "pdf",
    );
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
    const found = await pdfPagesOrSkip(pdf);
    if (found === null) return;
    const text = found.join("\n");
    for (const title of ["办理结果分类", "各承办科室办理情况", "代表委员满意度", "已答复", "未答复"])
      expect(text).toContain(title);
  });
});
