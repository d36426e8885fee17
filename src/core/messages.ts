import { FIELD_LABEL, type Field, type Locale } from "./fields";
import type { IssueCode } from "./issues";
import { toTraditional } from "./script";

/** What an issue message may mention. `header` is the column header as the user wrote it. */
export interface IssueParams {
  field?: Field | null;
  header?: string;
  /** The cell text exactly as written (invalid_date, invalid_value). */
  text?: string;
  /** The duplicated 编号 (duplicate_id). */
  id?: string;
  /** The other rows holding the same 编号 (duplicate_id). */
  otherRows?: readonly number[];
}

const FIELD_LABEL_EN: Record<Field, string> = {
  seq: "No.",
  id: "ID",
  kind: "kind",
  title: "title",
  proposer: "proposer",
  topic: "topic",
  role: "lead/assist",
  key: "key item",
  leader: "leader in charge",
  department: "department",
  handler: "handler",
  phone: "phone",
  assignedOn: "assignment date",
  dueOn: "deadline",
  repliedOn: "reply date",
  replyRef: "reply reference",
  result: "result class",
  satisfaction: "satisfaction",
  consultation: "consultation",
  status: "progress",
  notes: "notes",
};

type Parts = { field: string; text: string; id: string; rows: string };

/** Templates in simplified Chinese; zh-TW converts the template only, never the user's own text. */
const ZH: Record<IssueCode, (p: Parts, f: Field | null) => string> = {
  missing_required: (p, f) =>
    f === "dueOn" ? "未填写办理时限或交办日期，无法确定完成时间" : `未填写${p.field}（“五定”之一）`,
  missing_column: (p, f) =>
    f === "dueOn" ? "表中没有办理时限或交办日期列，无法确定完成时间" : `表中没有“${p.field}”列（“五定”之一）`,
  invalid_date: (p) => `${p.field}“${p.text}”不是可识别的日期`,
  invalid_value: (p) => `${p.field}“${p.text}”无法识别`,
  duplicate_id: (p) => `编号“${p.id}”与第${p.rows}行重复`,
  date_order: (p) => `${p.field}早于交办日期`,
  reply_missing_result: () => "已答复但未填写办理结果（答复类别）",
};

const EN: Record<IssueCode, (p: Parts, f: Field | null) => string> = {
  missing_required: (p, f) =>
    f === "dueOn" ? "No deadline and no assignment date to derive it from" : `Missing ${p.field}`,
  missing_column: (p, f) =>
    f === "dueOn"
      ? "The sheet has no deadline or assignment date column"
      : `The sheet has no ${p.field} column`,
  invalid_date: (p) => `${cap(p.field)} “${p.text}” is not a date`,
  invalid_value: (p) => `${cap(p.field)} “${p.text}” is not understood`,
  duplicate_id: (p) => `ID “${p.id}” also appears in ${p.rows}`,
  date_order: (p) => `${cap(p.field)} is before the assignment date`,
  reply_missing_result: () => "Replied, but no result class",
};

/**
 * The user-visible message of an issue.
 * @example issueMessage("invalid_date", { field: "dueOn", text: "六月底" }, "zh-CN") === "办理时限“六月底”不是可识别的日期"
 */
export function issueMessage(code: IssueCode, params: IssueParams, locale: Locale): string {
  const field = params.field ?? null;
  const rows = params.otherRows ?? [];
  if (locale === "en") {
    const parts: Parts = {
      field: field ? FIELD_LABEL_EN[field] : "",
      text: params.text ?? "",
      id: params.id ?? "",
      rows: `${rows.length > 1 ? "rows" : "row"} ${rows.join(", ")}`,
    };
    return EN[code](parts, field);
  }
  const label = params.header?.trim() || (field ? FIELD_LABEL[field] : "");
  const marker = "\u0000";
  const parts: Parts = { field: `${marker}F`, text: `${marker}T`, id: `${marker}I`, rows: rows.join("、") };
  let template = ZH[code](parts, field);
  if (locale === "zh-TW") {
    // 「」 are the quotation marks used in Taiwan.
    template = toTraditional(template).replace(/“/g, "「").replace(/”/g, "」");
  }
  const fieldText = locale === "zh-TW" && !params.header ? toTraditional(label) : label;
  const values: Record<string, string> = { F: fieldText, T: params.text ?? "", I: params.id ?? "" };
  // A replacer function, so "$&" or "$1" in the user's text is not read as a replacement pattern.
  return template.replace(/\u0000([FTI])/g, (_, key: string) => values[key] ?? "");
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
