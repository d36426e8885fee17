import type { CellValue } from "./snapshot";
import type { Kind, ResultClass, Role, Satisfaction } from "./fields";
import { foldKey } from "./script";

/** Reading one enumeration cell: a value, or nothing understood (the caller keeps the text as invalid). */
export type EnumParse<T> = { ok: true; value: T } | { ok: false };

const NO: { ok: false } = { ok: false };
const yes = <T>(value: T): EnumParse<T> => ({ ok: true, value });

/** Display spellings in simplified script; callers convert with script.ts for traditional workbooks. */
export const KIND_LABEL: Record<Kind, string> = { npc: "人大建议", npcMotion: "人大议案", cppcc: "政协提案" };
export const ROLE_LABEL: Record<Role, string> = { lead: "主办", assist: "协办", joint: "会办" };
export const RESULT_LABEL: Record<ResultClass, string> = { A: "A类", B: "B类", C: "C类", D: "D类" };
export const SATISFACTION_LABEL: Record<Satisfaction, string> = {
  satisfied: "满意",
  basic: "基本满意",
  unsatisfied: "不满意",
  none: "未表态",
};
/** Indexed with `${value}`: KEY_LABEL[`${true}`] === "是". */
export const KEY_LABEL: Record<`${boolean}`, string> = { true: "是", false: "否" };

/**
 * What each class means on a reply (docs/DOMAIN.md). docs/DOMAIN.md gives no wording for D (only that some places
 * use four classes), so D is a neutral "其他情况" until a city's scheme says otherwise.
 */
export const RESULT_MEANING: Record<ResultClass, string> = {
  A: "已经解决或采纳",
  B: "列入计划拟解决或拟采纳",
  C: "留作参考",
  D: "其他情况",
};

/** Simplified, no spaces, lower-case, full-width folded; null for empty cells and booleans/numbers handled by callers. */
function textKey(value: CellValue): string | null {
  if (value === null) return null;
  const key = foldKey(String(value));
  return key === "" ? null : key;
}

/**
 * 人大建议/代表建议/建议 → npc, 人大议案/议案 → npcMotion, 政协提案/提案/委员提案 → cppcc,
 * also inside longer text ("区人大代表建议"). Text naming two kinds ("建议提案") is not understood.
 */
export function parseKind(value: CellValue): EnumParse<Kind> {
  const key = textKey(value);
  if (key === null) return NO;
  const motion = key.includes("议案");
  const cppcc = /提案|政协/.test(key);
  const npc = /建议|人大|代表/.test(key);
  if (cppcc) return motion || npc ? NO : yes("cppcc");
  if (motion) return yes("npcMotion"); // "人大议案", "代表议案" name the congress too
  return npc ? yes("npc") : NO;
}

/** 主办/分办/牵头 → lead, 协办 → assist, 会办 → joint; "主办/协办" names two roles and is not understood. */
export function parseRole(value: CellValue): EnumParse<Role> {
  const key = textKey(value);
  if (key === null) return NO;
  if (key === "主") return yes("lead");
  if (key === "协") return yes("assist");
  if (key === "会") return yes("joint");
  const hits: Role[] = [];
  if (/主办|分办|牵头/.test(key)) hits.push("lead");
  if (key.includes("协办")) hits.push("assist");
  if (key.includes("会办")) hits.push("joint");
  const [only] = hits;
  return hits.length === 1 && only ? yes(only) : NO;
}

const KEY_TRUE = new Set(["是", "y", "yes", "√", "✓", "✔", "重点", "1", "true", "★", "是重点"]);
const KEY_FALSE = new Set([
  "否",
  "n",
  "no",
  "×",
  "✗",
  "✘",
  "x",
  "空",
  "0",
  "false",
  "一般",
  "非重点",
  "不是",
  "无",
]);

/** 是/Y/√/重点/1 → true, 否/N/×/一般/0 → false; boolean cells as they are. */
export function parseKey(value: CellValue): EnumParse<boolean> {
  if (typeof value === "boolean") return yes(value);
  if (typeof value === "number") return value === 1 ? yes(true) : value === 0 ? yes(false) : NO;
  const key = textKey(value);
  if (key === null) return NO;
  if (KEY_TRUE.has(key)) return yes(true);
  if (KEY_FALSE.has(key)) return yes(false);
  if (/^(非|不)/.test(key)) return yes(false); // 非重点提案
  return key.includes("重点") ? yes(true) : NO; // 重点提案, 市重点建议
}

const LETTER_CLASS: Record<string, ResultClass> = {
  a: "A",
  b: "B",
  c: "C",
  d: "D",
  甲: "A",
  乙: "B",
  丙: "C",
  丁: "D",
};

/**
 * A/甲/"A类（已解决或采纳）"/"已答复（B类）" by its letter, else by its words. Words are checked C, then B, then A:
 * "暂时难以解决" and "正在解决" contain 解决, "拟采纳" contains 采纳.
 */
export function parseResult(value: CellValue): EnumParse<ResultClass> {
  const key = textKey(value);
  if (key === null) return NO;
  // A letter standing alone or followed by 类/级/a bracket/a separator: "a", "a类", "b(正在解决)", "丙类".
  const letter = /^([abcd甲乙丙丁])(类|级)?(?=$|[(（:：、,，.\s-]|类)/.exec(key);
  if (letter) {
    const cls = LETTER_CLASS[letter[1] ?? ""];
    if (cls) return yes(cls);
  }
  // The class named inside other words: "已答复(b类)", "已办结（甲类）".
  const named = /(?:^|[^a-z])([abcd])类|[(（]([abcd甲乙丙丁])类?[)）]|([甲乙丙丁])类/.exec(key);
  const namedClass = LETTER_CLASS[named?.[1] ?? named?.[2] ?? named?.[3] ?? ""];
  if (namedClass) return yes(namedClass);
  if (/留作参考|用作参考|参考|难以解决|不能解决|条件限制/.test(key)) return yes("C");
  if (/列入.{0,6}计划|拟解决|拟采纳|正在解决|正在落实|逐步解决/.test(key)) return yes("B");
  if (/已经?解决|已采纳|基本解决|解决或采纳|采纳|已落实/.test(key) || key === "解决") return yes("A");
  return NO;
}

const SATISFACTION_NONE = new Set(["未表态", "未反馈", "未回复", "未返回", "暂未反馈", "未评价", "未测评"]);

/** 满意/基本满意/不满意/未表态; checked 不满意 → 基本满意 → 满意 because each later one is inside the earlier. */
export function parseSatisfaction(value: CellValue): EnumParse<Satisfaction> {
  const key = textKey(value);
  if (key === null) return NO;
  if (SATISFACTION_NONE.has(key)) return yes("none");
  if (key.includes("不满意")) return yes("unsatisfied");
  if (/基本满意|比较满意|较满意/.test(key)) return yes("basic");
  if (key.includes("满意")) return yes("satisfied");
  return NO;
}
