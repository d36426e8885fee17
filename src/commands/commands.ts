import { createExcelHost } from "../hosts/excel/excelHost";
import { localeFromLanguage } from "../i18n";
import { regenerateStatistics } from "./generate";

/** Ribbon: 一键生成年度统计 (ExecuteFunction). Opens the task pane when the workbook needs it. */
async function generateStatistics(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const locale = localeFromLanguage(Office.context.displayLanguage);
    const outcome = await regenerateStatistics(createExcelHost(locale), locale);
    if (outcome.kind === "needs_taskpane") await showTaskpane();
  } catch (error) {
    // A function command has no UI of its own: open the pane, which reads the workbook again and shows the
    // problem in the user's language.
    console.error("generateStatistics failed:", error instanceof Error ? error.message : error);
    await showTaskpane();
  } finally {
    event.completed();
  }
}

/** Office.addin.showAsTaskpane needs the SharedRuntime 1.1 set; without it there is nothing more to do. */
async function showTaskpane(): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } catch (error) {
    console.error("showAsTaskpane failed:", error instanceof Error ? error.message : error);
  }
}

Office.onReady(() => {
  Office.actions.associate("generateStatistics", generateStatistics);
});
