/**
 * Issue 12, items 2 and 3, through real .xlsx files: page numbers on the printed sheets (the user's own footer
 * kept), 填表人/审核人 on 统计表, 汇报材料 rows that grow with the text, placeholders in plain type, and no heading
 * left alone at the foot of a printed page (LibreOffice's PDF).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx, writeXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";
import {
  convertWithLibreOffice,
  describeWithLibreOffice,
  onlySheetVisible,
  pdfPagesOrSkip,
  pdfWordHeights,
} from "../../helpers/libreoffice";

import { sheetXml } from "../../helpers/packageCheck";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");
const SETTINGS = { asOf: "2026-12-31", excludeDepartments: ["市扶贫办"] };

async function build(input: Uint8Array = readFileSync(SAMPLE)) {
  const built = await buildXlsx(input, SETTINGS, new Date(2026, 11, 31));
  if (!built.ok) throw new Error(built.error.code);
  return built;
}

const footerOf = (xml: string): string =>
  (/<oddFooter>([^<]*)<\/oddFooter>/.exec(xml)?.[1] ?? "").replace(/&amp;/g, "&");

describe("printing the built workbook", () => {
  it("numbers the pages of the ledger, 统计表 and 汇报材料, with the date printed", async () => {
    const built = await build();
    const { ledger, summary, report } = built.plan.sheets;
    expect(footerOf(await sheetXml(built.buffer, ledger))).toBe("&C第&P页 共&N页&R打印日期：&D");
    expect(footerOf(await sheetXml(built.buffer, summary))).toBe("&C第&P页 共&N页&R打印日期：&D");
    expect(footerOf(await sheetXml(built.buffer, report))).toBe("&C— &P —");
    // Every generated sheet that prints is on A4 (paperSize 9).
    for (const name of [ledger, summary, report])
      expect(await sheetXml(built.buffer, name)).toMatch(/<pageSetup [^>]*paperSize="9"/);
  });

  it("names A4 on every sheet that names no paper, the user's own (填表说明) too", async () => {
    const built = await build();
    expect(await sheetXml(readFileSync(SAMPLE), "填表说明")).not.toMatch(/paperSize=/);
    for (const ws of (await loadXlsx(built.buffer)).worksheets)
      expect(await sheetXml(built.buffer, ws.name)).toMatch(/<pageSetup [^>]*paperSize="9"/);
  });

  it("prints the sample's wide ledger at 82 % (11-point text at 9 points), 编号 repeated, over then down", async () => {
    const built = await build();
    const xml = await sheetXml(built.buffer, built.plan.sheets.ledger);
    const setup = /<pageSetup [^>]*>/.exec(xml)?.[0] ?? "";
    expect(setup).toMatch(/scale="82"/);
    expect(setup).toMatch(/orientation="landscape"/);
    expect(setup).toMatch(/pageOrder="overThenDown"/);
    expect(xml).not.toMatch(/fitToPage="1"/);
    const wb = await loadXlsx(built.buffer);
    expect(wb.getWorksheet(built.plan.sheets.ledger)!.pageSetup.printTitlesColumn).toBe("A:B");
  });

  it("prints the backup on A4 too when the original names no paper (and leaves a named one alone)", async () => {
    const built = await build();
    const backup = built.plan.sheets.backup;
    expect(await sheetXml(readFileSync(SAMPLE), "责任分工表")).not.toMatch(/paperSize=/);
    expect(await sheetXml(built.buffer, backup)).toMatch(/<pageSetup [^>]*paperSize="9"/);
    const wb = await loadXlsx(readFileSync(SAMPLE));
    const ws = wb.getWorksheet("责任分工表")!;
    // A5 (11), which ExcelJS types as a const enum member.
    ws.pageSetup.paperSize = 11 as unknown as NonNullable<typeof ws.pageSetup.paperSize>;
    const a5 = await build(await writeXlsx(wb));
    expect(await sheetXml(a5.buffer, a5.plan.sheets.backup)).toMatch(/<pageSetup [^>]*paperSize="11"/);
  });

  it("keeps a footer the user gave the ledger", async () => {
    const wb = await loadXlsx(readFileSync(SAMPLE));
    const ws = wb.getWorksheet("责任分工表")!;
    ws.headerFooter = { oddFooter: "&L内部资料 注意保存" };
    const built = await build(await writeXlsx(wb));
    expect(footerOf(await sheetXml(built.buffer, "责任分工表"))).toBe("&L内部资料 注意保存");
  });

  it("puts 填表人 and 审核人 lines at the foot of 统计表", async () => {
    const built = await build();
    const ws = (await loadXlsx(built.buffer)).getWorksheet(built.plan.sheets.summary)!;
    const last = ws.getRow(ws.rowCount);
    expect([last.getCell(1).value, last.getCell(3).value]).toEqual([
      "填表人：__________",
      "审核人：__________",
    ]);
  });

  it("lets 汇报材料's rows grow with the text: no fixed heights, placeholders in plain type", async () => {
    const built = await build();
    const xml = await sheetXml(built.buffer, built.plan.sheets.report);
    const rows = xml.match(/<row\b[^>]*>/g) ?? [];
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => /customHeight/.test(r))).toEqual([]);
    expect(rows.filter((r) => /\bht="/.test(r)).length).toBeGreaterThan(10);
    const ws = (await loadXlsx(built.buffer)).getWorksheet(built.plan.sheets.report)!;
    let placeholders = 0;
    ws.eachRow((row) => {
      const cell = row.getCell(1);
      if (!String(cell.value ?? "").includes("【")) return;
      placeholders++;
      expect(cell.font?.italic ?? false).toBe(false);
    });
    expect(placeholders).toBeGreaterThan(0);
  });
});

describeWithLibreOffice("LibreOffice prints the ledger", () => {
  it("on A4 landscape, text at 9 points or more, 编号 and page numbers on every page", async () => {
    const built = await build();
    const pdf = await convertWithLibreOffice(
      await onlySheetVisible(built.buffer, built.plan.sheets.ledger),
      "pdf",
    );
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThan(1);
    // A4 landscape: 842 × 595 points.
    for (const b of boxes) expect([Math.round(Number(b[1])), Math.round(Number(b[2]))]).toEqual([842, 595]);
    const pages = await pdfPagesOrSkip(pdf);
    const heights = await pdfWordHeights(pdf);
    if (pages === null || heights === null) return;
    pages.forEach((page, i) => {
      expect(page).toContain("编号");
      expect(page).toContain(`第${i + 1}页 共${pages.length}页`);
    });
    // Word boxes are about the text size: the median on each page is 9 points or more (fit-to-width: about 7).
    for (const h of heights) {
      const sorted = [...h].sort((a, b) => a - b);
      expect(sorted[Math.floor(sorted.length / 2)] ?? 0).toBeGreaterThanOrEqual(9);
    }
  });
});

describeWithLibreOffice("LibreOffice prints 汇报材料", () => {
  it("never leaves a heading as the last line of a page", async () => {
    const built = await build();
    const pdf = await convertWithLibreOffice(
      await onlySheetVisible(built.buffer, built.plan.sheets.report),
      "pdf",
    );
    const pages = await pdfPagesOrSkip(pdf);
    if (pages === null) return;
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(0, -1)) {
      const lines = page
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l !== "" && !/^— \d+ —$/.test(l));
      expect(lines.at(-1) ?? "").not.toMatch(/^[一二三四五六七八九十]+、/);
    }
  });
});
