/**
 * Issue 11: the 催办单 sheet through real .xlsx files (page breaks, print scale, kept or replaced on a rebuild,
 * a signed one kept as a dated copy), LibreOffice's PDF of it (one A4 page per 科室 on the sample), and the
 * 协办/会办 deadline setting recalculated by LibreOffice, agreeing with the engine row by row.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx, writeXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { analyzeWorkbook } from "../../../src/core/analyze";
import { remindersFor } from "../../../src/core/reminders";
import { deadlineStatus, effectiveDue } from "../../../src/core/deadlines";
import { isoFromSerial } from "../../../src/core/dates";
import { statusLabels } from "../../../src/core/plan/labels";
import type { SettingsInput } from "../../../src/core/settings";
import {
  convertWithLibreOffice,
  describeWithLibreOffice,
  onlySheetVisible,
  pdfPagesOrSkip,
} from "../../helpers/libreoffice";
import { sheetXml } from "../../helpers/packageCheck";
import { xlsxFromGrids, utc } from "../../helpers/grid-xlsx";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");
const NOW = new Date(2026, 11, 1);
const AS_OF = "2026-12-01";

async function build(input: Uint8Array, settings: SettingsInput = {}, reminders = true) {
  const built = await buildXlsx(input, { asOf: AS_OF, ...settings }, NOW, { reminders });
  if (!built.ok) throw new Error(`build failed: ${built.error.code}`);
  return built;
}

describe("the 催办单 in an .xlsx", () => {
  it("starts each 科室 on a new page, printed on A4 portrait at a fixed scale (manual breaks need it)", async () => {
    const built = await build(readFileSync(SAMPLE));
    expect(built.plan.sheets.reminders).toBe("催办单");
    const xml = await sheetXml(built.buffer, "催办单");
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    const groups = remindersFor(built.analysis).groups.length;
    const blocks = groups + (remindersFor(built.analysis).unknownDeadline.length > 0 ? 1 : 0);
    expect(breaks).toHaveLength(blocks - 1);
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="portrait"[^>]*scale="80"/);
    expect(xml).not.toMatch(/fitToPage="1"/);
    // Each break sits above a block title.
    const wb = await loadXlsx(built.buffer);
    const ws = wb.getWorksheet("催办单")!;
    for (const b of breaks)
      expect(String(ws.getCell(b + 1, 1).value)).toMatch(/^(建议提案催办单|办理时限不明的建议提案)$/);
    expect(String(ws.getCell(1, 1).value)).toBe("建议提案催办单");
  });

  it("is kept as it is by a rebuild that does not ask for it, and replaced by one that does", async () => {
    const first = await build(readFileSync(SAMPLE));
    const again = await build(first.buffer, {}, false);
    expect(again.plan.sheets.reminders).toBe("催办单");
    expect(again.plan.replaces).not.toContain("催办单");
    const wb = await loadXlsx(again.buffer);
    expect(wb.getWorksheet("催办单")?.getCell(2, 5).value).toBe("填发日期：2026年12月1日");

    const later = await buildXlsx(again.buffer, { asOf: "2026-12-03" }, NOW, { reminders: true });
    if (!later.ok) throw new Error(later.error.code);
    expect(later.plan.replaces).toContain("催办单");
    const names = (await loadXlsx(later.buffer)).worksheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith("催办单"))).toEqual(["催办单"]);
    expect((await loadXlsx(later.buffer)).getWorksheet("催办单")?.getCell(2, 5).value).toBe(
      "填发日期：2026年12月3日",
    );
    expect(later.analysis.issues.map((i) => i.code)).not.toContain("generated_sheet_copied");
  });

  it("keeps a 催办单 someone signed as a dated copy, and says so", async () => {
    const first = await build(readFileSync(SAMPLE));
    const wb = await loadXlsx(first.buffer);
    const ws = wb.getWorksheet("催办单")!;
    let signRow = 0;
    ws.eachRow((row, r) => {
      if (!signRow && String(row.getCell(1).value ?? "").startsWith("签收人")) signRow = r;
    });
    ws.getCell(signRow, 1).value = "签收人：李明";
    const signed = await writeXlsx(wb);
    const again = await build(signed);
    const out = await loadXlsx(again.buffer);
    const copy = out.worksheets.find((w) => /^催办单\(\d\d-\d\d\)$/.test(w.name));
    expect(copy?.getCell(signRow, 1).value).toBe("签收人：李明");
    expect(out.getWorksheet("催办单")?.getCell(signRow, 1).value).toMatch(/^签收人：_+$/);
    // The copy is no part of the ledger, and no ledger of its own, for the next build either.
    const third = await build(again.buffer);
    expect(third.analysis.sheets).toEqual(["责任分工表"]);
    expect(third.analysis.issues.filter((i) => i.code === "generated_sheet_copied")).toHaveLength(0);
    expect(again.analysis.issues).toContainEqual(
      expect.objectContaining({
        code: "generated_sheet_copied",
        params: { text: "催办单", other: copy?.name },
      }),
    );
  });

  it("keeps the 协办 months in 台账设置 until the user clears them (a setting given as undefined)", async () => {
    const built = await build(readFileSync(SAMPLE), { assistDeadlineMonths: 1 }, false);
    const snapshot = snapshotOf(await loadXlsx(built.buffer));
    const kept = analyzeWorkbook(snapshot, {});
    const cleared = analyzeWorkbook(snapshot, { assistDeadlineMonths: undefined });
    expect(kept.ok && kept.analysis.settings.assistDeadlineMonths).toBe(1);
    expect(cleared.ok && cleared.analysis.settings.assistDeadlineMonths).toBeUndefined();
  });

  it("is not written by a plain build", async () => {
    const built = await build(readFileSync(SAMPLE), {}, false);
    expect(built.plan.sheets.reminders).toBeUndefined();
    expect((await loadXlsx(built.buffer)).worksheets.map((w) => w.name)).not.toContain("催办单");
  });
});

/** A ledger whose deadlines are all derived: 主办, 协办 and 会办 of both kinds, one with its own deadline. */
async function assistLedger(): Promise<Buffer> {
  const header = ["编号", "类别", "案由", "办理类型", "承办科室", "交办日期", "办理时限", "答复日期"];
  return xlsxFromGrids([
    {
      name: "台账",
      rows: [
        header,
        ["R1", "人大建议", "关于养老的建议", "主办", "养老科", utc(2026, 9, 10), null, null],
        ["R2", "人大建议", "关于养老的建议", "协办", "救助科", utc(2026, 10, 20), null, null],
        ["R3", "人大建议", "关于养老的建议", "会办", "福利科", utc(2026, 11, 5), null, null],
        ["P1", "政协提案", "关于殡葬的提案", "主办", "事务科", utc(2026, 7, 10), null, null],
        ["P2", "政协提案", "关于殡葬的提案", "协办", "事务科", utc(2026, 10, 31), null, null],
        ["P3", "政协提案", "关于殡葬的提案", "协办", "救助科", utc(2026, 9, 1), utc(2026, 12, 20), null],
        ["P4", "政协提案", "关于地名的提案", "协办", "区划科", utc(2026, 9, 1), null, utc(2026, 10, 1)],
      ],
    },
  ]);
}

describeWithLibreOffice("LibreOffice and the 催办单", () => {
  it.each<[string, SettingsInput]>([
    ["协办/会办 one month, 政协 five", { assistDeadlineMonths: 1, cppccDeadlineMonths: 5 }],
    ["the main rule for everyone", {}],
  ])("recalculates 计算时限 and 时限状态 as the engine reads them (%s)", async (_title, settings) => {
    const built = await build(await assistLedger(), settings, false);
    const converted = await convertWithLibreOffice(built.buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      converted.buffer.slice(
        converted.byteOffset,
        converted.byteOffset + converted.byteLength,
      ) as ArrayBuffer,
    );
    const ws = wb.getWorksheet("台账")!;
    const col = (name: string): number => {
      let found = 0;
      ws.getRow(1).eachCell((c, i) => {
        if (c.value === name) found = i;
      });
      return found;
    };
    const [dueCol, statusCol] = [col("计算时限"), col("时限状态")];
    expect(dueCol * statusCol).toBeGreaterThan(0);
    const labels = statusLabels("simplified");
    const word = { ...labels, unknown: labels.open };
    const a = built.analysis;
    const seen = a.records.map((r) => {
      const v = ws.getCell(r.row, dueCol).result;
      const iso =
        v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "number" ? isoFromSerial(v) : v;
      return [r.id, iso, ws.getCell(r.row, statusCol).result];
    });
    const want = a.records.map((r) => {
      const due = effectiveDue(r, a.settings);
      return [
        r.id,
        due === undefined ? "" : isoFromSerial(due),
        word[deadlineStatus(r, a.today, a.settings)],
      ];
    });
    expect(seen).toEqual(want);
    // The setting changes what is overdue: R2 (协办, 10-20) is overdue on 12-01 only under the one-month rule.
    const r2 = want.find((w) => w[0] === "R2");
    expect(r2?.[2]).toBe(settings.assistDeadlineMonths ? labels.overdue : labels.open);
  });

  it("prints the sample's 催办单 on one A4 page per 科室", async () => {
    const built = await build(readFileSync(SAMPLE));
    const pdf = await convertWithLibreOffice(await onlySheetVisible(built.buffer, "催办单"), "pdf");
    const text = pdf.toString("latin1");
    const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    const r = remindersFor(built.analysis);
    expect(pages).toBe(r.groups.length + (r.unknownDeadline.length > 0 ? 1 : 0));
    expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
    const texts = await pdfPagesOrSkip(pdf);
    if (texts === null) return;
    r.groups.forEach((g, i) => {
      expect(texts[i]).toContain("建议提案催办单");
      expect(texts[i]).toContain(`承办科室：${g.department}`);
      for (const item of g.items) expect(texts[i]).toContain(item.id ?? "");
      expect(texts[i]).toContain("签收人");
    });
  });
});
