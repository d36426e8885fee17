import { useEffect, useId, useRef } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Locale } from "../core/fields";
import { formatPercent } from "../core/format";
import { strings } from "../i18n";
import { saveWithLink } from "../hosts/download";
import { XLSX_MIME } from "./fileHostApi";
import type { PageRollup } from "./rollupJob";
import { useRollup, type RollupOptions } from "./useRollup";
import { useStandaloneStyles } from "./StandalonePage.styles";

export interface RollupPanelProps extends RollupOptions {
  locale: Locale;
  /** Files dropped on the page while this mode is shown; each new drop (a new `seq`) rolls them up. */
  dropped: { files: File[]; seq: number } | null;
  /** Saves the roll-up workbook (a link by default; tests pass their own). */
  save?: (blob: Blob, fileName: string) => void;
}

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    width: "100%",
    "& th, & td": {
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      textAlign: "left",
    },
    "& td.number, & th.number": { textAlign: "right", fontVariantNumeric: "tabular-nums" },
    "& tfoot th, & tfoot td": { fontWeight: tokens.fontWeightSemibold },
  },
  caption: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    paddingBottom: tokens.spacingVerticalS,
  },
  list: { margin: `${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * 汇总多个单位 on the standalone page (a chunk of its own, loaded when the mode is first chosen): choose or drop the
 * units' ledgers, read per unit 件数/办复率/超期 and the files that could not be rolled up, download the workbook.
 */
export function RollupPanel({ locale, dropped, save = saveWithLink, ...options }: RollupPanelProps) {
  const s = strings(locale).page.rollup;
  const page = useStandaloneStyles();
  const input = useRef<HTMLInputElement>(null);
  const { state, run, cancel } = useRollup(locale, options);

  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (!dropped || dropped.seq === seen.current) return;
    seen.current = dropped.seq;
    if (dropped.files.length > 0) void run(dropped.files);
  }, [dropped, run]);

  return (
    <section className={page.result} aria-label={strings(locale).page.modes.rollup}>
      <Text>{s.intro}</Text>
      <div className={page.downloadRow}>
        <input
          ref={input}
          className={page.hiddenInput}
          type="file"
          multiple
          accept=".xlsx,.xlsm,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12,application/vnd.ms-excel"
          aria-label={s.choose}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            // The same files may be chosen again after an edit elsewhere.
            e.currentTarget.value = "";
            if (files.length > 0) void run(files);
          }}
        />
        <Button
          appearance={state.phase === "done" ? "secondary" : "primary"}
          disabled={state.phase === "running"}
          onClick={() => input.current?.click()}
        >
          {s.choose}
        </Button>
        <Text>{s.drop}</Text>
      </div>

      {state.phase === "running" && (
        <section className={page.progress} aria-label={s.working}>
          <Field className={page.progressField} label={s.working} validationState="none">
            <ProgressBar thickness="large" aria-label={s.working} />
          </Field>
          <Button onClick={cancel}>{strings(locale).page.cancel}</Button>
        </section>
      )}
      {state.phase === "cancelled" && (
        <MessageBar intent="info" role="status">
          <MessageBarBody>{strings(locale).page.cancelled}</MessageBarBody>
        </MessageBar>
      )}
      {state.phase === "failed" && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.phase === "done" && <RollupResult locale={locale} result={state.result} save={save} />}
    </section>
  );
}

function RollupResult({
  locale,
  result,
  save,
}: {
  locale: Locale;
  result: PageRollup;
  save: (blob: Blob, fileName: string) => void;
}) {
  const s = strings(locale).page.rollup;
  const c = s.columns;
  const page = useStandaloneStyles();
  const styles = useStyles();
  const failedId = useId();
  const pct = (rate: number | null) => (rate === null ? "—" : formatPercent(rate));
  const bytes = result.bytes;
  return (
    <>
      {result.units.length > 0 ? (
        <>
          <Text weight="semibold" role="status">
            {s.summary(result.units.length, result.asOf)}
          </Text>
          <table className={styles.table}>
            <caption className={styles.caption}>{s.table}</caption>
            <thead>
              <tr>
                <th scope="col">{c.unit}</th>
                <th scope="col">{c.file}</th>
                <th scope="col" className="number">
                  {c.total}
                </th>
                <th scope="col" className="number">
                  {c.replyRate}
                </th>
                <th scope="col" className="number">
                  {c.overdue}
                </th>
                <th scope="col" className="number">
                  {c.issues}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.units.map((u) => (
                <tr key={u.name}>
                  <th scope="row">{u.name}</th>
                  <td>{u.file}</td>
                  <td className="number">{u.total}</td>
                  <td className="number">{pct(u.replyRate)}</td>
                  <td className="number">{u.overdue}</td>
                  <td className="number">{u.issues}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {s.total}
                </th>
                <td className="number">{result.total.total}</td>
                <td className="number">{pct(result.total.replyRate)}</td>
                <td className="number">{result.total.overdue}</td>
                <td />
              </tr>
            </tfoot>
          </table>
          {result.duplicates > 0 && <Text>{s.duplicates(result.duplicates)}</Text>}
        </>
      ) : (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{s.none}</MessageBarBody>
        </MessageBar>
      )}
      {result.failed.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle id={failedId}>{s.failedTitle}</MessageBarTitle>
            <ul className={styles.list} aria-labelledby={failedId}>
              {result.failed.map((f, i) => (
                <li key={i}>
                  <Text weight="semibold">{f.file}</Text> {f.reason}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {bytes && (
        <div className={page.downloadRow}>
          <Button
            appearance="primary"
            onClick={() => save(new Blob([bytes], { type: XLSX_MIME }), `${s.fileName}.xlsx`)}
          >
            {s.download}
          </Button>
          <Text size={200} className={page.muted}>
            {s.downloadHint}
          </Text>
        </div>
      )}
    </>
  );
}
