/**
 * Renders the ledger (its first page as docs/ledger-page.png), the statistics, report and 催办单 sheets of the built sample to PDF (LibreOffice) and PNG (pdftoppm),
 * to look at them as a leader would; the statistics page is saved as docs/summary-sheet.png (its page with the
 * charts as docs/summary-charts.png), the 催办单's first
 * page as docs/reminders-sheet.png; and the report as .docx (`ledger report`) through LibreOffice Writer, its first
 * page as docs/report-docx.png; and 汇总统计 of the roll-up (`ledger rollup`) of the sample and two QA bureaus as
 * docs/rollup-summary.png.
 * Run: npx tsx scripts/render-pdf.ts [OUT_DIR]
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx } from "../src/hosts/xlsx/build";
import { loadXlsx, snapshotOf } from "../src/hosts/xlsx/workbook";
import { analyzeWorkbook } from "../src/core/analyze";
import { reportDocx } from "../src/hosts/docx/report";
import { rollupXlsx } from "../src/hosts/xlsx/rollup";
import { renderIssue } from "../src/i18n/issues";
import { convertWithLibreOffice, onlySheetVisible } from "../test/helpers/libreoffice";
import { xlsxFromGrids } from "../test/helpers/grid-xlsx";
import { QA_LEDGERS } from "../test/helpers/qaLedgers";

const ROOT = join(__dirname, "..");

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(ROOT, "out", "render");
  mkdirSync(out, { recursive: true });
  const built = await buildXlsx(readFileSync(join(ROOT, "samples", "sample-ledger.xlsx")), {
    excludeDepartments: ["市扶贫办"],
    asOf: "2026-12-31",
  });
  if (!built.ok) throw new Error(built.error.code);
  for (const role of ["summary", "report", "ledger"] as const) {
    // Only the sheet to print stays visible (LibreOffice exports visible sheets); the package is otherwise
    // byte for byte the build's, charts and page breaks included.
    const pdf = await convertWithLibreOffice(
      await onlySheetVisible(built.buffer, built.plan.sheets[role]),
      "pdf",
    );
    const pdfPath = join(out, `${role}.pdf`);
    writeFileSync(pdfPath, pdf);
    execFileSync("pdftoppm", ["-png", "-r", "70", pdfPath, join(out, role)]);
    console.log(`${pdfPath} → ${join(out, role)}-*.png`);
  }
  // The 催办单 as of the sample's busy week, one page per 科室 (its manual page breaks kept byte for byte), and
  // 台账打印, the ledger as a 督办 meeting prints it.
  const remind = await buildXlsx(
    readFileSync(join(ROOT, "samples", "sample-ledger.xlsx")),
    { excludeDepartments: ["市扶贫办"], asOf: "2026-12-01" },
    new Date(),
    { reminders: true, print: true },
  );
  if (!remind.ok) throw new Error(remind.error.code);
  const name = remind.plan.sheets.reminders ?? "";
  const pdf = await convertWithLibreOffice(await onlySheetVisible(remind.buffer, name), "pdf");
  const pdfPath = join(out, "reminders.pdf");
  writeFileSync(pdfPath, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "70", pdfPath, join(out, "reminders")]);
  console.log(`${pdfPath} → ${join(out, "reminders")}-*.png`);
  const printPdf = join(out, "ledger-print.pdf");
  writeFileSync(
    printPdf,
    await convertWithLibreOffice(
      await onlySheetVisible(remind.buffer, remind.plan.sheets.print ?? ""),
      "pdf",
    ),
  );
  execFileSync("pdftoppm", ["-png", "-r", "70", printPdf, join(out, "ledger-print")]);
  console.log(`${printPdf} → ${join(out, "ledger-print")}-*.png`);
  // The report as .docx, as `ledger report` writes it for the sample as of 2026-12-31.
  const analysed = analyzeWorkbook(
    snapshotOf(await loadXlsx(readFileSync(join(ROOT, "samples", "sample-ledger.xlsx")))),
    { excludeDepartments: ["市扶贫办"], asOf: "2026-12-31" },
  );
  if (!analysed.ok) throw new Error(analysed.error.code);
  const a = analysed.analysis;
  const docx = await reportDocx(a.report, {
    date: a.stats.asOf,
    creator: a.settings.organisation,
    script: a.script,
  });
  writeFileSync(join(out, "report.docx"), docx);
  const docxPdf = join(out, "report-docx.pdf");
  writeFileSync(docxPdf, await convertWithLibreOffice(docx, "pdf", undefined, "docx"));
  execFileSync("pdftoppm", ["-png", "-r", "70", docxPdf, join(out, "report-docx")]);
  console.log(`${docxPdf} → ${join(out, "report-docx")}-*.png`);
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  copyFileSync(join(out, "summary-1.png"), join(ROOT, "docs", "summary-sheet.png"));
  // The page of 统计表 that shows its first chart.
  const pages = Number(
    /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [join(out, "summary.pdf")]).toString())?.[1] ?? 0,
  );
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync("pdftotext", [
      "-f",
      String(p),
      "-l",
      String(p),
      join(out, "summary.pdf"),
      "-",
    ]).toString();
    if (!text.includes("办理结果分类")) continue;
    copyFileSync(join(out, `summary-${p}.png`), join(ROOT, "docs", "summary-charts.png"));
    break;
  }
  copyFileSync(join(out, "reminders-1.png"), join(ROOT, "docs", "reminders-sheet.png"));
  copyFileSync(join(out, "ledger-print-1.png"), join(ROOT, "docs", "ledger-print.png"));
  copyFileSync(join(out, "ledger-1.png"), join(ROOT, "docs", "ledger-page.png"));
  copyFileSync(join(out, "report-docx-1.png"), join(ROOT, "docs", "report-docx.png"));
  await renderRollup(out);
}

/** 汇总统计 of three units (the sample and two QA bureaus), as `ledger rollup … --today 2026-12-31` writes it. */
async function renderRollup(out: string): Promise<void> {
  const qa = [QA_LEDGERS[0], QA_LEDGERS[3]].flatMap((l) => (l ? [l] : []));
  const files = [
    { file: "sample-ledger.xlsx", bytes: readFileSync(join(ROOT, "samples", "sample-ledger.xlsx")) },
    ...(await Promise.all(
      qa.map(async (l) => ({ file: `${l.name}.xlsx`, bytes: await xlsxFromGrids(l.sheets) })),
    )),
  ];
  const result = await rollupXlsx(
    files,
    { locale: "zh-CN", asOf: "2026-12-31" },
    { issue: (i) => renderIssue(i, "zh-CN"), failure: () => "" },
  );
  if (!result.buffer || !result.plan) throw new Error("nothing rolled up");
  const pdfPath = join(out, "rollup-summary.pdf");
  writeFileSync(
    pdfPath,
    await convertWithLibreOffice(await onlySheetVisible(result.buffer, result.plan.sheets.summary), "pdf"),
  );
  execFileSync("pdftoppm", ["-png", "-r", "70", pdfPath, join(out, "rollup-summary")]);
  console.log(`${pdfPath} → ${join(out, "rollup-summary")}-*.png`);
  copyFileSync(join(out, "rollup-summary-1.png"), join(ROOT, "docs", "rollup-summary.png"));
}

main().catch((err: unknown) => {
  process.stderr.write(`render failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
