import type { LedgerRecord } from "../../src/core/fields";
import type { Stats } from "../../src/core/stats.types";
import { resolveSettings, type SettingsInput } from "../../src/core/settings";
import { serialFromYmd } from "../../src/core/dates";
import { computeStats, groupKey, mayHaveCase } from "../../src/core/stats";

const d = (m: number, day: number): number => serialFromYmd(2019, m, day);
const TODAY = d(6, 10);
let nextRow = 2;
const rec = (extra: Partial<LedgerRecord> = {}): LedgerRecord => ({ row: nextRow++, invalid: {}, ...extra });
const stats = (records: LedgerRecord[], input: SettingsInput = {}): Stats =>
  computeStats(records, resolveSettings(input), TODAY);

describe("computeStats", () => {
  it("an empty ledger: zeros, and every rate null rather than NaN", () => {
    const s = stats([], { year: 2019 });
    expect(s.total).toBe(0);
    expect([s.replyRate, s.onTimeReplyRate, s.satisfactionRate, s.consultationRate]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(s.year).toBe(2019);
    expect(s.asOf).toBe("2019-06-10");
    expect(s.topics).toEqual([]);
  });

  it("year is null when settings have none", () => {
    expect(stats([]).year).toBeNull();
  });

  // Every row has four columns: with fewer, Jest passes its `done` callback in the last place.
  it.each<[string, Partial<Stats>, LedgerRecord[], SettingsInput]>([
    [
      "excluded departments leave every total and are listed, matched after trim and script folding",
      {
        total: 1,
        replied: 1,
        replyRate: 1,
        excluded: [
          { name: "市扶贫办", count: 2 },
          { name: "民政科", count: 0 },
        ],
      },
      [
        rec({ department: " 市扶贫办 " }),
        rec({ department: "市扶貧辦", repliedOn: d(5, 1) }),
        rec({ department: "社会事务科", repliedOn: d(5, 1) }),
      ],
      { excludeDepartments: ["市扶贫办", " 市扶贫办", "民政科"] },
    ],
    [
      "kinds and roles count only known values; npc includes 议案; 会办 counts as assist",
      {
        total: 6,
        byKind: { npc: 2, npcMotion: 1, cppcc: 2 },
        byRole: { lead: 2, assist: 3 },
        byKindRole: { npc: { lead: 1, assist: 2 }, cppcc: { lead: 1, assist: 0 } },
      },
      [
        rec({ kind: "npc", role: "lead" }),
        rec({ kind: "npc", role: "assist" }),
        rec({ kind: "npcMotion", role: "joint" }),
        rec({ kind: "cppcc", role: "lead" }),
        rec({ kind: "cppcc" }),
        rec({ role: "assist" }),
      ],
      {},
    ],
    [
      "on time = replied on or before the deadline in force; no deadline is not on time",
      { replied: 4, onTime: 2, replyRate: 0.8, onTimeReplyRate: 0.4 },
      [
        rec({ dueOn: d(5, 1), repliedOn: d(5, 1) }),
        rec({ assignedOn: d(3, 1), repliedOn: d(5, 31) }),
        rec({ dueOn: d(5, 1), repliedOn: d(5, 2) }),
        rec({ repliedOn: d(5, 2) }),
        rec({ dueOn: d(7, 1) }),
      ],
      {},
    ],
    [
      "overdue, due soon and no deadline follow deadlineStatus",
      { overdue: 2, dueSoon: 1, noDeadline: 1, replied: 1 },
      [
        rec({ dueOn: d(6, 9) }),
        rec({ assignedOn: d(1, 5) }),
        rec({ dueOn: d(6, 17) }),
        rec({ dueOn: d(6, 18) }),
        rec({}),
        rec({ repliedOn: d(6, 1) }),
      ],
      {},
    ],
    [
      "satisfaction: 未表态 is not feedback",
      {
        satisfaction: { satisfied: 2, basic: 1, unsatisfied: 1, none: 1 },
        feedback: 4,
        satisfactionRate: 0.75,
      },
      [
        rec({ satisfaction: "satisfied" }),
        rec({ satisfaction: "satisfied" }),
        rec({ satisfaction: "basic" }),
        rec({ satisfaction: "unsatisfied" }),
        rec({ satisfaction: "none" }),
      ],
      {},
    ],
    [
      "only 未表态: satisfaction rate null",
      { feedback: 0, satisfactionRate: null },
      [rec({ satisfaction: "none" })],
      {},
    ],
    [
      "consultation: 无/未面商/否, blanks and phone-only contact do not count",
      { consulted: 2, consultationRate: 2 / 7 },
      [
        rec({ consultation: "当面沟通" }),
        rec({ consultation: "座谈" }),
        rec({ consultation: "电话" }),
        rec({ consultation: "无" }),
        rec({ consultation: " 未面商 " }),
        rec({ consultation: "否" }),
        rec({ consultation: "" }),
      ],
      {},
    ],
    [
      "results and key",
      { results: { A: 2, B: 1, C: 0, D: 1 }, key: 1 },
      [
        rec({ result: "A", key: true }),
        rec({ result: "A", key: false }),
        rec({ result: "B" }),
        rec({ result: "D" }),
      ],
      {},
    ],
  ])("%s", (_title, expected, records, input) => {
    expect(stats(records, input)).toMatchObject(expected);
  });

  it("topics: count descending, ties in order of first appearance", () => {
    const topics = ["社区治理", "殡葬改革", "地名管理", "殡葬改革", " 社区治理 ", "养老服务", "", undefined];
    const s = stats(topics.map((topic) => rec(topic === undefined ? {} : { topic })));
    expect(s.topics).toEqual([
      { name: "社区治理", count: 2 },
      { name: "殡葬改革", count: 2 },
      { name: "地名管理", count: 1 },
      { name: "养老服务", count: 1 },
    ]);
  });

  it("byDepartment and byLeader: total descending, then name; unnamed rows group under ''", () => {
    const s = stats([
      rec({ department: "乙科", leader: "张", dueOn: d(6, 1) }),
      rec({ department: "甲科", leader: "张", repliedOn: d(5, 1) }),
      rec({ department: "丙科", leader: "李", dueOn: d(6, 1) }),
      rec({ department: "丙科", leader: "李", repliedOn: d(5, 1) }),
      rec({ department: " 乙科", repliedOn: d(5, 1) }),
    ]);
    expect(s.byDepartment).toEqual([
      { name: "丙科", total: 2, replied: 1, overdue: 1 },
      { name: "乙科", total: 2, replied: 1, overdue: 1 },
      { name: "甲科", total: 1, replied: 1, overdue: 0 },
    ]);
    expect(s.byLeader).toEqual([
      { name: "张", total: 2, replied: 1, overdue: 1 },
      { name: "李", total: 2, replied: 1, overdue: 1 },
      { name: "", total: 1, replied: 1, overdue: 0 },
    ]);
  });
});

describe("面商 counts face-to-face contact only", () => {
  it.each([
    ["登门走访", true],
    ["座谈会", true],
    ["当面沟通", true],
    ["电话沟通", false],
    ["书面征询", false],
    ["电话沟通后上门面商", true],
    ["无", false],
  ])("%s → %s", (consultation, expected) => {
    const stats = computeStats([{ row: 2, consultation, invalid: {} }], resolveSettings({}), 45000);
    expect(stats.consulted).toBe(expected ? 1 : 0);
  });
});

describe("groupKey", () => {
  it("ignores letter case as COUNTIFS does, full-width letters and Greek too, and keeps CJK names as they are", () => {
    expect(groupKey("民政ABC")).toBe(groupKey("民政abc"));
    expect(groupKey("科室ＡＢ")).toBe("科室ａｂ");
    expect(groupKey("Ωμέγα科")).toBe("ωμέγα科");
    const name = "办公室（综合科）";
    expect(groupKey(name)).toBe(name);
  });

  it("skips toLowerCase only for code units it leaves as they are (every BMP code unit)", () => {
    const changed: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      if (!mayHaveCase(code) && c.toLowerCase() !== c) changed.push(code);
    }
    expect(changed).toEqual([]);
  });
});
