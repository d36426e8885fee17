/** A hand-built WorkbookPlan (the core's plan builder is not used here) and the workbook it applies to. */
import type { PlanCell, WorkbookPlan } from "../../../src/core/plan/types";
import type { FakeExcel } from "./fakeExcel";

export const LEDGER = "责任分工表";
export const BACKUP = "责任分工表_备份";
export const SUMMARY = "年度统计";
export const SETTINGS = "台账设置";
export const TABLE = "建议台账";

/** The user's workbook: a ledger with a merged two-row header and an old generated summary sheet. */
export function seedWorkbook(x: FakeExcel, dataRows = 3): void {
  const ledger = x.addSheet(LEDGER);
  const set = (r: number, c: number, value: string | number) =>
    ledger.cells.set(`${r},${c}`, {
      value,
      kind: typeof value === "number" ? "number" : "text",
      format: "General",
    });
  set(0, 0, "办理情况");
  ledger.merges.push({ top: 0, left: 0, bottom: 0, right: 1 });
  ["序号", "建议标题", "承办单位", "交办日期"].forEach((h, c) => set(1, c, h));
  for (let r = 0; r < dataRows; r++) {
    set(2 + r, 0, r + 1);
    set(2 + r, 1, `原始建议 ${r + 1}`);
    set(2 + r, 2, "教育局");
    set(2 + r, 3, 45300 + r);
    ledger.cell(2 + r, 3)!.format = "yyyy/m/d";
  }
  const old = x.addSheet(SUMMARY);
  old.cells.set("0,0", { value: "旧统计", kind: "text", format: "General" });
  x.addSheet("其他");
}

/** A ledger data row; `text` lets a test put awkward user text in the title column. */
function row(i: number, title: string): PlanCell[] {
  return [
    { t: "number", v: i + 1 },
    { t: "text", v: title },
    { t: "text", v: i % 2 === 0 ? "教育局" : "住建局" },
    { t: "date", v: 45300 + (i % 300) },
    { t: "formula", f: `IF(D${i + 3}="","",D${i + 3}+90)` },
  ];
}

export interface FixtureOptions {
  rows: number;
  /** Title of every data row (default a short Chinese title). */
  title?: (i: number) => string;
}

export function makePlan({
  rows,
  title = (i) => `关于加强社区养老服务的建议 ${i}`,
}: FixtureOptions): WorkbookPlan {
  const header: PlanCell[] = ["序号", "建议标题", "承办单位", "交办日期", "办理期限"].map((v) => ({
    t: "text",
    v,
  }));
  const data = Array.from({ length: rows }, (_, i) => row(i, title(i)));
  const last = rows + 2;
  return {
    replaces: [SUMMARY, SETTINGS],
    activate: LEDGER,
    sheets: { ledger: LEDGER, backup: BACKUP, summary: SUMMARY, report: "汇报", settings: SETTINGS },
    ledgers: [{ sheet: LEDGER, backup: BACKUP, table: "台账表" }],
    ops: [
      { kind: "copy", role: "backup", from: LEDGER, name: BACKUP, visibility: "hidden" },
      {
        kind: "new",
        role: "settings",
        name: SETTINGS,
        visibility: "hidden",
        blocks: [
          {
            row: 0,
            col: 0,
            cells: [[{ t: "text", v: "办理结果" }], [{ t: "text", v: "A" }], [{ t: "text", v: "B" }]],
          },
        ],
        styles: [],
        merges: [],
        columnWidths: [],
        rowHeights: [],
        tables: [],
        validations: [],
        conditionalFormats: [],
      },
      {
        kind: "new",
        role: "summary",
        name: SUMMARY,
        visibility: "visible",
        blocks: [
          {
            row: 0,
            col: 0,
            cells: [[{ t: "text", v: "2025年度建议办理统计" }]],
            style: { bold: true, fontSize: 16 },
          },
          {
            row: 2,
            col: 0,
            cells: [
              [
                { t: "text", v: "单位" },
                { t: "text", v: "件数" },
              ],
              [
                { t: "text", v: "教育局" },
                { t: "formula", f: `COUNTIF('${LEDGER}'!C:C,A4)` },
              ],
              // A structured reference, as the real statistics sheet has: valid only once the table exists.
              [
                { t: "text", v: "合计" },
                { t: "formula", f: `COUNTA(${TABLE}[建议标题])` },
              ],
            ],
            style: { border: "thin" },
          },
        ],
        styles: [{ range: "B4:B4", style: { numberFormat: "0" } }],
        merges: ["A1:B1"],
        columnWidths: [{ index: 0, width: 20 }],
        rowHeights: [{ row: 0, height: 28 }],
        tables: [],
        validations: [],
        conditionalFormats: [],
        freeze: { rows: 3, columns: 0 },
        page: { orientation: "portrait", paperSize: "A4", fitToWidth: 1, fitToHeight: 0 },
        tabColor: "1F6FB2",
      },
      {
        kind: "edit",
        role: "ledger",
        name: LEDGER,
        visibility: "visible",
        unmerge: ["A1:B1"],
        blocks: [
          { row: 0, col: 0, cells: [[{ t: "text", v: "办理情况" }, { t: "empty" }]] },
          { row: 1, col: 0, cells: [header], style: { bold: true } },
          { row: 2, col: 0, cells: data, style: { wrap: true } },
        ],
        styles: [{ range: `D3:D${last}`, style: { hAlign: "center" } }],
        merges: [],
        columnWidths: [{ index: 1, width: 40 }],
        rowHeights: [],
        tables: [
          {
            name: TABLE,
            range: `A2:E${last}`,
            columns: ["序号", "建议标题", "承办单位", "交办日期", "办理期限"],
            style: "TableStyleMedium2",
            calculated: [{ column: "办理期限", formula: '=IF([@交办日期]="","",[@交办日期]+90)' }],
          },
        ],
        validations: [
          {
            range: `C3:C${last}`,
            listSource: `'${SETTINGS}'!$A$2:$A$3`,
            errorTitle: "办理结果",
            errorMessage: "请从列表中选择",
            errorStyle: "warning",
          },
        ],
        conditionalFormats: [
          { range: `E3:E${last}`, formula: 'AND(E3<>"",E3<TODAY())', fill: "FFC7CE", priority: 1 },
        ],
        freeze: { rows: 2, columns: 2 },
        page: {
          orientation: "landscape",
          paperSize: "A4",
          fitToWidth: 1,
          fitToHeight: 0,
          printTitleRows: "1:2",
        },
      },
    ],
  };
}
