import { readRecords } from "../../src/core/normalize";
import { recognizeSheet } from "../../src/core/recognize";
import { serialFromYmd } from "../../src/core/dates";
import type { LedgerLayout } from "../../src/core/layout";
import type { LedgerRecord } from "../../src/core/fields";
import type { CellValue, SheetSnapshot } from "../../src/core/snapshot";
import { areaOf } from "../helpers/address";

/** Recognises and reads an inline sheet. */
function read(
  rows: CellValue[][],
  opts: { merges?: string[]; formats?: (string | null)[][]; defaultYear?: number } = {},
): LedgerRecord[] {
  const sheet: SheetSnapshot = {
    name: "台账",
    rows,
    merges: (opts.merges ?? []).map(areaOf),
    ...(opts.formats ? { numberFormats: opts.formats } : {}),
  };
  const layout: LedgerLayout | null = recognizeSheet(sheet);
  if (!layout) throw new Error("no ledger");
  return readRecords(sheet, layout, opts.defaultYear !== undefined ? { defaultYear: opts.defaultYear } : {});
}

const HEADER = ["编号", "案由", "分管领导", "承办科室", "答复日期"];
const JUNE_30 = serialFromYmd(2019, 6, 30);

describe("readRecords: rows", () => {
  it("gives every record the same fields in the same order, whatever its row holds", () => {
    // A section heading's kind, merged cells, a bad date, empty cells and full ones: the ways a record gets its fields.
    const records = read(
      [
        ["序号", ...HEADER, "类别"],
        ["一、人大代表建议"],
        ["1", "1", "甲", "张三", "科一", "2019-06-30", null],
        ["2", "2", "乙", null, null, "六月底", "政协提案"],
        ["3", null, "丙", null, null, null, null],
      ],
      { merges: ["A2:G2", "D3:D5"] },
    );
    expect(records.map((r) => r.row)).toEqual([3, 4, 5]);
    const keys = records.map((r) => Object.keys(r));
    for (const k of keys) expect(k).toEqual(keys[0]);
    // What a reader sees is unchanged: an unread field is undefined, and JSON leaves it out.
    expect(JSON.parse(JSON.stringify(records[2]))).toEqual({
      row: 5,
      seq: "3",
      kind: "npc",
      title: "丙",
      leader: "张三",
      invalid: {},
      mergedFrom: { leader: 3 },
    });
  });

  it("fills merged leader and department cells down, skips blank rows, keeps row numbers", () => {
    const records = read(
      [
        ["2019年台账"],
        HEADER,
        ["1", "甲", "张三", "科一", null],
        ["2", "乙", null, null, null],
        [],
        ["3", "丙", null, "科二", null],
        [null, null, null, null, null],
        ["4", "丁", "李四", null, null],
      ],
      // Leader C3:C6 spans the blank row 5; department D6:D8 spans the blank row 7.
      { merges: ["A1:E1", "C3:C6", "D6:D8"] },
    );
    expect(records).toEqual([
      { row: 3, id: "1", title: "甲", leader: "张三", department: "科一", invalid: {} },
      { row: 4, id: "2", title: "乙", leader: "张三", invalid: {}, mergedFrom: { leader: 3 } },
      {
        row: 6,
        id: "3",
        title: "丙",
        leader: "张三",
        department: "科二",
        invalid: {},
        mergedFrom: { leader: 3 },
      },
      {
        row: 8,
        id: "4",
        title: "丁",
        leader: "李四",
        department: "科二",
        invalid: {},
        mergedFrom: { department: 6 },
      },
    ]);
  });

  it("does not fill across columns from a merge spanning them", () => {
    const records = read(
      [
        ["编号", "案由", "承办科室", "备注"],
        ["1", "甲", "科一", null],
        ["注：以上由办公室填写", null, null, null],
      ],
      { merges: ["A3:D3"] },
    );
    expect(records.map((r) => r.row)).toEqual([2]);
  });

  it.each<[string, CellValue[]]>([
    ["合计 in the seq column", ["合计", null, null, null, "2件"]],
    ["总计 with spaces", ["总 计", null, null, null, null]],
    ["a sign-off line", ["填表人：张三", null, null, null, null]],
    ["小计 in the title column", [null, null, "小计", null, "2件"]],
  ])("skips a footer row: %s", (_, footer) => {
    const records = read([
      ["序号", "编号", "案由", "承办科室", "备注"],
      [1, "1", "甲", "科一", null],
      footer,
    ]);
    expect(records.map((r) => r.row)).toEqual([2]);
  });

  it.each<[string, CellValue[]]>([
    ["合计 with the count in the title column", ["合计", null, "共5件", null, null]],
    ["合计 with a bare count in the title column", ["合计", null, 5, null, null]],
    ["a worded count in the id column", ["合计", "5件", null, null, null]],
    [
      "单位负责人 and 填表人 on one line",
      ["单位负责人：王五    填表人：张三    填表日期：2022年1月5日", null, null, null, null],
    ],
    ["审核：", ["审核：李四", null, null, null, null]],
    ["traditional 製表：", ["製表：張三", null, null, null, null]],
    ["联系人：", ["联系人：张三 12345678", null, null, null, null]],
  ])("skips a sign-off or totals row: %s", (_, footer) => {
    const records = read([
      ["序号", "编号", "案由", "承办科室", "备注"],
      [1, "1", "甲", "科一", null],
      footer,
    ]);
    expect(records.map((r) => r.row)).toEqual([2]);
  });

  it("keeps a row whose id is a number next to a total-like note", () => {
    const records = read([
      ["序号", "编号", "案由", "承办科室", "备注"],
      [1, "5", null, "科一", "合计3个科室会办"],
    ]);
    expect(records.map((r) => r.row)).toEqual([2]);
  });

  it("skips rows numbered ahead of time with nothing else in them", () => {
    const records = read([
      ["序号", "编号", "案由", "承办科室"],
      [1, "1", "甲", "科一"],
      [2, null, null, null],
      [3],
    ]);
    expect(records.map((r) => r.row)).toEqual([2]);
  });

  it("reads section headings as no item and gives their kind to the rows below", () => {
    const records = read(
      [
        ["序号", "编号", "案由", "承办科室"],
        ["一、人大代表建议（2件）"],
        [1, "12", "甲", "科一"],
        [2, "13", "乙", "科一"],
        ["二、政协委员提案（1件）"],
        [1, "12", "丙", "科二"],
        ["三、其他"],
        [1, "1", "丁", "科二"],
        // Merged across the table without a number.
        [null, "市政协提案"],
        [1, "2", "戊", "科二"],
        [2, "3", "关于人大代表联络站建设的提案", null],
      ],
      { merges: ["B9:D9"] },
    );
    expect(records.map((r) => [r.row, r.kind])).toEqual([
      [3, "npc"],
      [4, "npc"],
      [6, "cppcc"],
      [8, undefined],
      [10, "cppcc"],
      [11, "cppcc"],
    ]);
  });

  it("keeps a row whose only text is a title", () => {
    const records = read([
      ["序号", "编号", "案由", "承办科室"],
      [null, null, "关于加强养老服务的建议", null],
    ]);
    expect(records.map((r) => r.row)).toEqual([2]);
  });

  it("keeps a row whose title merely starts like a total", () => {
    const records = read([
      ["序号", "编号", "案由", "承办科室"],
      ["合计", "1", "关于合计数据口径的建议", "科一"],
    ]);
    expect(records).toHaveLength(1);
  });
});

describe("readRecords: a header row repeated in the data", () => {
  it.each([
    ["as written", "案由"],
    ["with spaces around", "  案由 "],
    ["after an ideographic space", "\u3000案由"],
  ])("is no item when a cell holds the header %s", (_, title) => {
    const records = read([HEADER, ["1", "甲", "张三", "科一", null], ["编号x", title, null, null, null]]);
    expect(records.map((r) => r.row)).toEqual([2]);
  });

  it.each([
    ["longer, opening like it", "案由说明"],
    ["shorter", "案"],
    ["split by a tab", "案\t由"],
    ["another header's text", "编号"],
  ])("is an item when its cell is the header's text only %s", (_, title) => {
    const records = read([HEADER, ["1", "甲", "张三", "科一", null], ["2", title, null, null, null]]);
    expect(records.map((r) => [r.row, r.title])).toEqual([
      [2, "甲"],
      [3, title.replace(/\s+/g, " ")],
    ]);
  });

  it("joins runs of spaces as Excel's TRIM does", () => {
    const header = ["编号", "案 由", "分管领导", "承办科室"];
    const rows = (cell: string): CellValue[][] => [
      header,
      ["1", "甲", "张三", "科一"],
      ["2", cell, null, null],
    ];
    expect(read(rows(" 案   由")).map((r) => r.row)).toEqual([2]);
    expect(read(rows("案由")).map((r) => r.row)).toEqual([2, 3]);
  });
});

describe("readRecords: text", () => {
  it.each<[CellValue, string]>([
    ["  关于  加强\n养老 服务的建议 ", "关于 加强 养老 服务的建议"],
    ["关于\u3000养老", "关于 养老"],
    [12, "12"],
    [12.5, "12.5"],
    [0.1 + 0.2, "0.3"],
    ["關於養老服務的提案", "關於養老服務的提案"],
  ])("%j → %j", (input, expected) => {
    const [record] = read([
      ["编号", "案由", "承办科室"],
      ["1", input, "科一"],
    ]);
    expect(record?.title).toBe(expected);
  });

  it("keeps ids and phone numbers as written, without .0", () => {
    const [record] = read([
      ["序号", "编号", "案由", "联系电话"],
      [1, 12, "甲", 13800138000],
    ]);
    expect(record).toMatchObject({ seq: "1", id: "12", phone: "13800138000" });
  });

  it.each([["#N/A"], ["#VALUE!"], ["#REF!"], ["#DIV/0!"], ["#NAME?"]])(
    "keeps the Excel error %s as invalid",
    (err) => {
      const [record] = read([
        ["编号", "案由", "分管领导", "答复日期", "类别"],
        ["1", "甲", err, err, err],
      ]);
      expect(record?.leader).toBeUndefined();
      expect(record?.invalid).toEqual({ leader: err, repliedOn: err, kind: err });
    },
  );
});

describe("readRecords: dates", () => {
  const DATE = "yyyy-mm-dd";
  it.each<[string, CellValue, string | null, number | undefined]>([
    ["a date cell", JUNE_30, DATE, undefined],
    ["a date cell in Chinese format", JUNE_30, 'yyyy"年"m"月"d"日"', undefined],
    ["a plain serial number", JUNE_30, null, undefined],
    ["a serial with a time", JUNE_30 + 0.75, "yyyy-mm-dd hh:mm", undefined],
    ["an 8-digit number", 20190630, null, undefined],
    ["ISO text", "2019-06-30", null, undefined],
    ["slashes", "2019/6/30", null, undefined],
    ["dots", "2019.6.30", null, undefined],
    ["Chinese", "2019年6月30日", null, undefined],
    ["Chinese with spaces", "2019 年 6 月 30 日", null, undefined],
    ["full-width digits", "２０１９年６月３０日", null, undefined],
    ["full-width dashes", "２０１９－０６－３０", null, undefined],
    ["Chinese numerals", "二〇一九年六月三十日", null, undefined],
    ["8-digit text", "20190630", null, undefined],
    ["text with a time", "2019-06-30 14:00", null, undefined],
    ["text with a one-digit hour", "2019-06-30 9:00", null, undefined],
    ["Chinese text with a time", "2019年6月30日 9:00", null, undefined],
    ["ISO date-time", "2019-06-30T09:00:00", null, undefined],
    ["year-less text with a default year", "6月30日", null, 2019],
    ["year-less slashes with a default year", "6/30", null, 2019],
  ])("reads %s", (_, value, format, defaultYear) => {
    const [record] = read([HEADER, ["1", "甲", "张", "科", value]], {
      formats: [[], [null, null, null, null, format]],
      ...(defaultYear !== undefined ? { defaultYear } : {}),
    });
    expect(record?.repliedOn).toBe(JUNE_30);
    expect(record?.invalid).toEqual({});
  });

  it.each<[string, CellValue]>([
    ["a date that does not exist", "2019-02-30"],
    ["month 13", "2019.13.1"],
    ["year-less text without a default year", "6月30日"],
    ["words", "下月底"],
    ["a date followed by words", "2019-06-30已答复"],
    ["a small number", 6.3],
    ["a number out of range", 9_999_999],
    ["a boolean", true],
  ])("keeps %s as invalid, verbatim", (_, value) => {
    const [record] = read([HEADER, ["1", "甲", "张", "科", value]]);
    expect(record?.repliedOn).toBeUndefined();
    expect(record?.invalid.repliedOn).toBe(typeof value === "string" ? value : String(value).toUpperCase());
  });

  it.each([["无"], ["未答复"], ["未回复"], ["-"], ["—"], ["/"], [" 暂无 "], ["待定"]])(
    "reads %j as no date, not an error",
    (value) => {
      const [record] = read([HEADER, ["1", "甲", "张", "科", value]]);
      expect(record?.repliedOn).toBeUndefined();
      expect(record?.invalid).toEqual({});
    },
  );

  it("reads a deadline written 6月30日前 as 6月30日", () => {
    const [record] = read(
      [
        ["编号", "案由", "办理时限", "答复日期"],
        ["1", "甲", "2019年6月30日前", "2019年6月30日前"],
      ],
      {},
    );
    expect(record?.dueOn).toBe(JUNE_30);
    expect(record?.invalid).toEqual({ repliedOn: "2019年6月30日前" });
  });

  it.each<[string, number | undefined]>([
    ["延期至2019年6月30日", JUNE_30],
    ["2019.3.31（已延期至6月30日）", JUNE_30],
    ["2019-03-31，延长至2019-06-30", JUNE_30],
    ["延至6.30前", JUNE_30],
    ["延長至2019年6月30日", JUNE_30],
    ["延期至三季度", undefined],
  ])("reads the extended deadline in %j", (text, expected) => {
    const [record] = read(
      [
        ["编号", "案由", "办理时限"],
        ["1", "甲", text],
      ],
      { defaultYear: 2019 },
    );
    expect(record?.dueOn).toBe(expected);
    expect(record?.invalid).toEqual(expected === undefined ? { dueOn: text } : {});
  });
});

describe("readRecords: enumerations", () => {
  it("parses kind, role, key, result and satisfaction, keeping what it cannot read", () => {
    const records = read([
      ["编号", "案由", "类别", "主办/协办", "是否重点", "办理结果", "满意度"],
      ["1", "甲", "人大 建议", "主辦", "√", "A类（已解决或采纳）", "基本滿意"],
      ["2", "乙", "政協提案", "协办", "否", "列入计划拟解决", "不满意"],
      ["3", "丙", "其他", "督办", "也许", "E类", "还行"],
    ]);
    expect(records[0]).toMatchObject({
      kind: "npc",
      role: "lead",
      key: true,
      result: "A",
      satisfaction: "basic",
    });
    expect(records[1]).toMatchObject({
      kind: "cppcc",
      role: "assist",
      key: false,
      result: "B",
      satisfaction: "unsatisfied",
      invalid: {},
    });
    expect(records[2]?.invalid).toEqual({
      kind: "其他",
      role: "督办",
      key: "也许",
      result: "E类",
      satisfaction: "还行",
    });
    expect(records[2]?.kind).toBeUndefined();
  });
});

describe("a snapshot that went through JSON (the demo host, a worker)", () => {
  it("reads missing rows and cells as null the same as missing ones", () => {
    const sparse: SheetSnapshot = { name: "台账", rows: [], merges: [] };
    sparse.rows[0] = ["编号", "案由", "分管领导", "承办科室", "承办人", "办理时限"];
    sparse.rows[2] = ["R1", "关于养老的建议", "张局长", "养老科", "王一", "2026年6月30日"];
    const cells: CellValue[] = ["R2", "关于殡葬的建议"];
    cells[5] = "2026年7月1日";
    sparse.rows[4] = cells;
    const viaJson = JSON.parse(JSON.stringify(sparse)) as SheetSnapshot;
    expect(viaJson.rows[1]).toBeNull();
    const read = (sheet: SheetSnapshot): LedgerRecord[] => {
      const layout = recognizeSheet(sheet);
      if (!layout) throw new Error("not recognised");
      return readRecords(sheet, layout, {});
    };
    expect(read(viaJson)).toEqual(read(sparse));
    expect(read(sparse).map((r) => r.id)).toEqual(["R1", "R2"]);
  });
});
