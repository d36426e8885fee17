/**
 * Issue 12, item 2: the ledger itself never prints below 9 points on A4 landscape. One page wide when that keeps
 * 9 points; else a fixed scale across pages, 编号 (and 案由) repeated at the left, over then down.
 */
import { ledgerPage, DEFAULT_COLUMN_POINTS } from "../../../src/core/plan/ledger/page";
import type { LedgerColumns } from "../../../src/core/plan/ledger/columns";
import type { Field } from "../../../src/core/fields";
import type { SheetSnapshot } from "../../../src/core/snapshot";

function columns(lastCol: number, fields: Partial<Record<Field, number>>): LedgerColumns {
  return {
    headerRow: 1,
    upperRow: undefined,
    firstRow: 2,
    lastRow: 10,
    firstCol: 0,
    lastCol,
    statusIdx: lastCol,
    dueIdx: undefined,
    fieldAt: new Map(),
    mapped: (f: Field) => fields[f],
    names: [],
    nameOf: () => "",
    statusName: "时限状态",
    dueName: undefined,
    fieldColumn: {},
    headerTexts: new Map(),
  };
}
const sheet = (widths: (number | undefined)[], fontSize?: number): SheetSnapshot => ({
  name: "台账",
  rows: [],
  merges: [],
  columnWidths: widths,
  ...(fontSize !== undefined ? { fontSize } : {}),
});
const ID_TITLE = { id: 1, title: 2 };

describe("ledgerPage", () => {
  it.each([
    // name, widths (points), font, last column, fields, fit one page?, scale, repeated columns
    ["narrow ledger: one page wide", [30, 50, 200, 80, 80], 11, 5, ID_TITLE, true, undefined, undefined],
    [
      "wide ledger at 11 pt: 82 %, 编号 and 案由 repeated",
      Array(18).fill(60),
      11,
      18,
      ID_TITLE,
      false,
      82,
      "A:C",
    ],
    ["wide ledger at 10 pt: 90 %", Array(18).fill(60), 10, 18, ID_TITLE, false, 90, "A:C"],
    ["wide ledger at 9 pt: 100 %", Array(18).fill(60), 9, 18, ID_TITLE, false, 100, "A:C"],
    [
      "a 12 pt ledger fits at 75 % and stays one page wide",
      Array(16).fill(60),
      12,
      16,
      ID_TITLE,
      true,
      undefined,
      undefined,
    ],
    [
      "案由 too wide to repeat: 编号 alone",
      [30, 50, 400, ...Array(15).fill(60)],
      11,
      18,
      ID_TITLE,
      false,
      82,
      "A:B",
    ],
    [
      "编号 far right: nothing repeated",
      Array(18).fill(60),
      11,
      18,
      { id: 9, title: 10 },
      false,
      82,
      undefined,
    ],
    ["no widths known: Excel's default width", [], 11, 20, ID_TITLE, false, 82, "A:C"],
  ] as const)("%s", (_name, widths, font, last, fields, fits, scale, repeat) => {
    const page = ledgerPage(sheet([...widths], font), columns(last, fields), "simplified");
    expect(page).toMatchObject({ orientation: "landscape", paperSize: "A4", printTitleRows: "1:2" });
    expect(page.footer?.center).toBe("第&P页 共&N页");
    expect(page.scale).toBe(scale);
    expect(page.printTitleColumns).toBe(repeat);
    expect(page.pageOrder).toBe(fits ? undefined : "overThenDown");
    if (scale !== undefined) expect((font * scale) / 100).toBeGreaterThanOrEqual(9);
  });

  it("counts the default width for columns the sheet names none for", () => {
    expect(DEFAULT_COLUMN_POINTS).toBe(48);
    // 18 default columns + 时限状态 fit at 11 pt (784 of 931 points: 9.3 pt); 19 do not (8.8 pt).
    expect(ledgerPage(sheet([]), columns(18, ID_TITLE), "simplified").scale).toBeUndefined();
    expect(ledgerPage(sheet([]), columns(19, ID_TITLE), "simplified").scale).toBe(82);
  });
});
