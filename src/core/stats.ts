import type { DateSerial, LedgerRecord } from "./fields";
import type { Settings } from "./settings";
import type { GroupCount, Stats } from "./stats.types";
import { deadlineStatus, effectiveDue, type DeadlineStatus } from "./deadlines";
import { isoFromSerial } from "./dates";
import { foldKey } from "./script";

/** 面商情况 entries that say no consultation took place (compared after foldKey). */
const NO_CONSULTATION: ReadonlySet<string> = new Set([
  "无",
  "未面商",
  "否",
  "没有",
  "暂无",
  "未",
  "/",
  "-",
  "—",
  "——",
]);

/**
 * Year-end figures (docs/DOMAIN.md definitions) over the records not in an excluded department.
 *
 * - Excluded departments match after trimming and script folding (市扶貧辦 = 市扶贫办); each configured name is
 *   listed in `excluded`, with 0 when the ledger has none, so a misspelt setting shows.
 * - byKind/byRole count only known values: a row without 类别 or 办理类型 is in `total` but in no breakdown
 *   (guessing 主办 would put numbers in the report nobody wrote). byRole.assist = 协办 + 会办.
 * - onTime = replied on or before the deadline in force; a replied item without a deadline, or replied without a
 *   reply date (progress.ts: a status, 答复文号 or result says so), is not on time; the latter are repliedUndated.
 * - satisfaction is the 办理结果 aspect (or the only column), satisfactionWork the 办理工作 aspect;
 *   satisfactionWorkRate is null when the ledger has no column for it. feedbackRate = replied items with
 *   feedback (the result aspect's, else the work aspect's) ÷ replied.
 * - byDepartment/byLeader (and topics) group rows by trimmed name, letter case ignored as COUNTIFS ignores it
 *   (groupKey), the first spelling shown; rows with no name form the group "".
 */
/** Which satisfaction aspects the ledger has columns for (an aspect's rate is null without one). */
export interface SatisfactionColumns {
  work: boolean;
  result: boolean;
}

export function computeStats(
  records: LedgerRecord[],
  s: Settings,
  today: DateSerial,
  columns: SatisfactionColumns = {
    work: records.some((r) => r.satisfactionWork !== undefined),
    result: records.some((r) => r.satisfaction !== undefined),
  },
): Stats {
  const excludedNames = uniqueTrimmed(s.excludeDepartments);
  const excludedCounts = new Map<string, number>(excludedNames.map((n) => [foldKey(n), 0]));
  // Nothing excluded (the common case): every record kept, no key folded.
  const kept: LedgerRecord[] = excludedNames.length === 0 ? records : [];
  if (excludedNames.length > 0)
    for (const r of records) {
      const dept = r.department?.trim();
      const key = dept ? foldKey(dept) : undefined;
      const count = key !== undefined ? excludedCounts.get(key) : undefined;
      if (key !== undefined && count !== undefined) excludedCounts.set(key, count + 1);
      else kept.push(r);
    }

  const stats: Stats = {
    total: kept.length,
    byKind: { npc: 0, npcMotion: 0, cppcc: 0 },
    byRole: { lead: 0, assist: 0 },
    byKindRole: { npc: { lead: 0, assist: 0 }, cppcc: { lead: 0, assist: 0 } },
    key: 0,
    replied: 0,
    replyRate: null,
    onTime: 0,
    onTimeReplyRate: null,
    overdue: 0,
    dueSoon: 0,
    noDeadline: 0,
    results: { A: 0, B: 0, C: 0, D: 0 },
    satisfaction: { satisfied: 0, basic: 0, unsatisfied: 0, none: 0 },
    feedback: 0,
    satisfactionRate: null,
    satisfactionWork: { satisfied: 0, basic: 0, unsatisfied: 0, none: 0 },
    feedbackWork: 0,
    satisfactionWorkRate: null,
    feedbackReplied: 0,
    feedbackRate: null,
    repliedUndated: 0,
    consulted: 0,
    consultationRate: null,
    topics: [],
    byDepartment: [],
    byLeader: [],
    excluded: excludedNames.map((name) => ({ name, count: excludedCounts.get(foldKey(name)) ?? 0 })),
    year: s.year ?? null,
    asOf: isoFromSerial(today),
  };

  // 反馈回收率 counts the forms returned for replied items: a 满意度 typed on an unreplied row is not one.
  let feedbackReplied = 0;
  const topics = new Map<string, { name: string; count: number }>();
  const departments = new Map<string, GroupCount>();
  const leaders = new Map<string, GroupCount>();

  for (const r of kept) {
    if (r.kind) stats.byKind[r.kind]++;
    const role = r.role === undefined ? undefined : r.role === "lead" ? "lead" : "assist";
    if (role) {
      stats.byRole[role]++;
      if (r.kind) stats.byKindRole[r.kind === "cppcc" ? "cppcc" : "npc"][role]++;
    }
    if (r.key === true) stats.key++;

    const status = deadlineStatus(r, today, s);
    if (status === "replied") {
      stats.replied++;
      const returned = columns.result || !columns.work ? r.satisfaction : r.satisfactionWork;
      if (returned !== undefined && returned !== "none") feedbackReplied++;
      const due = effectiveDue(r, s);
      if (r.repliedOn === undefined) stats.repliedUndated++;
      else if (due !== undefined && r.repliedOn <= due) stats.onTime++;
    } else if (status === "overdue") stats.overdue++;
    else if (status === "dueSoon") stats.dueSoon++;
    else if (status === "unknown") stats.noDeadline++;

    if (r.result) stats.results[r.result]++;
    if (r.satisfaction) stats.satisfaction[r.satisfaction]++;
    if (r.satisfactionWork) stats.satisfactionWork[r.satisfactionWork]++;
    if (isConsulted(r.consultation)) stats.consulted++;

    const topic = r.topic?.trim();
    if (topic) {
      const key = groupKey(topic);
      let t = topics.get(key);
      if (t === undefined) topics.set(key, (t = { name: topic, count: 0 }));
      t.count++;
    }
    tally(departments, r.department, status);
    tally(leaders, r.leader, status);
  }

  const { satisfied, basic, unsatisfied } = stats.satisfaction;
  stats.feedback = satisfied + basic + unsatisfied;
  stats.replyRate = rate(stats.replied, stats.total);
  stats.onTimeReplyRate = rate(stats.onTime, stats.total);
  stats.satisfactionRate = rate(satisfied + basic, stats.feedback);
  const work = stats.satisfactionWork;
  stats.feedbackWork = work.satisfied + work.basic + work.unsatisfied;
  stats.satisfactionWorkRate = columns.work ? rate(work.satisfied + work.basic, stats.feedbackWork) : null;
  stats.feedbackReplied = feedbackReplied;
  stats.feedbackRate = rate(feedbackReplied, stats.replied);
  stats.consultationRate = rate(stats.consulted, stats.total);
  // Map iteration keeps first appearance; Array.prototype.sort is stable, so ties keep it too.
  stats.topics = [...topics.values()].sort((a, b) => b.count - a.count);
  stats.byDepartment = sortGroups(departments);
  stats.byLeader = sortGroups(leaders);
  return stats;
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function isConsulted(text: string | undefined): boolean {
  if (text === undefined) return false;
  const key = foldKey(text);
  if (key === "" || NO_CONSULTATION.has(key)) return false;
  // 面商 is face to face: a phone call, letter or message alone is contact, not 面商.
  return !REMOTE_ONLY.test(key);
}

/** Entries naming only remote contact (电话沟通, 书面征询, 微信联系 …), after foldKey. */
const REMOTE_ONLY = /^(电话|电邮|邮件|书面|信函|函询|短信|微信|网络|视频)[^面见访座会]*$/;

/**
 * Names are grouped as COUNTIFS matches them, so that each group's figure on the statistics sheet is the
 * engine's: letter case ignored (民政ABC = 民政abc), the first spelling shown.
 * @example groupKey("Team A") === groupKey("TEAM a")
 */
export function groupKey(name: string): string {
  // Most names are CJK, which has no case: toLowerCase only for a text with a character that may have one.
  for (let i = 0; i < name.length; i++) if (mayHaveCase(name.charCodeAt(i))) return name.toLowerCase();
  return name;
}

/** False for a code unit toLowerCase leaves as it is: below "A", "[" to U+00BF, and U+3000–U+9FFF (CJK). */
export function mayHaveCase(code: number): boolean {
  return code < 0x3000 ? code >= 0xc0 || (code >= 65 && code <= 90) : code > 0x9fff;
}

function tally(groups: Map<string, GroupCount>, name: string | undefined, status: DeadlineStatus): void {
  const shown = name?.trim() ?? "";
  const key = groupKey(shown);
  let g = groups.get(key);
  if (g === undefined) groups.set(key, (g = { name: shown, total: 0, replied: 0, overdue: 0 }));
  g.total++;
  if (status === "replied") g.replied++;
  if (status === "overdue") g.overdue++;
}

function sortGroups(groups: Map<string, GroupCount>): GroupCount[] {
  return [...groups.values()].sort((a, b) => b.total - a.total || compareNames(a.name, b.name));
}

/** Code-point order: deterministic on every host, unlike localeCompare with the runtime's ICU data. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueTrimmed(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const key = foldKey(name);
    if (name && !seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}
