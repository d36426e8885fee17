import { createRoot } from "react-dom/client";
import { createExcelHost } from "../hosts/excel/excelHost";
import { App } from "./App";
import { officeLocale, officeTheme } from "./office";
import { ensureLocale } from "../core/script";
import { loadEngine } from "./useEngine";

// The engine chunk loads while Office starts (a failure is shown by the pane, which asks again).
loadEngine().catch(() => undefined);

/** The add-in's task pane: Office → Excel host → the App. A standalone page imports App from ./App instead. */
Office.onReady(() => {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  const locale = officeLocale();
  document.documentElement.lang = locale === "en" ? "en-US" : locale;
  // zh-TW messages are converted from the simplified ones: their dictionaries load first.
  void ensureLocale(locale).finally(() =>
    createRoot(container).render(<App host={createExcelHost()} locale={locale} theme={officeTheme()} />),
  );
});

export { App };
