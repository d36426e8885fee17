import { a1 } from "../../snapshot";
import { foldKey } from "../../script";
import { columnRef, eqCriteria } from "../formulas";
import { fx, rowHeightFor, txt } from "../grid";
import type { SummaryContext } from "./context";
import { S_NOTE, WIDTH, figureRow, header, setCell } from "./layout";

/**
 * Replies and deadlines under 一、总体情况: 已答复 and 按期答复 with their rates over the total, what is still
 * open, overdue and due soon, the departments left out of the figures by the settings, and how each rate is
 * defined. Returns the address of the 已答复 count.
 */
export function repliesTable(s: SummaryContext, total: string): string {
  const { g, T, countifs, put } = s;
  const { settings, stats } = s.input;
  const L = s.input.ledger;
  header(s, ["项目", "件数", "比率", "说明"], "figures");
  const detail = (
    label: string,
    formula: string | undefined,
    figure: string,
    rate?: { figure: string },
    note = "",
  ): number => {
    const r = g.add([T(label), undefined, formula !== undefined ? fx(formula) : txt("—")]);
    if (formula !== undefined) put(figure, r, 2);
    if (rate && formula !== undefined) {
      setCell(g, r, 3, fx(`IF(${total}=0,"",${a1(r, 2)}/${total})`));
      put(rate.figure, r, 3);
    }
    if (note) setCell(g, r, 4, T(note));
    figureRow(g, r, { height: Math.max(20, rowHeightFor(note, 20, 13)) });
    return r;
  };
  // Replied by a date or, without one, by its status, 答复文号 or result (the 时限状态 formula decides).
  const replied = countifs(["status", L.status.replied]);
  const repliedRow = detail(
    "已答复",
    replied,
    "replied",
    { figure: "replyRate" },
    "办复率 = 已答复 ÷ 承办总数",
  );
  const onTime = s.has("repliedOn")
    ? s.sumproduct((ref) => {
        const [R, due] = [ref("repliedOn"), ref("due")];
        return R && due ? `ISNUMBER(${R})*ISNUMBER(${due})*(${R}<=${due})` : undefined;
      })
    : undefined;
  detail(
    "按期答复",
    onTime,
    "onTime",
    { figure: "onTimeReplyRate" },
    "在办理时限内答复；按期办复率 = 按期答复 ÷ 承办总数",
  );
  detail("尚未答复", `${total}-${a1(repliedRow, 2)}`, "open", undefined, "");
  detail(
    "　其中：已超期",
    countifs(["status", L.status.overdue]),
    "overdue",
    undefined,
    "截至统计截止日期已过办理时限仍未答复",
  );
  detail(
    "　　　　即将到期",
    countifs(["status", L.status.dueSoon]),
    "dueSoon",
    undefined,
    `${settings.dueSoonDays}日内到期（含当日）`,
  );
  if (s.has("department")) {
    for (const ex of stats.excluded) {
      const terms = s.input.ledgers.flatMap((table) => {
        const dept = table.fieldColumn.department;
        if (dept === undefined) return [];
        const values = table.excludedValues.filter((v) => foldKey(v.trim()) === foldKey(ex.name));
        return values.map((v) => `COUNTIFS(${columnRef(table.table, dept)},${eqCriteria(v)})`);
      });
      const formula = terms.length > 0 ? terms.join("+") : "0";
      detail(`不计入统计：${ex.name}`, formula, `excluded.${ex.name}`, undefined, "按设置不计入以上各项数字");
    }
  }
  const note = g.add([T(RATE_NOTE)]);
  g.merge(note, 0, WIDTH - 1);
  g.style(note, 0, WIDTH - 1, S_NOTE);
  g.height(note, rowHeightFor(RATE_NOTE, 50, 14));
  return a1(repliedRow, 2);
}

/** How each rate is defined (docs/DOMAIN.md), under the figures, so a leader knows what a percentage divides. */
const RATE_NOTE =
  "注：办复率 = 已答复件数 ÷ 承办总数；按期办复率 = 在办理时限内答复的件数 ÷ 承办总数，已答复但未填写答复日期的件不计入按期答复；" +
  "满意率 = （满意 + 基本满意）÷ 反馈件数（未表态的不计入）；反馈回收率 = 反馈件数 ÷ 已答复件数。统计不含按设置排除的单位。";
