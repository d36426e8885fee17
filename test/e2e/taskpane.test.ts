/**
 * The add-in's task pane in Chromium at task-pane width: dist/taskpane-demo.html, the pane over the in-memory
 * demo host (Excel itself cannot run here), with the same flows a user has in Excel, by role and accessible name.
 */
import type { Page } from "playwright-core";
import { browserSuite, describeInBrowser, docsScreenshot, screenshot } from "./harness";
import { figure, openTab } from "./page";
import { strings } from "../../src/i18n";

/** Office's narrowest task pane is 320px; 360 is the usual width on Windows. */
const PANE = { width: 360, height: 800 };

describeInBrowser("task pane over a test host", () => {
  // Every scenario: nothing asked of another origin (no CDN, no office.js, no fonts).
  const suite = browserSuite();

  async function open(query = "", firstTab = "整理台账"): Promise<Page> {
    const current = await suite.open({ viewport: PANE });
    await current.page.goto(`${suite.session().server.origin}/taskpane-demo.html${query}`);
    await current.page.getByRole("tab", { name: firstTab }).waitFor();
    return current.page;
  }

  it("shows the recognised ledger and structures it, with a success message", async () => {
    const page = await open();
    await page.getByText(/在工作表“办理台账”找到台账/).waitFor();
    expect(await page.getByRole("combobox", { name: "案由" }).inputValue()).toBe("3");
    await screenshot(page, "taskpane-structure");
    await page.getByRole("button", { name: "整理台账" }).click();
    await page.getByRole("status").filter({ hasText: "台账已整理" }).waitFor();
  });

  it("lists the issues with overdue and due-soon counts", async () => {
    const page = await open();
    await openTab(page, "检查");
    const pane = page.getByRole("region", { name: "检查结果" });
    expect(await figure(pane, "已超期")).toBe("1");
    expect(await figure(pane, "即将到期")).toBe("1");
    await screenshot(page, "taskpane-check");
  });

  it("counts the year and writes the report; a corrected column changes the figures", async () => {
    const page = await open();
    await openTab(page, "统计与汇报");
    const pane = page.getByRole("region", { name: "统计与汇报" });
    expect(await figure(pane, "办复率")).toMatch(/^\d+(\.\d)?%$/);
    expect(await figure(pane, "满意率")).not.toBe("—");
    expect(await page.getByRole("textbox", { name: "汇报文字" }).inputValue()).toMatch(/办复率|办结/);
    await screenshot(page, "taskpane-report");
    await docsScreenshot(page, "taskpane");

    await openTab(page, "整理台账");
    await page
      // Exact: "办理工作满意度" holds the words too.
      .getByRole("combobox", { name: "满意度", exact: true })
      .selectOption({ label: strings("zh-CN").structure.notMapped });
    await openTab(page, "统计与汇报");
    // Without a satisfaction column there is nothing to divide by.
    await pane.getByRole("group", { name: "满意率", exact: true }).getByText("—", { exact: true }).waitFor();
    await page.getByRole("button", { name: "生成统计与汇报" }).click();
    await page.getByRole("status").filter({ hasText: "统计表和汇报已更新" }).waitFor();
  });

  it("speaks Office's display language: English", async () => {
    const page = await open("?locale=en", "Structure");
    await openTab(page, "Statistics & report");
    expect(await figure(page.getByRole("region", { name: "Statistics & report" }), "Reply rate")).toMatch(
      /%$/,
    );
  });

  it("renders in the dark Office theme", async () => {
    const page = await open("?theme=dark");
    const background = await page
      .locator("main")
      .evaluate((el) => getComputedStyle(el.parentElement ?? el).backgroundColor);
    // Dark means every channel is low.
    const channels = (background.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    expect(Math.max(...channels)).toBeLessThan(80);
    await screenshot(page, "taskpane-dark");
  });
});
