import { createExcelHost } from "../../../src/hosts/excel/excelHost";
import { APPLY_SYNCS } from "../../../src/hosts/excel/render";
import { planFor } from "../../../src/core/plan/pipeline";
import { FakeExcel, seedSheets } from "./fakeExcel";
import { utc, type GridSheet } from "../../helpers/grid-xlsx";

/** Issue 12, items 2 and 3, in the Office.js host: page numbers (the user's footer kept), 汇报材料 rows autofit. */
const LEDGER: GridSheet[] = [
  {
    name: "台账",
    rows: [
      ["编号", "案由", "承办科室", "办理时限", "答复日期", "办理结果"],
      ["R1", "关于养老的建议", "养老科", utc(2026, 11, 20), utc(2026, 10, 1), "A类"],
      ["R2", "关于殡葬的建议", "事务科", utc(2026, 12, 5), null, null],
    ],
  },
];

type Footers = { defaultForAllPages: Record<string, unknown> };

async function build(x: FakeExcel): Promise<void> {
  const host = createExcelHost();
  const outcome = planFor(await host.snapshot(), { settings: { asOf: "2026-12-01" } });
  if (!outcome.ok) throw new Error(outcome.error.code);
  x.syncSpy.mockClear();
  await host.apply(outcome.plan);
}

describe("printing (Office.js host)", () => {
  it("numbers the pages of the ledger, 统计表 and 汇报材料 and lets 汇报材料's rows fit their text, in APPLY_SYNCS", async () => {
    const x = new FakeExcel(15);
    seedSheets(x, LEDGER);
    x.install();
    await build(x);
    expect(x.syncSpy).toHaveBeenCalledTimes(APPLY_SYNCS);
    const footer = (name: string) => (x.sheet(name).page.headersFooters as Footers).defaultForAllPages;
    expect(footer("台账")).toMatchObject({ centerFooter: "第&P页 共&N页", rightFooter: "打印日期：&D" });
    expect(footer("统计表")).toMatchObject({ centerFooter: "第&P页 共&N页" });
    expect(footer("汇报材料")).toMatchObject({ centerFooter: "— &P —" });
    expect(x.sheet("汇报材料").autofitRows.length).toBe(1);
    expect(x.sheet("统计表").autofitRows).toEqual([]);
  });

  it("keeps a footer the user gave the ledger", async () => {
    const x = new FakeExcel(15);
    seedSheets(x, LEDGER);
    x.sheet("台账").page.headersFooters = {
      defaultForAllPages: {
        leftFooter: "内部资料",
        load() {
          return this;
        },
      },
    };
    x.install();
    await build(x);
    const own = (x.sheet("台账").page.headersFooters as Footers).defaultForAllPages;
    expect(own.leftFooter).toBe("内部资料");
    expect(own.centerFooter).toBeUndefined();
  });
});
