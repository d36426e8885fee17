import { ConverterBuilder, type ConverterFunction } from "opencc-js/core";
import CJK_Compatibility_Ideographs from "opencc-js/dict/CJK_Compatibility_Ideographs";
import TSPhrases from "opencc-js/dict/TSPhrases";
import TSCharacters from "opencc-js/dict/TSCharacters";
import type { Locale, Script } from "./fields";
import { TRADITIONAL_WORDS } from "./scriptWords";

/**
 * Simplified/traditional folding through opencc-js (no hand-made character table), one direction at a time:
 * - traditional → simplified (t2s, 26 KB gzipped) is bundled and built on first use: every comparison key
 *   (foldKey) and detectScript need it;
 * - simplified → traditional (s2tw, 450 KB gzipped) is a chunk of its own (scriptTraditional.ts), loaded by
 *   `loadTraditional()` (or `ensureScript`, `withTraditional`) only when a workbook or the UI is traditional.
 * Nothing here builds a converter at module scope: building the dictionaries' tries costs milliseconds (t2s)
 * to a couple of hundred (s2tw).
 */
let t2s: ConverterFunction | undefined;
let s2t: ConverterFunction | undefined;
let s2tLoading: Promise<void> | undefined;
/** Loaded with s2t: the characters s2t's character step changes (detectScript). */
let simplifiedOnly: ReadonlySet<string> | undefined;

/** Traditional (any variant: Taiwan, Hong Kong) → mainland simplified: opencc-js's t2s configuration. */
function toSimplified(text: string): string {
  t2s ??= ConverterBuilder({
    from: {},
    to: { cn: [] },
    configs: { t2s: t2sConfig() },
  })({ from: "t", to: "cn" });
  return t2s(text);
}

/** opencc-js's dist/esm-lib/preset/t2cn.js configs.t2s, with only the three dictionaries it uses. */
function t2sConfig() {
  return {
    normalizationChain: [[CJK_Compatibility_Ideographs]],
    segmentation: "", // none, as in opencc-js (the type asks for one; an empty one is skipped)
    conversionChain: [[TSPhrases, TSCharacters]],
  };
}

/** Misuse: a traditional text was asked for before `await loadTraditional()`. */
export class TraditionalNotLoadedError extends Error {
  constructor(call: string) {
    super(
      `${call} before the s2tw dictionaries were loaded: ` +
        "await loadTraditional() (or ensureScript / withTraditional) first",
    );
    this.name = "TraditionalNotLoadedError";
  }
}

/** Loads the simplified → traditional dictionaries (once; later calls return the same promise). */
export function loadTraditional(): Promise<void> {
  s2tLoading ??= import(/* webpackChunkName: "opencc-s2tw" */ "./scriptTraditional").then(
    (m) => {
      s2t = m.simplifiedToTaiwan();
      simplifiedOnly = m.simplifiedOnlyCharacters();
    },
    (e: unknown) => {
      s2tLoading = undefined; // a failed chunk load may be retried
      throw e;
    },
  );
  return s2tLoading;
}

/** Whether toTraditional can convert any text now. */
export function traditionalLoaded(): boolean {
  return s2t !== undefined;
}

/** Loads what writing in `script` needs (nothing for simplified). */
export async function ensureScript(script: Script): Promise<void> {
  if (script === "traditional") await loadTraditional();
}

/** Loads what messages in `locale` need: zh-TW ones are converted (i18n/issues.ts renderIssue). */
export async function ensureLocale(locale: Locale): Promise<void> {
  if (locale === "zh-TW") await loadTraditional();
}

/**
 * Runs a pure computation (an analysis, a plan) that may need the traditional converter: when it asks for it
 * before it is loaded, loads it and runs the computation again. The engine is pure, so the first run left nothing
 * behind; a simplified workbook never loads the dictionaries.
 * @example const outcome = await withTraditional(() => planFor(snapshot, { settings }));
 */
export async function withTraditional<T>(run: () => T): Promise<T> {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof TraditionalNotLoadedError)) throw e;
    await loadTraditional();
    return run();
  }
}

/**
 * Simplified → traditional (Taiwan standard characters, no phrase conversion: we keep the user's words).
 * The engine's own words (scriptWords.ts) convert at any time; any other text throws TraditionalNotLoadedError
 * until loadTraditional() has resolved, so a missing await never writes simplified text into a traditional file.
 */
export function toTraditional(text: string): string {
  if (s2t) return s2t(text);
  const known = TRADITIONAL_WORDS.get(text);
  if (known === undefined) throw new TraditionalNotLoadedError(`toTraditional("${text.slice(0, 20)}")`);
  return known;
}

/** Writes text in the given script. */
export function inScript(text: string, script: Script): string {
  return script === "traditional" ? toTraditional(text) : text;
}

/** A comparison key: simplified, no whitespace of any width, ASCII letters lower-cased, full-width digits folded. */
export function foldKey(text: string): string {
  let key = foldCache.get(text);
  if (key === undefined) {
    key = toSimplified(text.normalize("NFKC"))
      .replace(/[\s\u3000]+/g, "")
      .toLowerCase();
    // Ledger cells repeat (类别, 办理结果, 科室 …): remember keys, within a bound so memory stays flat.
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(text, key);
  }
  return key;
}

/** Enough for every distinct enumeration and header text of a large ledger. */
const FOLD_CACHE_LIMIT = 20_000;
const foldCache = new Map<string, string>();

/** A set of fold keys, folded on its first question (so that no converter is built at module scope). */
export interface FoldKeySet {
  has(key: string): boolean;
}

/** The fold keys of `texts`, computed when first asked. */
export function foldKeySet(texts: readonly string[]): FoldKeySet {
  let keys: ReadonlySet<string> | undefined;
  return { has: (key) => (keys ??= new Set(texts.map(foldKey))).has(key) };
}

/**
 * Guesses the script of some text: traditional when more of its characters are traditional-only (ones t2s
 * changes) than simplified-only (ones opencc's STCharacters writes otherwise in traditional: 办, 为); the same
 * answers as comparing t2s and s2tw changes, without the phrase dictionary. A text without a traditional-only
 * character is simplified at once; one with some needs STCharacters, loaded with the s2tw chunk
 * (TraditionalNotLoadedError before: withTraditional loads it), so a simplified workbook loads nothing.
 * @example detectScript("辦理時限") === "traditional"
 */
export function detectScript(text: string): Script {
  const traditionalOnly = diffCount(text, toSimplified(text));
  if (traditionalOnly === 0) return "simplified";
  if (!simplifiedOnly) throw new TraditionalNotLoadedError("detectScript");
  let simplified = 0;
  for (const c of text) if (simplifiedOnly.has(c)) simplified++;
  return traditionalOnly > simplified ? "traditional" : "simplified";
}

function diffCount(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let d = Math.abs(a.length - b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) d++;
  return d;
}
