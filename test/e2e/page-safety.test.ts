/**
 * The standalone page under a strict Content-Security-Policy, with its workbook in a Web Worker: no policy
 * violation while a ledger is read, corrected and downloaded; hostile files (the corpus's page cases: zip bombs,
 * 200,000 rows …) answered with the package check's message while the page stays usable; 取消 stops a large file.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { loadWorkbookInput } from "../../src/hosts/xlsx/workbook";
import { loadMessage } from "../../src/standalone/useWorkbookFile";
import { XLSX_MIME } from "../../src/standalone/fileHost";
import { CONTENT_SECURITY_POLICY } from "../../scripts/serve";
import { HOSTILE_CASES, ledgerWorkbook } from "../helpers/hostileCorpus";
import { richLedger } from "../helpers/carryFixtures";
import { strings } from "../../src/i18n";
import { SAMPLE, browserSuite, describeInBrowser, screenshot } from "./harness";
import { downloadWorkbook, figure, loadFile, openTab, summary } from "./page";

/** Records every policy violation and console error the page reports, from its first script on. */
async function watchPolicy(page: Page): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  const errors: string[] = [];
  // The browser's own request for /favicon.ico (there is none) is no error of the page.
  page.on(
    "console",
    (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && errors.push(m.text()),
  );
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    errors,
  };
}

/** How long the page's thread takes to run a timer: it stays small while the worker reads. */
async function lag(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        setTimeout(() => resolve(performance.now() - start), 0);
      }),
  );
}

/** A ledger of `rows` items, each a copy of the corpus ledger's first one. */
async function bigLedger(rows: number): Promise<Buffer> {
  const wb = await ledgerWorkbook({
    edit: (_wb, ws) => {
      const first = ws.getRow(3).values as ExcelJS.CellValue[];
      for (let i = 0; i < rows; i++) ws.addRow(first.slice(1).map((v, c) => (c === 0 ? i + 1 : v)));
    },
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeInBrowser("standalone page: policy, worker, hostile files", () => {
  const suite = browserSuite();

  async function open(query = ""): Promise<Page> {
    const current = await suite.open({ locale: "zh-CN" });
    await current.page.goto(`${suite.session().server.origin}/standalone.html${query}`);
    return current.page;
  }

  it("is served with a strict Content-Security-Policy, header and <meta>, and breaks none of it", async () => {
    const current = await suite.open({ locale: "zh-CN" });
    const { page } = current;
    const watch = await watchPolicy(page);
    const response = await page.goto(`${suite.session().server.origin}/standalone.html`);
    const header = response?.headers()["content-security-policy"] ?? "";
    expect(header).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ])
      expect(header).toContain(directive);
    expect(header).not.toMatch(/unsafe-inline|unsafe-eval/);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(header.startsWith(meta ?? "<none>")).toBe(true);
    // No inline script at all in the page.
    expect(await page.locator("script:not([src])").count()).toBe(0);

    await loadFile(page, SAMPLE);
    expect(await figure(summary(page), "办复率")).toBe("68.8%");
    await openTab(page, "检查");
    await openTab(page, "统计与汇报");
    await openTab(page, "整理台账");
    await page.getByRole("tabpanel").getByRole("button", { name: "整理台账" }).click();
    await page.getByRole("status").filter({ hasText: "台账已整理" }).waitFor();
    const wb = await downloadWorkbook(page);
    expect(wb.getWorksheet("统计表")).toBeDefined();
    // The workbook was read in the worker: its chunk was asked for.
    expect(current.requests.some((url) => url.endsWith("/ledger-worker.js"))).toBe(true);
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  const PAGE_CASES = HOSTILE_CASES.filter((c) => c.page && c.expect.exit === 2);

  it("has hostile cases to run through the page", () => {
    expect(PAGE_CASES.map((c) => c.id)).toEqual(expect.arrayContaining(["zip-bomb-1gb", "zip-bomb-forged"]));
  });

  it.each(PAGE_CASES.map((c) => [c.id, c] as const))(
    "answers %s with the package check's message, and stays usable",
    async (id, hostile) => {
      const made = await hostile.make();
      if (made === "directory") return;
      const bytes = Buffer.from(made);
      // What the page must say: the message of the very error the .xlsx host raises for these bytes.
      const expected = await loadWorkbookInput(bytes).then(
        () => null,
        (e: unknown) => loadMessage(e, "zh-CN"),
      );
      expect(expected).not.toBeNull();
      const page = await open();
      const started = Date.now();
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: `${id}.${hostile.ext}`, mimeType: "application/octet-stream", buffer: bytes });
      const alert = page.getByRole("alert").filter({ hasText: expected ?? "" });
      await alert.waitFor({ timeout: 90_000 });
      const seconds = (Date.now() - started) / 1000;
      expect(await alert.innerText()).not.toMatch(/\bat\s+\S+\s*\(|Error:/);
      await screenshot(page, `page-hostile-${id}`);
      // The tab lives on: the next file is read as usual.
      await loadFile(page, SAMPLE);
      expect(await figure(summary(page), "办复率")).toBe("68.8%");
      console.log(`page: ${id} (${(bytes.length / 1024).toFixed(0)} KB) refused in ${seconds.toFixed(1)} s`);
    },
    180_000,
  );

  it("stops a large file on 取消, stays responsive while it reads, and reads the next file", async () => {
    const bytes = await bigLedger(30_000);
    const page = await open();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "big.xlsx", mimeType: XLSX_MIME, buffer: bytes });
    const progress = page.getByRole("region", { name: "正在读取文件…" });
    await progress.getByRole("progressbar").waitFor();
    const lags: number[] = [];
    for (let i = 0; i < 5; i++) lags.push(await lag(page));
    console.log(
      `page: 30,000 rows (${(bytes.length / 1024).toFixed(0)} KB), timer lag while reading ${lags.map((l) => l.toFixed(0)).join(", ")} ms`,
    );
    expect(Math.max(...lags)).toBeLessThan(500);
    await screenshot(page, "page-reading-big");
    await progress.getByRole("button", { name: "取消" }).click();
    await page.getByRole("status").filter({ hasText: "已取消" }).waitFor();
    expect(await progress.count()).toBe(0);
    await loadFile(page, SAMPLE);
    expect(await figure(summary(page), "办复率")).toBe("68.8%");
  }, 180_000);

  it("reads a large file in the worker and builds it with a progress bar, a cancelable download", async () => {
    const bytes = await bigLedger(30_000);
    const page = await open();
    const started = Date.now();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "big.xlsx", mimeType: XLSX_MIME, buffer: bytes });
    await summary(page).waitFor({ timeout: 150_000 });
    console.log(`page: 30,000 rows read and analysed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The build shows its stage and stops on 取消; the workbook is still there for the next download.
    await page.getByRole("button", { name: /下载整理后的工作簿/ }).click();
    const building = page.getByRole("region", { name: "正在生成工作簿…" });
    await building.getByText("3/3 生成工作簿").waitFor();
    await building.getByRole("button", { name: "取消" }).click();
    await page.getByRole("status").filter({ hasText: "已取消" }).waitFor();
    expect(await building.count()).toBe(0);
    expect(await figure(summary(page), "总件数")).toMatch(/^30,?004 件$/);
    // The next download starts a new worker on the same workbook and finishes.
    const again = Date.now();
    const wb = await downloadWorkbook(page, "big（已整理）.xlsx");
    console.log(`page: 30,000 rows built and downloaded in ${((Date.now() - again) / 1000).toFixed(1)} s`);
    expect(wb.getWorksheet("统计表")).toBeDefined();
    expect(wb.getWorksheet("台账")?.rowCount).toBeGreaterThan(30_000);
  }, 300_000);

  it("tells what the download will not keep (a slicer) before it downloads, and downloads on the user's word, an .xlsm as .xlsm with its macros", async () => {
    const page = await open();
    await page.locator('input[type="file"]').setInputFiles({
      name: "提案台賬.xlsm",
      mimeType: XLSX_MIME,
      buffer: await richLedger({ macros: true, slicer: true }),
    });
    await summary(page).waitFor();
    const s = strings("zh-CN").page.dropped;
    let downloads = 0;
    page.on("download", () => downloads++);
    await page
      .getByRole("button", { name: /下载整理后的工作簿/ })
      .first()
      .click();
    const warning = page.getByRole("alert").filter({ hasText: s.title });
    await warning.waitFor();
    const lines = await warning.getByRole("listitem").allInnerTexts();
    console.log(`page: dropped before the download: ${lines.join(" | ")}`);
    expect(lines.some((l) => l.includes("切片器"))).toBe(true);
    expect(lines.some((l) => l.includes("宏"))).toBe(false);
    expect(downloads).toBe(0);
    await screenshot(page, "page-dropped-warning");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      warning.getByRole("button", { name: s.download }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsm$/);
    const path = await download.path();
    const zip = await JSZip.loadAsync(await readFile(path));
    expect(zip.file("xl/vbaProject.bin")).not.toBeNull();
    expect(await warning.count()).toBe(0);
  });
});
