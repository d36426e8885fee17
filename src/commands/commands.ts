import { createExcelHost } from "../hosts/excel/excelHost";
import { hostErrorMessage, localeFromLanguage, strings } from "../i18n";
import { HostError } from "../hosts/host";
import { regenerateStatistics } from "./generate";
import { renderIssue } from "../i18n/issues";
import { ensureLocale } from "../core/script";

/** Ribbon: 一键生成年度统计 (ExecuteFunction). Opens the task pane when the workbook needs it. */
async function generateStatistics(event: Office.AddinCommands.Event): Promise<void> {
  const locale = localeFromLanguage(Office.context.displayLanguage);
  const text = strings(locale).commands;
  try {
    const outcome = await regenerateStatistics(createExcelHost(), locale);
    if (outcome.kind === "needs_taskpane" && !(await showTaskpane())) await showNotice(text.openPaneFirst);
    // The user's edits on 统计表/汇报材料 were kept, or the old sheet kept as a copy: say so.
    if (outcome.kind === "applied" && outcome.notices.length > 0) {
      await ensureLocale(locale);
      await showNotice(outcome.notices.map((issue) => renderIssue(issue, locale)).join("\n"));
    }
  } catch (error) {
    // A function command has no UI of its own: open the pane, which reads the workbook again and shows the
    // problem in the user's language; where it cannot be opened from here, say so in a dialog.
    if (!(await showTaskpane())) {
      const message =
        error instanceof HostError ? hostErrorMessage(error.code, error.details, locale) : String(error);
      await showNotice(text.failed(message));
    }
  } finally {
    event.completed();
  }
}

/**
 * Office.addin.showAsTaskpane needs the SharedRuntime 1.1 set, which a manifest valid against the 2019 schema
 * cannot declare; resolves false where it is unavailable.
 */
async function showTaskpane(): Promise<boolean> {
  if (!Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) return false;
  try {
    await Office.addin.showAsTaskpane();
    return true;
  } catch {
    return false;
  }
}

/** A small dialog (DialogApi 1.1) with one message, served from the add-in's own origin. */
function showNotice(message: string): Promise<void> {
  const url = new URL("notice.html", window.location.href);
  url.searchParams.set("msg", message);
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(
      url.toString(),
      { height: 30, width: 35, displayInIframe: true },
      () => resolve(),
    );
  });
}

Office.onReady(() => {
  Office.actions.associate("generateStatistics", generateStatistics);
});
