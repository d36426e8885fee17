import * as OpenCC from "opencc-js";
import type { Script } from "./fields";

/**
 * Simplified/traditional folding through opencc-js (no hand-made character table).
 * Converters are built lazily: building the dictionaries costs tens of milliseconds.
 */
let t2s: ((s: string) => string) | undefined;
let s2t: ((s: string) => string) | undefined;

/** Traditional (any variant: Taiwan, Hong Kong) → mainland simplified. */
function toSimplified(text: string): string {
  t2s ??= OpenCC.Converter({ from: "t", to: "cn" });
  return t2s(text);
}

/** Simplified → traditional (Taiwan standard characters, no phrase conversion: we keep the user's words). */
export function toTraditional(text: string): string {
  s2t ??= OpenCC.Converter({ from: "cn", to: "tw" });
  return s2t(text);
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

/**
 * Guesses the script of some text: traditional when converting it to simplified changes
 * more characters than converting it to traditional does.
 * @example detectScript("辦理時限") === "traditional"
 */
export function detectScript(text: string): Script {
  const simplified = toSimplified(text);
  const traditional = toTraditional(text);
  const changedToS = diffCount(text, simplified);
  const changedToT = diffCount(text, traditional);
  return changedToS > changedToT ? "traditional" : "simplified";
}

function diffCount(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let d = Math.abs(a.length - b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) d++;
  return d;
}
