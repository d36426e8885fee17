import { reportSheet } from "../../../src/core/plan/reportSheet";
import type { Report } from "../../../src/core/report.types";

/** 汇报材料 (issue 12, item 3): a heading is never the last thing on a printed page. */
const PAGE = ((297 - 37 - 35) / 25.4) * 72;

function report(bodies: number): Report {
  const paragraphs: Report["paragraphs"] = [
    { kind: "title", text: "关于2026年度人大代表建议和政协提案办理工作情况的报告" },
    { kind: "heading", text: "一、基本情况" },
    ...Array.from({ length: bodies }, (_, i) => ({
      kind: "body" as const,
      text: `第${i + 1}段，共承办建议提案。`,
    })),
    { kind: "heading", text: "二、主要做法" },
    { kind: "body", text: "严格落实“五定”责任制。" },
    { kind: "heading", text: "三、下一步打算" },
    { kind: "placeholder", text: "【请在此填写：下一步打算】" },
  ];
  return { paragraphs, text: "" };
}

describe("汇报材料 keeps each heading with its text", () => {
  it.each(Array.from({ length: 16 }, (_, i) => 12 + i))("with %i paragraphs under the first heading", (n) => {
    const { op } = reportSheet("汇报材料", report(n));
    const height = new Map(op.rowHeights.map((h) => [h.row, h.height]));
    const at = (r: number) => height.get(r) ?? 15;
    const rows = op.blocks[0]?.cells.length ?? 0;
    const headings = new Set(
      (op.blocks[0]?.cells ?? []).flatMap((row, r) => {
        const c = row[0];
        return c?.t === "text" && /^\u3000*[一二三]、/.test(c.v) ? [r] : [];
      }),
    );
    const breaks = new Set(op.page?.breaksBefore ?? []);
    // Page by page as printed: a page ends at a manual break or when the next row does not fit.
    let used = 0;
    for (let r = 0; r < rows; r++) {
      if (breaks.has(r)) {
        expect(headings.has(r)).toBe(true);
        used = 0;
      } else if (used + at(r) > PAGE) used = 0;
      if (headings.has(r) && r + 1 < rows) expect(used + at(r) + at(r + 1)).toBeLessThanOrEqual(PAGE);
      used += at(r);
    }
    expect(op.page?.scale).toBe(100);
  });

  it("breaks before a heading that would end a page, for some length of the text above it", () => {
    const broke = Array.from(
      { length: 16 },
      (_, i) => reportSheet("汇报材料", report(12 + i)).op.page?.breaksBefore ?? [],
    );
    expect(broke.some((b) => b.length > 0)).toBe(true);
    expect(broke.some((b) => b.length === 0)).toBe(true);
  });
});
