import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IFontAttributesProperties,
  type IRunOptions,
} from "docx";
import type { Script } from "../../core/fields";
import type { Analysis } from "../../core/analyze";
import type { WorkbookSnapshot } from "../../core/snapshot";
import { DEFAULT_ORGANISATION } from "../../core/settings";
import { reportAsEdited } from "../../core/plan/userEdits";
import type { Report, ReportParagraph } from "../../core/report.types";
import {
  CHARACTER_SPACING,
  TEXT_WIDTH,
  FONTS,
  INDENT_2_CHARS,
  LINE_PITCH,
  MARGINS,
  PAGE,
  PAGE_NUMBER_INSET,
  SIZE,
} from "./gbt9704";
import { packageOverrides, stableZip } from "./package";

export interface ReportDocxOptions {
  /** The as-of date (YYYY-MM-DD): the document's created/modified stamps, so the same report gives the same bytes. */
  date?: string;
  /** The document's author (the organisation). */
  creator?: string;
  /** The report's script, for the text's language (zh-CN or zh-TW). */
  script?: Script;
}

/**
 * The .docx of an analysed workbook (the command line, the page, the pane): its report as the clerk finished it on
 * 汇报材料 (reportAsEdited), dated by the as-of date and signed by the organisation unless that is the default 我局.
 */
export async function analysisDocx(
  workbook: WorkbookSnapshot,
  analysis: Analysis,
): Promise<{ report: Report; bytes: Uint8Array }> {
  const report = reportAsEdited(workbook, analysis.stored, analysis.report);
  const { organisation } = analysis.settings;
  const bytes = await reportDocx(report, {
    date: analysis.stats.asOf,
    script: analysis.script,
    ...(organisation !== DEFAULT_ORGANISATION ? { creator: organisation } : {}),
  });
  return { report, bytes };
}

/** When no date is given: a constant, not the clock. */
const NO_DATE = "2000-01-01";

/**
 * The report (the same `Report` the 汇报材料 sheet shows) as a Word/WPS .docx in the GB/T 9704 layout: A4, margins
 * 37/35/28/26 mm, 22 lines of 28 characters; title 方正小标宋简体 二号 centred; text 仿宋_GB2312 三号 with a
 * first-line indent of two characters; "一、" headings 黑体 and "（一）" headings 楷体_GB2312; placeholders
 * 【请在此填写：…】 in the text's plain type; page numbers "— 1 —" in 宋体 四号, odd pages right, even pages left.
 * Bytes out, no IO; the same report and options give the same bytes.
 */
export async function reportDocx(report: Report, options: ReportDocxOptions = {}): Promise<Uint8Array> {
  const title = report.paragraphs.find((p) => p.kind === "title")?.text ?? "";
  const lang = options.script === "traditional" ? "zh-TW" : "zh-CN";
  const doc = new Document({
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          // Exact line spacing and condensed characters make the 22 × 28 page in every reader; Word's character
          // grid (w:docGrid linesAndChars) would too in Word and WPS, but LibreOffice lays a negative grid pitch out
          // at 20 characters a line and puts the title's lines two grid lines apart.
          run: {
            font: fontOf(FONTS.body),
            size: SIZE.body,
            characterSpacing: CHARACTER_SPACING,
            language: { value: "en-US", eastAsia: lang },
          },
          paragraph: { spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGINS, gutter: 0 } },
        },
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children: report.paragraphs.flatMap(paragraphsOf),
      },
    ],
  });
  const date = options.date ?? NO_DATE;
  const stamp = `${date}T00:00:00Z`;
  const packed = await Packer.pack(
    doc,
    "uint8array",
    false,
    packageOverrides({ title, creator: options.creator ?? "", stamp }),
  );
  return stableZip(packed, new Date(stamp));
}

/** One font for every script of the run, East Asian first (w:hint): the reader substitutes a missing one. */
function fontOf(name: string): IFontAttributesProperties {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: "eastAsia" };
}

const FIRST_LINE = { firstLineChars: 200, firstLine: INDENT_2_CHARS };

function paragraphsOf(p: ReportParagraph): Paragraph[] {
  switch (p.kind) {
    case "title":
      // The title, then one empty line (GB/T 9704 7.3.3: the text starts one line below it).
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: titleLines(p.text).map(
            (text, i) =>
              new TextRun({
                text,
                font: fontOf(FONTS.title),
                size: SIZE.title,
                ...(i > 0 ? { break: 1 } : {}),
              }),
          ),
        }),
        new Paragraph({}),
      ];
    case "heading":
      return [
        new Paragraph({
          indent: FIRST_LINE,
          keepNext: true,
          keepLines: true,
          children: [new TextRun({ text: p.text, ...headingRun(p.text) })],
        }),
      ];
    case "body":
      return [textParagraph(p.text)];
    case "placeholder":
      // Plain type, the brackets say what it is: printed as it stands, nobody sends it out unfilled unseen.
      return [textParagraph(/^【.*】$/s.test(p.text) ? p.text : `【${p.text}】`)];
  }
}

/** Title characters a line: 8845 twips / (22 pt − 0.25 pt) = 20. */
const TITLE_WIDTH = Math.floor(TEXT_WIDTH / ((SIZE.title / 2) * 20 + CHARACTER_SPACING));
/** Where a title may break without splitting a phrase: before 和, 关于 and 办理工作 (in either script). */
const TITLE_BREAKS = /(?=和|关于|關於|办理工作|辦理工作)/g;

/**
 * The title in lines that keep phrases whole (GB/T 9704 7.3.1: "回行时，要做到词意完整"): one line when it fits,
 * else two at the break that makes the longer line shortest ("XX市民政局关于2026年度人大代表建议" /
 * "和政协提案办理工作情况的报告"); as it stands (the reader wraps it) when no break fits.
 * @example titleLines("关于2026年度人大代表建议办理工作情况的报告") → ["关于2026年度人大代表建议", "办理工作情况的报告"]
 */
export function titleLines(title: string): string[] {
  if (width(title) <= TITLE_WIDTH) return [title];
  let best: { at: number; longest: number } | undefined;
  for (const m of title.matchAll(TITLE_BREAKS)) {
    const at = m.index;
    if (at === 0) continue;
    const longest = Math.max(width(title.slice(0, at)), width(title.slice(at)));
    if (longest <= TITLE_WIDTH && (!best || longest < best.longest)) best = { at, longest };
  }
  return best ? [title.slice(0, best.at), title.slice(best.at)] : [title];
}

/** Width in full-width characters: Latin letters and digits are half. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

function textParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: FIRST_LINE,
    children: [new TextRun({ text, italics: false, bold: false })],
  });
}

/**
 * The heading's level by its numbering (GB/T 9704 7.3.3): "一、" 黑体, "（一）" 楷体, "1." and "（1）" 仿宋 (the
 * first bold, as offices do). A heading without numbering is a first-level one.
 */
export function headingLevel(text: string): 1 | 2 | 3 | 4 {
  const t = text.trim();
  if (/^[（(][一二三四五六七八九十百]+[）)]/.test(t)) return 2;
  if (/^[0-9０-９]+[.．]/.test(t)) return 3;
  if (/^[（(][0-9０-９]+[）)]/.test(t)) return 4;
  return 1;
}

function headingRun(text: string): Pick<IRunOptions, "font" | "bold"> {
  switch (headingLevel(text)) {
    case 1:
      return { font: fontOf(FONTS.heading1), bold: false };
    case 2:
      return { font: fontOf(FONTS.heading2), bold: false };
    case 3:
      return { bold: true };
    case 4:
      return { bold: false };
  }
}

/** "— 1 —" in 宋体 四号, one character in from the outside edge: right on odd pages, left on even ones. */
function pageNumberFooter(side: "odd" | "even"): Footer {
  const run = { font: fontOf(FONTS.pageNumber), size: SIZE.pageNumber };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
        // The footer line is one 四号 line high (see MARGINS.footer), off the text's grid.
        spacing: { line: SIZE.pageNumber * 10, lineRule: LineRuleType.EXACT },
        children: [new TextRun({ ...run, children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}
