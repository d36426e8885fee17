import { organisationOf } from "../../src/core/organisation";
import type { LedgerLayout } from "../../src/core/layout";
import type { CellValue } from "../../src/core/snapshot";

/** The bureau's name as the title rows give it (the report and 统计表 use it unless the user set one). */
function org(...titleRows: CellValue[][]): string | undefined {
  const layout = { titleRows: titleRows.map((_, i) => i + 1) } as LedgerLayout;
  return organisationOf({ sheet: { name: "表", rows: titleRows, merges: [] }, layout });
}

describe("organisationOf", () => {
  it.each<[string, CellValue[], string | undefined]>([
    ["a title naming the bureau", ["XX市民政局2021年建议提案办理台账"], "XX市民政局"],
    ["traditional script", ["某市民政局2024年建議提案辦理台賬"], "某市民政局"],
    ["a leading year", ["2021年度市民政局承办建议提案责任分工表"], "市民政局"],
    ["a 部", ["中共XX市委组织部2021年代表建议办理台账"], "中共XX市委组织部"],
    ["a 填报单位 label", ["填报单位：XX区教育局"], "XX区教育局"],
    [
      "a label with 盖章 and a date after it",
      ["填报单位（盖章）：XX区教育局　填报时间：2021年3月1日"],
      "XX区教育局",
    ],
    ["a label with the name in the next cell", ["填报单位：", "XX区卫生健康委员会"], "XX区卫生健康委员会"],
    ["no bureau at all", ["2021年建议提案办理台账"], undefined],
    ["only the ledger's words", ["人大代表建议办理台账"], undefined],
    ["a date label only", ["填报时间：2021年3月1日"], undefined],
  ])("%s", (_, row, want) => {
    expect(org(row)).toBe(want);
  });
});
