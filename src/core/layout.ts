import type { Field, Script } from "./fields";

/** One column of the recognised header. */
export interface LayoutColumn {
  /** 0-based column index in the sheet. */
  index: number;
  /** Header text as the user wrote it, two-row headers flattened ("办理时间/交办时间" → "交办时间"). */
  header: string;
  /** Group header above it in a two-row header, if any ("办理时间"). */
  group?: string;
  field: Field | null;
  /** A column the tool added in an earlier build (时限状态, 计算时限): never read or offered as an input. */
  generated?: boolean;
  /** Unread but named like a ledger field (a second 满意度, a 延期 column): the field its header names. */
  candidate?: Field;
  /** The field this column was recognised as before the user's mapping gave it to another field. */
  displaced?: Field;
}

/** Where the ledger sits in its sheet and what each column means. */
export interface LedgerLayout {
  sheet: string;
  /** 1-based source rows that make up the header (one or two). */
  headerRows: number[];
  /** 1-based rows above the header (titles, 填报单位). */
  titleRows: number[];
  /** 1-based first and last data rows (inclusive); lastRow < firstRow when there are none. */
  firstDataRow: number;
  lastDataRow: number;
  columns: LayoutColumn[];
  /** field → 0-based column index. */
  mapping: Partial<Record<Field, number>>;
  /** Script the headers are written in. */
  script: Script;
  /** Recognition score (number of recognised fields, weighted); higher is better. */
  score: number;
}
