/**
 * The standalone page as a user meets it, in Chromium over a local static server: open the sample, read the
 * figures, correct a mapping, download the built workbook, open a bad file. No request may leave the origin.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Locator, Page } from "playwright-core";
import { failureMessage } from "../../src/i18n/failures";
import { strings } from "../../src/i18n";
import { browserSuite, describeInBrowser, docsScreenshot, foreign, SAMPLE, screenshot } from "./harness";
import { downloadWorkbook, figure, loadFile, noLedgerWorkbook, openTab, sheetText, summary } from "./page";
import { traditionalTwoRowHeaderLedger } from "../helpers/pageLedgers";
import { XLSX_MIME } from "../../src/standalone/fileHost";

describeInBrowser("standalone page over http", () => {
  // Every scenario: nothing asked of another origin (no CDN, no office.js, no fonts).
  const suite = browserSuite();

  async function open(locale = "zh-CN", query = ""): Promise<Page> {
    const current = await suite.open({ locale });
    await current.page.goto(`${suite.session().server.origin}/standalone.html${query}`);
    return current.page;
  }

  it("reads the sample and shows the mapping, the key figures and the report", async () => {
    const page = await open();
    await loadFile(page, SAMPLE);
    await docsScreenshot(page, "standalone");
    expect(await figure(summary(page), "办复率")).toMatch(/^\d+(\.\d)?%$/);
    expect(await figure(summary(page), "办复率")).toBe("68.8%");
    expect(await figure(summary(page), "总件数")).toBe("16 件");
    // The recognised mapping, correctable field by field.
    expect(await page.getByRole("combobox", { name: "案由" }).inputValue()).toBe("3");
    await openTab(page, "统计与汇报");
    const report = page.getByRole("textbox", { name: "汇报文字" });
    await report.waitFor();
    expect(await report.inputValue()).toContain("68.8%");
    await screenshot(page, "standalone-sample");
  });

  it("re-counts when the user corrects a field's column, and builds the download with the correction", async () => {
    const page = await open();
    await loadFile(page, SAMPLE);
    await openTab(page, "检查");
    const issuesBefore = await issueCount(page);
    await openTab(page, "整理台账");
    const replied = page.getByRole("combobox", { name: "答复日期" });
    const repliedColumn = await replied.inputValue();
    // A result or a reply reference alone counts as a reply (without a date): all three go.
    for (const name of ["答复日期", "答复文号", "办理结果"]) {
      await page
        .getByRole("combobox", { name, exact: true })
        .selectOption({ label: strings("zh-CN").structure.notMapped });
    }
    // The page's own figures follow at once, without 整理台账: with nothing that shows a reply, none counts.
    expect(await figure(summary(page), "总件数")).toBe("16 件");
    await replyRateIs(summary(page), "0%");
    await openTab(page, "统计与汇报");
    await replyRateIs(page.getByRole("region", { name: "统计与汇报" }), "0%");
    await openTab(page, "检查");
    expect(await issueCount(page)).not.toBe(issuesBefore);
    await screenshot(page, "standalone-mapping-fixed");

    // The download is built with the correction, though 整理台账 was never pressed.
    const corrected = await downloadWorkbook(page);
    expect(sheetText(corrected, "汇报材料")).toContain("办复率为0%");
    expect(storedSetting(corrected, "mapping.repliedOn")).toBe("");

    // After 整理台账 the download is the structured workbook, rebuilt with corrections made since.
    await openTab(page, "整理台账");
    await page.getByRole("tabpanel").getByRole("button", { name: "整理台账" }).click();
    await page.getByRole("status").filter({ hasText: "台账已整理" }).waitFor();
    await replyRateIs(summary(page), "0%");
    await page.getByRole("combobox", { name: "答复日期" }).selectOption(repliedColumn);
    await replyRateIs(summary(page), "68.8%");
    const rebuilt = await downloadWorkbook(page);
    expect(sheetText(rebuilt, "汇报材料")).toContain("办复率为68.8%");
    expect(storedSetting(rebuilt, "mapping.repliedOn")).not.toBe("");
    expect(rebuilt.worksheets.filter((ws) => ws.name.includes("原表"))).toHaveLength(1);
    expect(rebuilt.getWorksheet("责任分工表")?.getTables().length).toBe(1);
  });

  it("downloads the built workbook: ledger, backup, statistics with formulas, report, hidden settings", async () => {
    const page = await open();
    await loadFile(page, SAMPLE);
    const wb = await downloadWorkbook(page, "sample-ledger（已整理）.xlsx");
    const names = wb.worksheets.map((ws) => ws.name);
    // The user's sheet structured in place, its backup, the statistics, the report, the hidden settings.
    expect(names).toEqual(expect.arrayContaining(["责任分工表", "统计表", "汇报材料", "台账设置"]));
    expect(names.filter((name) => name.includes("原表"))).toHaveLength(1);
    expect(wb.getWorksheet("台账设置")?.state).not.toBe("visible");
    expect(wb.getWorksheet("责任分工表")?.getTables().length).toBe(1);
    const formulas: string[] = [];
    wb.getWorksheet("统计表")?.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) formulas.push(cell.formula);
      }),
    );
    expect(formulas.length).toBeGreaterThan(5);
    expect(sheetText(wb, "汇报材料")).toContain("办复率为68.8%");
  });

  it("downloads the report as a Word document in the official-document layout, the docx library loaded only then", async () => {
    const page = await open();
    const chunks: string[] = [];
    page.on("request", (r) => chunks.push(new URL(r.url()).pathname));
    await loadFile(page, SAMPLE);
    expect(chunks.some((c) => /docx/.test(c))).toBe(false);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 Word 版汇报材料" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("sample-ledger（汇报材料）.docx");
    expect(chunks.some((c) => /docx/.test(c))).toBe(true);
    const zip = await JSZip.loadAsync(await readFile(await download.path()));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const text = [...xml.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(text).toContain("建议和政协提案办理工作情况的报告");
    expect(text).toContain("办复率为68.8%");
    // A4 portrait (twips).
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it("reads a traditional-script ledger with a title row, a two-row header and merged cells", async () => {
    const page = await open();
    await page.locator('input[type="file"]').setInputFiles({
      name: "責任分工表.xlsx",
      mimeType: XLSX_MIME,
      buffer: await traditionalTwoRowHeaderLedger(),
    });
    expect(await figure(summary(page), "办复率")).toBe("75%");
    expect(await figure(summary(page), "总件数")).toBe("4 件");
    // The merged 分管領導 cell counts for both rows it covers: nothing reported missing there.
    await openTab(page, "检查");
    await page.getByRole("region", { name: "检查结果" }).waitFor();
    expect(await page.getByText(/分管领导|分管領導/).count()).toBe(0);
    const wb = await downloadWorkbook(page, "責任分工表（已整理）.xlsx");
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(
      expect.arrayContaining(["責任分工表", "統計表", "彙報材料"]),
    );
    // Generated text follows the workbook's script.
    expect(sheetText(wb, "彙報材料")).toContain("辦復率為75%");
  });

  it("takes a file dropped on the page", async () => {
    const page = await open();
    const bytes = (await readFile(SAMPLE)).toString("base64");
    const transfer = await page.evaluateHandle((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], "dropped.xlsx"));
      return dt;
    }, bytes);
    // Dropped on the heading, the events bubble to the page, as a real drop anywhere on it would.
    const target = page.getByRole("heading", { name: "建议提案台账" });
    await target.dispatchEvent("dragover", { dataTransfer: transfer });
    await target.dispatchEvent("drop", { dataTransfer: transfer });
    expect(await figure(summary(page), "办复率")).toBe("68.8%");
  });

  const BAD_FILES: { title: string; name: string; bytes: () => Promise<Buffer>; message: string }[] = [
    {
      title: "a text file named .xlsx",
      name: "notes.xlsx",
      bytes: async () => Buffer.from("这不是工作簿"),
      message: failureMessage("not_xlsx", "zh-CN"),
    },
    {
      title: "an old binary .xls",
      name: "old.xlsx",
      bytes: async () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      message: failureMessage("legacy_xls", "zh-CN"),
    },
    {
      title: "a zip that is no workbook",
      name: "broken.xlsx",
      bytes: async () => Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64)]),
      message: failureMessage("corrupt", "zh-CN"),
    },
    {
      title: "a workbook without a ledger",
      name: "shopping.xlsx",
      bytes: noLedgerWorkbook,
      // Said with or without the sheet's name: the name-less message is the tail of both.
      message: failureMessage("no_ledger", "zh-CN"),
    },
  ];

  it.each(BAD_FILES)(
    "explains $title in the user's language, without a stack",
    async ({ name, bytes, message }) => {
      const page = await open();
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name, mimeType: "application/octet-stream", buffer: await bytes() });
      const alert = page.getByRole("alert").filter({ hasText: message });
      await alert.waitFor();
      expect(await alert.innerText()).not.toMatch(/\bat\s+\S+\s*\(|Error:/);
      await screenshot(page, `standalone-bad-${name}`);
    },
  );

  it("speaks traditional Chinese to a zh-TW browser, and English when asked with ?lang=en", async () => {
    const tw = await open("zh-TW");
    await loadFile(tw, SAMPLE);
    expect(await figure(summary(tw, "主要數字"), "辦復率")).toBe("68.8%");
    expect(await tw.title()).toBe("建議提案台賬");
    expect(foreign(suite.current()?.requests ?? [], suite.session().server.origin)).toEqual([]);
    await suite.current()?.context.close();

    const en = await open("en-US", "?lang=en");
    await loadFile(en, SAMPLE);
    expect(await figure(summary(en, "Key figures"), "Reply rate")).toBe("68.8%");
    expect(await en.title()).toBe("Proposal Ledger");
    expect(await en.getByRole("button", { name: /下载/ }).count()).toBe(1);
    expect(foreign(suite.current()?.requests ?? [], suite.session().server.origin)).toEqual([]);
    await suite.current()?.context.close();

    // ?lang wins over the browser both ways.
    const cn = await open("zh-TW", "?lang=zh-CN");
    await loadFile(cn, SAMPLE);
    expect(await figure(summary(cn), "办复率")).toBe("68.8%");
  });

  it("speaks simplified Chinese to a default en-US browser", async () => {
    const page = await open("en-US");
    expect(await page.title()).toBe("建议提案台账");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await loadFile(page, SAMPLE);
    expect(await figure(summary(page), "办复率")).toBe("68.8%");
    await page.getByRole("tab", { name: "整理台账" }).waitFor();
    expect(await page.getByRole("button", { name: /下载整理后的工作簿/ }).innerText()).toBe(
      "下载整理后的工作簿",
    );
  });
});

/** The value of a key on the built workbook's hidden settings sheet (台账设置). */
function storedSetting(wb: ExcelJS.Workbook, key: string): string | undefined {
  let value: string | undefined;
  wb.getWorksheet("台账设置")?.eachRow((row) => {
    if (row.getCell(1).text === key) value = row.getCell(2).text;
  });
  return value;
}

/** Waits until the 办复率 card in `scope` shows `value` (figures follow a correction without a reload). */
async function replyRateIs(scope: Locator, value: string): Promise<void> {
  await scope.getByRole("group", { name: "办复率", exact: true }).getByText(value, { exact: true }).waitFor();
}

async function issueCount(page: Page): Promise<number> {
  const pane = page.getByRole("region", { name: "检查结果" });
  await pane.waitFor();
  const errors = Number(await pane.getByRole("group", { name: "错误" }).locator("span").last().innerText());
  const warnings = Number(await pane.getByRole("group", { name: "提醒" }).locator("span").last().innerText());
  return errors + warnings;
}
