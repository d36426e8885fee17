/**
 * The standalone page opened straight from disk (file://), as an office without a web server would:
 * the ExcelJS chunk must still load, and the download must still work.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  BUILD_TIMEOUT,
  SAMPLE,
  describeInBrowser,
  foreign,
  openPage,
  screenshot,
  startSession,
  type Session,
} from "./harness";
import { figure, loadFile, summary } from "./page";

describeInBrowser("standalone page from file://", () => {
  let session: Session;

  beforeAll(async () => {
    session = await startSession();
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await session?.close();
  });

  it("reads the sample, shows the figures and downloads the built workbook", async () => {
    const { context, page, requests } = await openPage(session.browser);
    try {
      await page.goto(pathToFileURL(join(session.dist, "standalone.html")).href);
      await loadFile(page, SAMPLE);
      expect(await figure(summary(page), "办复率")).toBe("68.8%");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: /下载整理后的工作簿/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(await download.failure()).toBeNull();
      await screenshot(page, "file-url-sample");
      // Everything came from beside the page: scripts and chunks under dist/, the download from a blob.
      expect(foreign(requests, "file://")).toEqual([]);
      expect(requests.filter((url) => url.endsWith(".js")).length).toBeGreaterThan(1);
    } finally {
      await context.close();
    }
  });
});
