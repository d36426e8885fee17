import { createRoot } from "react-dom/client";
import { localeFromLanguage } from "../i18n";
import { App, type Theme } from "./App";
import { createDemoHost } from "./demoHost";
import { demoSnapshot } from "./demoData";

/**
 * dist/taskpane-demo.html: the task pane over an in-memory copy of the demo ledger, without Office. For the
 * README's screenshot and browser tests. Query: ?locale=zh-CN|zh-TW|en&theme=light|dark&asOf=YYYY-MM-DD.
 */
const query = new URLSearchParams(window.location.search);
const locale = localeFromLanguage(query.get("locale") ?? "zh-CN");
const theme: Theme = query.get("theme") === "dark" ? "dark" : "light";
const asOf = query.get("asOf") ?? "2024-06-28";
const container = document.getElementById("container");
if (!container) throw new Error("taskpane-demo.html has no #container element");
document.documentElement.lang = locale === "en" ? "en-US" : locale;
createRoot(container).render(
  <App host={createDemoHost(demoSnapshot())} locale={locale} theme={theme} initialSettings={{ asOf }} />,
);
