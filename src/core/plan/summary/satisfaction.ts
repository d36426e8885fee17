import type { Field } from "../../fields";
import { a1 } from "../../snapshot";
import { fx, txt } from "../grid";
import type { SummaryContext } from "./context";
import { PERCENT, figureRow, header, section } from "./layout";

const KINDS = ["satisfied", "basic", "unsatisfied", "none"] as const;

/**
 * 三、代表委员满意度: items by evaluation, the number with feedback and the satisfaction rate; for a ledger that
 * scores 办理工作 and 办理结果 apart, one table each. Then 反馈回收率 = items with feedback ÷ items replied.
 * `replied` is the address of the 已答复 count.
 */
export function satisfactionSection(s: SummaryContext, replied: string): void {
  const hasResult = s.has("satisfaction");
  const hasWork = s.has("satisfactionWork");
  if (!hasResult && !hasWork) return;
  section(s, "三、代表委员满意度");
  if (hasWork)
    aspect(s, "satisfactionWork", "对办理工作", "satisfactionWork", "satisfactionWorkRate", "feedbackWork");
  if (hasResult)
    aspect(s, "satisfaction", hasWork ? "对办理结果" : "", "satisfaction", "satisfactionRate", "feedback");
  // Replied items with feedback (the result aspect, the one reports quote) over the replies: a 满意度 typed on
  // an unreplied row is no returned form.
  const field: Field = hasResult ? "satisfaction" : "satisfactionWork";
  const { labels, status } = s.input.ledger;
  const returned = (["satisfied", "basic", "unsatisfied"] as const)
    .map((k) => s.countifs([field, labels.satisfaction[k]], ["status", status.replied]))
    .join("+");
  const r = s.g.add([
    s.T("反馈回收率"),
    undefined,
    fx(`IF(${replied}=0,"",(${returned})/${replied})`),
    undefined,
    s.T(hasWork ? "已答复件中对办理结果的反馈件数 ÷ 已答复件数" : "已答复件中的反馈件数 ÷ 已答复件数"),
  ]);
  s.put("feedbackRate", r, 2);
  figureRow(s.g, r);
  s.g.style(r, 2, 2, { numberFormat: PERCENT });
}

/** One aspect's table: the evaluations, 反馈件数 and the rate. */
function aspect(
  s: SummaryContext,
  field: Field,
  prefix: string,
  key: string,
  rateKey: string,
  feedbackKey: string,
): void {
  const { g, T, countifs, put } = s;
  const lab = s.input.ledger.labels;
  header(s, [`${prefix}评价`, "件数", "占比", "说明"], "figures");
  const first = g.next;
  // 反馈件数 sits below the four evaluation rows.
  const fbRef = a1(first + 4, 2);
  for (const k of KINDS) {
    const r = g.add([
      txt(lab.satisfaction[k]),
      undefined,
      fx(countifs([field, lab.satisfaction[k]])),
      k === "none" ? undefined : fx(`IF(${fbRef}=0,"",${a1(g.next, 2)}/${fbRef})`),
      k === "none" ? T("不计入反馈件数") : undefined,
    ]);
    put(`${key}.${k}`, r, 2);
    figureRow(g, r);
  }
  (s.chartData.satisfaction ??= []).push({
    name: s.zh(prefix || "满意度"),
    labels: `${a1(first, 0)}:${a1(first + 2, 0)}`,
    values: `${a1(first, 2)}:${a1(first + 2, 2)}`,
  });
  const fb = g.add([
    T("反馈件数"),
    undefined,
    fx(`SUM(${a1(first, 2)}:${a1(first + 2, 2)})`),
    undefined,
    T("满意 + 基本满意 + 不满意"),
  ]);
  put(feedbackKey, fb, 2);
  figureRow(g, fb);
  const rate = g.add([
    T(`${prefix}满意率`),
    undefined,
    fx(`IF(${fbRef}=0,"",(${a1(first, 2)}+${a1(first + 1, 2)})/${fbRef})`),
    undefined,
    T("（满意 + 基本满意）÷ 反馈件数"),
  ]);
  put(rateKey, rate, 2);
  figureRow(g, rate);
  g.style(rate, 2, 2, { numberFormat: PERCENT, bold: true });
  g.style(rate, 0, 1, { bold: true });
}
