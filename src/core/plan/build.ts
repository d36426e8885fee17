import type { WorkbookSnapshot } from "../snapshot";
import type { Analysis } from "../analyze";
import type { CopySheetPlan, NewSheetPlan, SheetOp, SheetRole, WorkbookPlan } from "./types";
import { baseSheetNames } from "./labels";
import { nameSet, suffixedSheetName, uniqueSheetName } from "./names";
import { toWorkbookSerial } from "../dates";
import { buildLedgerSheet } from "./ledger";
import { buildSummarySheet, type SummaryFigures } from "./summary";
import { keepUserEdits } from "./userEdits";
import { buildSettingsSheet } from "./settingsSheet";
import { inScript } from "../script";
import { SHEET_ROLES } from "../roles";
import type { Script } from "../fields";
import { remindersFor, type ReminderOptions } from "../reminders";
import { buildRemindersSheet } from "./remindersSheet";
import { buildPrintSheet } from "./printSheet";

export interface BuildOptions {
  /** Parts to (re)generate; all by default. The ribbon's "regenerate statistics" passes summary, report, settings. */
  parts?: SheetRole[];
  /** Write the analysis date as a fixed as-of date even when the settings have none (default: =TODAY()). */
  asOfFixed?: boolean;
  /** What the 催办单 lists, when "reminders" is among the parts (the due-soon window by default). */
  reminders?: ReminderOptions;
}

/** Every part but the 催办单 and 台账打印, written only when asked for (TASK_PARTS, build --reminders / --print). */
export const DEFAULT_PARTS: readonly SheetRole[] = SHEET_ROLES.filter(
  (r) => r !== "reminders" && r !== "print",
);

/**
 * The workbook plan for one analysed ledger. Sheets an earlier build generated (named in the stored settings)
 * keep their names and are replaced; the backup of the original is kept; a user sheet that bears a generated
 * name is left alone and the new sheet takes "统计表(2)". When statistics are asked for on a ledger never
 * structured before, the ledger and its backup are included, since the figures are formulas over its table.
 * @example buildPlan(snapshot, analysis).sheets.summary === "统计表"
 */
export function buildPlan(
  workbook: WorkbookSnapshot,
  analysis: Analysis,
  options: BuildOptions = {},
): WorkbookPlan {
  return planWorkbook(workbook, analysis, options).plan;
}

/** buildPlan plus where each figure sits on the statistics sheet (for tests and the CLI). */
export function planWorkbook(
  workbook: WorkbookSnapshot,
  analysis: Analysis,
  options: BuildOptions = {},
): { plan: WorkbookPlan; figures: SummaryFigures } {
  const { sheet, script, settings } = analysis;
  const stored = analysis.stored;
  const existing = new Set(workbook.sheets.map((s) => s.name));
  const sameLedger = stored?.generated.ledger === sheet.name;
  const prior = (role: SheetRole): string | undefined => {
    const name = sameLedger || role === "settings" ? stored?.generated[role] : undefined;
    return name !== undefined && existing.has(name) ? name : undefined;
  };

  const parts = new Set(options.parts ?? DEFAULT_PARTS);
  if ((parts.has("summary") || parts.has("reminders") || parts.has("print")) && !sameLedger) {
    parts.add("ledger");
    parts.add("backup");
  }
  if (parts.has("ledger")) parts.add("settings");

  // Names: earlier generated sheets keep theirs; new ones avoid every sheet that stays.
  const base = baseSheetNames(script, sheet.name);
  const replaced = new Set<string>();
  const taken = nameSet([...existing]);
  const names = { ledger: sheet.name } as Record<SheetRole, string>;
  const wanted = (role: SheetRole): boolean => parts.has(role) || prior(role) !== undefined;
  for (const role of ["settings", "summary", "report", "backup", "reminders", "print"] as const) {
    if ((role === "reminders" || role === "print") && !wanted(role)) continue;
    const before = prior(role);
    if (before !== undefined) {
      names[role] = before;
      if (role !== "backup" && parts.has(role)) replaced.add(before);
      continue;
    }
    // The backup keeps its "(原表)" however long the ledger's name (31 characters at most in all).
    names[role] =
      role === "backup" ? backupName(sheet.name, script, taken) : uniqueSheetName(base[role], taken);
    taken.add(names[role].toLowerCase());
  }

  const fixedAsOf = settings.asOf !== undefined || options.asOfFixed === true ? analysis.today : null;
  // Each sheet of the ledger becomes a table of its own: the first keeps the classic names, the others get
  // theirs from an earlier build, else 台账表2, 台账表3 … and "<sheet>(原表)".
  // Table names are workbook-wide: every table already there is avoided, except the earlier build's own on
  // the sheet it is rebuilt on and those on sheets the build replaces (both hosts drop or convert them first),
  // so that the name the formulas use is the name the table gets.
  const ownTables = new Map<string, string>();
  if (sameLedger && stored?.tableName !== undefined)
    ownTables.set(stored.tableName.toLowerCase(), sheet.name);
  for (const p of stored?.parts ?? [])
    if (p.table !== undefined) ownTables.set(p.table.toLowerCase(), p.sheet);
  const tableTaken = new Set<string>();
  for (const t of workbook.tables ?? []) {
    const freed = replaced.has(t.sheet) || ownTables.get(t.name.toLowerCase()) === t.sheet;
    if (!freed) tableTaken.add(t.name.toLowerCase());
  }
  const uniqueTable = (wanted: string): string => {
    let name = wanted;
    for (let n = 2; tableTaken.has(name.toLowerCase()); n++) name = `${wanted}_${n}`;
    tableTaken.add(name.toLowerCase());
    return name;
  };
  const ledgers = analysis.parts.map((part, i) => {
    const storedPart = i === 0 ? undefined : stored?.parts.find((p) => p.sheet === part.sheet.name);
    const built = i === 0 ? sameLedger : storedPart !== undefined;
    const table = uniqueTable(
      (i === 0 ? (sameLedger ? stored?.tableName : undefined) : storedPart?.table) ??
        inScript(i === 0 ? "台账表" : `台账表${i + 1}`, script),
    );
    let backup = names.backup;
    let backupExists = prior("backup") !== undefined;
    if (i > 0) {
      const before = storedPart?.backup;
      backupExists = before !== undefined && existing.has(before);
      if (before !== undefined && backupExists) backup = before;
      else {
        backup = backupName(part.sheet.name, script, taken);
        taken.add(backup.toLowerCase());
      }
    }
    const ledger = buildLedgerSheet({
      sheet: part.sheet,
      layout: part.layout,
      records: part.records,
      settings,
      script,
      table,
      settingsSheet: names.settings,
      previous: built ? (stored?.generatedColumns ?? {}) : {},
      ...(workbook.date1904 === true ? { date1904: true } : {}),
    });
    return { part, ledger, backup, backupExists };
  });
  const [first] = ledgers;
  if (!first) throw new Error("buildPlan: an analysis has at least one ledger sheet");
  const tableName = first.ledger.model.table;
  const summary = buildSummarySheet({
    name: names.summary,
    ledger: first.ledger.model,
    ledgers: ledgers.map((l) => l.ledger.model),
    stats: analysis.stats,
    records: analysis.records,
    settings,
    script,
    today: analysis.today,
    settingsSheet: names.settings,
    ...(workbook.date1904 === true ? { date1904: true } : {}),
  });
  const ledger = first.ledger;

  const ops: SheetOp[] = [];
  const backupExists = first.backupExists;
  if (parts.has("backup")) {
    for (const l of ledgers) {
      if (l.backupExists) continue;
      const copy: CopySheetPlan = {
        kind: "copy",
        role: "backup",
        from: l.part.sheet.name,
        name: l.backup,
        visibility: "visible",
      };
      ops.push(copy);
    }
  }
  const news: NewSheetPlan[] = [];
  // 统计表 and 汇报材料 again, with what the user wrote on the old ones kept (userEdits.ts).
  const kept = keepUserEdits({
    workbook,
    stored: sameLedger ? stored : null,
    ...(parts.has("summary") ? { summary: { op: summary.op, before: prior("summary") } } : {}),
    ...(parts.has("report")
      ? { report: { name: names.report, report: analysis.report, before: prior("report") } }
      : {}),
    ...(parts.has("reminders")
      ? {
          reminders: {
            op: buildRemindersSheet({
              name: names.reminders,
              reminders: remindersFor(analysis, options.reminders),
              script,
              organisation: settings.organisation,
            }),
            before: prior("reminders"),
          },
        }
      : {}),
    ...(parts.has("print")
      ? { print: { op: buildPrintSheet(names.print, analysis), before: prior("print") } }
      : {}),
    untouched: untouchedSheets(parts, prior),
    today: analysis.today,
    taken,
  });
  ops.push(...kept.copies);
  news.push(...kept.sheets);
  const generated: Partial<Record<SheetRole, string>> = { ledger: names.ledger };
  for (const role of ["backup", "summary", "report", "settings", "reminders", "print"] as const) {
    const made =
      role === "backup" ? parts.has("backup") || backupExists : parts.has(role) || prior(role) !== undefined;
    if (made) generated[role] = names[role];
  }
  if (parts.has("settings")) {
    news.push(
      buildSettingsSheet({
        name: names.settings,
        settings: { ...settings, ...(fixedAsOf !== null ? { asOf: analysis.stats.asOf } : {}) },
        script,
        // Written into the workbook: as its own serial in a 1904-system workbook.
        fixedAsOf: fixedAsOf === null ? null : toWorkbookSerial(fixedAsOf, workbook.date1904),
        tableName,
        labels: ledger.model.labels,
        sheets: generated,
        generatedColumns: {
          status: ledger.model.statusColumn,
          ...(ledger.model.dueColumn !== undefined ? { due: ledger.model.dueColumn } : {}),
        },
        columns: ledger.model.columns,
        mapping: ledger.model.mapping,
        excludedValues: ledgers.flatMap((l) => l.ledger.model.excludedValues),
        owned: kept.owned,
        parts: ledgers.slice(1).map((l) => ({
          sheet: l.part.sheet.name,
          backup: l.backup,
          table: l.ledger.model.table,
        })),
      }),
    );
  }
  ops.push(...news);
  if (parts.has("ledger")) ops.push(...ledgers.map((l) => l.ledger.op));

  return {
    plan: {
      ops,
      replaces: [...replaced],
      activate: parts.has("summary")
        ? names.summary
        : parts.has("reminders")
          ? names.reminders
          : parts.has("print")
            ? names.print
            : names.ledger,
      sheets: names,
      ledgers: ledgers.map((l) => ({
        sheet: l.part.sheet.name,
        backup: l.backup,
        table: l.ledger.model.table,
      })),
      issues: kept.issues,
    },
    figures: summary.figures,
  };
}

/** "<ledger>(原表)" in the workbook's script, shortened to fit and unique among `taken`. */
function backupName(ledger: string, script: Script, taken: ReadonlySet<string>): string {
  return suffixedSheetName(ledger, `(${inScript("原表", script)})`, taken);
}

/** The generated sheets an earlier build left that this plan does not write again (their records carry over). */
function untouchedSheets(
  parts: ReadonlySet<SheetRole>,
  prior: (role: SheetRole) => string | undefined,
): Partial<Record<"summary" | "report" | "reminders" | "print", string>> {
  const out: Partial<Record<"summary" | "report" | "reminders" | "print", string>> = {};
  for (const role of ["summary", "report", "reminders", "print"] as const) {
    const before = prior(role);
    if (!parts.has(role) && before !== undefined) out[role] = before;
  }
  return out;
}
