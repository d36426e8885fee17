/** The canonical ledger fields (docs/DOMAIN.md) and their enumerations. */

export const FIELDS = [
  "seq",
  "id",
  "kind",
  "title",
  "proposer",
  "topic",
  "role",
  "key",
  "leader",
  "department",
  "handler",
  "phone",
  "assignedOn",
  "dueOn",
  "repliedOn",
  "replyRef",
  "result",
  "satisfaction",
  "satisfactionWork",
  "consultation",
  "status",
  "notes",
] as const;
export type Field = (typeof FIELDS)[number];

/** Canonical field names in simplified Chinese: the usual header, used where the sheet has none (a missing column). */
export const FIELD_LABEL: Record<Field, string> = {
  seq: "序号",
  id: "编号",
  kind: "类别",
  title: "案由",
  proposer: "提案人",
  topic: "主题",
  role: "办理类型",
  key: "是否重点",
  leader: "分管领导",
  department: "承办科室",
  handler: "承办人",
  phone: "联系电话",
  assignedOn: "交办日期",
  dueOn: "办理时限",
  repliedOn: "答复日期",
  replyRef: "答复文号",
  result: "办理结果",
  satisfaction: "满意度",
  satisfactionWork: "办理工作满意度",
  consultation: "面商情况",
  status: "办理进度",
  notes: "备注",
};

export const DATE_FIELDS = ["assignedOn", "dueOn", "repliedOn"] as const satisfies readonly Field[];
export type DateField = (typeof DATE_FIELDS)[number];

/** The five 定: leader, handler, deadline (or 交办 date to derive it), task (title), section (department). */
export const REQUIRED_FIELDS = [
  "leader",
  "handler",
  "dueOn",
  "title",
  "department",
] as const satisfies readonly Field[];

/** npc = 人大建议, npcMotion = 人大议案, cppcc = 政协提案. */
export type Kind = "npc" | "npcMotion" | "cppcc";
/** lead = 主办 (also 分办), assist = 协办, joint = 会办 (counted with assist). */
export type Role = "lead" | "assist" | "joint";
export type ResultClass = "A" | "B" | "C" | "D";
/** basic = 基本满意, none = 未表态 (feedback returned without a verdict is not counted as feedback). */
export type Satisfaction = "satisfied" | "basic" | "unsatisfied" | "none";

export type Script = "simplified" | "traditional";
export type Locale = "zh-CN" | "zh-TW" | "en";

/** Excel 1900-system serial day number (integer), see dates.ts. */
export type DateSerial = number;

/** One ledger row after normalisation. Understood values are typed; everything else stays as written. */
export interface LedgerRecord {
  /** 1-based row number in the source sheet. */
  row: number;
  /** The sheet the row is on. */
  sheet?: string;
  seq?: string;
  id?: string;
  kind?: Kind;
  title?: string;
  proposer?: string;
  topic?: string;
  role?: Role;
  key?: boolean;
  leader?: string;
  department?: string;
  handler?: string;
  phone?: string;
  assignedOn?: DateSerial;
  dueOn?: DateSerial;
  repliedOn?: DateSerial;
  replyRef?: string;
  result?: ResultClass;
  /** The 办理结果 aspect when the ledger scores both aspects, else its only satisfaction column. */
  satisfaction?: Satisfaction;
  /** The 办理工作 (attitude) aspect, from a column of its own. */
  satisfactionWork?: Satisfaction;
  consultation?: string;
  status?: string;
  notes?: string;
  /** Fields whose cell held something that could not be understood: the text exactly as written. */
  invalid: Partial<Record<Field, string>>;
  /** True where the value came from a merged area above this row. */
  mergedFrom?: Partial<Record<Field, number>>;
}
