import { a1 } from "../../snapshot";
import { fx, txt } from "../grid";
import type { Criterion, SummaryContext } from "./context";
import { PERCENT, S_CELL, S_NUM, WIDTH, header, section, setCell } from "./layout";

/**
 * 一、总体情况: items by kind (人大 / 政协) and role (主办 / 协办), with 重点 and each row's share of the total.
 * Returns the address of the total, which later rates divide by.
 */
export function overallSection(s: SummaryContext): string {
  const { g, T, countifs, anyOf, put } = s;
  const { stats } = s.input;
  const lab = s.input.ledger.labels;
  section(s, "一、总体情况");
  header(s, ["类别", "合计", "主办", "协办（含会办）", "重点", "占比"], "labelled");
  const kind = s.has("kind") ? "kind" : undefined;
  const role = s.has("role") ? "role" : undefined;
  const key = s.has("key") ? "key" : undefined;
  const leadCrit = (): Criterion[] => (role ? [[role, lab.role.lead]] : []);
  const kindRows: { label: string; values: string[]; statKey: "npc" | "cppcc" }[] = [
    {
      label: stats.byKind.npcMotion > 0 ? "人大代表建议（含议案）" : "人大代表建议",
      values: [lab.kind.npc, lab.kind.npcMotion],
      statKey: "npc",
    },
    { label: "政协委员提案", values: [lab.kind.cppcc], statKey: "cppcc" },
  ];
  const crossRows: number[] = [];
  if (kind) {
    for (const k of kindRows) {
      const r = g.add([T(k.label)]);
      g.merge(r, 0, 1);
      crossRows.push(r);
      setCell(g, r, 2, fx(anyOf(kind, k.values)));
      put(k.statKey === "npc" ? "byKind.npc+npcMotion" : "byKind.cppcc", r, 2);
      if (role) {
        setCell(g, r, 3, fx(anyOf(kind, k.values, ...leadCrit())));
        const assist = anyOf(kind, k.values, [role, lab.role.assist]);
        const joint = anyOf(kind, k.values, [role, lab.role.joint]);
        setCell(g, r, 4, fx(`${assist}+${joint}`));
        put(`byKindRole.${k.statKey}.lead`, r, 3);
        put(`byKindRole.${k.statKey}.assist`, r, 4);
      }
      if (key) setCell(g, r, 5, fx(anyOf(kind, k.values, [key, lab.key.true])));
    }
  }
  const totalRow = g.add([T("合计")]);
  const total = a1(totalRow, 2);
  g.merge(totalRow, 0, 1);
  setCell(g, totalRow, 2, fx(s.sumproduct((ref) => `--(${ref("status")}<>"")`)));
  put("total", totalRow, 2);
  if (role) {
    setCell(g, totalRow, 3, fx(countifs([role, lab.role.lead])));
    const assist = countifs([role, lab.role.assist]);
    const joint = countifs([role, lab.role.joint]);
    setCell(g, totalRow, 4, fx(`${assist}+${joint}`));
    put("byRole.lead", totalRow, 3);
    put("byRole.assist", totalRow, 4);
  }
  if (key) {
    setCell(g, totalRow, 5, fx(countifs([key, lab.key.true])));
    put("key", totalRow, 5);
  }
  for (const r of [...crossRows, totalRow]) {
    for (let c = 2; c <= 5; c++) if (g.rows[r]?.[c]?.t === "empty") setCell(g, r, c, txt("—"));
    setCell(g, r, 6, fx(`IF(${total}=0,"",${a1(r, 2)}/${total})`));
    g.style(r, 0, 1, S_CELL);
    g.style(r, 2, 6, S_NUM);
    g.style(r, 6, 6, { numberFormat: PERCENT });
    g.height(r, 20);
  }
  g.style(totalRow, 0, WIDTH - 1, { bold: true });
  if (kind && stats.byKind.npcMotion > 0) {
    const r = g.add([T("　其中：人大议案"), undefined, fx(countifs([kind, lab.kind.npcMotion]))]);
    g.merge(r, 0, 1);
    put("byKind.npcMotion", r, 2);
    g.style(r, 0, 1, S_CELL);
    g.style(r, 2, 6, S_NUM);
  }
  return total;
}
