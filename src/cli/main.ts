import { readFile, writeFile } from "node:fs/promises";
import { parseCli, UsageError, USAGE } from "./args";
import { analysisJson, analysisText } from "./output";
import { analyzeWorkbook, type AnalyzeFailure } from "../core/analyze";
import { failureMessage, type FailureCode } from "../i18n/failures";
import { loadXlsx, snapshotOf } from "../hosts/xlsx/workbook";
import { XlsxLoadError } from "../hosts/xlsx/errors";

/** An input the engine cannot use: reported in Chinese and English, exit 2. */
class Unusable extends Error {
  constructor(
    readonly code: FailureCode,
    readonly detail = "",
  ) {
    super(code);
  }
}

function failureDetail(error: AnalyzeFailure): string {
  if (error.code === "bad_settings") return error.detail;
  return "sheet" in error && error.sheet !== undefined ? error.sheet : "";
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch {
    throw new Unusable("file_not_found", path);
  }
}

async function run(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  const input = await readInput(options.file);
  if (options.command === "analyze") {
    // Read exactly as build reads it (an HTML table saved as .xls becomes a workbook first), so analyze and
    // build always see the same ledger.
    const outcome = analyzeWorkbook(snapshotOf(await loadXlsx(input)), options.settings);
    if (!outcome.ok) throw new Unusable(outcome.error.code, failureDetail(outcome.error));
    const a = outcome.analysis;
    process.stdout.write(
      options.json ? `${JSON.stringify(analysisJson(a), null, 2)}\n` : `${analysisText(a)}\n`,
    );
    return 0;
  }
  const { buildXlsx } = await import("../hosts/xlsx/build");
  const built = await buildXlsx(input, options.settings);
  if (!built.ok) throw new Unusable(built.error.code, failureDetail(built.error));
  const out = options.out ?? "";
  try {
    await writeFile(out, built.buffer);
  } catch {
    throw new Unusable("write_failed", out);
  }
  if (options.json) {
    const base = analysisJson(built.analysis);
    const out = {
      sourceSheet: built.analysis.layout.sheet,
      // Extension: every sheet of a ledger kept over several sheets, with its backup and table.
      sourceSheets: built.analysis.sheets,
      sheets: built.plan.sheets,
      ledgers: built.plan.ledgers,
      stats: base.stats,
      issues: base.issues,
      report: base.report,
      out: options.out,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${analysisText(built.analysis)}\n\n已写入 Written: ${options.out}\n`);
  }
  return 0;
}

function report(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.zh}\n${err.en}\n\n${USAGE}\n`);
    return 2;
  }
  let code: FailureCode | undefined;
  let detail = "";
  if (err instanceof Unusable) [code, detail] = [err.code, err.detail];
  else if (err instanceof XlsxLoadError) code = err.code;
  if (code !== undefined) {
    process.stderr.write(
      `错误：${failureMessage(code, "zh-CN", detail)}\nError: ${failureMessage(code, "en", detail)}\n`,
    );
    return 2;
  }
  // An unexpected failure is still reported briefly, without a stack trace.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `内部错误，请把此信息告知开发者：${message}\nInternal error, please report: ${message}\n`,
  );
  return 1;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = report(err);
  },
);
