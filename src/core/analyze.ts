import type { WorkbookSnapshot, SheetSnapshot } from "./snapshot";
import { DATE_FIELDS, type LedgerRecord, type Script, type DateSerial } from "./fields";
import type { LedgerLayout } from "./layout";
import type { Issue } from "./issues";
import type { Stats } from "./stats.types";
import type { Report } from "./report.types";
import { resolveSettings, type Settings, type SettingsInput } from "./settings";
import { recognizeWorkbook } from "./recognize";
import { readRecords } from "./normalize";
import { inferKind, withInferredKind } from "./kindHint";
import { checkLedger } from "./rules";
import { computeStats } from "./stats";
import { buildReport } from "./report";
import { readStoredState, type StoredState } from "./plan/stored";
import { serialFromIso, serialFromLocalDate, isoFromSerial, ymdFromSerial } from "./dates";

/** Everything the engine knows about one ledger. */
export interface Analysis {
  sheet: SheetSnapshot;
  layout: LedgerLayout;
  records: LedgerRecord[];
  issues: Issue[];
  stats: Stats;
  report: Report;
  /** Settings in force: stored ones from an earlier build, overridden by the caller's. */
  settings: Settings;
  script: Script;
  /** The as-of date the figures refer to. */
  today: DateSerial;
  year: number | null;
  stored: StoredState | null;
}

export type AnalyzeFailure =
  | { code: "empty_workbook" }
  | { code: "sheet_not_found"; sheet: string }
  | { code: "no_ledger"; sheet?: string };

export type AnalyzeOutcome = { ok: true; analysis: Analysis } | { ok: false; error: AnalyzeFailure };

/**
 * The whole engine on one workbook: recognise the ledger, normalise its rows, check them, count the year
 * and write the report. `now` supplies the user's local date when settings have no as-of date.
 */
export function analyzeWorkbook(
  workbook: WorkbookSnapshot,
  input: SettingsInput = {},
  now: Date = new Date(),
): AnalyzeOutcome {
  const stored = readStoredState(workbook);
  const settings = resolveSettings(mergeSettings(stored?.settings ?? {}, input));
  if (workbook.sheets.length === 0) return { ok: false, error: { code: "empty_workbook" } };

  const skipSheets = stored
    ? Object.entries(stored.generated)
        .filter(([role]) => role !== "ledger")
        .map(([, name]) => name)
    : [];
  const found = recognizeWorkbook(workbook, {
    ...(settings.sheet !== undefined ? { sheet: settings.sheet } : {}),
    ...(settings.mapping !== undefined ? { mapping: settings.mapping } : {}),
    skipSheets,
  });
  if (!found.ok) return { ok: false, error: found.error };

  const { layout, sheet } = found;
  const preliminary = readRecords(
    sheet,
    layout,
    settings.year !== undefined ? { defaultYear: settings.year } : {},
  );
  const today =
    (settings.asOf !== undefined ? serialFromIso(settings.asOf) : null) ?? serialFromLocalDate(now);
  const year = settings.year ?? dominantYear(preliminary) ?? null;
  // Year-less dates (6月30日) need the year: read again once it is known. Without a year they were left
  // unreadable, so a ledger whose dates all read needs no second pass.
  const yearless = preliminary.some((r) => DATE_FIELDS.some((f) => r.invalid[f] !== undefined));
  const read =
    settings.year === undefined && year !== null && yearless
      ? readRecords(sheet, layout, { defaultYear: year })
      : preliminary;
  // Without a 类别 column, the title or sheet name may say what the ledger holds.
  const records = layout.mapping.kind === undefined ? withInferredKind(read, inferKind(sheet, layout)) : read;
  const script = settings.script ?? layout.script;
  const withYear: Settings = year !== null ? { ...settings, year } : settings;
  const issues = checkLedger(records, layout, withYear);
  const stats = computeStats(records, withYear, today);
  const report = buildReport(stats, withYear, script);
  return {
    ok: true,
    analysis: {
      sheet,
      layout,
      records,
      issues,
      stats,
      report,
      settings: withYear,
      script,
      today,
      year,
      stored,
    },
  };
}

/** The caller's settings win; lists given by the caller replace stored lists. */
function mergeSettings(stored: SettingsInput, given: SettingsInput): SettingsInput {
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) out[k] = v;
  return out as SettingsInput;
}

/** The most common year among 交办 dates, else deadlines, else replies. */
function dominantYear(records: LedgerRecord[]): number | undefined {
  for (const field of ["assignedOn", "dueOn", "repliedOn"] as const) {
    const counts = new Map<number, number>();
    for (const r of records) {
      const serial = r[field];
      if (serial !== undefined) {
        const { year } = ymdFromSerial(serial);
        counts.set(year, (counts.get(year) ?? 0) + 1);
      }
    }
    let best: [number, number] | undefined;
    for (const entry of counts)
      if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    if (best) return best[0];
  }
  return undefined;
}

export { isoFromSerial };
