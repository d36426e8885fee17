import { FIELD_LABEL, type Field, type Locale } from "../core/fields";
import type { IssueCode, IssueParams } from "../core/issues";
import { toTraditional } from "../core/script";

/** Issue messages in zh-CN, zh-TW and en, rendered at the edge from an issue's code and parameters. */

/** The evidence of a reply, named by the field that holds it. */
const EVIDENCE_FIELD: Record<NonNullable<IssueParams["evidence"]>, Field> = {
  date: "repliedOn",
  dateText: "repliedOn",
  status: "status",
  ref: "replyRef",
  result: "result",
};

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
  satisfactionWork: "satisfaction with the handling",
  consultation: "consultation",
  status: "progress",
  notes: "notes",
};

type Parts = {
  field: string;
  text: string;
  id: string;
  rows: string;
  /** The field's own name (not the user's header), the column letter, the evidence and moved-to fields. */
  label: string;
  column: string;
  source: string;
  moved: string;
  /** Whether the row has an evidence at all; "date" when a reply date wins (status_conflict). */
  evidence: string;
  other: string;
  reason: string;
};

/** Templates in simplified Chinese; zh-TW converts the template only, never the user's own text. */
const ZH: Record<IssueCode, (p: Parts, f: Field | null) => string> = {
  missing_required: (p, f) =>
    f === "dueOn" ? "未填写办理时限或交办日期，无法确定完成时间" : `未填写${p.field}（“五定”之一）`,
  missing_column: (p, f) =>
    f === "dueOn"
      ? "表中没有办理时限或交办日期列，无法确定完成时间"
      : f === "repliedOn"
        ? "表中没有答复日期、办理进度、答复文号或办理结果列，无法判断哪些件已答复：办复率等各项按未答复计，请核对列的对应"
        : `表中没有“${p.field}”列（“五定”之一）`,
  invalid_date: (p) => `${p.field}“${p.text}”不是可识别的日期`,
  invalid_value: (p) => `${p.field}“${p.text}”无法识别`,
  duplicate_id: (p) => `编号“${p.id}”与第${p.rows}行重复`,
  date_order: (p) => `${p.field}早于交办日期`,
  reply_missing_result: () => "已答复但未填写办理结果（答复类别）",
  reply_date_missing: (p) =>
    p.evidence === "dateText"
      ? `答复日期写的是“${p.text}”，没有日期：计为已答复，但不计入按期办复`
      : `据${p.source}计为已答复，但没有答复日期：不计入按期办复`,
  status_conflict: (p) =>
    p.evidence === "date"
      ? `${p.field}“${p.text}”与已填写的答复日期不符，按答复日期计为已答复，请核对`
      : `${p.field}“${p.text}”与本行的${p.source}不符，按${p.field}计为未答复，请核对`,
  column_unread: (p) =>
    p.moved !== ""
      ? `“${p.field}”列（${p.column}列）已改作${p.moved}，不再作为${p.label}读取`
      : `“${p.field}”列（${p.column}列）看起来是${p.label}，但未被读取，其中内容不计入统计`,
  feedback_without_reply: (p) =>
    `已有${p.field}反馈，但本行没有答复的记载：不计入反馈回收率，请核对是否漏填答复日期或办理进度`,
  sheet_unread: (p) =>
    p.reason === "copy"
      ? `工作表“${p.text}”与“${p.other}”的事项重复（可能是副本），未重复计入`
      : p.reason === "year"
        ? `工作表“${p.text}”是${p.other}年的台账，与本年度不同，未计入统计；如需统计它，请单独指定该工作表`
        : `工作表“${p.text}”也像台账，但表头与“${p.other}”不同，未计入统计；如需统计它，请单独指定该工作表`,
  sheet_hidden: (p) =>
    `工作表“${p.text}”是隐藏的：没有其他工作表含有台账，因此读取了它；如这不是要用的台账，请检查隐藏的工作表`,
  text_too_long: (p) =>
    `本格有${p.text}个字符，超过 Excel 单元格上限（32767）：台账和统计表中已截断并标注“超长已截断”，全文只保留在原表备份中`,
  header_rewritten: (p) =>
    `表头“${p.text}”含有 [ ] # ' 之一，Excel 表格的公式无法直接引用：整理台账时这些字符写成全角（［ ］ ＃ ＇），原表备份保留原样`,
  stored_sheet_ignored: (p) =>
    `台账设置中记录的工作表“${p.text}”不是本工具生成的（像是您的数据表）：已忽略这条记录，不会改写该工作表`,
  user_edits_kept: (p) => `工作表“${p.text}”中您填写或添加的内容已保留，其余部分按最新数据重新生成`,
  generated_sheet_copied: (p) =>
    `工作表“${p.text}”中您修改的内容无法随重新生成保留，原表已另存为“${p.other}”，请从中取回需要的内容`,
};

const EN: Record<IssueCode, (p: Parts, f: Field | null) => string> = {
  missing_required: (p, f) =>
    f === "dueOn" ? "No deadline and no assignment date to derive it from" : `Missing ${p.field}`,
  missing_column: (p, f) =>
    f === "dueOn"
      ? "The sheet has no deadline or assignment date column"
      : f === "repliedOn"
        ? "The sheet has no reply date, progress, reply reference or result column: no item can count as replied; please check the column mapping"
        : `The sheet has no ${p.field} column`,
  invalid_date: (p) => `${cap(p.field)} “${p.text}” is not a date`,
  invalid_value: (p) => `${cap(p.field)} “${p.text}” is not understood`,
  duplicate_id: (p) => `ID “${p.id}” also appears in ${p.rows}`,
  date_order: (p) => `${cap(p.field)} is before the assignment date`,
  reply_missing_result: () => "Replied, but no result class",
  reply_date_missing: (p) =>
    p.evidence === "dateText"
      ? `The reply date reads “${p.text}”, no date: counted as replied, not as on time`
      : `Counted as replied from the ${p.source}, but there is no reply date: not counted as on time`,
  status_conflict: (p) =>
    p.evidence === "date"
      ? `${cap(p.field)} “${p.text}” contradicts the reply date; counted as replied by the date, please check`
      : `${cap(p.field)} “${p.text}” contradicts the ${p.source}; counted as not replied, please check`,
  column_unread: (p) =>
    p.moved !== ""
      ? `Column ${p.column} “${p.text}” now maps to ${p.moved} and is no longer read as ${p.label}`
      : `Column ${p.column} “${p.text}” looks like ${p.label} but is not read; its contents are not counted`,
  feedback_without_reply: (p) =>
    `${cap(p.field)} is recorded but the row shows no reply: not counted in the feedback rate; is the reply date or progress missing?`,
  sheet_unread: (p) =>
    p.reason === "copy"
      ? `Sheet “${p.text}” repeats the items of “${p.other}” (a copy?) and is not counted again`
      : p.reason === "year"
        ? `Sheet “${p.text}” is the ledger of ${p.other}, another year; it is not counted (name it to read it alone)`
        : `Sheet “${p.text}” also looks like a ledger, but its header differs from “${p.other}”; it is not counted (name it to read it alone)`,
  sheet_hidden: (p) =>
    `Sheet “${p.text}” is hidden: no other sheet holds a ledger, so it was read; check the hidden sheets if this is not the ledger you meant`,
  text_too_long: (p) =>
    `This cell holds ${p.text} characters, more than Excel's limit of 32,767 per cell: it is cut short with a “truncated” mark in the ledger and statistics, and kept whole only in the backup sheet`,
  header_rewritten: (p) =>
    `The header “${p.text}” holds one of [ ] # ', which table formulas cannot name as written: structuring the ledger writes them full-width (［ ］ ＃ ＇) in its header; the backup keeps the original`,
  stored_sheet_ignored: (p) =>
    `The stored settings name sheet “${p.text}”, which this tool did not generate (it looks like your data): that entry is ignored and the sheet is left as it is`,
  user_edits_kept: (p) =>
    `What you wrote or added on sheet “${p.text}” was kept; the rest was generated again from the current data`,
  generated_sheet_copied: (p) =>
    `Your edits on sheet “${p.text}” could not be carried over; the old sheet was kept as “${p.other}” so you can copy them back`,
};

/**
 * The user-visible message of an issue.
 * @example issueMessage("invalid_date", { field: "dueOn", text: "六月底" }, "zh-CN") === "办理时限“六月底”不是可识别的日期"
 */
export function issueMessage(code: IssueCode, params: IssueParams, locale: Locale): string {
  const field = params.field ?? null;
  const rows = params.otherRows ?? [];
  const source = params.evidence !== undefined ? EVIDENCE_FIELD[params.evidence] : undefined;
  const common = {
    column: params.column ?? "",
    evidence: params.evidence ?? "",
    other: params.other ?? "",
    reason: params.reason ?? "",
  };
  if (locale === "en") {
    const parts: Parts = {
      ...common,
      field: field ? FIELD_LABEL_EN[field] : "",
      text: (code === "column_unread" ? params.header : params.text) ?? "",
      id: params.id ?? "",
      rows: `${rows.length > 1 ? "rows" : "row"} ${rows.join(", ")}`,
      label: field ? FIELD_LABEL_EN[field] : "",
      source: source ? FIELD_LABEL_EN[source] : "",
      moved: params.movedTo ? FIELD_LABEL_EN[params.movedTo] : "",
    };
    return EN[code](parts, field);
  }
  const label = params.header?.trim() || (field ? FIELD_LABEL[field] : "");
  const marker = "\u0000";
  const parts: Parts = {
    ...common,
    field: `${marker}F`,
    text: `${marker}T`,
    id: `${marker}I`,
    rows: rows.join("、"),
    other: `${marker}O`,
    label: field ? FIELD_LABEL[field] : "",
    source: source ? FIELD_LABEL[source] : "",
    moved: params.movedTo ? FIELD_LABEL[params.movedTo] : "",
  };
  let template = ZH[code](parts, field);
  if (locale === "zh-TW") {
    // 「」 are the quotation marks used in Taiwan.
    template = toTraditional(template).replace(/“/g, "「").replace(/”/g, "」");
  }
  const fieldText = locale === "zh-TW" && !params.header ? toTraditional(label) : label;
  const values: Record<string, string> = {
    F: fieldText,
    T: params.text ?? "",
    I: params.id ?? "",
    O: params.other ?? "",
  };
  // A replacer function, so "$&" or "$1" in the user's text is not read as a replacement pattern.
  return template.replace(/\u0000([FTIO])/g, (_, key: string) => values[key] ?? "");
}

/**
 * An issue's message in any language, from its parameters: a front end switching language renders again
 * instead of analysing again.
 */
export function renderIssue(issue: { code: IssueCode; params: IssueParams }, locale: Locale): string {
  return issueMessage(issue.code, issue.params, locale);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
