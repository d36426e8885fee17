import type { Script } from "../fields";
import { inScript } from "../script";

/** 时限状态 values, written by the ledger's formula and counted by the statistics sheet. */
export interface StatusLabels {
  replied: string;
  overdue: string;
  dueSoon: string;
  open: string;
}

export function statusLabels(script: Script): StatusLabels {
  return {
    replied: inScript("已答复", script),
    overdue: inScript("已超期", script),
    dueSoon: inScript("即将到期", script),
    open: inScript("办理中", script),
  };
}

/** Base names of the generated sheets (simplified; converted for traditional workbooks). */
/** The backup is named after the ledger ("责任分工表(原表)"), so it says whose original it holds. */
export function baseSheetNames(
  script: Script,
  ledgerName: string,
): { summary: string; report: string; backup: string; settings: string; reminders: string; print: string } {
  return {
    reminders: inScript("催办单", script),
    print: inScript("台账打印", script),
    summary: inScript("统计表", script),
    report: inScript("汇报材料", script),
    backup: `${ledgerName}(${inScript("原表", script)})`,
    settings: inScript("台账设置", script),
  };
}

/** Names of the columns the build adds to the ledger table. */
export function generatedColumnNames(
  script: Script,
  ledgerHasDeadline: boolean,
): { status: string; due: string } {
  return {
    status: inScript("时限状态", script),
    // Without a deadline column the computed one is simply the deadline; next to the user's own it is marked as computed.
    due: inScript(ledgerHasDeadline ? "计算时限" : "办理时限", script),
  };
}
