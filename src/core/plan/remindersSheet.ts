import type { Script } from "../fields";
import type { ReminderGroup, ReminderItem, Reminders } from "../reminders";
import { daysWords } from "../reminders";
import type { CellStyle, NewSheetPlan, PlanCell } from "./types";
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
import { chineseDate } from "../format";
import { inScript } from "../script";
import { KIND_LABEL, ROLE_LABEL } from "../enums";

/**
 * 催办单: a notice as of a date, one block per 承办科室 with a page break before each, to print on A4 portrait
 * and hand or send to the 科室, who sign for it. Static values only: it says what was open on its 填发日期,
 * and is written again when the user asks for a new one.
 */

/** 序号 编号 案由 类别 承办人 联系电话 办理时限 状态 */
const COLUMN_WIDTHS = [4, 8, 21, 9, 7, 13, 14, 11];
/**
 * Printed at this scale the columns fit the width of A4 portrait between the margins even where a character
 * of width is 10 pixels (LibreOffice with a CJK default font; Excel's 宋体 or Calibri need less).
 */
const SCALE = 80;
const WIDTH = COLUMN_WIDTHS.length;
/** CJK characters a line in the 案由 column at 11 points. */
const TITLE_CHARS = 10;
const FONT_BODY = "仿宋_GB2312";
const FONT_HEAD = "黑体";
const S_TITLE: CellStyle = {
  fontName: FONT_HEAD,
  fontSize: 18,
  bold: true,
  hAlign: "center",
  vAlign: "middle",
};
const S_META: CellStyle = { fontName: FONT_BODY, fontSize: 12, vAlign: "middle" };
const S_TEXT: CellStyle = { fontName: FONT_BODY, fontSize: 12, vAlign: "top", wrap: true };

export interface RemindersSheetInput {
  name: string;
  reminders: Reminders;
  script: Script;
  /** How the notice names the sender (settings.organisation). */
  organisation: string;
}

/** The 催办单 sheet plan; `page.breaksBefore` holds the row each 科室's page starts at (after the first). */
export function buildRemindersSheet(input: RemindersSheetInput): NewSheetPlan {
  const { reminders: rem, script } = input;
  const T = (text: string): string => inScript(text, script);
  const g = new Grid(WIDTH);
  const breaks: number[] = [];
  const asOf = T(chineseDate(rem.asOf));

  const head = (title: string, department: string | undefined, leader: string | undefined): void => {
    if (g.next > 0) breaks.push(g.next);
    const r = g.add([txt(T(title))]);
    g.merge(r, 0, WIDTH - 1);
    g.style(r, 0, WIDTH - 1, S_TITLE);
    g.height(r, 36);
    const who = [
      department !== undefined ? `${T("承办科室：")}${department || T("（未填承办科室）")}` : "",
      leader ? `${T("分管领导：")}${leader}` : "",
    ]
      .filter(Boolean)
      .join("\u3000\u3000");
    const m = g.add([txt(who), undefined, undefined, undefined, txt(`${T("填发日期：")}${asOf}`)]);
    g.merge(m, 0, 3);
    g.merge(m, 4, WIDTH - 1);
    g.style(m, 0, WIDTH - 1, S_META);
    g.style(m, 4, WIDTH - 1, { hAlign: "right" });
    g.height(m, 22);
  };
  const paragraph = (text: string): void => {
    const r = g.add([txt(text)]);
    g.merge(r, 0, WIDTH - 1);
    g.style(r, 0, WIDTH - 1, S_TEXT);
    // The merged row is about 40 CJK characters wide at 12 points.
    g.height(r, rowHeightFor(text, 38, 17));
  };
  const table = (
    items: ReminderItem[],
    last: [string, string],
    cells: (i: ReminderItem) => PlanCell[],
  ): void => {
    const h = g.add(["序号", "编号", "案由", "类别", "承办人", "联系电话", ...last].map((t) => txt(T(t))));
    g.style(h, 0, WIDTH - 1, TABLE_HEADER);
    g.height(h, 22);
    items.forEach((item, n) => {
      const r = g.add([
        num(n + 1),
        txt(item.id ?? ""),
        txt(item.title ?? ""),
        txt(kindText(item, script)),
        txt(item.handler ?? ""),
        txt(item.phone ?? ""),
        ...cells(item),
      ]);
      g.style(r, 0, WIDTH - 1, LIST_CELL);
      for (const c of [0, 1, 3, 4, 6, 7]) g.style(r, c, c, LIST_CENTER);
      if (item.status !== "unknown") g.style(r, 7, 7, { ...LIST_CENTER, ...STATUS_FONT[item.status] });
      g.height(r, Math.max(22, rowHeightFor(item.title ?? "", TITLE_CHARS, 15)));
    });
  };
  const signature = (): void => {
    g.add();
    const r = g.add([
      txt(`${T("签收人：")}____________`),
      undefined,
      undefined,
      undefined,
      txt(`${T("签收日期：")}______${T("年")}____${T("月")}____${T("日")}`),
    ]);
    g.merge(r, 0, 3);
    g.merge(r, 4, WIDTH - 1);
    g.style(r, 0, WIDTH - 1, { ...S_META, vAlign: "bottom" });
    g.height(r, 30);
    const s = g.add([txt(`${T("填发单位：")}${input.organisation}`)]);
    g.merge(s, 0, WIDTH - 1);
    g.style(s, 0, WIDTH - 1, { ...S_META, hAlign: "right" });
    g.height(s, 22);
  };

  for (const group of rem.groups) {
    head("建议提案催办单", group.department, group.leader);
    paragraph(groupText(group, rem, script));
    table(group.items, ["办理时限", "状态"], (i) => [
      txt(T(chineseDate(i.dueOn ?? ""))),
      txt(T(daysWords(i.daysLeft ?? 0))),
    ]);
    signature();
  }
  if (rem.unknownDeadline.length > 0) {
    head("办理时限不明的建议提案", undefined, undefined);
    paragraph(
      T(
        `截至${chineseDate(rem.asOf)}，以下${rem.unknownDeadline.length}件建议提案尚未答复，台账中的办理时限未填写或无法识别，请核实后补填。`,
      ),
    );
    table(rem.unknownDeadline, ["承办科室", "台账位置"], (i) => [
      txt(i.department ?? ""),
      txt(`${i.sheet}${T(`第${i.row}行`)}`),
    ]);
  }
  if (rem.groups.length === 0 && rem.unknownDeadline.length === 0) {
    head("建议提案催办单", undefined, undefined);
    paragraph(T(`截至${chineseDate(rem.asOf)}，`) + rem.summary);
  }

  const op = printedSheet(g, {
    role: "reminders",
    name: input.name,
    columnWidths: COLUMN_WIDTHS,
    margins: { top: 0.8, bottom: 0.8, left: 0.6, right: 0.6 },
  });
  return op.page ? { ...op, page: { ...op.page, breaksBefore: breaks, scale: SCALE } } : op;
}

/** "截至2026年12月1日，您单位承办的建议提案中，有1件已超期、1件将在7天内到期，请抓紧办理，于2026年12月4日前答复代表委员。" */
function groupText(group: ReminderGroup, rem: Reminders, script: Script): string {
  const overdue = group.items.filter((i) => i.status === "overdue").length;
  const soon = group.items.length - overdue;
  const counts = [
    ...(overdue ? [`${overdue}件已超期`] : []),
    ...(soon ? [`${soon}件将在${rem.within}天内到期`] : []),
  ].join("、");
  return inScript(
    `截至${chineseDate(rem.asOf)}，您单位承办的建议提案中，有${counts}，请抓紧办理，于${chineseDate(group.replyBy)}前答复代表委员。`,
    script,
  );
}

/** "人大建议", with the role when the unit does not lead ("人大建议（协办）"): a 协办 unit owes its views only. */
function kindText(item: ReminderItem, script: Script): string {
  const kind = item.kind ? KIND_LABEL[item.kind] : "";
  const role = item.role && item.role !== "lead" ? ROLE_LABEL[item.role] : "";
  return inScript(role ? `${kind}（${role}）` : kind, script);
}
