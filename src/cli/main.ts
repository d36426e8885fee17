import { readFile, writeFile } from "node:fs/promises";
import { parseCli, UsageError, USAGE, type CliOptions } from "./args";
import type { Analysis, AnalyzeFailure } from "../core/analyze";
import { failureMessage, type FailureCode, type FailureDetail } from "../i18n/failures";
import { XlsxLoadError } from "../hosts/xlsx/errors";
import { ensureLocale, withTraditional } from "../core/script";

/** An input the engine cannot use: reported in Chinese and English, exit 2. */
class Unusable extends Error {
  constructor(
    readonly code: FailureCode,
    readonly detail: string | FailureDetail = "",
  ) {
    super(code);
  }
}

function failureDetail(error: AnalyzeFailure): string | FailureDetail {
  if (error.code === "bad_settings") return error.detail;
  if (error.code === "no_ledger" && error.hidden !== undefined) {
    return { text: error.sheet ?? "", hidden: error.hidden };
  }
  return "sheet" in error && error.sheet !== undefined ? error.sheet : "";
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    // A folder, a file without read permission and a missing file each get their own message.
    const code = (err as { code?: unknown }).code;
    if (code === "EISDIR") throw new Unusable("is_directory", path);
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY") throw new Unusable("unreadable", path);
    throw new Unusable("file_not_found", path);
  }
}

/**
 * The engine, the .xlsx reader and the output, loaded once the arguments are read (the built command starts
 * faster: a usage error, or a missing file, is reported before any of it is parsed).
 */
async function engine() {
  const [analyze, stream, output, reminders, zlib] = await Promise.all([
    import("../core/analyze"),
    // The snapshot of the full load, without its model (streamSnapshot.ts): analyze, remind and report only read.
    import("../hosts/xlsx/streamSnapshot"),
    import("./output"),
    import("../core/reminders"),
    import("./zlib"),
  ]);
  // node's zlib for the package check's CRC-32 of every part, and the build's deflate.
  zlib.deflateWithNodeZlib();
  return { ...analyze, ...stream, ...output, ...reminders };
}

async function run(argv: string[]): Promise<number> {
  // Asked for help (`ledger --help`, `ledger build -h`, `ledger help`): the usage on stdout, and success.
  // Not past "--": what follows it is a file name or a value, "-h" too.
  const flags = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  if (argv[0] === "help" || flags.some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // rollup reads many files and writes a new workbook: its own module, loaded only when asked for.
  if (argv[0] === "rollup") return (await import("./rollup")).runRollup(argv.slice(1));
  // compare reads two years' ledgers: its own module too.
  if (argv[0] === "compare") return (await import("./compare")).runCompare(argv.slice(1));
  const options = parseCli(argv);
  // A traditional workbook loads the s2tw dictionaries when analysed (withTraditional); zh-TW messages need them too.
  await ensureLocale(options.settings.locale ?? "zh-CN");
  const input = await readInput(options.file);
  const e = await engine();
  const { analyzeWorkbook, snapshotFromStream, remindersFor, remindersJson, remindersText } = e;
  const { analysisJson, analysisText, droppedText } = e;
  if (options.command === "remind") {
    // 催办: read exactly as analyze reads, then the open items due within the window, by 承办科室.
    const snapshot = await snapshotFromStream(input);
    const outcome = await withTraditional(() => analyzeWorkbook(snapshot, options.settings));
    if (!outcome.ok) throw new Unusable(outcome.error.code, failureDetail(outcome.error));
    const reminders = remindersFor(outcome.analysis, {
      ...(options.within !== undefined ? { within: options.within } : {}),
      ...(options.department !== undefined ? { department: options.department } : {}),
      ...(options.by !== undefined ? { by: options.by } : {}),
    });
    process.stdout.write(
      options.json
        ? `${JSON.stringify(remindersJson(reminders), null, 2)}\n`
        : `${remindersText(reminders)}\n`,
    );
    return 0;
  }
  if (options.command === "analyze") {
    // Read exactly as build reads it (an HTML table saved as .xls becomes a workbook first), so analyze and
    // build always see the same ledger.
    const snapshot = await snapshotFromStream(input);
    const outcome = await withTraditional(() => analyzeWorkbook(snapshot, options.settings));
    if (!outcome.ok) throw new Unusable(outcome.error.code, failureDetail(outcome.error));
    const a = outcome.analysis;
    process.stdout.write(
      options.json ? `${JSON.stringify(analysisJson(a), null, 2)}\n` : `${analysisText(a)}\n`,
    );
    return 0;
  }
  if (options.command === "report") return writeReport(options.out ?? "", input, options);
  const { buildXlsx } = await import("../hosts/xlsx/build");
  // An .xlsm written under an .xlsx name: Excel refuses an .xlsx with macros inside, so they are left out and
  // reported (dropped, reason macrosInXlsx) rather than written into a file Excel would not open.
  const keepMacros = !/\.xlsx$/i.test(options.out ?? "");
  const built = await buildXlsx(input, options.settings, undefined, {
    keepMacros,
    ...(options.reminders === true ? { reminders: true } : {}),
    ...(options.print === true ? { print: true } : {}),
  });
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
      // Extension: every part of the original the output does not hold (kind, part, sheet, reason).
      dropped: built.dropped,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${analysisText(built.analysis)}\n\n${droppedText(built.dropped)}已写入 Written: ${options.out}\n`,
    );
  }
  return 0;
}

/**
 * `report FILE -o 汇报.docx`: the ledger read exactly as analyze reads it, and its report (the one the 汇报材料 sheet
 * shows) written as a Word/WPS document in the GB/T 9704 layout.
 */
async function writeReport(out: string, input: Uint8Array, options: CliOptions): Promise<number> {
  const { analyzeWorkbook, snapshotFromStream } = await engine();
  const snapshot = await snapshotFromStream(input);
  const outcome = await withTraditional(() => analyzeWorkbook(snapshot, options.settings));
  if (!outcome.ok) throw new Unusable(outcome.error.code, failureDetail(outcome.error));
  const analysis = options.compare
    ? await withLastYear(options.compare, outcome.analysis, options)
    : outcome.analysis;
  // What the clerk wrote on 汇报材料 (a filled-in placeholder, an added paragraph) is in the .docx too.
  const { analysisDocx } = await import("../hosts/docx/report");
  const { report, bytes } = await analysisDocx(snapshot, analysis);
  try {
    await writeFile(out, bytes);
  } catch {
    throw new Unusable("write_failed", out);
  }
  const title = report.paragraphs.find((p) => p.kind === "title")?.text ?? "";
  const paragraphs = report.paragraphs.length;
  // Extension (no acceptance contract names it): what was written, the title and the number of paragraphs.
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ out, title, paragraphs }, null, 2)}\n`
      : `${title}\n（${paragraphs}段 ${paragraphs} paragraphs）\n已写入 Written: ${out}\n`,
  );
  return 0;
}

/**
 * `report --compare LAST.xlsx`: last year's ledger read on this year's as-of date (without this year's --sheet
 * and --year) and compared with it (core/compare.ts): the report gains the 回头看 paragraph.
 */
async function withLastYear(file: string, current: Analysis, options: CliOptions): Promise<Analysis> {
  const { analyzeWorkbook, snapshotFromStream } = await engine();
  const { compareYears, withFollowUp } = await import("../core/compare");
  const { sheet: _sheet, year: _year, ...settings } = options.settings;
  const snapshot = await snapshotFromStream(await readInput(file));
  const outcome = await withTraditional(() =>
    analyzeWorkbook(snapshot, { ...settings, asOf: current.stats.asOf }),
  );
  if (!outcome.ok) throw new Unusable(outcome.error.code, failureDetail(outcome.error));
  return withFollowUp(current, compareYears(outcome.analysis, current));
}

function report(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.zh}\n${err.en}\n\n${USAGE}\n`);
    return 2;
  }
  let code: FailureCode | undefined;
  let detail: string | FailureDetail = "";
  if (err instanceof Unusable) [code, detail] = [err.code, err.detail];
  else if (err instanceof XlsxLoadError) {
    // A limit refusal names the limit and the figure found; a corrupt file's parser message is not shown.
    code = err.code;
    detail = { ...(err.code === "corrupt" ? {} : { text: err.detail ?? "" }), ...err.figures };
  }
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
