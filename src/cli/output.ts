import type { ReminderItem, Reminders } from "../core/reminders";
import type { Analysis } from "../core/analyze";
import type { Stats } from "../core/stats.types";
import type { Field } from "../core/fields";
import { columnLetter } from "../core/snapshot";
import { formatPercent } from "../core/format";
import { renderIssue } from "../i18n/issues";
import { droppedLines } from "../i18n/dropped";
import type { DroppedPart } from "../hosts/xlsx/carry";

/** The stats object of the command line's JSON (the acceptance contract; extend, never rename). */
export function statsJson(stats: Stats): Record<string, unknown> {
  return {
    ...stats,
    // Contract: npc = 人大建议 and 人大议案 together; npcMotion is the 议案 share, as an extension.
    byKind: {
      npc: stats.byKind.npc + stats.byKind.npcMotion,
      cppcc: stats.byKind.cppcc,
      npcMotion: stats.byKind.npcMotion,
    },
  };
}

/** The `analyze --json` object. */
export function analysisJson(a: Analysis): Record<string, unknown> {
  const columns: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(a.layout.mapping) as [Field, number][]) {
    columns[field] = columnLetter(index);
  }
  return {
    sheet: a.layout.sheet,
    sheets: a.sheets,
    headerRows: a.layout.headerRows,
    columns,
    rowCount: a.records.length,
    issues: a.issues.map((i) => ({
      row: i.row,
      field: i.field,
      code: i.code,
      severity: i.severity,
      // Rendered here, at the edge, in the language asked for (--locale).
      message: renderIssue(i, a.settings.locale),
      ...(i.cell !== undefined ? { cell: i.cell } : {}),
      ...(i.sheet !== undefined ? { sheet: i.sheet } : {}),
    })),
    stats: statsJson(a.stats),
    report: a.report.text,
    year: a.year,
    asOf: a.stats.asOf,
    script: a.script,
  };
}

/** Percentages as the report writes them (format.ts), so the terminal and the report agree. */
function pct(rate: number | null): string {
  return rate === null ? "—" : formatPercent(rate);
}

/** A readable summary in Chinese for the terminal. */
export function analysisText(a: Analysis): string {
  const s = a.stats;
  const lines: string[] = [];
  for (const part of a.parts) {
    lines.push(
      `台账：工作表“${part.layout.sheet}”，表头在第 ${part.layout.headerRows.join("、")} 行，共 ${part.records.length} 件`,
    );
  }
  if (a.parts.length > 1)
    lines.push(`以上 ${a.parts.length} 张工作表合为一本台账统计，共 ${a.records.length} 件`);
  const mapped = a.layout.columns
    .filter((c) => c.field !== null)
    .map((c) => `${columnLetter(c.index)}=${c.header}`)
    .join("  ");
  lines.push(`识别的列：${mapped}`);
  const unknown = a.layout.columns.filter((c) => c.field === null).map((c) => c.header);
  if (unknown.length > 0) lines.push(`保留的其他列：${unknown.join("、")}`);
  lines.push("");
  lines.push(`统计截止：${s.asOf}`);
  lines.push(
    `总数 ${s.total} 件（人大建议/议案 ${s.byKind.npc + s.byKind.npcMotion}，政协提案 ${s.byKind.cppcc}；主办 ${s.byRole.lead}，协办 ${s.byRole.assist}），重点 ${s.key} 件`,
  );
  lines.push(
    `已答复 ${s.replied} 件，办复率 ${pct(s.replyRate)}；按期答复 ${s.onTime} 件，按期办复率 ${pct(s.onTimeReplyRate)}`,
  );
  lines.push(`已超期 ${s.overdue} 件，${a.settings.dueSoonDays} 日内到期 ${s.dueSoon} 件`);
  lines.push(
    `办理结果：A类 ${s.results.A}，B类 ${s.results.B}，C类 ${s.results.C}${s.results.D ? `，D类 ${s.results.D}` : ""}`,
  );
  if (s.repliedUndated > 0)
    lines.push(
      `其中 ${s.repliedUndated} 件已答复但没有答复日期（据办理进度、答复文号或办理结果），不计入按期答复`,
    );
  const work = s.satisfactionWork;
  if (s.satisfactionWorkRate !== null || work.satisfied + work.basic + work.unsatisfied > 0)
    lines.push(
      `对办理工作满意度：满意 ${work.satisfied}，基本满意 ${work.basic}，不满意 ${work.unsatisfied}，满意率 ${pct(s.satisfactionWorkRate)}`,
    );
  lines.push(
    `${s.satisfactionWorkRate !== null ? "对办理结果满意度" : "满意度"}：满意 ${s.satisfaction.satisfied}，基本满意 ${s.satisfaction.basic}，不满意 ${s.satisfaction.unsatisfied}，满意率 ${pct(s.satisfactionRate)}；反馈回收率 ${pct(s.feedbackRate)}`,
  );
  if (s.excluded.length > 0)
    lines.push(`不计入统计：${s.excluded.map((e) => `${e.name} ${e.count} 件`).join("、")}`);
  lines.push("");
  const errors = a.issues.filter((i) => i.severity === "error").length;
  lines.push(`发现问题 ${a.issues.length} 处（错误 ${errors}，提醒 ${a.issues.length - errors}）`);
  for (const i of a.issues) {
    const sheet = a.parts.length > 1 && i.sheet !== undefined ? `“${i.sheet}”` : "";
    const where = i.row === null ? `${sheet}全表` : `${sheet}第 ${i.row} 行${i.cell ? `（${i.cell}）` : ""}`;
    lines.push(
      `  [${i.severity === "error" ? "错误" : "提醒"}] ${where}：${renderIssue(i, a.settings.locale)}`,
    );
  }
  lines.push("");
  lines.push("—— 汇报材料 ——");
  lines.push(a.report.text);
  return lines.join("\n");
}

/** What the built file does not hold of the original, a line a kind in Chinese then English; "" when nothing. */
export function droppedText(dropped: readonly DroppedPart[]): string {
  if (dropped.length === 0) return "";
  const zh = droppedLines(dropped, "zh-CN");
  const en = droppedLines(dropped, "en");
  return `${zh.map((line, i) => `${line}\n${en[i] ?? ""}`).join("\n")}\n\n`;
}

/**
 * `remind --json`: { asOf, within, groups: [{ department, leader, items: [{ row, sheet, id, title, handler,
 * phone, dueOn, daysLeft, status }], message }], unknownDeadline: [items], summary }.
 */
export function remindersJson(r: Reminders): Record<string, unknown> {
  const item = (i: ReminderItem) => ({
    row: i.row,
    sheet: i.sheet,
    id: i.id ?? null,
    title: i.title ?? null,
    handler: i.handler ?? null,
    phone: i.phone ?? null,
    dueOn: i.dueOn ?? null,
    daysLeft: i.daysLeft ?? null,
    status: i.status,
    // Extension: what else a clerk phones about.
    proposer: i.proposer ?? null,
    leader: i.leader ?? null,
    department: i.department ?? null,
  });
  return {
    asOf: r.asOf,
    within: r.within,
    groups: r.groups.map((g) => ({
      department: g.department,
      leader: g.leader ?? null,
      items: g.items.map(item),
      message: g.message,
      // Extension: the date the message asks a reply by.
      replyBy: g.replyBy,
    })),
    unknownDeadline: r.unknownDeadline.map(item),
    summary: r.summary,
  };
}

/** `remind` as text: the overall message, then each group's message, ready to paste. */
export function remindersText(r: Reminders): string {
  const lines = [r.summary, ""];
  for (const g of r.groups) lines.push(g.message, "");
  if (r.unknownDeadline.length > 0) {
    lines.push(
      `办理时限不明 Deadline unreadable: ${r.unknownDeadline
        .map((i) => `${i.sheet}!${i.row}${i.id ? ` ${i.id}` : ""}`)
        .join("、")}`,
    );
  }
  return lines.join("\n").trimEnd();
}
