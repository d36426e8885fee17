import { useState } from "react";
import { Button, Field, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Analysis } from "../../core/analyze";
import type { Locale } from "../../core/fields";
import { strings } from "../../i18n";
import { copyText } from "../clipboard";
import type { Comparison } from "../../core/compare";
import { FigureCards } from "./FigureCards";
import { CompareSection, type CompareSectionProps } from "./CompareSection";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  copyRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

export interface ReportPanelProps {
  locale: Locale;
  analysis: Analysis;
  busy: boolean;
  onGenerate(): void;
  /** 生成打印版台账 (TASK_PARTS.print). */
  onPrint?(): void;
  /** 下载 Word 版汇报材料, where the host can save a file (LedgerHost.saveFile); resolves false on failure. */
  onWord?(): Promise<boolean>;
  /** Last year's ledger compared with this one (useLedger's comparison), and where it was read. */
  comparison?: Comparison | null;
  compareSource?: CompareSectionProps["source"];
  /** The page's 选择上一年度台账…: the 对比上一年度 section shows it even before a comparison. */
  compareChooser?: CompareSectionProps["chooser"];
}

/** 统计与汇报: the button that (re)writes the statistics and report sheets, the key figures, the report text. */
export function ReportPanel({
  locale,
  analysis,
  busy,
  onGenerate,
  onPrint,
  onWord,
  comparison = null,
  compareSource,
  compareChooser,
}: ReportPanelProps) {
  const s = strings(locale).report;
  const styles = useStyles();
  const [copied, setCopied] = useState<boolean | null>(null);
  const [word, setWord] = useState<"busy" | "done" | "failed" | null>(null);
  const page = strings(locale).page;
  const text = analysis.report.text;
  const copy = async () => setCopied(await copyText(text));
  return (
    <section className={styles.root} aria-label={strings(locale).tabs.report}>
      <Button appearance="primary" disabled={busy} onClick={onGenerate}>
        {s.button}
      </Button>
      <Text as="h2" weight="semibold">
        {s.figures}
      </Text>
      <FigureCards locale={locale} stats={analysis.stats} />
      {(comparison || compareChooser) && (
        <CompareSection
          locale={locale}
          comparison={comparison}
          {...(compareSource ? { source: compareSource } : {})}
          {...(compareChooser ? { chooser: compareChooser } : {})}
        />
      )}
      <Field label={s.reportText}>
        <Textarea value={text} readOnly resize="vertical" rows={12} />
      </Field>
      <div className={styles.copyRow}>
        <Button onClick={() => void copy()}>{s.copy}</Button>
        <Text role="status">{copied === null ? "" : copied ? s.copied : s.copyFailed}</Text>
      </div>
      {onWord && (
        <div className={styles.copyRow}>
          <Button
            disabled={word === "busy"}
            onClick={() => {
              setWord("busy");
              void onWord().then((ok) => setWord(ok ? "done" : "failed"));
            }}
          >
            {page.downloadWord}
          </Button>
          <Text role="status" size={200}>
            {word === "failed" ? page.wordFailed : page.downloadWordHint}
          </Text>
        </div>
      )}
      {onPrint && (
        <div className={styles.copyRow}>
          <Button disabled={busy} onClick={onPrint}>
            {s.print}
          </Button>
          <Text size={200}>{s.printHint}</Text>
        </div>
      )}
    </section>
  );
}
