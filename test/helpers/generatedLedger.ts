/**
 * The ledger scripts/bench.ts generates (one title row, a 14-column header, `rows` data rows with dates,
 * dates written as text, replies on three rows in four), as a grid sheet for the fake workbook.
 * scripts/bench.ts writes the same grid as an .xlsx.
 */
import type { GridSheet } from "./grid-xlsx";

const TOPICS = [
  "殡葬改革",
  "社会组织管理",
  "医疗救助",
  "养老服务体系建设",
  "地名管理",
  "留守儿童",
  "社区治理",
];
const DEPTS = [
  "社会事务科",
  "社会组织管理科",
  "养老服务科",
  "社会救助科",
  "儿童福利科",
  "区划地名科",
  "基层政权科",
];
const LEADERS = ["李副局长", "王副局长", "张副局长"];
const HEADER = [
  "序号",
  "编号",
  "类别",
  "案由",
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

export const GENERATED_SHEET = "责任分工表";

export function generatedLedger(rows: number): GridSheet {
  const day = (m: number, d: number): Date => new Date(Date.UTC(2025, m, d));
  const data = Array.from({ length: rows }, (_, i) => {
    const replied = i % 4 !== 0;
    return [
      i + 1,
      `${i % 2 ? "P" : "R"}${i + 1}`,
      i % 2 ? "政协提案" : "人大建议",
      `关于第${i + 1}项工作的建议`,
      TOPICS[i % TOPICS.length] ?? null,
      i % 5 ? "主办" : "协办",
      LEADERS[i % LEADERS.length] ?? null,
      DEPTS[i % DEPTS.length] ?? null,
      `经办${i % 50}`,
      i % 3 ? day(2, 1 + (i % 60)) : `2025年3月${1 + (i % 28)}日`,
      day(5, 1 + (i % 60)),
      replied ? day(4, 1 + (i % 60)) : null,
      replied ? (["A类", "B类", "C类"][i % 3] ?? null) : null,
      replied ? (["满意", "基本满意", "不满意"][i % 7 === 0 ? 2 : i % 2] ?? null) : null,
    ];
  });
  return { name: GENERATED_SHEET, rows: [["XX局年度建议提案责任分工表"], HEADER, ...data] };
}
