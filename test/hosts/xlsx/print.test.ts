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
