import { progressOf, replyEvidence, statusConflict } from "../../src/core/progress";
import { matchHeader } from "../../src/core/headers";
import type { LedgerRecord } from "../../src/core/fields";

describe("progressOf: what a 办理进度/办理状态 cell says", () => {
  it.each([
    ["已答复", "done"],
    ["已办结", "done"],
    ["办结", "done"],
    ["已办复", "done"],
    ["答复完毕", "done"],
    ["已回复", "done"],
    ["已复函", "done"],
    ["办理完毕", "done"],
    ["已完成", "done"],
    ["完成", "done"],
    ["已答复，待反馈", "done"],
    ["已答复未反馈", "done"],
    ["已辦結", "done"],
    ["已答覆", "done"],
    ["已答復", "done"],
    ["答覆完畢", "done"],
    ["办理中", "open"],
    ["辦理中", "open"],
    ["未办理", "open"],
    ["未答复", "open"],
    ["未办结", "open"],
    ["未辦結", "open"],
    ["正在办理", "open"],
    ["待答复", "open"],
    ["拟答复", "open"],
    ["尚未完成", "open"],
    ["已交办", null],
    ["已签收", null],
    ["", null],
    ["  ", null],
  ])("%j → %s", (text, want) => {
    expect(progressOf(text)).toBe(want);
  });
});

const rec = (fields: Partial<LedgerRecord>): LedgerRecord => ({ row: 5, invalid: {}, ...fields });

describe("replyEvidence and statusConflict", () => {
  it.each<[string, Partial<LedgerRecord>, string | null, string | null]>([
    ["a reply date", { repliedOn: 44300 }, "date", null],
    ["a reply date beside 未办理", { repliedOn: 44300, status: "未办理" }, "date", "date"],
    ["已办结 without a date", { status: "已办结" }, "status", null],
    ["a 答复文号 only", { replyRef: "X民函〔2021〕5号" }, "ref", null],
    ["a dash as 答复文号", { replyRef: "—" }, null, null],
    ["无 as 答复文号", { replyRef: "无" }, null, null],
    ["a result class only", { result: "B" }, "result", null],
    ["未办理 with a 文号", { status: "未办理", replyRef: "X〔2021〕4号" }, null, "ref"],
    ["办理中 with a class", { status: "办理中", result: "A" }, null, "result"],
    ["已答复 written in the reply-date cell", { invalid: { repliedOn: "已答复" } }, "dateText", null],
    ["an unreadable reply date", { invalid: { repliedOn: "2021-13-01" } }, null, null],
    ["nothing", {}, null, null],
    ["办理中 and nothing else", { status: "办理中" }, null, null],
  ])("%s", (_, fields, evidence, conflict) => {
    expect(replyEvidence(rec(fields))).toBe(evidence);
    expect(statusConflict(rec(fields))).toBe(conflict);
  });
});

describe("satisfaction headers: two aspects", () => {
  it.each([
    ["满意度", undefined, "satisfaction"],
    ["办理结果满意度", undefined, "satisfaction"],
    ["对办理结果满意度", undefined, "satisfaction"],
    ["辦理結果滿意度", undefined, "satisfaction"],
    ["结果满意度", undefined, "satisfaction"],
    ["办理工作满意度", undefined, "satisfactionWork"],
    ["对办理工作满意度", undefined, "satisfactionWork"],
    ["辦理工作滿意度", undefined, "satisfactionWork"],
    ["态度满意度", undefined, "satisfactionWork"],
    ["办理工作", "满意度", "satisfactionWork"],
    ["办理态度", "代表满意度", "satisfactionWork"],
    ["办理结果", "满意度", "satisfaction"],
    ["办理效果", "满意度", "satisfaction"],
    ["办理结果", "办理情况", "result"],
  ])("%j under %j → %s", (header, group, field) => {
    expect(matchHeader(header, group)?.field).toBe(field);
  });
});
