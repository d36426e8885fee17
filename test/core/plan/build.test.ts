import { analyzeWorkbook, type Analysis } from "../../../src/core/analyze";
import type { SheetSnapshot, WorkbookSnapshot, CellValue } from "../../../src/core/snapshot";
import { serialFromYmd } from "../../../src/core/dates";
import { buildPlan } from "../../../src/core/plan/build";
import { readStoredState } from "../../../src/core/stored";
import { uniqueSheetName, nameSet, uniqueColumnNames, cleanSheetName } from "../../../src/core/plan/names";
import { eqCriteria, neCriteria, thisRow, columnRef, absRef } from "../../../src/core/plan/formulas";
import type { NewSheetPlan, WorkbookPlan } from "../../../src/core/plan/types";

const d = (y: number, m: number, day: number): number => serialFromYmd(y, m, day);
const ledger: SheetSnapshot = {
  name: "台账",
  rows: [
    ["编号", "类别", "案由", "分管领导", "承办科室", "承办人", "交办日期", "答复日期", "办理结果"],
    ["R1", "人大建议", "关于甲的建议", "张局长", "社会事务科", "小王", d(2019, 3, 1), d(2019, 5, 1), "A类"],
    ["P1", "提案", "关于乙的提案", "李局长", "养老服务科", "小李", d(2019, 3, 1), null, null],
  ],
  numberFormats: [
    [],
    [null, null, null, null, null, null, "yyyy-mm-dd", "yyyy-mm-dd"],
    [null, null, null, null, null, null, "yyyy-mm-dd"],
  ],
  merges: [],
};

function analyse(wb: WorkbookSnapshot): Analysis {
  const out = analyzeWorkbook(wb, { asOf: "2019-09-30" });
  if (!out.ok) throw new Error(out.error.code);
  return out.analysis;
}

/** What a host would hand back after rendering a new sheet: its blocks as plain values. */
function snapshotOfPlan(sheet: NewSheetPlan): SheetSnapshot {
  const rows: CellValue[][] = [];
  for (const b of sheet.blocks) {
    b.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        const r = (rows[b.row + i] ??= []);
        r[b.col + j] =
          cell.t === "text" || cell.t === "number" || cell.t === "date" || cell.t === "bool" ? cell.v : null;
      }),
    );
  }
  return { name: sheet.name, rows, merges: [], hidden: sheet.visibility !== "visible" };
}

function newSheet(plan: WorkbookPlan, role: string): NewSheetPlan {
  const op = plan.ops.find((o) => o.kind === "new" && o.role === role);
  if (!op || op.kind !== "new") throw new Error(`no ${role} sheet`);
  return op;
}

describe("names", () => {
  it.each([
    ["统计表", [], "统计表"],
    ["统计表", ["统计表"], "统计表(2)"],
    ["统计表", ["统计表", "统计表(2)"], "统计表(3)"],
    ["Summary", ["summary"], "Summary(2)"],
    [
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
      ["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"],
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)",
    ],
  ])("uniqueSheetName(%s, %j) = %s", (base, taken, want) => {
    const got = uniqueSheetName(base, nameSet(taken));
    expect(got).toBe(want);
    expect(got.length).toBeLessThanOrEqual(31);
  });

  it("cleans characters Excel refuses in sheet names", () => {
    expect(cleanSheetName("a/b\\c?d*e:f[g]")).toBe("a_b_c_d_e_f_g_");
    expect(cleanSheetName("'quoted'")).toBe("quoted");
  });

  it("makes table column names unique and non-empty", () => {
    expect(
      uniqueColumnNames(
        [
          { header: "备注", letter: "A" },
          { header: null, letter: "B" },
          { header: "备注", letter: "C" },
          { header: "承办\n科室", letter: "D" },
        ],
        "列",
      ),
    ).toEqual(["备注", "列B", "备注2", "承办科室"]);
  });
});

describe("formulas", () => {
  it.each([
    ["民政科", '"民政科"'],
    ["a*b?", '"a~*b~?"'],
    ["=x", '"==x"'],
    ['say "hi"', '"say ""hi"""'],
  ])("eqCriteria(%s) = %s", (v, want) => expect(eqCriteria(v)).toBe(want));

  it("builds references Excel, Office.js and LibreOffice read", () => {
    expect(neCriteria("市扶贫办")).toBe('"<>市扶贫办"');
    expect(columnRef("台账表", "编号[新]")).toBe("台账表[编号'[新']]");
    expect(thisRow("台账表", "答复日期")).toBe("台账表[[#This Row],[答复日期]]");
    expect(absRef("台账设置", "B15")).toBe("'台账设置'!$B$15");
    expect(absRef("it's", "E4:E6")).toBe("'it''s'!$E$4:$E$6");
  });
});

describe("buildPlan", () => {
  const userSummary: SheetSnapshot = { name: "统计表", rows: [["mine"]], merges: [] };
  const wb: WorkbookSnapshot = { sheets: [ledger, userSummary] };
  const analysis = analyse(wb);
  const plan = buildPlan(wb, analysis);

  it("orders copies first, new sheets next, the ledger last", () => {
    expect(plan.ops.map((o) => `${o.kind}:${o.role}`)).toEqual([
      "copy:backup",
      "new:summary",
      "new:report",
      "new:settings",
      "edit:ledger",
    ]);
    expect(plan.replaces).toEqual([]);
    expect(plan.activate).toBe(plan.sheets.summary);
  });

  it("does not take the name of a user sheet", () => {
    expect(plan.sheets).toEqual({
      ledger: "台账",
      summary: "统计表(2)",
      report: "汇报材料",
      backup: "台账(原表)",
      settings: "台账设置",
    });
  });

  it("fixes the as-of date when one is given, and TODAY() otherwise", () => {
    const asOf = newSheet(plan, "settings")
      .blocks.flatMap((b) => b.cells.flat())
      .find((c) => c.t === "date");
    expect(asOf).toEqual({ t: "date", v: d(2019, 9, 30) });
    const live = analyzeWorkbook(wb, {}, new Date(2019, 8, 30));
    if (!live.ok) throw new Error("no ledger");
    const cells = newSheet(buildPlan(wb, live.analysis), "settings").blocks.flatMap((b) => b.cells.flat());
    expect(cells).toContainEqual({ t: "formula", f: "TODAY()" });
  });

  it("writes a settings sheet that readStoredState reads back", () => {
    const settings = snapshotOfPlan(newSheet(plan, "settings"));
    const stored = readStoredState({ sheets: [ledger, userSummary, settings] });
    expect(stored).not.toBeNull();
    expect(stored?.settingsSheet).toBe("台账设置");
    expect(stored?.generated).toEqual(plan.sheets);
    expect(stored?.settings).toMatchObject({
      asOf: "2019-09-30",
      deadlineMonths: 3,
      dueSoonDays: 7,
      organisation: "我局",
      script: "simplified",
    });
    expect(stored?.generatedColumns.status).toBe("时限状态");
    expect(stored?.tableName).toBe("台账表");
  });

  it("regenerates only statistics on a built workbook, replacing its own sheets", () => {
    const built: WorkbookSnapshot = {
      sheets: [
        ledger,
        userSummary,
        snapshotOfPlan(newSheet(plan, "summary")),
        snapshotOfPlan(newSheet(plan, "report")),
        { name: "台账(原表)", rows: [], merges: [] },
        snapshotOfPlan(newSheet(plan, "settings")),
      ],
    };
    const again = buildPlan(built, analyse(built), { parts: ["summary", "report", "settings"] });
    expect(again.ops.map((o) => o.role)).toEqual(["summary", "report", "settings"]);
    expect(again.replaces.sort()).toEqual(["台账设置", "汇报材料", "统计表(2)"].sort());
    expect(again.sheets).toEqual(plan.sheets);
  });

  it("includes the ledger when statistics are asked for on a ledger never structured", () => {
    const p = buildPlan(wb, analysis, { parts: ["summary"] });
    expect(p.ops.map((o) => o.role)).toEqual(["backup", "summary", "settings", "ledger"]);
  });

  it("returns null state for a workbook never built", () => {
    expect(readStoredState(wb)).toBeNull();
  });
});
