import { cellAt, columnLetter, type SheetSnapshot } from "../../snapshot";
import type { Field } from "../../fields";
import { generatedColumnNames } from "../labels";
import { uniqueColumnNames } from "../names";
import { headerTexts } from "../../normalize";
import type { LedgerInput } from "./model";

/** Where the ledger table sits (0-based rows and columns) and what its columns are called. */
export interface LedgerColumns {
  headerRow: number;
  /** Upper row of a two-row header. */
  upperRow: number | undefined;
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
  /** The generated 时限状态 column, and the computed deadline column when there is one. */
  statusIdx: number;
  dueIdx: number | undefined;
  /** Field of each recognised user column. */
  fieldAt: Map<number, Field>;
  /** Column of a field, unless it is one the ledger's earlier build generated. */
  mapped(f: Field): number | undefined;
  /** Table column names from firstCol to lastCol: user headers flattened and unique, generated names kept. */
  names: string[];
  nameOf(c: number): string;
  statusName: string;
  dueName: string | undefined;
  fieldColumn: Partial<Record<Field, string>>;
  /** Header and group texts of the mapped columns: a data row holding one is a repeated header (normalize.ts). */
  headerTexts: Map<Field, string[]>;
}

/**
 * The table's extent: the recognised columns and any user column or merge beside them with data, then the
 * generated columns (kept where an earlier build put them, else appended).
 */
export function ledgerColumns(input: LedgerInput): LedgerColumns {
  const { sheet, layout, script } = input;
  const headerRow = (layout.headerRows[layout.headerRows.length - 1] ?? 1) - 1;
  const upperRow = layout.headerRows.length > 1 ? (layout.headerRows[0] ?? 1) - 1 : undefined;
  const firstRow = layout.firstDataRow - 1;
  const lastRow = Math.max(layout.lastDataRow - 1, firstRow);

  // Columns an earlier build added are found by their header names in the header row.
  const headerText = (c: number): string | null => {
    const v = cellAt(sheet, headerRow, c);
    return v === null ? null : String(v).trim();
  };
  const width = rowWidth(sheet, headerRow, lastRow);
  const previousIndex = (name: string | undefined): number | undefined => {
    if (name === undefined) return undefined;
    for (let c = 0; c < width; c++) if (headerText(c) === name) return c;
    return undefined;
  };
  const prevStatus = previousIndex(input.previous.status);
  const prevDue = previousIndex(input.previous.due);
  const generatedIdx = new Set([prevStatus, prevDue].filter((c): c is number => c !== undefined));

  const fieldAt = new Map<number, Field>();
  for (const col of layout.columns)
    if (col.field && !generatedIdx.has(col.index)) fieldAt.set(col.index, col.field);
  const mapped = (f: Field): number | undefined => {
    const c = layout.mapping[f];
    return c !== undefined && !generatedIdx.has(c) ? c : undefined;
  };

  const layoutCols = layout.columns.map((c) => c.index).filter((c) => !generatedIdx.has(c));
  const firstCol = Math.min(...layoutCols);
  let userLast = Math.max(...layoutCols);
  for (let r = headerRow; r <= lastRow; r++) {
    const cells = sheet.rows[r] ?? [];
    for (let c = cells.length - 1; c > userLast; c--)
      if (!generatedIdx.has(c) && cellAt(sheet, r, c) !== null) userLast = c;
  }
  for (const m of sheet.merges)
    if (m.bottom >= headerRow && m.top <= lastRow && m.left <= userLast + 1)
      userLast = Math.max(userLast, m.right);

  const hasDue = mapped("dueOn") !== undefined;
  const needsDue = hasDue || mapped("assignedOn") !== undefined;
  let next = Math.max(userLast, ...generatedIdx) + 1;
  const dueIdx = needsDue ? (prevDue ?? next++) : undefined;
  const statusIdx = prevStatus ?? next++;
  const lastCol = Math.max(userLast, statusIdx, dueIdx ?? 0);

  // Names: user headers as written (flattened), unique; generated names kept from the earlier build.
  const fresh = generatedColumnNames(script, hasDue);
  const headers: { header: string | null; letter: string }[] = [];
  for (let c = firstCol; c <= lastCol; c++) {
    const name =
      c === statusIdx
        ? (input.previous.status ?? fresh.status)
        : c === dueIdx
          ? (input.previous.due ?? fresh.due)
          : null;
    const own = layout.columns.find((col) => col.index === c)?.header ?? headerText(c);
    headers.push({ header: name ?? own, letter: columnLetter(c) });
  }
  const names = uniqueColumnNames(headers, "列");
  const nameOf = (c: number): string => names[c - firstCol] ?? columnLetter(c);
  const fieldColumn: Partial<Record<Field, string>> = {};
  for (const [c, f] of fieldAt) if (c >= firstCol && c <= lastCol) fieldColumn[f] = nameOf(c);
  return {
    headerRow,
    upperRow,
    firstRow,
    lastRow,
    firstCol,
    lastCol,
    statusIdx,
    dueIdx,
    fieldAt,
    mapped,
    names,
    nameOf,
    statusName: nameOf(statusIdx),
    dueName: dueIdx !== undefined ? nameOf(dueIdx) : undefined,
    fieldColumn,
    headerTexts: new Map([...headerTexts(layout)].filter(([f]) => fieldColumn[f] !== undefined)),
  };
}

function rowWidth(sheet: SheetSnapshot, from: number, to: number): number {
  let w = 0;
  for (let r = from; r <= to; r++) w = Math.max(w, sheet.rows[r]?.length ?? 0);
  return w;
}
