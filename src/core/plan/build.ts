import type { WorkbookSnapshot } from "../snapshot";
import type { Analysis } from "../analyze";
import type { CopySheetPlan, NewSheetPlan, SheetOp, SheetRole, WorkbookPlan } from "./types";
import { baseSheetNames } from "./labels";
import { nameSet, uniqueSheetName } from "./names";
import { buildLedgerSheet } from "./ledger";
import { buildSummarySheet, type SummaryFigures } from "./summary";
import { buildReportSheet } from "./reportSheet";
import { buildSettingsSheet } from "./settingsSheet";
import { inScript } from "../script";

export interface BuildOptions {
  /** Parts to (re)generate; all by default. The ribbon's "regenerate statistics" passes summary, report, settings. */
  parts?: SheetRole[];
  /** Write the analysis date as a fixed as-of date even when the settings have none (default: =TODAY()). */
  asOfFixed?: boolean;
}

const ALL: readonly SheetRole[] = ["ledger", "backup", "summary", "report", "settings"];

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

  const parts = new Set(options.parts ?? ALL);
  if (parts.has("summary") && !sameLedger) {
    parts.add("ledger");
    parts.add("backup");
  }
  if (parts.has("ledger")) parts.add("settings");

  // Names: earlier generated sheets keep theirs; new ones avoid every sheet that stays.
  const base = baseSheetNames(script, sheet.name);
  const replaced = new Set<string>();
  const taken = nameSet([...existing]);
  const names = { ledger: sheet.name } as Record<SheetRole, string>;
  for (const role of ["settings", "summary", "report", "backup"] as const) {
    const before = prior(role);
    if (before !== undefined) {
      names[role] = before;
      if (role !== "backup" && parts.has(role)) replaced.add(before);
      continue;
    }
    names[role] = uniqueSheetName(base[role], taken);
    taken.add(names[role].toLowerCase());
  }

  const fixedAsOf = settings.asOf !== undefined || options.asOfFixed === true ? analysis.today : null;
  const tableName = (sameLedger ? stored?.tableName : undefined) ?? inScript("台账表", script);
  const ledger = buildLedgerSheet({
    sheet,
    layout: analysis.layout,
    records: analysis.records,
    settings,
    script,
    table: tableName,
    settingsSheet: names.settings,
    previous: sameLedger ? (stored?.generatedColumns ?? {}) : {},
  });
  const summary = buildSummarySheet({
    name: names.summary,
    ledger: ledger.model,
    stats: analysis.stats,
    records: analysis.records,
    settings,
    script,
    today: analysis.today,
    settingsSheet: names.settings,
  });

  const ops: SheetOp[] = [];
  const backupExists = prior("backup") !== undefined;
  if (parts.has("backup") && !backupExists) {
    const copy: CopySheetPlan = {
      kind: "copy",
      role: "backup",
      from: sheet.name,
      name: names.backup,
      visibility: "visible",
    };
    ops.push(copy);
  }
  const news: NewSheetPlan[] = [];
  if (parts.has("summary")) news.push(summary.op);
  if (parts.has("report")) news.push(buildReportSheet(names.report, analysis.report));
  const generated: Partial<Record<SheetRole, string>> = { ledger: names.ledger };
  for (const role of ["backup", "summary", "report", "settings"] as const) {
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
        fixedAsOf,
        tableName,
        labels: ledger.model.labels,
        sheets: generated,
        generatedColumns: {
          status: ledger.model.statusColumn,
          ...(ledger.model.dueColumn !== undefined ? { due: ledger.model.dueColumn } : {}),
        },
        columns: ledger.model.columns,
        mapping: ledger.model.mapping,
        excludedValues: ledger.model.excludedValues,
      }),
    );
  }
  ops.push(...news);
  if (parts.has("ledger")) ops.push(ledger.op);

  return {
    plan: {
      ops,
      replaces: [...replaced],
      activate: parts.has("summary") ? names.summary : names.ledger,
      sheets: names,
    },
    figures: summary.figures,
  };
}
