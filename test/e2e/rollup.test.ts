/**
 * 汇总多个单位 on the standalone page, in Chromium: four files dropped at once (three ledgers and a broken file), the
 * roll-up run in the page's worker, per unit 件数/办复率/超期 as `ledger rollup` counts them, the broken file listed
 * with the reason, and the roll-up workbook downloaded and read back. The roll-up's code loads only when asked for.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { formatPercent } from "../../src/core/format";
import { rollupXlsx } from "../../src/hosts/xlsx/rollup";
import { failureMessage } from "../../src/i18n/failures";
import { strings } from "../../src/i18n";
import { browserSuite, describeInBrowser, SAMPLE, screenshot } from "./harness";
import { sheetText } from "./page";
import { xlsxFromGrids } from "../helpers/grid-xlsx";
import { QA_LEDGERS } from "../helpers/qaLedgers";

const s = strings("zh-CN").page;

/** The sample, two QA bureaus and a text file named .xlsx. */
async function fourFiles(): Promise<{ name: string; bytes: Buffer }[]> {
  const qa = [QA_LEDGERS[0], QA_LEDGERS[3]].map((l) => {
    if (!l) throw new Error("QA ledger missing");
    return l;
  });
  return [
    { name: "sample-ledger.xlsx", bytes: await readFile(SAMPLE) },
    ...(await Promise.all(
      qa.map(async (l) => ({ name: `${l.name}.xlsx`, bytes: await xlsxFromGrids(l.sheets) })),
    )),
    { name: "坏文件.xlsx", bytes: Buffer.from("这不是工作簿") },
  ];
}

describeInBrowser("the standalone page's roll-up (汇总多个单位)", () => {
  const suite = browserSuite();

  it("rolls up four dropped files in the worker, shows each unit's figures and the broken file, downloads the workbook", async () => {
    const { page, requests } = await suite.open({ locale: "zh-CN" });
    await page.goto(`${suite.session().server.origin}/standalone.html`);
    await page.getByRole("heading", { name: s.title }).waitFor();
    const rollupChunk = (url: string) => /\/rollup(-page)?\.js$/.test(url);
    expect(requests.filter(rollupChunk)).toEqual([]);

    // Keyboard only: the mode tabs, then the chooser, both labelled.
    await page.getByRole("tab", { name: s.modes.single }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const region = page.getByRole("region", { name: s.modes.rollup });
    await region.waitFor();
    // The chooser (a button; the labelled file input beside it is a button to Chromium too).
    await region.locator("button", { hasText: s.rollup.choose }).waitFor();
    expect(requests.some((u) => u.endsWith("/rollup-page.js"))).toBe(true);

    const files = await fourFiles();
    const transfer = await page.evaluateHandle(
      (list) => {
        const dt = new DataTransfer();
        for (const f of list)
          dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
        return dt;
      },
      files.map((f) => ({ name: f.name, b64: f.bytes.toString("base64") })),
    );
    // Dropped on the heading, the events bubble to the page, as a real drop anywhere on it would.
    const target = page.getByRole("heading", { name: s.title });
    await target.dispatchEvent("dragover", { dataTransfer: transfer });
    await target.dispatchEvent("drop", { dataTransfer: transfer });

    const table = region.getByRole("table", { name: s.rollup.table });
    await table.waitFor({ timeout: 120_000 });
    // The command line's roll-up of the same files, as of today.
    const expected = await rollupXlsx(
      files.map((f) => ({ file: f.name, bytes: new Uint8Array(f.bytes) })),
      { locale: "zh-CN" },
      { issue: () => "", failure: () => "" },
    );
    expect(expected.rollup.units).toHaveLength(3);
    for (const u of expected.rollup.units) {
      const row = table.getByRole("row", { name: new RegExp(`^${u.name} `) });
      const cells = (await row.getByRole("cell").allInnerTexts()).map((t) => t.trim());
      const rate = u.stats.replyRate === null ? "—" : formatPercent(u.stats.replyRate);
      expect(cells.slice(0, 4)).toEqual([u.file, String(u.stats.total), rate, String(u.stats.overdue)]);
    }
    expect(await table.getByRole("row").count()).toBe(1 + 3 + 1);
    const failed = region.getByRole("list", { name: s.rollup.failedTitle });
    expect((await failed.getByRole("listitem").allInnerTexts()).map((t) => t.replace(/\s+/g, " "))).toEqual([
      `坏文件.xlsx ${failureMessage("not_xlsx", "zh-CN")}`,
    ]);
    // The roll-up ran in the worker, its code a chunk of its own.
    expect(requests.some((u) => u.endsWith("/rollup.js"))).toBe(true);
    await screenshot(page, "standalone-rollup");

    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      region.getByRole("button", { name: s.rollup.download }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("汇总台账.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总统计", "汇总台账", "各单位问题"]);
    for (const u of expected.rollup.units) expect(sheetText(wb, "汇总统计")).toContain(u.name);
    expect(sheetText(wb, "各单位问题")).toContain("坏文件.xlsx");
    expect(sheetText(wb, "各单位问题")).toContain(failureMessage("not_xlsx", "zh-CN"));
  });
});
