import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Locale } from "../core/fields";
import type { LedgerLayout } from "../core/layout";
import { cellAt, formatAt, type SheetSnapshot } from "../core/snapshot";
import { fromWorkbookSerial, isDateFormat, isoFromSerial } from "../core/dates";
import { columnLetter } from "../core/address";
import { strings } from "../i18n";

const useStyles = makeStyles({
  root: {
    // Stays in sight at the foot of the window while the user clicks through the list above it.
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
  },
  scroll: { overflowX: "auto", maxHeight: "40vh" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: "start",
    verticalAlign: "top",
    // Long 案由 wrap rather than stretch the table across several screens.
    maxWidth: "240px",
  },
  // Headers stay on one line (the table scrolls sideways instead of stacking 领衔人 a character a line).
  header: {
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: "nowrap",
  },
  rowNumber: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  selectedRow: { backgroundColor: tokens.colorBrandBackground2 },
  selectedCell: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
});

export interface RowPreviewProps {
  locale: Locale;
  sheet: SheetSnapshot;
  /** 0-based row and column of the selected cell. */
  row: number;
  col: number;
  /** The ledger's layout on this sheet: its header names the columns; without it, column letters do. */
  layout?: LedgerLayout;
  date1904?: boolean;
}

/**
 * The page's stand-in for selecting a cell (a file has no grid to show): the selected row as it is in the
 * workbook, under the ledger's header and between its neighbours, the row and the cell highlighted.
 */
export function RowPreview({ locale, sheet, row, col, layout, date1904 }: RowPreviewProps) {
  const s = strings(locale).page.preview;
  const styles = useStyles();
  const columns = layout
    ? layout.columns.map((c) => ({ index: c.index, header: c.group ? `${c.group}/${c.header}` : c.header }))
    : Array.from({ length: Math.max(sheet.rows[row]?.length ?? 0, col + 1) }, (_, index) => ({
        index,
        header: columnLetter(index),
      }));
  // One data row either side, for context (never a header or title row).
  const first = layout ? layout.firstDataRow - 1 : 0;
  const last = layout ? layout.lastDataRow - 1 : row;
  const rows = [row - 1, row, row + 1].filter((r) => r === row || (r >= first && r <= last));
  const text = (r: number, c: number): string => {
    const v = cellAt(sheet, r, c);
    if (v === null) return "";
    if (typeof v === "number" && isDateFormat(formatAt(sheet, r, c)))
      return isoFromSerial(fromWorkbookSerial(v, date1904));
    return String(v);
  };
  const caption = s.caption(sheet.name, row + 1);
  return (
    <section className={styles.root} aria-label={s.heading}>
      <Text weight="semibold">{caption}</Text>
      <div className={styles.scroll}>
        <table className={styles.table} aria-label={caption}>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.cell, styles.header)}>
                {s.row}
              </th>
              {columns.map((c) => (
                <th key={c.index} scope="col" className={mergeClasses(styles.cell, styles.header)}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r}
                className={r === row ? styles.selectedRow : undefined}
                {...(r === row ? { "aria-current": "true" as const } : {})}
              >
                <th scope="row" className={mergeClasses(styles.cell, styles.rowNumber)}>
                  {r + 1}
                </th>
                {columns.map((c) => (
                  <td
                    key={c.index}
                    className={mergeClasses(styles.cell, r === row && c.index === col && styles.selectedCell)}
                  >
                    {text(r, c.index)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
