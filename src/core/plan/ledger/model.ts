import type { SheetSnapshot } from "../../snapshot";
import type { Field, Kind, LedgerRecord, Role, Script } from "../../fields";
import type { LedgerLayout } from "../../layout";
import type { Settings } from "../../settings";
import type { EnumLabels } from "../enumLabels";
import type { StatusLabels } from "../labels";

/** What the other sheets need to know about the structured ledger. */
export interface LedgerModel {
  sheet: string;
  table: string;
  /** Table column name of each mapped field (generated columns excluded). */
  fieldColumn: Partial<Record<Field, string>>;
  /** 时限状态 column name, and the computed deadline column when there is one. */
  statusColumn: string;
  dueColumn?: string;
  status: StatusLabels;
  labels: EnumLabels;
  /** Exact department values (as the ledger now holds them) left out of the figures. */
  excludedValues: string[];
  /** Mapping corrections to store: the user's, plus pins that keep generated columns from being read as fields. */
  mapping: Partial<Record<Field, number | null>>;
  /** Recognised columns, for the settings sheet. */
  columns: { field: Field; index: number; header: string }[];
  /** 类别 / 办理类型 that the sheet's name or title gives every row, when the table has no column for it. */
  sheetKind?: Kind;
  sheetRole?: Role;
  /** 1-based rows of the table header and its data, for people reading the plan. */
  headerRow: number;
  firstRow: number;
  lastRow: number;
}

export interface LedgerInput {
  sheet: SheetSnapshot;
  layout: LedgerLayout;
  records: LedgerRecord[];
  settings: Settings;
  script: Script;
  table: string;
  settingsSheet: string;
  /** The workbook counts dates from 1904: date cells are written as its serials (dates.ts). */
  date1904?: boolean;
  /** Columns an earlier build added (header names), when this ledger was built before. */
  previous: { status?: string; due?: string };
}
