/**
 * Ledgers kept in the common ways issue 8 names: progress in a 办理状态 column with no reply date, two
 * satisfaction aspects, 人大 and 政协 on two sheets with a header repeated inside the data. Each comment says
 * what a clerk counts by hand (docs/DOMAIN.md), and `expect` says it as `analyze --json` must print it
 * (test/cli/qaLedgers.test.ts); the layout and LibreOffice tests assert the same.
 */
import { utc as d, type GridSheet } from "./grid-xlsx";
import type { LedgerExpect } from "./cliJson";

export interface LayoutLedger {
  name: string;
  today: string;
  sheets: GridSheet[];
  /** The hand count of the comment above each ledger. */
  expect: LedgerExpect;
}

const HEAD = ["序号", "编号", "案由", "分管领导", "承办科室", "承办人", "交办日期"];

/**
 * No 答复日期 column: 办理状态 and 答复文号 say what was answered. 交办 2021-03-01, due 06-01 (3 months), counted
 * on 2021-12-31. Replied: rows 3 (已答复), 4 (已办结), 7 (a 文号 only), 8 (a class only), 9 (已答覆, traditional)
 * = 5, none on time (no dates). Open and overdue: rows 5 (办理中), 6 (未办理, although it has a 文号: the
 * status wins, status_conflict), 10 (未办结) = 3.
 */
export const STATUS_ONLY: LayoutLedger = {
  name: "status-only",
  today: "2021-12-31",
  sheets: [
    {
      name: "办理台账",
      merges: ["A1:J1"],
      rows: [
        ["XX市民政局2021年建议提案办理台账"],
        [...HEAD, "办理状态", "答复文号", "办理结果"],
        [
          1,
          "101",
          "关于养老服务的建议",
          "张局长",
          "养老科",
          "王一",
          d(2021, 3, 1),
          "已答复",
          "X民函〔2021〕1号",
          "A类",
        ],
        [2, "102", "关于殡葬改革的建议", "张局长", "社事科", "王二", d(2021, 3, 1), "已办结", null, "B类"],
        [3, "103", "关于社区治理的建议", "李局长", "基层科", "王三", d(2021, 3, 1), "办理中", null, null],
        [
          4,
          "104",
          "关于婚姻登记的建议",
          "李局长",
          "婚登处",
          "王四",
          d(2021, 3, 1),
          "未办理",
          "X民函〔2021〕4号",
          null,
        ],
        [
          5,
          "105",
          "关于地名管理的建议",
          "李局长",
          "区划科",
          "王五",
          d(2021, 3, 1),
          null,
          "X民函〔2021〕5号",
          null,
        ],
        [6, "106", "关于社会救助的建议", "张局长", "救助科", "王六", d(2021, 3, 1), null, null, "C类"],
        [7, "107", "关于儿童福利的建议", "张局长", "儿福科", "王七", d(2021, 3, 1), "已答覆", null, null],
        [8, "108", "关于慈善事业的建议", "李局长", "慈善科", "王八", d(2021, 3, 1), "未办结", null, null],
      ],
    },
  ],
  expect: {
    sheet: "办理台账",
    headerRows: [2],
    columns: {
      seq: "A",
      id: "B",
      title: "C",
      leader: "D",
      department: "E",
      handler: "F",
      assignedOn: "G",
      status: "H",
      replyRef: "I",
      result: "J",
    },
    rowCount: 8,
    // Each reply without a date says so; rows 7 and 9 are replies without a result class (as in any ledger).
    issues: [
      "3:repliedOn:reply_date_missing",
      "4:repliedOn:reply_date_missing",
      "6:status:status_conflict",
      "7:repliedOn:reply_date_missing",
      "7:result:reply_missing_result",
      "8:repliedOn:reply_date_missing",
      "9:repliedOn:reply_date_missing",
      "9:result:reply_missing_result",
    ],
    stats: {
      total: 8,
      replied: 5,
      replyRate: 5 / 8,
      onTime: 0,
      onTimeReplyRate: 0,
      repliedUndated: 5,
      overdue: 3,
      results: { A: 1, B: 1, C: 1 },
    },
  },
};

/**
 * 办理工作 and 办理结果 scored apart, plus a 是否延期 column nobody reads (column_unread). Five items, four replied
 * on time. 办理工作: 满意 3, 基本满意 1 → 100%. 办理结果: 满意 1, 基本满意 1, 不满意 1, 未表态 1 → 2 of 3 = 66.7%.
 * 反馈回收率 (result aspect) 3 of 4 replied = 75%.
 */
export const TWO_ASPECTS: LayoutLedger = {
  name: "two-aspects",
  today: "2021-12-31",
  sheets: [
    {
      name: "Sheet1",
      rows: [
        [...HEAD, "办理时限", "答复日期", "办理结果", "办理工作满意度", "办理结果满意度", "是否延期"],
        [
          1,
          "1",
          "关于养老的建议",
          "张",
          "养老科",
          "甲",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 20),
          "A类",
          "满意",
          "满意",
          "否",
        ],
        [
          2,
          "2",
          "关于殡葬的建议",
          "张",
          "社事科",
          "乙",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 21),
          "B类",
          "满意",
          "不满意",
          "否",
        ],
        [
          3,
          "3",
          "关于救助的建议",
          "李",
          "救助科",
          "丙",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 22),
          "A类",
          "基本满意",
          "基本满意",
          "是",
        ],
        [
          4,
          "4",
          "关于地名的建议",
          "李",
          "区划科",
          "丁",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 23),
          "C类",
          "满意",
          "未表态",
          "否",
        ],
        [
          5,
          "5",
          "关于社区的建议",
          "李",
          "基层科",
          "戊",
          d(2021, 3, 1),
          d(2022, 3, 1),
          null,
          null,
          null,
          null,
          "是",
        ],
      ],
    },
  ],
  expect: {
    sheet: "Sheet1",
    headerRows: [1],
    columns: {
      seq: "A",
      id: "B",
      title: "C",
      leader: "D",
      department: "E",
      handler: "F",
      assignedOn: "G",
      dueOn: "H",
      repliedOn: "I",
      result: "J",
      satisfactionWork: "K",
      satisfaction: "L",
    },
    rowCount: 5,
    issues: ["null:dueOn:column_unread"],
    stats: {
      total: 5,
      replied: 4,
      onTime: 4,
      // Item 5 is due 2022-03-01.
      overdue: 0,
      results: { A: 2, B: 1, C: 1 },
      satisfactionWork: { satisfied: 3, basic: 1, unsatisfied: 0 },
      satisfactionWorkRate: 1,
      satisfaction: { satisfied: 1, basic: 1, unsatisfied: 1, none: 1 },
      satisfactionRate: 2 / 3,
      feedbackRate: 3 / 4,
    },
  },
};

const SHEET_HEAD = [...HEAD, "办理时限", "答复日期", "办理结果", "满意度"];

/**
 * 人大建议 (3) and 政协提案 (2) on sheets of their own after a notes sheet, no 类别 column: each sheet's name gives
 * its kind. The 人大 sheet repeats its header row inside the data (printed over two pages). Replied 4 of 5
 * (80%); 政协 item 2 is overdue (due 06-01, counted 2021-12-31) yet has a 满意 (feedback_without_reply);
 * 满意 4, 基本满意 1 → 100%; 反馈回收率 4 of 4 replied = 100%.
 */
export const TWO_SHEETS: LayoutLedger = {
  name: "two-sheets",
  today: "2021-12-31",
  sheets: [
    { name: "填表说明", rows: [["本表由办公室统一汇总，请各科室按时填报。"]] },
    {
      name: "人大建议",
      merges: ["A1:K1"],
      rows: [
        ["2021年人大代表建议办理台账"],
        SHEET_HEAD,
        [
          1,
          "12",
          "关于养老服务的建议",
          "张局长",
          "养老科",
          "王一",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 10),
          "A类",
          "满意",
        ],
        [
          2,
          "15",
          "关于殡葬改革的建议",
          "张局长",
          "社事科",
          "王二",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 12),
          "B类",
          "满意",
        ],
        SHEET_HEAD,
        [
          3,
          "18",
          "关于社区治理的建议",
          "李局长",
          "基层科",
          "王三",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 30),
          "A类",
          "基本满意",
        ],
      ],
    },
    {
      name: "政协提案",
      merges: ["A1:K1"],
      rows: [
        ["2021年政协提案办理台账"],
        SHEET_HEAD,
        [
          1,
          "12",
          "关于地名管理的提案",
          "李局长",
          "区划科",
          "赵一",
          d(2021, 3, 1),
          d(2021, 6, 1),
          d(2021, 5, 28),
          "C类",
          "满意",
        ],
        [
          2,
          "20",
          "关于慈善事业的提案",
          "张局长",
          "慈善科",
          "赵二",
          d(2021, 3, 1),
          d(2021, 6, 1),
          null,
          null,
          // Feedback on an unreplied item (a slip): flagged, and no part of 反馈回收率.
          "满意",
        ],
      ],
    },
  ],
  expect: {
    sheet: "人大建议",
    sheets: ["人大建议", "政协提案"],
    headerRows: [2],
    columns: {
      seq: "A",
      id: "B",
      title: "C",
      leader: "D",
      department: "E",
      handler: "F",
      assignedOn: "G",
      dueOn: "H",
      repliedOn: "I",
      result: "J",
      satisfaction: "K",
    },
    rowCount: 5,
    issues: ["政协提案!4:satisfaction:feedback_without_reply"],
    stats: {
      total: 5,
      byKind: { npc: 3, cppcc: 2, npcMotion: 0 },
      replied: 4,
      replyRate: 0.8,
      onTime: 4,
      overdue: 1,
      results: { A: 2, B: 1, C: 1 },
      satisfaction: { satisfied: 4, basic: 1, unsatisfied: 0 },
      satisfactionRate: 1,
      // One satisfaction column: no 办理工作 aspect.
      satisfactionWork: { satisfied: 0, basic: 0, unsatisfied: 0 },
      satisfactionWorkRate: null,
      feedbackRate: 1,
    },
  },
};

export const LAYOUT_LEDGERS: LayoutLedger[] = [STATUS_ONLY, TWO_ASPECTS, TWO_SHEETS];
