/**
 * The sheets a build writes, by role, and the marker of the settings sheet. They live here, not in the plan,
 * because the engine reads what an earlier build left (stored.ts) before any plan exists. "reminders" (the
 * 催办单) and "print" (台账打印) are written only when asked for.
 */
export const SHEET_ROLES = [
  "ledger",
  "backup",
  "summary",
  "report",
  "settings",
  "reminders",
  "print",
] as const;
export type SheetRole = (typeof SHEET_ROLES)[number];

/** A1 of the hidden settings sheet: how the next run finds it, whatever the sheet is called. */
export const SETTINGS_MARKER = "proposal-ledger-settings v1";
