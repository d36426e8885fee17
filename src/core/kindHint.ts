import type { Kind, LedgerRecord } from "./fields";
import type { LedgerLayout } from "./layout";
import { cellAt, type SheetSnapshot } from "./snapshot";
import { parseKind } from "./enums";

/**
 * A ledger without a 类别 column often says what it holds in its title ("2019年政协提案办理台账") or sheet name;
 * failing that, in its headers (提案号/提案名称 vs 建议号/领衔代表). Returns the one kind they agree on, or
 * undefined when they name none or both.
 */
export function inferKind(sheet: SheetSnapshot, layout: LedgerLayout): Kind | undefined {
  const titles = layout.titleRows.flatMap((row) =>
    (sheet.rows[row - 1] ?? []).map((_, c) => cellAt(sheet, row - 1, c)),
  );
  const fromTitles = agreed([sheet.name, ...titles]);
  if (fromTitles !== null) return fromTitles;
  const headers = layout.columns.filter(
    (c) => c.field === "id" || c.field === "title" || c.field === "proposer",
  );
  return agreed(headers.map((c) => c.header)) ?? undefined;
}

/** The single kind the texts name; null when none names one (so the next source may decide), undefined on a conflict. */
function agreed(texts: readonly unknown[]): Kind | null | undefined {
  const kinds = new Set<Kind>();
  for (const text of texts) {
    if (typeof text !== "string") continue;
    const parsed = parseKind(text);
    if (parsed.ok) kinds.add(parsed.value);
  }
  if (kinds.size === 0) return null;
  const [only] = kinds;
  return kinds.size === 1 ? only : undefined;
}

/** Records without a kind of their own take the ledger's kind (only when the sheet has no 类别 column). */
export function withInferredKind(records: LedgerRecord[], kind: Kind | undefined): LedgerRecord[] {
  if (kind === undefined) return records;
  return records.map((r) => (r.kind === undefined && r.invalid.kind === undefined ? { ...r, kind } : r));
}
