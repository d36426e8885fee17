import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { xlsxFromGrids, utc as d, type GridSheet } from "../helpers/grid-xlsx";
import { QA_LEDGERS } from "../helpers/qaLedgers";

/**
 * Ledgers as bureaus keep them, analysed through the command line exactly as the acceptance checks call it.
 * Each expectation is what a clerk counts by hand following DOMAIN.md; the comments say how.
 */

const ROOT = join(__dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "ledger-ledgers-"));

interface Out {
  sheet: string;
  headerRows: number[];
  columns: Record<string, string>;
  rowCount: number;
  issues: { row: number | null; field: string | null; code: string }[];
  stats: Record<string, any>;
}

async function analyze(name: string, sheets: GridSheet[], today: string): Promise<Out> {
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await xlsxFromGrids(sheets));
  const r = spawnSync(
    TSX,
    [join(ROOT, "src", "cli", "main.ts"), "analyze", file, "--today", today, "--json"],
    {
      encoding: "utf8",
      cwd: ROOT,
    },
  );
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Out;
}

/** The sheets of one of the hand-counted ledgers (test/helpers/qaLedgers.ts). */
function qa(name: string): GridSheet[] {
  const found = QA_LEDGERS.find((l) => l.name === name);
  if (!found) throw new Error(`no QA ledger ${name}`);
  return found.sheets;
}

const issues = (out: Out): string[] => out.issues.map((i) => `${i.row}:${i.field}:${i.code}`);

describe("ledgers as bureaus keep them", () => {
  it("a 政协-only ledger without 类别 column: the title says what it holds; results and feedback in words", async () => {
    const out = await analyze("cppcc-only", qa("f1-cppcc-only"), "2021-12-31");
    expect(out).toMatchObject({ sheet: "Sheet1", headerRows: [2], rowCount: 5 });
    expect(out.columns).toEqual({
      seq: "A",
      id: "B",
      title: "C",
      proposer: "D",
      leader: "E",
      department: "F",
      handler: "G",
      assignedOn: "H",
      repliedOn: "I",
      result: "J",
      satisfaction: "K",
    });
    expect(issues(out)).toEqual([]);
    // Deadline 交办 2021-03-05 + 3 months = 06-05: row 4 replied 06-10 is late, row 5 never replied.
    expect(out.stats).toMatchObject({
      total: 5,
      byKind: { npc: 0, cppcc: 5 },
      replied: 4,
      replyRate: 0.8,
      onTime: 3,
      onTimeReplyRate: 0.6,
      overdue: 1,
      results: { A: 2, B: 1, C: 1 },
      satisfaction: { satisfied: 1, basic: 1, unsatisfied: 1 },
    });
    // 未反馈 is no feedback: 满意率 = 2 ÷ 3.
    expect(out.stats.satisfactionRate).toBeCloseTo(2 / 3);
  });

  it("a 人大 ledger with 第12号, 领衔代表 and 联名代表, roles 主办/协办/会办/分办", async () => {
    const out = await analyze(
      "npc",
      [
        {
          name: "人大建议",
          merges: ["A1:N1", "A2:N2"],
          rows: [
            ["某某区民政局2021年人大代表建议办理台账"],
            ["填报单位：局办公室          填报时间：2021年7月1日"],
            [
              "序号",
              "建议号",
              "建议标题",
              "领衔代表",
              "联名代表",
              "主办/协办",
              "分管领导",
              "承办科室",
              "承办人",
              "答复期限",
              "答复日期",
              "答复文号",
              "答复类别",
              "代表反馈",
            ],
            [
              1,
              "第12号",
              "关于完善养老设施的建议",
              "王代表",
              "李代表、张代表",
              "主办",
              "刘局长",
              "社事科",
              "张三",
              "2021-06-30",
              "2021年6月15日",
              "民函〔2021〕12号",
              "A类",
              "满意",
            ],
            [
              2,
              "第13号",
              "关于低保提标的建议",
              "赵代表",
              null,
              "协办",
              "刘局长",
              "养老科",
              "李四",
              "2021.6.30",
              "2021.7.2",
              "民函〔2021〕13号",
              "B类",
              "满意",
            ],
            [
              3,
              "第14号",
              "关于社区用房的建议",
              "钱代表",
              "孙代表",
              "会办",
              "陈局长",
              "基层科",
              "王五",
              "2021-06-30",
              null,
              null,
              null,
              null,
            ],
            [
              4,
              "第15号",
              "关于婚姻登记的建议",
              "孙代表",
              null,
              "分办",
              "陈局长",
              "基层科",
              "王五",
              "延期至2021年7月5日",
              null,
              null,
              null,
              null,
            ],
            [
              5,
              "12",
              "关于养老设施的补充建议",
              "王代表",
              null,
              "主办",
              "刘局长",
              "社事科",
              null,
              "2021-09-30",
              null,
              null,
              null,
              null,
            ],
          ],
        },
      ],
      "2021-07-01",
    );
    expect(out.headerRows).toEqual([3]);
    expect(out.columns).toEqual({
      seq: "A",
      id: "B",
      title: "C",
      proposer: "D",
      role: "F",
      leader: "G",
      department: "H",
      handler: "I",
      dueOn: "J",
      repliedOn: "K",
      replyRef: "L",
      result: "M",
      satisfaction: "N",
    });
    // 第12号 and 12 are the same 建议号.
    // 联名代表 is named like a proposer column but only the 领衔代表 is read: said once for the sheet.
    expect(issues(out)).toEqual([
      "null:proposer:column_unread",
      "4:id:duplicate_id",
      "8:id:duplicate_id",
      "8:handler:missing_required",
    ]);
    expect(out.stats).toMatchObject({
      total: 5,
      byKind: { npc: 5, cppcc: 0 },
      byRole: { lead: 3, assist: 2 },
      replied: 2,
      onTime: 1,
      // Row 6 was due 06-30; row 7's deadline was extended to 07-05, within 7 days.
      overdue: 1,
      dueSoon: 1,
      results: { A: 1, B: 1 },
      satisfaction: { satisfied: 2 },
      satisfactionRate: 1,
    });
  });

  it("a two-row header: 代表委员 over 单位/姓名, 办理时间 over 交办/答复期限/答复日期", async () => {
    const out = await analyze("two-row", qa("f3-two-row"), "2022-01-10");
    expect(out.headerRows).toEqual([2, 3]);
    expect(out.columns).toEqual({
      seq: "A",
      id: "B",
      kind: "C",
      title: "D",
      proposer: "F",
      leader: "G",
      department: "H",
      handler: "I",
      assignedOn: "J",
      dueOn: "K",
      repliedOn: "L",
      result: "M",
      satisfaction: "N",
    });
    // 人大 001 and 政协 001 are different items.
    expect(issues(out)).toEqual(["6:repliedOn:date_order", "7:result:reply_missing_result"]);
    expect(out.stats).toMatchObject({
      total: 4,
      byKind: { npc: 2, cppcc: 2 },
      replied: 4,
      results: { A: 1, B: 1, C: 1 },
      satisfaction: { satisfied: 3, basic: 1 },
    });
  });

  it("leader and section merged down over blank rows, rows numbered ahead of time", async () => {
    const out = await analyze(
      "merges",
      [
        {
          name: "分工表",
          merges: ["C2:C7", "D2:D4", "D5:D6", "C8:C9", "D8:D9"],
          rows: [
            ["序号", "案由", "分管领导", "承办科室", "承办人", "办理时限", "答复日期"],
            [1, "关于甲的建议", "李局长", "社事科", "张三", d(2021, 6, 30), d(2021, 6, 1)],
            [2, "关于乙的建议", null, null, "李四", d(2021, 6, 30), null],
            [],
            [3, "关于丙的提案", null, "养老科", "王五", d(2021, 6, 30), d(2021, 6, 20)],
            [4, "关于丁的提案", null, null, null, d(2021, 6, 30), null],
            [],
            [5, "关于戊的提案", "陈局长", "基层科", "赵六", d(2021, 6, 30), null],
            [6, "关于己的提案", null, null, "钱七", d(2021, 6, 30), null],
            [7],
            [8],
            [9],
          ],
        },
      ],
      "2021-07-01",
    );
    expect(out.rowCount).toBe(6);
    expect(issues(out)).toEqual(["6:handler:missing_required"]);
    expect(out.stats).toMatchObject({ total: 6, replied: 2, overdue: 4 });
    expect(out.stats.byLeader).toEqual([
      { name: "李局长", total: 4, replied: 2, overdue: 2 },
      { name: "陈局长", total: 2, replied: 0, overdue: 2 },
    ]);
    const departments = out.stats.byDepartment.map(
      (g: { name: string; total: number }) => `${g.name}${g.total}`,
    );
    expect([...departments].sort()).toEqual(["养老科2", "基层科2", "社事科2"].sort());
  });

  it("dates in every form: serials without date format, dots, 年月日, year-less, full-width, text with a time", async () => {
    const out = await analyze(
      "dates",
      [
        {
          name: "台账",
          rows: [
            ["编号", "案由", "分管领导", "承办科室", "承办人", "交办日期", "答复日期"],
            ["1", "t1", "L", "D", "H", 44260, "2021.3.20"],
            ["2", "t2", "L", "D", "H", "2021年3月5日", "3月25日"],
            ["3", "t3", "L", "D", "H", "２０２１－０３－０５", "2021-03-05 00:00:00"],
            ["4", "t4", "L", "D", "H", "2021/3/5", "2021-13-01"],
            ["5", "t5", "L", "D", "H", "2021-3-5", 44290.5],
            ["6", "t6", "L", "D", "H", 20210305, null],
          ],
        },
      ],
      "2021-12-31",
    );
    expect(out.rowCount).toBe(6);
    expect(issues(out)).toEqual(["5:repliedOn:invalid_date"]);
    // Every 交办 date is 2021-03-05: due 06-05. Rows 5 (unreadable reply) and 7 are not replied.
    expect(out.stats).toMatchObject({ replied: 4, onTime: 4, overdue: 2 });
  });

  it("★/是/重点 keys, 主协办 roles, a 合计 row and sign-off lines under the table", async () => {
    const out = await analyze(
      "footer",
      [
        {
          name: "Sheet1",
          merges: ["A1:L1", "A9:C9", "A10:L10", "A11:L11"],
          rows: [
            ["2021年度建议提案责任分工表"],
            [
              "序号",
              "编号",
              "类别",
              "案由",
              "重点提案",
              "主协办",
              "分管领导",
              "承办科室",
              "承办人",
              "完成时限",
              "答复日期",
              "办理结果",
            ],
            [1, "1", "政协提案", "t1", "★", "主办", "李", "一科", "甲", "2021-06-30", "2021-06-01", "A"],
            [2, "2", "政协提案", "t2", "是", "协办", "李", "二科", "乙", "2021-06-30", "2021-06-01", "b"],
            [3, "3", "人大建议", "t3", null, "会办", "王", "三科", "丙", "2021-06-30", "2021-06-01", "C类"],
            [
              4,
              "4",
              "人大建议",
              "t4",
              "重点",
              "分办",
              "王",
              "三科",
              "丁",
              "2021-06-30",
              "2021-06-01",
              "已答复（A类）",
            ],
            [5, "5", "人大建议", "t5", null, "主办", "王", "一科", "戊", "2021-06-30", "2021-06-01", "甲"],
            [],
            ["合计", null, null, "共5件"],
            ["单位负责人：王五              填表人：张三           填表日期：2022年1月5日"],
            ["审核：李四    联系电话：12345678"],
          ],
        },
      ],
      "2021-12-31",
    );
    expect(out.rowCount).toBe(5);
    expect(issues(out)).toEqual([]);
    expect(out.stats).toMatchObject({
      total: 5,
      byKind: { npc: 3, cppcc: 2 },
      byRole: { lead: 3, assist: 2 },
      key: 3,
      replied: 5,
      results: { A: 3, B: 1, C: 1 },
    });
  });

  it("a notes sheet first, the table from column B, headers with line breaks and full-width brackets", async () => {
    const out = await analyze(
      "column-b",
      [
        {
          name: "填表说明",
          rows: [["填表说明"], ["1、编号：按交办顺序填写"], ["2、办理结果：填A类、B类、C类"]],
        },
        {
          name: "2021年台账",
          merges: ["B1:L1", "B2:L2"],
          rows: [
            [null, "某某局2021年人大建议和政协提案办理台账"],
            [null, "填报单位（盖章）：办公室"],
            [
              null,
              "序\n号",
              "建议（提案）\n编号",
              "类  别",
              "案  由",
              "分管\n领导",
              "承办\n科室",
              "承办人",
              "办理时限\n（年月日）",
              "答复日期",
              "办理结果\n（A/B/C）",
              "满意度\n（满意/基本满意/不满意）",
            ],
            [null, 1, 101, "人大建议", "t1", "李", "一科", "甲", d(2021, 6, 30), d(2021, 6, 1), "A", "满意"],
            [null, 2, 102, "人大建议", "t2", "李", "二科", "乙", d(2021, 6, 30), null, null, null],
            [
              null,
              3,
              201,
              "政协提案",
              "t3",
              "王",
              "三科",
              "丙",
              d(2021, 6, 30),
              d(2021, 7, 10),
              "B",
              "不满意",
            ],
          ],
        },
      ],
      "2021-12-31",
    );
    expect(out).toMatchObject({ sheet: "2021年台账", headerRows: [3], rowCount: 3 });
    expect(out.columns).toEqual({
      seq: "B",
      id: "C",
      kind: "D",
      title: "E",
      leader: "F",
      department: "G",
      handler: "H",
      dueOn: "I",
      repliedOn: "J",
      result: "K",
      satisfaction: "L",
    });
    expect(issues(out)).toEqual([]);
    expect(out.stats).toMatchObject({
      total: 3,
      byKind: { npc: 2, cppcc: 1 },
      replied: 2,
      onTime: 1,
      overdue: 1,
      satisfactionRate: 0.5,
    });
  });

  it("section headings instead of a 类别 column; the same 编号 in each section", async () => {
    const out = await analyze(
      "sections",
      [
        {
          name: "台账",
          merges: ["A1:H1", "A3:H3", "A7:H7"],
          rows: [
            ["某某局2021年建议提案办理台账"],
            ["序号", "编号", "案由", "分管领导", "承办科室", "承办人", "交办日期", "答复日期"],
            ["一、人大代表建议（3件）"],
            [1, "12", "t1", "L", "D", "H", d(2021, 3, 1), d(2021, 5, 1)],
            [2, "13", "t2", "L", "D", "H", d(2021, 3, 1), d(2021, 5, 1)],
            [3, "第13号", "t3", "L", "D", "H", d(2021, 3, 1), d(2021, 5, 1)],
            ["二、政协委员提案（2件）"],
            [1, "12", "t4", "L", "D", "H", d(2021, 3, 1), d(2021, 5, 1)],
            [2, "15", "t5", "L", "D", "H", d(2021, 3, 1), d(2021, 7, 1)],
          ],
        },
      ],
      "2021-12-31",
    );
    expect(out.rowCount).toBe(5);
    // 人大 12 and 政协 12 differ; 人大 13 and 第13号 are one number written twice.
    expect(issues(out)).toEqual(["5:id:duplicate_id", "6:id:duplicate_id"]);
    expect(out.stats).toMatchObject({ total: 5, byKind: { npc: 3, cppcc: 2 }, replied: 5, onTime: 4 });
  });

  it("满意度 scored twice (办理工作 | 办理结果) under one group", async () => {
    const out = await analyze("satisfaction-twice", qa("f11-sat-group"), "2021-12-31");
    expect(out.headerRows).toEqual([1, 2]);
    expect(out.columns).toMatchObject({ result: "H", satisfactionWork: "I", satisfaction: "J" });
    expect(out.rowCount).toBe(2);
    expect(issues(out)).toEqual([]);
    expect(out.stats).toMatchObject({
      results: { A: 1, B: 1 },
      satisfaction: { basic: 1, unsatisfied: 1 },
      satisfactionRate: 0.5,
      satisfactionWork: { satisfied: 1, basic: 1 },
      satisfactionWorkRate: 1,
      feedbackRate: 1,
    });
  });
});
