import type { Field } from "./fields";
import { foldKey } from "./script";

// prettier-ignore
/**
 * Header synonyms per field (docs/DOMAIN.md's table plus spellings seen in real ledgers), written in
 * simplified script: matching folds traditional, full-width and spaces away (script.ts foldKey).
 */
export const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  seq: ["序号", "序", "编次"],
  id: ["编号", "案号", "提案号", "建议号", "议案号", "建议编号", "提案编号", "议案编号", "建议(议案)编号", "建议提案编号", "代表建议编号", "第×号", "件号"],
  kind: ["类别", "案别", "类型", "建议提案类别", "建议类别", "提案类别", "来源", "件别", "建议类型", "提案类型"],
  title: ["案由", "标题", "题目", "提案名称", "建议名称", "建议标题", "提案标题", "建议题目", "提案题目", "摘要", "内容摘要", "案题", "建议提案名称", "建议提案标题"],
  proposer: ["提案人", "领衔人", "领衔代表", "领衔委员", "代表", "委员", "提出人", "提出者", "提建议人", "建议人", "提案者", "代表姓名", "委员姓名", "提案委员", "代表委员"],
  topic: ["主题", "领域", "内容分类", "性质类别", "工作类别", "业务类别", "所属领域", "内容类别", "分类", "问题类别"],
  role: ["办理类型", "办理方式", "主办/协办", "主协办", "主办或协办", "主办、协办", "承办方式", "承办类型", "办理性质"],
  key: ["是否重点", "重点提案", "重点建议", "领导领办", "重点", "重点件", "是否重点件", "是否领导领办", "重点督办"],
  leader: ["分管领导", "牵头领导", "领办领导", "包抓领导", "责任领导", "分管局领导", "主管领导", "负责领导", "局领导", "分管负责人"],
  department: ["承办科室", "责任科室", "承办单位", "责任单位", "主办单位", "承办处室", "责任处室", "承办部门", "责任部门", "办理科室", "主办科室", "科室", "处室"],
  handler: ["承办人", "经办人", "联系人", "承办人员", "经办人员", "责任人", "具体承办人", "办理人", "具体经办人"],
  phone: ["联系电话", "电话", "手机", "联系方式", "联系人电话", "手机号码", "办公电话"],
  assignedOn: ["交办日期", "交办时间", "登记时间", "登记日期", "交办", "收到日期", "收件日期", "接收时间"],
  // 完成时间 is the seed's 五定 "定完成时间": a deadline, not the day it was done.
  dueOn: ["办理时限", "完成时限", "答复期限", "答复截止时间", "答复截止日期", "落实时限", "完成时间", "办结时限", "答复时限", "截止时间", "截止日期", "时限", "期限", "要求办结时间", "要求办结日期", "要求答复时间", "要求答复日期", "要求完成时间", "限办日期", "限办时间", "应答复时间", "应办结时间"],
  repliedOn: ["答复日期", "答复时间", "办结日期", "办结时间", "回复日期", "回复时间", "实际答复时间", "实际答复日期", "答复函日期", "答复函时间", "复函日期", "复函时间", "覆函日期", "覆函时间", "函复日期", "函复时间", "回函日期", "回函时间", "办复日期", "办复时间", "意见送达日期", "意见送达时间"],
  replyRef: ["答复文号", "回复文号", "文号", "答复函文号", "复文文号", "发文字号", "答复函号"],
  result: ["办理结果", "答复类别", "类别标记", "落实情况分类", "答复结果", "结果类别", "办理结果类别", "答复分类", "答复类型", "结果分类"],
  // Two aspects are scored in many places: 办理结果 (the one reports quote by default) and 办理工作 (attitude).
  satisfaction: ["办理结果满意度", "对办理结果满意度", "对办理结果的满意度", "结果满意度", "办理效果满意度", "效果满意度", "满意度", "反馈意见", "代表委员反馈", "评价", "满意情况", "反馈情况", "测评意见", "测评结果", "是否满意", "代表反馈", "委员反馈", "意见反馈", "反馈类型", "满意程度", "代表意见", "委员意见", "代表委员意见"],
  satisfactionWork: ["办理工作满意度", "对办理工作满意度", "对办理工作的满意度", "工作满意度", "办理态度满意度", "态度满意度", "对承办单位工作满意度", "沟通满意度", "办理过程满意度"],
  consultation: ["面商情况", "沟通方式", "面商形式", "办前征询", "沟通情况", "面商", "是否面商", "见面商谈"],
  status: ["办理进度", "办理状态", "进展情况", "办理情况", "进度", "状态", "是否办结", "落实情况"],
  notes: ["备注", "附注", "说明"],
};

/** Words that name the 办理工作 aspect of satisfaction under a 满意度 group. */
const WORK_ASPECT = /工作|态度|沟通|过程|服务/;

/** How a header matched: exact beats exact-without-brackets beats contains (used to pick one column per field). */
export type MatchQuality = 3 | 2 | 1;
export interface HeaderMatch {
  field: Field;
  quality: MatchQuality;
}

/** Longer text is prose (a title, a note), not a header: no "contains" matching on it. */
const MAX_CONTAINS_LENGTH = 20;
/** Words that name a person inside a group ("提案人" over 单位 | 姓名): the group gives the field. */
const NAME_WORDS = new Set(["姓名", "名字", "名称", "人员"]);

interface SynonymKey {
  key: string;
  field: Field;
}
let synonymKeys: SynonymKey[] | undefined;
let exactKeys: Map<string, Field> | undefined;

function keys(): { list: SynonymKey[]; exact: Map<string, Field> } {
  if (!synonymKeys || !exactKeys) {
    synonymKeys = [];
    exactKeys = new Map();
    for (const [field, words] of Object.entries(HEADER_SYNONYMS) as [Field, readonly string[]][]) {
      for (const word of words) {
        const key = headerKey(word);
        synonymKeys.push({ key, field });
        if (!exactKeys.has(key)) exactKeys.set(key, field);
      }
    }
  }
  return { list: synonymKeys, exact: exactKeys };
}

/** Comparison key of a header: foldKey plus marks people add to headers ("*案由", "序号："). */
function headerKey(text: string): string {
  return foldKey(text).replace(/[*※★:：]/g, "");
}

function withoutBrackets(key: string): string {
  return key.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕|<[^>]*>/g, "");
}

/** Shortest synonym trusted as the head noun at the end of a header (two-character ones such as 电话 are not). */
const HEAD_NOUN_MIN = 3;

function matchKey(key: string): HeaderMatch | null {
  const { list, exact } = keys();
  const whole = exact.get(key);
  if (whole) return { field: whole, quality: 3 };
  const bare = withoutBrackets(key);
  const stripped = bare !== key ? exact.get(bare) : undefined;
  if (stripped) return { field: stripped, quality: 2 };
  if (key.length > MAX_CONTAINS_LENGTH) return null;
  // Chinese puts the head noun last: a synonym of three or more characters that ends the header names it
  // ("代表委员满意度" is a 满意度). Otherwise the longest synonym inside wins, on a tie the later one
  // ("经办人及电话" is a 经办人, not a 电话).
  let best: { field: Field; length: number; end: number } | undefined;
  let head: { field: Field; length: number } | undefined;
  for (const { key: syn, field } of list) {
    if (syn.length < 2) continue;
    const at = key.lastIndexOf(syn);
    if (at < 0) continue;
    const end = at + syn.length;
    if (end === key.length && syn.length >= HEAD_NOUN_MIN && (!head || syn.length > head.length)) {
      head = { field, length: syn.length };
    }
    if (!best || syn.length > best.length || (syn.length === best.length && end > best.end)) {
      best = { field, length: syn.length, end };
    }
  }
  const chosen = head ?? best;
  return chosen ? { field: chosen.field, quality: 1 } : null;
}

/**
 * The field a header names, if any. `group` is the merged cell above it in a two-row header; it is used
 * when the header alone says nothing ("答复"+"时间" → repliedOn, "提案人"+"姓名" → proposer), and under a
 * 满意度 group, which names every column under it (满意度 over 办理工作 | 办理结果).
 * @example matchHeader("答復期限（月日）")?.field === "dueOn"
 */
export function matchHeader(header: string, group?: string): HeaderMatch | null {
  const key = headerKey(header);
  if (key === "") return null;
  const own = matchKey(key);
  if (group === undefined) return own;
  const groupKey = headerKey(group);
  // Satisfaction scored twice ("满意度" over 办理工作 | 办理结果): every column under it is a 满意度, the work
  // aspect when its words say 工作/态度/沟通/过程, else the result aspect.
  const byGroup = matchKey(groupKey);
  if (byGroup?.field === "satisfaction" && (byGroup.quality > 1 || groupKey.includes("满意"))) {
    if (own?.field === "satisfaction" || own?.field === "satisfactionWork") return own;
    return { field: WORK_ASPECT.test(key) ? "satisfactionWork" : "satisfaction", quality: 1 };
  }
  if (own) return own;
  const combined = matchKey(groupKey + key);
  if (combined && combined.quality > 1) return combined;
  if (NAME_WORDS.has(key) && byGroup) return { field: byGroup.field, quality: 1 };
  return null;
}
