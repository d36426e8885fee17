/**
 * Ledgers for the pane's figure, issue and mapping tests (jsdom) and the page's browser tests (test/e2e):
 * plain grids with text dates, turned into a WorkbookSnapshot here or into an .xlsx by test/helpers/grid-xlsx.
 * No ExcelJS is imported, so jsdom tests can load this file.
 */
import type { GridSheet } from "./grid-xlsx";
import type { WorkbookSnapshot } from "../../src/core/snapshot";

/** The as-of date of the figures below: 2024-06-01 deadlines have passed. */
export const LEDGER_AS_OF = "2024-06-28";

/** One header on both sheets: no 类别 (the sheet's name says 人大 or 政协), 办理工作 and 办理结果 scored apart. */
const HEADER = [
  "序号",
  "编号",
  "案由",
  "分管领导",
  "承办科室",
  "承办人",
  "交办日期",
  "办理时限",
  "答复日期",
  "办理结果",
  "办理工作满意度",
  "办理结果满意度",
];

/**
 * 人大建议 on one sheet (3 items), 政协提案 on another (2), counted by hand as of 2024-06-28:
 * - total 5; replied 4 (R1, R2, P1 dated; P2 has a result and feedback but no 答复日期) → 办复率 80%;
 *   on time 3 (R1, R2, P1) → 按期办复率 60%; the undated P2 is the note's one item;
 * - 办理工作: 满意 R1, P1, 基本满意 P2 → 3 of 3, 100%; 办理结果: 满意 R1, P2, 不满意 P1 → 2 of 3, 66.7%;
 * - feedback from 3 of the 4 replied (R2 none) → 反馈回收率 75%;
 * - R3 (人大建议 row 4) has no 承办人 (F4) and is overdue; P2 (政协提案 row 3) has no 分管领导 (D3).
 */
export const TWO_SHEET_LEDGER: GridSheet[] = [
  {
    name: "人大建议",
    rows: [
      HEADER,
      [
        1,
        "R1",
        "关于加快养老服务体系建设的建议",
        "李副局长",
        "养老服务科",
        "王芳",
        "2024-03-01",
        "2024-06-01",
        "2024-05-20",
        "A类",
        "满意",
        "满意",
      ],
      [
        2,
        "R2",
        "关于规范殡葬服务收费的建议",
        "李副局长",
        "社会事务科",
        "赵磊",
        "2024-03-01",
        "2024-06-01",
        "2024-05-28",
        "B类",
        null,
        null,
      ],
      [
        3,
        "R3",
        "关于完善社区养老设施的建议",
        "周副局长",
        "养老服务科",
        null,
        "2024-03-01",
        "2024-06-01",
        null,
        null,
        null,
        null,
      ],
    ],
  },
  {
    name: "政协提案",
    rows: [
      HEADER,
      [
        1,
        "P1",
        "关于加强社会组织管理的提案",
        "周副局长",
        "社会组织管理科",
        "孙丽",
        "2024-03-05",
        "2024-06-05",
        "2024-06-03",
        "A类",
        "满意",
        "不满意",
      ],
      [
        2,
        "P2",
        "关于规范地名管理的提案",
        null,
        "区划地名科",
        "郑浩",
        "2024-03-10",
        "2024-06-10",
        null,
        "B类",
        "基本满意",
        "满意",
      ],
    ],
  },
];

/**
 * One sheet with two columns that look like ledger fields but are left unread, which the check names
 * sheet-wide: a second 满意度 (I, the first one, H, is read) and 是否延期 (J). Both items replied.
 */
export const UNREAD_COLUMNS_LEDGER: GridSheet[] = [
  {
    name: "办理台账",
    rows: [
      [
        "编号",
        "案由",
        "分管领导",
        "承办科室",
        "承办人",
        "办理时限",
        "答复日期",
        "满意度",
        "满意度",
        "是否延期",
      ],
      [
        "1",
        "关于加快养老服务体系建设的建议",
        "李副局长",
        "养老服务科",
        "王芳",
        "2024-06-01",
        "2024-05-20",
        "满意",
        "基本满意",
        "否",
      ],
      [
        "2",
        "关于规范殡葬服务收费的建议",
        "李副局长",
        "社会事务科",
        "赵磊",
        "2024-06-01",
        "2024-06-20",
        "满意",
        "满意",
        "是",
      ],
    ],
  },
];

/** The grids as a host would hand them to the engine (text dates stay text: the engine reads them). */
export function snapshotOf(sheets: GridSheet[]): WorkbookSnapshot {
  return {
    sheets: sheets.map((s) => ({
      name: s.name,
      rows: s.rows.map((row) =>
        row.map((v) => {
          if (v instanceof Date) throw new Error(`${s.name}: write dates as text here`);
          return v;
        }),
      ),
      merges: [],
    })),
  };
}
