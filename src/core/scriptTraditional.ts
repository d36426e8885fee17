import { ConverterBuilder, type ConverterFunction } from "opencc-js/core";
import CJK_Compatibility_Ideographs from "opencc-js/dict/CJK_Compatibility_Ideographs";
import STPhrases from "opencc-js/dict/STPhrases";
import STPhrases_GeneratedFromRegionalPhrases from "opencc-js/dict/STPhrases_GeneratedFromRegionalPhrases";
import STCharacters from "opencc-js/dict/STCharacters";
import TWVariantsPhrases from "opencc-js/dict/TWVariantsPhrases";
import TWVariants from "opencc-js/dict/TWVariants";

/**
 * Simplified → Taiwan traditional (opencc's s2tw: characters and variants, no phrase rewording), built from
 * the six dictionaries it needs. STPhrases alone weighs 417 KB gzipped: this module is a chunk of its own,
 * loaded by script.ts loadTraditional() only when a text is to be written in traditional.
 * The configuration is opencc-js's own (dist/esm-lib/preset/cn2t.js, configs.s2tw).
 */
export function simplifiedToTaiwan(): ConverterFunction {
  const s2tw = {
    normalizationChain: [[CJK_Compatibility_Ideographs]],
    segmentation: [STPhrases, STPhrases_GeneratedFromRegionalPhrases],
    conversionChain: [
      [STPhrases, STPhrases_GeneratedFromRegionalPhrases, STCharacters],
      [TWVariantsPhrases, TWVariants],
    ],
  };
  // ConverterBuilder only checks that the locales exist; the conversion is the config's.
  return ConverterBuilder({ from: { cn: [] }, to: { tw: [] }, configs: { s2tw } })({ from: "cn", to: "tw" });
}

/** The characters STCharacters maps to another one first (s2t's character step changes them: 办, 为). */
export function simplifiedOnlyCharacters(): ReadonlySet<string> {
  const found = new Set<string>();
  for (const entry of STCharacters.split("|")) {
    const [from, to] = entry.split(" ");
    if (from !== undefined && to !== undefined && from !== to) found.add(from);
  }
  return found;
}
