import type { Field } from "../../fields";
import type { Stats } from "../../stats.types";
import { a1 } from "../../snapshot";
import { str } from "../formulas";
import { fx, num, rowHeightFor, txt } from "../grid";
import type { Criterion, SummaryContext } from "./context";
import { PERCENT, S_CELL, S_NOTE, S_NUM, WIDTH, figureRow, header, section } from "./layout";

/** 四、涉及工作领域: items by topic and each topic's share of the total. */
export function topicsSection(s: SummaryContext, total: string): void {
  const { g, countifs, put } = s;
  const topic = s.has("topic");
  if (!topic || s.input.stats.topics.length === 0) return;
  section(s, "四、涉及工作领域");
  header(s, ["领域", "件数", "占比"], "labelled");
  for (const t of s.input.stats.topics) {
    const r = g.add([
      txt(t.name),
      undefined,
      fx(countifs(["topic", t.name])),
      fx(`IF(${total}=0,"",${a1(g.next, 2)}/${total})`),
    ]);
    put(`topics.${t.name}`, r, 2);
    figureRow(g, r, { note: false });
  }
}

/** 五、各承办科室 and 六、各分管领导: per department and per leader, items, replies, overdue and reply rate. */
export function groupSections(s: SummaryContext): void {
  const { stats } = s.input;
  groupTable(s, "五、各承办科室办理情况", "承办科室", "department", stats.byDepartment, "byDepartment");
  groupTable(s, "六、各分管领导包抓情况", "分管领导", "leader", stats.byLeader, "byLeader");
}

function groupTable(
  s: SummaryContext,
  title: string,
  nameHeader: string,
  field: Field,
  groups: Stats["byDepartment"],
  prefix: string,
): void {
  const { g, put } = s;
  const status = s.input.ledger.status;
  if (!s.has(field) || groups.length === 0) return;
  section(s, title);
  header(s, ["序号", nameHeader, "承办件数", "已答复", "未答复", "其中超期", "办复率"], "list");
  const first = g.next;
  groups.forEach((grp, i) => {
    const r = g.next;
    // Rows without a name form their own group; a blank criterion would also match the table's empty rows.
    const unnamed = grp.name === "";
    const byName = (more: Criterion[]): string =>
      unnamed
        ? s.sumproduct((ref) => {
            const range = ref(field);
            if (range === undefined) return undefined;
            const conditions = more.map(([k, v]) => `*(${ref(k) ?? '""'}=${str(v)})`).join("");
            return `(LEN(TRIM(${range}))=0)*(${ref("status") ?? '""'}<>"")${conditions}`;
          })
        : s.countifs([field, grp.name], ...more);
    const statusIs = (label: string): Criterion => ["status", label];
    g.add([
      num(i + 1),
      txt(unnamed ? s.zh("（未填写）") : grp.name),
      fx(byName([])),
      fx(byName([statusIs(status.replied)])),
      // 未答复 = 承办件数 − 已答复: the stacked bars of the chart show it beside 已答复.
      fx(`${a1(r, 2)}-${a1(r, 3)}`),
      fx(byName([statusIs(status.overdue)])),
      // Nothing replied and nothing overdue: nothing is due yet, so no rate ("—", not 0.0%).
      fx(`IF(${a1(r, 2)}=0,"",IF(${a1(r, 3)}+${a1(r, 5)}=0,"—",${a1(r, 3)}/${a1(r, 2)}))`),
    ]);
    put(`${prefix}.${grp.name}.total`, r, 2);
    put(`${prefix}.${grp.name}.replied`, r, 3);
    put(`${prefix}.${grp.name}.overdue`, r, 5);
    g.height(r, Math.max(20, rowHeightFor(grp.name, 14, 16)));
    g.style(r, 0, 0, S_NUM);
    g.style(r, 1, 1, { ...S_CELL, wrap: true });
    g.style(r, 2, 6, S_NUM);
    g.style(r, 6, 6, { numberFormat: PERCENT });
  });
  if (field === "department") s.chartData.departments = { first, last: g.next - 1 };
  const note = g.add([s.T("“—”：尚无已答复或已超期的件（均未到办理时限），暂不计算办复率。")]);
  g.merge(note, 0, WIDTH - 1);
  g.style(note, 0, WIDTH - 1, S_NOTE);
}
