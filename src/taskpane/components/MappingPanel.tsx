import { Button, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Analysis } from "../../core/analyze";
import { FIELDS, REQUIRED_FIELDS, type Field as LedgerField, type Locale } from "../../core/fields";
import { columnLetter } from "../../core/snapshot";
import { strings } from "../../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  grid: {
    display: "grid",
    gridTemplateColumns: "1fr",
    gap: tokens.spacingVerticalS,
  },
});

export interface MappingPanelProps {
  locale: Locale;
  analysis: Analysis;
  busy: boolean;
  /** A user correction: the field now reads the given 0-based column, or nothing (null). */
  onMap(field: LedgerField, column: number | null): void;
  onStructure(): void;
}

const REQUIRED: ReadonlySet<LedgerField> = new Set(REQUIRED_FIELDS);

/** 整理台账: where the ledger is, which column holds which field (correctable), and the button that structures it. */
export function MappingPanel({ locale, analysis, busy, onMap, onStructure }: MappingPanelProps) {
  const s = strings(locale);
  const styles = useStyles();
  const { layout } = analysis;
  const header = layout.headerRows.join("–");
  // Columns an earlier build added (时限状态, 计算时限) are the tool's output, never an input.
  const columns = layout.columns.filter((c) => c.generated !== true);
  return (
    <section className={styles.root} aria-label={s.tabs.structure}>
      <Text>{s.structure.intro(layout.sheet, header, layout.firstDataRow, layout.lastDataRow)}</Text>
      {analysis.sheets.length > 1 && <Text>{s.structure.sheetsTogether(analysis.sheets)}</Text>}
      <Button appearance="primary" disabled={busy} onClick={onStructure}>
        {s.structure.button}
      </Button>
      <Text as="h2" weight="semibold">
        {s.structure.mappingHeading}
      </Text>
      <div className={styles.grid}>
        {FIELDS.map((field) => {
          const current = layout.mapping[field];
          return (
            <Field
              key={field}
              label={s.fields[field]}
              hint={REQUIRED.has(field) ? s.structure.required : null}
              orientation="horizontal"
            >
              <Select
                value={current === undefined ? "" : String(current)}
                disabled={busy}
                onChange={(_, data) => onMap(field, data.value === "" ? null : Number(data.value))}
              >
                <option value="">{s.structure.notMapped}</option>
                {columns.map((c) => (
                  <option key={c.index} value={String(c.index)}>
                    {s.structure.column(columnLetter(c.index), c.header)}
                  </option>
                ))}
              </Select>
            </Field>
          );
        })}
      </div>
    </section>
  );
}
