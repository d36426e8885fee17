/** @jest-environment jsdom */
import "./jsdom";
import { screen, within } from "@testing-library/react";
import { analyzeWorkbook, type Analysis } from "../../src/core/analyze";
import { compareWithin, followUpSummary, type Comparison } from "../../src/core/compare";
import { formatPercent } from "../../src/core/format";
import { followUpParagraph } from "../../src/core/report";
import type { WorkbookPlan } from "../../src/core/plan/types";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { renderApp, type Rendered } from "./render";
import { TextDecoder as NodeTextDecoder } from "node:util";

/** As in test/helpers/twoYearLedger.ts (imported once TextDecoder is there). */
const TWO_YEARS_AS_OF = "2026-12-31";
const LAST_YEAR_SHEET = "2025年度";

let sample: WorkbookSnapshot;
let both: WorkbookSnapshot;
let current: Analysis;
let comparison: Comparison;

beforeAll(async () => {
  // ExcelJS reads the sample with TextDecoder, which jsdom leaves out (the page reads files in its worker).
  if (typeof globalThis.TextDecoder === "undefined")
    Object.defineProperty(globalThis, "TextDecoder", { value: NodeTextDecoder, configurable: true });
  const helper = await import("../helpers/twoYearLedger");
  expect([helper.TWO_YEARS_AS_OF, helper.LAST_YEAR_SHEET]).toEqual([TWO_YEARS_AS_OF, LAST_YEAR_SHEET]);
  const { sampleSnapshot, withLastYear } = helper;
  sample = dense(await sampleSnapshot());
  both = dense(withLastYear(sample));
  const outcome = analyzeWorkbook(both, { asOf: TWO_YEARS_AS_OF });
  if (!outcome.ok) throw new Error(outcome.error.code);
  current = outcome.analysis;
  const compared = compareWithin(both, current, { asOf: TWO_YEARS_AS_OF });
  if (!compared) throw new Error("no comparison");
  comparison = compared;
});

/**
 * The snapshot without holes: the demo host clones with JSON, which makes a missing row null, and the core reads
 * a missing row (undefined) but not a null one. (ExcelJS leaves the sample's blank rows out.)
 */
function dense(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const fill = <T,>(rows: T[][] | undefined, empty: T): T[][] | undefined =>
    rows && Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? empty));
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((s) => {
      const formats = fill(s.numberFormats, null);
      return { ...s, rows: fill(s.rows, null) ?? [], ...(formats ? { numberFormats: formats } : {}) };
    }),
  };
}

async function openReport(user: Rendered["user"], tab = "统计与汇报"): Promise<void> {
  await user.click(await screen.findByRole("tab", { name: tab }));
}

/** The text cells of the plan's 汇报材料, joined. */
function reportSheetText(plan: WorkbookPlan): string {
  const op = plan.ops.find((o) => o.kind === "new" && o.role === "report");
  if (!op || op.kind !== "new") throw new Error("no 汇报材料 in the plan");
  return op.blocks
    .flatMap((b) => b.cells.flat())
    .map((c) => (c.t === "text" ? c.v : ""))
    .join("|");
}

describe("统计与汇报: 对比上一年度", () => {
  it("shows both years' figures side by side with the change", async () => {
    const { user } = renderApp({ snapshot: both, asOf: TWO_YEARS_AS_OF });
    await openReport(user);
    const section = await screen.findByRole("region", { name: "对比上一年度" });
    expect(within(section).getByText(`上一年度台账：本工作簿的工作表“${LAST_YEAR_SHEET}”`)).toBeTruthy();
    const table = within(section).getByRole("table", { name: "主要数字对比" });
    const heads = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(heads).toEqual(["项目", "2025年度", "2026年度", "变化"]);
    const row = (name: string): string[] =>
      within(within(table).getByRole("cell", { name }).closest("tr") as HTMLElement)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? "");
    expect(row("件数")).toEqual(["件数", String(current.stats.total), String(current.stats.total), "0"]);
    const reply = comparison.figures.find((f) => f.key === "replyRate");
    if (reply?.last == null || reply.current == null) throw new Error("no reply rate");
    expect(row("办复率").slice(1, 3)).toEqual([formatPercent(reply.last), formatPercent(reply.current)]);
    expect(row("B类件数")[0]).toBe("B类件数");
  });

  it("lists last year's items with what became of them, and the ambiguous pair to check", async () => {
    const { user } = renderApp({ snapshot: both, asOf: TWO_YEARS_AS_OF });
    await openReport(user);
    const section = await screen.findByRole("region", { name: "对比上一年度" });
    const items = within(section).getByRole("list", { name: "上年度列入计划（B类）和未办复的件" });
    expect(within(items).getAllByRole("listitem")).toHaveLength(comparison.items.length);
    const review = within(section).getByRole("list", { name: "需人工确认" });
    const [pair, ...others] = within(review).getAllByRole("listitem");
    expect(others).toHaveLength(0);
    expect(pair?.textContent).toContain("P206");
    expect(pair?.textContent).toContain("P306");
    expect(pair?.textContent).toContain("P311");
  });

  it("puts the 回头看 paragraph in the report text and on 汇报材料", async () => {
    const paragraph = followUpParagraph(followUpSummary(comparison), current.stats, current.settings);
    const { host, user } = renderApp({ snapshot: both, asOf: TWO_YEARS_AS_OF });
    await openReport(user);
    const text = (screen.getByRole("textbox", { name: "汇报文字" }) as HTMLTextAreaElement).value;
    expect(text).toContain(paragraph);
    await user.click(screen.getByRole("button", { name: "生成统计与汇报" }));
    expect(await screen.findByText("统计表和汇报已更新。")).toBeTruthy();
    const calls = (host.apply as jest.Mock).mock.calls as [WorkbookPlan][];
    const plan = calls.at(-1)?.[0];
    if (!plan) throw new Error("nothing applied");
    expect(reportSheetText(plan)).toContain(paragraph);
  });

  it("shows no section and leaves the report as it was without last year's sheet", async () => {
    const alone = analyzeWorkbook(sample, { asOf: TWO_YEARS_AS_OF });
    if (!alone.ok) throw new Error(alone.error.code);
    const { user } = renderApp({ snapshot: sample, asOf: TWO_YEARS_AS_OF });
    await openReport(user);
    const text = (await screen.findByRole<HTMLTextAreaElement>("textbox", { name: "汇报文字" })).value;
    expect(text).toBe(alone.analysis.report.text);
    expect(screen.queryByRole("region", { name: "对比上一年度" })).toBeNull();
  });

  it("speaks the pane's language", async () => {
    const { user } = renderApp({ snapshot: both, asOf: TWO_YEARS_AS_OF, locale: "en" });
    await openReport(user, "Statistics & report");
    const section = await screen.findByRole("region", { name: "Compared with last year" });
    expect(within(section).getByRole("table", { name: "Key figures side by side" })).toBeTruthy();
    expect(within(section).getByRole("list", { name: "To check by hand" })).toBeTruthy();
  });
});
