import { regenerateStatistics } from "../../src/commands/generate";
import { analyzeWorkbook } from "../../src/core/analyze";
import { buildPlan } from "../../src/core/plan/build";
import { createDemoHost } from "../../src/taskpane/demoHost";
import { demoSnapshot } from "../../src/taskpane/demoData";
import { TASK_PARTS } from "../../src/core/plan/tasks";

const NOW = new Date(2024, 5, 28);

describe("一键生成年度统计 (regenerateStatistics)", () => {
  it("asks for the task pane on a workbook never structured", async () => {
    const host = createDemoHost(demoSnapshot());
    const apply = jest.spyOn(host, "apply");
    await expect(regenerateStatistics(host, "zh-CN", NOW)).resolves.toEqual({ kind: "needs_taskpane" });
    expect(apply).not.toHaveBeenCalled();
  });

  it("asks for the task pane when there is no ledger", async () => {
    const host = createDemoHost({ sheets: [{ name: "Sheet1", rows: [["x"]], merges: [] }] });
    await expect(regenerateStatistics(host, "zh-CN", NOW)).resolves.toEqual({ kind: "needs_taskpane" });
  });

  it("rewrites only the statistics, report and settings sheets of a structured workbook", async () => {
    const host = createDemoHost(demoSnapshot());
    const first = analyzeWorkbook(await host.snapshot(), {}, NOW);
    if (!first.ok) throw new Error("demo ledger not recognised");
    await host.apply(buildPlan(await host.snapshot(), first.analysis, { parts: TASK_PARTS.structure }));
    const apply = jest.spyOn(host, "apply");
    const outcome = await regenerateStatistics(host, "zh-CN", NOW);
    expect(outcome.kind).toBe("applied");
    const plan = apply.mock.calls[0]?.[0];
    expect(plan?.ops.map((op) => op.role).sort()).toEqual(["report", "settings", "summary"]);
  });

  it("passes host failures on", async () => {
    const host = createDemoHost(demoSnapshot());
    jest.spyOn(host, "snapshot").mockRejectedValue(new Error("boom"));
    await expect(regenerateStatistics(host, "zh-CN", NOW)).rejects.toThrow("boom");
  });
});
