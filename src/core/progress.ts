import type { LedgerRecord } from "./fields";
import { NO_DATE_TEXTS } from "./dates";
import { toTraditional } from "./script";

/**
 * What a 办理进度/办理状态 cell says. The same word lists drive the engine and the ledger's 时限状态 formula
 * (plan/ledger/table.ts), which looks for them with FIND in the cell as written: so the engine does too, in
 * both scripts, instead of folding the text first. Rules, in order:
 * 1. a word that states the reply ("已答复", "已办结", "答复完毕") means done, whatever else the cell says
 *    ("已答复，待反馈");
 * 2. else a word that says it is not finished ("未", "待", "正在", "办理中") means open ("未办结", "待答复");
 * 3. else a bare finishing word ("办结", "完成") means done;
 * 4. else nothing is understood (null).
 */
export type Progress = "done" | "open";

const STATED_DONE = [
  "已答复",
  "已办结",
  "已办复",
  "已回复",
  "已复函",
  "已函复",
  "已完成",
  "已办理",
  "已落实",
  "答复完毕",
  "办理完毕",
  "办复完毕",
];
const NOT_DONE = [
  "未",
  "待",
  "正在",
  "办理中",
  "处理中",
  "落实中",
  "答复中",
  "在办",
  "暂缓",
  "尚需",
  "拟",
  "准备",
];
const BARE_DONE = ["办结", "办复", "完成", "答复", "复函"];

/** Each word in simplified, Taiwan-traditional and the common 答復 spelling. */
function bothScripts(words: readonly string[]): string[] {
  return [...new Set(words.flatMap((w) => [w, toTraditional(w), toTraditional(w).replace(/覆/g, "復")]))];
}

let lists: { stated: string[]; notDone: string[]; bare: string[] } | undefined;

/** The word lists in both scripts, for the engine and the formula alike. */
export function progressWords(): { stated: string[]; notDone: string[]; bare: string[] } {
  lists ??= {
    stated: bothScripts(STATED_DONE),
    notDone: bothScripts(NOT_DONE),
    bare: bothScripts(BARE_DONE),
  };
  return lists;
}

const has = (text: string, words: readonly string[]): boolean => words.some((w) => text.includes(w));

/**
 * The progress a status text states, or null.
 * @example progressOf("已办结") === "done"; progressOf("未办结") === "open"; progressOf("已答复，待反馈") === "done"
 */
export function progressOf(text: string | undefined): Progress | null {
  if (text === undefined || text.trim() === "") return null;
  let found = progressCache.get(text);
  if (found === undefined) {
    const w = progressWords();
    found = has(text, w.stated) ? "done" : has(text, w.notDone) ? "open" : has(text, w.bare) ? "done" : null;
    // Status cells repeat a handful of texts: remember them, within a bound so memory stays flat.
    if (progressCache.size >= PROGRESS_CACHE_LIMIT) progressCache.clear();
    progressCache.set(text, found);
  }
  return found;
}

const PROGRESS_CACHE_LIMIT = 5_000;
const progressCache = new Map<string, Progress | null>();

/** Texts that mean "nothing" in a 答复文号 cell (the shared no-date list: 无, 暂无, —, /, …). */
const NONE_TEXTS: ReadonlySet<string> = new Set(NO_DATE_TEXTS.flatMap((t) => [t, toTraditional(t)]));

/**
 * Why a row counts as replied, or null when it does not:
 * - "date": its 答复日期 is a date;
 * - otherwise nothing when its status says it is open (未办理, 办理中);
 * - "dateText": its 答复日期 holds no date but words that state the reply ("已答复", "已办结"); other text
 *   there is an unreadable date (invalid_date), not a reply;
 * - "status": its status says it is answered or finished;
 * - "ref": it carries a 答复文号; "result": it carries a 办理结果 class.
 * Every evidence but "date" leaves the on-time status unknown: such a row is never counted as on time.
 */
export type ReplyEvidence = "date" | "dateText" | "status" | "ref" | "result";

export function replyEvidence(r: LedgerRecord): ReplyEvidence | null {
  if (r.repliedOn !== undefined) return "date";
  const status = progressOf(r.status);
  if (status === "open") return null;
  const dateText = r.invalid.repliedOn;
  if (dateText !== undefined && progressOf(dateText) === "done") return "dateText";
  if (status === "done") return "status";
  if (hasReplyRef(r.replyRef)) return "ref";
  if (r.result !== undefined) return "result";
  return null;
}

/** A 答复文号 cell that holds a reference, not "无" or a dash. */
function hasReplyRef(text: string | undefined): boolean {
  const t = text?.trim();
  return t !== undefined && t !== "" && !NONE_TEXTS.has(t);
}

/**
 * A status that contradicts the rest of the row: "未办理" beside a reply date, a 答复文号 or a result class; returns
 * that evidence. (The row then follows its reply date when it has one, else its status.)
 */
export function statusConflict(r: LedgerRecord): ReplyEvidence | null {
  if (progressOf(r.status) !== "open") return null;
  if (r.repliedOn !== undefined) return "date";
  if (r.invalid.repliedOn !== undefined && progressOf(r.invalid.repliedOn) === "done") return "dateText";
  if (hasReplyRef(r.replyRef)) return "ref";
  return r.result !== undefined ? "result" : null;
}
