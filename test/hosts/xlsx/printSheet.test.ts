/**
 * Issue 12, item 2: 台账打印, the ledger's 督办 columns on A4 landscape at 11 points (9 or more after fitting the
 * width), header rows repeated, page numbers; written on demand, replaced or kept as a dated copy like the 催办单.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx, writeXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";
import { deadlineStatus } from "../../../src/core/deadlines";
import { statusLabels } from "../../../src/core/plan/labels";
import type { NewSheetPlan } from "../../../src/core/plan/types";
import {
  convertWithLibreOffice,
  describeWithLibreOffice,
  onlySheetVisible,
  pdfPagesOrSkip,
} from "../../helpers/libreoffice";
import { xlsxFromGrids, utc } from "../../helpers/grid-xlsx";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");
const SETTINGS = { asOf: "2026-12-01" };

async function build(input: Uint8Array, print = true) {
  const built = await buildXlsx(input, SETTINGS, new Date(2026, 11, 1), { print });
  if (!built.ok) throw new Error(built.error.code);
  return built;
}

describe("台账打印", () => {
  it("lists every item with the 督办 columns, its deadline in force and status, on A4 landscape with page numbers", async () => {
    const built = await build(readFileSync(SAMPLE));
    expect(built.plan.sheets.print).toBe("台账打印");
    const op = built.plan.ops.find((o): o is NewSheetPlan => o.kind === "new" && o.role === "print");
    expect(op?.page).toMatchObject({ orientation: "landscape", paperSize: "A4", printTitleRows: "1:3" });
    expect(op?.page?.footer?.center).toBe("第&P页 共&N页");
    const ws = (await loadXlsx(built.buffer)).getWorksheet("台账打印")!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      "序号",
      "编号",
      "案由",
      "承办科室",
      "承办人",
      "分管领导",
      "办理时限",
      "时限状态",
      "办理结果",
    ]);
    const a = built.analysis;
    const labels = statusLabels(a.script);
    a.records.forEach((r, i) => {
      const row = ws.getRow(4 + i);
      expect([row.getCell(2).value ?? "", row.getCell(3).value ?? ""]).toEqual([r.id ?? "", r.title ?? ""]);
      const status = deadlineStatus(r, a.today, a.settings);
      expect(row.getCell(8).value).toBe(status === "unknown" ? labels.open : labels[status]);
    });
    expect(ws.rowCount).toBe(3 + a.records.length);
    // At least 9 points: the text is 11 points and the columns fit A4 landscape at 90 % or more.
    const width = (op?.columnWidths ?? []).reduce((n, c) => n + c.width, 0);
    expect(width).toBeLessThanOrEqual(120);
  });

  it("is not written unless asked; a later build keeps it; asked again it is replaced, or kept as a dated copy once edited", async () => {
    const plain = await build(readFileSync(SAMPLE), false);
    expect(plain.plan.sheets.print).toBeUndefined();
    const first = await build(readFileSync(SAMPLE));
    const kept = await build(first.buffer, false);
    expect(kept.plan.sheets.print).toBe("台账打印");
    expect(kept.plan.replaces).not.toContain("台账打印");
    const again = await build(kept.buffer);
    expect(again.plan.replaces).toContain("台账打印");
    expect(again.analysis.issues.map((i) => i.code)).not.toContain("generated_sheet_copied");
    const wb = await loadXlsx(again.buffer);
    wb.getWorksheet("台账打印")!.getCell(4, 10).value = "会上已督办";
    const edited = await build(await writeXlsx(wb));
    const names = (await loadXlsx(edited.buffer)).worksheets.map((w) => w.name);
    expect(names.filter((n) => /^台账打印\(\d\d-\d\d\)$/.test(n))).toHaveLength(1);
    expect(edited.analysis.issues.map((i) => i.code)).toContain("generated_sheet_copied");
  });
});

describeWithLibreOffice("LibreOffice prints 台账打印", () => {
  it("on A4 landscape pages, each with the header row and its page number", async () => {
    const header = [
      "编号",
      "案由",
      "承办科室",
      "承办人",
      "分管领导",
      "办理时限",
      "答复日期",
      "备注",
      "联系电话",
      "代表",
    ];
    const rows = Array.from({ length: 80 }, (_, i) => [
      `R${i + 1}`,
      `关于加强第${i + 1}项民生工作的建议`,
      `第${(i % 5) + 1}科`,
      "王一",
      "张局长",
      utc(2026, 12, 1 + (i % 20)),
      null,
      "备注文字".repeat(4),
      "0791-8000000",
      "李代表",
    ]);
    const built = await build(await xlsxFromGrids([{ name: "台账", rows: [header, ...rows] }]));
    const pdf = await convertWithLibreOffice(await onlySheetVisible(built.buffer, "台账打印"), "pdf");
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) expect(Number(b[1])).toBeGreaterThan(Number(b[2]));
    const pages = await pdfPagesOrSkip(pdf);
    if (pages === null) return;
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain("案由");
      expect(page).toContain(`第${i + 1}页 共${pages.length}页`);
    });
    // The columns left on screen are not printed.
    expect(pages.join("\n")).not.toContain("备注文字");
  });
});
