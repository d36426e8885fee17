import { useCallback, useRef, useState, type DragEvent } from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  mergeClasses,
  webLightTheme,
} from "@fluentui/react-components";
import type { Locale } from "../core/fields";
import type { Analysis } from "../core/analyze";
import type { SettingsInput } from "../core/settings";
import { languageTag, strings } from "../i18n";
import { App } from "../taskpane/App";
import type { AnalysisState } from "../taskpane/useLedger";
import { FigureCards } from "../taskpane/components/FigureCards";
import { toLedgerError, errorMessage } from "../taskpane/errors";
import type { FileHost } from "./fileHost";
import { builtName, useWorkbookFile } from "./useWorkbookFile";
import { useStandaloneStyles } from "./StandalonePage.styles";

export interface StandalonePageProps {
  locale: Locale;
}

/** What the pane last reported, for the file it was reported on. */
interface Live {
  host: FileHost;
  analysis: Analysis | null;
  settings: SettingsInput;
}

/**
 * The task pane as a web page, for offices without the add-in (WPS, Excel 2016): open an .xlsx, correct
 * and check it in the pane, download the built workbook. Everything happens in the browser. The figures
 * above the pane and the download follow the pane's live analysis and settings: a mapping correction
 * counts at once, whether or not 整理台账 was pressed.
 */
export function StandalonePage({ locale }: StandalonePageProps) {
  const s = strings(locale).page;
  const styles = useStandaloneStyles();
  const input = useRef<HTMLInputElement>(null);
  const { state, open } = useWorkbookFile(locale);
  const host = state.phase === "ready" ? state.host : null;
  const [reported, setReported] = useState<Live | null>(null);
  // A report from the pane of a file no longer shown does not count.
  const live = reported && reported.host === host ? reported : null;
  const onAnalysisChange = useCallback(
    (state: AnalysisState) => host && setReported({ host, ...state }),
    [host],
  );
  const [dragging, setDragging] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const take = (files: FileList | null) => {
    const file = files?.[0];
    setSaveError(null);
    if (file) void open(file);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    take(e.dataTransfer.files);
  };

  const download = async () => {
    if (!host || state.phase !== "ready") return;
    setSaving(true);
    setSaveError(null);
    try {
      // Before the pane has reported, its settings are just the page's language.
      await host.download(builtName(state.fileName, s.builtSuffix), live?.settings ?? { locale });
    } catch (e) {
      setSaveError(errorMessage(toLedgerError(e), locale));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FluentProvider theme={webLightTheme} lang={languageTag(locale)} className={styles.provider}>
      <div
        className={mergeClasses(styles.page, dragging && styles.dragging)}
        onDragOver={(e) => {
          // Without preventDefault the browser opens the dropped file itself.
          e.preventDefault();
          setDragging(true);
        }}
        // Leaving for a child of the page is no leaving; for outside the page (or the window) it is.
        onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setDragging(false)}
        onDrop={onDrop}
      >
        <header className={styles.header}>
          <Text as="h1" size={700} weight="semibold">
            {s.title}
          </Text>
          <Text>{s.subtitle}</Text>
        </header>

        <section className={styles.picker} aria-label={s.choose}>
          <input
            ref={input}
            className={styles.hiddenInput}
            type="file"
            accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
            aria-label={s.choose}
            onChange={(e) => {
              take(e.currentTarget.files);
              // The same file may be chosen again after an edit elsewhere.
              e.currentTarget.value = "";
            }}
          />
          <Button
            appearance={state.phase === "ready" ? "secondary" : "primary"}
            onClick={() => input.current?.click()}
          >
            {state.phase === "ready" ? s.another : s.choose}
          </Button>
          <Text>{s.drop}</Text>
          <Text size={200} className={styles.muted}>
            {s.privacy}
          </Text>
        </section>

        {state.phase === "reading" && <Spinner label={s.reading} />}
        {state.phase === "failed" && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>
                {s.errorTitle} {state.fileName}
              </MessageBarTitle>
              {state.message}
            </MessageBarBody>
          </MessageBar>
        )}

        {state.phase === "ready" && (
          <>
            <section className={styles.result} aria-label={state.fileName}>
              <div className={styles.downloadRow}>
                <Text weight="semibold">{state.fileName}</Text>
                <Button
                  appearance="primary"
                  disabled={saving}
                  {...(saving ? { icon: <Spinner size="tiny" aria-label={s.downloading} /> } : {})}
                  onClick={() => void download()}
                >
                  {s.download}
                </Button>
                <Text size={200} className={styles.muted}>
                  {s.downloadHint}
                </Text>
              </div>
              {saveError && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{saveError}</MessageBarBody>
                </MessageBar>
              )}
              {live?.analysis && (
                // The pane's live figures: those of the workbook as it will be downloaded.
                <section aria-labelledby="figures-heading" className={styles.figures}>
                  <Text as="h2" id="figures-heading" weight="semibold">
                    {s.figures}
                  </Text>
                  <FigureCards locale={locale} stats={live.analysis.stats} />
                </section>
              )}
            </section>
            <App key={state.id} host={state.host} locale={locale} onAnalysisChange={onAnalysisChange} />
          </>
        )}
      </div>
    </FluentProvider>
  );
}
