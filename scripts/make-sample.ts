/**
 * Writes samples/sample-ledger.xlsx: a 责任分工表 as offices keep it — two title rows, merged 分管领导 cells,
 * 人大建议 and 政协提案 mixed, dates written in several ways, and a few rows with problems.
 * Run: npx tsx scripts/make-sample.ts
 */
import ExcelJS from "exceljs";
import { writeFileSync, mkdirSync } from "node:fs";

type Row = [
  string, // 编号
  string, // 类别
  string, // 案由
  string, // 领衔人
  string, // 主题
  string, // 办理类型
  string, // 是否重点
  string, // 分管领导
  string, // 承办科室
  string, // 承办人
  string, // 联系电话
  Date | string, // 交办日期
  Date | string | null, // 办理时限
  Date | string | null, // 答复日期
  string, // 答复文号
  string, // 办理结果
  string, // 满意度
  string, // 面商情况
  string, // 备注
];

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

// Grouped by leader, as offices sort them, so the leader column can be merged down.
const rows: Row[] = [
  [
    "R101",
    "人大建议",
    "关于加快推进城区公益性公墓建设的建议",
    "王建国",
    "殡葬改革",
    "主办",
    "是",
    "李副局长",
    "社会事务科",
    "张明",
    "0791-8000101",
    d(2026, 3, 10),
    d(2026, 6, 10),
    d(2026, 5, 28),
    "民建字〔2026〕1号",
    "A类",
    "满意",
    "登门走访",
    "",
  ],
  [
    "R102",
    "人大建议",
    "关于推进殡葬服务移风易俗的建议",
    "陈秀英",
    "殡葬改革",
    "主办",
    "否",
    "李副局长",
    "社会事务科",
    "张明",
    "0791-8000101",
    "2026/3/10",
    "2026/6/10",
    "2026/6/5",
    "民建字〔2026〕2号",
    "B",
    "基本满意",
    "电话沟通",
    "",
  ],
  [
    "P201",
    "政协提案",
    "关于规范农村散埋乱葬治理的提案",
    "刘志强",
    "殡葬改革",
    "主办",
    "否",
    "李副局长",
    "社会事务科",
    "赵丽",
    "0791-8000102",
    "2026年3月12日",
    null,
    "2026年6月20日",
    "民提字〔2026〕1号",
    "A类",
    "满意",
    "座谈会",
    "",
  ],
  [
    "P202",
    "政协提案",
    "关于加强社会组织党建工作的提案",
    "孙海燕",
    "社会组织管理",
    "主办",
    "是",
    "李副局长",
    "社会组织管理科",
    "周强",
    "0791-8000103",
    d(2026, 3, 12),
    d(2026, 6, 12),
    d(2026, 6, 1),
    "民提字〔2026〕2号",
    "A类",
    "满意",
    "登门走访",
    "",
  ],
  [
    "P203",
    "政协提案",
    "关于培育发展社区社会组织的提案",
    "吴敏",
    "社会组织管理",
    "协办",
    "否",
    "李副局长",
    "社会组织管理科",
    "周强",
    "0791-8000103",
    "2026.3.12",
    "2026.6.12",
    "2026.6.10",
    "民提字〔2026〕3号",
    "B类",
    "满意",
    "电话沟通",
    "主办单位：市委组织部",
  ],
  [
    "R103",
    "人大建议",
    "关于完善社区养老服务设施的建议",
    "郑国华",
    "养老服务体系建设",
    "主办",
    "是",
    "王副局长",
    "养老服务科",
    "钱芳",
    "0791-8000104",
    d(2026, 3, 10),
    d(2026, 6, 10),
    d(2026, 6, 8),
    "民建字〔2026〕3号",
    "A类",
    "满意",
    "登门走访",
    "",
  ],
  [
    "R104",
    "人大建议",
    "关于发展农村互助养老的建议",
    "冯晓东",
    "养老服务体系建设",
    "主办",
    "否",
    "王副局长",
    "养老服务科",
    "钱芳",
    "0791-8000104",
    d(2026, 3, 10),
    d(2026, 6, 10),
    d(2026, 7, 2),
    "民建字〔2026〕4号",
    "B类",
    "基本满意",
    "电话沟通",
    "逾期答复",
  ],
  [
    "P204",
    "政协提案",
    "关于提高困难群众医疗救助水平的提案",
    "褚建平",
    "医疗救助",
    "主办",
    "否",
    "王副局长",
    "社会救助科",
    "",
    "0791-8000105",
    d(2026, 3, 12),
    d(2026, 6, 12),
    d(2026, 6, 11),
    "民提字〔2026〕4号",
    "C类",
    "满意",
    "座谈会",
    "承办人待明确",
  ],
  [
    "P205",
    "政协提案",
    "关于完善临时救助制度的提案",
    "卫红",
    "医疗救助",
    "主办",
    "否",
    "王副局长",
    "社会救助科",
    "蒋涛",
    "0791-8000106",
    d(2026, 3, 12),
    d(2026, 6, 12),
    d(2026, 6, 9),
    "民提字〔2026〕5号",
    "",
    "满意",
    "电话沟通",
    "",
  ],
  [
    "R105",
    "人大建议",
    "关于加强农村留守儿童关爱保护的建议",
    "沈丽",
    "留守儿童",
    "主办",
    "否",
    "王副局长",
    "儿童福利科",
    "韩梅",
    "0791-8000107",
    d(2026, 8, 20),
    d(2026, 11, 20),
    null,
    "",
    "",
    "",
    "",
    "正在办理",
  ],
  [
    "R106",
    "人大建议",
    "关于规范地名命名管理的建议",
    "杨帆",
    "地名管理",
    "主办",
    "否",
    "张副局长",
    "区划地名科",
    "朱伟",
    "0791-8000108",
    d(2026, 9, 1),
    d(2026, 12, 1),
    null,
    "",
    "",
    "",
    "电话沟通",
    "",
  ],
  [
    "R106",
    "人大建议",
    "关于推进老旧小区适老化改造的建议",
    "秦岭",
    "养老服务体系建设",
    "会办",
    "否",
    "张副局长",
    "养老服务科",
    "钱芳",
    "0791-8000104",
    d(2026, 9, 3),
    d(2026, 12, 3),
    null,
    "",
    "",
    "",
    "",
    "编号与上一行重复",
  ],
  [
    "P206",
    "政协提案",
    "关于加强城乡社区治理的提案",
    "尤佳",
    "社区治理",
    "主办",
    "否",
    "张副局长",
    "基层政权科",
    "许亮",
    "0791-8000109",
    d(2026, 3, 12),
    "3月底前",
    null,
    "",
    "",
    "",
    "",
    "时限写法待核",
  ],
  [
    "P207",
    "政协提案",
    "关于推进智慧社区建设的提案",
    "何静",
    "社区治理",
    "主办",
    "是",
    "张副局长",
    "基层政权科",
    "许亮",
    "0791-8000109",
    d(2026, 9, 10),
    d(2026, 12, 10),
    null,
    "",
    "",
    "",
    "座谈会",
    "",
  ],
  [
    "P208",
    "政协提案",
    "关于加强婚姻登记服务的提案",
    "吕强",
    "婚姻登记",
    "主办",
    "否",
    "张副局长",
    "",
    "施红",
    "0791-8000110",
    d(2026, 3, 12),
    d(2026, 6, 12),
    d(2026, 3, 1),
    "民提字〔2026〕6号",
    "A类",
    "不满意",
    "电话沟通",
    "答复日期早于交办日期",
  ],
  [
    "P209",
    "政协提案",
    "关于支持乡村振兴结对帮扶的提案",
    "张伟",
    "乡村振兴",
    "协办",
    "否",
    "张副局长",
    "市扶贫办",
    "孔明",
    "0791-8000111",
    d(2026, 3, 12),
    d(2026, 6, 12),
    d(2026, 6, 1),
    "民提字〔2026〕7号",
    "A类",
    "满意",
    "",
    "主办单位：市农业农村局",
  ],
];

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "建议提案台账 sample";
  const notes = wb.addWorksheet("填表说明");
  notes.getCell("A1").value =
    "填表说明：1. 每件建议提案一行；2. 日期请写成“2026年3月10日”或“2026/3/10”；3. 办理结果填A类/B类/C类。";
  notes.getColumn(1).width = 100;

  const ws = wb.addWorksheet("责任分工表");
  const headers = [
    "序号",
    "编号",
    "类别",
    "案由",
    "领衔人",
    "主题",
    "办理类型",
    "是否重点",
    "分管领导",
    "承办科室",
    "承办人",
    "联系电话",
    "交办日期",
    "办理时限",
    "答复日期",
    "答复文号",
    "办理结果",
    "满意度",
    "面商情况",
    "备注",
  ];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell("A1").value = "XX市民政局2026年人大代表建议和政协提案责任分工表";
  ws.getCell("A1").font = { name: "黑体", size: 16, bold: true };
  ws.getCell("A1").alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getCell("A2").value = "填报单位：局办公室                填报日期：2026年11月20日";
  ws.getRow(3).values = headers;
  ws.getRow(3).font = { bold: true };
  ws.getRow(3).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  rows.forEach((r, i) => {
    const excelRow = ws.getRow(4 + i);
    excelRow.values = [i + 1, ...r];
    for (const col of [13, 14, 15]) {
      const cell = excelRow.getCell(col);
      if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd";
    }
  });
  // A blank row inside the data, as happens in real ledgers, then a 合计 line.
  ws.spliceRows(4 + 9, 0, []);
  const last = 4 + rows.length;
  // Merge 分管领导 (column I) down each leader's group.
  let start = 4;
  for (let r = 5; r <= last + 1; r++) {
    const prev = ws.getCell(r - 1, 9).value;
    const cur = r <= last ? ws.getCell(r, 9).value : null;
    if (cur !== prev || r === last + 1 || cur === null) {
      if (r - 1 > start && prev !== null) {
        for (let k = start + 1; k <= r - 1; k++) ws.getCell(k, 9).value = null;
        ws.mergeCells(start, 9, r - 1, 9);
        ws.getCell(start, 9).alignment = { vertical: "middle", horizontal: "center" };
      }
      start = r;
    }
  }
  const widths = [6, 8, 10, 36, 9, 16, 9, 9, 11, 15, 8, 14, 12, 12, 12, 18, 9, 9, 10, 20];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let r = 3; r <= last; r++) {
    for (let c = 1; c <= headers.length; c++) {
      ws.getCell(r, c).border = {
        top: { style: "thin" },
        left: { style: "thin" },
        bottom: { style: "thin" },
        right: { style: "thin" },
      };
    }
  }
  mkdirSync("samples", { recursive: true });
  const buffer = await wb.xlsx.writeBuffer();
  writeFileSync("samples/sample-ledger.xlsx", Buffer.from(buffer));
  console.log(`samples/sample-ledger.xlsx: ${rows.length} items`);
}

void main();
