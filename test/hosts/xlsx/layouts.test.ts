import { analyzeWorkbook, type Analysis } from "../../../src/core/analyze";
import type { Issue } from "../../../src/core/issues";
import type { Locale } from "../../../src/core/fields";
import { renderIssue } from "../../../src/i18n/issues";
import type { SettingsInput } from "../../../src/core/settings";
import { loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { xlsxFromGrids, type GridSheet } from "../../helpers/grid-xlsx";
import { STATUS_ONLY, TWO_ASPECTS, TWO_SHEETS, type LayoutLedger } from "../../helpers/layoutLedgers";
import { expectGolden } from "../../helpers/golden";
import { utc as d } from "../../helpers/grid-xlsx";
import { loadTraditional } from "../../../src/core/script";

// zh-TW messages are converted: the s2tw dictionaries load first (src/core/script.ts).
beforeAll(() => loadTraditional());

/** Ledgers as offices keep them (test/helpers/layoutLedgers.ts), read from real .xlsx files. */

async function analyzeBytes(
  bytes: Uint8Array,
  today: string,
  settings: SettingsInput = {},
): Promise<Analysis> {
  const outcome = analyzeWorkbook(snapshotOf(await loadXlsx(bytes)), { asOf: today, ...settings });
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.analysis;
}

async function analyze(
  l: LayoutLedger,
  settings: SettingsInput = {},
  sheets?: GridSheet[],
): Promise<Analysis> {
  return analyzeBytes(await xlsxFromGrids(sheets ?? l.sheets), l.today, settings);
}

/** An issue's message as the edge renders it. */
const msg = (issue: Issue | undefined, locale: Locale = "zh-CN"): string | undefined =>
  issue ? renderIssue(issue, locale) : undefined;

const codes = (a: Analysis): string[] =>
  a.issues.map((i) => `${i.sheet ?? ""}:${i.row}:${i.field}:${i.code}`);

describe("a ledger that keeps progress in a status column, without reply dates", () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await analyze(STATUS_ONLY);
  });

  it("counts a status, a 答复文号 or a result class as a reply, never as on time", () => {
    expect(a.layout.mapping).toMatchObject({ status: 7, replyRef: 8, result: 9 });
    expect(a.stats).toMatchObject({ total: 8, replied: 5, onTime: 0, repliedUndated: 5, overdue: 3 });
    expect(a.stats.replyRate).toBeCloseTo(5 / 8, 12);
    expect(a.stats.onTimeReplyRate).toBe(0);
  });

  it("says so for each such row, and flags the status that contradicts its 答复文号", () => {
    const c = codes(a);
    for (const row of [3, 4, 7, 8, 9]) expect(c).toContain(`办理台账:${row}:repliedOn:reply_date_missing`);
    expect(c.filter((x) => x.endsWith("reply_date_missing"))).toHaveLength(5);
    expect(c).toContain("办理台账:6:status:status_conflict");
    const conflict = a.issues.find((i) => i.code === "status_conflict");
    expect(msg(conflict)).toBe("办理状态“未办理”与本行的答复文号不符，按办理状态计为未答复，请核对");
    const missing = a.issues.find((i) => i.code === "reply_date_missing" && i.row === 7);
    expect(missing).toMatchObject({ severity: "warning", cell: "I7" });
    expect(msg(missing)).toBe("据答复文号计为已答复，但没有答复日期：不计入按期办复");
  });

  it("takes the bureau's name from the title row", () => {
    expect(a.settings.organisation).toBe("XX市民政局");
    expect(a.report.text).toContain("2021年XX市民政局共承办建议提案8件");
  });

  it("keeps an organisation the user set over the title's", async () => {
    const mine = await analyze(STATUS_ONLY, { organisation: "本局" });
    expect(mine.report.text).toContain("2021年本局共承办");
  });

  it("writes messages in English and traditional Chinese too", async () => {
    const en = await analyze(STATUS_ONLY, { locale: "en" });
    expect(
      msg(
        en.issues.find((i) => i.code === "reply_date_missing" && i.row === 3),
        "en",
      ),
    ).toBe("Counted as replied from the progress, but there is no reply date: not counted as on time");
    // The user's header stays as written; the template is in traditional script.
    const tw = await analyze(STATUS_ONLY, { locale: "zh-TW" });
    expect(
      msg(
        tw.issues.find((i) => i.code === "status_conflict"),
        "zh-TW",
      ),
    ).toBe("办理状态「未办理」與本行的答覆文號不符，按办理状态計為未答覆，請核對");
  });
});

describe("a ledger that scores 办理工作 and 办理结果 apart", () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await analyze(TWO_ASPECTS);
  });

  it("reads both aspects; satisfaction stays the result aspect", () => {
    expect(a.layout.mapping).toMatchObject({ satisfactionWork: 10, satisfaction: 11 });
    expect(a.stats.satisfaction).toEqual({ satisfied: 1, basic: 1, unsatisfied: 1, none: 1 });
    expect(a.stats.satisfactionRate).toBeCloseTo(2 / 3, 12);
    expect(a.stats.satisfactionWork).toEqual({ satisfied: 3, basic: 1, unsatisfied: 0, none: 0 });
    expect(a.stats.satisfactionWorkRate).toBe(1);
    expect(a.stats.feedbackWork).toBe(4);
    expect(a.stats.feedbackRate).toBeCloseTo(3 / 4, 12);
  });

  it("says that the 是否延期 column is not read", () => {
    const unread = a.issues.filter((i) => i.code === "column_unread");
    expect(unread).toHaveLength(1);
    expect(unread[0]).toMatchObject({ row: null, field: "dueOn", severity: "warning", sheet: "Sheet1" });
    expect(msg(unread[0])).toBe("“是否延期”列（M列）看起来是办理时限，但未被读取，其中内容不计入统计");
  });

  it("states both rates in the report", () => {
    expect(a.report.text).toContain("代表委员对办理工作满意率为100%，对办理结果满意率为66.7%");
    expect(a.report.text).toContain("已答复的4件中收回反馈意见3件（反馈回收率75%）");
    expectGolden("two-aspects-simplified", a.report.text);
  });

  it("says which field lost a column the user gave to another", async () => {
    const moved = await analyze(TWO_ASPECTS, { mapping: { notes: 10 } });
    expect(moved.layout.mapping.satisfactionWork).toBeUndefined();
    expect(moved.stats.satisfactionWorkRate).toBeNull();
    const unread = moved.issues.find((i) => i.code === "column_unread" && i.field === "satisfactionWork");
    expect(msg(unread)).toBe("“办理工作满意度”列（K列）已改作备注，不再作为办理工作满意度读取");
  });

  it("reads a lone 办理工作满意度 column as the ledger's satisfaction", async () => {
    const lone = TWO_ASPECTS.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.slice(0, 11)) }));
    const one = await analyze(TWO_ASPECTS, {}, lone);
    expect(one.layout.mapping).toMatchObject({ satisfaction: 10 });
    expect(one.layout.mapping.satisfactionWork).toBeUndefined();
    expect(one.stats.satisfactionRate).toBe(1);
    expect(one.stats.satisfactionWorkRate).toBeNull();
  });
});

describe("人大 and 政协 kept on two sheets of one workbook", () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await analyze(TWO_SHEETS);
  });

  it("reads both sheets as one ledger, each sheet's name giving its kind", () => {
    expect(a.sheets).toEqual(["人大建议", "政协提案"]);
    expect(a.layout.sheet).toBe("人大建议");
    expect(a.stats).toMatchObject({
      total: 5,
      byKind: { npc: 3, npcMotion: 0, cppcc: 2 },
      replied: 4,
      overdue: 1,
    });
    expect(a.records.map((r) => `${r.sheet}:${r.row}:${r.kind}`)).toEqual([
      "人大建议:3:npc",
      "人大建议:4:npc",
      "人大建议:6:npc",
      "政协提案:3:cppcc",
      "政协提案:4:cppcc",
    ]);
  });

  it("skips the header row repeated inside the data; flags only the feedback on an unreplied item", () => {
    expect(a.records.some((r) => r.title === "案由")).toBe(false);
    expect(codes(a)).toEqual(["政协提案:4:satisfaction:feedback_without_reply"]);
    expect(a.stats).toMatchObject({ feedback: 5, feedbackReplied: 4, feedbackRate: 1 });
  });

  it("opens the report with the total across kinds", () => {
    expect(a.report.text).toContain("共承办人大代表建议和政协提案5件，其中人大代表建议3件、政协提案2件");
    expectGolden("two-sheets-simplified", a.report.text);
  });

  it("reads one sheet when it is named", async () => {
    const one = await analyze(TWO_SHEETS, { sheet: "政协提案" });
    expect(one.sheets).toEqual(["政协提案"]);
    expect(one.stats.total).toBe(2);
  });

  it.each([
    ["主办件", "会办件", "lead", "joint"],
    ["2021年度 主办", "协办", "lead", "assist"],
  ])("takes the role from sheet names %j and %j", async (first, second, r1, r2) => {
    const [, npc, cppcc] = TWO_SHEETS.sheets;
    const sheets = [
      { ...npc!, name: first, rows: npc!.rows.slice(1) },
      { ...cppcc!, name: second, rows: cppcc!.rows.slice(1), merges: [] },
    ].map((s) => ({ ...s, merges: [] }));
    const roles = await analyze(TWO_SHEETS, {}, sheets);
    expect(roles.sheets).toEqual([first, second]);
    expect(new Set(roles.parts[0]?.records.map((r) => r.role))).toEqual(new Set([r1]));
    expect(new Set(roles.parts[1]?.records.map((r) => r.role))).toEqual(new Set([r2]));
  });

  it("does not count a copy of a sheet twice, and says so", async () => {
    const [notes, npc, cppcc] = TWO_SHEETS.sheets;
    const copied = await analyze(TWO_SHEETS, {}, [notes!, npc!, cppcc!, { ...npc!, name: "人大建议 (2)" }]);
    expect(copied.stats.total).toBe(5);
    const skipped = copied.issues.find((i) => i.code === "sheet_unread");
    expect(msg(skipped)).toBe("工作表“人大建议 (2)”与“人大建议”的事项重复（可能是副本），未重复计入");
  });

  it("says so when another sheet looks like a ledger of another layout", async () => {
    const other: GridSheet = {
      name: "汇总",
      rows: [
        ["编号", "案由", "承办单位", "联系人", "电话"],
        ["1", "关于某事的建议", "某局", "某人", "123"],
      ],
    };
    const mixed = await analyze(TWO_SHEETS, {}, [...TWO_SHEETS.sheets, other]);
    expect(mixed.stats.total).toBe(5);
    expect(msg(mixed.issues.find((i) => i.code === "sheet_unread"))).toContain("工作表“汇总”也像台账");
  });

  it("builds a table on each sheet with its own backup, and reads the built workbook the same way", async () => {
    const input = await xlsxFromGrids(TWO_SHEETS.sheets);
    const built = await buildXlsx(input, { asOf: TWO_SHEETS.today });
    if (!built.ok) throw new Error(built.error.code);
    expect(built.plan.ledgers).toEqual([
      { sheet: "人大建议", backup: "人大建议(原表)", table: "台账表" },
      { sheet: "政协提案", backup: "政协提案(原表)", table: "台账表2" },
    ]);
    const wb = await loadXlsx(built.buffer);
    expect(wb.getWorksheet("人大建议")?.getTable("台账表")).toBeDefined();
    expect(wb.getWorksheet("政协提案")?.getTable("台账表2")).toBeDefined();
    const again = await analyzeBytes(built.buffer, TWO_SHEETS.today);
    expect(again.sheets).toEqual(["人大建议", "政协提案"]);
    expect(again.stats).toEqual(a.stats);
    // The tool's own columns are never offered or read as inputs.
    const own = again.layout.columns.filter((c) => c.header === "时限状态" || c.header === "计算时限");
    expect(own.length).toBeGreaterThan(0);
    for (const c of own) expect(c).toMatchObject({ generated: true, field: null });
    expect(again.issues.filter((i) => i.code === "column_unread")).toEqual([]);
    const rebuilt = await buildXlsx(built.buffer, { asOf: TWO_SHEETS.today });
    if (!rebuilt.ok) throw new Error(rebuilt.error.code);
    expect(rebuilt.plan.ledgers).toEqual(built.plan.ledgers);
    expect((await loadXlsx(rebuilt.buffer)).worksheets.map((w) => w.name)).toEqual(
      wb.worksheets.map((w) => w.name),
    );
  });
});

describe("a workbook that keeps a sheet per year", () => {
  it("reads this year's sheet and says the other year's was left out", async () => {
    const [, npc] = TWO_SHEETS.sheets;
    const lastYear = {
      ...npc!,
      name: "2020年",
      rows: npc!.rows.map((row) =>
        row.map((v) => (v instanceof Date ? new Date(Date.UTC(2020, v.getUTCMonth(), v.getUTCDate())) : v)),
      ),
    };
    const a = await analyze(TWO_SHEETS, {}, [{ ...npc!, name: "2021年" }, lastYear]);
    expect(a.sheets).toEqual(["2021年"]);
    expect(a.year).toBe(2021);
    expect(a.stats.total).toBe(3);
    expect(msg(a.issues.find((i) => i.code === "sheet_unread"))).toBe(
      "工作表“2020年”是2020年的台账，与本年度不同，未计入统计；如需统计它，请单独指定该工作表",
    );
    // Last year's sheet first and larger: this year's (the latest not after the as-of date) is still read.
    const bigger = {
      ...lastYear,
      rows: [
        ...lastYear.rows,
        [4, "19", "关于另一事项的建议", "李", "科", "人", d(2020, 3, 1), d(2020, 6, 1), null, null, null],
      ],
    };
    const b = await analyze(TWO_SHEETS, {}, [bigger, { ...npc!, name: "2021年" }]);
    expect(b.sheets).toEqual(["2021年"]);
    expect(b.stats.total).toBe(3);
    // A year asked for picks that year's sheet alone, never both.
    const asked = await analyze(TWO_SHEETS, { year: 2020 }, [{ ...npc!, name: "2021年" }, bigger]);
    expect(asked.sheets).toEqual(["2020年"]);
    expect(asked.stats.total).toBe(4);
  });
});

describe("what a clerk would otherwise have to notice", () => {
  const one = (header: string[], rows: (string | number | Date | null)[][]): GridSheet[] => [
    { name: "台账", rows: [header, ...rows] },
  ];
  const H = ["序号", "类别", "案由", "分管领导", "承办科室", "承办人", "交办日期", "办理时限"];

  it("reads 复函日期 and 会办意见送达日期 as the reply date", async () => {
    for (const header of ["复函日期", "会办意见送达日期", "办复时间"]) {
      const a = await analyze(
        TWO_SHEETS,
        {},
        one(
          [...H, header],
          [[1, "人大建议", "案由1", "王", "甲科", "张", d(2021, 3, 1), d(2021, 6, 1), d(2021, 5, 1)]],
        ),
      );
      expect([header, a.layout.mapping.repliedOn, a.stats.replied]).toEqual([header, 8, 1]);
    }
  });

  it("says so when nothing in the sheet can show a reply, instead of a silent 0%", async () => {
    const a = await analyze(
      TWO_SHEETS,
      {},
      one(
        [...H, "备注"],
        [[1, "人大建议", "案由1", "王", "甲科", "张", d(2021, 3, 1), d(2021, 6, 1), "已办"]],
      ),
    );
    const missing = a.issues.find((i) => i.code === "missing_column" && i.field === "repliedOn");
    expect(missing).toMatchObject({ row: null, severity: "error" });
    expect(msg(missing)).toContain("无法判断哪些件已答复");
  });

  it("never reads more feedback than replies: a 满意度 on an unreplied row is flagged, not counted", async () => {
    const a = await analyze(
      TWO_SHEETS,
      {},
      one(
        [...H, "答复日期", "满意度"],
        [
          [1, "人大建议", "x", "王", "甲科", "张", d(2021, 3, 1), d(2021, 6, 1), null, "满意"],
          [2, "人大建议", "y", "王", "甲科", "张", d(2021, 3, 1), d(2021, 6, 1), d(2021, 4, 1), "满意"],
        ],
      ),
    );
    expect(a.stats).toMatchObject({ replied: 1, feedback: 2, feedbackReplied: 1, feedbackRate: 1 });
    const flagged = a.issues.find((i) => i.code === "feedback_without_reply");
    expect(flagged).toMatchObject({ row: 2, field: "satisfaction", severity: "warning" });
    expect(a.report.text).toContain("已答复的1件中收回反馈意见1件（反馈回收率100%）");
  });
});

describe("the bureau's name over a rebuild", () => {
  it("takes the title's name over the default an earlier build stored, and keeps a name the user set", async () => {
    const input = await xlsxFromGrids(STATUS_ONLY.sheets);
    const built = await buildXlsx(input, { asOf: STATUS_ONLY.today });
    if (!built.ok) throw new Error(built.error.code);
    expect((await analyzeBytes(built.buffer, STATUS_ONLY.today)).settings.organisation).toBe("XX市民政局");
    // A workbook an older build left with the default 我局 stored: the title's name is taken.
    const older = await buildXlsx(input, { asOf: STATUS_ONLY.today, organisation: "我局" });
    if (!older.ok) throw new Error(older.error.code);
    expect((await analyzeBytes(older.buffer, STATUS_ONLY.today)).settings.organisation).toBe("XX市民政局");
    const named = await buildXlsx(input, { asOf: STATUS_ONLY.today, organisation: "本局" });
    if (!named.ok) throw new Error(named.error.code);
    expect((await analyzeBytes(named.buffer, STATUS_ONLY.today)).settings.organisation).toBe("本局");
  });
});
