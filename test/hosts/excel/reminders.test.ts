import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { planFor } from "../../../src/core/plan/pipeline";
import { TASK_PARTS } from "../../../src/core/plan/tasks";
import type { NewSheetPlan } from "../../../src/core/plan/types";
import { FakeExcel, seedSheets } from "./fakeExcel";
import { utc, type GridSheet } from "../../helpers/grid-xlsx";

const AS_OF = "2026-12-01";
const LEDGER: GridSheet[] = [
  {
    name: "台账",
    rows: [
      ["2026年建议提案办理台账"],
      ["编号", "案由", "承办科室", "承办人", "办理时限", "答复日期"],
      ["R1", "关于养老的建议", "养老科", "王一", utc(2026, 11, 20), null],
      ["R2", "关于殡葬的建议", "事务科", "王二", utc(2026, 12, 5), null],
      ["R3", "关于救助的建议", "救助科", "王三", utc(2026, 12, 3), null],
      ["R4", "关于地名的建议", "区划科", "王四", utc(2026, 11, 1), utc(2026, 10, 30)],
    ],
  },
];

/** Issue 11 in the Office.js host: 生成催办单 writes the notice sheet with one printed page per 科室. */
async function remind(host: ReturnType<typeof createExcelHost>) {
  const outcome = planFor(
    await host.snapshot(),
    { settings: { asOf: AS_OF } },
    {
      parts: TASK_PARTS.reminders,
    },
  );
  if (!outcome.ok) throw new Error(outcome.error.code);
  await host.apply(outcome.plan);
  const op = outcome.plan.ops.find((o): o is NewSheetPlan => o.kind === "new" && o.role === "reminders");
  if (!op) throw new Error("no 催办单 in the plan");
  return { plan: outcome.plan, op };
}

describe("生成催办单 (Office.js host)", () => {
  it("writes the 催办单 with a manual page break above each 科室 and a fixed print scale, and activates it", async () => {
    const x = new FakeExcel(15);
    seedSheets(x, LEDGER);
    x.install();
    const host = createExcelHost();
    const { plan, op } = await remind(host);
    const breaks = op.page?.breaksBefore ?? [];
    // Three 科室 with open items: three pages.
    expect(breaks).toHaveLength(2);
    const sheet = x.sheet("催办单");
    expect(sheet.pageBreaks).toEqual(breaks.map((r) => `A${r + 1}:A${r + 1}`));
    expect(sheet.page).toMatchObject({ orientation: "Portrait", paperSize: "A4", zoom: { scale: 80 } });
    expect(String(sheet.cell(0, 0)?.value)).toBe("建议提案催办单");
    expect(plan.activate).toBe("催办单");
    // The ledger was structured first (the 催办单 is recorded in 台账设置 like every generated sheet).
    expect(x.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["台账设置", "催办单"]));
  });

  it("writes it again over itself without doubling the page breaks", async () => {
    const x = new FakeExcel(15);
    seedSheets(x, LEDGER);
    x.install();
    const host = createExcelHost();
    const first = await remind(host);
    const again = await remind(host);
    expect(again.plan.replaces).toContain("催办单");
    expect(x.sheets.filter((s) => s.name.startsWith("催办单")).map((s) => s.name)).toEqual(["催办单"]);
    expect(x.sheet("催办单").pageBreaks).toHaveLength(first.op.page?.breaksBefore?.length ?? -1);
  });
});
