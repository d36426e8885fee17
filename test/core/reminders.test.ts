/**
 * 催办 (issue 11, engine part): which open items are chased, how they are grouped, and the messages, table-driven
 * over a small ledger, with golden message texts in both scripts.
 */
import { analyzeWorkbook, type Analysis } from "../../src/core/analyze";
import { remindersFor } from "../../src/core/reminders";
import { serialFromYmd } from "../../src/core/dates";
import type { SettingsInput } from "../../src/core/settings";
import { expectGolden } from "../helpers/golden";
import { loadTraditional } from "../../src/core/script";

// Traditional ledgers are analysed here: the s2tw dictionaries load first (src/core/script.ts).
beforeAll(() => loadTraditional());

const d = (m: number, day: number) => serialFromYmd(2026, m, day);
const HEADER = [
  "编号",
  "案由",
  "分管领导",
  "承办科室",
  "承办人",
  "联系电话",
  "交办日期",
  "办理时限",
  "答复日期",
];
const ROWS: (string | number | null)[][] = [
  ["R1", "关于公墓建设的建议", "张局长", "社会事务科", "小王", "1381", d(9, 1), d(11, 20), null], // overdue 11 days
  ["R2", "关于养老服务的建议", "张局长", "社会事务科", "小王", "1381", d(9, 1), d(12, 5), null], // due in 4 days
  ["R3", "关于社区治理的建议", "李局长", "基层政权科", "小赵", null, d(9, 1), d(12, 30), null], // later: not chased
  ["R4", "关于救助政策的建议", "李局长", "社会救助科", "小孙", null, d(9, 1), d(11, 1), d(10, 30)], // replied
  ["P1", "关于婚姻登记的提案", "李局长", "IT科", null, null, d(9, 1), d(11, 30), null], // overdue 1 day
  ["P2", "关于地名管理的提案", "李局长", "it科", null, null, d(9, 1), d(12, 1), null], // due today
  ["P3", "关于儿童福利的提案", "王局长", "儿童福利科", null, null, null, "延期至明年", null], // unknown deadline
];

function analysis(rows = ROWS, settings: SettingsInput = {}, header = HEADER): Analysis {
  const outcome = analyzeWorkbook(
    { sheets: [{ name: "台账", rows: [["2026年建议提案办理台账"], header, ...rows], merges: [] }] },
    { asOf: "2026-12-01", ...settings },
  );
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.analysis;
}

describe("remindersFor", () => {
  const a = analysis();

  it.each([
    [
      {},
      [
        ["社会事务科", ["R1", "R2"]],
        ["IT科", ["P1", "P2"]],
      ],
    ],
    [
      { within: 3 },
      // Most overdue first, then the most items.
      [
        ["IT科", ["P1", "P2"]],
        ["社会事务科", ["R1"]],
      ],
    ],
    [
      { within: 0 },
      // Most overdue first, then the most items.
      [
        ["IT科", ["P1", "P2"]],
        ["社会事务科", ["R1"]],
      ],
    ],
    [
      { within: 40 },
      [
        ["社会事务科", ["R1", "R2"]],
        ["IT科", ["P1", "P2"]],
        ["基层政权科", ["R3"]],
      ],
    ],
    [{ department: "it科" }, [["IT科", ["P1", "P2"]]]],
    [{ leader: "张局长" }, [["社会事务科", ["R1", "R2"]]]],
  ] as const)("%j → groups", (options, want) => {
    const r = remindersFor(a, options);
    expect(r.groups.map((g) => [g.department, g.items.map((i) => i.id)])).toEqual(want);
  });

  it("gives each item its deadline, days left (negative when overdue) and status", () => {
    const [first] = remindersFor(a).groups;
    expect(first?.items.map((i) => [i.id, i.dueOn, i.daysLeft, i.status, i.handler, i.phone, i.row])).toEqual(
      [
        ["R1", "2026-11-20", -11, "overdue", "小王", "1381", 3],
        ["R2", "2026-12-05", 4, "dueSoon", "小王", "1381", 4],
      ],
    );
    expect(first?.leader).toBe("张局长");
  });

  it("lists an item whose deadline cannot be read apart, never drops it", () => {
    expect(remindersFor(a).unknownDeadline.map((i) => [i.id, i.status, i.dueOn])).toEqual([
      ["P3", "unknown", undefined],
    ]);
  });

  it("agrees with the statistics' overdue and due-soon counts at the due-soon window", () => {
    const items = remindersFor(a).groups.flatMap((g) => g.items);
    expect(items.filter((i) => i.status === "overdue")).toHaveLength(a.stats.overdue);
    expect(items.filter((i) => i.status === "dueSoon")).toHaveLength(a.stats.dueSoon);
  });

  it("leaves out the departments left out of the totals", () => {
    const r = remindersFor(analysis(ROWS, { excludeDepartments: ["社会事务科"] }));
    expect(r.groups.map((g) => g.department)).toEqual(["IT科"]);
  });

  it("writes the messages (golden), in simplified and traditional script", () => {
    const simplified = remindersFor(a);
    const traditional = remindersFor(analysis(ROWS, { script: "traditional" }));
    const text = (r: typeof simplified) => [r.summary, ...r.groups.map((g) => g.message)].join("\n\n");
    expectGolden("reminders.zh-CN", text(simplified));
    expectGolden("reminders.zh-TW", text(traditional));
  });

  it.each([
    // 协办 assigned 10-15: the main rule (3 months) puts it in January, one month makes it overdue on 11-15.
    [{}, [["R10", "2026-12-01", "dueSoon"]]],
    [
      { assistDeadlineMonths: 1 },
      [
        ["R11", "2026-11-15", "overdue"],
        ["R10", "2026-12-01", "dueSoon"],
      ],
    ],
  ] as const)("gives 协办/会办 units their own deadline when set (%j)", (settings, want) => {
    const header = ["编号", "案由", "办理类型", "承办科室", "交办日期"];
    const rows = [
      ["R10", "关于养老的建议", "主办", "社会事务科", d(9, 1)],
      ["R11", "关于养老的建议", "协办", "社会救助科", d(10, 15)],
      ["R12", "关于殡葬的建议", "主办", "社会事务科", d(10, 15)],
    ];
    const r = remindersFor(analysis(rows, settings, header));
    const items = r.groups.flatMap((g) => g.items).sort((x, y) => (x.daysLeft ?? 0) - (y.daysLeft ?? 0));
    expect(items.map((i) => [i.id, i.dueOn, i.status])).toEqual(want);
  });

  it("chases the items of every sheet of a ledger kept over several sheets, naming each item's sheet", () => {
    const header = ["编号", "案由", "类别", "承办科室", "办理时限", "答复日期"];
    const outcome = analyzeWorkbook(
      {
        sheets: [
          {
            name: "人大建议",
            rows: [header, ["R1", "关于养老的建议", "人大建议", "养老科", d(11, 30), null]],
            merges: [],
          },
          {
            name: "政协提案",
            rows: [header, ["P1", "关于救助的提案", "政协提案", "养老科", d(12, 3), null]],
            merges: [],
          },
        ],
      },
      { asOf: "2026-12-01" },
    );
    if (!outcome.ok) throw new Error(outcome.error.code);
    expect(outcome.analysis.parts).toHaveLength(2);
    const [group] = remindersFor(outcome.analysis).groups;
    expect(group?.items.map((i) => [i.id, i.sheet, i.row, i.status])).toEqual([
      ["R1", "人大建议", 2, "overdue"],
      ["P1", "政协提案", 2, "dueSoon"],
    ]);
    expect(group?.replyBy).toBe("2026-12-04");
  });

  it("groups by 分管领导 as an option, each item with its 科室, the messages golden", () => {
    const r = remindersFor(a, { by: "leader" });
    expect(r.groups.map((g) => [g.leader, g.department, g.items.map((i) => i.id)])).toEqual([
      ["李局长", "", ["P1", "P2"]],
      ["张局长", "", ["R1", "R2"]],
    ]);
    expect(r.groups[0]?.message).toContain("IT科P1《关于婚姻登记的提案》");
    expectGolden("reminders-by-leader.zh-CN", [r.summary, ...r.groups.map((g) => g.message)].join("\n\n"));
  });

  it("says so when nothing is due", () => {
    const r = remindersFor(analysis(ROWS.slice(2, 4)));
    expect(r.groups).toEqual([]);
    expect(r.summary).toBe("目前没有已超期或7天内到期的建议提案。");
  });
});
