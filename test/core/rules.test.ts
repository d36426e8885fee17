import type { Field, LedgerRecord, Locale } from "../../src/core/fields";
import type { IssueCode } from "../../src/core/issues";
import type { LedgerLayout } from "../../src/core/layout";
import { serialFromYmd } from "../../src/core/dates";
import { checkLedger } from "../../src/core/rules";
import { issueMessage, renderIssue } from "../../src/i18n/issues";
import { loadTraditional } from "../../src/core/script";

// zh-TW messages are converted: the s2tw dictionaries load first (src/core/script.ts).
beforeAll(() => loadTraditional());

const COLUMNS: [Field, string][] = [
  ["id", "编号"],
  ["kind", "类别"],
  ["title", "案由"],
  ["leader", "分管领导"],
  ["department", "责任科室"],
  ["handler", "承办人"],
  ["assignedOn", "交办日期"],
  ["dueOn", "办理时限"],
  ["repliedOn", "答复日期"],
  ["result", "办理结果"],
];

/** A ledger with columns A..J as in COLUMNS, minus `drop`. Header on row 1, data from row 2. */
function layout(drop: Field[] = []): LedgerLayout {
  const columns = COLUMNS.map(([field, header], index) => ({
    index,
    header,
    field: drop.includes(field) ? null : field,
  }));
  const mapping: LedgerLayout["mapping"] = {};
  for (const c of columns) if (c.field) mapping[c.field] = c.index;
  return {
    sheet: "台账",
    headerRows: [1],
    titleRows: [],
    firstDataRow: 2,
    lastDataRow: 20,
    columns,
    mapping,
    script: "simplified",
    score: 10,
  };
}

const d = (y: number, m: number, day: number): number => serialFromYmd(y, m, day);

/** Overrides where `undefined` means "leave the field out" (exactOptionalPropertyTypes forbids storing it). */
type Overrides = { [K in keyof LedgerRecord]?: LedgerRecord[K] | undefined };

/** A row that passes every rule, with overrides. */
function ok(row: number, extra: Overrides = {}): LedgerRecord {
  const r: Record<string, unknown> = {
    row,
    id: String(row),
    kind: "cppcc",
    title: "关于推进殡葬改革的建议",
    leader: "王副局长",
    department: "社会事务科",
    handler: "李四",
    assignedOn: d(2019, 3, 15),
    dueOn: d(2019, 6, 15),
    invalid: {},
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete r[k];
    else r[k] = v;
  }
  return r as unknown as LedgerRecord;
}

type Case = [string, LedgerRecord[], Field[], [IssueCode, number | null, string | undefined][]];

describe("checkLedger", () => {
  it.each<Case>([
    ["a clean ledger", [ok(2), ok(3, { repliedOn: d(2019, 5, 1), result: "A" })], [], []],
    ["missing leader", [ok(2, { leader: undefined })], [], [["missing_required", 2, "D2"]]],
    ["blank handler counts as missing", [ok(2, { handler: "  " })], [], [["missing_required", 2, "F2"]]],
    [
      "missing title and department",
      [ok(5, { title: undefined, department: undefined })],
      [],
      [
        ["missing_required", 5, "C5"],
        ["missing_required", 5, "E5"],
      ],
    ],
    ["no deadline but 交办 date: deadline derived, fine", [ok(2, { dueOn: undefined })], [], []],
    [
      "neither deadline nor 交办 date",
      [ok(2, { dueOn: undefined, assignedOn: undefined })],
      [],
      [["missing_required", 2, "H2"]],
    ],
    ["deadline column gone, 交办 date present", [ok(2, { dueOn: undefined })], ["dueOn"], []],
    [
      "deadline column gone, 交办 date blank: cell points at 交办 column",
      [ok(2, { dueOn: undefined, assignedOn: undefined })],
      ["dueOn"],
      [["missing_required", 2, "G2"]],
    ],
    [
      "no leader column: one sheet-wide issue, none per row",
      [ok(2, { leader: undefined }), ok(3, { leader: undefined })],
      ["leader"],
      [["missing_column", null, undefined]],
    ],
    [
      "no deadline nor 交办 column",
      [ok(2, { dueOn: undefined, assignedOn: undefined })],
      ["dueOn", "assignedOn"],
      [["missing_column", null, undefined]],
    ],
    [
      "unreadable date",
      [ok(2, { dueOn: undefined, invalid: { dueOn: "六月底" } })],
      [],
      [["invalid_date", 2, "H2"]],
    ],
    [
      "unreadable result class",
      [ok(2, { repliedOn: d(2019, 5, 1), invalid: { result: "已办" } })],
      [],
      [["invalid_value", 2, "J2"]],
    ],
    ["reply before 交办", [ok(2, { repliedOn: d(2019, 3, 1), result: "A" })], [], [["date_order", 2, "I2"]]],
    ["deadline before 交办", [ok(2, { dueOn: d(2019, 3, 1) })], [], [["date_order", 2, "H2"]]],
    [
      "same day is in order",
      [ok(2, { repliedOn: d(2019, 3, 15), dueOn: d(2019, 3, 15), result: "B" })],
      [],
      [],
    ],
    [
      "replied without result class",
      [ok(2, { repliedOn: d(2019, 5, 1) })],
      [],
      [["reply_missing_result", 2, "J2"]],
    ],
    ["replied, no result column in the sheet", [ok(2, { repliedOn: d(2019, 5, 1) })], ["result"], []],
    [
      "duplicate id, both rows",
      [ok(2, { id: "12" }), ok(3, { id: " 12 " })],
      [],
      [
        ["duplicate_id", 2, "A2"],
        ["duplicate_id", 3, "A3"],
      ],
    ],
    [
      "full-width digits are the same id",
      [ok(2, { id: "１２" }), ok(3, { id: "12" })],
      [],
      [
        ["duplicate_id", 2, "A2"],
        ["duplicate_id", 3, "A3"],
      ],
    ],
    [
      "第5号, 5号, 005 and 5 are the same id",
      [ok(2, { id: "第5号" }), ok(3, { id: "5" }), ok(4, { id: "005" }), ok(5, { id: "5号" })],
      [],
      [
        ["duplicate_id", 2, "A2"],
        ["duplicate_id", 3, "A3"],
        ["duplicate_id", 4, "A4"],
        ["duplicate_id", 5, "A5"],
      ],
    ],
    [
      "建议第1号 and 提案第1号 are different ids",
      [ok(2, { id: "建议第1号" }), ok(3, { id: "提案第1号" })],
      [],
      [],
    ],
    [
      "one 编号 cell merged down over an item split between sections is no duplicate",
      [ok(2, { id: "7" }), ok(3, { id: "7", mergedFrom: { id: 2 } })],
      [],
      [],
    ],
    [
      "a merged 编号 repeated elsewhere is a duplicate on every row",
      [ok(2, { id: "7" }), ok(3, { id: "7", mergedFrom: { id: 2 } }), ok(4, { id: "7" })],
      [],
      [
        ["duplicate_id", 2, "A2"],
        ["duplicate_id", 3, "A3"],
        ["duplicate_id", 4, "A4"],
      ],
    ],
    [
      "人大 12 and 政协 12 coexist",
      [ok(2, { id: "12", kind: "npc" }), ok(3, { id: "12", kind: "cppcc" })],
      [],
      [],
    ],
    [
      "sorted by row then column",
      [ok(3, { leader: undefined }), ok(2, { handler: undefined, title: undefined })],
      ["department"],
      [
        ["missing_column", null, undefined],
        ["missing_required", 2, "C2"],
        ["missing_required", 2, "F2"],
        ["missing_required", 3, "D3"],
      ],
    ],
  ])("%s", (_title, records, drop, expected) => {
    const issues = checkLedger(records, layout(drop));
    expect(issues.map((i) => [i.code, i.row, i.cell])).toEqual(expected);
  });

  it("severities: errors for the 五定 and dates, warnings for the rest", () => {
    const records = [
      ok(2, { leader: undefined, invalid: { kind: "其他" } }),
      ok(3, { id: "7", repliedOn: d(2019, 3, 1) }),
      ok(4, { id: "7", invalid: { assignedOn: "三月" }, assignedOn: undefined }),
    ];
    const bySeverity = checkLedger(records, layout()).map((i) => `${i.code}:${i.severity}`);
    expect(bySeverity).toEqual([
      "invalid_value:warning",
      "missing_required:error",
      "duplicate_id:warning",
      "date_order:error",
      "reply_missing_result:warning",
      "duplicate_id:warning",
      "invalid_date:error",
    ]);
  });

  it("messages quote the text, use the user's header and name the other row", () => {
    const records = [
      ok(2, { id: "12" }),
      ok(3, { id: "12", dueOn: undefined, invalid: { dueOn: "六月底" } }),
      ok(4, { id: "12" }),
    ];
    const messages = checkLedger(records, layout()).map((i) => renderIssue(i, "zh-CN"));
    expect(messages).toEqual([
      "编号“12”与第3、4行重复",
      "编号“12”与第2、4行重复",
      "办理时限“六月底”不是可识别的日期",
      "编号“12”与第2、3行重复",
    ]);
  });

  it("messages render in each language from one analysis", () => {
    const records = [ok(2, { department: undefined })];
    const [issue] = checkLedger(records, layout());
    const msg = (locale: Locale): string | undefined => (issue ? renderIssue(issue, locale) : undefined);
    expect(msg("zh-CN")).toBe("未填写责任科室（“五定”之一）");
    // The header stays as the user wrote it, so it can be found in the sheet.
    expect(msg("zh-TW")).toBe("未填寫责任科室（「五定」之一）");
    expect(msg("en")).toBe("Missing department");
  });
});

describe("issueMessage", () => {
  it.each<[IssueCode, Parameters<typeof issueMessage>[1], Locale, string]>([
    ["missing_column", { field: "leader" }, "zh-CN", "表中没有“分管领导”列（“五定”之一）"],
    ["missing_column", { field: "dueOn" }, "en", "The sheet has no deadline or assignment date column"],
    ["invalid_date", { field: "repliedOn", text: "已答复$&" }, "zh-CN", "答复日期“已答复$&”不是可识别的日期"],
    [
      "invalid_value",
      { field: "satisfaction", header: "代表委员反馈", text: "很好" },
      "zh-TW",
      "代表委员反馈「很好」無法識別",
    ],
    ["duplicate_id", { field: "id", id: "12", otherRows: [3] }, "en", "ID “12” also appears in row 3"],
    ["duplicate_id", { field: "id", id: "12", otherRows: [3, 9] }, "en", "ID “12” also appears in rows 3, 9"],
    ["date_order", { field: "repliedOn" }, "zh-TW", "答覆日期早於交辦日期"],
    ["reply_missing_result", { field: "result" }, "zh-CN", "已答复但未填写办理结果（答复类别）"],
  ])("%s in %s", (code, params, locale, expected) => {
    expect(issueMessage(code, params, locale)).toBe(expected);
  });
});
