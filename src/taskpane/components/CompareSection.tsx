import type { ReactNode } from "react";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Candidate, Comparison, FigureRow, FollowUpItem, ItemRef } from "../../core/compare";
import type { Locale } from "../../core/fields";
import { formatPercent } from "../../core/format";
import { strings } from "../../i18n";
import type { UiStrings } from "../../i18n/types";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  item: { marginBottom: tokens.spacingVerticalXS },
  detail: { display: "block", color: tokens.colorNeutralForeground2 },
  number: { textAlign: "end" },
});

export interface CompareSectionProps {
  locale: Locale;
  /** Last year's ledger compared with this one; null while there is none (the page offers its chooser). */
  comparison: Comparison | null;
  /** Where last year's ledger was read: a sheet of this workbook or a chosen file's name. */
  source?: { sheet: string } | { file: string };
  /** The page's 选择上一年度台账… (a file chooser); absent in the add-in. */
  chooser?: ReactNode;
}

/** The figures shown side by side: the year's key figures and the result classes (shares and topics left out). */
const SHOWN = new Set<FigureRow["key"]>([
  "total",
  "replyRate",
  "onTimeReplyRate",
  "satisfactionRate",
  "resultA",
  "resultB",
  "resultC",
  "resultD",
]);

/**
 * 统计与汇报's 对比上一年度: this year's figures beside last year's with the change, last year's B类 and unreplied
 * items with what became of each, and the ambiguous pairs listed for the user to decide (需人工确认).
 */
export function CompareSection({ locale, comparison, source, chooser }: CompareSectionProps) {
  const s = strings(locale).compare;
  const styles = useStyles();
  const lastYear = s.lastYear(comparison?.last.year ?? null);
  const thisYear = s.thisYear(comparison?.current.year ?? null);
  const figures = comparison?.figures.filter((f) => SHOWN.has(f.key)) ?? [];
  const ambiguous = comparison?.items.filter((i) => i.outcome.kind === "ambiguous") ?? [];
  const count = (kind: FollowUpItem["outcome"]["kind"]): number =>
    comparison?.items.filter((i) => i.outcome.kind === kind).length ?? 0;
  return (
    <section className={styles.root} aria-label={s.title}>
      <Text as="h2" weight="semibold">
        {s.title}
      </Text>
      {chooser}
      {comparison && (
        <>
          {source && <Text>{"sheet" in source ? s.fromSheet(source.sheet) : s.fromFile(source.file)}</Text>}
          <Text size={200}>{s.inReport}</Text>
          <Table size="small" aria-label={s.figures}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.item}</TableHeaderCell>
                <TableHeaderCell>{lastYear}</TableHeaderCell>
                <TableHeaderCell>{thisYear}</TableHeaderCell>
                <TableHeaderCell>{s.change}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {figures.map((f) => (
                <TableRow key={f.key}>
                  <TableCell>{figureName(f, s)}</TableCell>
                  <TableCell className={styles.number}>{value(f, f.last)}</TableCell>
                  <TableCell className={styles.number}>{value(f, f.current)}</TableCell>
                  <TableCell className={styles.number}>{change(f, s)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text as="h3" weight="semibold">
            {s.followUp}
          </Text>
          <Text>
            {comparison.items.length === 0
              ? s.none
              : s.tally(count("matched"), count("notFound"), count("ambiguous"))}
          </Text>
          {comparison.items.length > 0 && (
            <ul className={styles.list} aria-label={s.followUp}>
              {comparison.items.map((i) => (
                <li key={`${i.last.sheet}!${i.last.row}`} className={styles.item}>
                  <Text>
                    [{outcomeName(i, s)}] {ref(i.last, s)} (
                    {i.reasons.map((r) => (r === "planned" ? s.planned : s.unreplied)).join(" · ")})
                  </Text>
                  {i.outcome.kind === "matched" && (
                    <Text size={200} className={styles.detail}>
                      {s.now(ref(i.outcome.current, s), state(i.outcome.current, s))} · {how(i.outcome, s)}
                    </Text>
                  )}
                </li>
              ))}
            </ul>
          )}
          {ambiguous.length > 0 && (
            <>
              <Text as="h3" weight="semibold">
                {s.review}
              </Text>
              <Text size={200}>{s.reviewHint}</Text>
              <ul className={styles.list} aria-label={s.review}>
                {ambiguous.map((i) => (
                  <li key={`${i.last.sheet}!${i.last.row}`} className={styles.item}>
                    <Text>
                      {lastYear} {ref(i.last, s)}
                    </Text>
                    {i.outcome.kind === "ambiguous" &&
                      i.outcome.candidates.map((c) => (
                        <Text
                          key={`${c.current.sheet}!${c.current.row}`}
                          size={200}
                          className={styles.detail}
                        >
                          ? {thisYear} {ref(c.current, s)} · {how(c, s)}
                        </Text>
                      ))}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

type Words = UiStrings["compare"];

function figureName(f: FigureRow, s: Words): string {
  if (f.key === "total" || f.key === "replyRate" || f.key === "onTimeReplyRate") return s[f.key];
  if (f.key === "satisfactionRate") return s.satisfactionRate;
  return s.resultClass(f.key.slice(-1));
}

function value(f: FigureRow, v: number | null): string {
  if (v === null) return "—";
  return f.unit === "rate" ? formatPercent(v) : String(v);
}

function change(f: FigureRow, s: Words): string {
  if (f.change === null) return "—";
  const signed = `${f.change > 0 ? "+" : ""}${f.change}`;
  return f.unit === "rate" ? s.points(signed) : signed;
}

function outcomeName(i: FollowUpItem, s: Words): string {
  return i.outcome.kind === "matched" ? s.matched : i.outcome.kind === "notFound" ? s.notFound : s.ambiguous;
}

/** A row as the user finds it: 第 7 行 R102 标题. */
function ref(r: ItemRef, s: Words): string {
  return [s.row(r.row), r.id ?? "", r.title].filter((x) => x !== "").join(" ");
}

function state(r: ItemRef, s: Words): string {
  return [s.status[r.status], ...(r.result ? [s.result(r.result)] : [])].join(" · ");
}

function how(c: Candidate, s: Words): string {
  return [...(c.sameId ? [s.sameId] : []), s.similarity(c.similarity.toFixed(2))].join(" · ");
}
