import type { Locale } from "../core/fields";
import { localeFromLanguage } from "../i18n";

/**
 * The page's language. Chinese first: users are Chinese government staff, so a browser that says nothing
 * about Chinese script (an en-US default install, say) still gets 简体中文. Traditional-script browsers
 * (zh-TW, zh-HK, zh-MO, zh-Hant) get 繁體; English only when asked for with ?lang=en (or en-*).
 * ?lang=zh-CN|zh-TW|en picks any of the three.
 */
export function pageLocale(search: string, browserLanguage: string | undefined | null): Locale {
  const asked = new URLSearchParams(search).get("lang");
  if (asked) return localeFromLanguage(asked);
  return localeFromLanguage(browserLanguage) === "zh-TW" ? "zh-TW" : "zh-CN";
}
