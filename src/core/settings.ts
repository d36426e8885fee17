import { z } from "zod";
import { FIELDS } from "./fields";

/** How the report names the bureau when neither the user nor the ledger's title does. */
export const DEFAULT_ORGANISATION = "我局";

/** Rule settings: they vary by city (docs/DOMAIN.md), so every rule reads them from here. */
export const SettingsSchema = z.object({
  /** How the report names the bureau. */
  organisation: z.string().min(1).default(DEFAULT_ORGANISATION),
  /** Report year; derived from the data (most common 交办 year) when absent. */
  year: z.number().int().min(1949).max(2200).optional(),
  /** "Today" / as-of date as ISO YYYY-MM-DD; the user's local date when absent. */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Default deadline: 交办 + N months. */
  deadlineMonths: z.number().int().min(1).max(24).default(3),
  /** Some places give 政协提案 a different period (e.g. 5 months); falls back to deadlineMonths. */
  cppccDeadlineMonths: z.number().int().min(1).max(24).optional(),
  /**
   * 协办/会办 units often have their own, shorter period (one month to send their views to the 主办 unit):
   * when set, their derived deadline is 交办 + this many months; unset = the main rule.
   */
  assistDeadlineMonths: z.number().int().min(1).max(24).optional(),
  /** Unreplied items due within this many days are "due soon". */
  dueSoonDays: z.number().int().min(0).max(90).default(7),
  /** Departments left out of the totals and named in the report ("除市扶贫办3件"). */
  excludeDepartments: z.array(z.string().min(1)).default([]),
  /** How result classes are written: A-C, A-D, or 甲/乙/丙. */
  resultScheme: z.enum(["ABC", "ABCD", "jiayibing"]).default("ABC"),
  /** Script of generated text; follows the workbook's headers when absent. */
  script: z.enum(["simplified", "traditional"]).optional(),
  /** Language of messages. */
  locale: z.enum(["zh-CN", "zh-TW", "en"]).default("zh-CN"),
  /** The sheet to read; the best-recognised sheet when absent. */
  sheet: z.string().optional(),
  /** User corrections of the recognised mapping: field → 0-based column index, or null to unmap. */
  mapping: z.partialRecord(z.enum(FIELDS), z.number().int().min(0).nullable()).optional(),
});

export type Settings = z.output<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

/** Settings that could be used, or what is wrong with them (a value: no ZodError leaves the core). */
export type SettingsOutcome = { ok: true; settings: Settings } | { ok: false; detail: string };

/**
 * Defaults filled in, unknown keys dropped; bad input is a value naming each wrong setting
 * ("dueSoonDays: Too big: expected number to be <=90").
 */
export function parseSettings(input: SettingsInput = {}): SettingsOutcome {
  const parsed = SettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
  };
}

/** parseSettings for input known to be good (defaults, tests): bad input is a programming error here. */
export function resolveSettings(input: SettingsInput = {}): Settings {
  const outcome = parseSettings(input);
  if (!outcome.ok) throw new RangeError(`resolveSettings: ${outcome.detail}`);
  return outcome.settings;
}
