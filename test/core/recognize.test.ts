import { HEADER_SYNONYMS, matchHeader } from "../../src/core/headers";
import { recognizeSheet, recognizeWorkbook } from "../../src/core/recognize";
import { FIELDS, type Field } from "../../src/core/fields";
import type { CellValue, SheetSnapshot } from "../../src/core/snapshot";
import * as OpenCC from "opencc-js";
import { loadTraditional } from "../../src/core/script";
import { areaOf } from "../helpers/address";

// Traditional ledgers are analysed here: the s2tw dictionaries load first (src/core/script.ts).
beforeAll(() => loadTraditional());

/** A sheet from inline rows and A1 merge ranges ("A3:A4"). */
function grid(name: string, rows: CellValue[][], merges: string[] = [], hidden = false): SheetSnapshot {
  return { name, rows, merges: merges.map(areaOf), ...(hidden ? { hidden } : {}) };
}
function fieldsOf(columns: { header: string; field: Field | null }[]): Record<string, Field | null> {
  return Object.fromEntries(columns.map((c) => [c.header, c.field]));
}

describe("header synonyms", () => {
  // The cases are listed before any test runs (before loadTraditional): opencc-js's full s2tw writes them.
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  const cases = FIELDS.flatMap((field) =>
    HEADER_SYNONYMS[field].flatMap((word) => [
      { field, word },
      { field, word: toTraditional(word) },
    ]),
  );
  it.each(cases)("$word → $field", ({ field, word }) => {
    expect(matchHeader(word)?.field).toBe(field);
  });

  it.each<[string, Field]>([
    ["建议(议案)编号", "id"],
    ["建議（議案）編號", "id"],
    ["答复期限（月日）", "dueOn"],
    ["答覆期限(月日)", "dueOn"],
    ["分管 领导", "leader"],
    ["分管\n领导", "leader"],
    ["分　管　領　導", "leader"],
    ["*案由", "title"],
    ["序号：", "seq"],
    ["承办单位（科室）", "department"],
    ["類別標記", "result"],
    ["答復類別", "result"],
    ["类别", "kind"],
    ["類型", "kind"],
    ["联系人电话", "phone"],
    ["承办人联系电话", "phone"],
    ["领衔代表姓名", "proposer"],
    ["备注(答复文号)", "notes"],
    ["实际答复时间", "repliedOn"],
    // The head noun comes last in Chinese: what the header ends with names it.
    ["代表委员满意度", "satisfaction"],
    ["代表满意度", "satisfaction"],
    ["满意程度", "satisfaction"],
    ["要求办结时间", "dueOn"],
    ["限办日期", "dueOn"],
    ["要求答復時間", "dueOn"],
    // …but not a short word tacked on: this column holds the handler's name and number.
    ["经办人及电话", "handler"],
  ])("%j → %s", (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it.each([["办理时间"], ["单位"], ["姓名"], ["XX局2020年建议提案办理台账"], [""]])(
    "%j names no field",
    (header) => {
      expect(matchHeader(header)).toBeNull();
    },
  );

  it.each<[string, string, Field | null]>([
    ["时间", "答复", "repliedOn"],
    ["日期", "交办", "assignedOn"],
    ["姓名", "提案人", "proposer"],
    ["姓名", "領銜代表", "proposer"],
    ["单位", "提案人", null],
    ["交办时间", "办理时间", "assignedOn"],
    // Satisfaction scored twice: both columns under 满意度 are 满意度, not 办理结果; 办理工作 is the work aspect.
    ["办理结果", "满意度", "satisfaction"],
    ["办理工作", "满意度", "satisfactionWork"],
    ["对承办单位的态度", "满意度", "satisfactionWork"],
    ["办理结果", "代表委员满意度", "satisfaction"],
    ["办理结果", "办理情况", "result"],
  ])("%j under group %j → %s", (header, group, field) => {
    expect(matchHeader(header, group)?.field ?? null).toBe(field);
  });
});

describe("recognizeSheet", () => {
  it("finds the header under title rows, keeps unknown columns, stops before a totals row", () => {
    const sheet = grid("台账", [
      ["XX局2020年建议提案办理台账"],
      ["填报单位：XX局办公室", null, null, null, "填报时间：2020年3月1日"],
      [],
      ["序号", "案由", "承办科室", "分管领导", "自定义列", "备注", "备注"],
      [1, "关于加强养老服务的建议", "养老科", "张三", "x", null, null],
      [2, "关于殡葬改革的提案", "社事科", "李四", null, null, null],
      ["合计", null, null, null, null, "2件", null],
      [],
    ]);
    const layout = recognizeSheet(sheet);
    expect(layout).toMatchObject({
      sheet: "台账",
      headerRows: [4],
      titleRows: [1, 2],
      firstDataRow: 5,
      lastDataRow: 6,
      script: "simplified",
      mapping: { seq: 0, title: 1, department: 2, leader: 3, notes: 5 },
    });
    expect(layout?.columns.map((c) => [c.index, c.header, c.field])).toEqual([
      [0, "序号", "seq"],
      [1, "案由", "title"],
      [2, "承办科室", "department"],
      [3, "分管领导", "leader"],
      [4, "自定义列", null],
      [5, "备注", "notes"],
      [6, "备注", null],
    ]);
    // 2 each for title, department, leader; 1 each for seq and notes.
    expect(layout?.score).toBe(8);
  });

  it("flattens a two-row header with a merged group and vertically merged cells", () => {
    const sheet = grid(
      "Sheet1",
      [
        ["民政局建议提案责任分工表"],
        ["序号", "建议(议案)编号", "案由", "分管\n领导", "办理时间", null, null, "提案人", null],
        [null, null, null, null, "交办时间", "答复期限（月日）", "答复时间", "单位", "姓名"],
        [1, "101", "关于社区治理的建议", "王五", 43556, "6月30日", null, "某公司", "赵六"],
      ],
      ["A1:I1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:G2", "H2:I2"],
    );
    const layout = recognizeSheet(sheet);
    expect(layout).toMatchObject({ headerRows: [2, 3], titleRows: [1], firstDataRow: 4, lastDataRow: 4 });
    expect(layout?.columns).toEqual([
      { index: 0, header: "序号", field: "seq" },
      { index: 1, header: "建议(议案)编号", field: "id" },
      { index: 2, header: "案由", field: "title" },
      { index: 3, header: "分管领导", field: "leader" },
      { index: 4, header: "交办时间", group: "办理时间", field: "assignedOn" },
      { index: 5, header: "答复期限（月日）", group: "办理时间", field: "dueOn" },
      { index: 6, header: "答复时间", group: "办理时间", field: "repliedOn" },
      { index: 7, header: "单位", group: "提案人", field: null },
      { index: 8, header: "姓名", group: "提案人", field: "proposer" },
    ]);
  });

  it("reads a two-row header whose upper row holds only groups", () => {
    const sheet = grid(
      "表",
      [
        ["基本情况", null, null, "办理情况", null],
        ["编号", "标题", "类别", "承办单位", "答复文号"],
        ["1", "关于…的建议", "人大建议", "科一", "民函〔2020〕1号"],
      ],
      ["A1:C1", "D1:E1"],
    );
    const layout = recognizeSheet(sheet);
    expect(layout?.headerRows).toEqual([1, 2]);
    expect(layout?.columns[3]).toEqual({
      index: 3,
      header: "承办单位",
      group: "办理情况",
      field: "department",
    });
  });

  it("reads 满意度 scored twice under one group as its two aspects, not as 办理结果", () => {
    const sheet = grid(
      "表",
      [
        ["编号", "案由", "承办科室", "答复类别", "满意度", null],
        [null, null, null, null, "办理工作", "办理结果"],
        ["1", "关于…的建议", "科一", "A类", "满意", "基本满意"],
      ],
      ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1"],
    );
    const layout = recognizeSheet(sheet);
    expect(layout?.headerRows).toEqual([1, 2]);
    expect(layout?.mapping).toEqual({
      id: 0,
      title: 1,
      department: 2,
      result: 3,
      satisfactionWork: 4,
      satisfaction: 5,
    });
    expect(layout?.firstDataRow).toBe(3);
  });

  it("reads a two-row header without merges when the rows complement each other", () => {
    const sheet = grid("s", [
      ["序号", "案由", "办理时间", null, "备注"],
      [null, null, "交办时间", "答复时间", null],
      [1, "甲", 43556, 43600, null],
    ]);
    const layout = recognizeSheet(sheet);
    expect(layout).toMatchObject({ headerRows: [1, 2], firstDataRow: 3, lastDataRow: 3 });
    expect(fieldsOf(layout?.columns ?? [])).toEqual({
      序号: "seq",
      案由: "title",
      交办时间: "assignedOn",
      答复时间: "repliedOn",
      备注: "notes",
    });
  });

  it("skips a row of column numbers under the header", () => {
    const sheet = grid("s", [
      ["序号", "编号", "案由", "承办科室"],
      ["栏次", 1, 2, 3],
      [1, "A1", "甲", "科一"],
    ]);
    expect(recognizeSheet(sheet)).toMatchObject({ headerRows: [1], firstDataRow: 3, lastDataRow: 3 });
    const plain = grid("s", [
      ["序号", "编号", "案由", "承办科室"],
      [1, 2, 3, 4],
      [1, "A1", "甲", "科一"],
    ]);
    expect(recognizeSheet(plain)).toMatchObject({ firstDataRow: 3 });
  });

  it("recognises traditional headers", () => {
    const sheet = grid("台賬", [
      ["序號", "案由", "類別", "承辦科室", "分管領導", "承辦人", "辦理時限", "答覆日期", "滿意度"],
      [1, "關於養老服務的提案", "政協提案", "養老科", "張三", "李四", 43646, null, null],
    ]);
    const layout = recognizeSheet(sheet);
    expect(layout?.script).toBe("traditional");
    expect(layout?.mapping).toEqual({
      seq: 0,
      title: 1,
      kind: 2,
      department: 3,
      leader: 4,
      handler: 5,
      dueOn: 6,
      repliedOn: 7,
      satisfaction: 8,
    });
  });

  it("tells 类别 (kind) from 答复类别 and 类别标记 (result)", () => {
    const sheet = grid("s", [["编号", "类别", "案由", "答复类别"]]);
    expect(fieldsOf(recognizeSheet(sheet)?.columns ?? [])).toEqual({
      编号: "id",
      类别: "kind",
      案由: "title",
      答复类别: "result",
    });
    const marks = grid("s", [["编号", "类别标记", "案由", "类别"]]);
    expect(fieldsOf(recognizeSheet(marks)?.columns ?? [])).toEqual({
      编号: "id",
      类别标记: "result",
      案由: "title",
      类别: "kind",
    });
  });

  it("counts data past blank rows and merged leader cells", () => {
    const sheet = grid(
      "s",
      [
        ["序号", "案由", "分管领导", "承办科室"],
        [1, "甲", "张三", "科一"],
        [],
        [2, "乙", null, "科二"],
        [3, "丙", null, "科二"],
        [null, null, null, null],
      ],
      ["C4:C5"],
    );
    expect(recognizeSheet(sheet)).toMatchObject({ firstDataRow: 2, lastDataRow: 5 });
  });

  it("reports no data rows as lastDataRow < firstDataRow", () => {
    const layout = recognizeSheet(grid("s", [["序号", "案由", "承办科室"]]));
    expect(layout).toMatchObject({ firstDataRow: 2, lastDataRow: 1 });
  });

  it.each<[string, CellValue[][]]>([
    [
      "too few fields",
      [
        ["序号", "案由"],
        [1, "x"],
      ],
    ],
    ["no title or id", [["序号", "分管领导", "承办科室", "备注"]]],
    [
      "a header below the scanned rows",
      [...Array.from({ length: 15 }, () => ["说明"]), ["序号", "案由", "承办科室"]],
    ],
    ["an empty sheet", []],
  ])("finds no ledger in %s", (_, rows) => {
    expect(recognizeSheet(grid("s", rows))).toBeNull();
  });
});

describe("recognizeWorkbook", () => {
  const ledger = grid("台账", [
    ["2020年建议提案办理台账"],
    ["序号", "编号", "案由", "承办科室", "分管领导", "承办人"],
    [1, "A1", "甲", "科一", "张三", "李四"],
    [2, "A2", "乙", "科二", "张三", "王五"],
  ]);
  // A notes sheet repeating the header as a legend, with one line of explanations under it.
  const notes = grid("填表说明", [
    ["填表说明：请按下列各列填写"],
    ["序号", "编号", "案由", "承办科室", "分管领导", "承办人"],
    ["按顺序", "交办编号", "照抄", "科室全称", "局领导", "具体经办人"],
  ]);

  it("rejects an empty workbook", () => {
    expect(recognizeWorkbook({ sheets: [] }, {})).toEqual({ ok: false, error: { code: "empty_workbook" } });
  });

  it("does not let a notes sheet before the ledger win", () => {
    const result = recognizeWorkbook({ sheets: [notes, ledger] }, {});
    expect(result.ok && result.sheet.name).toBe("台账");
  });

  it("takes the best-scoring sheet, skipping hidden and skipped sheets", () => {
    const richer = grid("完整", [
      ["序号", "编号", "案由", "承办科室", "分管领导", "承办人", "办理时限"],
      [1, "A1", "甲", "科一", "张三", "李四", 43646],
    ]);
    const hidden = { ...richer, name: "隐藏", hidden: true };
    expect(recognizeWorkbook({ sheets: [ledger, richer] }, {})).toMatchObject({
      ok: true,
      sheet: { name: "完整" },
    });
    expect(recognizeWorkbook({ sheets: [ledger, hidden] }, {})).toMatchObject({
      ok: true,
      sheet: { name: "台账" },
    });
    expect(recognizeWorkbook({ sheets: [ledger, richer] }, { skipSheets: ["完整"] })).toMatchObject({
      ok: true,
      sheet: { name: "台账" },
    });
  });

  it("finds no ledger in a workbook without one", () => {
    const memo = grid("说明", [["本表用于…"], ["联系人：张三"]]);
    expect(recognizeWorkbook({ sheets: [memo] }, {})).toEqual({ ok: false, error: { code: "no_ledger" } });
  });

  it("uses options.sheet, even a hidden one, and reports it missing or ledger-less", () => {
    const hidden = { ...ledger, name: "旧台账", hidden: true };
    expect(recognizeWorkbook({ sheets: [ledger, hidden] }, { sheet: "旧台账" })).toMatchObject({
      ok: true,
      sheet: { name: "旧台账" },
    });
    expect(recognizeWorkbook({ sheets: [ledger] }, { sheet: "Sheet9" })).toEqual({
      ok: false,
      error: { code: "sheet_not_found", sheet: "Sheet9" },
    });
    const memo = grid("说明", [["本表用于…"]]);
    expect(recognizeWorkbook({ sheets: [memo, ledger] }, { sheet: "说明" })).toEqual({
      ok: false,
      error: { code: "no_ledger", sheet: "说明" },
    });
  });

  it("applies mapping overrides: set, move, unmap, and map a header-less column", () => {
    const sheet = grid("台账", [
      ["序号", "编号", "案由", "承办科室", "分管领导", "经办", null],
      [1, "A1", "甲", "科一", "张三", "李四", "138"],
    ]);
    const result = recognizeWorkbook(
      { sheets: [sheet] },
      { mapping: { handler: 5, title: 1, id: null, phone: 6, seq: null } },
    );
    if (!result.ok) throw new Error("not recognised");
    expect(result.layout.mapping).toEqual({ title: 1, department: 3, leader: 4, handler: 5, phone: 6 });
    expect(result.layout.columns.map((c) => [c.index, c.header, c.field])).toEqual([
      [0, "序号", null],
      [1, "编号", "title"],
      [2, "案由", null],
      [3, "承办科室", "department"],
      [4, "分管领导", "leader"],
      [5, "经办", "handler"],
      [6, "", "phone"],
    ]);
    expect(result.layout.score).toBe(2 + 2 + 2 + 2 + 1);
  });
});
