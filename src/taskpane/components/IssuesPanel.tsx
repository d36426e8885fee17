import { useId } from "react";
import { Badge, Button, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Analysis } from "../../core/analyze";
import type { Locale } from "../../core/fields";
import { strings } from "../../i18n";
import { renderIssue } from "../../i18n/issues";
import { groupIssues, issueCell, issueSheet, sheetLayout, type IssueGroup } from "../issueGroups";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  counts: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  count: { flex: "1 1 0" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  issue: { justifyContent: "flex-start", textAlign: "start", fontWeight: tokens.fontWeightRegular },
  text: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export interface IssuesPanelProps {
  locale: Locale;
  analysis: Analysis;
  /** Selects a cell on one of the ledger's sheets; absent when the host cannot (a file). */
  onSelect?: (sheet: string, cell: string) => void;
}

/**
 * 检查: overdue and due-soon counts, then the issues grouped by row (by sheet and row when the ledger spans
 * several sheets); an issue with a cell jumps to it on its own sheet.
 */
export function IssuesPanel({ locale, analysis, onSelect }: IssuesPanelProps) {
  const s = strings(locale).check;
  const styles = useStyles();
  const ids = useId();
  const bySheet = analysis.sheets.length > 1;
  const groups = groupIssues(
    analysis.issues,
    bySheet ? { sheets: analysis.sheets, fallback: analysis.layout.sheet } : undefined,
  );
  const title = (group: IssueGroup): string => {
    if (group.sheet === null) return group.row === null ? s.sheetWide : s.row(group.row);
    return group.row === null ? s.sheetWideOf(group.sheet) : s.sheetRow(group.sheet, group.row);
  };
  const errors = analysis.issues.filter((i) => i.severity === "error").length;
  const counts: [string, number][] = [
    [s.overdue, analysis.stats.overdue],
    [s.dueSoon, analysis.stats.dueSoon],
    [s.errors, errors],
    [s.warnings, analysis.issues.length - errors],
  ];
  return (
    <section className={styles.root} aria-label={s.heading}>
      <div className={styles.counts}>
        {counts.map(([label, n]) => (
          <Card key={label} className={styles.count} role="group" aria-label={label} size="small">
            <Text size={200}>{label}</Text>
            <Text size={500} weight="semibold">
              {n}
            </Text>
          </Card>
        ))}
      </div>
      {groups.length === 0 && <Text>{s.none}</Text>}
      {groups.map((group, g) => {
        // Sheet names may hold any character: the id is the group's place, the key its sheet and row.
        const headingId = `${ids}-issues-${g}`;
        return (
          <div key={JSON.stringify([group.sheet, group.row])} className={styles.group}>
            <Text as="h3" id={headingId} weight="semibold">
              {title(group)} <Badge appearance="tint">{group.issues.length}</Badge>
            </Text>
            <ul className={styles.list} aria-labelledby={headingId}>
              {group.issues.map((issue, i) => {
                const sheet = issueSheet(issue, analysis);
                const cell = issueCell(issue, sheetLayout(analysis, sheet));
                const color = issue.severity === "error" ? "danger" : "warning";
                return (
                  <li key={i}>
                    {cell && onSelect ? (
                      <Button
                        className={styles.issue}
                        appearance="subtle"
                        icon={<Badge color={color} size="extra-small" aria-hidden />}
                        onClick={() => onSelect(sheet, cell)}
                      >
                        {s.goTo(cell, renderIssue(issue, locale))}
                      </Button>
                    ) : (
                      <Text className={styles.text} block>
                        {cell ? s.goTo(cell, renderIssue(issue, locale)) : renderIssue(issue, locale)}
                      </Text>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
