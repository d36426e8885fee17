import type { Field, LedgerRecord, ResultClass, Script } from "../fields";
import type { Settings } from "../settings";
import type { Stats } from "../stats.types";
import { RESULT_MEANING } from "../enums";
import { deadlineStatus, effectiveDue } from "../deadlines";
import { isoFromSerial } from "../dates";
import { chineseDate } from "../format";
import { foldKey, inScript } from "../script";
import type { CellStyle, NewSheetPlan, PlanCell } from "./types";
import type { LedgerModel } from "./ledgerSheet";
import { columnRef, eqCriteria, neCriteria, str } from "./formulas";
import { settingsRef } from "./settingsSheet";
import { Grid, fx, num, txt } from "./grid";
import { a1 } from "../snapshot";

export interface SummaryInput {
  name: string;
  ledger: LedgerModel;
  stats: Stats;
  records: LedgerRecord[];
  settings: Settings;
  script: Script;
  today: number;
  settingsSheet: string;
}

/**
 * Where each engine figure sits on the statistics sheet: a key like "total", "results.A",
 * "byDepartment.民政科.replied" → A1 address. Tests compare LibreOffice's values at these cells with Stats.
 */
export type SummaryFigures = Record<string, string>;

const WIDTH = 7;
const FONT_BODY = "仿宋_GB2312";
const FONT_HEAD = "黑体";
const PERCENT = "0.0%";
const S_TITLE: CellStyle = {
  fontName: FONT_HEAD,
  fontSize: 18,
  bold: true,
  hAlign: "center",
  vAlign: "middle",
};
const S_SECTION: CellStyle = { fontName: FONT_HEAD, fontSize: 13, bold: true, vAlign: "middle" };
const S_HEADER: CellStyle = {
  fontName: FONT_HEAD,
  fontSize: 11,
  bold: true,
  hAlign: "center",
  vAlign: "middle",
  wrap: true,
  border: "thin",
  fill: "F2F2F2",
};
const S_CELL: CellStyle = { fontName: FONT_BODY, fontSize: 12, vAlign: "middle", border: "thin", indent: 1 };
const S_NUM: CellStyle = {
  fontName: FONT_BODY,
  fontSize: 12,
  vAlign: "middle",
  border: "thin",
  hAlign: "center",
};
const S_NOTE: CellStyle = {
  fontName: FONT_BODY,
  fontSize: 10,
  italic: true,
  fontColor: "595959",
  wrap: true,
  vAlign: "top",
};

/**
 * The statistics sheet for leaders: every count and rate a live formula over the ledger table (COUNTIFS and
 * SUMPRODUCT over structured references), the as-of date from the settings sheet, excluded departments left out
 * by criteria. The list of unreplied items is static, labelled with the date it was made.
 */
export function buildSummarySheet(input: SummaryInput): { op: NewSheetPlan; figures: SummaryFigures } {
  const { ledger: L, stats, settings, script } = input;
  const zh = (t: string): string => inScript(t, script);
  const T = (t: string): PlanCell => txt(zh(t));
  const g = new Grid(WIDTH);
  const figures: SummaryFigures = {};
  const col = (f: Field): string | undefined =>
    L.fieldColumn[f] !== undefined ? columnRef(L.table, L.fieldColumn[f]) : undefined;
  const S = columnRef(L.table, L.statusColumn);
  const dept = col("department");
  const excl = dept ? L.excludedValues.map((v) => `,${dept},${neCriteria(v)}`).join("") : "";
  const exclProd = dept ? L.excludedValues.map((v) => `*(${dept}<>${str(v)})`).join("") : "";
  const countifs = (...pairs: [string, string][]): string =>
    `COUNTIFS(${pairs.map(([r, c]) => `${r},${c}`).join(",")}${excl})`;
  const anyOf = (range: string, values: string[], ...more: [string, string][]): string =>
    values.map((v) => countifs([range, eqCriteria(v)], ...more)).join("+");
  const put = (key: string, row: number, c: number): void => {
    figures[key] = a1(row, c);
  };
  const section = (title: string): void => {
    g.add();
    const r = g.add([T(title)]);
    g.style(r, 0, WIDTH - 1, S_SECTION);
    g.height(r, 22);
  };
  const header = (cells: string[], spans: [number, number][]): void => {
    const r = g.add();
    cells.forEach((label, i) => {
      const [from, to] = spans[i] ?? [i, i];
      const row = g.rows[r];
      if (row) row[from] = T(label);
      if (to > from) g.merge(r, from, to);
    });
    const last = Math.max(...spans.map(([, to]) => to));
    g.style(r, 0, last, S_HEADER);
    g.height(r, 20);
  };

  // Title and as-of date.
  const org = settings.organisation === "我局" ? "" : settings.organisation;
  const year = stats.year !== null ? `${stats.year}年` : "";
  const title = g.add([T(`${org}${year}建议提案办理情况统计表`)]);
  g.merge(title, 0, WIDTH - 1);
  g.style(title, 0, WIDTH - 1, S_TITLE);
  g.height(title, 32);
  const asOfRow = g.add([
    T("统计截止日期："),
    undefined,
    fx(settingsRef(input.settingsSheet, "asOf")),
    undefined,
    undefined,
    T("单位：件"),
  ]);
  g.merge(asOfRow, 0, 1);
  g.merge(asOfRow, 2, 3);
  g.merge(asOfRow, 5, 6);
  g.style(asOfRow, 0, WIDTH - 1, { fontName: FONT_BODY, fontSize: 12, vAlign: "middle" });
  g.style(asOfRow, 0, 1, { hAlign: "right" });
  g.style(asOfRow, 2, 3, { numberFormat: 'yyyy"年"m"月"d"日"', hAlign: "left" });
  g.style(asOfRow, 5, 6, { hAlign: "right" });
  const asOfCell = a1(asOfRow, 2);

  // 一、总体情况: kinds by role.
  section("一、总体情况");
  header(
    ["类别", "合计", "主办", "协办（含会办）", "重点", "占比"],
    [
      [0, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 6],
    ],
  );
  const kind = col("kind");
  const role = col("role");
  const key = col("key");
  const lab = L.labels;
  const leadCrit = (): [string, string][] => (role ? [[role, eqCriteria(lab.role.lead)]] : []);
  const totalCells: { row: number } = { row: 0 };
  const kindRows: { label: string; values: string[]; statKey: "npc" | "cppcc" }[] = [
    {
      label: stats.byKind.npcMotion > 0 ? "人大代表建议（含议案）" : "人大代表建议",
      values: [lab.kind.npc, lab.kind.npcMotion],
      statKey: "npc",
    },
    { label: "政协委员提案", values: [lab.kind.cppcc], statKey: "cppcc" },
  ];
  const crossRows: number[] = [];
  const totalRowRef = (): string => a1(totalCells.row, 2);
  if (kind) {
    for (const k of kindRows) {
      const r = g.add([T(k.label)]);
      g.merge(r, 0, 1);
      crossRows.push(r);
      setRow(g, r, 2, fx(anyOf(kind, k.values)));
      put(k.statKey === "npc" ? "byKind.npc+npcMotion" : "byKind.cppcc", r, 2);
      if (role) {
        setRow(g, r, 3, fx(anyOf(kind, k.values, ...leadCrit())));
        setRow(
          g,
          r,
          4,
          fx(
            anyOf(kind, k.values, [role, eqCriteria(lab.role.assist)]) +
              "+" +
              anyOf(kind, k.values, [role, eqCriteria(lab.role.joint)]),
          ),
        );
        put(`byKindRole.${k.statKey}.lead`, r, 3);
        put(`byKindRole.${k.statKey}.assist`, r, 4);
      }
      if (key) setRow(g, r, 5, fx(anyOf(kind, k.values, [key, eqCriteria(lab.key.true)])));
    }
  }
  const totalRow = g.add([T("合计")]);
  totalCells.row = totalRow;
  g.merge(totalRow, 0, 1);
  setRow(g, totalRow, 2, fx(`SUMPRODUCT(--(${S}<>"")${exclProd})`));
  put("total", totalRow, 2);
  if (role) {
    setRow(g, totalRow, 3, fx(countifs([role, eqCriteria(lab.role.lead)])));
    setRow(
      g,
      totalRow,
      4,
      fx(`${countifs([role, eqCriteria(lab.role.assist)])}+${countifs([role, eqCriteria(lab.role.joint)])}`),
    );
    put("byRole.lead", totalRow, 3);
    put("byRole.assist", totalRow, 4);
  }
  if (key) {
    setRow(g, totalRow, 5, fx(countifs([key, eqCriteria(lab.key.true)])));
    put("key", totalRow, 5);
  }
  for (const r of [...crossRows, totalRow]) {
    for (let c = 2; c <= 5; c++) if (g.rows[r]?.[c]?.t === "empty") setRow(g, r, c, txt("—"));
    setRow(g, r, 6, fx(`IF(${totalRowRef()}=0,"",${a1(r, 2)}/${totalRowRef()})`));
    g.style(r, 0, 1, S_CELL);
    g.style(r, 2, 6, S_NUM);
    g.style(r, 6, 6, { numberFormat: PERCENT });
    g.height(r, 20);
  }
  g.style(totalRow, 0, WIDTH - 1, { bold: true });
  if (kind && stats.byKind.npcMotion > 0) {
    const r = g.add([T("　其中：人大议案"), undefined, fx(countifs([kind, eqCriteria(lab.kind.npcMotion)]))]);
    g.merge(r, 0, 1);
    put("byKind.npcMotion", r, 2);
    g.style(r, 0, 1, S_CELL);
    g.style(r, 2, 6, S_NUM);
  }

  // Replies and deadlines.
  const total = totalRowRef();
  header(
    ["项目", "件数", "比率", "说明"],
    [
      [0, 1],
      [2, 2],
      [3, 3],
      [4, 6],
    ],
  );
  const detail = (
    label: string,
    formula: string | undefined,
    figure: string,
    rate?: { figure: string },
    note = "",
  ): number => {
    const r = g.add([T(label), undefined, formula !== undefined ? fx(formula) : txt("—")]);
    g.merge(r, 0, 1);
    g.merge(r, 4, 6);
    if (formula !== undefined) put(figure, r, 2);
    if (rate && formula !== undefined) {
      setRow(g, r, 3, fx(`IF(${total}=0,"",${a1(r, 2)}/${total})`));
      put(rate.figure, r, 3);
    }
    if (note) setRow(g, r, 4, T(note));
    g.height(r, Math.max(20, rowHeightFor(note, 20, 13)));
    g.style(r, 0, 1, S_CELL);
    g.style(r, 2, 3, S_NUM);
    g.style(r, 3, 3, { numberFormat: PERCENT });
    g.style(r, 4, 6, { ...S_CELL, fontSize: 10, wrap: true });
    return r;
  };
  const replied = col("repliedOn") ? countifs([S, eqCriteria(L.status.replied)]) : undefined;
  const repliedRow = detail(
    "已答复",
    replied,
    "replied",
    { figure: "replyRate" },
    "办复率 = 已答复 ÷ 承办总数",
  );
  const R = col("repliedOn");
  const due = L.dueColumn !== undefined ? columnRef(L.table, L.dueColumn) : undefined;
  const onTime =
    R && due ? `SUMPRODUCT(ISNUMBER(${R})*ISNUMBER(${due})*(${R}<=${due})${exclProd})` : undefined;
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
    countifs([S, eqCriteria(L.status.overdue)]),
    "overdue",
    undefined,
    "截至统计截止日期已过办理时限仍未答复",
  );
  detail(
    "　　　　即将到期",
    countifs([S, eqCriteria(L.status.dueSoon)]),
    "dueSoon",
    undefined,
    `${settings.dueSoonDays}日内到期（含当日）`,
  );
  if (dept) {
    for (const ex of stats.excluded) {
      const values = L.excludedValues.filter((v) => foldKey(v.trim()) === foldKey(ex.name));
      const formula =
        values.length > 0 ? values.map((v) => `COUNTIFS(${dept},${eqCriteria(v)})`).join("+") : "0";
      detail(`不计入统计：${ex.name}`, formula, `excluded.${ex.name}`, undefined, "按设置不计入以上各项数字");
    }
  }

  // 二、办理结果.
  const result = col("result");
  const classes: ResultClass[] =
    settings.resultScheme === "ABCD" || stats.results.D > 0 ? ["A", "B", "C", "D"] : ["A", "B", "C"];
  if (result) {
    section("二、办理结果");
    header(
      ["分类", "件数", "占比", "含义"],
      [
        [0, 1],
        [2, 2],
        [3, 3],
        [4, 6],
      ],
    );
    const first = g.next;
    const sumRef = a1(first + classes.length, 2);
    for (const c of classes) {
      const r = g.add([
        txt(lab.result[c]),
        undefined,
        fx(countifs([result, eqCriteria(lab.result[c])])),
        fx(`IF(${sumRef}=0,"",${a1(g.next, 2)}/${sumRef})`),
        T(RESULT_MEANING[c]),
      ]);
      put(`results.${c}`, r, 2);
      rowStyle(g, r);
    }
    const r = g.add([
      T("合计"),
      undefined,
      fx(`SUM(${a1(first, 2)}:${a1(first + classes.length - 1, 2)})`),
      fx(`IF(${sumRef}=0,"",1)`),
      T("占比 = 该类件数 ÷ 已分类件数"),
    ]);
    rowStyle(g, r);
    g.style(r, 0, 3, { bold: true });
  }

  // 三、满意度.
  const sat = col("satisfaction");
  if (sat) {
    section("三、代表委员满意度");
    header(
      ["评价", "件数", "占比", "说明"],
      [
        [0, 1],
        [2, 2],
        [3, 3],
        [4, 6],
      ],
    );
    const first = g.next;
    const fbRef = a1(first + 4, 2);
    const kinds = ["satisfied", "basic", "unsatisfied", "none"] as const;
    for (const s of kinds) {
      const r = g.add([
        txt(lab.satisfaction[s]),
        undefined,
        fx(countifs([sat, eqCriteria(lab.satisfaction[s])])),
        s === "none" ? undefined : fx(`IF(${fbRef}=0,"",${a1(g.next, 2)}/${fbRef})`),
        s === "none" ? T("不计入反馈件数") : undefined,
      ]);
      put(`satisfaction.${s}`, r, 2);
      rowStyle(g, r);
    }
    const fb = g.add([
      T("反馈件数"),
      undefined,
      fx(`SUM(${a1(first, 2)}:${a1(first + 2, 2)})`),
      undefined,
      T("满意 + 基本满意 + 不满意"),
    ]);
    put("feedback", fb, 2);
    rowStyle(g, fb);
    const rate = g.add([
      T("满意率"),
      undefined,
      fx(`IF(${fbRef}=0,"",(${a1(first, 2)}+${a1(first + 1, 2)})/${fbRef})`),
      undefined,
      T("（满意 + 基本满意）÷ 反馈件数"),
    ]);
    put("satisfactionRate", rate, 2);
    rowStyle(g, rate);
    g.style(rate, 2, 2, { numberFormat: PERCENT, bold: true });
    g.style(rate, 0, 1, { bold: true });
  }

  // 四、工作领域.
  const topic = col("topic");
  if (topic && stats.topics.length > 0) {
    section("四、涉及工作领域");
    header(
      ["领域", "件数", "占比"],
      [
        [0, 1],
        [2, 2],
        [3, 3],
      ],
    );
    for (const t of stats.topics) {
      const r = g.add([
        txt(t.name),
        undefined,
        fx(countifs([topic, eqCriteria(t.name)])),
        fx(`IF(${total}=0,"",${a1(g.next, 2)}/${total})`),
      ]);
      put(`topics.${t.name}`, r, 2);
      g.merge(r, 0, 1);
      g.style(r, 0, 1, S_CELL);
      g.style(r, 2, 3, S_NUM);
      g.style(r, 3, 3, { numberFormat: PERCENT });
      g.height(r, 20);
    }
  }

  // 五、六、by department and by leader.
  const groupTable = (
    title: string,
    nameHeader: string,
    field: Field,
    groups: Stats["byDepartment"],
    prefix: string,
  ): void => {
    const range = col(field);
    if (!range || groups.length === 0) return;
    section(title);
    header(
      ["序号", nameHeader, "承办件数", "已答复", "超期未答复", "办复率"],
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
      ],
    );
    groups.forEach((grp, i) => {
      const r = g.next;
      // Rows without a name form their own group; a blank criterion would also match the table's empty rows.
      const byName = (more: [string, string][]): string =>
        grp.name === ""
          ? `SUMPRODUCT((LEN(TRIM(${range}))=0)*(${S}<>"")${more.map(([rg, c]) => `*(${rg}=${c})`).join("")}${exclProd})`
          : countifs([range, eqCriteria(grp.name)], ...more);
      g.add([
        num(i + 1),
        txt(grp.name === "" ? zh("（未填写）") : grp.name),
        fx(byName([])),
        fx(byName([[S, grp.name === "" ? str(L.status.replied) : eqCriteria(L.status.replied)]])),
        fx(byName([[S, grp.name === "" ? str(L.status.overdue) : eqCriteria(L.status.overdue)]])),
        fx(`IF(${a1(r, 2)}=0,"",${a1(r, 3)}/${a1(r, 2)})`),
      ]);
      put(`${prefix}.${grp.name}.total`, r, 2);
      put(`${prefix}.${grp.name}.replied`, r, 3);
      put(`${prefix}.${grp.name}.overdue`, r, 4);
      g.height(r, Math.max(20, rowHeightFor(grp.name, 14, 16)));
      g.style(r, 0, 0, S_NUM);
      g.style(r, 1, 1, { ...S_CELL, wrap: true });
      g.style(r, 2, 5, S_NUM);
      g.style(r, 5, 5, { numberFormat: PERCENT });
    });
  };
  groupTable("五、各承办科室办理情况", "承办科室", "department", stats.byDepartment, "byDepartment");
  groupTable("六、各分管领导包抓情况", "分管领导", "leader", stats.byLeader, "byLeader");

  // 七、未答复事项 (static, as of the build's date).
  const open = openItems(input);
  section(`七、未答复事项清单（截至${chineseDate(isoFromSerial(input.today))}）`);
  const noteRow = g.add([T("本清单在生成统计时列出，台账更新后请重新生成；以上各项数字随台账自动更新。")]);
  g.merge(noteRow, 0, WIDTH - 1);
  g.style(noteRow, 0, WIDTH - 1, S_NOTE);
  if (open.length === 0) {
    const r = g.add([T("无未答复事项。")]);
    g.merge(r, 0, WIDTH - 1);
    g.style(r, 0, WIDTH - 1, { fontName: FONT_BODY, fontSize: 12 });
  } else {
    header(
      ["序号", "案由", "编号", "承办科室", "分管领导", "办理时限", "时限状态"],
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
        [6, 6],
      ],
    );
    open.forEach((item, i) => {
      const r = g.add([
        num(i + 1),
        txt(item.rec.title ?? item.rec.invalid.title ?? ""),
        txt(item.rec.id ?? ""),
        txt(item.rec.department ?? ""),
        txt(item.rec.leader ?? ""),
        item.due !== undefined ? { t: "date", v: item.due } : txt(""),
        txt(item.label),
      ]);
      g.style(r, 0, WIDTH - 1, { ...S_CELL, fontSize: 11, wrap: true });
      g.style(r, 0, 0, { hAlign: "center" });
      g.style(r, 2, 6, { hAlign: "center" });
      g.style(r, 5, 5, { numberFormat: "yyyy-mm-dd" });
      if (item.status === "overdue") g.style(r, 6, 6, { fontColor: "C00000", bold: true });
      g.height(r, rowHeightFor(item.rec.title ?? "", 13, 15.75));
    });
  }

  const op: NewSheetPlan = {
    kind: "new",
    role: "summary",
    name: input.name,
    visibility: "visible",
    blocks: [g.block()],
    styles: g.styles,
    merges: g.merges,
    columnWidths: [6, 30, 12, 12, 12, 12, 10].map((width, index) => ({ index, width })),
    rowHeights: g.heights,
    tables: [],
    validations: [],
    conditionalFormats: [],
    page: {
      orientation: "portrait",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: "1:2",
      margins: { top: 0.75, bottom: 0.75, left: 0.6, right: 0.6 },
    },
    tabColor: "C00000",
  };
  figures.asOf = asOfCell;
  return { op, figures };
}

function setRow(g: Grid, r: number, c: number, cell: PlanCell): void {
  const row = g.rows[r];
  if (row) row[c] = cell;
}

function rowStyle(g: Grid, r: number): void {
  g.height(r, 20);
  g.merge(r, 0, 1);
  g.merge(r, 4, 6);
  g.style(r, 0, 1, S_CELL);
  g.style(r, 2, 3, S_NUM);
  g.style(r, 3, 3, { numberFormat: PERCENT });
  g.style(r, 4, 6, { ...S_CELL, fontSize: 10, wrap: true });
}

/** Estimated height (points) of a wrapped cell: CJK characters count one, others half. */
export function rowHeightFor(text: string, charsPerLine: number, lineHeight: number): number {
  let units = 0;
  for (const ch of text) units += /[\u0000-\u00ff]/.test(ch) ? 0.5 : 1;
  const lines = Math.max(1, Math.ceil(units / charsPerLine));
  return Math.min(409, Math.round(lines * lineHeight + 4));
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
