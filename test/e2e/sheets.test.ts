/**
 * The standalone page over ledgers beyond the sample (issue 8), in Chromium: a ledger kept on two sheets
 * (人大建议, 政协提案) read as one with both satisfaction aspects, and a ledger with columns left unread.
 */
import type { Page } from "playwright-core";
import { renderIssue } from "../../src/i18n/issues";
import { analyzeWorkbook } from "../../src/core/analyze";
import { XLSX_MIME } from "../../src/standalone/fileHost";
import { browserSuite, describeInBrowser, screenshot } from "./harness";
import { downloadWorkbook, figure, openTab, sheetText, summary } from "./page";
import { twoSheetLedger, unreadColumnsLedger } from "../helpers/pageLedgers";
import { UNREAD_COLUMNS_LEDGER, snapshotOf } from "../helpers/paneLedgers";

describeInBrowser("standalone page: ledgers on several sheets, unread columns", () => {
  // Every scenario: nothing asked of another origin (no CDN, no office.js, no fonts).
  const suite = browserSuite();

  /** Opens the page and chooses a workbook given as bytes, waiting for its figures. */
  async function openWith(name: string, buffer: Buffer): Promise<Page> {
    const current = await suite.open({ locale: "zh-CN" });
    const page = current.page;
    await page.goto(`${suite.session().server.origin}/standalone.html`);
    await page.locator('input[type="file"]').setInputFiles({ name, mimeType: XLSX_MIME, buffer });
    await summary(page).waitFor();
    return page;
  }

  it("reads 人大建议 and 政协提案 on two sheets as one ledger: the figures of both, issues by sheet", async () => {
    const page = await openWith("建议提案台账.xlsx", await twoSheetLedger());
    const figures = summary(page);
    expect(await figure(figures, "总件数")).toBe("5 件");
    expect(await figure(figures, "办复率")).toBe("80%");
    expect(await figure(figures, "按期办复率")).toBe("60%");
    expect(await figure(figures, "对办理工作满意率")).toBe("100%");
    expect(await figure(figures, "对办理结果满意率")).toBe("66.7%");
    expect(await figure(figures, "反馈回收率")).toBe("75%");
    expect(await figures.getByRole("group", { name: "满意率", exact: true }).count()).toBe(0);
    expect(await figures.getByRole("note").innerText()).toBe(
      "其中 1 件已答复但未填写答复日期，不计入按期答复。",
    );
    // 整理台账 names the sheets read together.
    await page.getByText("同时读取工作表：人大建议、政协提案").waitFor();
    await screenshot(page, "standalone-two-sheets");

    await openTab(page, "检查");
    const check = page.getByRole("region", { name: "检查结果" });
    const npc = check.getByRole("list", { name: /^工作表“人大建议” 第 4 行/ });
    expect(await npc.innerText()).toContain("F4：未填写承办人");
    const cppcc = check.getByRole("list", { name: /^工作表“政协提案” 第 3 行/ });
    expect(await cppcc.innerText()).toContain("D3：未填写分管领导");
    // Every group names its sheet.
    const headings = await check.getByRole("heading", { level: 3 }).allInnerTexts();
    expect(headings.length).toBeGreaterThanOrEqual(2);
    for (const heading of headings) expect(heading).toMatch(/^工作表“(人大建议|政协提案)”/);
    await screenshot(page, "standalone-two-sheets-check");
  });

  it("downloads both sheets structured, each with its backup, and one report over the five items", async () => {
    const page = await openWith("建议提案台账.xlsx", await twoSheetLedger());
    const wb = await downloadWorkbook(page, "建议提案台账（已整理）.xlsx");
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "人大建议",
        "政协提案",
        "人大建议(原表)",
        "政协提案(原表)",
        "统计表",
        "汇报材料",
      ]),
    );
    expect(wb.getWorksheet("人大建议")?.getTables().length).toBe(1);
    expect(wb.getWorksheet("政协提案")?.getTables().length).toBe(1);
    // The sheet's name gives the kind: no 类别 column is needed.
    const report = sheetText(wb, "汇报材料");
    expect(report).toContain("人大代表建议3件");
    expect(report).toContain("政协提案2件");
    expect(report).toContain("对办理结果满意率为66.7%");
  });

  it("warns of columns that look like ledger fields but are left unread (a second 满意度, 是否延期)", async () => {
    const expected = analyzeWorkbook(snapshotOf(UNREAD_COLUMNS_LEDGER), { locale: "zh-CN" });
    if (!expected.ok) throw new Error("the fixture is no ledger");
    const unread = expected.analysis.issues.filter((i) => i.code === "column_unread");
    expect(unread).toHaveLength(2);

    const page = await openWith("办理台账.xlsx", await unreadColumnsLedger());
    await openTab(page, "检查");
    const sheetWide = page.getByRole("region", { name: "检查结果" }).getByRole("list", { name: /^整表/ });
    const text = await sheetWide.innerText();
    for (const issue of unread) expect(text).toContain(renderIssue(issue, "zh-CN"));
    await screenshot(page, "standalone-unread-columns");
  });
});
