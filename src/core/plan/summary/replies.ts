import { a1 } from "../../snapshot";
import { foldKey } from "../../script";
import { columnRef, eqCriteria } from "../formulas";
import { fx, rowHeightFor, txt } from "../grid";
import type { SummaryContext } from "./context";
import { figureRow, header, setCell } from "./layout";

/**
 * Replies and deadlines under 一、总体情况: 已答复 and 按期答复 with their rates over the total, what is still
 * open, overdue and due soon, and the departments left out of the figures by the settings.
 */
export function repliesTable(s: SummaryContext, total: string): void {
  const { g, T, col, countifs, put } = s;
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
  const R = col("repliedOn");
  const replied = R ? countifs([s.status, eqCriteria(L.status.replied)]) : undefined;
  const repliedRow = detail(
    "已答复",
    replied,
    "replied",
    { figure: "replyRate" },
    "办复率 = 已答复 ÷ 承办总数",
  );
  const due = L.dueColumn !== undefined ? columnRef(L.table, L.dueColumn) : undefined;
  const onTime =
    R && due ? `SUMPRODUCT(ISNUMBER(${R})*ISNUMBER(${due})*(${R}<=${due})${s.exclProd})` : undefined;
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
    countifs([s.status, eqCriteria(L.status.overdue)]),
    "overdue",
    undefined,
    "截至统计截止日期已过办理时限仍未答复",
  );
  detail(
    "　　　　即将到期",
    countifs([s.status, eqCriteria(L.status.dueSoon)]),
    "dueSoon",
    undefined,
    `${settings.dueSoonDays}日内到期（含当日）`,
  );
  const dept = col("department");
  if (dept) {
    for (const ex of stats.excluded) {
      const values = L.excludedValues.filter((v) => foldKey(v.trim()) === foldKey(ex.name));
      const formula =
        values.length > 0 ? values.map((v) => `COUNTIFS(${dept},${eqCriteria(v)})`).join("+") : "0";
      detail(`不计入统计：${ex.name}`, formula, `excluded.${ex.name}`, undefined, "按设置不计入以上各项数字");
    }
  }
}
