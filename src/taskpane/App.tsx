import { useCallback, useState, type ReactNode } from "react";
import {
  Button,
  FluentProvider,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { Field, Locale } from "../core/fields";
import type { SettingsInput } from "../core/settings";
import type { Analysis } from "../core/analyze";
import { languageTag, strings } from "../i18n";
import type { LedgerHost } from "../hosts/host";
import { useLedger, type AnalysisState } from "./useLedger";
import { EngineContext } from "./useEngine";
import { Notices } from "./components/Notices";
import { BusyBar } from "./components/BusyBar";
import { MappingPanel } from "./components/MappingPanel";
import { IssuesPanel } from "./components/IssuesPanel";
import { RemindersPanel } from "./components/RemindersPanel";
import { ReportPanel } from "./components/ReportPanel";
import { SettingsPanel } from "./components/SettingsPanel";

export type Theme = "light" | "dark";
type TabId = "structure" | "check" | "remind" | "report" | "settings";
const TABS: readonly TabId[] = ["structure", "check", "remind", "report", "settings"];

export interface AppProps {
  host: LedgerHost;
  locale: Locale;
  theme?: Theme;
  /** Settings over the stored ones from the start (a standalone page or a test may pin the as-of date). */
  initialSettings?: SettingsInput;
  /** Source of "today" (tests pin it). */
  now?: () => Date;
  /**
   * Called with the pane's live analysis and settings (mapping corrections included) whenever they change:
   * the standalone page shows these figures and builds its download with these settings.
   */
  onAnalysisChange?: (state: AnalysisState) => void;
  /**
   * Last year's ledger analysed apart and its file's name (the page's 选择上一年度台账…), compared instead of a
   * sheet of this workbook; `compareChooser` is the page's chooser, shown in 统计与汇报.
   */
  previous?: { analysis: Analysis; file: string } | null;
  compareChooser?: ReactNode;
}

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: "720px",
  },
  tabs: { flexWrap: "wrap" },
});

/** The task pane over any LedgerHost: the open workbook in Excel, or a file in a browser page. */
export function App({
  host,
  locale,
  theme = "light",
  initialSettings,
  now,
  onAnalysisChange,
  previous,
  compareChooser,
}: AppProps) {
  const s = strings(locale);
  const styles = useStyles();
  const [changes, setChanges] = useState<SettingsInput>(initialSettings ?? {});
  // The pane renders issue messages in its own language (renderIssue): switching it never re-analyses.
  const ledger = useLedger(host, changes, {
    ...(now ? { now } : {}),
    ...(onAnalysisChange ? { onAnalysisChange } : {}),
    ...(previous ? { previous: previous.analysis } : {}),
  });
  const [tab, setTab] = useState<TabId>("structure");
  const { analysis, busy } = ledger;

  const map = useCallback(
    (field: Field, column: number | null) => {
      // One column holds one field: a field that read this column before lets go of it.
      const taken = Object.entries(analysis?.layout.mapping ?? {})
        .filter(([other, c]) => c === column && column !== null && other !== field)
        .map(([other]) => [other, null] as const);
      setChanges((c) => ({ ...c, mapping: { ...c.mapping, ...Object.fromEntries(taken), [field]: column } }));
    },
    [analysis],
  );

  const saveSettings = (given: SettingsInput) => {
    const next = { ...changes, ...given };
    setChanges(next);
    void ledger.run("settings", next);
  };

  // 下载 Word 版汇报材料: the report as the user finished it on 汇报材料, made when asked (the docx library loads then).
  const saveFile = host.saveFile;
  const word = async (analysis: Analysis): Promise<boolean> => {
    if (!saveFile) return false;
    try {
      const { analysisDocx } = await import(/* webpackChunkName: "docx" */ "../hosts/docx/report");
      const { bytes } = await analysisDocx(await host.snapshot(), analysis);
      saveFile.call(host, bytes, `${strings(locale).report.wordFile}.docx`);
      return true;
    } catch {
      return false;
    }
  };

  // Where the comparison's last year was read: the chosen file, else last year's sheet of this workbook.
  const lastSheet = analysis && ledger.engine ? ledger.engine.previousYearSheet(analysis) : undefined;
  const compareSource = !ledger.comparison
    ? undefined
    : previous
      ? { file: previous.file }
      : lastSheet !== undefined
        ? { sheet: lastSheet }
        : undefined;

  const select = host.select;
  const onSelect =
    select && analysis
      ? (sheet: string, cell: string) => {
          // A failed selection is not worth an error bar: the user can still find the cell.
          select.call(host, sheet, cell).catch(() => undefined);
        }
      : undefined;

  return (
    <FluentProvider
      theme={theme === "dark" ? webDarkTheme : webLightTheme}
      lang={languageTag(locale)}
      className={styles.provider}
    >
      <main className={styles.root} aria-label={s.appTitle}>
        <TabList
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_, data) => setTab(data.value as TabId)}
          size="small"
        >
          {TABS.map((id) => (
            <Tab key={id} value={id}>
              {s.tabs[id]}
            </Tab>
          ))}
        </TabList>
        <Notices
          locale={locale}
          error={ledger.error}
          skipped={ledger.skipped}
          done={ledger.done}
          onDismissDone={ledger.dismissDone}
        />
        {busy && (
          <BusyBar
            label={
              busy === "structure"
                ? s.structure.working
                : busy === "statistics"
                  ? s.report.working
                  : busy === "reminders"
                    ? s.remind.working
                    : s.settings.saving
            }
            value={ledger.progress}
          />
        )}
        {ledger.loading && <Spinner label={s.loading} />}
        {!ledger.loading && !analysis && <Button onClick={() => void ledger.reload()}>{s.reload}</Button>}
        {analysis && (
          <EngineContext.Provider value={ledger.engine}>
            <div role="tabpanel" aria-label={s.tabs[tab]}>
              {tab === "structure" && (
                <MappingPanel
                  locale={locale}
                  analysis={analysis}
                  busy={busy !== null}
                  onMap={map}
                  onStructure={() => void ledger.run("structure")}
                />
              )}
              {tab === "check" && (
                <IssuesPanel locale={locale} analysis={analysis} {...(onSelect ? { onSelect } : {})} />
              )}
              {tab === "remind" && (
                <RemindersPanel
                  locale={locale}
                  analysis={analysis}
                  busy={busy !== null}
                  onGenerate={(options) => void ledger.run("reminders", undefined, options)}
                  {...(onSelect ? { onSelect } : {})}
                />
              )}
              {tab === "report" && (
                <ReportPanel
                  locale={locale}
                  analysis={analysis}
                  busy={busy !== null}
                  onGenerate={() => void ledger.run("statistics")}
                  onPrint={() => void ledger.run("print")}
                  {...(saveFile ? { onWord: () => word(analysis) } : {})}
                  comparison={ledger.comparison}
                  {...(compareSource ? { compareSource } : {})}
                  {...(compareChooser ? { compareChooser } : {})}
                />
              )}
              {tab === "settings" && (
                <SettingsPanel
                  locale={locale}
                  settings={analysis.settings}
                  busy={busy !== null}
                  onSave={saveSettings}
                />
              )}
            </div>
          </EngineContext.Provider>
        )}
      </main>
    </FluentProvider>
  );
}
