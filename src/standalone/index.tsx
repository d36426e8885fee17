// First: before any module makes a zod schema.
import "./noEval";
import { createRoot } from "react-dom/client";
import { languageTag, strings } from "../i18n";
import { pageLocale } from "./locale";
import { StandalonePage } from "./StandalonePage";
import { ensureLocale } from "../core/script";
import { loadEngine } from "../taskpane/useEngine";

/** The standalone page in Chinese (traditional for a zh-TW/HK/MO browser), or ?lang=zh-CN|zh-TW|en. No office.js here. */
const locale = pageLocale(location.search, navigator.language);
document.documentElement.lang = languageTag(locale);
document.title = strings(locale).page.title;
// The engine chunk loads while the user picks a file (a failure is shown by the pane, which asks again).
loadEngine().catch(() => undefined);
// So does the workbook worker (ExcelJS and the reading code, spawnWorker.ts), once the page is up.
setTimeout(() => {
  import(/* webpackChunkName: "worker-host" */ "./spawnWorker")
    .then((m) => m.prewarmLedgerWorker())
    .catch(() => undefined);
}, 0);
const container = document.getElementById("container");
if (!container) throw new Error("standalone.html has no #container element");
// zh-TW messages are converted from the simplified ones: their dictionaries load first.
void ensureLocale(locale).finally(() => createRoot(container).render(<StandalonePage locale={locale} />));
