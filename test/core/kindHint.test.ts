import { inferKind } from "../../src/core/kindHint";
import { recognizeSheet } from "../../src/core/recognize";
import type { CellValue, SheetSnapshot } from "../../src/core/snapshot";
import { analyzeWorkbook } from "../../src/core/analyze";

function sheet(name: string, title: string | null, headers: string[]): SheetSnapshot {
  const rows: CellValue[][] = [];
  if (title !== null) rows.push([title]);
  rows.push(headers, ["1", "关于某事", "张三", "李局", "一科", "王", "2019-03-01"]);
  return { name, rows, merges: [] };
}

const PLAIN = ["编号", "案由", "领衔人", "分管领导", "承办科室", "承办人", "交办日期"];

describe("the kind of a ledger without a 类别 column", () => {
  it.each([
    ["title names 政协提案", "Sheet1", "2019年政协提案办理台账", PLAIN, "cppcc"],
    ["title names 人大代表建议", "Sheet1", "2019年人大代表建议办理台账", PLAIN, "npc"],
    ["title names both", "Sheet1", "2019年人大代表建议和政协提案办理台账", PLAIN, undefined],
    ["generic title 建议提案", "Sheet1", "2019年建议提案办理台账", PLAIN, undefined],
    ["sheet name says it", "政协提案", null, PLAIN, "cppcc"],
    ["traditional title", "工作表1", "2019年政協提案辦理臺賬", PLAIN, "cppcc"],
    [
      "headers say it when the title does not",
      "Sheet1",
      "2019年办理台账",
      ["提案号", "提案名称", "提案人", "分管领导", "承办科室", "承办人", "交办日期"],
      "cppcc",
    ],
    [
      "the title wins over headers",
      "Sheet1",
      "2019年人大代表建议办理台账",
      ["提案号", "提案名称", "提案人", "分管领导", "承办科室", "承办人", "交办日期"],
      "npc",
    ],
    ["nothing says it", "Sheet1", null, PLAIN, undefined],
  ])("%s", (_title, name, title, headers, expected) => {
    const s = sheet(name, title, headers);
    const layout = recognizeSheet(s);
    if (!layout) throw new Error("not recognised");
    expect(inferKind(s, layout)).toBe(expected);
  });

  it("fills the kind of every record and the report names it", () => {
    const outcome = analyzeWorkbook(
      { sheets: [sheet("Sheet1", "2019年政协提案办理台账", PLAIN)] },
      { asOf: "2019-12-31" },
    );
    if (!outcome.ok) throw new Error(outcome.error.code);
    expect(outcome.analysis.stats.byKind.cppcc).toBe(1);
    expect(outcome.analysis.report.text).toContain("共承办政协提案1件");
  });

  it("never overrides a 类别 column", () => {
    const s: SheetSnapshot = {
      name: "政协提案",
      rows: [
        ["类别", ...PLAIN],
        ["人大建议", "1", "关于某事", "张三", "李局", "一科", "王", "2019-03-01"],
      ],
      merges: [],
    };
    const outcome = analyzeWorkbook({ sheets: [s] }, { asOf: "2019-12-31" });
    if (!outcome.ok) throw new Error(outcome.error.code);
    expect(outcome.analysis.stats.byKind).toMatchObject({ npc: 1, cppcc: 0 });
  });
});
