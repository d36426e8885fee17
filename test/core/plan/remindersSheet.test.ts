/**
 * The 催办单 sheet (issue 11): one block per 承办科室 with a page break before each, static values as of a date,
 * the 办理时限不明 items apart, in the workbook's script; written only when asked for.
 */
import { analyzeWorkbook } from "../../../src/core/analyze";
import { planWorkbook, DEFAULT_PARTS } from "../../../src/core/plan/build";
import { remindersFor } from "../../../src/core/reminders";
import { serialFromYmd } from "../../../src/core/dates";
import type { WorkbookSnapshot } from "../../../src/core/snapshot";
import type { NewSheetPlan, PlanCell } from "../../../src/core/plan/types";
import type { SettingsInput } from "../../../src/core/settings";
import { loadTraditional } from "../../../src/core/script";

// Traditional ledgers are analysed here: the s2tw dictionaries load first (src/core/script.ts).
beforeAll(() => loadTraditional());

const d = (m: number, day: number) => serialFromYmd(2026, m, day);
const HEADER = [
  "编号",
  "案由",
  "类别",
  "办理类型",
  "分管领导",
  "承办科室",
  "承办人",
  "联系电话",
  "办理时限",
  "答复日期",
];
const ROWS: (string | number | null)[][] = [
  ["R1", "关于公墓建设的建议", "人大建议", "主办", "张局长", "社会事务科", "小王", "=1381", d(11, 20), null],
  ["R2", "关于养老服务的建议", "人大建议", "协办", "张局长", "社会事务科", "小王", "1381", d(12, 5), null],
  ["P1", "关于婚姻登记的提案", "政协提案", "主办", "李局长", "社会救助科", "小孙", null, d(11, 30), null],
  ["P2", "关于救助政策的提案", "政协提案", "主办", "李局长", "社会救助科", "小孙", null, d(11, 1), d(10, 30)],
  ["P3", "关于儿童福利的提案", "政协提案", "主办", "王局长", "儿童福利科", null, null, "延期至明年", null],
];

function workbook(rows = ROWS, header = HEADER): WorkbookSnapshot {
  return { sheets: [{ name: "台账", rows: [["2026年建议提案办理台账"], header, ...rows], merges: [] }] };
}

function plan(
  rows: (string | number | null)[][] = ROWS,
  settings: SettingsInput = {},
  parts = [...DEFAULT_PARTS, "reminders" as const],
  header = HEADER,
) {
  const wb = workbook(rows, header);
  const outcome = analyzeWorkbook(wb, { asOf: "2026-12-01", ...settings });
  if (!outcome.ok) throw new Error(outcome.error.code);
  const { plan } = planWorkbook(wb, outcome.analysis, { parts });
  const sheet = plan.ops.find((op): op is NewSheetPlan => op.kind === "new" && op.role === "reminders");
  return { plan, sheet, analysis: outcome.analysis };
}

/** The sheet's cells as text rows (empty cells ""), formulas marked. */
function grid(op: NewSheetPlan): string[][] {
  const show = (c: PlanCell): string => (c.t === "formula" ? `=${c.f}` : c.t === "empty" ? "" : String(c.v));
  return (op.blocks[0]?.cells ?? []).map((row) => row.map(show));
}

describe("the 催办单 sheet", () => {
  it("has one block per 承办科室, each starting a printed page, and the unreadable deadlines last", () => {
    const { sheet, analysis } = plan();
    expect(sheet).toBeDefined();
    const rows = grid(sheet!);
    const titles = rows.flatMap((r, i) =>
      /^(建议提案催办单|办理时限不明的建议提案)$/.test(r[0] ?? "") ? [i] : [],
    );
    const groups = remindersFor(analysis).groups;
    expect(titles).toHaveLength(groups.length + 1);
    expect(rows[titles.at(-1)!]?.[0]).toBe("办理时限不明的建议提案");
    // Every block after the first starts a page: one A4 page per 科室.
    expect(sheet!.page?.breaksBefore).toEqual(titles.slice(1));
    expect(sheet!.page).toMatchObject({ orientation: "portrait", paperSize: "A4" });
    expect(sheet!.page?.scale).toBeGreaterThan(50);
    // Each block names its 科室, the 填发日期 and the 签收 lines; items with their deadline and days.
    groups.forEach((g, n) => {
      const block = rows.slice(titles[n], titles[n + 1]);
      const text = block.map((r) => r.join("|")).join("\n");
      expect(text).toContain(`承办科室：${g.department}`);
      expect(text).toContain("填发日期：2026年12月1日");
      expect(text).toContain("签收人：");
      expect(text).toContain("签收日期：");
      for (const item of g.items) expect(text).toContain(`|${item.id}|${item.title}|`);
    });
    const all = rows.map((r) => r.join("|")).join("\n");
    expect(all).toContain("|R1|关于公墓建设的建议|人大建议|小王|=1381|2026年11月20日|已超期11天");
    expect(all).toContain("|R2|关于养老服务的建议|人大建议（协办）|小王|1381|2026年12月5日|还剩4天");
    expect(all).toContain("|P3|关于儿童福利的提案|政协提案|||儿童福利科|台账第7行");
    expect(all).not.toContain("P2");
  });

  it("holds static values only, user text as text (a phone number starting with = is no formula)", () => {
    const cells = plan().sheet!.blocks.flatMap((b) => b.cells.flat());
    expect(cells.filter((c) => c.t === "formula")).toEqual([]);
    expect(cells).toContainEqual({ t: "text", v: "=1381" });
  });

  it("says there is nothing to chase, on one page, when nothing is due", () => {
    const rows = grid(plan(ROWS.slice(3, 4)).sheet!);
    expect(rows[0]?.[0]).toBe("建议提案催办单");
    expect(rows.map((r) => r[0]).join("\n")).toContain(
      "截至2026年12月1日，目前没有已超期或7天内到期的建议提案。",
    );
  });

  it("is written in the workbook's script", () => {
    const rows = grid(plan(ROWS, { script: "traditional" }).sheet!);
    expect(rows[0]?.[0]).toBe("建議提案催辦單");
    expect(rows.map((r) => r.join("|")).join("\n")).toContain("簽收人：");
  });

  it("is written only when asked for, then named among the generated sheets and in the settings", () => {
    const plain = plan(ROWS, {}, [...DEFAULT_PARTS]);
    expect(plain.sheet).toBeUndefined();
    expect(plain.plan.sheets.reminders).toBeUndefined();
    const asked = plan();
    expect(asked.plan.sheets.reminders).toBe("催办单");
    const settings = asked.plan.ops.find((op) => op.kind === "new" && op.role === "settings") as NewSheetPlan;
    const pairs = settings.blocks.flatMap((b) =>
      b.cells.map((r) => grid({ ...settings, blocks: [{ ...b, cells: [r] }] })[0]),
    );
    expect(pairs.some((r) => r?.[0] === "sheet.reminders" && r[1] === "催办单")).toBe(true);
    expect(pairs.some((r) => r?.[0] === "owned.reminders" && (r[1] ?? "").length > 0)).toBe(true);
  });

  it("writes the 协办/会办 months into the settings and the deadline formula", () => {
    const header = ["编号", "案由", "办理类型", "承办科室", "交办日期", "办理时限"];
    const rows = [["R1", "关于养老的建议", "协办", "养老科", d(10, 15), null]];
    const { plan: p } = plan(rows, { assistDeadlineMonths: 1 }, undefined, header);
    const settings = p.ops.find((op) => op.kind === "new" && op.role === "settings") as NewSheetPlan;
    const fixed = settings.blocks.find((b) => b.row === 3);
    expect(fixed?.cells.find((r) => r[0]?.t === "text" && r[0].v === "assistDeadlineMonths")?.[1]).toEqual({
      t: "number",
      v: 1,
    });
    const ledger = p.ops.find((op) => op.kind === "edit");
    const due =
      ledger?.kind === "edit" ? ledger.tables[0]?.calculated.find((c) => c.column === "计算时限") : undefined;
    expect(due?.formula).toContain("$B$17");
    expect(due?.formula).toContain('"协办"');
  });
});
