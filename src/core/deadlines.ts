import type { DateSerial, LedgerRecord } from "./fields";
import type { Settings } from "./settings";
import { addMonths } from "./dates";
import { replyEvidence } from "./progress";

export type DeadlineStatus = "replied" | "overdue" | "dueSoon" | "open" | "unknown";

/**
 * The deadline in force: the ledger's own 办理时限, else 交办 + deadlineMonths (cppccDeadlineMonths for
 * 政协提案, assistDeadlineMonths for 协办/会办 when set), clamped to month end by addMonths.
 * A 办理时限 cell holding unreadable text ("延期至9月") yields undefined rather than a derived date:
 * the office wrote a deadline we cannot read, so guessing the default would mark items overdue wrongly.
 */
export function effectiveDue(r: LedgerRecord, s: Settings): DateSerial | undefined {
  if (r.dueOn !== undefined) return r.dueOn;
  if (r.invalid.dueOn !== undefined || r.assignedOn === undefined) return undefined;
  return addMonths(r.assignedOn, derivedMonths(r, s));
}

/** Months after 交办 of a derived deadline: 协办/会办 their own when set, 政协提案 theirs, else the main rule. */
export function derivedMonths(r: LedgerRecord, s: Settings): number {
  if (s.assistDeadlineMonths !== undefined && (r.role === "assist" || r.role === "joint"))
    return s.assistDeadlineMonths;
  return r.kind === "cppcc" ? (s.cppccDeadlineMonths ?? s.deadlineMonths) : s.deadlineMonths;
}

/**
 * Where an item stands on `today`: replied (a reply date, or other evidence of a reply: progress.ts) wins; otherwise overdue when the deadline
 * has passed, dueSoon when it falls within today..today+dueSoonDays (both ends included), open when later,
 * unknown when no deadline can be read.
 */
export function deadlineStatus(r: LedgerRecord, today: DateSerial, s: Settings): DeadlineStatus {
  if (replyEvidence(r) !== null) return "replied";
  const due = effectiveDue(r, s);
  if (due === undefined) return "unknown";
  if (due < today) return "overdue";
  if (due <= today + s.dueSoonDays) return "dueSoon";
  return "open";
}
