import type { LedgerRecord } from "../../src/core/fields";
import { resolveSettings } from "../../src/core/settings";
import { serialFromYmd, isoFromSerial } from "../../src/core/dates";
import { deadlineStatus, effectiveDue, type DeadlineStatus } from "../../src/core/deadlines";

const d = (iso: string): number => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromYmd(y ?? 0, m ?? 0, day ?? 0);
};
const rec = (extra: Partial<LedgerRecord>): LedgerRecord => ({ row: 2, invalid: {}, ...extra });

describe("effectiveDue", () => {
  it.each<[string, Partial<LedgerRecord>, Parameters<typeof resolveSettings>[0], string | undefined]>([
    ["written deadline wins", { dueOn: d("2019-05-01"), assignedOn: d("2019-03-01") }, {}, "2019-05-01"],
    ["交办 + 3 months", { assignedOn: d("2019-03-15") }, {}, "2019-06-15"],
    ["month end clamps (Nov 30 → Feb 29 in a leap year)", { assignedOn: d("2019-11-30") }, {}, "2020-02-29"],
    ["month end clamps (Nov 30 → Feb 28)", { assignedOn: d("2018-11-30") }, {}, "2019-02-28"],
    ["Mar 31 + 3 → Jun 30", { assignedOn: d("2019-03-31") }, {}, "2019-06-30"],
    [
      "cppcc months apply to 政协提案",
      { kind: "cppcc", assignedOn: d("2019-03-15") },
      { cppccDeadlineMonths: 5 },
      "2019-08-15",
    ],
    [
      "cppcc months do not apply to 人大建议",
      { kind: "npc", assignedOn: d("2019-03-15") },
      { cppccDeadlineMonths: 5 },
      "2019-06-15",
    ],
    [
      "cppcc falls back to deadlineMonths",
      { kind: "cppcc", assignedOn: d("2019-03-15") },
      { deadlineMonths: 2 },
      "2019-05-15",
    ],
    [
      "协办 months apply to a 协办 unit",
      { role: "assist", assignedOn: d("2019-03-15") },
      { assistDeadlineMonths: 1 },
      "2019-04-15",
    ],
    [
      "协办 months apply to a 会办 unit",
      { role: "joint", kind: "npc", assignedOn: d("2019-01-31") },
      { assistDeadlineMonths: 1 },
      "2019-02-28",
    ],
    [
      "协办 months win over the 政协 months for a 协办 unit",
      { role: "assist", kind: "cppcc", assignedOn: d("2019-03-15") },
      { assistDeadlineMonths: 1, cppccDeadlineMonths: 5 },
      "2019-04-15",
    ],
    [
      "协办 months do not apply to the 主办 unit",
      { role: "lead", kind: "cppcc", assignedOn: d("2019-03-15") },
      { assistDeadlineMonths: 1, cppccDeadlineMonths: 5 },
      "2019-08-15",
    ],
    [
      "unset 协办 months: a 协办 unit follows the main rule",
      { role: "assist", assignedOn: d("2019-03-15") },
      {},
      "2019-06-15",
    ],
    [
      "a 协办 unit's written deadline wins over the 协办 months",
      { role: "assist", dueOn: d("2019-07-01"), assignedOn: d("2019-03-15") },
      { assistDeadlineMonths: 1 },
      "2019-07-01",
    ],
    ["nothing to go on", {}, {}, undefined],
    [
      "unreadable written deadline is not replaced by a guess",
      { assignedOn: d("2019-03-15"), invalid: { dueOn: "延期至9月" } },
      {},
      undefined,
    ],
  ])("%s", (_title, r, input, expected) => {
    const due = effectiveDue(rec(r), resolveSettings(input));
    expect(due === undefined ? undefined : isoFromSerial(due)).toBe(expected);
  });
});

describe("deadlineStatus (today 2019-06-10, dueSoonDays 7)", () => {
  const today = d("2019-06-10");
  it.each<[string, Partial<LedgerRecord>, DeadlineStatus]>([
    ["replied before the deadline", { dueOn: d("2019-06-30"), repliedOn: d("2019-06-01") }, "replied"],
    [
      "replied after the deadline is still replied",
      { dueOn: d("2019-05-30"), repliedOn: d("2019-06-05") },
      "replied",
    ],
    ["replied, no deadline", { repliedOn: d("2019-06-05") }, "replied"],
    ["due yesterday", { dueOn: d("2019-06-09") }, "overdue"],
    ["due today", { dueOn: d("2019-06-10") }, "dueSoon"],
    ["due today + 7", { dueOn: d("2019-06-17") }, "dueSoon"],
    ["due today + 8", { dueOn: d("2019-06-18") }, "open"],
    ["derived deadline passed", { assignedOn: d("2019-03-01") }, "overdue"],
    ["no deadline", {}, "unknown"],
  ])("%s", (_title, r, expected) => {
    expect(deadlineStatus(rec(r), today, resolveSettings({}))).toBe(expected);
  });

  it("dueSoonDays 0 makes only today due soon", () => {
    const s = resolveSettings({ dueSoonDays: 0 });
    expect(deadlineStatus(rec({ dueOn: today }), today, s)).toBe("dueSoon");
    expect(deadlineStatus(rec({ dueOn: today + 1 }), today, s)).toBe("open");
  });
});
