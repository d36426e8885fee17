import { useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { localeFromLanguage, strings } from "../i18n";
import type { Locale } from "../core/fields";
import { App, type Theme } from "./App";
import { createDemoHost } from "./demoHost";
import { demoSnapshot } from "./demoData";
import { ensureLocale } from "../core/script";
import { loadEngine } from "./useEngine";

/**
 * dist/taskpane-demo.html: the task pane over an in-memory copy of the demo ledger, without Office. For the
 * README's screenshot and browser tests. Query: ?locale=zh-CN|zh-TW|en&theme=light|dark&asOf=YYYY-MM-DD.
 */
const query = new URLSearchParams(window.location.search);
const locale = localeFromLanguage(query.get("locale") ?? "zh-CN");
const theme: Theme = query.get("theme") === "dark" ? "dark" : "light";
const asOf = query.get("asOf") ?? "2024-06-28";
// The engine chunk loads meanwhile (a failure is shown by the pane, which asks again).
loadEngine().catch(() => undefined);
const container = document.getElementById("container");
if (!container) throw new Error("taskpane-demo.html has no #container element");
document.documentElement.lang = locale === "en" ? "en-US" : locale;
// zh-TW messages are converted from the simplified ones: their dictionaries load first.
void ensureLocale(locale).finally(() =>
  createRoot(container).render(<DemoPage locale={locale} theme={theme} asOf={asOf} />),
);

/** The pane, and under it the cell last selected (what Excel's name box would show), once there is one. */
function DemoPage({ locale, theme, asOf }: { locale: Locale; theme: Theme; asOf: string }) {
  const [selected, setSelected] = useState<string | null>(null);
  const host = useMemo(
    () =>
      createDemoHost(demoSnapshot(), { onSelect: (sheet, address) => setSelected(`${sheet}!${address}`) }),
    [],
  );
  return (
    <>
      <App host={host} locale={locale} theme={theme} initialSettings={{ asOf }} />
      {selected && <output aria-label={strings(locale).demo.selection}>{selected}</output>}
    </>
  );
}
