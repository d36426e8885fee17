import ExcelJS from "exceljs";
import { rollupXlsx, type RollupFile, type RollupResult } from "../../../src/hosts/xlsx/rollup";
import type { Stats } from "../../../src/core/stats.types";
import { convertWithLibreOffice, describeWithLibreOffice } from "../../helpers/libreoffice";
import { xlsxFromGrids } from "../../helpers/grid-xlsx";
import { QA_LEDGERS } from "../../helpers/qaLedgers";
import { LAYOUT_LEDGERS } from "../../helpers/layoutLedgers";

/** The engine's number for a 汇总统计 figure key ("<unit>.replied", "total.results.A", …). */
function expected(stats: Stats, key: string): number | null {
  const [head, sub] = key.split(".");
  if (head === "byRole") return stats.byRole[sub as "lead" | "assist"];
  if (head === "results") return stats.results[sub as "A"];
  return stats[head as "total"] as number | null;
}

function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.formula ? cell.result : cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v === undefined || v === "" ? null : v;
}

/**
 * Eight units in the layouts of the QA and realism sets, two of them the same ledger under other file names (so
 * their items are shared and the 合计 must count them once), and a broken file: LibreOffice recalculates 汇总统计
 * and every unit's row and the 合计 row agree with the engine.
 */
describeWithLibreOffice("rollup: 汇总统计 recalculated by LibreOffice", () => {
  let result: RollupResult;
  let recalculated: ExcelJS.Workbook;

  beforeAll(async () => {
    const ledgers = [...QA_LEDGERS.slice(0, 5), ...LAYOUT_LEDGERS];
    const files: RollupFile[] = [];
    for (const l of ledgers) files.push({ file: `${l.name}.xlsx`, bytes: await xlsxFromGrids(l.sheets) });
    const again = QA_LEDGERS[0];
    if (!again) throw new Error("no QA ledger");
    files.push({ file: "再报一次.xlsx", bytes: await xlsxFromGrids(again.sheets) });
    files.push({ file: "broken.xlsx", bytes: new TextEncoder().encode("not a workbook") });
    result = await rollupXlsx(
      files,
      { asOf: "2021-12-31" },
      { issue: (i) => i.code, failure: (f) => f.kind },
    );
    if (!result.buffer) throw new Error("nothing rolled up");
    const converted = await convertWithLibreOffice(result.buffer);
    recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.load(
      converted.buffer.slice(
        converted.byteOffset,
        converted.byteOffset + converted.byteLength,
      ) as ArrayBuffer,
    );
  });

  it("lists the broken file and shares the repeated ledger's items", () => {
    expect(result.rollup.failed.map((f) => f.file)).toEqual(["broken.xlsx"]);
    expect(result.rollup.units).toHaveLength(9);
    expect(result.rollup.duplicates.length).toBeGreaterThan(0);
    const sum = result.rollup.units.reduce((s, u) => s + u.stats.total, 0);
    expect(result.rollup.total.total).toBeLessThan(sum);
  });

  it("shows the engine's figure in every figure cell, each unit's and the city's", () => {
    const ws = recalculated.getWorksheet("汇总统计");
    expect(ws).toBeDefined();
    const units = new Map(result.rollup.units.map((u) => [u.name, u.stats]));
    const keys = Object.keys(result.figures).filter((k) => k !== "asOf");
    expect(keys.length).toBe(12 * (result.rollup.units.length + 1));
    for (const key of keys) {
      const owner = key.startsWith("total.")
        ? "total"
        : ([...units.keys()].find((name) => key.startsWith(`${name}.`)) ?? "");
      const stats = owner === "total" ? result.rollup.total : units.get(owner);
      if (!stats) throw new Error(`no unit for ${key}`);
      const want = expected(stats, key.slice(owner.length + 1));
      const actual = valueOf(ws!.getCell(result.figures[key]!));
      if (typeof want === "number" && !Number.isInteger(want)) {
        expect([key, typeof actual]).toEqual([key, "number"]);
        expect(actual as number).toBeCloseTo(want, 9);
      } else {
        expect([key, actual]).toEqual([key, want]);
      }
    }
    expect(valueOf(ws!.getCell(result.figures.asOf!))).toBe("2021-12-31");
  });

  it("keeps the 汇总台账 table whole: one row per unit item", () => {
    const ws = recalculated.getWorksheet("汇总台账");
    const rows = result.rollup.units.reduce((s, u) => s + u.rows.length, 0);
    expect(ws?.actualRowCount).toBe(rows + 1);
  });
});
