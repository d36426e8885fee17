import type { Script } from "./fields";
import { DEFAULT_ORGANISATION, type Settings } from "./settings";
import type { Stats } from "./stats.types";
import type { Report, ReportFollowUp, ReportParagraph } from "./report.types";
import { inScript } from "./script";
import { chineseDate, formatPercent, joinAnd } from "./format";

/**
 * The year-end report (docs/DOMAIN.md, modelled on the seed): title, an opening paragraph of figures, the seed's
 * three section headings with marked placeholders for the prose people write, the topic paragraph under 二,
 * and a paragraph on unreplied items when there are any. Only facts from `stats`; written in simplified
 * Chinese, then converted when `script` is traditional. With `followUp` (last year's items compared with this
 * year's: compare.ts), one more paragraph under 二 on what became of them (回头看).
 */
export function buildReport(stats: Stats, s: Settings, script: Script, followUp?: ReportFollowUp): Report {
  const w = wording(stats, s);
  const paragraphs: ReportParagraph[] = [
    { kind: "title", text: title(s, stats, w) },
    { kind: "body", text: opening(stats, s, w) },
  ];
  const open = openItems(stats, s);
  if (open) paragraphs.push({ kind: "body", text: open });
  paragraphs.push(
    { kind: "heading", text: "一、精心组织、严格程序，不断提升办理满意度" },
    placeholder(
      `组织领导和责任分工（定分管领导、定承办人员、定完成时间、定任务、定责任），办理程序，与${w.proposers}的沟通情况。`,
    ),
  );
  if (stats.consulted > 0 && stats.consultationRate !== null) {
    paragraphs.push({
      kind: "body",
      text: `${w.org}与${w.proposers}面商沟通${stats.consulted}件，面商率为${formatPercent(stats.consultationRate)}。`,
    });
  }
  paragraphs.push({ kind: "heading", text: "二、统筹推进、狠抓落实，不断提升办理工作实效" });
  if (stats.topics.length > 0) paragraphs.push({ kind: "body", text: topicParagraph(stats, w) });
  if (followUp) paragraphs.push({ kind: "body", text: followUpText(followUp, w) });
  paragraphs.push(
    placeholder(`结合典型${w.subjectNoun}，说明调研、办理措施和取得的成效。`),
    { kind: "heading", text: "三、下一步计划及工作建议" },
    placeholder("下一步计划及工作建议。"),
  );
  const converted = paragraphs.map((p) => ({ ...p, text: inScript(p.text, script) }));
  return { paragraphs: converted, text: converted.map((p) => p.text).join("\n\n") };
}

/**
 * "XX市民政局关于2026年度人大代表建议和政协提案办理工作情况的报告": the kinds the ledger holds (only 人大建议 →
 * "…关于2026年度人大代表建议办理工作情况的报告"; both when nothing says which). The default 我局 is no sender's name for a
 * title, so it is left out ("关于2026年度…的报告"); an unknown year leaves out "YYYY年度".
 */
function title(s: Settings, stats: Stats, w: Wording): string {
  const org = s.organisation === DEFAULT_ORGANISATION ? "" : s.organisation;
  const year = stats.year !== null ? `${stats.year}年度` : "";
  return `${org}关于${year}${joinAnd(w.subjects)}办理工作情况的报告`;
}

interface Wording {
  org: string;
  /** "2019年" or "" when the year is unknown. */
  yearPrefix: string;
  /** Kinds the data holds, for the title ("人大代表建议", "政协提案"). */
  subjects: string[];
  /** One noun for all items: the single kind held, else 建议提案. */
  subjectNoun: string;
  proposers: string;
}

function wording(stats: Stats, s: Settings): Wording {
  const { npc, npcMotion, cppcc } = stats.byKind;
  const subjects = [...(npc + npcMotion > 0 ? npcWords(stats) : []), ...(cppcc > 0 ? ["政协提案"] : [])];
  const onlyNpc = npc + npcMotion > 0 && cppcc === 0;
  const onlyCppcc = cppcc > 0 && npc + npcMotion === 0;
  return {
    org: s.organisation,
    yearPrefix: stats.year !== null ? `${stats.year}年` : "",
    // Nothing known about kinds (empty ledger, no 类别 column): name both, as most bureaus receive both.
    subjects: subjects.length > 0 ? subjects : ["人大代表建议", "政协提案"],
    subjectNoun: onlyCppcc ? "政协提案" : onlyNpc ? joinAnd(npcWords(stats)) : "建议提案",
    proposers: onlyCppcc ? "政协委员" : onlyNpc ? "人大代表" : "代表委员",
  };
}

/** 人大代表建议, 人大代表议案, or both as one noun ("议案、建议", not "建议和议案…和政协提案"). */
function npcWords(stats: Stats): string[] {
  const { npc, npcMotion } = stats.byKind;
  if (npc > 0 && npcMotion > 0) return ["人大代表议案、建议"];
  return npcMotion > 0 ? ["人大代表议案"] : ["人大代表建议"];
}

function placeholder(what: string): ReportParagraph {
  return { kind: "placeholder", text: `【请在此填写：${what}】` };
}

function opening(stats: Stats, s: Settings, w: Wording): string {
  const excluded = stats.excluded.filter((e) => e.count > 0).map((e) => `${e.name}${e.count}件`);
  if (stats.total === 0) {
    return excluded.length > 0
      ? `${w.yearPrefix}${w.org}台账中除${excluded.join("、")}外，暂无其他建议提案。`
      : `${w.yearPrefix}${w.org}台账中暂无建议提案。`;
  }
  const { npc, npcMotion, cppcc } = stats.byKind;
  const parts: string[] = [];
  if (npc + npcMotion > 0)
    parts.push(`${joinAnd(npcWords(stats))}${npc + npcMotion}件${roleNote(stats.byKindRole.npc)}`);
  if (cppcc > 0) parts.push(`政协提案${cppcc}件${roleNote(stats.byKindRole.cppcc)}`);
  const unknownKind = stats.total - npc - npcMotion - cppcc;
  if (unknownKind > 0) {
    parts.push(
      parts.length > 0
        ? `未注明类别的建议提案${unknownKind}件`
        : `建议提案${unknownKind}件${roleNote(stats.byRole)}`,
    );
  }
  // Both kinds: the total first, then each ("共承办人大代表建议和政协提案20件，其中人大代表建议12件、政协提案8件").
  // An exclusion follows the total it is taken from ("共承办…15件（除市扶贫办1件），其中…").
  const except = excluded.length > 0 ? `（除${excluded.join("、")}）` : "";
  let text =
    parts.length > 1
      ? `${w.yearPrefix}${w.org}共承办${joinAnd(w.subjects)}${stats.total}件${except}，其中${parts.join("、")}`
      : `${w.yearPrefix}${w.org}共承办${joinAnd(parts)}${except}`;
  if (stats.key > 0) text += `${parts.length > 1 ? "，" : "，其中"}重点${w.subjectNoun}${stats.key}件`;
  text += "。";

  const reply = stats.replyRate;
  const satisfaction = stats.satisfactionRate;
  const work = stats.satisfactionWorkRate;
  if (work !== null) {
    // Two aspects scored: state both, the work aspect first as 测评 forms list them.
    if (reply !== null) text += `办复率为${formatPercent(reply)}。`;
    const aspects = [
      `对办理工作满意率为${formatPercent(work)}`,
      ...(satisfaction !== null ? [`对办理结果满意率为${formatPercent(satisfaction)}`] : []),
    ];
    text += `${w.proposers}${aspects.join("，")}。`;
  } else if (reply === 1 && satisfaction === 1) text += "办复率和满意率均达100%。";
  else if (reply !== null) {
    text += `办复率为${formatPercent(reply)}`;
    text += satisfaction !== null ? `，满意率为${formatPercent(satisfaction)}。` : "。";
  }
  if (stats.feedbackReplied > 0 && stats.feedbackRate !== null) {
    text += `已答复的${stats.replied}件中收回反馈意见${stats.feedbackReplied}件（反馈回收率${formatPercent(stats.feedbackRate)}）。`;
  }
  const results = resultPhrase(stats, s.resultScheme);
  if (results) text += `从整体办理情况来看，${w.yearPrefix}${w.subjectNoun}${results}。`;
  return text;
}

/** "（主办34件、协办3件）" only when some items are 协办: an all-主办 batch reads like the seed, without a note. */
function roleNote(role: { lead: number; assist: number }): string {
  if (role.assist === 0) return "";
  const parts = [...(role.lead > 0 ? [`主办${role.lead}件`] : []), `协办${role.assist}件`];
  return `（${parts.join("、")}）`;
}

/**
 * Result classes in the seed's words, zero classes left out: solved/planned joined with "，", then "；" before
 * those not taken up ("已经解决或采纳的8件，列入计划拟解决或拟采纳的4件；留作参考的1件").
 * Under the four-class scheme C is 因条件限制暂时难以解决 and D 留作参考; under A-C (and 甲乙丙) C is 留作参考.
 */
function resultPhrase(stats: Stats, scheme: Settings["resultScheme"]): string {
  const r = stats.results;
  const c = scheme === "ABCD" ? "因条件限制暂时难以解决的" : "留作参考的";
  const taken = [[r.A, "已经解决或采纳的"] as const, [r.B, "列入计划拟解决或拟采纳的"] as const];
  // D exists only under A-D; elsewhere a stray D is still counted, not renamed.
  const notTaken = [[r.C, c] as const, [r.D, scheme === "ABCD" ? "留作参考的" : "其他类别的"] as const];
  const say = (list: readonly (readonly [number, string])[]): string =>
    list
      .filter(([n]) => n > 0)
      .map(([n, words]) => `${words}${n}件`)
      .join("，");
  return [say(taken), say(notTaken)].filter((x) => x !== "").join("；");
}

/** The 回头看 paragraph in simplified Chinese, as buildReport writes it with `followUp` (before conversion). */
export function followUpParagraph(f: ReportFollowUp, stats: Stats, s: Settings): string {
  return followUpText(f, wording(stats, s));
}

/**
 * "对2026年度列入计划拟解决或拟采纳的3件、未办复的5件建议提案开展“回头看”：本年度台账中有后续办理记录的6件，其中已办复
 * 4件（已经解决或采纳的2件）、尚未办复2件；未找到后续办理记录的1件；1件找到相近记录，对应关系有待核实。"
 */
function followUpText(f: ReportFollowUp, w: Wording): string {
  const year = f.lastYear !== null ? `${f.lastYear}年度` : "上年度";
  if (f.items === 0) return `${year}没有列入计划拟解决或拟采纳、未办复的${w.subjectNoun}，无需开展“回头看”。`;
  const scope = [
    ...(f.planned > 0 ? [`列入计划拟解决或拟采纳的${f.planned}件`] : []),
    ...(f.unreplied > 0 ? [`未办复的${f.unreplied}件`] : []),
  ].join("、");
  // An item both B类 and unreplied is one item: the total is stated when the two overlap.
  const total = f.planned + f.unreplied > f.items ? `（共${f.items}件）` : "";
  const parts: string[] = [];
  if (f.matched > 0) {
    let text = `本年度台账中有后续办理记录的${f.matched}件`;
    const open = f.matched - f.replied;
    if (f.replied > 0) {
      text += `，其中已办复${f.replied}件`;
      if (f.solved > 0) text += `（已经解决或采纳的${f.solved}件）`;
    }
    if (open > 0) text += `${f.replied > 0 ? "、" : "，其中"}尚未办复${open}件`;
    parts.push(text);
  }
  if (f.notFound > 0) parts.push(`未找到后续办理记录的${f.notFound}件`);
  if (f.ambiguous > 0) parts.push(`${f.ambiguous}件找到相近记录，对应关系有待核实`);
  return `对${year}${scope}${w.subjectNoun}${total}开展“回头看”：${parts.join("；")}。`;
}

function topicParagraph(stats: Stats, w: Wording): string {
  const covered = stats.topics.reduce((sum, t) => sum + t.count, 0);
  const head = w.yearPrefix ? `${w.yearPrefix}，` : "";
  let text = `${head}${w.org}办理的${stats.total}件${w.subjectNoun}，共涉及${w.org}${stats.topics.length}个方面的工作，其中，${topicList(stats.topics)}。`;
  if (covered < stats.total) text += `另有${stats.total - covered}件未注明主题。`;
  return text;
}

/**
 * Topics grouped by count, as the seed writes them: "殡葬改革3件、社会组织管理3件，医疗救助和养老服务体系建设各2件，
 * 地名管理、留守儿童和社区治理各1件". Rule reproducing it: when counts differ, the most frequent topics are named
 * one by one (each with its number, joined with 、); every lower count is one group — "X2件" for a single topic,
 * "X、Y和Z各1件" for several. When all counts are equal there is only one group, written with 各.
 * Groups are separated by "，". Input must be sorted by count, descending (stats.topics is).
 */
export function topicList(topics: readonly { name: string; count: number }[]): string {
  const groups: { count: number; names: string[] }[] = [];
  for (const t of topics) {
    const last = groups[groups.length - 1];
    if (last && last.count === t.count) last.names.push(t.name);
    else groups.push({ count: t.count, names: [t.name] });
  }
  return groups
    .map((g, i) => {
      if (g.names.length === 1) return `${g.names[0] ?? ""}${g.count}件`;
      if (i === 0 && groups.length > 1) return g.names.map((n) => `${n}${g.count}件`).join("、");
      return `${joinAnd(g.names)}各${g.count}件`;
    })
    .join("，");
}

/** "截至2019年12月31日，尚有2件未办复，其中已超期1件（社会事务科1件），1件将在7日内到期。" */
function openItems(stats: Stats, s: Settings): string | null {
  const open = stats.total - stats.replied;
  if (open <= 0) return null;
  let text = `截至${chineseDate(stats.asOf)}，尚有${open}件未办复`;
  if (stats.overdue > 0) {
    const depts = stats.byDepartment
      .filter((d) => d.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue)
      .map((d) => `${d.name || "未注明承办科室"}${d.overdue}件`);
    text += `，其中已超期${stats.overdue}件（${depts.join("、")}）`;
  }
  if (stats.dueSoon > 0) {
    text +=
      s.dueSoonDays === 0
        ? `，${stats.dueSoon}件今日到期`
        : `，${stats.dueSoon}件将在${s.dueSoonDays}日内到期`;
  }
  if (stats.noDeadline > 0) text += `，${stats.noDeadline}件未能确定办理时限`;
  return `${text}。`;
}
