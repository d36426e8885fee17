import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { xlsxFromGrids } from "../helpers/grid-xlsx";
import { QA_LEDGERS } from "../helpers/qaLedgers";
import { LAYOUT_LEDGERS } from "../helpers/layoutLedgers";

const ROOT = join(__dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const TODAY = "2021-12-31";

function ledger(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [join(ROOT, "src", "cli", "main.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "ledger-rollup-"));
const broken = join(dir, "坏文件.xlsx");
const missing = join(dir, "没有这个文件.xlsx");
const inputs: string[] = [];

beforeAll(async () => {
  // Three bureaus in three layouts (one title names the bureau, the others do not).
  for (const l of [QA_LEDGERS[0], QA_LEDGERS[3], LAYOUT_LEDGERS[0]]) {
    if (!l) throw new Error("no ledger");
    const file = join(dir, `${l.name}.xlsx`);
    writeFileSync(file, await xlsxFromGrids(l.sheets));
    inputs.push(file);
  }
  writeFileSync(broken, "这不是工作簿");
});

describe("ledger rollup", () => {
  it("prints the JSON contract: units with their stats and issues, the city total, duplicates, failed files", () => {
    const out = join(dir, "汇总.xlsx");
    const run = ledger("rollup", ...inputs, broken, missing, "-o", out, "--today", TODAY, "--json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, any>;
    expect(Object.keys(json).slice(0, 4)).toEqual(["units", "total", "duplicates", "failed"]);
    expect(json.units).toHaveLength(3);
    // Each unit's stats are exactly what `analyze --json` prints for its file; the issues too.
    for (const unit of json.units as Record<string, any>[]) {
      const alone = ledger("analyze", unit.file, "--today", TODAY, "--json");
      const analysed = JSON.parse(alone.stdout) as Record<string, any>;
      expect(unit.stats).toEqual(analysed.stats);
      expect(unit.issues).toEqual(analysed.issues);
      expect(Object.keys(unit).slice(0, 4)).toEqual(["name", "file", "stats", "issues"]);
    }
    // By 件数, most first; a ledger without a bureau in its title is named
    // after its file.
    expect(json.units.map((u: Record<string, any>) => [u.name, u.stats.total])).toEqual([
      ["XX市民政局", 8],
      ["f4-merges-blanks", 6],
      ["某某局", 5],
    ]);
    expect(Object.keys(json.total).sort()).toEqual(Object.keys(json.units[0].stats).sort());
    const sum = json.units.reduce((s: number, u: Record<string, any>) => s + (u.stats.total as number), 0);
    expect(json.total.total).toBe(sum);
    expect(json.duplicates).toEqual([]);
    expect(json.failed).toEqual([
      {
        file: broken,
        reason: "这不是 .xlsx 文件。请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。",
        code: "not_xlsx",
      },
      { file: missing, reason: `找不到文件：${missing}`, code: "file_not_found" },
    ]);
    expect(existsSync(out)).toBe(true);
  });

  it("words the failures in --locale and writes the three sheets", async () => {
    const out = join(dir, "rollup-en.xlsx");
    const run = ledger(
      "rollup",
      inputs[0] ?? "",
      broken,
      "-o",
      out,
      "--today",
      TODAY,
      "--json",
      "--locale",
      "en",
    );
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, any>;
    expect(json.failed[0].reason).toMatch(/^This is not an \.xlsx file/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["汇总统计", "汇总台账", "各单位问题"]);
    const issues = wb.getWorksheet("各单位问题");
    expect(issues?.getCell("B3").value).toBe(broken);
    expect(String(issues?.getCell("G3").value)).toMatch(/^This is not an \.xlsx file/);
  });

  it("exits 2 and says why when no file rolls up", () => {
    const out = join(dir, "nothing.xlsx");
    const run = ledger("rollup", broken, missing, "-o", out);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`错误：${broken}：这不是 .xlsx 文件`);
    expect(run.stderr).toContain(`Error: ${missing}: File not found`);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 with the usage when -o is missing", () => {
    const run = ledger("rollup", ...inputs);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("rollup 需要 -o OUT.xlsx");
  });
});
