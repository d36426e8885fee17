import { decodeOwned, encodeOwned, OWNED_CHUNK, ownedHash, type OwnedCells } from "../../../src/core/owned";
import { reportSheet } from "../../../src/core/plan/reportSheet";
import { datedCopyName, keepSummary, reportEditsOf } from "../../../src/core/plan/userEdits";
import type { NewSheetPlan } from "../../../src/core/plan/types";
import type { Report } from "../../../src/core/report.types";
import type { SheetSnapshot } from "../../../src/core/snapshot";

const REPORT: Report = {
  text: "",
  paragraphs: [
    { kind: "title", text: "2019年办理情况汇报" },
    { kind: "body", text: "共办理12件。" },
    { kind: "heading", text: "一、组织" },
    { kind: "placeholder", text: "【请在此填写：组织领导。】" },
    { kind: "heading", text: "二、落实" },
    { kind: "body", text: "重点关注教育。" },
    { kind: "placeholder", text: "【请在此填写：典型事例。】" },
  ],
};

/** The sheet a plan writes, as a snapshot reads it back. */
function written(op: NewSheetPlan): SheetSnapshot {
  const rows: (string | number | boolean | null)[][] = [];
  for (const b of op.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        const r = (rows[b.row + i] ??= []);
        r[b.col + j] = cell.t === "text" || cell.t === "number" ? cell.v : null;
      }),
    );
  return { name: op.name, rows, merges: [] };
}

const colA = (s: SheetSnapshot): string[] =>
  s.rows.map((r) => r?.[0]).filter((v): v is string => typeof v === "string");

describe("the record of a generated sheet's cells", () => {
  it("round-trips through the settings sheet's text rows, runs joined, keys kept", () => {
    const cells: OwnedCells = new Map([
      ["A1", { hash: ownedHash("标题") }],
      ["B1", { hash: "" }],
      ["C1", { hash: "" }],
      ["D1", { hash: "" }],
      ["E2", { hash: "=" }],
      ["A3", { hash: ownedHash("x"), key: "h2.p1!" }],
    ]);
    const rows = encodeOwned(cells);
    expect(rows?.join(" ")).toContain("B1:D1~");
    expect(decodeOwned(rows ?? [])).toEqual(cells);
  });

  it("is bounded: a record too big is not written, a forged one not read", () => {
    const huge: OwnedCells = new Map();
    for (let r = 0; r < 10_000; r++)
      for (let c = 0; c < 3; c++) huge.set(`${"ABC"[c]}${r + 1}`, { hash: ownedHash(`${r}.${c}`) });
    expect(encodeOwned(huge)).toBeNull();
    expect(decodeOwned(["A1:XFD1~ A2:XFD2~".repeat(1)])).not.toBeNull();
    expect(decodeOwned(Array.from({ length: 9 }, () => "A1~"))).toBeNull();
    expect(decodeOwned(["A1~abc~bad key"])).toBeNull();
    expect(decodeOwned(["A1:A9~"])).toBeNull();
    const rows = encodeOwned(new Map([...huge].slice(0, 5000)));
    for (const row of rows ?? []) expect(row.length).toBeLessThanOrEqual(OWNED_CHUNK);
  });
});

describe("汇报材料 on a rebuild", () => {
  it("puts a filled-in placeholder and an inserted paragraph back in place, with new figures around them", () => {
    const first = reportSheet("汇报材料", REPORT);
    const sheet = written(first.op);
    // The clerk fills in the first placeholder and inserts a row under it (the rows below move down).
    const at = sheet.rows.findIndex((r) => String(r?.[0]).includes("组织领导"));
    sheet.rows[at] = ["我局成立了领导小组。"];
    sheet.rows.splice(at + 1, 0, ["另召开推进会两次。"]);
    const { edits, outside } = reportEditsOf(sheet, first.owned);
    expect(outside).toBe(0);
    expect(edits.replaced).toEqual(new Map([["h1.p1", "我局成立了领导小组。"]]));
    expect(edits.added).toEqual(new Map([["h1.p1", ["另召开推进会两次。"]]]));

    const figures: Report = {
      ...REPORT,
      paragraphs: REPORT.paragraphs.map((p) =>
        p.text === "共办理12件。" ? { ...p, text: "共办理15件。" } : p,
      ),
    };
    const again = reportSheet("汇报材料", figures, edits);
    expect(again.unplaced).toBe(0);
    const lines = colA(written(again.op));
    expect(lines).toContain("\u3000\u3000共办理15件。");
    expect(lines.indexOf("另召开推进会两次。")).toBe(lines.indexOf("我局成立了领导小组。") + 1);
    expect(lines.indexOf("我局成立了领导小组。")).toBe(lines.indexOf("\u3000\u3000一、组织") + 1);

    // And a third build still knows them as the user's.
    const third = reportSheet("汇报材料", figures, reportEditsOf(written(again.op), again.owned).edits);
    expect(colA(written(third.op))).toEqual(lines);
  });

  it("counts a user paragraph whose paragraph is gone as unplaced", () => {
    const first = reportSheet("汇报材料", REPORT);
    const sheet = written(first.op);
    const at = sheet.rows.findIndex((r) => r?.[0] === "\u3000\u3000重点关注教育。");
    sheet.rows[at] = ["改写的段落"];
    const { edits } = reportEditsOf(sheet, first.owned);
    const without: Report = {
      ...REPORT,
      paragraphs: REPORT.paragraphs.filter((p) => p.text !== "重点关注教育。"),
    };
    expect(reportSheet("汇报材料", without, edits).unplaced).toBe(1);
  });
});

describe("统计表 on a rebuild", () => {
  const op = (title: string): NewSheetPlan => ({
    kind: "new",
    role: "summary",
    name: "统计表",
    visibility: "visible",
    blocks: [
      {
        row: 0,
        col: 0,
        cells: [
          [{ t: "text", v: title }, { t: "empty" }],
          [
            { t: "text", v: "总数" },
            { t: "formula", f: "ROWS(台账表)" },
          ],
        ],
      },
    ],
    styles: [],
    merges: ["A1:B1"],
    columnWidths: [],
    rowHeights: [],
    tables: [],
    validations: [],
    conditionalFormats: [],
  });

  it("reuses the sheet around a remark, clearing only the build's untouched cells", () => {
    const first = op("统计");
    const owned = keepSummary(first, { name: "统计表", rows: [], merges: [] }, undefined).owned;
    const old: SheetSnapshot = {
      name: "统计表",
      rows: [["统计"], ["总数", 12, "备注"]],
      merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
    };
    const kept = keepSummary(op("统计"), old, owned);
    expect(kept.kind).toBe("reuse");
    expect(kept.op.reuse).toEqual({ clear: ["A1:B1", "A2:B2"], unmerge: ["A1:B1"], keep: [] });
  });

  it("keeps a dated copy when the new figures would write over the user's cell", () => {
    const owned = keepSummary(op("统计"), { name: "统计表", rows: [], merges: [] }, undefined).owned;
    const old: SheetSnapshot = { name: "统计表", rows: [["我的标题"]], merges: [] };
    expect(keepSummary(op("统计"), old, owned).kind).toBe("copy");
    expect(datedCopyName("统计表", 12, 1, new Set())).toBe("统计表(12-01)");
    expect([...datedCopyName("统".repeat(40), 12, 1, new Set())].length).toBe(31);
    expect(datedCopyName("统计表", 12, 1, new Set(["统计表(12-01)"]))).toBe("统计表(12-01)(2)");
  });
});
