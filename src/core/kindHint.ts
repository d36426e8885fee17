import type { Kind, LedgerRecord, Role } from "./fields";
import type { LedgerLayout } from "./layout";
import { cellAt, type SheetSnapshot } from "./snapshot";
import { parseKind, parseRole, type EnumParse } from "./enums";

/**
 * A ledger without a 类别 column often says what it holds in its title ("2019年政协提案办理台账") or sheet name;
 * failing that, in its headers (提案号/提案名称 vs 建议号/领衔代表). Returns the one kind they agree on, or
 * undefined when they name none or both.
 */
export function inferKind(sheet: SheetSnapshot, layout: LedgerLayout): Kind | undefined {
  const fromTitles = agreed([sheet.name, ...titleTexts(sheet, layout)], parseKind);
  if (fromTitles !== null) return fromTitles;
  const headers = layout.columns.filter(
    (c) => c.field === "id" || c.field === "title" || c.field === "proposer",
  );
  return (
    agreed(
      headers.map((c) => c.header),
      parseKind,
    ) ?? undefined
  );
}

/**
 * A ledger kept as a sheet of 主办件 and one of 会办件 says the role in the sheet name or title ("会办件",
 * "2019年协办提案"): the one role they agree on, or undefined.
 */
export function inferRole(sheet: SheetSnapshot, layout: LedgerLayout): Role | undefined {
  return agreed([sheet.name, ...titleTexts(sheet, layout)], parseRole) ?? undefined;
}

function titleTexts(sheet: SheetSnapshot, layout: LedgerLayout): unknown[] {
  return layout.titleRows.flatMap((row) =>
    (sheet.rows[row - 1] ?? []).map((_, c) => cellAt(sheet, row - 1, c)),
  );
}

/** The single value the texts name; null when none names one (so the next source may decide), undefined on a conflict. */
function agreed<T>(texts: readonly unknown[], parse: (text: string) => EnumParse<T>): T | null | undefined {
  const values = new Set<T>();
  for (const text of texts) {
    if (typeof text !== "string") continue;
    const parsed = parse(text);
    if (parsed.ok) values.add(parsed.value);
  }
  if (values.size === 0) return null;
  const [only] = values;
  return values.size === 1 ? only : undefined;
}

/** Records without a role of their own take the sheet's role (only when the sheet has no 办理类型 column). */
export function withInferredRole(records: LedgerRecord[], role: Role | undefined): LedgerRecord[] {
  if (role === undefined) return records;
  return records.map((r) => (r.role === undefined && r.invalid.role === undefined ? { ...r, role } : r));
}

/** Records without a kind of their own take the ledger's kind (only when the sheet has no 类别 column). */
export function withInferredKind(records: LedgerRecord[], kind: Kind | undefined): LedgerRecord[] {
  if (kind === undefined) return records;
  return records.map((r) => (r.kind === undefined && r.invalid.kind === undefined ? { ...r, kind } : r));
}
