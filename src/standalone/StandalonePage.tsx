import { Suspense, lazy, useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Field,
  Spinner,
  Tab,
  TabList,
  Text,
  mergeClasses,
  webLightTheme,
} from "@fluentui/react-components";
import type { Locale } from "../core/fields";
import type { Analysis } from "../core/analyze";
import type { Comparison } from "../core/compare";
import type { SettingsInput } from "../core/settings";
import type { SheetSnapshot } from "../core/snapshot";
import { parseCell } from "../core/address";
import { languageTag, strings } from "../i18n";
import { droppedLines } from "../i18n/dropped";
import { App } from "../taskpane/App";
import type { AnalysisState } from "../taskpane/useLedger";
import { FigureCards } from "../taskpane/components/FigureCards";
import { toLedgerError, errorMessage } from "../taskpane/errors";
import {
  toArrayBuffer,
  type BuiltWorkbook,
  type DroppedPart,
  type FileHost,
  type FollowUpSource,
} from "./fileHostApi";
import { LastYearChooser, type LastYear } from "./LastYearChooser";
import { builtName, stoppedMessage, useWorkbookFile } from "./useWorkbookFile";
import { WorkerStopped, type StageProgress } from "./workerHost";
import { useStandaloneStyles } from "./StandalonePage.styles";
import { RowPreview } from "./RowPreview";

export interface StandalonePageProps {
  locale: Locale;
}

type Mode = "single" | "rollup";
const MODES: readonly Mode[] = ["single", "rollup"];

// 汇总多个单位 loads when first chosen: the page's initial script does not grow with it (issue 13).
const RollupPanel = lazy(() =>
  import(/* webpackChunkName: "rollup-page" */ "./RollupPanel").then((m) => ({ default: m.RollupPanel })),
);

/** What the pane last reported, for the file it was reported on. */
interface Live {
  host: FileHost;
  analysis: Analysis | null;
  settings: SettingsInput;
  comparison: Comparison | null;
}

/** The row the pane last selected, as the file host held it then. */
interface Preview {
  host: FileHost;
  sheet: SheetSnapshot;
  row: number;
  col: number;
  date1904: boolean;
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
  const { state, open, cancel } = useWorkbookFile(locale);
  const host = state.phase === "ready" ? state.host : null;
  const [reported, setReported] = useState<Live | null>(null);
  // A report from the pane of a file no longer shown does not count.
  const live = reported && reported.host === host ? reported : null;
  const onAnalysisChange = useCallback(
    (state: AnalysisState) => host && setReported({ host, ...state }),
    [host],
  );
  // 选择上一年度台账…: last year's ledger, for the file it was chosen with (a new file starts without one).
  const [chosenLast, setChosenLast] = useState<{ host: FileHost; lastYear: LastYear } | null>(null);
  const lastYear = chosenLast && chosenLast.host === host ? chosenLast.lastYear : null;
  const asOf = live?.analysis?.stats.asOf;
  const compareChooser =
    host && asOf !== undefined ? (
      <LastYearChooser
        locale={locale}
        asOf={asOf}
        chosen={lastYear}
        onChosen={(chosen) => setChosenLast(chosen ? { host, lastYear: chosen } : null)}
      />
    ) : undefined;
  const [dragging, setDragging] = useState(false);
  const [mode, setMode] = useState<Mode>("single");
  const [rollupOpened, setRollupOpened] = useState(false);
  // Files dropped while 汇总多个单位 is shown go to it, every one of them.
  const [dropped, setDropped] = useState<{ files: File[]; seq: number } | null>(null);
  const [saving, setSaving] = useState<StageProgress | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saveNote, setSaveNote] = useState<string | null>(null);
  // A build that leaves parts of the original behind waits here until the user has read what and says so.
  const [held, setHeld] = useState<{ host: FileHost; built: BuiltWorkbook; fileName: string } | null>(null);

  const take = (files: FileList | null) => {
    const file = files?.[0];
    setSaveError(null);
    setSaveNote(null);
    setHeld(null);
    if (file) void open(file);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (mode === "rollup") setDropped((d) => ({ files: [...e.dataTransfer.files], seq: (d?.seq ?? 0) + 1 }));
    else take(e.dataTransfer.files);
  };

  const download = async () => {
    if (!host || state.phase !== "ready") return;
    setSaving({ stage: "build" });
    setSaveError(null);
    setSaveNote(null);
    setHeld(null);
    try {
      // Before the pane has reported, its settings are just the page's language.
      // With last year's ledger (a chosen file, or a sheet of this one) 汇报材料 holds the 回头看 paragraph.
      const followUp: FollowUpSource | undefined = lastYear
        ? { last: lastYear.analysis }
        : live?.comparison
          ? "sheet"
          : undefined;
      const built = await host.build(live?.settings ?? { locale }, followUp);
      const fileName = builtName(state.fileName, s.builtSuffix, built.macros === true);
      if (built.dropped.length > 0) setHeld({ host, built, fileName });
      else host.save(built.bytes, fileName);
    } catch (e) {
      if (e instanceof WorkerStopped) {
        if (e.reason === "cancelled") setSaveNote(s.cancelled);
        else setSaveError(stoppedMessage(e, locale));
      } else setSaveError(errorMessage(toLedgerError(e), locale));
    } finally {
      setSaving(null);
    }
  };
  const stopDownload = () => host?.cancel();

  // The report as a .docx in the official-document layout, from the pane's live analysis and what the user wrote
  // on 汇报材料; the docx library loads only now, in a chunk of its own.
  const [writing, setWriting] = useState(false);
  const downloadWord = async () => {
    const analysis = live?.analysis;
    if (!host || state.phase !== "ready" || !analysis) return;
    setWriting(true);
    setSaveError(null);
    try {
      const { analysisDocx } = await import(/* webpackChunkName: "docx" */ "../hosts/docx/report");
      const { bytes } = await analysisDocx(await host.snapshot(), analysis);
      const base = state.fileName.replace(/\.xls[xm]?$/i, "") || "ledger";
      host.save(toArrayBuffer(bytes), `${base}${s.wordSuffix}.docx`);
    } catch {
      setSaveError(s.wordFailed);
    } finally {
      setWriting(false);
    }
  };
  const shownHeld = held && held.host === host ? held : null;

  // The pane selects a cell (检查, 催办): a file has no grid, so the page shows that row in a preview.
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    if (!host) return;
    let latest = 0;
    let alive = true;
    const off = host.onSelection(({ sheet, address }) => {
      const at = parseCell(address);
      if (!at) return;
      const mine = ++latest;
      host.snapshot().then(
        (workbook) => {
          const found = workbook.sheets.find((s) => s.name === sheet);
          // Only the latest click lands, and none for a file no longer shown.
          if (!alive || mine !== latest || !found) return;
          setPreview({ host, sheet: found, row: at.row, col: at.col, date1904: workbook.date1904 === true });
        },
        // No preview is worth no error bar: the pane's own list still names the row.
        () => undefined,
      );
    });
    return () => {
      alive = false;
      off();
    };
  }, [host]);
  const shownPreview = preview && preview.host === host ? preview : null;
  const previewLayout = shownPreview
    ? live?.analysis?.parts.find((p) => p.layout.sheet === shownPreview.sheet.name)?.layout
    : undefined;

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

        <TabList
          aria-label={s.modes.label}
          selectedValue={mode}
          onTabSelect={(_, data) => {
            setMode(data.value as Mode);
            if (data.value === "rollup") setRollupOpened(true);
          }}
        >
          {MODES.map((id) => (
            <Tab key={id} value={id}>
              {s.modes[id]}
            </Tab>
          ))}
        </TabList>
        {rollupOpened && (
          // Once opened, kept while the other mode is shown (hidden): its result stays for the way back.
          <div className={mode === "rollup" ? styles.mode : styles.modeHidden}>
            <Suspense fallback={<Spinner label={s.modes.rollup} />}>
              <RollupPanel locale={locale} dropped={dropped} />
            </Suspense>
          </div>
        )}

        {/* One ledger: kept while the roll-up is shown (hidden), so the pane keeps its corrections. */}
        <div className={mode === "single" ? styles.mode : styles.modeHidden}>
          <section className={styles.picker} aria-label={s.choose}>
            <input
              ref={input}
              className={styles.hiddenInput}
              type="file"
              accept=".xlsx,.xlsm,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12,application/vnd.ms-excel"
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

          {state.phase === "reading" && (
            <StageBar locale={locale} progress={state.progress} label={s.reading} onCancel={cancel} />
          )}
          {state.phase === "cancelled" && (
            <MessageBar intent="info" role="status">
              <MessageBarBody>{s.cancelled}</MessageBarBody>
            </MessageBar>
          )}
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
                    disabled={saving !== null}
                    {...(saving ? { icon: <Spinner size="tiny" aria-label={s.downloading} /> } : {})}
                    onClick={() => void download()}
                  >
                    {s.download}
                  </Button>
                  <Text size={200} className={styles.muted}>
                    {s.downloadHint}
                  </Text>
                </div>
                <div className={styles.downloadRow}>
                  <Button
                    disabled={writing || !live?.analysis}
                    {...(writing ? { icon: <Spinner size="tiny" aria-label={s.downloadWord} /> } : {})}
                    onClick={() => void downloadWord()}
                  >
                    {s.downloadWord}
                  </Button>
                  <Text size={200} className={styles.muted}>
                    {s.downloadWordHint}
                  </Text>
                </div>
                {saving && (
                  <StageBar locale={locale} progress={saving} label={s.downloading} onCancel={stopDownload} />
                )}
                {saveNote && (
                  <MessageBar intent="info" role="status">
                    <MessageBarBody>{saveNote}</MessageBarBody>
                  </MessageBar>
                )}
                {shownHeld && (
                  <DroppedWarning
                    locale={locale}
                    dropped={shownHeld.built.dropped}
                    onDownload={() => {
                      shownHeld.host.save(shownHeld.built.bytes, shownHeld.fileName);
                      setHeld(null);
                    }}
                    onBack={() => setHeld(null)}
                  />
                )}
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
              <App
                key={state.id}
                host={state.host}
                locale={locale}
                onAnalysisChange={onAnalysisChange}
                previous={lastYear}
                {...(compareChooser ? { compareChooser } : {})}
              />
              {shownPreview && (
                <RowPreview
                  locale={locale}
                  sheet={shownPreview.sheet}
                  row={shownPreview.row}
                  col={shownPreview.col}
                  date1904={shownPreview.date1904}
                  {...(previewLayout ? { layout: previewLayout } : {})}
                />
              )}
            </>
          )}
        </div>
      </div>
    </FluentProvider>
  );
}

const STAGES: readonly StageProgress["stage"][] = ["read", "analyse", "build"];

/** 读取 → 分析 → 生成: which stage the worker is at, and a 取消 that stops it. */
function StageBar({
  locale,
  progress,
  label,
  onCancel,
}: {
  locale: Locale;
  progress: StageProgress;
  label: string;
  onCancel: () => void;
}) {
  const s = strings(locale).page;
  const styles = useStandaloneStyles();
  // A stage's own fraction where the worker reports one; otherwise the stage's place among the three.
  const at = STAGES.indexOf(progress.stage);
  const value = (at + (progress.fraction ?? 0.5)) / STAGES.length;
  return (
    <section className={styles.progress} aria-label={label}>
      <Field
        className={styles.progressField}
        label={label}
        validationState="none"
        validationMessage={`${at + 1}/${STAGES.length} ${s.stages[progress.stage]}`}
      >
        <ProgressBar value={value} max={1} thickness="large" aria-label={s.stages[progress.stage]} />
      </Field>
      <Button onClick={onCancel}>{s.cancel}</Button>
    </section>
  );
}

/** What the built workbook lacks of the original, read before the download. */
function DroppedWarning({
  locale,
  dropped,
  onDownload,
  onBack,
}: {
  locale: Locale;
  dropped: readonly DroppedPart[];
  onDownload: () => void;
  onBack: () => void;
}) {
  const s = strings(locale).page.dropped;
  const styles = useStandaloneStyles();
  return (
    <MessageBar intent="warning" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s.title}</MessageBarTitle>
        <Text as="p">{s.intro}</Text>
        <ul className={styles.droppedList} aria-label={s.title}>
          {droppedLines(dropped, locale).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <div className={styles.downloadRow}>
          <Button appearance="primary" onClick={onDownload}>
            {s.download}
          </Button>
          <Button onClick={onBack}>{s.back}</Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
