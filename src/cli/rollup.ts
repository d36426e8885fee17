import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Locale } from "../core/fields";
import type { SettingsInput } from "../core/settings";
import type { AnalyzeFailure } from "../core/analyze";
import { formatPercent } from "../core/format";
import { ensureLocale } from "../core/script";
import { failureMessage, type FailureCode, type FailureDetail } from "../i18n/failures";
import { renderIssue } from "../i18n/issues";
import { rollupXlsx, type RollupFailure, type RollupFile } from "../hosts/xlsx/rollup";
import { deflateWithNodeZlib } from "./zlib";
import { snapshotFromStream } from "../hosts/xlsx/streamSnapshot";
import { analysisJson, statsJson } from "./output";
import { UsageError } from "./args";

/** `rollup FILE... -o OUT.xlsx`: every unit's ledger in one new workbook (汇总统计, 汇总台账, 各单位问题). */
interface RollupOptions {
  files: string[];
  out: string;
  json: boolean;
  locale: Locale;
  settings: SettingsInput;
}

function parseRollup(argv: string[]): RollupOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        today: { type: "string" },
        json: { type: "boolean", default: false },
        locale: { type: "string" },
        "exclude-department": { type: "string", multiple: true },
        "deadline-months": { type: "string" },
        "assist-months": { type: "string" },
        "due-soon-days": { type: "string" },
      },
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UsageError(`无法识别的参数：${detail}`, `Unrecognised arguments: ${detail}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0)
    throw new UsageError("rollup 需要至少一个台账文件", "rollup needs at least one ledger file");
  if (!values.out) throw new UsageError("rollup 需要 -o OUT.xlsx", "rollup needs -o OUT.xlsx");
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new UsageError(
      `--today 应写成 YYYY-MM-DD：${values.today}`,
      `--today must be YYYY-MM-DD: ${values.today}`,
    );
  const locale = values.locale ?? "zh-CN";
  if (locale !== "zh-CN" && locale !== "zh-TW" && locale !== "en")
    throw new UsageError(`--locale 只能是 zh-CN、zh-TW 或 en`, `--locale must be zh-CN, zh-TW or en`);
  const int = (flag: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v))
      throw new UsageError(`${flag} 需要一个整数：${v}`, `${flag} needs a whole number: ${v}`);
    return Number(v);
  };
  const months = int("--deadline-months", values["deadline-months"]);
  const assist = int("--assist-months", values["assist-months"]);
  const soon = int("--due-soon-days", values["due-soon-days"]);
  const settings: SettingsInput = {
    locale,
    ...(values.today !== undefined ? { asOf: values.today } : {}),
    ...(values["exclude-department"] ? { excludeDepartments: values["exclude-department"] } : {}),
    ...(months !== undefined ? { deadlineMonths: months } : {}),
    ...(assist !== undefined ? { assistDeadlineMonths: assist } : {}),
    ...(soon !== undefined ? { dueSoonDays: soon } : {}),
  };
  return { files: positionals, out: values.out, json: values.json ?? false, locale, settings };
}

async function readOne(file: string): Promise<RollupFile> {
  try {
    return { file, bytes: await readFile(file) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const failure = (c: "is_directory" | "unreadable" | "file_not_found"): RollupFile => ({
      file,
      failure: { kind: "read", code: c, path: file },
    });
    if (code === "EISDIR") return failure("is_directory");
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY") return failure("unreadable");
    return failure("file_not_found");
  }
}

/** A failure as the CLI's error messages word it (src/i18n/failures.ts), with the code for the JSON. */
function failureOf(f: RollupFailure): { code: FailureCode; detail: string | FailureDetail } {
  if (f.kind === "read") return { code: f.code, detail: f.path };
  if (f.kind === "load") {
    const e = f.error;
    return {
      code: e.code,
      detail: { ...(e.code === "corrupt" ? {} : { text: e.detail ?? "" }), ...e.figures },
    };
  }
  return { code: f.error.code, detail: analyzeDetail(f.error) };
}

function analyzeDetail(error: AnalyzeFailure): string | FailureDetail {
  if (error.code === "bad_settings") return error.detail;
  if (error.code === "no_ledger" && error.hidden !== undefined)
    return { text: error.sheet ?? "", hidden: error.hidden };
  return "sheet" in error && error.sheet !== undefined ? error.sheet : "";
}

function pct(rate: number | null): string {
  return rate === null ? "—" : formatPercent(rate);
}

/**
 * Runs `rollup`: exit 0 when at least one file rolled up (the others listed with the reason), 2 when none did or
 * the output cannot be written.
 */
export async function runRollup(argv: string[]): Promise<number> {
  const options = parseRollup(argv);
  // zh-TW messages are converted (i18n/issues.ts): the s2tw dictionaries first.
  await ensureLocale(options.locale);
  const files = await Promise.all(options.files.map(readOne));
  deflateWithNodeZlib();
  const result = await rollupXlsx(
    files,
    options.settings,
    {
      issue: (i) => renderIssue(i, options.locale),
      failure: (f) => {
        const { code, detail } = failureOf(f);
        return failureMessage(code, options.locale, detail);
      },
    },
    undefined,
    // Each file read as `analyze` reads it: a row at a time, without ExcelJS's model of every cell.
    snapshotFromStream,
  );
  const r = result.rollup;
  const failed = r.failed.map(({ file, failure }) => ({ file, ...failureOf(failure) }));
  if (result.buffer === undefined) {
    const lines = failed.map(
      (f) =>
        `错误：${f.file}：${failureMessage(f.code, "zh-CN", f.detail)}\nError: ${f.file}: ${failureMessage(f.code, "en", f.detail)}`,
    );
    process.stderr.write(`${lines.join("\n")}\n没有可汇总的台账。\nNo ledger could be rolled up.\n`);
    return 2;
  }
  try {
    await writeFile(options.out, result.buffer);
  } catch {
    process.stderr.write(
      `错误：${failureMessage("write_failed", "zh-CN", options.out)}\nError: ${failureMessage("write_failed", "en", options.out)}\n`,
    );
    return 2;
  }
  if (options.json) {
    const out = {
      units: r.units.map((u) => ({
        name: u.name,
        file: u.file,
        stats: statsJson(u.stats),
        issues: analysisJson(u.analysis).issues,
      })),
      total: statsJson(r.total),
      duplicates: r.duplicates,
      failed: failed.map((f) => ({
        file: f.file,
        reason: failureMessage(f.code, options.locale, f.detail),
        // Extension: the failure's code (src/i18n/failures.ts).
        code: f.code,
      })),
      // Extension: what was written and the date the figures refer to.
      out: options.out,
      asOf: r.total.asOf,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const lines = [`汇总 ${r.units.length} 个单位，统计截止 ${r.total.asOf}`];
  for (const u of r.units) {
    const s = u.stats;
    lines.push(
      `  ${u.name}：${s.total} 件，已办复 ${s.replied}，办复率 ${pct(s.replyRate)}，超期 ${s.overdue}，问题 ${u.issues.length} 处（${u.file}）`,
    );
  }
  const t = r.total;
  lines.push(
    `合计（同一件只计一次）：${t.total} 件，已办复 ${t.replied}，办复率 ${pct(t.replyRate)}，按期办复率 ${pct(t.onTimeReplyRate)}，超期 ${t.overdue}，满意率 ${pct(t.satisfactionRate)}`,
  );
  if (r.duplicates.length > 0)
    lines.push(`多个单位共同办理的件：${r.duplicates.length} 件（合计中只计一次）`);
  for (const f of failed) {
    lines.push(
      `未能读取 ${f.file}：${failureMessage(f.code, "zh-CN", f.detail)}`,
      `  Not read: ${failureMessage(f.code, "en", f.detail)}`,
    );
  }
  lines.push(`已写入 Written: ${options.out}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
