import type { LedgerLayout } from "./layout";
import { cellAt, type SheetSnapshot } from "./snapshot";

/** What a bureau's name ends with: 民政局, 卫生健康委员会, 教育委, 政府办公室, 扶贫办, 街道办事处, 人民医院 … */
const ORG_END =
  /(局|委员会|委|部|办公室|办事处|办|厅|署|院|中心|政府|街道|镇|乡|公司|集团|总队|支队|大队|所|站|馆|协会|联合会|学校|大学)$/;
/** Where the name stops in a title: the year, or the words that name the ledger itself. */
const ORG_STOP =
  /(\d{4}|[〇一二三四五六七八九零]{4}|关于|關於|年度|人大|政协|政協|代表|委员提案|委員提案|建议|建議|提案|议案|議案|办理|辦理|承办|承辦|责任|責任|台账|台賬|工作)/;
/** "填报单位：XX市民政局", "填报单位（盖章）：XX区教育局　填报时间：…" name it outright. */
const ORG_LABEL =
  /^(填报单位|填報單位|报送单位|報送單位|单位|單位|承办单位|承辦單位)([(（][^)）]*[)）])?[:：](.*)$/;
/** A year at the start of a title ("2021年度市民政局…"): the name may follow it. */
const LEADING_YEAR = /^(\d{4}|[〇一二三四五六七八九零]{4})年度?/;

/**
 * The organisation a ledger's title rows name ("XX市民政局2020年建议提案办理台账" → "XX市民政局",
 * "填报单位：XX区教育局" → "XX区教育局"), or undefined when none does. Only a name ending like a bureau's counts,
 * so "2020年建议提案办理台账" names nothing and the setting (or 我局) applies.
 */
export function organisationOf(part: { sheet: SheetSnapshot; layout: LedgerLayout }): string | undefined {
  for (const row of part.layout.titleRows) {
    const texts = (part.sheet.rows[row - 1] ?? []).flatMap((_, c) => {
      const v = cellAt(part.sheet, row - 1, c);
      return typeof v === "string" ? [v] : [];
    });
    for (let i = 0; i < texts.length; i++) {
      const text = (texts[i] ?? "").trim();
      const labelled = ORG_LABEL.exec(text);
      // "填报单位：" with the name in the next cell.
      const value = labelled ? labelled[3]?.trim() || (texts[i + 1] ?? "") : undefined;
      const name = value !== undefined ? labelledName(value) : titleName(text.replace(/[\s\u3000]+/g, ""));
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

/** The value of a 填报单位 label, up to the next label or wide space ("XX区教育局　填报时间：…"). */
function labelledName(value: string): string | undefined {
  return orgName(value.trim().split(/[\s\u3000]+|(?=填[报報]|日期|时间|時間)/)[0] ?? "");
}

/** The words of a title before the year or the ledger's own words, or right after a leading year. */
function titleName(text: string): string | undefined {
  const before = text.slice(0, ORG_STOP.exec(text)?.index ?? 0);
  if (before !== "") return orgName(before);
  const lead = LEADING_YEAR.exec(text);
  if (!lead) return undefined;
  const rest = text.slice(lead[0].length);
  return orgName(rest.slice(0, ORG_STOP.exec(rest)?.index ?? 0));
}

function orgName(candidate: string): string | undefined {
  const name = candidate
    .replace(/[（(].*$/, "")
    .replace(/[:：,，、]+$/, "")
    .trim();
  return name.length >= 2 && name.length <= 30 && ORG_END.test(name) ? name : undefined;
}
