import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeWorkbook, type Analysis } from "../../src/core/analyze";
import {
  compareYears,
  followUpSummary,
  idKey,
  ID_BONUS,
  MATCH_THRESHOLD,
  REVIEW_THRESHOLD,
  titleKey,
  titleSimilarity,
  type Comparison,
  type FollowUpItem,
} from "../../src/core/compare";
import { buildReport } from "../../src/core/report";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { loadTraditional } from "../../src/core/script";
import { loadXlsx, snapshotOf } from "../../src/hosts/xlsx/workbook";
import { expectGolden } from "../helpers/golden";

const SAMPLE = join(__dirname, "..", "..", "samples", "sample-ledger.xlsx");

function analyse(snapshot: WorkbookSnapshot, asOf: string): Analysis {
  const outcome = analyzeWorkbook(snapshot, { asOf });
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.analysis;
}

/** Columns of 责任分工表 in the sample (0-based). */
const C = {
  id: 1,
  title: 3,
  topic: 5,
  assigned: 12,
  due: 13,
  replied: 14,
  ref: 15,
  result: 16,
  satisfaction: 17,
};

/**
 * "This year" (2027) made from the sample (2026): dates a year on, and row by row (0-based sheet rows):
 * - 4 R102 (B类) reworded, now A类: found by 编号 and title;
 * - 7 P203 (B类) renumbered P303: found by title;
 * - 9 R104 (B类) reworded and renumbered R120: found by title;
 * - 13 R105 (unreplied): its 编号 now names another item: not found;
 * - 14, 15 R106 twice (unreplied, one 编号 for two items): each found by its own title;
 * - 16 P206 (unreplied) reworded P306, and row 5 (P201, not followed up) turned into a near twin P311: ambiguous
 *   (candidates tied: in ledger order);
 * - 17 P207 (unreplied) the same, now replied A类.
 */
function thisYear(last: WorkbookSnapshot): WorkbookSnapshot {
  const sheets = last.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) }));
  const sheet = sheets.find((s) => s.name === "责任分工表");
  if (!sheet) throw new Error("no 责任分工表");
  const year = (v: CellValue): CellValue =>
    typeof v === "number" ? v + 365 : typeof v === "string" ? v.replace(/2026/g, "2027") : v;
  sheet.rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (r < 2 || (r > 2 && c >= C.assigned && c <= C.ref)) row[c] = year(v);
    });
  });
  const set = (r: number, values: Partial<Record<keyof typeof C, CellValue>>): void => {
    const row = sheet.rows[r];
    if (!row) throw new Error(`no row ${r}`);
    for (const [k, v] of Object.entries(values)) row[C[k as keyof typeof C]] = v;
  };
  set(4, { title: "关于深入推进殡葬服务移风易俗工作的建议", result: "A类" });
  set(7, { id: "P303" });
  set(9, { id: "R120", title: "关于大力发展农村互助养老服务的建议" });
  set(13, { title: "关于加强未成年人网络保护的建议" });
  set(16, { id: "P306", title: "关于加强城乡社区治理工作的提案" });
  set(5, { id: "P311", title: "关于加强城乡社区治理能力的提案", topic: "社区治理" });
  set(17, { replied: "2027/5/20", ref: "民提字〔2027〕8号", result: "A类", satisfaction: "满意" });
  return { ...last, sheets };
}

let last: Analysis;
let current: Analysis;
let comparison: Comparison;

beforeAll(async () => {
  await loadTraditional();
  const snapshot = snapshotOf(await loadXlsx(readFileSync(SAMPLE)));
  last = analyse(snapshot, "2026-12-31");
  current = analyse(thisYear(snapshot), "2027-12-31");
  comparison = compareYears(last, current);
});

/** An item's outcome in short: "matched 5", "ambiguous 6,17", "notFound". */
function outcome(i: FollowUpItem): string {
  const o = i.outcome;
  if (o.kind === "matched") return `matched ${o.current.row}`;
  if (o.kind === "ambiguous") return `ambiguous ${o.candidates.map((c) => c.current.row).join(",")}`;
  return "notFound";
}

describe("compareYears: last year's follow-up on two years of the sample", () => {
  it("follows up last year's B类 and unreplied items, each once, in the ledger's order", () => {
    expect(comparison.last).toEqual({ year: 2026, asOf: "2026-12-31" });
    expect(comparison.current).toEqual({ year: 2027, asOf: "2027-12-31" });
    expect(comparison.items.map((i) => [i.last.id, i.last.row, i.reasons.join("+"), outcome(i)])).toEqual([
      ["R102", 5, "planned", "matched 5"],
      ["P203", 8, "planned", "matched 8"],
      ["R104", 10, "planned", "matched 10"],
      ["R105", 14, "unreplied", "notFound"],
      ["R106", 15, "unreplied", "matched 15"],
      ["R106", 16, "unreplied", "matched 16"],
      ["P206", 17, "unreplied", "ambiguous 6,17"],
      ["P207", 18, "unreplied", "matched 18"],
    ]);
  });

  it("says how each was found and what became of it this year", () => {
    const byRow = new Map(comparison.items.map((i) => [i.last.row, i.outcome]));
    const r102 = byRow.get(5);
    expect(r102).toMatchObject({
      kind: "matched",
      sameId: true,
      current: { id: "R102", status: "replied", result: "A" },
    });
    // A reworded title alone would not reach MATCH_THRESHOLD… but it does, and the 编号 adds ID_BONUS.
    if (r102?.kind !== "matched") throw new Error("R102 not matched");
    expect(r102.similarity).toBeGreaterThan(MATCH_THRESHOLD);
    expect(r102.score).toBeCloseTo(r102.similarity + ID_BONUS, 10);
    expect(byRow.get(8)).toMatchObject({
      kind: "matched",
      sameId: false,
      similarity: 1,
      current: { id: "P303" },
    });
    expect(byRow.get(10)).toMatchObject({
      kind: "matched",
      sameId: false,
      current: { id: "R120", result: "B" },
    });
    expect(byRow.get(18)).toMatchObject({
      kind: "matched",
      current: { id: "P207", status: "replied", result: "A", repliedOn: "2027-05-20" },
    });
    // Still unreplied this year, and overdue as of 2027-12-31.
    expect(byRow.get(15)).toMatchObject({
      kind: "matched",
      current: { title: "关于规范地名命名管理的建议", status: "overdue" },
    });
  });

  it("never matches a same-编号 row whose title differs a lot, and lists near twins for the user", () => {
    const r105 = comparison.items.find((i) => i.last.row === 14);
    expect(r105?.outcome).toEqual({ kind: "notFound" });
    // This year's R105 exists, under another title.
    expect(current.records.find((r) => r.id === "R105")?.title).toBe("关于加强未成年人网络保护的建议");
    const p206 = comparison.items.find((i) => i.last.row === 17)?.outcome;
    if (p206?.kind !== "ambiguous") throw new Error("P206 not ambiguous");
    expect(p206.candidates.map((c) => [c.current.id, c.similarity])).toEqual([
      ["P311", 0.875],
      ["P306", 0.875],
    ]);
  });

  it("puts the years' figures side by side, rates' changes in percentage points", () => {
    const fig = (key: string, topic?: string) =>
      comparison.figures.find((f) => f.key === key && (topic === undefined || f.topic === topic));
    expect(fig("total")).toEqual({ key: "total", unit: "count", last: 16, current: 16, change: 0 });
    expect(fig("replyRate")).toEqual({
      key: "replyRate",
      unit: "rate",
      last: last.stats.replyRate,
      current: current.stats.replyRate,
      change: 6.2, // 11/16 = 68.8% → 12/16 = 75%, as the rates are shown
    });
    expect(current.stats.replied).toBe(12);
    expect(fig("resultA")).toMatchObject({ last: 6, current: 8, change: 2 });
    expect(fig("resultB")).toMatchObject({ last: 3, current: 2, change: -1 });
    expect(fig("shareA")).toMatchObject({ unit: "rate", last: 0.6, change: 12.7 }); // 6/10 → 8/11
    expect(fig("resultD")).toBeUndefined();
    expect(fig("topic", "社区治理")).toMatchObject({ last: 2, current: 3, change: 1 });
    expect(fig("topic", "殡葬改革")).toMatchObject({ last: 3, current: 2, change: -1 });
    const topics = comparison.figures.filter((f) => f.key === "topic").map((f) => f.current ?? 0);
    expect(topics).toEqual([...topics].sort((a, b) => b - a));
  });
});

describe("the report's follow-up paragraph", () => {
  it("adds one paragraph under 二 with the data, and nothing without it", () => {
    const summary = followUpSummary(comparison);
    expect(summary).toEqual({
      lastYear: 2026,
      items: 8,
      planned: 3,
      unreplied: 5,
      matched: 6,
      replied: 4,
      solved: 2,
      notFound: 1,
      ambiguous: 1,
    });
    const plain = buildReport(current.stats, current.settings, current.script);
    expect(plain).toEqual(current.report);
    const withFollowUp = buildReport(current.stats, current.settings, "simplified", summary);
    expect(withFollowUp.paragraphs).toHaveLength(plain.paragraphs.length + 1);
    const at = withFollowUp.paragraphs.findIndex((p) => p.text.includes("回头看"));
    expect(withFollowUp.paragraphs[at - 1]?.text).toMatch(/个方面的工作/);
    expectGolden("follow-up.zh-CN", withFollowUp.paragraphs[at]?.text ?? "");
    const traditional = buildReport(current.stats, current.settings, "traditional", summary);
    expectGolden("follow-up.zh-TW", traditional.paragraphs[at]?.text ?? "");
  });

  it.each([
    [
      "nothing to follow up",
      { items: 0, planned: 0, unreplied: 0, matched: 0, replied: 0, solved: 0, notFound: 0, ambiguous: 0 },
      "2026年度没有列入计划拟解决或拟采纳、未办复的建议提案，无需开展“回头看”。",
    ],
    [
      "an item both B类 and unreplied, found unreplied",
      { items: 1, planned: 1, unreplied: 1, matched: 1, replied: 0, solved: 0, notFound: 0, ambiguous: 0 },
      "对2026年度列入计划拟解决或拟采纳的1件、未办复的1件建议提案（共1件）开展“回头看”：本年度台账中有后续办理记录的1件，其中尚未办复1件。",
    ],
  ])("%s", (_, counts, text) => {
    const r = buildReport(current.stats, current.settings, "simplified", { lastYear: 2026, ...counts });
    expect(r.paragraphs.map((p) => p.text)).toContain(text);
  });
});

describe("titles and 编号 as compared", () => {
  it.each([
    [
      "the 关于…的建议 frame, punctuation and script are dropped",
      "关于加快推进“城区公墓”建设的建议",
      "加快推进城区公墓建设",
    ],
    ["traditional folds to simplified", "關於規範地名命名管理的建議", "规范地名命名管理"],
    ["a title that is only the frame keeps it", "关于的建议", "关于的建议"],
  ])("titleKey: %s", (_, title, key) => {
    expect(titleKey(title)).toBe(key);
  });

  it.each([
    ["the same title", "关于发展农村互助养老的建议", "关于发展农村互助养老的建议", 1],
    ["another script and punctuation", "关于发展农村互助养老的建议", "關於發展農村「互助養老」的建議", 1],
    [
      "reworded: 7 of 7 and 11 bigrams shared",
      "关于发展农村互助养老的建议",
      "关于大力发展农村互助养老服务的建议",
      14 / 18,
    ],
    [
      "near twins: 7 shared of 7 and 9",
      "关于加强城乡社区治理的提案",
      "关于加强城乡社区治理能力的提案",
      14 / 16,
    ],
    [
      "one word in common is far below review",
      "关于加强城乡社区治理的提案",
      "关于推进智慧社区建设的提案",
      2 / 14,
    ],
    ["the frame alone counts for nothing", "关于甲的建议", "关于乙的建议", 0],
    ["no title", "", "关于甲的建议", 0],
  ])("titleSimilarity: %s", (_, a, b, expected) => {
    expect(titleSimilarity(a, b)).toBeCloseTo(expected, 10);
  });

  it("orders the thresholds so that a reworded title is matched and a shared word is not reviewed", () => {
    expect(
      titleSimilarity("关于发展农村互助养老的建议", "关于大力发展农村互助养老服务的建议"),
    ).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(
      titleSimilarity("关于加强城乡社区治理的提案", "关于推进智慧社区建设的提案") + ID_BONUS,
    ).toBeLessThan(REVIEW_THRESHOLD);
  });

  it.each([
    ["第12号", "12"],
    ["012", "12"],
    ["第０１２號", "12"],
    [" R 101 ", "r101"],
    ["Ｐ２０１", "p201"],
  ])("idKey(%s) = %s", (id, key) => {
    expect(idKey(id)).toBe(key);
  });
});

/** A one-sheet ledger of [编号, 类别, 案由, 办理结果, 答复日期] rows, as of 2026-12-31. */
function ledger(rows: [string, string, string, string, string][]): Analysis {
  const head = [
    "编号",
    "类别",
    "案由",
    "分管领导",
    "承办科室",
    "承办人",
    "交办日期",
    "办理时限",
    "答复日期",
    "办理结果",
  ];
  const body = rows.map(([id, kind, title, result, replied]) => [
    id,
    kind,
    title,
    "李局长",
    "综合科",
    "王一",
    "2026-03-01",
    "2026-06-01",
    replied,
    result,
  ]);
  return analyse({ sheets: [{ name: "台账", rows: [head, ...body], merges: [] }] }, "2026-12-31");
}

describe("compareYears: the matching rule", () => {
  const lastYear = ledger([
    ["1", "人大建议", "关于加快推进城区公益性公墓建设的建议", "B类", "2026-05-01"],
    ["2", "政协提案", "关于完善临时救助制度的提案", "", ""],
    ["3", "人大建议", "关于推进老旧小区适老化改造的建议", "", ""],
  ]);
  it.each([
    [
      "same 编号, same title",
      [["1", "人大建议", "关于加快推进城区公益性公墓建设的建议", "A类", "2026-05-01"]],
      "matched 2",
    ],
    [
      "another kind is another item",
      [["1", "政协提案", "关于加快推进城区公益性公墓建设的提案", "", ""]],
      "notFound",
    ],
    // Dice 0.4 + ID_BONUS: between the thresholds, for the user.
    [
      "same 编号, a title half alike",
      [["1", "人大建议", "关于加快推进城区殡仪馆改造的建议", "", ""]],
      "ambiguous 2",
    ],
    [
      "a title match under a new 编号, clearly best",
      [
        ["9", "人大建议", "关于加快推进城区公益性公墓建设的建议", "", ""],
        ["1", "人大建议", "关于规范地名命名管理的建议", "", ""],
      ],
      "matched 2",
    ],
  ] as [string, [string, string, string, string, string][], string][])("%s", (_, rows, expected) => {
    const first = compareYears(lastYear, ledger(rows)).items[0];
    if (!first) throw new Error("no item");
    expect(outcome(first)).toBe(expected);
  });

  it("leaves a row two of last year's items claim alike for the user, and takes a row once", () => {
    const twins = ledger([
      ["1", "人大建议", "关于推进老旧小区适老化改造的建议", "B类", "2026-05-01"],
      ["2", "人大建议", "关于推进老旧小区适老化改造的建议", "", ""],
    ]);
    const c = compareYears(
      twins,
      ledger([["7", "人大建议", "关于推进老旧小区适老化改造工作的建议", "", ""]]),
    );
    expect(c.items.map(outcome)).toEqual(["ambiguous 2", "ambiguous 2"]);
    // With its own 编号, one claimant is clearly best: it takes the row, and the other has nothing left.
    const own = compareYears(
      twins,
      ledger([["1", "人大建议", "关于推进老旧小区适老化改造工作的建议", "", ""]]),
    );
    expect(own.items.map(outcome)).toEqual(["matched 2", "notFound"]);
  });
});
