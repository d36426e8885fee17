import type { LedgerRecord } from "../../fields";
import { deadlineStatus, effectiveDue } from "../../deadlines";
import { DEFAULT_DATE_FORMAT, isoFromSerial, toWorkbookSerial } from "../../dates";
import { fitCellText, TRUNCATED_MARK } from "../names";
import { chineseDate } from "../../format";
import { foldKey } from "../../script";
import { STATUS_FONT, num, rowHeightFor, txt } from "../grid";
import type { SummaryContext, SummaryInput } from "./context";
import { FONT_BODY, S_CELL, S_NOTE, WIDTH, header, section } from "./layout";

/**
 * 七、未答复事项清单: a static list of the unreplied items, labelled with the date it was made (the figures
 * above stay live, this list does not).
 */
export function openItemsSection(s: SummaryContext): void {
  const { g, T } = s;
  const open = openItems(s.input);
  section(s, `七、未答复事项清单（截至${chineseDate(isoFromSerial(s.input.today))}）`);
  const noteRow = g.add([T("本清单在生成统计时列出，台账更新后请重新生成；以上各项数字随台账自动更新。")]);
  g.merge(noteRow, 0, WIDTH - 1);
  g.style(noteRow, 0, WIDTH - 1, S_NOTE);
  if (open.length === 0) {
    const r = g.add([T("无未答复事项。")]);
    g.merge(r, 0, WIDTH - 1);
    g.style(r, 0, WIDTH - 1, { fontName: FONT_BODY, fontSize: 12 });
    return;
  }
  header(s, ["序号", "案由", "编号", "承办科室", "分管领导", "办理时限", "时限状态"], "list");
  open.forEach((item, i) => {
    const r = g.add([
      num(i + 1),
      txt(fitCellText(item.rec.title ?? item.rec.invalid.title ?? "", s.zh(TRUNCATED_MARK))),
      txt(item.rec.id ?? ""),
      txt(item.rec.department ?? ""),
      txt(item.rec.leader ?? ""),
      item.due !== undefined ? { t: "date", v: toWorkbookSerial(item.due, s.input.date1904) } : txt(""),
      txt(item.label),
    ]);
    g.style(r, 0, WIDTH - 1, { ...S_CELL, fontSize: 11, wrap: true });
    g.style(r, 0, 0, { hAlign: "center" });
    g.style(r, 2, 6, { hAlign: "center" });
    g.style(r, 5, 5, { numberFormat: DEFAULT_DATE_FORMAT });
    if (item.status === "overdue") g.style(r, 6, 6, STATUS_FONT.overdue);
    g.height(r, rowHeightFor(item.rec.title ?? "", 13, 15.75));
  });
}

interface OpenItem {
  rec: LedgerRecord;
  due: number | undefined;
  status: string;
  label: string;
}

/** Unreplied items of the counted departments: overdue first, then due soon, then the rest, each by deadline. */
function openItems(input: SummaryInput): OpenItem[] {
  const excluded = new Set(input.settings.excludeDepartments.map((d) => foldKey(d.trim())));
  const order: Record<string, number> = { overdue: 0, dueSoon: 1, open: 2, unknown: 3 };
  const L = input.ledger.status;
  const label: Record<string, string> = {
    overdue: L.overdue,
    dueSoon: L.dueSoon,
    open: L.open,
    unknown: L.open,
  };
  return input.records
    .filter((r) => !(r.department !== undefined && excluded.has(foldKey(r.department.trim()))))
    .map((rec) => ({
      rec,
      due: effectiveDue(rec, input.settings),
      status: deadlineStatus(rec, input.today, input.settings),
    }))
    .filter((x) => x.status !== "replied")
    .sort(
      (a, b) =>
        (order[a.status] ?? 9) - (order[b.status] ?? 9) ||
        (a.due ?? Infinity) - (b.due ?? Infinity) ||
        a.rec.row - b.rec.row,
    )
    .map((x) => ({ ...x, label: label[x.status] ?? "" }));
}
