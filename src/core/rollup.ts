import type { Analysis } from "./analyze";
import type { DateSerial, Kind, LedgerRecord, Role, Script } from "./fields";
import type { Issue } from "./issues";
import type { Settings } from "./settings";
import type { Stats } from "./stats.types";
import { DEFAULT_ORGANISATION, resolveSettings } from "./settings";
import { deadlineStatus, effectiveDue } from "./deadlines";
import { computeStats, groupKey } from "./stats";
import { foldKey } from "./script";

/**
 * The roll-up of many units' ledgers (issue 14): the office that hands out the items (政府办督查科, 人大选联工委,
 * 政协提案委) receives every bureau's ledger and counts the whole city. Pure: the host reads the files and analyses
 * each one; a file that could not be read comes in as a failure of the host's own type and goes out unchanged.
 */

/** One input file: its analysis, or why it could not be read (the edge words it). */
export type RollupSource<F> = { file: string; analysis: Analysis } | { file: string; failure: F };

/** One item as the roll-up counts it: the unit's record and the facts the 汇总统计 formulas count. */
export interface RollupRow {
  unit: string;
  file: string;
  record: LedgerRecord;
  /** The deadline in force under the unit's own settings (its 办理时限, else 交办 + its months). */
  due: DateSerial | undefined;
  /** A reply date, or other evidence of a reply (progress.ts). */
  replied: boolean;
  /** Counted in the city totals: false for the other units' rows of an item several units handle. */
  counted: boolean;
}

export interface RollupUnit {
  /** The unit's name: the title row's organisation, else the file name; made unique among the units. */
  name: string;
  file: string;
  analysis: Analysis;
  /** The unit's own figures (its ledger's analysis), every item counted. */
  stats: Stats;
  issues: Issue[];
  /** The unit's items, excluded departments left out (as its stats leave them out), in ledger order. */
  rows: RollupRow[];
}

/** An item several units handle (same 编号 and kind in more than one unit's ledger): counted once in the totals. */
export interface RollupDuplicate {
  id: string;
  kind: Kind | null;
  /** Every unit's row of the item, the one the totals count first. */
  items: { unit: string; file: string; sheet: string; row: number; role: Role | null; counted: boolean }[];
}

export interface Rollup<F> {
  /** By 件数, most first; equal counts by name (code-point order). */
  units: RollupUnit[];
  /** The city's figures: every item once (see RollupDuplicate), each under its own unit's deadline rules. */
  total: Stats;
  duplicates: RollupDuplicate[];
  failed: { file: string; failure: F }[];
  today: DateSerial;
  /** The as-of date was given (--today): the sheet writes it, else =TODAY(). */
  asOfFixed: boolean;
  /** The year every unit's ledger is of, else null. */
  year: number | null;
  /** The script the roll-up's sheets are written in (the caller's choice: the units' workbooks may differ). */
  script: Script;
}

/**
 * Rolls up the units' analyses. Units are named after their title row (organisation.ts, via the analysis'
 * settings) or, without one, after the file (`民政局.xlsx` → 民政局); a name two files share gets the file name
 * after it. An item handled by several units (same 编号, folded as foldKey does, and same kind) counts once in
 * `total`: the 主办 unit's row, else the first unit's; each unit still counts its own row.
 * @example rollup([{ file: "a.xlsx", analysis }, { file: "b.xlsx", failure: "corrupt" }]).failed[0].failure === "corrupt"
 */
export function rollup<F>(sources: readonly RollupSource<F>[], options: { script?: Script } = {}): Rollup<F> {
  const failed: { file: string; failure: F }[] = [];
  const units: RollupUnit[] = [];
  const taken = new Set<string>();
  for (const source of sources) {
    if (!("analysis" in source)) {
      failed.push({ file: source.file, failure: source.failure });
      continue;
    }
    const a = source.analysis;
    const own = a.settings.organisation !== DEFAULT_ORGANISATION ? a.settings.organisation : undefined;
    const name = uniqueName(own ?? fileStem(source.file), source.file, taken);
    units.push({
      name,
      file: source.file,
      analysis: a,
      stats: a.stats,
      issues: a.issues,
      rows: keptRecords(a).map((record) => ({
        unit: name,
        file: source.file,
        record,
        due: effectiveDue(record, a.settings),
        replied: deadlineStatus(record, a.today, a.settings) === "replied",
        counted: true,
      })),
    });
  }
  units.sort((x, y) => y.stats.total - x.stats.total || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const duplicates = markDuplicates(units);
  const first = units[0]?.analysis;
  const years = new Set(units.map((u) => u.analysis.year));
  const year = years.size === 1 ? (first?.year ?? null) : null;
  const today = first?.today ?? 0;
  return {
    units,
    total: first
      ? totalStats(units, first.settings, today, year)
      : computeStats([], resolveSettings(), today),
    duplicates,
    failed,
    today,
    asOfFixed: first?.settings.asOf !== undefined,
    year,
    script: options.script ?? "simplified",
  };
}

/** The records the unit's stats count: those of an excluded department are left out, as computeStats does. */
function keptRecords(a: Analysis): LedgerRecord[] {
  const excluded = new Set(a.settings.excludeDepartments.map((d) => foldKey(d.trim())));
  return a.records.filter((r) => {
    const dept = r.department?.trim();
    return !dept || !excluded.has(foldKey(dept));
  });
}

/** Groups rows by 编号 and kind; a group over more than one unit keeps one row counted. */
function markDuplicates(units: RollupUnit[]): RollupDuplicate[] {
  const groups = new Map<string, RollupRow[]>();
  for (const u of units) {
    for (const row of u.rows) {
      const id = row.record.id?.trim();
      if (!id) continue;
      const key = `${foldKey(id)}\u0000${row.record.kind ?? ""}`;
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
  }
  const duplicates: RollupDuplicate[] = [];
  for (const rows of groups.values()) {
    if (new Set(rows.map((r) => r.unit)).size < 2) continue;
    const keep = rows.find((r) => r.record.role === "lead") ?? rows[0];
    for (const r of rows) r.counted = r === keep;
    const ordered = keep ? [keep, ...rows.filter((r) => r !== keep)] : rows;
    duplicates.push({
      id: rows[0]?.record.id?.trim() ?? "",
      kind: rows[0]?.record.kind ?? null,
      items: ordered.map((r) => ({
        unit: r.unit,
        file: r.file,
        sheet: r.record.sheet ?? "",
        row: r.record.row,
        role: r.record.role ?? null,
        counted: r.counted,
      })),
    });
  }
  return duplicates;
}

/**
 * The city's figures over the counted rows. Each row's deadline is resolved under its unit's settings first, so
 * one set of settings (the first unit's, no excluded departments: each unit left its own out) counts them all.
 */
function totalStats(units: RollupUnit[], base: Settings, today: DateSerial, year: number | null): Stats {
  const records = units.flatMap((u) => u.rows.filter((r) => r.counted).map(resolvedRecord));
  const { year: _ignored, ...rest } = base;
  const settings: Settings = { ...rest, excludeDepartments: [], ...(year !== null ? { year } : {}) };
  const mapped = (f: "satisfaction" | "satisfactionWork"): boolean =>
    units.some((u) => u.analysis.parts.some((p) => p.layout.mapping[f] !== undefined));
  return computeStats(records, settings, today, {
    work: mapped("satisfactionWork"),
    result: mapped("satisfaction"),
  });
}

/** The record with its deadline in force as its 办理时限 (none when it has none), so any settings count it alike. */
function resolvedRecord(row: RollupRow): LedgerRecord {
  const { dueOn: _due, assignedOn: _assigned, ...rest } = row.record;
  return row.due !== undefined ? { ...rest, dueOn: row.due } : rest;
}

/** "C:\\台账\\民政局.xlsx" → "民政局". */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The name, or "name（file）" when another unit has it already (names compared as COUNTIFS does: case ignored). */
function uniqueName(name: string, file: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(groupKey(candidate)); n++) {
    candidate = n === 2 ? `${name}（${fileStem(file)}）` : `${name}（${fileStem(file)} ${n}）`;
  }
  taken.add(groupKey(candidate));
  return candidate;
}
