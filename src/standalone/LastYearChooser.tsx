import { useEffect, useRef, useState } from "react";
import { Button, MessageBar, MessageBarBody, Spinner, Text } from "@fluentui/react-components";
import type { Analysis, AnalyzeOutcome } from "../core/analyze";
import type { Locale } from "../core/fields";
import { strings } from "../i18n";
import { errorMessage } from "../taskpane/errors";
import { useStandaloneStyles } from "./StandalonePage.styles";
import { loadMessage } from "./useWorkbookFile";
import {
  analyseInWorker,
  WORKER_TIMEOUT_MS,
  WorkerStopped,
  WorkerUnavailable,
  type WorkerLike,
} from "./workerHost";

/** Last year's ledger chosen on the page, analysed apart, and its file's name. */
export interface LastYear {
  analysis: Analysis;
  file: string;
}

export interface LastYearChooserProps {
  locale: Locale;
  /** This year's as-of date (ISO): last year's items are seen on the same date. */
  asOf: string;
  chosen: LastYear | null;
  onChosen(lastYear: LastYear | null): void;
  /** Starts the worker; by default the page's workbook worker (spawnWorker.ts), a fresh one per file. */
  spawn?: () => WorkerLike;
}

type ReadState = { phase: "idle" } | { phase: "reading" } | { phase: "failed"; message: string };

/**
 * 选择上一年度台账… in 统计与汇报's 对比上一年度 (the page only; the add-in compares a sheet of the open workbook):
 * last year's .xlsx read in a worker of its own, or on the page where no worker can start; only the latest
 * choice lands.
 */
export function LastYearChooser({ locale, asOf, chosen, onChosen, spawn }: LastYearChooserProps) {
  const s = strings(locale).compare;
  const page = useStandaloneStyles();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ReadState>({ phase: "idle" });
  const seq = useRef(0);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const choose = async (file: File) => {
    const id = ++seq.current;
    stop.current?.();
    setState({ phase: "reading" });
    try {
      const outcome = await analyse(await file.arrayBuffer(), { locale, asOf }, spawn, (s) => {
        stop.current = s;
      });
      if (id !== seq.current) return;
      if (outcome.ok) {
        setState({ phase: "idle" });
        onChosen({ analysis: outcome.analysis, file: file.name });
      } else
        setState({
          phase: "failed",
          message: errorMessage({ kind: "analyze", failure: outcome.error }, locale),
        });
    } catch (e) {
      if (id !== seq.current) return;
      if (e instanceof WorkerStopped && e.reason === "cancelled") setState({ phase: "idle" });
      else setState({ phase: "failed", message: loadMessage(e, locale) });
    } finally {
      if (id === seq.current) stop.current = null;
    }
  };

  return (
    <>
      <Text size={200}>{s.chooseHint}</Text>
      <div className={page.downloadRow}>
        <input
          ref={input}
          className={page.hiddenInput}
          type="file"
          accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
          aria-label={s.choose}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // The same file may be chosen again.
            e.currentTarget.value = "";
            if (file) void choose(file);
          }}
        />
        <Button disabled={state.phase === "reading"} onClick={() => input.current?.click()}>
          {s.choose}
        </Button>
        {chosen && <Button onClick={() => onChosen(null)}>{s.clear}</Button>}
        {state.phase === "reading" && <Spinner size="tiny" label={s.reading} />}
      </div>
      {state.phase === "failed" && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

async function analyse(
  bytes: ArrayBuffer,
  settings: { locale: Locale; asOf: string },
  spawn: (() => WorkerLike) | undefined,
  onCancel: (stop: () => void) => void,
): Promise<AnalyzeOutcome> {
  const start =
    spawn ?? (await import(/* webpackChunkName: "worker-host" */ "./spawnWorker")).spawnLedgerWorker;
  try {
    return await analyseInWorker(bytes, settings, start, { timeoutMs: WORKER_TIMEOUT_MS }, onCancel);
  } catch (e) {
    if (!(e instanceof WorkerUnavailable)) throw e;
  }
  const { analyseLastYear } = await import(/* webpackChunkName: "compare" */ "./compareJob");
  return analyseLastYear(bytes, settings);
}
