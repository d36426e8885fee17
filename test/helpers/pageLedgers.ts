/** Workbooks as offices send them, written inline, for the page's scenarios beyond the bundled sample. */
import { utc, xlsxFromGrids, type GridSheet } from "./grid-xlsx";
import { TWO_SHEET_LEDGER, UNREAD_COLUMNS_LEDGER } from "./paneLedgers";

/**
 * A traditional-script 責任分工表: a merged title row, a two-row header (答覆情況 over 答覆日期 and 辦理結果,
 * the other headings merged down), and 分管領導 merged over the rows it covers. Three of four replied.
 */
export function traditionalTwoRowHeaderLedger(): Promise<Buffer> {
  return xlsxFromGrids([
    {
      name: "責任分工表",
      rows: [
        ["某市民政局2024年建議提案辦理台賬"],
        ["序號", "案由", "類別", "分管領導", "承辦科室", "承辦人", "交辦日期", "辦理時限", "答覆情況", null],
        [null, null, null, null, null, null, null, null, "答覆日期", "辦理結果"],
        [
          1,
          "關於加快養老服務體系建設的建議",
          "人大建議",
          "李副局長",
          "養老服務科",
          "王芳",
          utc(2024, 3, 1),
          utc(2024, 6, 1),
          utc(2024, 5, 20),
          "A類",
        ],
        [
          2,
          "關於規範殯葬服務收費的建議",
          "人大建議",
          null,
          "社會事務科",
          "趙磊",
          utc(2024, 3, 1),
          utc(2024, 6, 1),
          utc(2024, 5, 28),
          "B類",
        ],
        [
          3,
          "關於加強社會組織管理的提案",
          "政協提案",
          "周副局長",
          "社會組織管理科",
          "孫麗",
          utc(2024, 3, 5),
          utc(2024, 6, 5),
          utc(2024, 6, 3),
          "A類",
        ],
        [
          4,
          "關於規範地名管理的提案",
          "政協提案",
          null,
          "區劃地名科",
          "鄭浩",
          utc(2024, 3, 10),
          utc(2024, 6, 10),
          null,
          null,
        ],
      ],
      merges: [
        "A1:J1",
        "A2:A3",
        "B2:B3",
        "C2:C3",
        "D2:D3",
        "E2:E3",
        "F2:F3",
        "G2:G3",
        "H2:H3",
        "I2:J2",
        "D4:D5",
        "D6:D7",
      ],
    },
  ]);
}

/** The grids of paneLedgers.ts as a user's file: ISO text dates become real date cells. */
function withDateCells(sheets: GridSheet[]): GridSheet[] {
  return sheets.map((s) => ({
    ...s,
    rows: s.rows.map((row) =>
      row.map((v) => {
        const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
        return m ? utc(Number(m[1]), Number(m[2]), Number(m[3])) : v;
      }),
    ),
  }));
}

/** 人大建议 (3 items) and 政协提案 (2) on sheets of their own, one header, both satisfaction aspects. */
export function twoSheetLedger(): Promise<Buffer> {
  return xlsxFromGrids(withDateCells(TWO_SHEET_LEDGER));
}

/** A second 满意度 column and a 是否延期 column, both left unread. */
export function unreadColumnsLedger(): Promise<Buffer> {
  return xlsxFromGrids(withDateCells(UNREAD_COLUMNS_LEDGER));
}
