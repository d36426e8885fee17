/**
 * The page's 选择上一年度台账…: last year's file analysed apart (compareJob.ts), and the download's 汇报材料 with
 * the 回头看 paragraph when it is given (fileHost.ts build with a follow-up), unchanged without.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { compareYears, followUpSummary } from "../../src/core/compare";
import { followUpParagraph } from "../../src/core/report";
import { analyseLastYear } from "../../src/standalone/compareJob";
import { openFileHost } from "../../src/standalone/fileHost";
import { loadXlsx, snapshotOf } from "../../src/hosts/xlsx/workbook";

const SAMPLE = join(__dirname, "..", "..", "samples", "sample-ledger.xlsx");
const AS_OF = "2026-12-31";
const DAY_MS = 86_400_000;

const own = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The sample a year earlier, as last year's file: every date 365 days back, "2026" in any text "2025". */
async function lastYearFile(bytes: Buffer): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(own(bytes));
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v instanceof Date) cell.value = new Date(v.getTime() - 365 * DAY_MS);
        else if (typeof v === "string" && v.includes("2026")) cell.value = v.replace(/2026/g, "2025");
      }),
    ),
  );
  return own(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** The text of 汇报材料 in a built workbook. */
async function reportText(bytes: ArrayBuffer): Promise<string> {
  const sheet = snapshotOf(await loadXlsx(bytes)).sheets.find((s) => s.name === "汇报材料");
  if (!sheet) throw new Error("no 汇报材料");
  return sheet.rows.flatMap((r) => (r ?? []).map((v) => (typeof v === "string" ? v : ""))).join("\n");
}

test("last year's file is analysed as a ledger of its own and its 回头看 paragraph reaches the download", async () => {
  const sample = await readFile(SAMPLE);
  const last = await analyseLastYear(await lastYearFile(sample), { locale: "zh-CN", asOf: AS_OF });
  if (!last.ok) throw new Error(last.error.code);
  expect(last.analysis.year).toBe(2025);

  const current = analyzeWorkbook(snapshotOf(await loadXlsx(sample)), { asOf: AS_OF });
  if (!current.ok) throw new Error(current.error.code);
  const summary = followUpSummary(compareYears(last.analysis, current.analysis));
  expect(summary.items).toBeGreaterThan(0);
  const paragraph = followUpParagraph(summary, current.analysis.stats, current.analysis.settings);

  const host = await openFileHost(own(sample));
  const plain = await reportText((await host.build({ asOf: AS_OF })).bytes);
  const compared = await reportText((await host.build({ asOf: AS_OF }, { last: last.analysis })).bytes);
  expect(compared).toContain(paragraph);
  expect(plain).not.toContain("回头看");
  // The one paragraph added, everything else as it was.
  expect(compared.split("\n").filter((line) => !line.includes(paragraph))).toEqual(plain.split("\n"));
});

test("a file that is no ledger is an analysis failure, not a throw", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").getCell("A1").value = "hello";
  const outcome = await analyseLastYear(own(Buffer.from(await wb.xlsx.writeBuffer())), { asOf: AS_OF });
  expect(outcome.ok).toBe(false);
});
