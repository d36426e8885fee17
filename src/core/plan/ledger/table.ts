import { a1 } from "../../snapshot";
import type { Field } from "../../fields";
import type { TablePlan } from "../types";
import type { EnumLabels } from "../enumLabels";
import type { StatusLabels } from "../labels";
import { NO_DATE_FORMULA_TEXTS, str, thisRow } from "../formulas";
import { progressWords } from "../../progress";
import { settingsRef } from "../settingsSheet";
import type { LedgerColumns } from "./columns";

/** The one ledger table over header and data, with its calculated columns: the deadline in force and 时限状态. */
export function ledgerTable(
  name: string,
  cols: LedgerColumns,
  labels: EnumLabels,
  status: StatusLabels,
  settingsSheet: string,
): TablePlan {
  const ref = (f: Field): string | undefined =>
    cols.fieldColumn[f] !== undefined ? thisRow(name, cols.fieldColumn[f]) : undefined;
  const calculated: { column: string; formula: string }[] = [];
  if (cols.dueName !== undefined)
    calculated.push({ column: cols.dueName, formula: dueFormula(ref, labels, settingsSheet) });
  // 序号 alone does not make an item: rows numbered ahead of time and section headings written in the
  // 序号 column ("一、人大代表建议") are not counted by the engine either (normalize.ts).
  const mappedRefs = [...cols.fieldAt.values()]
    .filter((f) => f !== "seq")
    .map((f) => ref(f))
    .filter((x): x is string => x !== undefined);
  calculated.push({
    column: cols.statusName,
    formula: statusFormula({
      nonBlank: mappedRefs,
      headers: repeatedHeaderTests(cols, ref),
      evidence: replyEvidenceFormula(ref, labels),
      replied: ref("repliedOn"),
      due: cols.dueName !== undefined ? thisRow(name, cols.dueName) : undefined,
      asOf: settingsRef(settingsSheet, "asOf"),
      days: settingsRef(settingsSheet, "dueSoonDays"),
      labels: status,
    }),
  });
  return {
    name,
    range: `${a1(cols.headerRow, cols.firstCol)}:${a1(cols.lastRow, cols.lastCol)}`,
    columns: cols.names,
    style: "TableStyleLight1",
    calculated,
  };
}

/**
 * Deadline in force (deadlines.ts effectiveDue): the ledger's own, else 交办 + months (政协提案 and, when set,
 * 协办/会办 their own months);
 * unreadable deadline text gives none, as the engine does; "无"/"-" count as empty.
 */
function dueFormula(
  ref: (f: Field) => string | undefined,
  labels: EnumLabels,
  settingsSheet: string,
): string {
  const due = ref("dueOn");
  const assigned = ref("assignedOn");
  const kind = ref("kind");
  const role = ref("role");
  const months = settingsRef(settingsSheet, "deadlineMonths");
  const cppcc = settingsRef(settingsSheet, "cppccMonths");
  const assist = settingsRef(settingsSheet, "assistMonths");
  const kindMonths = kind ? `IF(${kind}=${str(labels.kind.cppcc)},${cppcc},${months})` : months;
  // 协办/会办 their own months when the setting is filled in (deadlines.ts derivedMonths).
  const monthsExpr = role
    ? `IF(AND(ISNUMBER(${assist}),OR(${role}=${str(labels.role.assist)},${role}=${str(labels.role.joint)})),${assist},${kindMonths})`
    : kindMonths;
  const derived = assigned ? `EDATE(${assigned},${monthsExpr})` : undefined;
  if (due && derived && assigned) {
    const noDate = `{${NO_DATE_FORMULA_TEXTS.map(str).join(",")}}`;
    const empty = `OR(LEN(TRIM(${due}))=0,ISNUMBER(MATCH(TRIM(${due}),${noDate},0)))`;
    return `IF(ISNUMBER(${due}),${due},IF(AND(ISNUMBER(${assigned}),${empty}),${derived},""))`;
  }
  if (due) return `IF(ISNUMBER(${due}),${due},"")`;
  if (derived && assigned) return `IF(ISNUMBER(${assigned}),${derived},"")`;
  return `""`;
}

/**
 * 时限状态 (deadlines.ts deadlineStatus): "" for a row with nothing in a recognised column (or a repeated header
 * row), 已答复 when 答复日期 is a date or the row shows a reply otherwise (replyEvidenceFormula), else against the
 * deadline and the as-of date; no deadline reads 办理中.
 */
function statusFormula(p: {
  nonBlank: string[];
  headers: string[];
  evidence: string | undefined;
  replied: string | undefined;
  due: string | undefined;
  asOf: string;
  days: string;
  labels: StatusLabels;
}): string {
  const l = p.labels;
  let body = str(l.open);
  if (p.due) {
    const d = p.due;
    body = `IF(NOT(ISNUMBER(${d})),${str(l.open)},IF(${d}<${p.asOf},${str(l.overdue)},IF(${d}<=${p.asOf}+${p.days},${str(l.dueSoon)},${str(l.open)})))`;
  }
  if (p.evidence) body = `IF(${p.evidence},${str(l.replied)},${body})`;
  if (p.replied) body = `IF(ISNUMBER(${p.replied}),${str(l.replied)},${body})`;
  const blank = p.nonBlank.length > 0 ? `LEN(TRIM(${p.nonBlank.join("&")}))=0` : "FALSE";
  // A header row repeated inside the data (printed ledgers) is no item either (normalize.ts isRepeatedHeader).
  const skip = p.headers.length > 0 ? `OR(${blank},${p.headers.join(",")})` : blank;
  return `IF(${skip},"",${body})`;
}

/** `TRIM(cell)="header"` for each mapped column's header and group text (normalize.ts headerTexts). */
function repeatedHeaderTests(cols: LedgerColumns, ref: (f: Field) => string | undefined): string[] {
  const tests: string[] = [];
  for (const [field, texts] of cols.headerTexts) {
    const r = ref(field);
    if (r !== undefined) for (const t of texts) tests.push(`TRIM(${r})=${str(t)}`);
  }
  return tests;
}

/**
 * progress.ts replyEvidence as a formula, for a row without a reply date: unless its status says it is open,
 * words stating the reply in the reply-date cell or the status, a 答复文号, or a result class (the build writes
 * understood classes as the dropdown's labels).
 */
function replyEvidenceFormula(ref: (f: Field) => string | undefined, labels: EnumLabels): string | undefined {
  const w = progressWords();
  const found = (cell: string, words: string[]): string =>
    `SUMPRODUCT(--ISNUMBER(FIND({${words.map(str).join(",")}},${cell})))>0`;
  const done = (cell: string): string =>
    `OR(${found(cell, w.stated)},AND(NOT(${found(cell, w.notDone)}),${found(cell, w.bare)}))`;
  const open = (cell: string): string => `AND(NOT(${found(cell, w.stated)}),${found(cell, w.notDone)})`;
  const none = `{${NO_DATE_FORMULA_TEXTS.map(str).join(",")}}`;
  const filled = (cell: string): string =>
    `AND(LEN(TRIM(${cell}))>0,NOT(ISNUMBER(MATCH(TRIM(${cell}),${none},0))))`;
  const [replied, status, replyRef, result] = [
    ref("repliedOn"),
    ref("status"),
    ref("replyRef"),
    ref("result"),
  ];
  const any: string[] = [];
  if (replied) any.push(`AND(NOT(ISNUMBER(${replied})),${done(replied)})`);
  if (status) any.push(done(status));
  if (replyRef) any.push(filled(replyRef));
  if (result) any.push(`ISNUMBER(MATCH(${result},{${Object.values(labels.result).map(str).join(",")}},0))`);
  if (any.length === 0) return undefined;
  const evidence = any.length === 1 ? (any[0] ?? "") : `OR(${any.join(",")})`;
  return status ? `AND(NOT(${open(status)}),${evidence})` : evidence;
}
