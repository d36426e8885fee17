/** Year-end statistics (docs/DOMAIN.md definitions). Rates are fractions 0..1, or null when undefined (0 ÷ 0). */
export interface GroupCount {
  name: string;
  total: number;
  replied: number;
  overdue: number;
}

export interface Stats {
  total: number;
  byKind: { npc: number; npcMotion: number; cppcc: number };
  byRole: { lead: number; assist: number };
  /** Per kind and role, for sentences like "代表建议37件(主办34件、协办3件)". */
  byKindRole: { npc: { lead: number; assist: number }; cppcc: { lead: number; assist: number } };
  key: number;
  replied: number;
  replyRate: number | null;
  onTime: number;
  onTimeReplyRate: number | null;
  overdue: number;
  dueSoon: number;
  /** Items whose deadline could not be determined. */
  noDeadline: number;
  results: { A: number; B: number; C: number; D: number };
  satisfaction: { satisfied: number; basic: number; unsatisfied: number; none: number };
  /** Items with feedback returned (satisfied + basic + unsatisfied). */
  feedback: number;
  /** The 办理结果 aspect when the ledger scores both, else its only satisfaction column. */
  satisfactionRate: number | null;
  /** The 办理工作 (attitude) aspect, when the ledger scores it in a column of its own; zeros otherwise. */
  satisfactionWork: { satisfied: number; basic: number; unsatisfied: number; none: number };
  /** Items with 办理工作 feedback returned. */
  feedbackWork: number;
  satisfactionWorkRate: number | null;
  /** Replied items with feedback returned (a 满意度 on an unreplied row is not counted here). */
  feedbackReplied: number;
  /** 反馈回收率: feedbackReplied ÷ items replied. */
  feedbackRate: number | null;
  /** Replied items whose reply date is missing (counted as replied, never as on time). */
  repliedUndated: number;
  consulted: number;
  consultationRate: number | null;
  topics: { name: string; count: number }[];
  byDepartment: GroupCount[];
  byLeader: GroupCount[];
  /** Excluded departments with their item counts ("除市扶贫办3件"). */
  excluded: { name: string; count: number }[];
  year: number | null;
  /** ISO date the figures refer to. */
  asOf: string;
}
