import { useId, useMemo, useState } from "react";
import { Badge, Button, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Analysis } from "../../core/analyze";
import type { Locale } from "../../core/fields";
import type { ReminderItem, ReminderOptions } from "../../core/reminders";
import { a1 } from "../../core/snapshot";
import { strings } from "../../i18n";
import { copyText } from "../clipboard";
import { sheetLayout } from "../issueGroups";
import { useEngine } from "../useEngine";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  filter: { flex: "1 1 140px", minWidth: 0 },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  groupHead: { display: "flex", flexWrap: "wrap", alignItems: "baseline", gap: tokens.spacingHorizontalS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    justifyContent: "flex-start",
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
  },
  text: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  id: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  // Colour says it at a glance; the words say it to everyone (never colour alone).
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  dueSoon: { color: tokens.colorPaletteMarigoldForeground1, fontWeight: tokens.fontWeightSemibold },
  message: {
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    whiteSpace: "pre-wrap",
  },
  copyRow: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** The "within N days" choices; the due-soon setting is added when it is none of them. */
const WITHIN_CHOICES: readonly number[] = [3, 7, 15, 30];
/** A select's value for "all"; a name is given as "=" + the name, since "" is a name too (no 科室 written). */
const ALL = "*";

export interface RemindersPanelProps {
  locale: Locale;
  analysis: Analysis;
  busy: boolean;
  /** 生成催办单: writes the notice sheet. */
  /** 生成催办单, listing what the tab shows: its window and filter. */
  onGenerate(options: ReminderOptions): void;
  /** Selects a cell on one of the ledger's sheets; absent when the host cannot. */
  onSelect?: (sheet: string, cell: string) => void;
}

/**
 * 催办: the open items overdue or due within N days, by 承办科室, each group with the engine's message to copy;
 * items whose deadline cannot be read apart. Filters by 科室, 分管领导 and the window; an item selects its row.
 */
export function RemindersPanel({ locale, analysis, busy, onGenerate, onSelect }: RemindersPanelProps) {
  const s = strings(locale).remind;
  const styles = useStyles();
  const ids = useId();
  const { remindersFor, groupKey } = useEngine();
  const [within, setWithin] = useState(analysis.settings.dueSoonDays);
  const [department, setDepartment] = useState<string | null>(null);
  const [leader, setLeader] = useState<string | null>(null);
  const [copied, setCopied] = useState<{ key: string; ok: boolean } | null>(null);

  // The filters offer who has something to chase in the window; the list is the filtered one.
  const unfiltered = useMemo(() => remindersFor(analysis, { within }), [remindersFor, analysis, within]);
  const options = useMemo(() => {
    const chosen: ReminderOptions = { within };
    if (department !== null) chosen.department = department;
    if (leader !== null) chosen.leader = leader;
    return chosen;
  }, [within, department, leader]);
  const shown = useMemo(() => remindersFor(analysis, options), [remindersFor, analysis, options]);

  const everyItem = [...unfiltered.groups.flatMap((g) => g.items), ...unfiltered.unknownDeadline];
  const departments = withChosen(
    unique(
      everyItem.map((i) => i.department?.trim() ?? ""),
      groupKey,
    ),
    department,
  );
  const leaders = withChosen(
    unique(
      everyItem.flatMap((i) => (i.leader?.trim() ? [i.leader.trim()] : [])),
      (l) => l,
    ),
    leader,
  );
  const windows = [...new Set([...WITHIN_CHOICES, analysis.settings.dueSoonDays, within])].sort(
    (a, b) => a - b,
  );

  const copy = async (key: string, text: string) => setCopied({ key, ok: await copyText(text) });
  const status = (key: string) => (copied?.key === key ? (copied.ok ? s.copied : s.copyFailed) : "");
  const nothing = shown.groups.length === 0 && shown.unknownDeadline.length === 0;
  const all = [shown.summary, ...shown.groups.map((g) => g.message)].join("\n\n");

  const item = (i: ReminderItem) => {
    const content = (
      <>
        <span className={styles.id}>{i.id ?? s.row(i.row)}</span>
        <span>{shortTitle(i.title)}</span>
        {i.handler && <span className={styles.muted}>{s.handler(i.handler)}</span>}
        {i.dueOn && <span className={styles.muted}>{s.deadline(i.dueOn)}</span>}
        {i.status !== "unknown" && (
          <span className={i.status === "overdue" ? styles.overdue : styles.dueSoon}>{daysText(i)}</span>
        )}
      </>
    );
    return (
      <li key={`${i.sheet}\u0000${i.row}`}>
        {onSelect ? (
          <Button
            className={styles.item}
            appearance="subtle"
            onClick={() => onSelect(i.sheet, itemCell(i, analysis))}
          >
            {content}
          </Button>
        ) : (
          <Text className={styles.text}>{content}</Text>
        )}
      </li>
    );
  };
  const daysText = (i: ReminderItem): string => {
    const days = i.daysLeft ?? 0;
    if (days < 0) return s.overdueDays(-days);
    return days === 0 ? s.dueToday : s.daysLeft(days);
  };

  return (
    <section className={styles.root} aria-label={s.heading}>
      <Button appearance="primary" disabled={busy} onClick={() => onGenerate(options)}>
        {s.generate}
      </Button>
      <div className={styles.filters}>
        <Field className={styles.filter} label={s.department}>
          <Select
            value={department === null ? ALL : `=${department}`}
            onChange={(_, d) => setDepartment(d.value === ALL ? null : d.value.slice(1))}
          >
            <option value={ALL}>{s.allDepartments}</option>
            {departments.map((d) => (
              <option key={d} value={`=${d}`}>
                {d || s.noDepartment}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.filter} label={s.leader}>
          <Select
            value={leader === null ? ALL : `=${leader}`}
            onChange={(_, d) => setLeader(d.value === ALL ? null : d.value.slice(1))}
          >
            <option value={ALL}>{s.allLeaders}</option>
            {leaders.map((l) => (
              <option key={l} value={`=${l}`}>
                {l}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.filter} label={s.within}>
          <Select value={String(within)} onChange={(_, d) => setWithin(Number(d.value))}>
            {windows.map((n) => (
              <option key={n} value={String(n)}>
                {s.withinDays(n)}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      {nothing ? (
        <Text>{s.none}</Text>
      ) : (
        <>
          {/* The engine's words, in the workbook's script: what the 分管领导 is sent. */}
          <Text as="p" className={styles.message}>
            {shown.summary}
          </Text>
          <div className={styles.copyRow}>
            <Button disabled={shown.groups.length === 0} onClick={() => void copy("all", all)}>
              {s.copyAll}
            </Button>
            <Text role="status">{status("all")}</Text>
          </div>
        </>
      )}

      {shown.groups.map((g, n) => {
        // Department names may hold any character: the id is the group's place, the key its name.
        const headingId = `${ids}-remind-${n}`;
        const overdue = g.items.filter((i) => i.status === "overdue").length;
        const key = `group:${g.department}`;
        return (
          <section key={key} className={styles.group} aria-labelledby={headingId}>
            <div className={styles.groupHead}>
              <Text as="h3" id={headingId} weight="semibold">
                {g.department || s.noDepartment}
              </Text>
              <Badge appearance="tint" color={overdue ? "danger" : "warning"}>
                {s.counts(overdue, g.items.length - overdue)}
              </Badge>
              {g.leader && (
                <Text size={200} className={styles.muted}>
                  {s.leader} {g.leader}
                </Text>
              )}
            </div>
            <ul className={styles.list} aria-labelledby={headingId}>
              {g.items.map(item)}
            </ul>
            <Text as="p" size={200} className={styles.message}>
              {g.message}
            </Text>
            <div className={styles.copyRow}>
              <Button onClick={() => void copy(key, g.message)}>{s.copyGroup}</Button>
              <Text role="status">{status(key)}</Text>
            </div>
          </section>
        );
      })}

      {shown.unknownDeadline.length > 0 && (
        <section className={styles.group} aria-labelledby={`${ids}-remind-unknown`}>
          <div className={styles.groupHead}>
            <Text as="h3" id={`${ids}-remind-unknown`} weight="semibold">
              {s.unknownHeading}
            </Text>
            <Badge appearance="tint">{shown.unknownDeadline.length}</Badge>
          </div>
          <Text size={200} className={styles.muted}>
            {s.unknownHint}
          </Text>
          <ul className={styles.list} aria-labelledby={`${ids}-remind-unknown`}>
            {shown.unknownDeadline.map(item)}
          </ul>
        </section>
      )}
    </section>
  );
}

/** The cell an item selects: its row's 编号, else its 案由, else the row's first column (IssuesPanel's a1 convention). */
function itemCell(item: ReminderItem, analysis: Analysis): string {
  const layout = sheetLayout(analysis, item.sheet);
  const column = layout.mapping.id ?? layout.mapping.title ?? layout.columns[0]?.index ?? 0;
  return a1(item.row - 1, column);
}

/** Titles are cut in the list (the message and the sheet keep them whole). */
const SHORT_TITLE = 24;

function shortTitle(title: string | undefined): string {
  const t = (title ?? "").trim();
  return t.length > SHORT_TITLE ? `${t.slice(0, SHORT_TITLE)}…` : t;
}

/** Distinct values by `key`, the first spelling kept, in Chinese collation order. */
function unique(values: readonly string[], key: (v: string) => string): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (!seen.has(key(v))) seen.set(key(v), v);
  return [...seen.values()].sort((a, b) => a.localeCompare(b, "zh"));
}

/** The options, with the chosen one kept when the window no longer holds it (the list is then empty). */
function withChosen(options: string[], chosen: string | null): string[] {
  return chosen === null || options.includes(chosen) ? options : [...options, chosen];
}
