import type { WorkbookSnapshot, SheetSnapshot } from "./snapshot";
import { DATE_FIELDS, type LedgerRecord, type Script, type DateSerial } from "./fields";
import type { LedgerLayout } from "./layout";
import type { Issue } from "./issues";
import type { Stats } from "./stats.types";
import type { Report } from "./report.types";
import { DEFAULT_ORGANISATION, parseSettings, type Settings, type SettingsInput } from "./settings";
import { recognizeWorkbook } from "./recognize";
import { overlongCells, readRecords, rewrittenHeaders } from "./normalize";
import { inferKind, inferRole, withInferredKind, withInferredRole } from "./kindHint";
import { checkLedger, SEVERITY } from "./rules";
import { organisationOf } from "./organisation";
import { computeStats } from "./stats";
import { buildReport } from "./report";
import { readStoredState, type StoredState } from "./stored";
import { serialFromIso, serialFromLocalDate, isoFromSerial, ymdFromSerial } from "./dates";

/** One sheet of a ledger: a workbook may keep 人大 and 政协 (or 主办 and 会办) items on sheets of their own. */
export interface LedgerPart {
  sheet: SheetSnapshot;
  layout: LedgerLayout;
  /** This sheet's records (also in Analysis.records, in part order). */
  records: LedgerRecord[];
}

/** Everything the engine knows about one ledger. */
export interface Analysis {
  /** The first (or only) sheet of the ledger and its layout. */
  sheet: SheetSnapshot;
  layout: LedgerLayout;
  /** Every sheet read as part of the ledger, the first one first; one entry for a one-sheet ledger. */
  parts: LedgerPart[];
  /** Names of the sheets in parts. */
  sheets: string[];
  /** All records of all parts; each record's `sheet` names its sheet. */
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
  /** `hidden`: hidden sheets searched too, which the message names. */
  | { code: "no_ledger"; sheet?: string; hidden?: string[] }
  | { code: "bad_settings"; detail: string };

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
  const parsed = parseSettings(mergeSettings(stored?.settings ?? {}, input));
  if (!parsed.ok) return { ok: false, error: { code: "bad_settings", detail: parsed.detail } };
  const settings = parsed.settings;
  if (workbook.sheets.length === 0) return { ok: false, error: { code: "empty_workbook" } };

  const skipSheets = stored
    ? [
        ...Object.entries(stored.generated)
          .filter(([role]) => role !== "ledger")
          .map(([, name]) => name),
        ...stored.parts.flatMap((p) => (p.backup !== undefined ? [p.backup] : [])),
      ]
    : [];
  const found = recognizeWorkbook(workbook, {
    ...(settings.sheet !== undefined ? { sheet: settings.sheet } : {}),
    ...(settings.mapping !== undefined ? { mapping: settings.mapping } : {}),
    skipSheets,
    generatedColumns: Object.values(stored?.generatedColumns ?? {}),
  });
  if (!found.ok) return { ok: false, error: found.error };

  const read = (part: { sheet: SheetSnapshot; layout: LedgerLayout }, defaultYear?: number): LedgerRecord[] =>
    readRecords(part.sheet, part.layout, {
      ...(defaultYear !== undefined ? { defaultYear } : {}),
      ...(workbook.date1904 === true ? { date1904: true } : {}),
    });
  const preliminary = found.parts.map((p) => read(p, settings.year));
  const today =
    (settings.asOf !== undefined ? serialFromIso(settings.asOf) : null) ?? serialFromLocalDate(now);
  // A workbook that keeps a sheet per year is not one ledger: the year asked for, else the latest year not
  // after today among the sheets, else the chosen sheet's.
  const ownYears = preliminary.map((records) => dominantYear(records));
  const year =
    settings.year ??
    ledgerYear(ownYears, ymdFromSerial(today).year) ??
    dominantYear(preliminary.flat()) ??
    null;
  // Year-less dates (6月30日) need the year: read again once it is known. Without a year they were left
  // unreadable, so a ledger whose dates all read needs no second pass.
  const yearless = (records: LedgerRecord[]): boolean =>
    records.some((r) => DATE_FIELDS.some((f) => r.invalid[f] !== undefined));
  const extraIssues: Issue[] = [];
  const parts: LedgerPart[] = [];
  const titles = new Set<string>();
  found.parts.forEach((part, i) => {
    const first = preliminary[i] ?? [];
    const ownYear = ownYears[i];
    if (found.parts.length > 1 && year !== null && ownYear !== undefined && ownYear !== year) {
      extraIssues.push(sheetIssue("sheet_unread", part.sheet.name, String(ownYear), "year"));
      return;
    }
    const again = settings.year === undefined && year !== null && yearless(first);
    const records = withSheetHints(part.sheet, part.layout, again ? read(part, year) : first);
    // A sheet that repeats another's items (a copy kept as a backup) is not a part of the ledger.
    // (A ledger on one sheet has nothing to compare.)
    if (found.parts.length > 1) {
      const own = records.flatMap((r) => (r.title !== undefined ? [r.title] : []));
      const repeated = own.filter((t) => titles.has(t)).length;
      if (parts.length > 0 && own.length > 0 && repeated * 2 >= own.length) {
        extraIssues.push(sheetIssue("sheet_unread", part.sheet.name, parts[0]?.sheet.name ?? "", "copy"));
        return;
      }
      for (const t of own) titles.add(t);
    }
    for (const r of records) r.sheet = part.sheet.name;
    parts.push({ sheet: part.sheet, layout: part.layout, records });
  });
  const [main] = parts;
  if (!main) return { ok: false, error: { code: "no_ledger" } };
  for (const other of found.others)
    extraIssues.push(sheetIssue("sheet_unread", other, main.sheet.name, "layout"));
  for (const name of found.hidden) {
    if (!parts.some((p) => p.sheet.name === name)) continue;
    extraIssues.push({
      row: null,
      field: null,
      code: "sheet_hidden",
      severity: SEVERITY.sheet_hidden,
      params: { text: name },
      sheet: name,
    });
  }

  // One part (most ledgers): its own array, not a copy of 10,000 records.
  const records =
    parts.length === 1 && parts[0] !== undefined ? parts[0].records : parts.flatMap((p) => p.records);
  const script = settings.script ?? main.layout.script;
  // The user's name for the bureau wins; a stored "我局" is only the default an earlier build wrote, so the title's
  // name (XX市民政局) is taken over it.
  const storedOrg = stored?.settings.organisation;
  const organisation =
    input.organisation ??
    (storedOrg !== DEFAULT_ORGANISATION ? storedOrg : undefined) ??
    organisationOf(main);
  const withYear: Settings = {
    ...settings,
    ...(year !== null ? { year } : {}),
    ...(organisation !== undefined ? { organisation } : {}),
  };
  for (const name of stored?.ignoredSheets ?? []) {
    extraIssues.push({
      row: null,
      field: null,
      code: "stored_sheet_ignored",
      severity: "warning",
      params: { text: name },
      sheet: name,
    });
  }
  const issues = [
    ...extraIssues,
    ...parts.flatMap((p) => [
      ...overlongCells(p.sheet, p.layout),
      ...rewrittenHeaders(p.sheet, p.layout),
      ...checkLedger(p.records, p.layout),
    ]),
  ];
  const stats = computeStats(records, withYear, today, {
    work: parts.some((p) => p.layout.mapping.satisfactionWork !== undefined),
    result: parts.some((p) => p.layout.mapping.satisfaction !== undefined),
  });
  const report = buildReport(stats, withYear, script);
  return {
    ok: true,
    analysis: {
      sheet: main.sheet,
      layout: main.layout,
      parts,
      sheets: parts.map((p) => p.sheet.name),
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

/** Without a 类别 (办理类型) column, the title or sheet name may say what the sheet holds (人大/政协, 主办/会办). */
function withSheetHints(sheet: SheetSnapshot, layout: LedgerLayout, records: LedgerRecord[]): LedgerRecord[] {
  const withKind =
    layout.mapping.kind === undefined ? withInferredKind(records, inferKind(sheet, layout)) : records;
  return layout.mapping.role === undefined ? withInferredRole(withKind, inferRole(sheet, layout)) : withKind;
}

/** A sheet-wide issue about a whole sheet left out of the ledger. */
function sheetIssue(
  code: "sheet_unread",
  sheet: string,
  ledger: string,
  reason: "copy" | "layout" | "year",
): Issue {
  return {
    row: null,
    field: null,
    code,
    severity: SEVERITY[code],
    params: { text: sheet, other: ledger, reason },
    sheet,
  };
}

/** The caller's settings win; lists given by the caller replace stored lists. */
/**
 * The stored settings with the given ones over them. A key given as undefined clears the stored value (设置's
 * blank field: 年度 from the data again, 协办 months back to the main rule); a key not given keeps it.
 */
function mergeSettings(stored: SettingsInput, given: SettingsInput): SettingsInput {
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(given)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as SettingsInput;
}

/**
 * The year of a ledger over several sheets: with one year among them, that one; with several (a sheet per
 * year), the latest not after the as-of year, else the earliest. Undefined when no sheet has dates.
 */
function ledgerYear(years: (number | undefined)[], asOfYear: number): number | undefined {
  const known = [...new Set(years.filter((y): y is number => y !== undefined))].sort((a, b) => a - b);
  if (known.length <= 1) return years[0] ?? known[0];
  return known.filter((y) => y <= asOfYear).at(-1) ?? known[0];
}

/** The most common year among 交办 dates, else deadlines, else replies. */
function dominantYear(records: LedgerRecord[]): number | undefined {
  for (const field of ["assignedOn", "dueOn", "repliedOn"] as const) {
    // By day first: a batch shares its dates, so each distinct day is made a year once.
    const days = new Map<number, number>();
    for (const r of records) {
      const serial = r[field];
      if (serial !== undefined) {
        const day = Math.floor(serial);
        days.set(day, (days.get(day) ?? 0) + 1);
      }
    }
    const counts = new Map<number, number>();
    for (const [day, n] of days) {
      const { year } = ymdFromSerial(day);
      counts.set(year, (counts.get(year) ?? 0) + n);
    }
    let best: [number, number] | undefined;
    for (const entry of counts)
      if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    if (best) return best[0];
  }
  return undefined;
}

export { isoFromSerial };
