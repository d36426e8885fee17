/**
 * The standalone page's file host: the download is the full build with the settings the pane hands it
 * (mapping corrections included), before and after 整理台账.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { buildPlan } from "../../src/core/plan/build";
import type { SettingsInput } from "../../src/core/settings";
import { HostError } from "../../src/hosts/host";
import { openFileHost, type FileHost } from "../../src/standalone/fileHost";
import { TASK_PARTS } from "../../src/core/plan/tasks";

const SAMPLE = join(__dirname, "..", "..", "samples", "sample-ledger.xlsx");
const NOW = new Date(2024, 11, 31);
const AS_IS: SettingsInput = { locale: "zh-CN" };
/**
 * 答复日期, 答复文号 and 办理结果 unmapped: nothing shows a reply, so nothing counts as replied (a result or
 * a reply reference alone counts as a reply without a date).
 */
const NO_REPLY_DATE: SettingsInput = {
  locale: "zh-CN",
  mapping: { repliedOn: null, replyRef: null, result: null },
};

/** The sample behind a file host, and a download that opens what the host saved. */
async function sample(): Promise<{
  host: FileHost;
  download(settings: SettingsInput): Promise<ExcelJS.Workbook>;
}> {
  const bytes = await readFile(SAMPLE);
  let saved: Blob | null = null;
  const host = await openFileHost(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), {
    now: () => NOW,
    save: (blob) => {
      saved = blob;
    },
  });
  return {
    host,
    async download(settings) {
      saved = null;
      await host.download("built.xlsx", settings);
      if (!saved) throw new Error("nothing was saved");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await (saved as Blob).arrayBuffer());
      return wb;
    },
  };
}

/** What the pane does on 整理台账, with the given settings. */
async function structure(host: FileHost, settings: SettingsInput): Promise<void> {
  const snapshot = await host.snapshot();
  const outcome = analyzeWorkbook(snapshot, settings, NOW);
  if (!outcome.ok) throw new Error(outcome.error.code);
  await host.apply(buildPlan(snapshot, outcome.analysis, { parts: TASK_PARTS.structure }));
}

function sheetText(wb: ExcelJS.Workbook, name: string): string {
  const lines: string[] = [];
  wb.getWorksheet(name)?.eachRow((row) => row.eachCell((cell) => lines.push(String(cell.text))));
  return lines.join("\n");
}

/** The value of a key on the hidden settings sheet, or undefined when the key is absent. */
function stored(wb: ExcelJS.Workbook, key: string): string | undefined {
  let value: string | undefined;
  wb.getWorksheet("台账设置")?.eachRow((row) => {
    if (row.getCell(1).text === key) value = row.getCell(2).text;
  });
  return value;
}

describe("file host snapshot", () => {
  it("reads the backup 整理台账 made cell for cell, as the original sheet was", async () => {
    const { host } = await sample();
    const before = await host.snapshot();
    await structure(host, AS_IS);
    const after = await host.snapshot();
    const original = before.sheets.find((s) => s.name === "责任分工表");
    const backup = after.sheets.find((s) => s.name.includes("原表"));
    expect(original?.rows.length).toBeGreaterThan(10);
    expect(backup?.rows).toEqual(original?.rows);
    expect(backup?.merges).toEqual(original?.merges);
    expect(backup?.columnWidths).toEqual(original?.columnWidths);
  });
});

describe("file host download", () => {
  it("builds the file as opened with the pane's settings, without 整理台账", async () => {
    const { download } = await sample();
    expect(sheetText(await download(AS_IS), "汇报材料")).toContain("办复率为68.8%");

    const corrected = await download(NO_REPLY_DATE);
    expect(sheetText(corrected, "汇报材料")).toContain("办复率为0%");
    // The correction is stored with the workbook: it holds when the file is opened again.
    expect(stored(corrected, "mapping.repliedOn")).toBe("");
  });

  it("rebuilds a structured workbook with corrections made after 整理台账, keeping one backup", async () => {
    const { host, download } = await sample();
    await structure(host, AS_IS);
    const before = await download(AS_IS);
    expect(sheetText(before, "汇报材料")).toContain("办复率为68.8%");

    const wb = await download(NO_REPLY_DATE);
    expect(sheetText(wb, "汇报材料")).toContain("办复率为0%");
    expect(stored(wb, "mapping.repliedOn")).toBe("");
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names.filter((name) => name.includes("原表"))).toHaveLength(1);
    expect(names.filter((name) => name.startsWith("统计表"))).toEqual(["统计表"]);
    expect(wb.getWorksheet("责任分工表")?.getTables().length).toBe(1);
  });

  it("leaves the workbook the pane shows as it was", async () => {
    const { host, download } = await sample();
    const before = await host.snapshot();
    await download(NO_REPLY_DATE);
    expect(await host.snapshot()).toEqual(before);
  });
});

describe("file host failures", () => {
  it("rejects a download it cannot plan with a code and why, no text", async () => {
    const { host } = await sample();
    const err = await host
      .download("built.xlsx", { locale: "zh-CN", sheet: "没有这张表" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({
      code: "download_failed",
      details: { failure: "sheet_not_found" },
      message: "download_failed",
    });
  });

  it("rejects a plan it cannot render with render_failed and keeps the workbook", async () => {
    const { host } = await sample();
    const before = await host.snapshot();
    const broken = { ops: [{ kind: "nonsense" }], replaces: [] } as unknown as Parameters<
      FileHost["apply"]
    >[0];
    await expect(host.apply(broken)).rejects.toMatchObject({ code: "render_failed", details: {} });
    expect(await host.snapshot()).toEqual(before);
  });
});

describe("an .xlsm on the page", () => {
  it("comes back as .xlsm with its macros, before and after 整理台账", async () => {
    const { richLedger, VBA_BYTES } = await import("../helpers/carryFixtures");
    const { builtName } = await import("../../src/standalone/useWorkbookFile");
    const JSZip = (await import("jszip")).default;
    const bytes = await richLedger({ macros: true });
    const saved: { blob: Blob; name: string }[] = [];
    const host = await openFileHost(new Uint8Array(bytes).buffer, {
      now: () => NOW,
      save: (blob, name) => saved.push({ blob, name }),
    });
    const before = await host.build(AS_IS);
    expect(before.macros).toBe(true);
    expect(before.dropped.filter((d) => d.kind === "vba")).toEqual([]);
    expect(builtName("台账.xlsm", "（已整理）", before.macros)).toBe("台账（已整理）.xlsm");
    const zip = await JSZip.loadAsync(before.bytes);
    expect(Buffer.from(await zip.file("xl/vbaProject.bin")!.async("uint8array"))).toEqual(VBA_BYTES);
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("macroEnabled.main+xml");

    const snapshot = await host.snapshot();
    const outcome = analyzeWorkbook(snapshot, AS_IS);
    if (!outcome.ok) throw new Error(outcome.error.code);
    await host.apply(buildPlan(snapshot, outcome.analysis, { parts: TASK_PARTS.structure }));
    await host.download("台账（已整理）.xlsx", AS_IS);
    expect(saved.map((s) => [s.name, s.blob.type])).toEqual([
      // Blob lower-cases its type.
      ["台账（已整理）.xlsm", "application/vnd.ms-excel.sheet.macroenabled.12"],
    ]);
    const after = await JSZip.loadAsync(await saved[0]!.blob.arrayBuffer());
    expect(after.file("xl/vbaProject.bin")).not.toBeNull();
  });
});
