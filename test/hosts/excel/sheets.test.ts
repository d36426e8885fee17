import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { APPLY_SYNCS } from "../../../src/hosts/excel/render";
import { analyzeWorkbook } from "../../../src/core/analyze";
import { buildPlan } from "../../../src/core/plan/build";
import { FakeExcel, seedSheets } from "./fakeExcel";
import { TWO_SHEETS } from "../../helpers/layoutLedgers";

/** A ledger kept on two sheets (人大建议, 政协提案), structured in place by the Office.js host. */
function seed(x: FakeExcel): void {
  seedSheets(x, TWO_SHEETS.sheets);
}

describe("apply: a ledger over two sheets", () => {
  it("structures both sheets, one table and one backup each, in the same number of syncs", async () => {
    const x = new FakeExcel(20);
    seed(x);
    x.install();
    const host = createExcelHost();
    const snapshot = await host.snapshot();
    const outcome = analyzeWorkbook(snapshot, { asOf: TWO_SHEETS.today });
    if (!outcome.ok) throw new Error(outcome.error.code);
    expect(outcome.analysis.sheets).toEqual(["人大建议", "政协提案"]);
    const plan = buildPlan(snapshot, outcome.analysis);
    x.syncSpy.mockClear();
    await host.apply(plan);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
    const tables = x.tables.map((t) => `${t.worksheet.name}:${t.name}`);
    expect(tables).toEqual(expect.arrayContaining(["人大建议:台账表", "政协提案:台账表2"]));
    expect(x.sheet("人大建议(原表)")).toBeDefined();
    expect(x.sheet("政协提案(原表)")).toBeDefined();
    // The statistics count both tables: the total adds one SUMPRODUCT per table.
    const stats = x.formulas().filter((f) => f.where.startsWith("统计表"));
    expect(stats.map((f) => f.formula)).toContain(
      '=SUMPRODUCT(--(台账表[时限状态]<>""))+SUMPRODUCT(--(台账表2[时限状态]<>""))',
    );
  });
});
