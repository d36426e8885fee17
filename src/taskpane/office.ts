import { localeFromLanguage, type Locale } from "../i18n";
import type { Theme } from "./App";

/**
 * What the pane reads from Office itself: the display language and the theme. Kept here, in the entry layer,
 * so components never touch Office.js.
 */
export function officeLocale(): Locale {
  return localeFromLanguage(Office.context.displayLanguage);
}

/** Dark when Office's body background is dark; light when the theme is unknown (Excel on the web, Mac). */
export function officeTheme(): Theme {
  const background = Office.context.officeTheme?.bodyBackgroundColor;
  return background && luminance(background) < 0.5 ? "dark" : "light";
}

/** Relative luminance 0..1 of "#RRGGBB" (sRGB weights; exact gamma does not matter for a light/dark cut). */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((part) => parseInt(part ?? "ff", 16) / 255) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
