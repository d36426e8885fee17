import { parseAreas, parseRange } from "../../../src/hosts/excel/address";
import {
  BATCH_BYTES,
  CHUNK_BYTES,
  chunkBlock,
  deferCells,
  jsonBytes,
  needsTextFormat,
  packBatches,
} from "../../../src/hosts/excel/blocks";
import type { CellBlock, PlanCell } from "../../../src/core/plan/types";

describe("needsTextFormat", () => {
  it.each([
    ["=SUM(A1)", true],
    ["+86 10 1234", true],
    ["-", true],
    ["@张三", true],
    ["'quoted", true],
    ["00123", true],
    ["2025/3/1", true],
    ["3月1日", true],
    ["TRUE", true],
    ["(12)", true],
    ["¥100", true],
    ["关于加强养老服务的建议", false],
    ["教育局", false],
    ["A-1", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(needsTextFormat(text)).toBe(expected);
  });
});

describe("jsonBytes", () => {
  it.each<[string | number | boolean | null, number]>([
    ["abc", 5],
    ["养老", 8],
    ['a"b', 6],
    ["😀", 6],
    [45300, 5],
    [true, 4],
    [null, 4],
  ])("%j → %i", (v, bytes) => {
    expect(jsonBytes(v)).toBe(bytes);
    if (typeof v === "string" && !v.includes('"')) expect(Buffer.byteLength(JSON.stringify(v))).toBe(bytes);
  });
});

describe("chunkBlock", () => {
  it("turns plan cells into values, formats and formulas", () => {
    const block: CellBlock = {
      row: 2,
      col: 1,
      cells: [
        [
          { t: "text", v: "=SUM(A1)" },
          { t: "date", v: 45300 },
          { t: "formula", f: "A1+1" },
        ],
        [{ t: "empty" }, { t: "bool", v: false }],
      ],
    };
    const [chunk, more] = chunkBlock(block);
    expect(more).toBeUndefined();
    expect(chunk).toMatchObject({
      row: 2,
      col: 1,
      rows: 2,
      columns: 3,
      useFormulas: true,
      data: [
        ["=SUM(A1)", 45300, "=A1+1"],
        ["", false, null],
      ],
      formats: [
        ["@", "yyyy-mm-dd", null],
        [null, null, null],
      ],
    });
  });

  it("sends no formats when no cell needs one, and uses the block's date format", () => {
    const plain = chunkBlock({ row: 0, col: 0, cells: [[{ t: "text", v: "教育局" }]] });
    expect(plain[0]?.formats).toBeUndefined();
    expect(plain[0]?.useFormulas).toBe(false);
    const dated = chunkBlock({
      row: 0,
      col: 0,
      cells: [[{ t: "date", v: 1 }]],
      style: { numberFormat: "yyyy年m月d日" },
    });
    expect(dated[0]?.formats).toEqual([["yyyy年m月d日"]]);
  });

  it("cuts 10,000 rows into chunks under CHUNK_BYTES that pack into batches under BATCH_BYTES", () => {
    const row = (i: number): PlanCell[] => [
      { t: "number", v: i },
      { t: "text", v: `关于加强社区养老服务体系建设的建议第${i}号` },
      { t: "date", v: 45300 + i },
    ];
    const cells = Array.from({ length: 10_000 }, (_, i) => row(i));
    const chunks = chunkBlock({ row: 1, col: 0, cells });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(10_000);
    expect(chunks[1]?.row).toBe(1 + (chunks[0]?.rows ?? 0));
    for (const c of chunks) {
      const actual =
        Buffer.byteLength(JSON.stringify(c.data)) + Buffer.byteLength(JSON.stringify(c.formats ?? []));
      expect(c.bytes).toBeLessThanOrEqual(CHUNK_BYTES);
      expect(actual).toBeLessThanOrEqual(c.bytes + 2);
    }
    const batches = packBatches(chunks);
    for (const b of batches) expect(b.reduce((n, c) => n + c.bytes, 0)).toBeLessThanOrEqual(BATCH_BYTES);
    expect(batches.flat()).toEqual(chunks);
  });
});

describe("addresses", () => {
  it("parses ranges and RangeAreas addresses with quoted sheet names", () => {
    expect(parseRange("$B$2:$D$10")).toEqual({ top: 1, left: 1, bottom: 9, right: 3 });
    expect(parseRange("AA5")).toEqual({ top: 4, left: 26, bottom: 4, right: 26 });
    expect(parseAreas("'台账, 2025'!A1:B1,'台账, 2025'!C3:C5")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 1 },
      { top: 2, left: 2, bottom: 4, right: 2 },
    ]);
  });
});

describe("deferCells", () => {
  const txt = (v: string): PlanCell => ({ t: "text", v });
  const fx = (f: string): PlanCell => ({ t: "formula", f });
  const only = (block: CellBlock) => {
    const chunks = chunkBlock(block);
    expect(chunks).toHaveLength(1);
    return chunks[0] as (typeof chunks)[number];
  };
  const names = (f: string): boolean => f.includes("T[");
  it("takes formulas naming a table out as runs of adjacent cells and leaves null behind", () => {
    const chunk = only({
      row: 4,
      col: 1,
      cells: [
        [txt("合计"), fx("SUM(T[a])"), fx("SUM(T[b])"), fx("A1+1"), fx("COUNT(T[c])")],
        [txt("=T[a]"), { t: "empty" }, fx("B5"), fx("T[d]"), { t: "number", v: 1 }],
      ],
    });
    const { now, later } = deferCells(chunk, names);
    expect(now.data).toEqual([
      ["合计", null, null, "=A1+1", null],
      ["=T[a]", "", "=B5", null, 1],
    ]);
    expect(later.map(({ row, col, rows, columns, data }) => ({ row, col, rows, columns, data }))).toEqual([
      { row: 4, col: 2, rows: 1, columns: 2, data: [["=SUM(T[a])", "=SUM(T[b])"]] },
      { row: 4, col: 5, rows: 1, columns: 1, data: [["=COUNT(T[c])"]] },
      { row: 5, col: 4, rows: 1, columns: 1, data: [["=T[d]"]] },
    ]);
    for (const c of later) expect(c.bytes).toBe(Buffer.byteLength(JSON.stringify(c.data)));
    // User text that merely starts with "=" stays (it is written as text, formatted "@").
    expect(now.formats?.[1]?.[0]).toBe("@");
  });

  it("returns the chunk itself when nothing is deferred", () => {
    const chunk = only({ row: 0, col: 0, cells: [[fx("A1+1"), txt("x")]] });
    const { now, later } = deferCells(chunk, names);
    expect(now).toBe(chunk);
    expect(later).toEqual([]);
  });
});
