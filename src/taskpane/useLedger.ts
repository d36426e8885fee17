import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Analysis } from "../core/analyze";
import type { SettingsInput } from "../core/settings";
import type { WorkbookSnapshot } from "../core/snapshot";
import {
  loadTraditional,
  TraditionalNotLoadedError,
  traditionalLoaded,
  withTraditional,
} from "../core/script";
import type { Issue } from "../core/issues";
import type { HostFeature, LedgerHost } from "../hosts/host";
import { toLedgerError, type LedgerError } from "./errors";
import { loadEngine, type Engine } from "./useEngine";
import { TASK_PARTS, type Task } from "../core/plan/tasks";
import type { ReminderOptions } from "../core/reminders";
import type { Comparison } from "../core/compare";
import { mark } from "./timing";

export type { Task };

/** A finished action, for the success message. */
export interface Done {
  task: Task;
  /** After 整理台账: the backup sheet of each sheet of the ledger, the first one first. */
  backups?: string[];
  /** What the build has to tell about the user's own edits (kept, or the old sheet kept as a copy). */
  notices?: Issue[];
}

export interface LedgerState {
  /** True until the first snapshot is read and the engine chunk is loaded. */
  loading: boolean;
  /** The engine chunk, once loaded (the panels call it through EngineContext). */
  engine: Engine | null;
  analysis: Analysis | null;
  /**
   * Last year's ledger compared with this year's (回头看): a sheet of the same workbook (compareWithin), or the
   * page's chosen file (LedgerOptions.previous); null without one. With it, the analysis' report holds the
   * follow-up paragraph, so 汇报材料 and the .docx say it.
   */
  comparison: Comparison | null;
  error: LedgerError | null;
  /** Features the host cannot render (known in advance, or reported by the last apply). */
  skipped: HostFeature[];
  busy: Task | null;
  /** 0..1 while a plan is being applied. */
  progress: number | null;
  done: Done | null;
  reload(): Promise<void>;
  /**
   * Builds the task's plan (with `settings` when given, else the hook's) and applies it; true on success.
   * `reminders` says what the 催办单 lists (生成催办单 passes the 催办 tab's window and filter).
   */
  run(task: Task, settings?: SettingsInput, reminders?: ReminderOptions): Promise<boolean>;
  dismissDone(): void;
}

/** What the pane shows and would write: the live analysis and the settings it was made with. */
export interface AnalysisState {
  /** Null until the workbook is read, and while it cannot be analysed. */
  analysis: Analysis | null;
  /** The pane's settings input: the user's corrections (mapping, saved settings) and the pane's language. */
  settings: SettingsInput;
  /** Last year's ledger compared with this one (LedgerState.comparison): the page's download says it too. */
  comparison: Comparison | null;
}

export interface LedgerOptions {
  /** Source of "today" when settings have no as-of date (tests pin it). */
  now?: () => Date;
  /** Called with the analysis and the settings whenever either changes (a page around the pane follows them). */
  onAnalysisChange?: (state: AnalysisState) => void;
  /** Last year's ledger analysed apart (the page's 选择上一年度台账…): compared instead of a sheet of this workbook. */
  previous?: Analysis | null;
}

/**
 * The pane's state: reads the workbook through the host, runs the engine on it with the given settings
 * (the user's corrections over the stored ones), and applies plans for the pane's actions.
 */
export function useLedger(
  host: LedgerHost,
  settings: SettingsInput,
  options: LedgerOptions = {},
): LedgerState {
  const now = options.now;
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [hostError, setHostError] = useState<LedgerError | null>(null);
  const [known, setKnown] = useState<HostFeature[]>([]);
  const [applied, setApplied] = useState<HostFeature[]>([]);
  const [busy, setBusy] = useState<Task | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const mounted = useRef(true);
  // Only the latest read may land: edits can trigger reads faster than a slow host answers.
  const readSeq = useRef(0);

  // The engine chunk loads beside the first read (the entry has usually asked for it already); a reload retries
  // a chunk that failed to load (a resolved load answers at once with the same module: no new render).
  const [engine, setEngine] = useState<Engine | null>(null);
  const [engineError, setEngineError] = useState<LedgerError | null>(null);
  const requestEngine = useCallback(() => {
    loadEngine().then(
      (loaded) => {
        if (!mounted.current) return;
        setEngine(loaded);
        setEngineError(null);
      },
      (e: unknown) => mounted.current && setEngineError(toLedgerError(e)),
    );
  }, []);

  const reload = useCallback(async () => {
    const seq = ++readSeq.current;
    requestEngine();
    try {
      const next = await host.snapshot();
      if (mounted.current && seq === readSeq.current) {
        setSnapshot(next);
        setHostError(null);
      }
    } catch (e) {
      if (mounted.current && seq === readSeq.current) setHostError(toLedgerError(e));
    }
  }, [host, requestEngine]);

  useEffect(() => {
    mounted.current = true;
    void reload();
    host.unsupported().then(
      (features) => mounted.current && setKnown(features),
      (e: unknown) => mounted.current && setHostError(toLedgerError(e)),
    );
    return () => {
      mounted.current = false;
    };
  }, [host, reload]);

  // A traditional workbook's analysis asks for the s2tw dictionaries: they load (a chunk of their own), then
  // the analysis runs again. A simplified one never loads them.
  const [traditional, setTraditional] = useState(traditionalLoaded);
  const analyzed = useMemo(() => {
    if (!snapshot || !engine) return null;
    let outcome: ReturnType<typeof engine.analyzeWorkbook>;
    try {
      outcome = engine.analyzeWorkbook(snapshot, settings, now?.());
    } catch (e) {
      if (e instanceof TraditionalNotLoadedError && !traditional) return "needsTraditional" as const;
      return { ok: false as const, thrown: toLedgerError(e) };
    }
    mark("ledger:analysed");
    return outcome;
  }, [engine, snapshot, settings, now, traditional]);
  const waiting = analyzed === "needsTraditional";
  useEffect(() => {
    if (!waiting) return;
    loadTraditional().then(
      () => mounted.current && setTraditional(true),
      (e: unknown) => mounted.current && setHostError(toLedgerError(e)),
    );
  }, [waiting]);
  const outcome = waiting ? null : analyzed;

  // Year over year: the chosen file's analysis, else last year's sheet of this workbook.
  const previous = options.previous ?? null;
  const comparison = useMemo((): Comparison | null => {
    if (!outcome?.ok || !engine || !snapshot) return null;
    const current = outcome.analysis;
    try {
      return previous
        ? engine.compareYears(previous, current)
        : (engine.compareWithin(snapshot, current, settings) ?? null);
    } catch {
      // A comparison that cannot be made (a traditional sheet before its dictionaries) is no error of the ledger.
      return null;
    }
  }, [outcome, engine, snapshot, settings, previous]);
  const analysis = useMemo(
    () => (outcome?.ok && engine ? engine.withFollowUp(outcome.analysis, comparison ?? undefined) : null),
    [outcome, engine, comparison],
  );

  // Reported after render, once per new analysis or settings; the latest callback, without re-reporting.
  const onAnalysisChange = useRef(options.onAnalysisChange);
  onAnalysisChange.current = options.onAnalysisChange;
  useEffect(() => {
    onAnalysisChange.current?.({ analysis, settings, comparison });
  }, [analysis, settings, comparison]);
  const analyzeError: LedgerError | null =
    outcome && !outcome.ok
      ? "thrown" in outcome
        ? outcome.thrown
        : { kind: "analyze", failure: outcome.error }
      : null;

  // Re-check by itself when the user edits the ledger, on any of its sheets (the host does not report its
  // own writes). The names make one key: a new analysis of the same sheets keeps the watchers.
  const watchedKey = analysis ? JSON.stringify(analysis.sheets) : null;
  const [watchFailed, setWatchFailed] = useState(false);
  useEffect(() => {
    if (!watchedKey || !host.watch) return;
    let disposed = false;
    const unsubscribes: (() => Promise<void>)[] = [];
    for (const sheet of JSON.parse(watchedKey) as string[]) {
      host
        .watch(sheet, () => void reload())
        .then(
          (off) => {
            if (disposed) void off();
            else unsubscribes.push(off);
          },
          () => !disposed && setWatchFailed(true),
        );
    }
    return () => {
      disposed = true;
      for (const off of unsubscribes) void off();
    };
  }, [host, watchedKey, reload]);

  const run = useCallback(
    async (task: Task, given?: SettingsInput, reminders?: ReminderOptions): Promise<boolean> => {
      if (!snapshot || !engine || busy) return false;
      setBusy(task);
      setProgress(0);
      setDone(null);
      setHostError(null);
      try {
        // The analysis on screen when the settings are those shown; a fresh one for settings just saved.
        const current = analysis && given === undefined ? analysis : undefined;
        const source = current ? { analysis: current } : { settings: given ?? settings, ...nowOf(now) };
        const planned = await withTraditional(() =>
          engine.planFor(snapshot, source, {
            parts: TASK_PARTS[task],
            ...(reminders !== undefined ? { reminders } : {}),
          }),
        );
        if (!planned.ok) {
          setHostError({ kind: "analyze", failure: planned.error });
          return false;
        }
        const plan = planned.plan;
        const result = await host.apply(plan, (fraction) => mounted.current && setProgress(fraction));
        if (!mounted.current) return true;
        setApplied(result.skipped);
        const notices = plan.issues ?? [];
        setDone({
          task,
          ...(task === "structure" ? { backups: plan.ledgers.map((l) => l.backup) } : {}),
          ...(notices.length ? { notices } : {}),
        });
        await reload();
        return true;
      } catch (e) {
        if (mounted.current) setHostError(toLedgerError(e));
        return false;
      } finally {
        if (mounted.current) {
          setBusy(null);
          setProgress(null);
        }
      }
    },
    [host, engine, snapshot, settings, busy, now, reload, analysis],
  );

  const skipped = useMemo(() => {
    const all = new Set<HostFeature>([...known, ...applied]);
    if (watchFailed) all.add("tableEvents");
    return [...all];
  }, [known, applied, watchFailed]);

  const dismissDone = useCallback(() => setDone(null), []);

  return {
    loading: (snapshot === null || engine === null || waiting) && hostError === null && engineError === null,
    engine,
    analysis,
    comparison,
    error: hostError ?? engineError ?? analyzeError,
    skipped,
    busy,
    progress,
    done,
    reload,
    run,
    dismissDone,
  };
}

/** The clock the hook was given, as planFor takes it. */
function nowOf(now: (() => Date) | undefined): { now?: Date } {
  return now ? { now: now() } : {};
}
