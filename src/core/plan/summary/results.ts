import type { ResultClass } from "../../fields";
import { RESULT_MEANING } from "../../enums";
import { a1 } from "../../snapshot";
import { fx, txt } from "../grid";
import type { SummaryContext } from "./context";
import { figureRow, header, section } from "./layout";

/** 二、办理结果: items by result class (A/B/C, and D when used), each class's share of the classified items. */
export function resultsSection(s: SummaryContext): void {
  const { g, T, countifs, put } = s;
  const { settings, stats } = s.input;
  const lab = s.input.ledger.labels;
  const result = s.has("result");
  const classes: ResultClass[] =
    settings.resultScheme === "ABCD" || stats.results.D > 0 ? ["A", "B", "C", "D"] : ["A", "B", "C"];
  if (!result) return;
  section(s, "二、办理结果");
  header(s, ["分类", "件数", "占比", "含义"], "figures");
  const first = g.next;
  const sumRef = a1(first + classes.length, 2);
  for (const c of classes) {
    const r = g.add([
      txt(lab.result[c]),
      undefined,
      fx(countifs(["result", lab.result[c]])),
      fx(`IF(${sumRef}=0,"",${a1(g.next, 2)}/${sumRef})`),
      T(RESULT_MEANING[c]),
    ]);
    put(`results.${c}`, r, 2);
    figureRow(g, r);
  }
  s.chartData.results = {
    labels: `${a1(first, 0)}:${a1(first + classes.length - 1, 0)}`,
    values: `${a1(first, 2)}:${a1(first + classes.length - 1, 2)}`,
  };
  const r = g.add([
    T("合计"),
    undefined,
    fx(`SUM(${a1(first, 2)}:${a1(first + classes.length - 1, 2)})`),
    fx(`IF(${sumRef}=0,"",1)`),
    T("占比 = 该类件数 ÷ 已分类件数"),
  ]);
  figureRow(g, r);
  g.style(r, 0, 3, { bold: true });
}
