import { a1 } from "../../snapshot";
import { eqCriteria } from "../formulas";
import { fx, txt } from "../grid";
import type { SummaryContext } from "./context";
import { PERCENT, figureRow, header, section } from "./layout";

const KINDS = ["satisfied", "basic", "unsatisfied", "none"] as const;

/** 三、代表委员满意度: items by evaluation, the number with feedback and the satisfaction rate. */
export function satisfactionSection(s: SummaryContext): void {
  const { g, T, countifs, put } = s;
  const lab = s.input.ledger.labels;
  const sat = s.col("satisfaction");
  if (!sat) return;
  section(s, "三、代表委员满意度");
  header(s, ["评价", "件数", "占比", "说明"], "figures");
  const first = g.next;
  // 反馈件数 sits below the four evaluation rows.
  const fbRef = a1(first + 4, 2);
  for (const k of KINDS) {
    const r = g.add([
      txt(lab.satisfaction[k]),
      undefined,
      fx(countifs([sat, eqCriteria(lab.satisfaction[k])])),
      k === "none" ? undefined : fx(`IF(${fbRef}=0,"",${a1(g.next, 2)}/${fbRef})`),
      k === "none" ? T("不计入反馈件数") : undefined,
    ]);
    put(`satisfaction.${k}`, r, 2);
    figureRow(g, r);
  }
  const fb = g.add([
    T("反馈件数"),
    undefined,
    fx(`SUM(${a1(first, 2)}:${a1(first + 2, 2)})`),
    undefined,
    T("满意 + 基本满意 + 不满意"),
  ]);
  put("feedback", fb, 2);
  figureRow(g, fb);
  const rate = g.add([
    T("满意率"),
    undefined,
    fx(`IF(${fbRef}=0,"",(${a1(first, 2)}+${a1(first + 1, 2)})/${fbRef})`),
    undefined,
    T("（满意 + 基本满意）÷ 反馈件数"),
  ]);
  put("satisfactionRate", rate, 2);
  figureRow(g, rate);
  g.style(rate, 2, 2, { numberFormat: PERCENT, bold: true });
  g.style(rate, 0, 1, { bold: true });
}
