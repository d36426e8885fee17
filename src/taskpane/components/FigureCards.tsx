import { Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Stats } from "../../core/stats.types";
import type { Locale } from "../../core/fields";
import { formatPercent } from "../../core/format";
import { strings } from "../../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  grid: {
    display: "grid",
    // Two cards a row fit the narrowest task pane (320px).
    gridTemplateColumns: "repeat(auto-fill, minmax(130px, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  value: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export interface FigureCardsProps {
  locale: Locale;
  stats: Stats;
}

/** A rate, or a dash when it is undefined (no items to divide by). */
export function percent(rate: number | null): string {
  return rate === null ? "—" : formatPercent(rate);
}

/**
 * The key figures of the year, one card each, each a named group so it can be found by its label. A ledger
 * that scores 办理工作 and 办理结果 in columns of their own gets a card for each aspect.
 */
export function FigureCards({ locale, stats }: FigureCardsProps) {
  const s = strings(locale).report;
  const styles = useStyles();
  const satisfaction: [string, string][] =
    stats.satisfactionWorkRate !== null
      ? [
          [s.satisfactionWorkRate, percent(stats.satisfactionWorkRate)],
          [s.satisfactionResultRate, percent(stats.satisfactionRate)],
        ]
      : [[s.satisfactionRate, percent(stats.satisfactionRate)]];
  const figures: [string, string][] = [
    [s.total, s.items(stats.total)],
    [s.replyRate, percent(stats.replyRate)],
    [s.onTimeReplyRate, percent(stats.onTimeReplyRate)],
    ...satisfaction,
    [s.feedbackRate, percent(stats.feedbackRate)],
    [s.overdue, s.items(stats.overdue)],
    [s.dueSoon, s.items(stats.dueSoon)],
  ];
  return (
    <div className={styles.root}>
      <div className={styles.grid}>
        {figures.map(([label, value]) => (
          <Card key={label} role="group" aria-label={label} size="small">
            <Text size={200}>{label}</Text>
            <Text className={styles.value} weight="semibold">
              {value}
            </Text>
          </Card>
        ))}
      </div>
      {stats.repliedUndated > 0 && (
        <Text as="p" role="note" size={200} className={styles.note}>
          {s.repliedUndated(stats.repliedUndated)}
        </Text>
      )}
    </div>
  );
}
