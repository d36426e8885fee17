import { analyzeWorkbook, type Analysis } from "../../src/core/analyze";
import { deadlineStatus } from "../../src/core/deadlines";
import { rollup, type Rollup, type RollupSource } from "../../src/core/rollup";
import { rollupPlan } from "../../src/core/plan/rollup";
import { withTraditional } from "../../src/core/script";
import { loadXlsx, snapshotOf } from "../../src/hosts/xlsx/workbook";
import { utc as d, xlsxFromGrids, type GridSheet } from "../helpers/grid-xlsx";
import { QA_LEDGERS } from "../helpers/qaLedgers";
import { LAYOUT_LEDGERS } from "../helpers/layoutLedgers";

const TODAY = "2021-12-31";
const HEAD = [
  "序号",
  "编号",
  "类别",
  "案由",
  "办理类型",
  "分管领导",
  "承办科室",
  "承办人",
  "交办日期",
  "办理时限",
  "答复日期",
  "办理结果",
  "满意度",
];
const row = (
  n: number,
  id: string,
  kind: string,
  role: string,
  due: Date | null,
  replied: Date | null,
  result: string | null,
  sat: string | null,
): (string | number | Date | null)[] => [
  n,
  id,
  kind,
  `关于第${id}号事项的${kind === "政协提案" ? "提案" : "建议"}`,
  role,
  "张局长",
  "综合科",
  "王一",
  due === null ? null : d(2021, 3, 1),
  due,
  replied,
  result,
  sat,
];

/**
 * Two bureaus sharing items. 101 (人大建议): 民政局 主办, replied on time; 财政局 协办, unreplied and overdue.
 * 103 (人大建议): 民政局 协办, replied late; 财政局 主办, replied on time. 102 is 政协 at 民政局 and 人大 at 财政局:
 * another item. City: 5 items (民政 101, 102; 财政 102, 103, 201), replied 3 (民政101, 财政102, 财政103), all
 * on time, overdue 1 (民政102), A类 3, B类 0 (民政103 is not counted), satisfied 3 of 3.
 */
const OVERLAP: { file: string; sheets: GridSheet[] }[] = [
  {
    file: "in/minzheng.xlsx",
    sheets: [
      {
        name: "台账",
        merges: ["A1:M1"],
        rows: [
          ["XX市民政局2021年建议提案办理台账"],
          HEAD,
          row(1, "101", "人大建议", "主办", d(2021, 6, 1), d(2021, 5, 20), "A类", "满意"),
          row(2, "102", "政协提案", "主办", d(2021, 6, 1), null, null, null),
          row(3, "103", "人大建议", "协办", d(2021, 6, 1), d(2021, 7, 1), "B类", "基本满意"),
        ],
      },
    ],
  },
  {
    file: "in/caizheng.xlsx",
    sheets: [
      {
        name: "台账",
        merges: ["A1:M1"],
        rows: [
          ["XX市财政局2021年建议提案办理台账"],
          HEAD,
          row(1, "101", "人大建议", "协办", d(2021, 4, 1), null, null, null),
          row(2, "102", "人大建议", "主办", d(2021, 6, 1), d(2021, 5, 1), "A类", "满意"),
          row(3, " 103", "人大建议", "主办", d(2021, 6, 1), d(2021, 5, 15), "A类", "满意"),
          row(4, "201", "政协提案", "主办", null, null, null, null),
        ],
      },
    ],
  },
];

async function analysisOf(sheets: GridSheet[]): Promise<Analysis> {
  const snapshot = snapshotOf(await loadXlsx(await xlsxFromGrids(sheets)));
  const outcome = await withTraditional(() => analyzeWorkbook(snapshot, { asOf: TODAY }));
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.analysis;
}

/** `n` units cycling through the QA and layout ledgers (each a bureau's own way of keeping one), one broken file. */
async function generated(n: number): Promise<RollupSource<string>[]> {
  const layouts = [...QA_LEDGERS, ...LAYOUT_LEDGERS];
  const sources: RollupSource<string>[] = [];
  for (let i = 0; i < n; i++) {
    const l = layouts[i % layouts.length];
    if (!l) throw new Error("no layout");
    sources.push({
      file: `in/${String(i + 1).padStart(2, "0")}-${l.name}.xlsx`,
      analysis: await analysisOf(l.sheets),
    });
  }
  sources.splice(1, 0, { file: "in/broken.xlsx", failure: "corrupt" });
  return sources;
}

/** The figures a roll-up adds up unit by unit (less the shared items' other rows). */
const ADDITIVE = ["total", "replied", "overdue", "dueSoon", "noDeadline"] as const;

describe("rollup", () => {
  it("counts an item several units handle once in the city total, under the 主办 unit's row, and once per unit", async () => {
    const sources: RollupSource<string>[] = [];
    for (const u of OVERLAP) sources.push({ file: u.file, analysis: await analysisOf(u.sheets) });
    const r = rollup(sources);
    expect(
      r.units.map((u) => [u.name, u.stats.total, u.stats.replied, u.stats.onTime, u.stats.overdue]),
    ).toEqual([
      ["XX市财政局", 4, 2, 2, 1],
      ["XX市民政局", 3, 2, 1, 1],
    ]);
    const t = r.total;
    expect([t.total, t.replied, t.onTime, t.overdue, t.noDeadline]).toEqual([5, 3, 3, 1, 1]);
    expect(t.results).toEqual({ A: 3, B: 0, C: 0, D: 0 });
    expect(t.byRole).toEqual({ lead: 5, assist: 0 });
    expect([t.satisfactionRate, t.replyRate, t.asOf]).toEqual([1, 3 / 5, TODAY]);
    expect(
      r.duplicates.map((dup) => [
        dup.id,
        dup.kind,
        dup.items.map((i) => `${i.unit}:${i.row}:${i.role}:${i.counted}`),
      ]),
    ).toEqual([
      ["101", "npc", ["XX市民政局:3:lead:true", "XX市财政局:3:assist:false"]],
      ["103", "npc", ["XX市财政局:5:lead:true", "XX市民政局:5:assist:false"]],
    ]);
    expect(r.failed).toEqual([]);
  });

  it.each([3, 30])(
    "rolls up %i generated unit ledgers in different layouts beside a broken file",
    async (n) => {
      const r: Rollup<string> = rollup(await generated(n));
      expect(r.units).toHaveLength(n);
      expect(r.failed).toEqual([{ file: "in/broken.xlsx", failure: "corrupt" }]);
      // Unique names (a title's organisation, else the file name), by 件数, most first.
      expect(new Set(r.units.map((u) => u.name.toLowerCase())).size).toBe(n);
      const totals = r.units.map((u) => u.stats.total);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      for (const u of r.units) {
        expect(u.rows).toHaveLength(u.stats.total);
        expect(u.stats).toBe(u.analysis.stats);
      }
      // The city total is every unit's figures minus the other units' rows of shared items, each counted as its
      // own unit counts it (its own deadline rules).
      const left = r.units.flatMap((u) =>
        u.rows
          .filter((x) => !x.counted)
          .map((x) => deadlineStatus(x.record, u.analysis.today, u.analysis.settings)),
      );
      expect(left).toHaveLength(r.duplicates.reduce((sum, dup) => sum + dup.items.length - 1, 0));
      const sum = (k: (typeof ADDITIVE)[number]): number => r.units.reduce((s, u) => s + u.stats[k], 0);
      const minus = {
        total: left.length,
        replied: left.filter((s) => s === "replied").length,
        overdue: left.filter((s) => s === "overdue").length,
        dueSoon: left.filter((s) => s === "dueSoon").length,
        noDeadline: left.filter((s) => s === "unknown").length,
      };
      for (const k of ADDITIVE) expect(r.total[k]).toBe(sum(k) - minus[k]);
      // 30 units repeat layouts, so items share 编号 and kind across units; 3 distinct ones share none.
      expect(r.duplicates.length > 0).toBe(n === 30);
    },
  );

  it("names a unit without a title after its file, and two files of one unit apart", async () => {
    const untitled: GridSheet[] = [
      { name: "Sheet1", rows: [HEAD, row(1, "9", "人大建议", "主办", d(2021, 6, 1), null, null, null)] },
    ];
    const r = rollup([
      { file: "C:\\台账\\教育局.xlsx", analysis: await analysisOf(untitled) },
      { file: "/tmp/教育局.v2.xlsx", analysis: await analysisOf(untitled) },
      { file: "b.xlsx", analysis: await analysisOf(OVERLAP[0]?.sheets ?? []) },
      { file: "c.xlsx", analysis: await analysisOf(OVERLAP[0]?.sheets ?? []) },
    ]);
    expect(r.units.map((u) => u.name)).toEqual(["XX市民政局", "XX市民政局（c）", "教育局", "教育局.v2"]);
  });

  it("plans 汇总台账 with every row and its 计入合计, and a figure cell per unit and for the total", async () => {
    const sources: RollupSource<string>[] = [{ file: "x.xlsx", failure: "corrupt" }];
    for (const u of OVERLAP) sources.push({ file: u.file, analysis: await analysisOf(u.sheets) });
    const r = rollup(sources);
    const { plan, figures } = rollupPlan(r, { issue: (i) => i.code, failure: (f) => `failed: ${f}` });
    expect(plan.ops.map((op) => op.name)).toEqual(["汇总统计", "汇总台账", "各单位问题"]);
    const [stats, ledger, issues] = plan.ops;
    if (ledger?.kind !== "new" || stats?.kind !== "new" || issues?.kind !== "new") throw new Error("ops");
    expect(ledger.tables[0]?.range).toBe("A1:R8");
    const cells = ledger.blocks[0]?.cells ?? [];
    const counted = cells.slice(1).map((c) => [c[0], c[1], c[14]].map((x) => (x && "v" in x ? x.v : null)));
    expect(counted).toEqual([
      ["XX市财政局", "101", 0],
      ["XX市财政局", "102", 1],
      ["XX市财政局", "103", 1],
      ["XX市财政局", "201", 1],
      ["XX市民政局", "101", 1],
      ["XX市民政局", "102", 1],
      ["XX市民政局", "103", 0],
    ]);
    expect(figures["XX市财政局.total"]).toBe("C4");
    expect(figures["XX市民政局.total"]).toBe("C5");
    expect(figures["total.total"]).toBe("C6");
    const totalCell = stats.blocks[0]?.cells[5]?.[2];
    expect(totalCell).toEqual({ t: "formula", f: "COUNTIFS(汇总台账表[计入合计],1)" });
    // The failure is listed with its reason, worded by the caller.
    const listed = (issues.blocks[0]?.cells ?? []).map((c) => c.map((x) => ("v" in x ? x.v : "")).join("|"));
    expect(listed).toContain("（未能读取）|x.xlsx||||错误|failed: corrupt");
    expect(stats.charts?.[0]?.categories).toBe("B4:B5");
  });
});
