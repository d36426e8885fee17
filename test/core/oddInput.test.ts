import { analyzeWorkbook, type Analysis } from "../../src/core/analyze";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot";
import { DATE1904_OFFSET, isoFromSerial, serialFromYmd } from "../../src/core/dates";
import { buildPlan } from "../../src/core/plan/build";
import { fitCellText, suffixedSheetName, uniqueColumnNames, nameSet } from "../../src/core/plan/names";
import { SETTINGS_MARKER } from "../../src/core/roles";
import type { EditSheetPlan, NewSheetPlan, PlanCell, WorkbookPlan } from "../../src/core/plan/types";

/** Issue 10, item 3: correct output on odd input, table-driven over snapshots written in A1 terms. */

const d = (y: number, m: number, day: number): number => serialFromYmd(y, m, day);
const HEADER = ["编号", "类别", "案由", "分管领导", "承办科室", "承办人", "交办日期", "办理时限", "答复日期"];
const DATES = [null, null, null, null, null, null, "yyyy-mm-dd", "yyyy-mm-dd", "yyyy-mm-dd"];

function ledger(rows: CellValue[][], name = "台账", header: CellValue[] = HEADER): SheetSnapshot {
  return { name, rows: [header, ...rows], numberFormats: [[], ...rows.map(() => DATES)], merges: [] };
}

const ROWS: CellValue[][] = [
  [
    "R1",
    "人大建议",
    "关于甲的建议",
    "张局长",
    "民政ABC",
    "小王",
    d(2019, 3, 1),
    d(2019, 6, 1),
    d(2019, 5, 1),
  ],
  ["R2", "人大建议", "关于乙的建议", "张局长", "民政abc", "小李", d(2019, 3, 1), d(2019, 6, 1), null],
  ["P1", "政协提案", "关于丙的提案", "李局长", "基层科", "小赵", d(2019, 3, 5), d(2019, 12, 1), null],
];

function analyse(wb: WorkbookSnapshot): Analysis {
  const out = analyzeWorkbook(wb, { asOf: "2019-09-30" });
  if (!out.ok) throw new Error(out.error.code);
  return out.analysis;
}

function ledgerOp(plan: WorkbookPlan, sheet = "台账"): EditSheetPlan {
  const op = plan.ops.find((o) => o.kind === "edit" && o.name === sheet);
  if (!op || op.kind !== "edit") throw new Error(`no edit of ${sheet}`);
  return op;
}

function newOp(plan: WorkbookPlan, role: string): NewSheetPlan {
  const op = plan.ops.find((o) => o.kind === "new" && o.role === role);
  if (!op || op.kind !== "new") throw new Error(`no ${role} sheet`);
  return op;
}

/** Every formula the plan writes: cells, calculated columns. */
function formulas(plan: WorkbookPlan): string[] {
  const out: string[] = [];
  for (const op of plan.ops) {
    if (op.kind === "copy") continue;
    for (const b of op.blocks)
      for (const row of b.cells) for (const c of row) if (c.t === "formula") out.push(c.f);
    for (const t of op.tables) for (const c of t.calculated) out.push(c.formula);
  }
  return out;
}

/** The cell a plan block writes at 0-based (r, c) of a sheet, if any (the last block wins, as rendered). */
function planCell(op: EditSheetPlan | NewSheetPlan, r: number, c: number): PlanCell | undefined {
  let found: PlanCell | undefined;
  for (const b of op.blocks) found = b.cells[r - b.row]?.[c - b.col] ?? found;
  return found;
}

describe("a) generated table names avoid the workbook's tables and are used everywhere", () => {
  it.each([
    ["no table yet", [], "台账表"],
    ["another sheet's 台账表", [{ name: "台账表", sheet: "其他" }], "台账表_2"],
    [
      "in another case",
      [
        { name: "台账表", sheet: "其他" },
        { name: "台账表_2", sheet: "其他" },
      ],
      "台账表_3",
    ],
  ])("%s → %s", (_title, tables, want) => {
    const wb: WorkbookSnapshot = {
      sheets: [ledger(ROWS), { name: "其他", rows: [["x"], [1]], merges: [] }],
      tables,
    };
    const plan = buildPlan(wb, analyse(wb));
    expect(plan.ledgers[0]?.table).toBe(want);
    expect(ledgerOp(plan).tables[0]?.name).toBe(want);
    const named = formulas(plan).flatMap((f) => [...f.matchAll(/(台账表[_\d]*)\[/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(10);
    expect(new Set(named)).toEqual(new Set([want]));
  });

  it("reuses its own table's name on a rebuild", () => {
    const wb: WorkbookSnapshot = { sheets: [ledger(ROWS)] };
    const first = buildPlan(wb, analyse(wb));
    const settings = newOp(first, "settings");
    const rows: CellValue[][] = [];
    for (const b of settings.blocks)
      b.cells.forEach((row, i) =>
        row.forEach((cell, j) => {
          (rows[b.row + i] ??= [])[b.col + j] = cell.t === "text" || cell.t === "number" ? cell.v : null;
        }),
      );
    const again: WorkbookSnapshot = {
      sheets: [ledger(ROWS), { name: settings.name, rows, merges: [] }],
      tables: [{ name: "台账表", sheet: "台账", range: "A1:K4" }],
    };
    expect(buildPlan(again, analyse(again)).ledgers[0]?.table).toBe("台账表");
  });
});

describe("b) headers with [ ] # ' become safe table column names", () => {
  it.each([
    ["承办科室[主]", "承办科室［主］"],
    ["#1", "＃1"],
    ["'办理结果'", "＇办理结果＇"],
    ["a]b", "a］b"],
  ])("%s → %s", (header, want) => {
    expect(uniqueColumnNames([{ header, letter: "A" }], "列")).toEqual([want]);
  });

  it("writes the safe names into the header row, and no formula needs an escape", () => {
    const header = [...HEADER];
    header[4] = "承办科室[主]";
    header[5] = "承办人'";
    const wb: WorkbookSnapshot = { sheets: [ledger(ROWS, "台账", header)] };
    const plan = buildPlan(wb, analyse(wb));
    const table = ledgerOp(plan).tables[0];
    expect(table?.columns).toContain("承办科室［主］");
    expect(table?.columns).toContain("承办人＇");
    expect(planCell(ledgerOp(plan), 0, 4)).toEqual({ t: "text", v: "承办科室［主］" });
    expect(formulas(plan).join("\n")).not.toMatch(/'[[\]#']/);
  });

  it("says so for each header it rewrites, at the header cell", () => {
    const header = [...HEADER];
    header[4] = "承办科室[主]";
    const wb: WorkbookSnapshot = { sheets: [ledger(ROWS, "台账", header)] };
    const said = analyse(wb).issues.filter((i) => i.code === "header_rewritten");
    expect(said).toEqual([
      expect.objectContaining({ cell: "E1", sheet: "台账", params: { text: "承办科室[主]" } }),
    ]);
    const plain: WorkbookSnapshot = { sheets: [ledger(ROWS)] };
    expect(analyse(plain).issues.filter((i) => i.code === "header_rewritten")).toEqual([]);
  });
});

describe("c) a 1904-date-system workbook", () => {
  const shifted = ROWS.map((r) =>
    r.map((v, c) => (c >= 6 && typeof v === "number" ? v - DATE1904_OFFSET : v)),
  );

  it("reads its serials as the same calendar days", () => {
    const a = analyse({ sheets: [ledger(shifted)], date1904: true });
    const [first] = a.records;
    expect(isoFromSerial(first?.dueOn ?? 0)).toBe("2019-06-01");
    expect(isoFromSerial(first?.repliedOn ?? 0)).toBe("2019-05-01");
    expect(a.stats).toEqual(analyse({ sheets: [ledger(ROWS)] }).stats);
  });

  it("writes date cells and the fixed as-of date as its own serials", () => {
    const wb: WorkbookSnapshot = {
      sheets: [ledger(["2019/6/1", "2019-3-1"].map((t) => [...ROWS[0]!.slice(0, 6), t, t, null]))],
      date1904: true,
    };
    const plan = buildPlan(wb, analyse(wb), { asOfFixed: true });
    expect(planCell(ledgerOp(plan), 1, 6)).toEqual({ t: "date", v: d(2019, 6, 1) - DATE1904_OFFSET });
    const settings = newOp(plan, "settings");
    const asOf = settings.blocks
      .flatMap((b) => b.cells)
      .find((row) => row[0]?.t === "text" && row[0].v === "calc.asOf");
    expect(asOf?.[1]).toEqual({ t: "date", v: d(2019, 9, 30) - DATE1904_OFFSET });
  });
});

describe("d) text over Excel's 32,767 characters", () => {
  const long = "长".repeat(40_000);

  it("cuts a text to the limit with the marker, never splitting a surrogate pair", () => {
    expect(fitCellText("short", "…")).toBe("short");
    expect(fitCellText(long, "…")).toHaveLength(32_767);
    const emoji = fitCellText("😀".repeat(20_000), "…");
    expect(emoji.length).toBeLessThanOrEqual(32_767);
    expect(emoji.endsWith("😀…")).toBe(true);
  });

  it("is reported with its cell and truncated in the ledger and the open-items list", () => {
    const rows = ROWS.map((r) => [...r]);
    rows[1]![2] = long;
    const wb: WorkbookSnapshot = { sheets: [ledger(rows)] };
    const a = analyse(wb);
    expect(a.issues.filter((i) => i.code === "text_too_long")).toEqual([
      expect.objectContaining({
        row: 3,
        cell: "C3",
        sheet: "台账",
        field: "title",
        params: { text: "40000" },
      }),
    ]);
    const plan = buildPlan(wb, a);
    const cell = planCell(ledgerOp(plan), 2, 2);
    expect(cell?.t === "text" && cell.v.length).toBe(32_767);
    expect(cell?.t === "text" && cell.v.endsWith("…【超长已截断，全文见原表】")).toBe(true);
    // The backup is a copy of the original sheet: the whole text stays there.
    expect(plan.ops.some((o) => o.kind === "copy" && o.from === "台账")).toBe(true);
    for (const op of plan.ops)
      if (op.kind !== "copy")
        for (const b of op.blocks)
          for (const row of b.cells)
            for (const c of row) if (c.t === "text") expect(c.v.length).toBeLessThanOrEqual(32_767);
  });
});

describe("e) names that differ only in letter case form one group, as COUNTIFS counts them", () => {
  it("groups departments and topics case-insensitively, first spelling shown", () => {
    const a = analyse({ sheets: [ledger(ROWS)] });
    expect(a.stats.byDepartment).toEqual([
      { name: "民政ABC", total: 2, replied: 1, overdue: 1 },
      { name: "基层科", total: 1, replied: 0, overdue: 0 },
    ]);
  });
});

describe("f) a forged or stale 台账设置 never has a user's sheet overwritten", () => {
  const other = ledger(ROWS.slice(0, 2), "2018台账");
  const notes: SheetSnapshot = { name: "说明", rows: [["填报说明"], ["请按月更新"]], merges: [] };
  const forged = (pairs: [string, string][]): SheetSnapshot => ({
    name: "台账设置",
    rows: [[SETTINGS_MARKER], ...pairs],
    merges: [],
    hidden: true,
  });
  const CASES: { title: string; pairs: [string, string][]; ignored: string[] }[] = [
    {
      title: "the statistics sheet is the ledger",
      pairs: [
        ["sheet.ledger", "台账"],
        ["sheet.summary", "台账"],
      ],
      ignored: ["台账"],
    },
    {
      title: "the report is another ledger sheet",
      pairs: [
        ["sheet.ledger", "台账"],
        ["sheet.report", "2018台账"],
      ],
      ignored: ["2018台账"],
    },
    {
      title: "the backup is the ledger",
      pairs: [
        ["sheet.ledger", "台账"],
        ["sheet.backup", "台账"],
      ],
      ignored: ["台账"],
    },
    {
      title: "two roles on one sheet",
      pairs: [
        ["sheet.ledger", "台账"],
        ["sheet.summary", "说明"],
        ["sheet.report", "说明"],
      ],
      ignored: ["说明"],
    },
    { title: "the settings role names the ledger", pairs: [["sheet.settings", "台账"]], ignored: ["台账"] },
    {
      title: "a part that is the ledger",
      pairs: [
        ["sheet.ledger", "台账"],
        ["part.sheet", "台账"],
        ["part.backup", "2018台账"],
      ],
      ignored: ["台账", "2018台账"],
    },
    {
      title: "names of sheets that do not exist",
      pairs: [
        ["sheet.ledger", "台账"],
        ["sheet.summary", "无此表"],
        ["table", "不存在"],
      ],
      ignored: [],
    },
  ];

  it.each(CASES)("$title", ({ pairs, ignored }) => {
    const wb: WorkbookSnapshot = { sheets: [ledger(ROWS), other, notes, forged(pairs)] };
    const a = analyse(wb);
    expect(a.sheet.name).toBe("台账");
    expect(
      a.issues
        .filter((i) => i.code === "stored_sheet_ignored")
        .map((i) => i.params.text)
        .sort(),
    ).toEqual([...ignored].sort());
    const plan = buildPlan(wb, a);
    const users = new Set(["台账", "2018台账", "说明"].map((n) => n.toLowerCase()));
    expect(plan.replaces.filter((n) => users.has(n.toLowerCase()))).toEqual([]);
    for (const op of plan.ops) {
      if (op.kind === "new") expect(users.has(op.name.toLowerCase())).toBe(false);
      if (op.kind === "copy") expect(users.has(op.name.toLowerCase())).toBe(false);
      if (op.kind === "edit") expect(op.name).toBe("台账");
    }
    const names = plan.ops.filter((o) => o.kind !== "edit").map((o) => o.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("g) the backup of a sheet with a 31-character name keeps (原表)", () => {
  const long = "一二三四五六七八九十".repeat(3) + "一";
  it.each([
    [long, [], `${long.slice(0, 27)}(原表)`],
    [long, [`${long.slice(0, 27)}(原表)`], `${long.slice(0, 24)}(原表)(2)`],
    ["台账", [], "台账(原表)"],
  ])("%s", (base, taken, want) => {
    const got = suffixedSheetName(base, "(原表)", nameSet(taken));
    expect(got).toBe(want);
    expect([...got].length).toBeLessThanOrEqual(31);
  });

  it("is what the plan names the backup", () => {
    const wb: WorkbookSnapshot = { sheets: [ledger(ROWS, long)] };
    const plan = buildPlan(wb, analyse(wb));
    expect(plan.sheets.backup).toBe(`${long.slice(0, 27)}(原表)`);
  });
});
