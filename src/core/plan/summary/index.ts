import { a1 } from "../../snapshot";
import type { NewSheetPlan } from "../types";
import { settingsRef } from "../settingsSheet";
import { fx, printedSheet } from "../grid";
import { summaryContext, type SummaryContext, type SummaryFigures, type SummaryInput } from "./context";
import { COLUMN_WIDTHS, FONT_BODY, S_TITLE, WIDTH } from "./layout";
import { overallSection } from "./overall";
import { repliesTable } from "./replies";
import { resultsSection } from "./results";
import { satisfactionSection } from "./satisfaction";
import { groupSections, topicsSection } from "./groups";
import { openItemsSection } from "./openItems";
import { chartsSection } from "./charts";
import { pageFooter } from "../ledger";

export type { SummaryFigures, SummaryInput } from "./context";

/**
 * The statistics sheet for leaders: every count and rate a live formula over the ledger table (COUNTIFS and
 * SUMPRODUCT over structured references), the as-of date from the settings sheet, excluded departments left out
 * by criteria. The list of unreplied items is static, labelled with the date it was made.
 * @example buildSummarySheet(input).figures.total === "C8" // a ledger with a 类别 column
 */
export function buildSummarySheet(input: SummaryInput): { op: NewSheetPlan; figures: SummaryFigures } {
  const s = summaryContext(input);
  const asOfCell = titleRows(s);
  const total = overallSection(s);
  const replied = repliesTable(s, total);
  resultsSection(s);
  satisfactionSection(s, replied);
  topicsSection(s, total);
  groupSections(s);
  openItemsSection(s);
  const charts = chartsSection(s);
  signatureRows(s);
  const printed = printedSheet(s.g, {
    role: "summary",
    name: input.name,
    columnWidths: COLUMN_WIDTHS,
    margins: { top: 0.75, bottom: 0.75, left: 0.6, right: 0.6 },
    printTitleRows: "1:2",
    tabColor: "C00000",
    footer: pageFooter(input.script),
  });
  const op = charts.length > 0 ? { ...printed, charts } : printed;
  s.figures.asOf = asOfCell;
  return { op, figures: s.figures };
}

/** 填表人 / 审核人 / 填报日期 lines at the foot of the sheet, for the leader who signs it. */
function signatureRows(s: SummaryContext): void {
  const { g, T } = s;
  g.add();
  const r = g.add([
    T("填表人：__________"),
    undefined,
    T("审核人：__________"),
    undefined,
    T("填报日期：______年___月___日"),
  ]);
  g.merge(r, 0, 1);
  g.merge(r, 2, 3);
  g.merge(r, 4, WIDTH - 1);
  g.style(r, 0, WIDTH - 1, { fontName: FONT_BODY, fontSize: 12, vAlign: "bottom" });
  g.height(r, 30);
}

/** The title (organisation and year) and the as-of date row; returns the as-of cell. */
function titleRows(s: SummaryContext): string {
  const { g, T } = s;
  const { settings, stats } = s.input;
  const org = settings.organisation === "我局" ? "" : settings.organisation;
  const year = stats.year !== null ? `${stats.year}年` : "";
  const title = g.add([T(`${org}${year}建议提案办理情况统计表`)]);
  g.merge(title, 0, WIDTH - 1);
  g.style(title, 0, WIDTH - 1, S_TITLE);
  g.height(title, 32);
  const asOfRow = g.add([
    T("统计截止日期："),
    undefined,
    fx(settingsRef(s.input.settingsSheet, "asOf")),
    undefined,
    undefined,
    T("单位：件"),
  ]);
  g.merge(asOfRow, 0, 1);
  g.merge(asOfRow, 2, 3);
  g.merge(asOfRow, 5, 6);
  g.style(asOfRow, 0, WIDTH - 1, { fontName: FONT_BODY, fontSize: 12, vAlign: "middle" });
  g.style(asOfRow, 0, 1, { hAlign: "right" });
  g.style(asOfRow, 2, 3, { numberFormat: 'yyyy"年"m"月"d"日"', hAlign: "left" });
  g.style(asOfRow, 5, 6, { hAlign: "right" });
  return a1(asOfRow, 2);
}
