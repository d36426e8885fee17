import type { LedgerRecord, Script } from "../../src/core/fields";
import { resolveSettings, type SettingsInput } from "../../src/core/settings";
import { serialFromYmd } from "../../src/core/dates";
import { computeStats } from "../../src/core/stats";
import { buildReport, topicList } from "../../src/core/report";
import { formatPercent, joinAnd } from "../../src/core/format";
import type { Report } from "../../src/core/report.types";
import { expectGolden } from "../helpers/golden";
import { loadTraditional } from "../../src/core/script";

// Traditional ledgers are analysed here: the s2tw dictionaries load first (src/core/script.ts).
beforeAll(() => loadTraditional());

const d = (y: number, m: number, day: number): number => serialFromYmd(y, m, day);
const rec = (row: number, extra: Partial<LedgerRecord>): LedgerRecord => ({ row, invalid: {}, ...extra });

function report(records: LedgerRecord[], input: SettingsInput, script: Script, today: string): Report {
  const s = resolveSettings(input);
  const [y, m, day] = today.split("-").map(Number);
  return buildReport(computeStats(records, s, d(y ?? 0, m ?? 0, day ?? 0)), s, script);
}

/**
 * The seed's year: 13 政协提案 counted, 3 more from 市扶贫办 excluded, 1 key, A8 B4 C1, all 13 replied,
 * feedback 11 满意 + 1 基本满意 + 1 不满意 (满意率 12/13 = 92.3%), and the seed's seven topics.
 */
function seedRecords(): LedgerRecord[] {
  const topics = [
    "殡葬改革",
    "社会组织管理",
    "医疗救助",
    "养老服务体系建设",
    "殡葬改革",
    "社会组织管理",
    "医疗救助",
    "养老服务体系建设",
    "殡葬改革",
    "社会组织管理",
    "地名管理",
    "留守儿童",
    "社区治理",
  ];
  const results = ["A", "A", "A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "C"] as const;
  const records = topics.map((topic, i) =>
    rec(i + 3, {
      id: String(i + 1),
      kind: "cppcc",
      role: "lead",
      key: i === 0,
      topic,
      department: "社会事务科",
      assignedOn: d(2019, 3, 1),
      repliedOn: d(2019, 5, 20),
      result: results[i] ?? "A",
      satisfaction: i < 11 ? "satisfied" : i === 11 ? "basic" : "unsatisfied",
    }),
  );
  for (let i = 0; i < 3; i++) {
    records.push(
      rec(16 + i, {
        id: String(14 + i),
        kind: "cppcc",
        role: "lead",
        department: "市扶贫办",
        topic: "精准扶贫",
        assignedOn: d(2019, 3, 1),
      }),
    );
  }
  return records;
}

describe("buildReport golden files", () => {
  it("(a) the seed's 2019 figures, traditional script", () => {
    const r = report(
      seedRecords(),
      { year: 2019, excludeDepartments: ["市扶贫办"] },
      "traditional",
      "2019-12-31",
    );
    expectGolden("seed-2019-traditional", r.text);
    expect(r.paragraphs[0]).toEqual({ kind: "title", text: "關於2019年度政協提案辦理工作情況的報告" });
    const opening = r.paragraphs[1]?.text ?? "";
    // The seed's facts: "共承辦市政協提案13件(除市扶貧辦3件),其中重點政協提案1件 … 已經解決或採納的8件,列入計劃擬解決或擬採納的4件;… 1件".
    for (const fact of [
      "2019年我局共承辦政協提案13件（除市扶貧辦3件），其中重點政協提案1件。",
      "辦復率為100%",
      "滿意率為92.3%",
      "已經解決或採納的8件，列入計劃擬解決或擬採納的4件；留作參考的1件。",
    ]) {
      expect(opening).toContain(fact);
    }
    // "共涉及我局7個方面的工作,其中,殯葬改革3件、社會組織管理3件,醫療救助和養老服務體系建設各2件,地名管理、留守兒童和社區治理各1件".
    expect(r.text).toContain(
      "共涉及我局7個方面的工作，其中，殯葬改革3件、社會組織管理3件，醫療救助和養老服務體系建設各2件，地名管理、留守兒童和社區治理各1件。",
    );
    expect(r.text).not.toContain("未辦復");
    expect(r.paragraphs.map((p) => p.kind)).toEqual([
      "title",
      "body",
      "heading",
      "placeholder",
      "heading",
      "body",
      "placeholder",
      "heading",
      "placeholder",
    ]);
  });

  it("(b) 人大建议 and 政协提案 with 主办/协办, all replied and satisfied, simplified", () => {
    const spec: [NonNullable<LedgerRecord["kind"]>, NonNullable<LedgerRecord["role"]>, string][] = [
      ["npc", "lead", "养老服务"],
      ["npc", "lead", "养老服务"],
      ["npc", "lead", "社会救助"],
      ["npc", "assist", "婚姻登记"],
      ["npc", "joint", "社会救助"],
      ["npcMotion", "lead", "养老服务"],
      ["cppcc", "lead", "养老服务"],
      ["cppcc", "lead", "社区治理"],
      ["cppcc", "lead", "婚姻登记"],
      ["cppcc", "assist", "社区治理"],
    ];
    const records = spec.map(([kind, role, topic], i) =>
      rec(i + 2, {
        id: String(i + 1),
        kind,
        role,
        topic,
        key: i < 2,
        department: "养老服务科",
        assignedOn: d(2020, 4, 1),
        repliedOn: d(2020, 6, 1),
        result: i < 7 ? "A" : "B",
        satisfaction: "satisfied",
        consultation: i < 8 ? "当面沟通" : "无",
      }),
    );
    const r = report(records, { year: 2020, organisation: "区民政局" }, "simplified", "2020-12-31");
    expectGolden("mixed-simplified", r.text);
    expect(r.paragraphs[0]?.text).toBe("区民政局关于2020年度人大代表议案、建议和政协提案办理工作情况的报告");
    expect(r.text).toContain(
      "共承办人大代表议案、建议和政协提案10件，其中人大代表议案、建议6件（主办4件、协办2件）、政协提案4件（主办3件、协办1件），重点建议提案2件。",
    );
    expect(r.text).toContain("办复率和满意率均达100%。");
    expect(r.text).toContain("面商率为80%");
    expect(r.text).toContain("养老服务4件，社会救助、婚姻登记和社区治理各2件");
  });

  it("(c) items still open and overdue", () => {
    const base = { kind: "npc", role: "lead", leader: "王副局长", assignedOn: d(2019, 3, 1) } as const;
    const records = [
      rec(2, {
        ...base,
        department: "社会事务科",
        repliedOn: d(2019, 5, 1),
        result: "A",
        satisfaction: "satisfied",
        topic: "殡葬改革",
      }),
      rec(3, {
        ...base,
        department: "社会事务科",
        repliedOn: d(2019, 5, 9),
        result: "B",
        satisfaction: "basic",
        topic: "殡葬改革",
      }),
      rec(4, { ...base, department: "社会事务科", topic: "殡葬改革" }),
      rec(5, { ...base, department: "福利科", topic: "养老服务" }),
      rec(6, { ...base, department: "福利科", topic: "养老服务" }),
      rec(7, { ...base, department: "区划地名科", dueOn: d(2019, 6, 15), topic: "地名管理" }),
      rec(8, { kind: "npc", role: "lead", leader: "王副局长", department: "区划地名科" }),
    ];
    const r = report(records, { year: 2019 }, "simplified", "2019-06-10");
    expectGolden("overdue-simplified", r.text);
    expect(r.text).toContain(
      "截至2019年6月10日，尚有5件未办复，其中已超期3件（福利科2件、社会事务科1件），1件将在7日内到期，1件未能确定办理时限。",
    );
    expect(r.text).toContain("办复率为28.6%，满意率为100%。");
    expect(r.text).toContain("另有1件未注明主题。");
  });

  it("(d) an empty ledger: no rates, no division by zero", () => {
    const r = report([], { year: 2019 }, "simplified", "2019-12-31");
    expectGolden("empty", r.text);
    expect(r.text).toContain("2019年我局台账中暂无建议提案。");
    expect(r.text).not.toMatch(/NaN|Infinity|null|undefined|率/);
  });

  it("(e) everything excluded, no year, traditional", () => {
    const records = [
      rec(2, { kind: "cppcc", department: "市扶贫办" }),
      rec(3, { kind: "cppcc", department: "市扶贫办" }),
    ];
    const r = report(records, { excludeDepartments: ["市扶贫办"] }, "traditional", "2019-12-31");
    expectGolden("all-excluded-traditional", r.text);
    expect(r.paragraphs[1]?.text).toBe("我局臺賬中除市扶貧辦2件外，暫無其他建議提案。");
  });

  it("(f) no 类别 column, replies without feedback, four result classes", () => {
    const records = [
      rec(2, { role: "lead", repliedOn: d(2021, 5, 1), result: "A" }),
      rec(3, { role: "assist", repliedOn: d(2021, 5, 1), result: "C" }),
      rec(4, { role: "lead", repliedOn: d(2021, 5, 1), result: "D" }),
    ];
    const r = report(records, { year: 2021, resultScheme: "ABCD" }, "simplified", "2021-12-31");
    expectGolden("no-kind-abcd", r.text);
    expect(r.paragraphs[1]?.text).toBe(
      "2021年我局共承办建议提案3件（主办2件、协办1件）。办复率为100%。从整体办理情况来看，2021年建议提案已经解决或采纳的1件；因条件限制暂时难以解决的1件，留作参考的1件。",
    );
  });

  it("text is the paragraphs joined by blank lines and placeholders are marked", () => {
    const r = report(seedRecords(), { year: 2019 }, "simplified", "2019-12-31");
    expect(r.text).toBe(r.paragraphs.map((p) => p.text).join("\n\n"));
    for (const p of r.paragraphs.filter((x) => x.kind === "placeholder"))
      expect(p.text).toMatch(/^【请在此填写：.+】$/);
  });
});

describe("topicList", () => {
  const t = (...pairs: [string, number][]): { name: string; count: number }[] =>
    pairs.map(([name, count]) => ({ name, count }));
  it.each<[string, { name: string; count: number }[], string]>([
    [
      "the seed",
      t(
        ["殡葬改革", 3],
        ["社会组织管理", 3],
        ["医疗救助", 2],
        ["养老服务体系建设", 2],
        ["地名管理", 1],
        ["留守儿童", 1],
        ["社区治理", 1],
      ),
      "殡葬改革3件、社会组织管理3件，医疗救助和养老服务体系建设各2件，地名管理、留守儿童和社区治理各1件",
    ],
    ["one topic", t(["殡葬改革", 3]), "殡葬改革3件"],
    ["all equal: one 各 group", t(["甲", 1], ["乙", 1], ["丙", 1]), "甲、乙和丙各1件"],
    ["single top, single lower", t(["甲", 5], ["乙", 2]), "甲5件，乙2件"],
    ["single top, lower group", t(["甲", 5], ["乙", 2], ["丙", 2]), "甲5件，乙和丙各2件"],
    ["nothing", [], ""],
  ])("%s", (_title, topics, expected) => {
    expect(topicList(topics)).toBe(expected);
  });
});

describe("format", () => {
  it.each<[number, string]>([
    [1, "100%"],
    [12 / 13, "92.3%"],
    [0.5, "50%"],
    [0.9, "90%"],
    [0, "0%"],
    [0.99996, "99.9%"],
    [0.00001, "0.1%"],
    [2 / 7, "28.6%"],
  ])("formatPercent(%p) = %s", (rate, expected) => {
    expect(formatPercent(rate)).toBe(expected);
  });

  it.each<[string[], string]>([
    [[], ""],
    [["甲"], "甲"],
    [["甲", "乙"], "甲和乙"],
    [["甲", "乙", "丙"], "甲、乙和丙"],
  ])("joinAnd(%p) = %s", (items, expected) => {
    expect(joinAnd(items)).toBe(expected);
  });
});
