/**
 * 催办 in Chromium, as a clerk uses it: the pane over the demo host (taskpane-demo.html) and the standalone page
 * with the sample ledger. Open the tab, filter, copy a 科室's message (read back from the real clipboard), click an
 * item and see it selected: the demo host's selected cell, the page's preview of that row.
 */
import type { Page } from "playwright-core";
import { browserSuite, describeInBrowser, docsScreenshot, SAMPLE, screenshot } from "./harness";
import { loadFile, openTab } from "./page";

/** Office's narrowest task pane is 320px; 360 is the usual width on Windows. */
const PANE = { width: 360, height: 800 };

/** The day the sample's open items are seen from: one overdue, two due within the week, one unreadable. */
const SAMPLE_TODAY = new Date("2026-12-01T09:00:00+08:00");

describeInBrowser("催办", () => {
  const suite = browserSuite();

  /** A page whose clipboard the test may read (Chromium asks the user otherwise). */
  async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const current = await suite.open(viewport ? { viewport } : {});
    const origin = suite.session().server.origin;
    await current.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await current.page.goto(`${origin}/${path}`);
    return current.page;
  }

  const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
  const groups = (page: Page) =>
    page.getByRole("region", { name: "催办" }).getByRole("heading", { level: 3 }).allInnerTexts();

  describe("the pane over the demo host", () => {
    it("filters by 科室, copies the group's message, and selects an item's row", async () => {
      const page = await open("taskpane-demo.html", PANE);
      await page.getByRole("tab", { name: "整理台账" }).waitFor();
      await openTab(page, "催办");
      const pane = page.getByRole("region", { name: "催办" });
      expect(await groups(page)).toEqual(["区划地名科", "社会救助科"]);
      const overdue = pane.getByRole("region", { name: "区划地名科" });
      await overdue.getByText("已超期18天", { exact: true }).waitFor();
      await screenshot(page, "taskpane-remind");
      await docsScreenshot(page, "remind-tab");

      await pane.getByRole("combobox", { name: "科室" }).selectOption({ label: "社会救助科" });
      expect(await groups(page)).toEqual(["社会救助科"]);
      const group = pane.getByRole("region", { name: "社会救助科" });
      await group.getByRole("button", { name: "复制催办通知" }).click();
      await group.getByRole("status").filter({ hasText: "已复制" }).waitFor();
      const copied = await clipboard(page);
      expect(copied).toMatch(/^社会救助科：/);
      expect(copied).toContain("2024007《关于推进医疗救助一站式结算的建议》");
      expect(copied).toContain("还剩3天");
      expect(copied).not.toContain("区划地名科");

      // By keyboard, as a clerk without a mouse: the item is a button.
      await group.getByRole("button", { name: /2024007/ }).focus();
      await page.keyboard.press("Enter");
      const selected = page.getByRole("status", { name: "选中的单元格" });
      await selected.filter({ hasText: "办理台账!B9" }).waitFor();
    });

    it("counts further ahead when the window grows", async () => {
      // On 06-20 the 07-01 item is 11 days off: outside the week, inside a fortnight.
      const page = await open("taskpane-demo.html?asOf=2024-06-20", PANE);
      await openTab(page, "催办");
      const pane = page.getByRole("region", { name: "催办" });
      await pane.getByRole("region", { name: "区划地名科" }).waitFor();
      expect(await groups(page)).toEqual(["区划地名科"]);
      await pane.getByRole("combobox", { name: "到期范围" }).selectOption({ label: "15 天内到期" });
      await pane.getByRole("region", { name: "社会救助科" }).getByText("还剩11天", { exact: true }).waitFor();
      expect(await groups(page)).toEqual(["区划地名科", "社会救助科"]);

      await pane.getByRole("button", { name: "复制全部" }).click();
      const all = await clipboard(page);
      expect(all.split("\n\n")).toHaveLength(3);
      expect(all).toMatch(/^共有2件建议提案已超期或15天内到期/);
    });
  });

  describe("the standalone page with the sample", () => {
    async function openSample(): Promise<Page> {
      const current = await suite.open();
      const origin = suite.session().server.origin;
      await current.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
      // The sample's deadlines are fixed dates: the page reads them on a fixed day (timers still run).
      await current.page.clock.setFixedTime(SAMPLE_TODAY);
      await current.page.goto(`${origin}/standalone.html`);
      await loadFile(current.page, SAMPLE);
      await openTab(current.page, "催办");
      return current.page;
    }

    it("lists the sample's open items by 科室, filters, copies, and previews the clicked row", async () => {
      const page = await openSample();
      const pane = page.getByRole("region", { name: "催办" });
      expect(await groups(page)).toEqual(["儿童福利科", "区划地名科", "养老服务科", "办理时限不明"]);
      await pane
        .getByRole("region", { name: "办理时限不明" })
        .getByRole("button", { name: /P206/ })
        .waitFor();

      await pane.getByRole("combobox", { name: "科室" }).selectOption({ label: "儿童福利科" });
      expect(await groups(page)).toEqual(["儿童福利科"]);
      const group = pane.getByRole("region", { name: "儿童福利科" });
      await group.getByRole("button", { name: "复制催办通知" }).click();
      await group.getByRole("status").filter({ hasText: "已复制" }).waitFor();
      expect(await clipboard(page)).toBe(
        "儿童福利科：您单位承办的建议提案中，有1件已超期，请于2026年12月4日前答复：" +
          "R105《关于加强农村留守儿童关爱保护的建议》（办理时限2026年11月20日，已超期11天）。谢谢！",
      );

      await group.getByRole("button", { name: /R105/ }).click();
      const preview = page.getByRole("region", { name: "预览" });
      await preview.getByText("工作表“责任分工表” 第 14 行").first().waitFor();
      const row = preview.locator('tr[aria-current="true"]');
      expect(await row.count()).toBe(1);
      const cells = await row.locator("th, td").allInnerTexts();
      expect(cells[0]).toBe("14");
      expect(cells).toEqual(expect.arrayContaining(["R105", "关于加强农村留守儿童关爱保护的建议", "韩梅"]));
      // Under the ledger's own header, with a neighbour each side for context.
      expect(await preview.getByRole("columnheader", { name: "承办人" }).count()).toBe(1);
      expect(await preview.locator("tbody tr").count()).toBe(3);
      await screenshot(page, "standalone-remind-preview");

      // Another item moves the preview to its row.
      await pane.getByRole("combobox", { name: "科室" }).selectOption({ label: "全部科室" });
      await pane.getByRole("button", { name: /P206/ }).click();
      await preview.getByText("工作表“责任分工表” 第 17 行").first().waitFor();
      expect(await row.locator("td").allInnerTexts()).toEqual(expect.arrayContaining(["P206"]));
    });
  });
});
