/**
 * The command line's `analyze FILE --today … --json` as the acceptance checks call it, the shape of what it
 * prints (src/cli/output.ts analysisJson), and the typed hand count a ledger fixture carries against it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Field } from "../../src/core/fields";
import type { IssueCode } from "../../src/core/issues";
import type { Stats } from "../../src/core/stats.types";
import { xlsxFromGrids, type GridSheet } from "./grid-xlsx";

/** The stats as the JSON prints them (statsJson): byKind.npc counts 人大建议 and 人大议案 together. */
export type StatsJson = Omit<Stats, "byKind"> & {
  byKind: { npc: number; cppcc: number; npcMotion: number };
};

export interface AnalysisJson {
  sheet: string;
  sheets: string[];
  headerRows: number[];
  columns: Partial<Record<Field, string>>;
  rowCount: number;
  issues: { row: number | null; field: Field | null; code: IssueCode; sheet?: string }[];
  stats: StatsJson;
}

export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

type IssueAt = `${number | null}:${Field | null}:${IssueCode}`;
/** "row:field:code"; "sheet!row:field:code" when the ledger spans sheets or the issue is on another sheet. */
export type IssueKey = IssueAt | `${string}!${IssueAt}`;

/** What a clerk counts by hand following docs/DOMAIN.md, as `analyze --json` must print it. */
export interface LedgerExpect {
  /** The sheet the table was found on (the first, when the ledger spans several). */
  sheet: string;
  /** Every sheet read as one ledger, when more than [sheet]. */
  sheets?: string[];
  headerRows: number[];
  /** Every recognised column, field → letter (compared whole). */
  columns: Partial<Record<Field, string>>;
  rowCount: number;
  /** Every issue, in the engine's order (by sheet, then row, sheet-wide first). */
  issues: IssueKey[];
  /** The figures counted by hand; rates that are not whole numbers are compared to 12 places. */
  stats: DeepPartial<StatsJson>;
}

const ROOT = join(__dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
let dir: string | undefined;

/** Writes the sheets to an .xlsx file and runs `analyze FILE --today TODAY --json` on it. */
export async function analyzeCli(name: string, sheets: GridSheet[], today: string): Promise<AnalysisJson> {
  dir ??= mkdtempSync(join(tmpdir(), "ledger-cli-json-"));
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await xlsxFromGrids(sheets));
  const r = spawnSync(
    TSX,
    [join(ROOT, "src", "cli", "main.ts"), "analyze", file, "--today", today, "--json"],
    { encoding: "utf8", cwd: ROOT },
  );
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as AnalysisJson;
}

/** The issues as IssueKeys. */
export function issueKeys(out: AnalysisJson): string[] {
  return out.issues.map((i) => {
    const elsewhere = out.sheets.length > 1 || (i.sheet !== undefined && i.sheet !== out.sheet);
    return `${elsewhere ? `${i.sheet ?? ""}!` : ""}${i.row}:${i.field}:${i.code}`;
  });
}
