import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { analyzeWorkbook, type Analysis } from "../../../src/core/analyze";
import type { Report } from "../../../src/core/report.types";
import { headingLevel, reportDocx, titleLines } from "../../../src/hosts/docx/report";
import { loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { buildXlsx, writeXlsx } from "../../../src/hosts/xlsx/build";
import { reportAsEdited } from "../../../src/core/plan/userEdits";
import { convertWithLibreOffice, describeWithLibreOffice, pdfPagesOrSkip } from "../../helpers/libreoffice";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");

async function sample(): Promise<Analysis> {
  const outcome = analyzeWorkbook(snapshotOf(await loadXlsx(readFileSync(SAMPLE))), { asOf: "2026-12-31" });
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.analysis;
}

async function docxOf(a: Analysis): Promise<Uint8Array> {
  return reportDocx(a.report, { date: a.stats.asOf, creator: a.settings.organisation, script: a.script });
}

async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (file && /\.(xml|rels)$/.test(name)) out[name] = await file.async("string");
  }
  return out;
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Each w:p of a part: its XML and its text (the w:t of its runs joined). */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: unescape([...p.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? "").join("")),
  }));
}

function attr(xml: string, element: string, name: string): string | undefined {
  const tag = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0] ?? "";
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

describe("reportDocx: the report as a GB/T 9704 document", () => {
  let a: Analysis;
  let xml: Record<string, string>;
  let body: { xml: string; text: string }[];

  beforeAll(async () => {
    a = await sample();
    xml = await parts(await docxOf(a));
    body = paragraphs(xml["word/document.xml"] ?? "");
  });

  it("is an A4 page with the standard's margins (37/35/28/26 mm)", () => {
    const doc = xml["word/document.xml"] ?? "";
    expect(attr(doc, "w:pgSz", "w:w")).toBe("11906");
    expect(attr(doc, "w:pgSz", "w:h")).toBe("16838");
    expect(attr(doc, "w:pgMar", "w:top")).toBe("2098");
    expect(attr(doc, "w:pgMar", "w:bottom")).toBe("1984");
    expect(attr(doc, "w:pgMar", "w:left")).toBe("1587");
    expect(attr(doc, "w:pgMar", "w:right")).toBe("1474");
  });

  it("sets the text in 仿宋_GB2312 三号 on 22 lines a page (fixed 28.95 pt), condensed to 28 characters a line", () => {
    const styles = xml["word/styles.xml"] ?? "";
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? "";
    expect(attr(defaults, "w:rFonts", "w:eastAsia")).toBe("仿宋_GB2312");
    expect(attr(defaults, "w:sz", "w:val")).toBe("32");
    const paragraph = /<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(defaults)?.[0] ?? "";
    expect(attr(paragraph, "w:spacing", "w:line")).toBe("579");
    expect(attr(paragraph, "w:spacing", "w:lineRule")).toBe("exact");
    // 22 lines of 579 twips fit the 225 mm type area (12756 twips); 23 would not.
    expect(22 * 579).toBeLessThanOrEqual(16838 - 2098 - 1984);
    expect(23 * 579).toBeGreaterThan(16838 - 2098 - 1984);
    // 28 characters of 16 pt less 0.25 pt fit the 156 mm line (8845 twips); 29 would not.
    expect(/<w:spacing w:val="(-\d+)"/.exec(defaults)?.[1]).toBe("-5");
    expect(28 * (320 - 5)).toBeLessThanOrEqual(11906 - 1587 - 1474);
    expect(29 * (320 - 5)).toBeGreaterThan(11906 - 1587 - 1474);
  });

  it("holds every paragraph of the Report, each as one paragraph of the document", () => {
    const texts = body.map((p) => p.text);
    for (const p of a.report.paragraphs) expect(texts).toContain(p.text);
    // And so every figure: the opening's numbers are there as the report writes them.
    expect(texts.join("")).toContain("办复率为");
    expect(body.filter((p) => p.text !== "")).toHaveLength(a.report.paragraphs.length);
  });

  it("centres the title in 方正小标宋简体 二号, kept in whole phrases", () => {
    const title = a.report.paragraphs[0]?.text ?? "";
    expect(title).toBe("XX市民政局关于2026年度人大代表建议和政协提案办理工作情况的报告");
    const p = body.find((b) => b.text === title);
    expect(p?.xml).toContain('<w:jc w:val="center"/>');
    expect(attr(p?.xml ?? "", "w:rFonts", "w:eastAsia")).toBe("方正小标宋简体");
    expect(attr(p?.xml ?? "", "w:sz", "w:val")).toBe("44");
    // Broken before 和, not inside 政协.
    expect(p?.xml).toMatch(/人大代表建议<\/w:t><\/w:r><w:r>.*<w:br\/><w:t[^>]*>和政协提案/);
  });

  it("sets 一、 headings in 黑体, kept with what follows", () => {
    const headings = a.report.paragraphs.filter((p) => p.kind === "heading");
    expect(headings.length).toBeGreaterThan(0);
    for (const h of headings) {
      const p = body.find((b) => b.text === h.text);
      expect(attr(p?.xml ?? "", "w:rFonts", "w:eastAsia")).toBe("黑体");
      expect(p?.xml).toContain("<w:keepNext/>");
    }
  });

  it("indents text two characters and prints placeholders in plain type", () => {
    const placeholders = a.report.paragraphs.filter((p) => p.kind === "placeholder");
    expect(placeholders.length).toBeGreaterThan(0);
    for (const ph of placeholders) {
      const p = body.find((b) => b.text === ph.text);
      expect(p?.text).toMatch(/^【请在此填写：.*】$/);
      expect(attr(p?.xml ?? "", "w:ind", "w:firstLineChars")).toBe("200");
      expect(p?.xml).not.toMatch(/<w:i\/>|<w:i w:val="(true|1|on)"\/>/);
      expect(p?.xml).not.toContain("<w:color");
    }
    // Nothing in the document is italic.
    expect(xml["word/document.xml"]).not.toMatch(/<w:i\/>|<w:i w:val="(true|1|on)"\/>/);
  });

  it("numbers pages “— 1 —” in 宋体 四号, odd pages right and even pages left", () => {
    expect(xml["word/settings.xml"]).toContain("<w:evenAndOddHeaders/>");
    const doc = xml["word/document.xml"] ?? "";
    const rels = xml["word/_rels/document.xml.rels"] ?? "";
    const footer = (type: string): string => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(doc)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
      return xml[`word/${target?.[1] ?? target?.[2] ?? ""}`] ?? "";
    };
    for (const [type, side] of [
      ["default", "right"],
      ["even", "left"],
    ] as const) {
      const f = footer(type);
      expect(f).toContain(`<w:jc w:val="${side}"/>`);
      expect(f).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(paragraphs(f)[0]?.text).toBe("—  —");
      expect(attr(f, "w:rFonts", "w:eastAsia")).toBe("宋体");
      expect(attr(f, "w:sz", "w:val")).toBe("28");
    }
  });

  it("names the fonts' other names and GB2312 for readers without them", () => {
    const fonts = xml["word/fontTable.xml"] ?? "";
    for (const name of ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"])
      expect(fonts).toMatch(
        new RegExp(`<w:font w:name="${name}"><w:altName w:val="[^"]+"/><w:charset w:val="86"/>`),
      );
  });

  it("gives the same bytes for the same report whatever the clock says", async () => {
    jest.useFakeTimers({
      now: new Date("2031-05-06T07:08:09Z"),
      doNotFake: [
        "nextTick",
        "setImmediate",
        "clearImmediate",
        "setTimeout",
        "clearTimeout",
        "setInterval",
        "clearInterval",
        "queueMicrotask",
        "requestAnimationFrame",
        "cancelAnimationFrame",
        "requestIdleCallback",
        "cancelIdleCallback",
        "performance",
        "hrtime",
      ],
    });
    let later: Uint8Array;
    try {
      later = await docxOf(a);
    } finally {
      jest.useRealTimers();
    }
    expect(Buffer.from(later).equals(Buffer.from(await docxOf(a)))).toBe(true);
    const core = (await parts(later))["docProps/core.xml"] ?? "";
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-31T00:00:00Z</dcterms:created>',
    );
    expect(core).toContain(
      "<dc:title>XX市民政局关于2026年度人大代表建议和政协提案办理工作情况的报告</dc:title>",
    );
  });
});

describe("reportDocx: headings by their numbering", () => {
  const report: Report = {
    paragraphs: [
      { kind: "title", text: "关于2026年度政协提案办理工作情况的报告" },
      { kind: "heading", text: "一、总体情况" },
      { kind: "heading", text: "（一）加强组织领导" },
      { kind: "heading", text: "1.明确责任" },
      { kind: "body", text: "正文<&>" },
      { kind: "placeholder", text: "未加括号的占位" },
    ],
    text: "",
  };

  it("sets 一、 in 黑体, （一） in 楷体_GB2312, 1. in the text's font, bold", async () => {
    const body = paragraphs((await parts(await reportDocx(report)))["word/document.xml"] ?? "");
    const of = (text: string): string => body.find((p) => p.text === text)?.xml ?? "";
    expect(attr(of("一、总体情况"), "w:rFonts", "w:eastAsia")).toBe("黑体");
    expect(attr(of("（一）加强组织领导"), "w:rFonts", "w:eastAsia")).toBe("楷体_GB2312");
    expect(of("1.明确责任")).not.toContain("<w:rFonts");
    expect(of("1.明确责任")).toContain("<w:b/>");
    expect(of("正文<&>")).not.toBe("");
    expect(of("【未加括号的占位】")).not.toBe("");
  });

  it.each([
    ["一、精心组织", 1],
    ["十二、其他", 1],
    ["（一）加强组织领导", 2],
    ["(二)压实责任", 2],
    ["1.明确责任", 3],
    ["１．明确责任", 3],
    ["（1）细化分工", 4],
    ["下一步计划", 1],
  ] as const)("%s is level %d", (text, level) => {
    expect(headingLevel(text)).toBe(level);
  });
});

describe("titleLines: a long title breaks between phrases", () => {
  it.each([
    ["关于2026年度政协提案办理工作情况的报告", ["关于2026年度政协提案办理工作情况的报告"]],
    [
      "XX市民政局关于2026年度人大代表建议和政协提案办理工作情况的报告",
      ["XX市民政局关于2026年度人大代表建议", "和政协提案办理工作情况的报告"],
    ],
    ["关于2026年度人大代表建议办理工作情况的报告", ["关于2026年度人大代表建议", "办理工作情况的报告"]],
    [
      "關於2019年度人大代表建議和政協提案辦理工作情況的報告",
      ["關於2019年度人大代表建議", "和政協提案辦理工作情況的報告"],
    ],
  ])("%s", (title, lines) => {
    expect(titleLines(title)).toEqual(lines);
  });

  it("leaves a title without a fitting break to the reader", () => {
    const long = "某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某";
    expect(titleLines(long)).toEqual([long]);
  });
});

describeWithLibreOffice(
  "reportDocx in LibreOffice Writer",
  () => {
    it("converts to an A4 PDF with the title, the figures and the page numbers", async () => {
      const a = await sample();
      const pdf = await convertWithLibreOffice(await docxOf(a), "pdf", undefined, "docx");
      const raw = pdf.toString("latin1");
      const boxes = raw.match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) expect(box).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
      const pages = await pdfPagesOrSkip(pdf);
      if (pages === null) return;
      // pdftotext spaces CJK from Latin text and breaks lines: compare without white space.
      const flat = (s: string): string => s.replace(/\s+/g, "");
      const first = flat(pages[0] ?? "");
      expect(first).toContain(flat(a.report.paragraphs[0]?.text ?? ""));
      const opening = a.report.paragraphs[1]?.text ?? "";
      const figure = /办复率为[\d.]+%[^。]*。/.exec(opening)?.[0] ?? "办复率为";
      expect(first).toContain(flat(figure));
      expect(first).toContain("—1—");
      if (pages.length > 1) expect(flat(pages[1] ?? "")).toContain("—2—");
      // At most 22 lines of text on a page, besides the page number.
      const lines = (pages[0] ?? "").split("\n").filter((l) => l.trim() !== "" && !/—\s*\d+\s*—/.test(l));
      expect(lines.length).toBeLessThanOrEqual(22);
      expect(lines.length).toBeGreaterThan(15);
      // Every paragraph is somewhere in the PDF, read across the page breaks (page numbers left out).
      const all = flat(pages.map((p) => p.replace(/—\s*\d+\s*—/g, "")).join(""));
      for (const p of a.report.paragraphs) expect(all).toContain(flat(p.text));
    });
  },
  "writer",
);

describe("the .docx holds what the clerk wrote on 汇报材料", () => {
  const FILLED = "\u3000\u3000今年我局严格落实“五定”责任制，每件建议提案均按时交办。";
  const ADDED = "\u3000\u3000此外，我局还召开了两次办理工作推进会。";

  it("puts a filled-in placeholder in its place and an added paragraph after it", async () => {
    const built = await buildXlsx(readFileSync(SAMPLE), { asOf: "2026-12-31" });
    if (!built.ok) throw new Error(built.error.code);
    const wb = await loadXlsx(built.buffer);
    const sheet = wb.getWorksheet(built.plan.sheets.report)!;
    let at = 0;
    sheet.eachRow((row, r) => {
      if (!at && String(row.getCell(1).value ?? "").includes("【请在此填写")) at = r;
    });
    expect(at).toBeGreaterThan(0);
    const placeholder = String(sheet.getCell(at, 1).value);
    sheet.getCell(at, 1).value = FILLED;
    sheet.spliceRows(at + 1, 0, [ADDED]);
    const snapshot = snapshotOf(await loadXlsx(await writeXlsx(wb)));
    const outcome = analyzeWorkbook(snapshot, { asOf: "2026-12-31" });
    if (!outcome.ok) throw new Error(outcome.error.code);
    const a = outcome.analysis;
    const edited = reportAsEdited(snapshot, a.stored, a.report);
    const texts = paragraphs(
      (await parts(await reportDocx(edited, { date: a.stats.asOf })))["word/document.xml"] ?? "",
    ).map((p) => p.text);
    const filled = texts.findIndex((t) => t.includes("严格落实“五定”责任制"));
    expect(filled).toBeGreaterThan(0);
    expect(texts[filled + 1]).toContain("两次办理工作推进会");
    expect(texts.join("\n")).not.toContain(placeholder.trim());
    // Without edits the report is the generated one.
    expect(reportAsEdited(snapshotOf(await loadXlsx(built.buffer)), a.stored, a.report)).toBe(a.report);
  });
});
