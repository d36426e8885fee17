import { xlsxFromGrids, utc, type GridSheet } from "./grid-xlsx";

/**
 * Ledgers as offices keep them, for the build tests: each named for the situation it covers.
 */

/** Title rows, a two-row header with a merged group cell (办理时间), leader merged down rows, text dates,
 * a title starting with "=", an excluded department, and a user sheet that is already called 统计表. */
export async function twoRowHeaderLedger(): Promise<Buffer> {
  const ledger: GridSheet = {
    name: "台账",
    rows: [
      ["民政局2019年建议提案办理台账", null, null, null, null, null, null, null, null, null, null, null],
      ["填报单位：局办公室", null, null, null, null, null, null, null, null, null, null, null],
      ["序号", "编号", "类别", "案由", "办理类型", "分管领导", "承办科室", "承办人", "办理时间", null, null, "办理结果", "满意度"],
      [null, null, null, null, null, null, null, null, "交办时间", "答复期限", "答复时间", null, null],
      [1, "R1", "人大建议", "=关于公墓建设的建议", "主办", "张局长", "社会事务科", "小王", utc(2019, 3, 1), utc(2019, 6, 1), "2019年5月20日", "A类", "满意"],
      [2, "R2", "人大代表建议", "关于养老服务的建议", "协办", null, "养老服务科", "小李", "2019/3/1", null, null, null, null],
      [3, "P1", "政协提案", "+关于社区治理的提案", "主办", null, "基层政权科", "小赵", utc(2019, 3, 5), utc(2019, 10, 1), null, null, null],
      [4, "P2", "提案", "关于地名管理的提案", "会办", "李局长", "区划地名科", "小钱", utc(2019, 3, 5), "延期至9月", null, null, null],
      [5, "P3", "政协提案", "关于扶贫的提案", "主办", "李局长", "市扶贫办", "小孙", utc(2019, 3, 5), null, utc(2019, 5, 1), "B类", "基本满意"],
      [6, "R3", "人大建议", "@关于救助的建议", "主办", "王局长", "社会救助科", "", utc(2019, 3, 1), null, utc(2019, 7, 15), "乙类", "不满意"],
      [7, "R4", "奇怪类别", "-关于婚姻登记的建议", "主办", "王局长", "社会事务科", "小周", "2019.3.1", "2019-09-28", null, null, null],
    ],
    merges: ["A1:M1", "A2:M2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "I3:K3", "L3:L4", "M3:M4", "F5:F7"],
  };
  const userSummary: GridSheet = { name: "统计表", rows: [["这是用户自己的统计表"], [42]] };
  return xlsxFromGrids([ledger, userSummary]);
}

/** Traditional headers, one header row, no deadline column (deadlines derived from 交辦日期), 主題 column. */
export async function traditionalLedger(): Promise<Buffer> {
  return xlsxFromGrids([
    { name: "說明", rows: [["本工作簿記錄建議提案辦理情況"]] },
    {
      name: "提案台賬",
      rows: [
        ["編號", "類別", "案由", "主題", "辦理類型", "是否重點", "分管領導", "承辦科室", "承辦人", "交辦日期", "答覆日期", "辦理結果", "滿意度"],
        ["P1", "政協提案", "關於殯葬改革的提案", "殯葬改革", "主辦", "是", "張局長", "社會事務科", "小王", utc(2019, 3, 1), utc(2019, 5, 1), "A類", "滿意"],
        ["P2", "政協提案", "關於養老的提案", "養老服務", "協辦", "否", "李局長", "養老服務科", "小李", "2019年3月1日", null, null, null],
        ["R1", "人大建議", "關於社區的建議", "社區治理", "主辦", "否", "李局長", "基層政權科", "小趙", utc(2019, 7, 10), null, null, null],
        ["R2", "人大建議", "關於地名的建議", "殯葬改革", "主辦", "是", "張局長", "區劃地名科", "小錢", utc(2019, 3, 1), utc(2019, 7, 1), "C類", "基本滿意"],
      ],
    },
  ]);
}

/** As-of date for the fixtures: 2019-09-30 makes some items overdue and some due soon. */
export const AS_OF = "2019-09-30";
