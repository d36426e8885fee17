import type { Locale } from "../core/fields";
import type { SettingsInput } from "../core/settings";
import type { Stats } from "../core/stats.types";
import { ensureLocale } from "../core/script";
import { failureMessage } from "../i18n/failures";
import { renderIssue } from "../i18n/issues";
import { rollupXlsx, type RollupFailure, type RollupFile } from "../hosts/xlsx/rollup";
import { errorMessage } from "../taskpane/errors";

/**
 * 汇总多个单位 on the standalone page: the units' files rolled up into one new workbook (src/hosts/xlsx/rollup.ts,
 * as `ledger rollup` does), run in the page's workbook worker (workerServe.ts loads this module as a chunk of its
 * own, "rollup") or, where no worker starts, on the page. Plain data out: the figures the page shows, the
 * failures worded in the page's language (as on 各单位问题), and the workbook's bytes.
 */

/** One chosen file: its bytes, or none when the browser could not read it. */
export type PageRollupFile = { name: string; bytes: ArrayBuffer } | { name: string; unreadable: true };

/** The figures the page shows for a unit, and for the city total (every item once). */
export interface RollupFigures {
  total: number;
  replied: number;
  replyRate: number | null;
  overdue: number;
}

export interface PageRollup {
  units: (RollupFigures & { name: string; file: string; issues: number })[];
  total: RollupFigures;
  /** Items several units handle, counted once in the total. */
  duplicates: number;
  failed: { file: string; reason: string }[];
  /** ISO date the figures refer to. */
  asOf: string;
  /** The roll-up workbook (汇总统计, 汇总台账, 各单位问题); absent when no file could be rolled up. */
  bytes?: ArrayBuffer;
}

/** Rolls up the files with the page's settings (its language, and the same rules for every unit). */
export async function rollupFiles(
  files: readonly PageRollupFile[],
  settings: SettingsInput,
  now: Date = new Date(),
): Promise<PageRollup> {
  const locale: Locale = settings.locale ?? "zh-CN";
  // zh-TW messages (and a traditional roll-up) are converted: the s2tw dictionaries first.
  await ensureLocale(locale);
  const inputs: RollupFile[] = files.map((f) =>
    "bytes" in f
      ? { file: f.name, bytes: new Uint8Array(f.bytes) }
      : { file: f.name, failure: { kind: "read", code: "unreadable", path: f.name } },
  );
  const result = await rollupXlsx(
    inputs,
    settings,
    { issue: (i) => renderIssue(i, locale), failure: (f) => reasonOf(f, locale) },
    now,
  );
  const r = result.rollup;
  const out: PageRollup = {
    units: r.units.map((u) => ({
      name: u.name,
      file: u.file,
      issues: u.issues.length,
      ...figuresOf(u.stats),
    })),
    total: figuresOf(r.total),
    duplicates: r.duplicates.length,
    failed: r.failed.map(({ file, failure }) => ({ file, reason: reasonOf(failure, locale) })),
    asOf: r.total.asOf,
  };
  if (result.buffer) out.bytes = copyOf(result.buffer);
  return out;
}

function figuresOf(s: Stats): RollupFigures {
  return { total: s.total, replied: s.replied, replyRate: s.replyRate, overdue: s.overdue };
}

/** Why a file is not in the roll-up, as the page words a file it cannot open (useWorkbookFile.loadMessage). */
export function reasonOf(f: RollupFailure, locale: Locale): string {
  switch (f.kind) {
    case "read":
      return failureMessage(f.code, locale, f.path);
    case "load": {
      const e = f.error;
      // The parser's own words (corrupt) mean nothing to the user; names and figures do.
      return failureMessage(e.code, locale, {
        text: e.code === "corrupt" ? "" : (e.detail ?? ""),
        ...e.figures,
      });
    }
    case "analyze":
      return errorMessage({ kind: "analyze", failure: f.error }, locale);
  }
}

/** The bytes in an ArrayBuffer of their own (transferable to the page, savable as a Blob). */
function copyOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
