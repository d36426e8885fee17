import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { APPLY_SYNCS } from "../../../src/hosts/excel/render";
import { planFor } from "../../../src/core/plan/pipeline";
import { FakeExcel, type FakeCell, seedSheets } from "./fakeExcel";
import { TWO_SHEETS } from "../../helpers/layoutLedgers";

/** Issue 10, item 1, in the Office.js host: the clerk's edits on 汇报材料 and 统计表 survive 一键生成年度统计. */
const FILLED = "\u3000\u3000今年严格落实“五定”责任制，每件均按时交办。";
const ADDED = "\u3000\u3000此外召开了两次推进会。";

function seed(x: FakeExcel): void {
  seedSheets(x, TWO_SHEETS.sheets);
}

let current: FakeExcel | undefined;
const x = (): FakeExcel => {
  if (!current) throw new Error("no fake workbook");
  return current;
};

const text = (value: string): FakeCell => ({ value, kind: "text", format: "General" });

async function buildOnce(
  host: ReturnType<typeof createExcelHost>,
  parts?: ("summary" | "report" | "settings")[],
) {
  const outcome = planFor(
    await host.snapshot(),
    { settings: { asOf: TWO_SHEETS.today } },
    parts ? { parts } : {},
  );
  if (!outcome.ok) throw new Error(outcome.error.code);
  x().syncSpy.mockClear();
  await host.apply(outcome.plan);
  return outcome;
}

function columnA(x: FakeExcel, name: string): string[] {
  const cells = [...x.sheet(name).cells]
    .map(([k, v]) => ({ r: Number(k.split(",")[0]), c: Number(k.split(",")[1]), v }))
    .filter((e) => e.c === 0 && e.v.kind === "text")
    .sort((a, b) => a.r - b.r);
  return cells.map((e) => String(e.v.value));
}

// ExcelApi 1.15: the 1904-date probe (1.16) is not part of this fake workbook yet.
describe("a rebuild keeps the user's edits (Office.js host)", () => {
  it("keeps a filled placeholder, an added paragraph and remarks on 统计表; clears only the build's cells", async () => {
    const x = (current = new FakeExcel(15));
    seed(x);
    x.install();
    const host = createExcelHost();
    await buildOnce(host);
    const figures = x.formulas().filter((f) => f.where.startsWith("统计表!"));

    // The clerk edits: a placeholder filled in, a paragraph at the end, a remark row and a remark column.
    const report = x.sheet("汇报材料");
    const placeholder = [...report.cells].find(([, v]) => String(v.value).includes("【请在此填写"));
    if (!placeholder) throw new Error("no placeholder");
    report.cells.set(placeholder[0], text(FILLED));
    const last = Math.max(...[...report.cells.keys()].map((k) => Number(k.split(",")[0])));
    report.cells.set(`${last + 1},0`, text(ADDED));
    const summary = x.sheet("统计表");
    const bottom = Math.max(...[...summary.cells.keys()].map((k) => Number(k.split(",")[0])));
    summary.cells.set(`${bottom + 2},0`, text("备注：数据经分管领导审核。"));
    summary.cells.set("1,11", text("核对人：张三"));

    x.log.length = 0;
    const again = await buildOnce(host, ["summary", "report", "settings"]);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);

    const lines = columnA(x, "汇报材料");
    expect(lines).toContain(FILLED);
    expect(lines[lines.length - 1]).toBe(ADDED);
    expect(lines.filter((l) => l.includes("【请在此填写")).length).toBe(2);
    expect(x.sheet("统计表").cell(bottom + 2, 0)?.value).toBe("备注：数据经分管领导审核。");
    expect(x.sheet("统计表").cell(1, 11)?.value).toBe("核对人：张三");
    expect(x.formulas().filter((f) => f.where.startsWith("统计表!"))).toEqual(figures);
    // 统计表 was neither deleted nor cleared whole ("All" would take the notes): only the build's cells.
    const clears = x.log.filter((l) => l.op.startsWith("clear 统计表!")).map((l) => l.op);
    expect(clears.length).toBeGreaterThan(0);
    expect(clears.some((op) => op.endsWith(" All"))).toBe(false);
    expect(x.deleted).not.toContain("统计表");
    expect(again.analysis.issues.map((i) => i.code)).toContain("user_edits_kept");
  });

  it("rebuilding without edits leaves the same cells and makes no copy", async () => {
    const x = (current = new FakeExcel(15));
    seed(x);
    x.install();
    const host = createExcelHost();
    await buildOnce(host);
    const dump = (name: string) => [...x.sheet(name).cells].filter(([, v]) => v.kind !== "empty").sort();
    const before = { summary: dump("统计表"), report: dump("汇报材料"), sheets: x.sheets.map((s) => s.name) };
    const again = await buildOnce(host, ["summary", "report", "settings"]);
    expect(x.sheets.map((s) => s.name)).toEqual(before.sheets);
    expect(dump("统计表")).toEqual(before.summary);
    expect(dump("汇报材料")).toEqual(before.report);
    expect(again.analysis.issues.map((i) => i.code)).not.toContain("generated_sheet_copied");
  });

  it("keeps a dated copy when a report paragraph's place is gone", async () => {
    const x = (current = new FakeExcel(15));
    seed(x);
    x.install();
    const host = createExcelHost();
    await buildOnce(host);
    // A remark beside the report's single column cannot be placed in a rebuilt report.
    x.sheet("汇报材料").cells.set("0,3", text("旁注"));
    const again = await buildOnce(host, ["summary", "report", "settings"]);
    const copied = again.analysis.issues.find((i) => i.code === "generated_sheet_copied");
    expect(copied?.params.text).toBe("汇报材料");
    const name = copied?.params.other ?? "";
    expect(name).toMatch(/^汇报材料\(\d\d-\d\d\)$/);
    expect(x.sheet(name).cell(0, 3)?.value).toBe("旁注");
    expect(x.sheet("汇报材料").cell(0, 3)).toBeUndefined();
  });
});
