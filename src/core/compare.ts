import { analyzeWorkbook, type Analysis } from "./analyze";
import type { Kind, LedgerRecord, ResultClass } from "./fields";
import type { Stats } from "./stats.types";
import type { ReportFollowUp } from "./report.types";
import type { SettingsInput } from "./settings";
import type { WorkbookSnapshot } from "./snapshot";
import { buildReport } from "./report";
import { deadlineStatus, type DeadlineStatus } from "./deadlines";
import { isoFromSerial } from "./dates";
import { foldKey } from "./script";

/**
 * Year over year (`ledger compare`, 回头看): last year's B类 (列入计划) and unreplied items, each with what became
 * of it in this year's ledger, and the two years' figures side by side.
 *
 * How an item is found again. Each pair of last year's item and this year's row of the same kind (an unknown
 * kind pairs with any) gets a score: the Dice coefficient of the two titles' character bigrams (titleKey: folded,
 * punctuation and the 关于…的建议/提案/议案 frame dropped), plus ID_BONUS when the 编号 are the same (idKey).
 * 编号 are given out afresh every year, so a same 编号 alone proves nothing: with very different titles the pair
 * scores below REVIEW_THRESHOLD and is no candidate at all. A pair is matched only when
 * - it scores at least MATCH_THRESHOLD,
 * - it beats the item's next candidate by MARGIN, and
 * - the item beats every other of last year's items still unmatched by MARGIN for that row;
 * rows matched are taken out and the rule applied again until nothing changes. An item left with a candidate
 * at or above REVIEW_THRESHOLD is `ambiguous` (listed for the user, never matched); one without is `notFound`.
 */

/** A pair scoring this or more may be matched: a reworded title (深入推进…工作) stays above it. */
export const MATCH_THRESHOLD = 0.75;
/** Below this a pair is no candidate: titles sharing a word or two (社区, 养老服务) score under it. */
export const REVIEW_THRESHOLD = 0.5;
/** The best candidate must lead the next by this much, or the user decides. */
export const MARGIN = 0.1;
/** Added for the same 编号: a reworded title with the same 编号 (dice ≥ 0.55) is matched. */
export const ID_BONUS = 0.2;
/** Candidates listed for an ambiguous item. */
const MAX_CANDIDATES = 3;
/** Topics side by side: each year's most frequent ones. */
const TOP_TOPICS = 5;

/** One ledger row as the comparison shows it; `status` under its own year's rules and as-of date. */
export interface ItemRef {
  sheet: string;
  row: number;
  id: string | null;
  kind: Kind | null;
  title: string;
  department: string | null;
  status: DeadlineStatus;
  result: ResultClass | null;
  /** ISO date, or null when not replied or replied without a date. */
  repliedOn: string | null;
}

/** planned = 办理结果 B类 (列入计划), unreplied = not replied by last year's as-of date. */
export type FollowUpReason = "planned" | "unreplied";

export interface Candidate {
  current: ItemRef;
  /** similarity + ID_BONUS when sameId. */
  score: number;
  /** Title Dice coefficient, 0..1. */
  similarity: number;
  sameId: boolean;
}

export type FollowUpOutcome =
  ({ kind: "matched" } & Candidate) | { kind: "ambiguous"; candidates: Candidate[] } | { kind: "notFound" };

export interface FollowUpItem {
  last: ItemRef;
  reasons: FollowUpReason[];
  outcome: FollowUpOutcome;
}

export type FigureKey =
  | "total"
  | "replyRate"
  | "onTimeReplyRate"
  | "satisfactionRate"
  | `result${ResultClass}`
  | `share${ResultClass}`
  | "topic";

/** One line of the side by side. Rates are fractions; a rate's change is in percentage points (one decimal). */
export interface FigureRow {
  key: FigureKey;
  /** The topic's name (as this year writes it, else last year) on a "topic" row. */
  topic?: string;
  unit: "count" | "rate";
  last: number | null;
  current: number | null;
  change: number | null;
}

export interface Comparison {
  last: { year: number | null; asOf: string };
  current: { year: number | null; asOf: string };
  figures: FigureRow[];
  /** Last year's items to follow up, in its ledger's order. */
  items: FollowUpItem[];
}

/**
 * Compares two years' analyses of one bureau's ledger.
 * @example compareYears(a2025, a2026).items.filter((i) => i.outcome.kind === "ambiguous") // for the user
 */
export function compareYears(last: Analysis, current: Analysis): Comparison {
  return {
    last: { year: last.stats.year, asOf: last.stats.asOf },
    current: { year: current.stats.year, asOf: current.stats.asOf },
    figures: compareFigures(last.stats, current.stats),
    items: followUp(last, current),
  };
}

/** The report's counts (report.ts followUpParagraph) from a comparison. */
export function followUpSummary(c: Comparison): ReportFollowUp {
  const matched = c.items.flatMap((i) => (i.outcome.kind === "matched" ? [i.outcome.current] : []));
  const count = (kind: FollowUpOutcome["kind"]): number =>
    c.items.filter((i) => i.outcome.kind === kind).length;
  return {
    lastYear: c.last.year,
    items: c.items.length,
    planned: c.items.filter((i) => i.reasons.includes("planned")).length,
    unreplied: c.items.filter((i) => i.reasons.includes("unreplied")).length,
    matched: matched.length,
    replied: matched.filter((m) => m.status === "replied").length,
    solved: matched.filter((m) => m.result === "A").length,
    notFound: count("notFound"),
    ambiguous: count("ambiguous"),
  };
}

/**
 * The sheet of the same workbook that holds last year's ledger: the analysis left it out as another year's
 * (issue sheet_unread, reason "year") and its year is the analysis year − 1. Offices often keep last year's
 * sheet beside this year's; Office.js reads every sheet of the open workbook, so the add-in can compare too.
 * @example previousYearSheet(analysisOf2026) === "2025年" // when that sheet's dates are 2025's
 */
export function previousYearSheet(analysis: Analysis): string | undefined {
  if (analysis.year === null) return undefined;
  const wanted = String(analysis.year - 1);
  const issue = analysis.issues.find(
    (i) => i.code === "sheet_unread" && i.params.reason === "year" && i.params.other === wanted,
  );
  return issue?.params.text;
}

/**
 * Last year's sheet of the same workbook (previousYearSheet) analysed as a ledger of its own, on the same as-of
 * date as this year's, and compared with this year's analysis; undefined when there is no such sheet or it
 * cannot be read as a ledger. `settings`: the input this year's analysis was made with (the pane's).
 */
export function compareWithin(
  snapshot: WorkbookSnapshot,
  analysis: Analysis,
  settings: SettingsInput,
): Comparison | undefined {
  const sheet = previousYearSheet(analysis);
  if (sheet === undefined || analysis.year === null) return undefined;
  const outcome = analyzeWorkbook(snapshot, {
    ...settings,
    sheet,
    year: analysis.year - 1,
    asOf: isoFromSerial(analysis.today),
  });
  return outcome.ok ? compareYears(outcome.analysis, analysis) : undefined;
}

/**
 * The analysis with its report rewritten to hold the 回头看 paragraph (report.ts followUpParagraph): what
 * 汇报材料 and the .docx say when a comparison is available. Without one the analysis is returned as it is.
 */
export function withFollowUp(analysis: Analysis, comparison: Comparison | undefined): Analysis {
  if (!comparison) return analysis;
  const report = buildReport(analysis.stats, analysis.settings, analysis.script, followUpSummary(comparison));
  return { ...analysis, report };
}

// ---- follow-up ----

interface Row {
  ref: ItemRef;
  grams: Map<string, number>;
  idKey: string | null;
}

function followUp(last: Analysis, current: Analysis): FollowUpItem[] {
  // Last year's items as its figures count them (excluded departments left out); this year's rows all count.
  const excluded = new Set(last.settings.excludeDepartments.map((d) => foldKey(d.trim())));
  const wanted: { row: Row; reasons: FollowUpReason[] }[] = [];
  for (const r of last.records) {
    if (r.department !== undefined && excluded.has(foldKey(r.department.trim()))) continue;
    const row = rowOf(r, last);
    const reasons: FollowUpReason[] = [
      ...(r.result === "B" ? (["planned"] as const) : []),
      ...(row.ref.status !== "replied" ? (["unreplied"] as const) : []),
    ];
    if (reasons.length > 0) wanted.push({ row, reasons });
  }
  const rows = current.records.map((r) => rowOf(r, current));
  const index = gramIndex(rows);
  const candidates = wanted.map(({ row }) => candidatesFor(row, rows, index));

  // Who claims each of this year's rows: last year's items with it among their candidates.
  const claims = new Map<number, { item: number; score: number }[]>();
  candidates.forEach((list, item) => {
    for (const c of list) {
      const claimants = claims.get(c.index);
      if (claimants) claimants.push({ item, score: c.score });
      else claims.set(c.index, [{ item, score: c.score }]);
    }
  });
  const matchedTo = new Map<number, number>(); // wanted index → rows index
  const taken = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    candidates.forEach((list, i) => {
      if (matchedTo.has(i)) return;
      const [best, next] = list.filter((c) => !taken.has(c.index));
      if (!best || best.score < MATCH_THRESHOLD) return;
      if (next && best.score - next.score < MARGIN) return;
      // The row's other claimants among last year's items still unmatched.
      const rivals = (claims.get(best.index) ?? []).filter((c) => c.item !== i && !matchedTo.has(c.item));
      if (rivals.some((c) => best.score - c.score < MARGIN)) return;
      matchedTo.set(i, best.index);
      taken.add(best.index);
      changed = true;
    });
  }

  return wanted.map(({ row, reasons }, i): FollowUpItem => {
    const own = candidates[i] ?? [];
    const index = matchedTo.get(i);
    const match = own.find((c) => c.index === index);
    const open = own.filter((c) => !taken.has(c.index));
    const outcome: FollowUpOutcome = match
      ? { kind: "matched", ...match.candidate }
      : open.length > 0
        ? { kind: "ambiguous", candidates: open.slice(0, MAX_CANDIDATES).map((c) => c.candidate) }
        : { kind: "notFound" };
    return { last: row.ref, reasons, outcome };
  });
}

/**
 * This year's rows by bigram (each with its count there) and by 编号, and each row's number of bigrams: a row that
 * shares no bigram with an item has a Dice of 0, so only the rows sharing one (or the 编号) are scored, and the
 * shared count is summed from the lists instead of comparing every pair of titles (20,000 × 20,000 at a province's
 * size).
 */
interface GramIndex {
  byGram: Map<string, { row: number; count: number }[]>;
  byId: Map<string, number[]>;
  sizes: number[];
  /** Scratch: the shared bigram count per row for the item being scored, zero between items. */
  shared: Float64Array;
}

function gramIndex(rows: readonly Row[]): GramIndex {
  const byGram = new Map<string, { row: number; count: number }[]>();
  const byId = new Map<string, number[]>();
  const sizes: number[] = [];
  rows.forEach((r, row) => {
    let size = 0;
    for (const [gram, count] of r.grams) {
      size += count;
      const list = byGram.get(gram);
      if (list) list.push({ row, count });
      else byGram.set(gram, [{ row, count }]);
    }
    sizes.push(size);
    if (r.idKey !== null) {
      const list = byId.get(r.idKey);
      if (list) list.push(row);
      else byId.set(r.idKey, [row]);
    }
  });
  return { byGram, byId, sizes, shared: new Float64Array(rows.length) };
}

/** This year's rows scoring at least REVIEW_THRESHOLD with `item`, best first (ties in ledger order). */
function candidatesFor(
  item: Row,
  rows: readonly Row[],
  index: GramIndex,
): { index: number; score: number; candidate: Candidate }[] {
  const { shared, sizes } = index;
  const touched: number[] = [];
  let itemSize = 0;
  for (const [gram, count] of item.grams) {
    itemSize += count;
    for (const p of index.byGram.get(gram) ?? []) {
      if (shared[p.row] === 0) touched.push(p.row);
      shared[p.row] = (shared[p.row] ?? 0) + Math.min(count, p.count);
    }
  }
  for (const row of item.idKey !== null ? (index.byId.get(item.idKey) ?? []) : [])
    if (shared[row] === 0) touched.push(row);
  const out: { index: number; score: number; candidate: Candidate }[] = [];
  for (const i of touched) {
    const row = rows[i];
    const common = shared[i] ?? 0;
    shared[i] = 0;
    if (row === undefined) continue;
    if (item.ref.kind !== null && row.ref.kind !== null && item.ref.kind !== row.ref.kind) continue;
    // As dice(): twice the shared count over both titles' counts.
    const size = itemSize + (sizes[i] ?? 0);
    const similarity = size === 0 ? 0 : (2 * common) / size;
    const sameId = item.idKey !== null && item.idKey === row.idKey;
    const score = similarity + (sameId ? ID_BONUS : 0);
    if (score >= REVIEW_THRESHOLD)
      out.push({ index: i, score, candidate: { current: row.ref, score, similarity, sameId } });
  }
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}

function rowOf(r: LedgerRecord, a: Analysis): Row {
  const title = r.title?.trim() ?? "";
  const key = titleKey(title);
  return {
    grams: bigrams(key),
    idKey: r.id !== undefined && r.id.trim() !== "" ? idKey(r.id) : null,
    ref: {
      sheet: r.sheet ?? a.layout.sheet,
      row: r.row,
      id: r.id?.trim() || null,
      kind: r.kind ?? null,
      title,
      department: r.department?.trim() || null,
      status: deadlineStatus(r, a.today, a.settings),
      result: r.result ?? null,
      repliedOn: r.repliedOn !== undefined ? isoFromSerial(r.repliedOn) : null,
    },
  };
}

/**
 * A 编号 as compared: folded (foldKey: script, width, case, spaces), and 第12号, 012 and 12 alike, as rules.ts
 * compares them for duplicates. @example idKey("第０１２號") === "12"
 */
export function idKey(id: string): string {
  const text = foldKey(id);
  const m = /^第?0*(\d+)号?$/.exec(text);
  return m?.[1] ?? text;
}

/** The 关于 … 的建议 frame every title shares: kept, it would make any two titles look alike. */
const FRAME_START = /^关于/;
const FRAME_END = /的?(建议|提案|议案|意见)$/;

/**
 * A title as compared: folded (foldKey), punctuation and symbols dropped, the 关于…的建议/提案/议案 frame removed
 * (unless nothing else is left). @example titleKey("关于加快推进“城区公墓”建设的建议") === "加快推进城区公墓建设"
 */
export function titleKey(title: string): string {
  const folded = foldKey(title).replace(/[\p{P}\p{S}]/gu, "");
  const core = folded.replace(FRAME_START, "").replace(FRAME_END, "");
  return core !== "" ? core : folded;
}

/** Dice coefficient of two titles' character bigrams (a one-character title is its own gram), 0..1. */
export function titleSimilarity(a: string, b: string): number {
  return dice(bigrams(titleKey(a)), bigrams(titleKey(b)));
}

function bigrams(key: string): Map<string, number> {
  const chars = [...key];
  const grams = new Map<string, number>();
  const add = (g: string): void => {
    grams.set(g, (grams.get(g) ?? 0) + 1);
  };
  if (chars.length === 1) add(key);
  for (let i = 0; i + 1 < chars.length; i++) add(`${chars[i] ?? ""}${chars[i + 1] ?? ""}`);
  return grams;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let size = 0;
  let shared = 0;
  for (const n of a.values()) size += n;
  for (const [g, n] of b) {
    size += n;
    shared += Math.min(n, a.get(g) ?? 0);
  }
  return size === 0 ? 0 : (2 * shared) / size;
}

// ---- figures ----

function compareFigures(last: Stats, current: Stats): FigureRow[] {
  const count = (key: FigureKey, l: number, c: number): FigureRow => ({
    key,
    unit: "count",
    last: l,
    current: c,
    change: c - l,
  });
  const rate = (key: FigureKey, l: number | null, c: number | null): FigureRow => ({
    key,
    unit: "rate",
    last: l,
    current: c,
    // Percentage points from tenths of a percent, as the rates are shown: no 6.2999999 from float noise.
    change: l === null || c === null ? null : (Math.round(c * 1000) - Math.round(l * 1000)) / 10,
  });
  // D only under the four-class scheme or where a ledger has one.
  const classes: ResultClass[] =
    last.results.D + current.results.D > 0 ? ["A", "B", "C", "D"] : ["A", "B", "C"];
  const classified = (s: Stats): number => classes.reduce((n, k) => n + s.results[k], 0);
  const share = (s: Stats, k: ResultClass): number | null =>
    classified(s) === 0 ? null : s.results[k] / classified(s);
  return [
    count("total", last.total, current.total),
    rate("replyRate", last.replyRate, current.replyRate),
    rate("onTimeReplyRate", last.onTimeReplyRate, current.onTimeReplyRate),
    rate("satisfactionRate", last.satisfactionRate, current.satisfactionRate),
    ...classes.map((k) => count(`result${k}`, last.results[k], current.results[k])),
    // A class's share of the items with a result class.
    ...classes.map((k) => rate(`share${k}`, share(last, k), share(current, k))),
    ...topicRows(last, current).map((t) => ({ ...count("topic", t.last, t.current), topic: t.name })),
  ];
}

/** Each year's TOP_TOPICS most frequent topics (names folded), this year's count first, then last year's. */
function topicRows(last: Stats, current: Stats): { name: string; last: number; current: number }[] {
  const rows = new Map<string, { name: string; last: number; current: number }>();
  const add = (s: Stats, which: "last" | "current"): void => {
    s.topics.forEach((t, i) => {
      const key = foldKey(t.name);
      const row = rows.get(key);
      if (row) row[which] = t.count;
      else if (i < TOP_TOPICS) rows.set(key, { name: t.name, last: 0, current: 0, [which]: t.count });
    });
  };
  add(current, "current");
  add(last, "last");
  // A topic in last year's top only: this year's count still comes from all of this year's topics.
  for (const t of current.topics) {
    const row = rows.get(foldKey(t.name));
    if (row) row.current = t.count;
  }
  return [...rows.values()].sort((a, b) => b.current - a.current || b.last - a.last);
}
