import type { Analysis } from "./analyze";
import type { DateSerial, Kind, LedgerRecord, Role } from "./fields";
import { effectiveDue } from "./deadlines";
import { replyEvidence } from "./progress";
import { isoFromSerial } from "./dates";
import { chineseDate } from "./format";
import { foldKey, inScript } from "./script";
import { groupKey } from "./stats";
import type { Script } from "./fields";

/** One item to chase: not replied, overdue or due within the window, or with a deadline nobody can read. */
export interface ReminderItem {
  row: number;
  sheet: string;
  id?: string;
  title?: string;
  proposer?: string;
  kind?: Kind;
  role?: Role;
  leader?: string;
  department?: string;
  handler?: string;
  phone?: string;
  /** ISO date of the deadline in force (the ledger's, else derived); absent when it cannot be read. */
  dueOn?: string;
  /** Days from the as-of date to the deadline: negative when overdue. */
  daysLeft?: number;
  status: "overdue" | "dueSoon" | "unknown";
}

export interface ReminderGroup {
  /** 承办科室 as first written (grouped as COUNTIFS groups: letter case aside); "" when the row names none. */
  department: string;
  /** The 分管领导 when every item of the group names the same one. */
  leader?: string;
  items: ReminderItem[];
  /** ISO date the message asks a reply by: the earliest deadline ahead, or three days on when one is overdue. */
  replyBy: string;
  /** One short paragraph to paste into 微信/短信/OA, in the workbook's script. */
  message: string;
}

export interface Reminders {
  asOf: string;
  within: number;
  groups: ReminderGroup[];
  /** Open items whose deadline cannot be read (办理时限不明): listed apart, never dropped. */
  unknownDeadline: ReminderItem[];
  /** One message for the 分管领导: counts per 科室. */
  summary: string;
}

export interface ReminderOptions {
  /** Days ahead that count as due soon; the due-soon setting by default. */
  within?: number;
  /** Only this 承办科室 (compared as the groups are: script, spaces and letter case aside). */
  department?: string;
  /** Only items under this 分管领导. */
  leader?: string;
  /** Group by 承办科室 (the default) or by 分管领导: one message per leader, for the leaders' own 督办. */
  by?: "department" | "leader";
}

/** Days the clerk asks an overdue item to be answered in. */
const ANSWER_WITHIN_DAYS = 3;
/** Titles longer than this are cut in messages. */
const SHORT_TITLE = 20;

/**
 * 催办: the open items of a ledger that are overdue or due within `within` days, grouped by 承办科室, each
 * group with a message to send; items whose deadline cannot be read are listed apart. Departments left out of
 * the totals (excludeDepartments) are left out here too: another office chases them.
 */
export function remindersFor(analysis: Analysis, options: ReminderOptions = {}): Reminders {
  const s = analysis.settings;
  const today = analysis.today;
  const within = options.within ?? s.dueSoonDays;
  const excluded = new Set(s.excludeDepartments.map((d) => foldKey(d)));
  const wantDept = options.department === undefined ? undefined : foldKey(options.department);
  const wantLeader = options.leader === undefined ? undefined : foldKey(options.leader);
  const groups = new Map<string, ReminderGroup>();
  const unknownDeadline: ReminderItem[] = [];
  for (const r of analysis.records) {
    if (replyEvidence(r) !== null) continue;
    const dept = r.department?.trim() ?? "";
    if (dept && excluded.has(foldKey(dept))) continue;
    if (wantDept !== undefined && foldKey(dept) !== wantDept) continue;
    if (wantLeader !== undefined && foldKey(r.leader ?? "") !== wantLeader) continue;
    const due = effectiveDue(r, s);
    if (due === undefined) {
      unknownDeadline.push(itemOf(r, analysis, undefined, today, "unknown"));
      continue;
    }
    if (due > today + within) continue;
    const item = itemOf(r, analysis, due, today, due < today ? "overdue" : "dueSoon");
    // Grouped exactly as the statistics group (stats.ts groupKey), so 催办 and 统计表 name the same 科室.
    const byLeader = options.by === "leader";
    const lead = r.leader?.trim() ?? "";
    const key = groupKey(byLeader ? lead : dept);
    const group = groups.get(key) ?? {
      department: byLeader ? "" : dept,
      ...(byLeader && lead ? { leader: lead } : {}),
      items: [],
      replyBy: "",
      message: "",
    };
    group.items.push(item);
    groups.set(key, group);
  }
  const out = [...groups.values()];
  const nameOf = (g: ReminderGroup): string => (options.by === "leader" ? (g.leader ?? "") : g.department);
  for (const g of out) {
    g.items.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.row - b.row);
    if (options.by !== "leader") {
      const leaders = new Set(g.items.map((i) => i.leader ?? ""));
      const [only] = [...leaders];
      if (leaders.size === 1 && only) g.leader = only;
    }
    g.replyBy = replyByOf(g, today);
    g.message =
      options.by === "leader" ? leaderMessage(g, analysis.script) : groupMessage(g, analysis.script);
  }
  // Most overdue first, then the most items.
  out.sort(
    (a, b) =>
      count(b, "overdue") - count(a, "overdue") ||
      b.items.length - a.items.length ||
      nameOf(a).localeCompare(nameOf(b), "zh"),
  );
  return {
    asOf: isoFromSerial(today),
    within,
    groups: out,
    unknownDeadline,
    summary: summaryMessage(out, unknownDeadline.length, within, analysis.script, options.by === "leader"),
  };
}

function itemOf(
  r: LedgerRecord,
  a: Analysis,
  due: DateSerial | undefined,
  today: DateSerial,
  status: ReminderItem["status"],
): ReminderItem {
  const item: ReminderItem = { row: r.row, sheet: r.sheet ?? a.layout.sheet, status };
  for (const k of [
    "id",
    "title",
    "proposer",
    "kind",
    "role",
    "leader",
    "department",
    "handler",
    "phone",
  ] as const) {
    const v = r[k];
    if (v !== undefined) (item as unknown as Record<string, unknown>)[k] = v;
  }
  if (due !== undefined) {
    item.dueOn = isoFromSerial(due);
    item.daysLeft = due - today;
  }
  return item;
}

function count(g: ReminderGroup, status: ReminderItem["status"]): number {
  return g.items.filter((i) => i.status === status).length;
}

export function shortTitle(title: string | undefined): string {
  const t = (title ?? "").trim();
  return t.length > SHORT_TITLE ? `${t.slice(0, SHORT_TITLE)}…` : t;
}

/**
 * The items of a group as a message lists them: "R1《关于…》（办理时限2026年11月30日，已超期1天）；…", each item's
 * 承办科室 first when `withDepartment` (a group by 分管领导).
 */
function itemList(g: ReminderGroup, script: Script, withDepartment: boolean): string {
  const t = (text: string) => inScript(text, script);
  return g.items
    .map((i) => {
      const name = `${withDepartment ? (i.department ?? "") : ""}${i.id ? `${i.id}` : t(`第${i.row}行`)}《${shortTitle(i.title)}》`;
      return `${name}${t("（办理时限")}${t(chineseDate(i.dueOn ?? ""))}${t("，")}${t(daysWords(i.daysLeft ?? 0))}${t("）")}`;
    })
    .join(t("；"));
}

/**
 * "社会事务科：您科承办的建议提案中，有1件已超期、1件将在7天内到期，请于2026年12月4日前答复：R1《关于…》（办理时限
 * 2026年11月30日，已超期1天）；P3《…》（办理时限2026年12月5日，还剩4天）。谢谢！" — the reply-by date is the
 * earliest deadline still ahead, or three days from today when an item is already overdue.
 * Fixed words are written in the workbook's script; the user's words (names, titles) stay as written.
 */
function groupMessage(g: ReminderGroup, script: Script): string {
  const t = (text: string) => inScript(text, script);
  const who = g.department || t("（未填承办科室）");
  return `${who}${t("：您单位承办的建议提案中，有")}${countWords(g, script).join(t("、"))}${t("，请于")}${t(chineseDate(g.replyBy))}${t("前答复：")}${itemList(g, script, false)}${t("。谢谢！")}`;
}

/**
 * "张局长：您分管的建议提案中，有1件已超期、1件即将到期：社会事务科R1《…》（办理时限…，已超期11天）；…。请督促办理。"
 * — the message of a group by 分管领导, each item with its 承办科室.
 */
function leaderMessage(g: ReminderGroup, script: Script): string {
  const t = (text: string) => inScript(text, script);
  const who = g.leader || t("（未填分管领导）");
  return `${who}${t("：您分管的建议提案中，有")}${countWords(g, script).join(t("、"))}${t("：")}${itemList(g, script, true)}${t("。请督促承办科室于")}${t(chineseDate(g.replyBy))}${t("前答复。")}`;
}

/** The date to reply by: three days on when an item is overdue, else the earliest deadline ahead. */
function replyByOf(g: ReminderGroup, today: DateSerial): string {
  const ahead = g.items.filter((i) => i.status === "dueSoon").map((i) => i.dueOn ?? "");
  return count(g, "overdue")
    ? isoFromSerial(today + ANSWER_WITHIN_DAYS)
    : (ahead.sort()[0] ?? isoFromSerial(today + ANSWER_WITHIN_DAYS));
}

/** ["1件已超期", "2件即将到期"] in the workbook's script, the words of a group's count. */
function countWords(g: ReminderGroup, script: Script): string[] {
  const overdue = count(g, "overdue");
  const soon = count(g, "dueSoon");
  const parts: string[] = [];
  if (overdue) parts.push(inScript(`${overdue}件已超期`, script));
  if (soon) parts.push(inScript(`${soon}件即将到期`, script));
  return parts;
}

/** "已超期3天" / "今天到期" / "还剩4天" (simplified; callers convert). */
export function daysWords(days: number): string {
  return days < 0 ? `已超期${-days}天` : days === 0 ? "今天到期" : `还剩${days}天`;
}

/** "截至…，共有N件建议提案已超期或7天内到期：社会事务科2件（已超期1件）、…；另有M件办理时限不明。" */
function summaryMessage(
  groups: ReminderGroup[],
  unknown: number,
  within: number,
  script: Script,
  byLeader = false,
): string {
  const t = (text: string) => inScript(text, script);
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  if (total === 0 && unknown === 0) return t(`目前没有已超期或${within}天内到期的建议提案。`);
  const per = groups
    .map((g) => {
      const overdue = count(g, "overdue");
      const who = byLeader ? g.leader || t("未填分管领导") : g.department || t("未填承办科室");
      return `${who}${t(`${g.items.length}件`)}${overdue ? t(`（已超期${overdue}件）`) : ""}`;
    })
    .join(t("、"));
  const head = total
    ? t(`共有${total}件建议提案已超期或${within}天内到期：`) + per
    : t("没有已超期或即将到期的建议提案");
  return `${head}${unknown ? t(`；另有${unknown}件办理时限不明，请核实`) : ""}${t("。")}`;
}
