import { canSaveFiles } from "../../src/hosts/download";
import { createExcelHost } from "../../src/hosts/excel/excelHost";

/** Where a task pane can save the .docx (issue 12, item 4): the Office Add-ins docs and issues, in a table. */
describe("canSaveFiles", () => {
  it.each<[string | undefined, boolean, boolean]>([
    ["OfficeOnline", true, true],
    ["OfficeOnline", false, true],
    ["PC", true, true], // WebView2 (Edge)
    ["PC", false, false], // the old IE webview: no download attribute
    ["Mac", true, false], // WebKit drops the download without a word
    ["iOS", true, false],
    [undefined, true, false],
  ])("%s with download attribute %s → %s", (platform, attribute, expected) => {
    expect(canSaveFiles(platform, attribute)).toBe(expected);
  });

  it("gives the Excel host a saveFile only on a platform that can save", () => {
    // Under node no link knows `download`: only Excel on the web qualifies.
    expect(createExcelHost({ platform: "OfficeOnline" }).saveFile).toBeDefined();
    expect(createExcelHost({ platform: "Mac" }).saveFile).toBeUndefined();
    expect(createExcelHost({ platform: "PC" }).saveFile).toBeUndefined();
  });
});
