import type { CellValue, WorkbookSnapshot } from "../core/snapshot";
import { serialFromIso } from "../core/dates";

const HEADER = [
  "序号",
  "编号",
  "类别",
  "案由",
  "领衔人",
  "主题",
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

/** Columns holding dates (交办日期, 办理时限, 答复日期), 0-based. */
const DATE_COLUMNS = [10, 11, 12];

type Row = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

// Ten items of a small bureau: replied, pending, overdue and due-soon items, one missing 承办人 (a check issue).
const ROWS: Row[] = [
  [
    "1",
    "2024001",
    "人大建议",
    "关于加快养老服务体系建设的建议",
    "张明",
    "养老服务体系建设",
    "主办",
    "李副局长",
    "养老服务科",
    "王芳",
    "2024-03-01",
    "2024-06-01",
    "2024-05-20",
    "A类",
    "满意",
  ],
  [
    "2",
    "2024002",
    "人大建议",
    "关于规范殡葬服务收费的建议",
    "刘强",
    "殡葬改革",
    "主办",
    "李副局长",
    "社会事务科",
    "赵磊",
    "2024-03-01",
    "2024-06-01",
    "2024-05-28",
    "B类",
    "基本满意",
  ],
  [
    "3",
    "2024003",
    "政协提案",
    "关于加强社会组织管理的提案",
    "陈静",
    "社会组织管理",
    "主办",
    "周副局长",
    "社会组织管理科",
    "孙丽",
    "2024-03-05",
    "2024-06-05",
    "2024-06-03",
    "A类",
    "满意",
  ],
  [
    "4",
    "2024004",
    "政协提案",
    "关于关爱农村留守儿童的提案",
    "杨帆",
    "留守儿童",
    "协办",
    "周副局长",
    "儿童福利科",
    "吴敏",
    "2024-03-05",
    "2024-06-05",
    "2024-06-20",
    "C类",
    "满意",
  ],
  [
    "5",
    "2024005",
    "人大建议",
    "关于完善社区治理机制的建议",
    "黄伟",
    "社区治理",
    "主办",
    "李副局长",
    "基层政权科",
    "",
    "2024-03-10",
    "2024-06-10",
    "2024-06-08",
    "A类",
    "满意",
  ],
  [
    "6",
    "2024006",
    "政协提案",
    "关于规范地名管理的提案",
    "何琳",
    "地名管理",
    "主办",
    "周副局长",
    "区划地名科",
    "郑浩",
    "2024-03-10",
    "2024-06-10",
    "",
    "",
    "",
  ],
  [
    "7",
    "2024007",
    "人大建议",
    "关于推进医疗救助一站式结算的建议",
    "林涛",
    "医疗救助",
    "主办",
    "李副局长",
    "社会救助科",
    "冯雪",
    "2024-04-01",
    "2024-07-01",
    "",
    "",
    "",
  ],
  [
    "8",
    "2024008",
    "政协提案",
    "关于发展社区嵌入式养老的提案",
    "罗娟",
    "养老服务体系建设",
    "主办",
    "李副局长",
    "养老服务科",
    "王芳",
    "2024-04-01",
    "2024-07-01",
    "2024-06-25",
    "B类",
    "满意",
  ],
];

/** A small ledger as the Excel host would read it: a title row, the header, eight items with date serials. */
export function demoSnapshot(): WorkbookSnapshot {
  const rows: CellValue[][] = [["某市民政局2024年建议提案办理台账"], HEADER, ...ROWS.map(toCells)];
  const numberFormats = rows.map((_, r) =>
    HEADER.map((__, c) => (r >= 2 && DATE_COLUMNS.includes(c) ? "yyyy-mm-dd" : null)),
  );
  return {
    sheets: [
      {
        name: "办理台账",
        rows,
        numberFormats,
        merges: [{ top: 0, left: 0, bottom: 0, right: HEADER.length - 1 }],
      },
    ],
  };
}

function toCells(row: Row): CellValue[] {
  return row.map((text, c) => {
    if (text === "") return null;
    if (DATE_COLUMNS.includes(c)) return serialFromIso(text);
    if (c === 0) return Number(text);
    return text;
  });
}
