/** What a user does and reads on the page, by role and accessible name. */
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";

/** Chooses a file through the page's file input and waits until its figures are shown. */
export async function loadFile(
  page: Page,
  path: string,
  figuresLabel = /主要数字|主要數字|Key figures/,
): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(path);
  await summary(page, figuresLabel).waitFor();
}

/** The page's key figures above the pane. */
export function summary(page: Page, label: string | RegExp = "主要数字"): Locator {
  return page.getByRole("region", { name: label });
}

/** The value of one figure card (a group named by its label), once it is shown. */
export async function figure(scope: Locator, label: string): Promise<string> {
  const card = scope.getByRole("group", { name: label, exact: true });
  await card.waitFor();
  // The card holds the label, then the value.
  return (await card.locator("span").last().innerText()).trim();
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
  await page.getByRole("tabpanel", { name }).waitFor();
}

/** A real .xlsx with a sheet that is not a ledger. */
export async function noLedgerWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.addRows([
    ["品名", "数量", "单价"],
    ["苹果", 3, 4.5],
    ["梨", 2, 3.2],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Presses the download button and opens what it saved. */
export async function downloadWorkbook(page: Page, expectedName?: string): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([
    // A large workbook takes its time to build on a busy 2-core machine: the page shows its progress meanwhile.
    page.waitForEvent("download", { timeout: 180_000 }),
    page.getByRole("button", { name: /下载整理后的工作簿/ }).click(),
  ]);
  if (expectedName) expect(download.suggestedFilename()).toBe(expectedName);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  return wb;
}

/** Every cell's text of one sheet, a line each. */
export function sheetText(wb: ExcelJS.Workbook, name: string): string {
  const lines: string[] = [];
  wb.getWorksheet(name)?.eachRow((row) => row.eachCell((cell) => lines.push(String(cell.text))));
  return lines.join("\n");
}
