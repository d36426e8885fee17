import type { Report } from "../report.types";
import type { CellStyle, NewSheetPlan } from "./types";
import { Grid, printedSheet, rowHeightFor, txt } from "./grid";
import { a1 } from "../address";
import { ownedHash, type OwnedCells } from "../owned";

/**
 * Column width in characters: 66 fits the A4 text width between GB/T 9704 margins without scaling
 * (LibreOffice did not apply fit-to-width to this sheet), about 22 Chinese characters of 16-point text a line.
 */
const WIDTH = 66;
const CHARS_PER_LINE = 21;
/** Line height of 16-point (三号) text, in points. */
const LINE = 22;
const BODY: CellStyle = { fontName: "仿宋_GB2312", fontSize: 16, wrap: true, vAlign: "top", hAlign: "left" };
const STYLES: Record<Report["paragraphs"][number]["kind"], CellStyle> = {
  title: {
    fontName: "方正小标宋简体",
    fontSize: 22,
    bold: true,
    hAlign: "center",
    vAlign: "middle",
    wrap: true,
  },
  heading: { fontName: "黑体", fontSize: 16, bold: true, wrap: true, vAlign: "middle" },
  body: BODY,
  // In plain type: 【请在此填写：…】 says what it is, and a filled-in paragraph prints like the others.
  placeholder: BODY,
};
/** Chinese paragraphs open with two full-width spaces. */
const INDENT = "\u3000\u3000";

/**
 * What the user wrote on an earlier 汇报材料, by paragraph key (see reportSheet): paragraphs rewritten (a
 * placeholder filled in, a generated paragraph reworded) and paragraphs added after a given one.
 */
export interface ReportEdits {
  /** Paragraph key → the user's text, written instead of the generated paragraph. */
  replaced: Map<string, string>;
  /** Paragraph key ("" = above the title) → the user's paragraphs after it, in order. */
  added: Map<string, string[]>;
}

export interface ReportSheet {
  op: NewSheetPlan;
  /** What this plan writes, for the next build (owned.ts): keys "h2.p1", "h2.p1!" (user's), "+h2.p1" (added). */
  owned: OwnedCells;
  /** How many of the user's paragraphs were placed, and how many could not be (their paragraph is gone). */
  placed: number;
  unplaced: number;
}

/**
 * The report as an official document: one paragraph a row in one wide column, 仿宋 body, 黑体 headings,
 * the title centred, placeholders grey and italic inside 【】 so nobody sends them out unfilled.
 */
export function buildReportSheet(name: string, report: Report): NewSheetPlan {
  return reportSheet(name, report).op;
}

/**
 * Each paragraph's key, which survives new figures: "t" the title, "h<n>" the n-th heading, "h<n>.b<m>" /
 * "h<n>.p<m>" the m-th body / placeholder paragraph under it ("h0.…" before the first heading).
 */
export function paragraphKeys(report: Report): string[] {
  let heading = 0;
  const counts = { body: 0, placeholder: 0 };
  return report.paragraphs.map((p) => {
    if (p.kind === "title") return "t";
    if (p.kind === "heading") {
      heading++;
      counts.body = 0;
      counts.placeholder = 0;
      return `h${heading}`;
    }
    return `h${heading}.${p.kind === "body" ? "b" : "p"}${++counts[p.kind]}`;
  });
}

/**
 * The report sheet with the user's edits of an earlier one put back in place. Every paragraph has a key that
 * survives new figures: "t" the title, "h<n>" the n-th heading, "h<n>.b<m>" / "h<n>.p<m>" the m-th body /
 * placeholder paragraph under it ("h0.…" before the first heading). The user's text is body text.
 */
export function reportSheet(name: string, report: Report, edits?: ReportEdits): ReportSheet {
  const g = new Grid(1);
  const owned: OwnedCells = new Map();
  const used = new Set<string>();
  let placed = 0;
  const headingRows: number[] = [];
  const write = (text: string, style: CellStyle, key: string, title = false): void => {
    if (style === STYLES.heading) headingRows.push(g.next);
    const r = g.add([txt(text)]);
    g.style(r, 0, 0, style);
    g.height(r, rowHeightFor(text, title ? 20 : CHARS_PER_LINE, title ? 32 : LINE) + (title ? 12 : 4));
    owned.set(a1(r, 0), { hash: ownedHash(text), key });
  };
  const spacer = (): void => {
    owned.set(a1(g.add(), 0), { hash: "" });
  };
  const addedAfter = (key: string): void => {
    for (const text of edits?.added.get(key) ?? []) {
      write(text, BODY, `+${key}`);
      placed++;
    }
    if (edits?.added.has(key)) used.add(`+${key}`);
  };
  addedAfter("");
  const keys = paragraphKeys(report);
  report.paragraphs.forEach((p, i) => {
    if (p.kind === "heading") spacer();
    const key = keys[i] ?? "";
    const own = edits?.replaced.get(key);
    if (own !== undefined) {
      write(own, BODY, `${key}!`);
      used.add(key);
      placed++;
    } else {
      const text =
        p.kind === "title"
          ? p.text
          : p.kind === "placeholder"
            ? `${INDENT}${/^【.*】$/s.test(p.text) ? p.text : `【${p.text}】`}`
            : `${INDENT}${p.text}`;
      write(text, STYLES[p.kind], key, p.kind === "title");
    }
    addedAfter(key);
    if (p.kind === "title") spacer();
  });
  let unplaced = 0;
  for (const key of edits?.replaced.keys() ?? []) if (!used.has(key)) unplaced++;
  for (const [key, texts] of edits?.added ?? []) if (!used.has(`+${key}`)) unplaced += texts.length;
  const printed = printedSheet(g, {
    role: "report",
    name,
    columnWidths: [WIDTH],
    // GB/T 9704 margins (3.7/3.5/2.8/2.6 cm), in inches; page numbers "— 1 —".
    margins: { top: 1.46, bottom: 1.38, left: 1.1, right: 1.02 },
    footer: { center: "— &P —" },
  });
  // A heading never ends a page: where it and its first paragraph would not fit, the page breaks before it.
  // The sheet prints at 100% (its column is the A4 text width), so the estimated heights are the printed ones.
  const breaksBefore = keepHeadingsWithText(g, headingRows);
  const op: NewSheetPlan = {
    ...printed,
    // Rows grow with the text the user writes (no fixed heights: the hosts let Excel fit them).
    autoRowHeights: true,
    ...(printed.page ? { page: { ...printed.page, breaksBefore, scale: 100 } } : {}),
  };
  return { op, owned, placed, unplaced };
}

/** Printed height of A4 between the GB/T 9704 top and bottom margins, in points (297 mm − 37 − 35 mm). */
const PAGE_HEIGHT = ((297 - 37 - 35) / 25.4) * 72;

/** The rows to break before so that no heading is the last thing on a page (estimated row heights). */
function keepHeadingsWithText(g: Grid, headings: readonly number[]): number[] {
  const height = new Map(g.heights.map((h) => [h.row, h.height]));
  const at = (r: number): number => height.get(r) ?? 15;
  const isHeading = new Set(headings);
  const breaks: number[] = [];
  let used = 0;
  for (let r = 0; r < g.rows.length; r++) {
    const h = at(r);
    // A heading with its next non-empty row must fit; else it starts the next page.
    const next = r + 1 < g.rows.length ? at(r + 1) : 0;
    if (isHeading.has(r) && used > 0 && used + h + next > PAGE_HEIGHT) {
      breaks.push(r);
      used = 0;
    } else if (used + h > PAGE_HEIGHT) used = 0;
    used += h;
  }
  return breaks;
}
