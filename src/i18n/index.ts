import type { HostErrorCode, HostErrorDetails } from "../hosts/host";
import type { Locale, UiStrings } from "./types";
import { zhCN } from "./zh-CN";
import { zhTW } from "./zh-TW";
import { en } from "./en";

export type { Locale, UiStrings };

const STRINGS: Record<Locale, UiStrings> = { "zh-CN": zhCN, "zh-TW": zhTW, en };

export function strings(locale: Locale): UiStrings {
  return STRINGS[locale];
}

/** A host failure (HostError's code and details) in the user's language. */
export function hostErrorMessage(code: HostErrorCode, details: HostErrorDetails, locale: Locale): string {
  return STRINGS[locale].hostErrors[code](details);
}

/**
 * Office's display language ("zh-CN", "zh-HK", "en-US", …) → one of our locales.
 * Traditional-script regions get zh-TW, English gets en, everything else the default zh-CN.
 */
export function localeFromLanguage(language: string | undefined | null): Locale {
  const tag = (language ?? "").toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(tag)) return "zh-TW";
  if (tag.startsWith("en")) return "en";
  return "zh-CN";
}

/** The BCP 47 tag for `lang` attributes and number formatting. */
export function languageTag(locale: Locale): string {
  return locale === "en" ? "en-US" : locale;
}
