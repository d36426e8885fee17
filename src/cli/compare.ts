import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Analysis, AnalyzeFailure } from "../core/analyze";
import type { Locale } from "../core/fields";
import type { SettingsInput } from "../core/settings";
import {
  compareYears,
  followUpSummary,
  type Candidate,
  type Comparison,
  type FigureRow,
  type FollowUpItem,
  type FollowUpReason,
  type ItemRef,
} from "../core/compare";
import type { DeadlineStatus } from "../core/deadlines";
import { formatPercent } from "../core/format";
import { followUpParagraph } from "../core/report";
import { ensureLocale, ensureScript, inScript, toTraditional, withTraditional } from "../core/script";
import { failureMessage, type FailureCode, type FailureDetail } from "../i18n/failures";
import { XlsxLoadError } from "../hosts/xlsx/errors";
import { UsageError } from "./args";

/** `compare LAST.xlsx THIS.xlsx`: last year's follow-up (回头看) and the two years' figures side by side. */
interface CompareOptions {
  last: string;
  current: string;
  json: boolean;
  locale: Locale;
  settings: SettingsInput;
}

function parseCompare(argv: string[]): CompareOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        today: { type: "string" },
        json: { type: "boolean", default: false },
        locale: { type: "string" },
      },
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UsageError(`无法识别的参数：${detail}`, `Unrecognised arguments: ${detail}`);
  }
  const { values, positionals } = parsed;
  const [last, current, ...rest] = positionals;
  if (last === undefined || current === undefined)
    throw new UsageError(
      "compare 需要两个台账文件：上年度的和本年度的",
      "compare needs two ledger files: last year's and this year's",
    );
  if (rest.length > 0)
    throw new UsageError(`多余的参数：${rest.join(" ")}`, `Extra arguments: ${rest.join(" ")}`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new UsageError(
      `--today 应写成 YYYY-MM-DD：${values.today}`,
      `--today must be YYYY-MM-DD: ${values.today}`,
    );
  const locale = values.locale ?? "zh-CN";
  if (locale !== "zh-CN" && locale !== "zh-TW" && locale !== "en")
    throw new UsageError(`--locale 只能是 zh-CN、zh-TW 或 en`, `--locale must be zh-CN, zh-TW or en`);
  const settings: SettingsInput = { locale, ...(values.today !== undefined ? { asOf: values.today } : {}) };
  return { last, current, json: values.json ?? false, locale, settings };
}

/** A file that could not be used, named and worded in Chinese and English (exit 2). */
class Unreadable extends Error {
  constructor(
    readonly file: string,
    readonly code: FailureCode,
    readonly detail: string | FailureDetail,
  ) {
    super(code);
  }
}

async function analyseFile(file: string, settings: SettingsInput): Promise<Analysis> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === "EISDIR") throw new Unreadable(file, "is_directory", file);
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY")
      throw new Unreadable(file, "unreadable", file);
    throw new Unreadable(file, "file_not_found", file);
  }
  // Read as `analyze` reads: a row at a time, without ExcelJS's model of every cell.
  const [{ analyzeWorkbook }, { snapshotFromStream }] = await Promise.all([
    import("../core/analyze"),
    import("../hosts/xlsx/streamSnapshot"),
  ]);
  let snapshot;
  try {
    snapshot = await snapshotFromStream(bytes);
  } catch (err) {
    if (!(err instanceof XlsxLoadError)) throw err;
    const detail = { ...(err.code === "corrupt" ? {} : { text: err.detail ?? "" }), ...err.figures };
    throw new Unreadable(file, err.code, detail);
  }
  // A traditional workbook loads the s2tw dictionaries when analysed (src/core/script.ts).
  const outcome = await withTraditional(() => analyzeWorkbook(snapshot, settings));
  if (!outcome.ok) throw new Unreadable(file, outcome.error.code, analyzeDetail(outcome.error));
  return outcome.analysis;
}

function analyzeDetail(error: AnalyzeFailure): string | FailureDetail {
  if (error.code === "bad_settings") return error.detail;
  if (error.code === "no_ledger" && error.hidden !== undefined)
    return { text: error.sheet ?? "", hidden: error.hidden };
  return "sheet" in error && error.sheet !== undefined ? error.sheet : "";
}

/**
 * Runs `compare`: exit 0 with the comparison, 2 when either file cannot be read as a ledger.
 */
export async function runCompare(argv: string[]): Promise<number> {
  const options = parseCompare(argv);
  await ensureLocale(options.locale);
  let last: Analysis;
  let current: Analysis;
  try {
    [last, current] = await Promise.all([
      analyseFile(options.last, options.settings),
      analyseFile(options.current, options.settings),
    ]);
  } catch (err) {
    if (!(err instanceof Unreadable)) throw err;
    process.stderr.write(
      `错误：${err.file}：${failureMessage(err.code, "zh-CN", err.detail)}\nError: ${err.file}: ${failureMessage(err.code, "en", err.detail)}\n`,
    );
    return 2;
  }
  const comparison = compareYears(last, current);
  // The report's paragraph, in the script of this year's workbook as its report is.
  await ensureScript(current.script);
  const paragraph = inScript(
    followUpParagraph(followUpSummary(comparison), current.stats, current.settings),
    current.script,
  );
  process.stdout.write(
    options.json
      ? `${JSON.stringify(compareJson(comparison, options, paragraph), null, 2)}\n`
      : `${compareText(comparison, options, paragraph, multiSheet(last) || multiSheet(current))}\n`,
  );
  return 0;
}

function multiSheet(a: Analysis): boolean {
  return a.sheets.length > 1;
}

// ---- JSON ----

/** Scores to three decimals: enough to compare with the thresholds, no float noise. */
const round = (x: number): number => Math.round(x * 1000) / 1000;

function candidateJson(c: Candidate): Record<string, unknown> {
  return { current: c.current, similarity: round(c.similarity), sameId: c.sameId, score: round(c.score) };
}

/** The `compare --json` object: matched items in followUp, the others in ambiguous or unmatched. */
function compareJson(c: Comparison, o: CompareOptions, paragraph: string): Record<string, unknown> {
  const followUp: unknown[] = [];
  const ambiguous: unknown[] = [];
  const unmatched: unknown[] = [];
  for (const i of c.items) {
    const base = { last: i.last, reasons: i.reasons };
    if (i.outcome.kind === "matched") followUp.push({ ...base, ...candidateJson(i.outcome) });
    else if (i.outcome.kind === "ambiguous")
      ambiguous.push({ ...base, candidates: i.outcome.candidates.map(candidateJson) });
    else unmatched.push(base);
  }
  return {
    last: { file: o.last, year: c.last.year },
    current: { file: o.current, year: c.current.year },
    figures: c.figures,
    followUp,
    ambiguous,
    unmatched,
    // Extension: the date this year's figures refer to, and the report's follow-up paragraph.
    asOf: c.current.asOf,
    paragraph,
  };
}

// ---- text ----

/** The words of the text output: templates with {0}, {1} … for figures and the user's own text. */
interface Words {
  title: string;
  year: string;
  lastYear: string;
  thisYear: string;
  item: string;
  change: string;
  figure: Record<Exclude<FigureRow["key"], "topic">, string>;
  topic: string;
  points: string;
  followUp: string;
  tally: string;
  check: string;
  notLater: string;
  none: string;
  reasons: Record<FollowUpReason, string>;
  matched: string;
  notFound: string;
  ambiguous: string;
  row: string;
  status: Record<DeadlineStatus, string>;
  result: string;
  sameId: string;
  similarity: string;
  paragraph: string;
  /** An aside, a "label: text" and a list, in the language's punctuation. */
  aside: string;
  then: string;
  comma: string;
}

const ZH_CN: Words = {
  title: "年度对比：上年度 {0}，本年度 {1}",
  year: "{0}年度",
  lastYear: "上年度",
  thisYear: "本年度",
  item: "项目",
  change: "变化",
  figure: {
    total: "件数",
    replyRate: "办复率",
    onTimeReplyRate: "按期办复率",
    satisfactionRate: "满意率",
    resultA: "A类件数",
    resultB: "B类件数",
    resultC: "C类件数",
    resultD: "D类件数",
    shareA: "A类占比",
    shareB: "B类占比",
    shareC: "C类占比",
    shareD: "D类占比",
  },
  topic: "主题：{0}",
  points: "{0}个百分点",
  followUp: "上年度“回头看”：列入计划（B类）和未办复的 {0} 件",
  tally: "已找到 {0} 件，未找到 {1} 件，待核实 {2} 件",
  check: "（待核实的件列出了相近的记录，请人工确认）",
  notLater: "注意：本年度台账的年度（{1}）不晚于上年度的（{0}），请确认两个文件的顺序。",
  none: "上年度没有列入计划或未办复的件。",
  reasons: { planned: "列入计划", unreplied: "未办复" },
  matched: "已找到",
  notFound: "未找到",
  ambiguous: "待核实",
  row: "第{0}行",
  status: { replied: "已办复", overdue: "已超期", dueSoon: "即将到期", open: "办理中", unknown: "时限不明" },
  result: "{0}类",
  sameId: "编号相同",
  similarity: "标题相似度 {0}",
  paragraph: "汇报材料段落：",
  aside: "{0}（{1}）",
  then: "{0}：{1}",
  comma: "，",
};

const EN: Words = {
  title: "Year over year: last year {0}, this year {1}",
  year: "{0}",
  lastYear: "last year",
  thisYear: "this year",
  item: "Figure",
  change: "Change",
  figure: {
    total: "Items",
    replyRate: "Reply rate",
    onTimeReplyRate: "On-time reply rate",
    satisfactionRate: "Satisfaction rate",
    resultA: "Class A",
    resultB: "Class B",
    resultC: "Class C",
    resultD: "Class D",
    shareA: "Class A share",
    shareB: "Class B share",
    shareC: "Class C share",
    shareD: "Class D share",
  },
  topic: "Topic: {0}",
  points: "{0} pp",
  followUp: "Last year's follow-up: {0} items planned (class B) or not replied",
  tally: "found {0}, not found {1}, to check {2}",
  check: " (each item to check lists the close rows: please decide)",
  notLater:
    "Note: this year's ledger ({1}) is not later than last year's ({0}): check the order of the two files.",
  none: "Last year has no item planned or not replied.",
  reasons: { planned: "planned", unreplied: "not replied" },
  matched: "found",
  notFound: "not found",
  ambiguous: "to check",
  row: "row {0}",
  status: {
    replied: "replied",
    overdue: "overdue",
    dueSoon: "due soon",
    open: "open",
    unknown: "no deadline",
  },
  result: "class {0}",
  sameId: "same number",
  similarity: "title similarity {0}",
  paragraph: "Report paragraph:",
  aside: "{0} ({1})",
  then: "{0}: {1}",
  comma: ", ",
};

/** zh-TW: the templates converted, never the user's text (as i18n/issues.ts does), with 「」 quotes. */
function traditionalWords(w: Words): Words {
  const t = (text: string): string => toTraditional(text).replace(/“/g, "「").replace(/”/g, "」");
  const all = <K extends string>(r: Record<K, string>): Record<K, string> =>
    Object.fromEntries(Object.entries<string>(r).map(([k, v]) => [k, t(v)])) as Record<K, string>;
  const { figure, reasons, status, ...rest } = w;
  return { ...all(rest), figure: all(figure), reasons: all(reasons), status: all(status) };
}

function wordsFor(locale: Locale): Words {
  if (locale === "en") return EN;
  return locale === "zh-TW" ? traditionalWords(ZH_CN) : ZH_CN;
}

/** Fills {0}, {1} … of a template. */
function fill(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (_, k: string) => String(args[Number(k)] ?? ""));
}

/** Display width: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}
const padEnd = (t: string, n: number): string => t + " ".repeat(Math.max(0, n - width(t)));
const padStart = (t: string, n: number): string => " ".repeat(Math.max(0, n - width(t))) + t;

function value(f: FigureRow, v: number | null): string {
  if (v === null) return "—";
  return f.unit === "rate" ? formatPercent(v) : String(v);
}

function change(f: FigureRow, w: Words): string {
  if (f.change === null) return "—";
  const signed = `${f.change > 0 ? "+" : ""}${f.change}`;
  return f.unit === "rate" ? fill(w.points, signed) : signed;
}

function compareText(c: Comparison, o: CompareOptions, paragraph: string, sheets: boolean): string {
  const w = wordsFor(o.locale);
  const lastYear = c.last.year !== null ? fill(w.year, c.last.year) : w.lastYear;
  const thisYear = c.current.year !== null ? fill(w.year, c.current.year) : w.thisYear;
  const lines = [fill(w.title, fill(w.aside, lastYear, o.last), fill(w.aside, thisYear, o.current))];
  if (c.last.year !== null && c.current.year !== null && c.current.year <= c.last.year)
    lines.push(fill(w.notLater, c.last.year, c.current.year));
  lines.push("");
  const table = [
    [w.item, lastYear, thisYear, w.change],
    ...c.figures.map((f) => [
      f.key === "topic" ? fill(w.topic, f.topic ?? "") : w.figure[f.key],
      value(f, f.last),
      value(f, f.current),
      change(f, w),
    ]),
  ];
  const widths = [0, 1, 2, 3].map((k) => Math.max(...table.map((r) => width(r[k] ?? ""))));
  for (const r of table)
    lines.push(
      r
        .map((cell, k) => (k === 0 ? padEnd(cell, widths[k] ?? 0) : padStart(cell, widths[k] ?? 0)))
        .join("  "),
    );
  lines.push("", fill(w.followUp, c.items.length));
  const count = (k: FollowUpItem["outcome"]["kind"]): number =>
    c.items.filter((i) => i.outcome.kind === k).length;
  const tally = fill(w.tally, count("matched"), count("notFound"), count("ambiguous"));
  lines.push(`  ${c.items.length === 0 ? w.none : tally + (count("ambiguous") > 0 ? w.check : "")}`);
  const ref = (r: ItemRef): string =>
    [`${sheets ? `${r.sheet} ` : ""}${fill(w.row, r.row)}`, r.id ?? "", r.title]
      .filter((x) => x !== "")
      .join(" ");
  const how = (k: Candidate): string =>
    [...(k.sameId ? [w.sameId] : []), fill(w.similarity, k.similarity.toFixed(2))].join(w.comma);
  for (const i of c.items) {
    const out = i.outcome;
    const tag = out.kind === "matched" ? w.matched : out.kind === "notFound" ? w.notFound : w.ambiguous;
    lines.push(`  [${tag}] ${fill(w.aside, ref(i.last), i.reasons.map((r) => w.reasons[r]).join(w.comma))}`);
    if (out.kind === "matched") {
      const now = [
        w.status[out.current.status],
        ...(out.current.result ? [fill(w.result, out.current.result)] : []),
      ];
      lines.push(`      → ${fill(w.aside, fill(w.then, ref(out.current), now.join(w.comma)), how(out))}`);
    } else if (out.kind === "ambiguous") {
      for (const k of out.candidates) lines.push(`      ? ${fill(w.aside, ref(k.current), how(k))}`);
    }
  }
  lines.push("", w.paragraph, paragraph);
  return lines.join("\n");
}
