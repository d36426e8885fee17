import type { Analysis } from "../analyze";
import type { LedgerRecord } from "../fields";
import type { NewSheetPlan } from "./types";
import {
  Grid,
  LIST_CELL,
  LIST_CENTER,
  STATUS_FONT,
  TABLE_HEADER,
  num,
  printedSheet,
  rowHeightFor,
  txt,
} from "./grid";
import { deadlineStatus, effectiveDue } from "../deadlines";
import { isoFromSerial } from "../dates";
import { chineseDate } from "../format";
import { inScript } from "../script";
import { RESULT_LABEL } from "../enums";
import { statusLabels } from "./labels";
import { pageFooter } from "./ledger";

/**
 * 台账打印: the ledger as a 督办 meeting reads it, on A4 landscape at 9 points or more — 编号, 案由, 承办科室, 承办人,
 * 分管领导, 办理时限 (the one in force), 时限状态, 办理结果, the rest of the ledger's columns staying on screen.
 * Excel prints a print area of several ranges on separate pages, so a print area cannot leave columns out of the
 * ledger itself; this sheet holds those columns, as of a date (static values, like the 催办单), written when asked.
 */

const COLUMNS = [
  { header: "序号", width: 5 },
  { header: "编号", width: 9 },
  { header: "案由", width: 40 },
  { header: "承办科室", width: 14 },
  { header: "承办人", width: 8 },
  { header: "分管领导", width: 10 },
  { header: "办理时限", width: 12 },
  { header: "时限状态", width: 10 },
  { header: "办理结果", width: 9 },
] as const;
const WIDTH = COLUMNS.length;
/** 案由's CJK characters a line at 11 points. */
const TITLE_CHARS = 19;
const FONT = "仿宋_GB2312";

export function buildPrintSheet(name: string, analysis: Analysis): NewSheetPlan {
  const { script, settings, today } = analysis;
  const T = (text: string): string => inScript(text, script);
  const labels = statusLabels(script);
  const g = new Grid(WIDTH);
  const org = settings.organisation === "我局" ? "" : settings.organisation;
  const year = analysis.year !== null ? T(`${analysis.year}年`) : "";
  const title = g.add([txt(`${org}${year}${T("建议提案办理台账")}`)]);
  g.merge(title, 0, WIDTH - 1);
  g.style(title, 0, WIDTH - 1, {
    fontName: "黑体",
    fontSize: 16,
    bold: true,
    hAlign: "center",
    vAlign: "middle",
  });
  g.height(title, 28);
  const asOf = g.add([
    txt(T(`截至${chineseDate(isoFromSerial(today))}（本表在生成时列出，台账更新后请重新生成）`)),
  ]);
  g.merge(asOf, 0, WIDTH - 1);
  g.style(asOf, 0, WIDTH - 1, { fontName: FONT, fontSize: 11, hAlign: "right" });
  const head = g.add(COLUMNS.map((c) => txt(T(c.header))));
  g.style(head, 0, WIDTH - 1, TABLE_HEADER);
  g.height(head, 22);
  analysis.records.forEach((r, i) => {
    const status = deadlineStatus(r, today, settings);
    const due = effectiveDue(r, settings);
    const row = g.add([
      num(i + 1),
      txt(r.id ?? ""),
      txt(r.title ?? ""),
      txt(r.department ?? ""),
      txt(r.handler ?? ""),
      txt(r.leader ?? ""),
      txt(due === undefined ? "" : isoFromSerial(due)),
      txt(status === "unknown" ? labels.open : labels[status]),
      txt(resultText(r, script)),
    ]);
    g.style(row, 0, WIDTH - 1, LIST_CELL);
    for (const c of [0, 1, 6, 7, 8]) g.style(row, c, c, LIST_CENTER);
    if (status === "overdue" || status === "dueSoon")
      g.style(row, 7, 7, { ...LIST_CENTER, ...STATUS_FONT[status] });
    g.height(row, Math.max(18, rowHeightFor(r.title ?? "", TITLE_CHARS, 15)));
  });
  return printedSheet(g, {
    role: "print",
    name,
    columnWidths: COLUMNS.map((c) => c.width),
    margins: { top: 0.6, bottom: 0.6, left: 0.4, right: 0.4 },
    printTitleRows: `1:${head + 1}`,
    footer: pageFooter(script),
    landscape: true,
  });
}

function resultText(r: LedgerRecord, script: Analysis["script"]): string {
  if (r.result !== undefined) return inScript(RESULT_LABEL[r.result], script);
  return r.invalid.result ?? "";
}
