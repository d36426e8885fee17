import * as z from "zod/mini";
// zod/mini names no problem in words of its own: its English messages, as the full zod gives them.
import { en } from "zod/locales";
import { FIELDS } from "./fields";

z.config(en());

/** How the report names the bureau when neither the user nor the ledger's title does. */
export const DEFAULT_ORGANISATION = "我局";

/** An integer of at least `min` (and at most `max`, when given). */
const integer = (min: number, max?: number) =>
  z.number().check(z.int(), z.minimum(min), ...(max !== undefined ? [z.maximum(max)] : []));

/**
 * Rule settings: they vary by city (docs/DOMAIN.md), so every rule reads them from here. In zod's mini build: the
 * same checks and messages as the full one, written as functions, in 28 KB of JavaScript instead of 454 KB that
 * every start of the command line, the ribbon's commands and the pane's engine loaded.
 */
export const SettingsSchema = z.object({
  /** How the report names the bureau. */
  organisation: z._default(z.string().check(z.minLength(1)), DEFAULT_ORGANISATION),
  /** Report year; derived from the data (most common 交办 year) when absent. */
  year: z.optional(integer(1949, 2200)),
  /** "Today" / as-of date as ISO YYYY-MM-DD; the user's local date when absent. */
  asOf: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  /** Default deadline: 交办 + N months. */
  deadlineMonths: z._default(integer(1, 24), 3),
  /** Some places give 政协提案 a different period (e.g. 5 months); falls back to deadlineMonths. */
  cppccDeadlineMonths: z.optional(integer(1, 24)),
  /**
   * 协办/会办 units often have their own, shorter period (one month to send their views to the 主办 unit):
   * when set, their derived deadline is 交办 + this many months; unset = the main rule.
   */
  assistDeadlineMonths: z.optional(integer(1, 24)),
  /** Unreplied items due within this many days are "due soon". */
  dueSoonDays: z._default(integer(0, 90), 7),
  /** Departments left out of the totals and named in the report ("除市扶贫办3件"). */
  excludeDepartments: z._default(z.array(z.string().check(z.minLength(1))), []),
  /** How result classes are written: A-C, A-D, or 甲/乙/丙. */
  resultScheme: z._default(z.enum(["ABC", "ABCD", "jiayibing"]), "ABC"),
  /** Script of generated text; follows the workbook's headers when absent. */
  script: z.optional(z.enum(["simplified", "traditional"])),
  /** Language of messages. */
  locale: z._default(z.enum(["zh-CN", "zh-TW", "en"]), "zh-CN"),
  /** The sheet to read; the best-recognised sheet when absent. */
  sheet: z.optional(z.string()),
  /** User corrections of the recognised mapping: field → 0-based column index, or null to unmap. */
  mapping: z.optional(z.partialRecord(z.enum(FIELDS), z.nullable(integer(0)))),
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
