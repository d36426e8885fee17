/** @jest-environment jsdom */
/**
 * The pane over ledgers the real engine reads (issue 8): both satisfaction aspects, the feedback return rate,
 * replies without a date, a ledger on two sheets (issues by sheet, clicks on the right sheet, the sheets named
 * on 整理台账), sheet-wide unread columns, and the columns the tool added never offered as inputs.
 */
import { renderIssue } from "../../src/i18n/issues";
import "./jsdom";
import { act, screen, waitFor, within } from "@testing-library/react";
import { analyzeWorkbook, type Analysis } from "../../src/core/analyze";
import type { Locale } from "../../src/core/fields";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { strings } from "../../src/i18n";
import type { AnalysisState } from "../../src/taskpane/useLedger";
import { createDemoHost } from "../../src/taskpane/demoHost";
import type { GridSheet } from "../helpers/grid-xlsx";
import { AS_OF, renderApp } from "./render";
import { LEDGER_AS_OF, TWO_SHEET_LEDGER, UNREAD_COLUMNS_LEDGER, snapshotOf } from "../helpers/paneLedgers";

type User = ReturnType<typeof renderApp>["user"];

async function openTab(user: User, name: string): Promise<void> {
  await user.click(await screen.findByRole("tab", { name }));
}

/** The value shown on a figure card (a group named by its label): the card's last text. */
function figure(name: string): string | null | undefined {
  return within(screen.getByRole("group", { name })).getAllByText(/./).at(-1)?.textContent;
}

/** What the engine makes of a workbook, as of the pane's pinned date. */
function analyse(workbook: WorkbookSnapshot): Analysis {
  const outcome = analyzeWorkbook(workbook, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(`not a ledger: ${JSON.stringify(outcome.error)}`);
  return outcome.analysis;
}

/** The two-sheet ledger with a 是否延期 column added at the end of both sheets. */
function withExtensionColumn(sheets: GridSheet[]): GridSheet[] {
  return sheets.map((s) => ({
    ...s,
    rows: s.rows.map((row, r) => [...row, r === 0 ? "是否延期" : "否"]),
  }));
}

it("pins the fixtures' as-of date", () => {
  expect(LEDGER_AS_OF).toBe(AS_OF);
});

describe("统计与汇报: the figures of a ledger that scores both aspects, on two sheets", () => {
  it("shows 对办理工作满意率 and 对办理结果满意率 instead of one 满意率", async () => {
    const { user } = renderApp({ snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    await openTab(user, "统计与汇报");
    expect(figure("总件数")).toBe("5 件");
    expect(figure("对办理工作满意率")).toBe("100%");
    expect(figure("对办理结果满意率")).toBe("66.7%");
    expect(screen.queryByRole("group", { name: "满意率" })).toBeNull();
  });

  it("shows the 反馈回收率 card: items with feedback over items replied", async () => {
    const { user } = renderApp({ snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    await openTab(user, "统计与汇报");
    expect(figure("办复率")).toBe("80%");
    expect(figure("反馈回收率")).toBe("75%");
  });

  it("says how many replied items have no reply date, and counts them as replied but not on time", async () => {
    const { user } = renderApp({ snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    await openTab(user, "统计与汇报");
    expect(figure("按期办复率")).toBe("60%");
    expect(screen.getByRole("note").textContent).toBe("其中 1 件已答复但未填写答复日期，不计入按期答复。");
  });

  it.each([
    [
      "zh-TW",
      "統計與匯報",
      "對辦理工作滿意率",
      "對辦理結果滿意率",
      "回饋回收率",
      "其中 1 件已答覆但未填寫答覆日期",
    ],
    [
      "en",
      "Statistics & report",
      "Satisfaction with the handling",
      "Satisfaction with the result",
      "Feedback return rate",
      "1 replied item has no reply date",
    ],
  ] as const)("names them in %s", async (locale: Locale, tab, work, result, feedback, note) => {
    const { user } = renderApp({ locale, snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    await openTab(user, tab);
    expect(figure(work)).toBe("100%");
    expect(figure(result)).toBe("66.7%");
    expect(figure(feedback)).toBe("75%");
    expect(screen.getByRole("note").textContent).toContain(note);
  });

  it("keeps the one 满意率 card for a ledger with one satisfaction column, and no note when every reply is dated", async () => {
    const { user } = renderApp();
    await openTab(user, "统计与汇报");
    expect(figure("满意率")).toBe("100%");
    expect(screen.queryByRole("group", { name: "对办理工作满意率" })).toBeNull();
    expect(screen.queryByRole("group", { name: "对办理结果满意率" })).toBeNull();
    // Six replied, six with feedback.
    expect(figure("反馈回收率")).toBe("100%");
    expect(screen.queryByRole("note")).toBeNull();
  });
});

describe("检查: the issues of a ledger on two sheets", () => {
  it("titles each group with its sheet and row, the sheets in the ledger's order", async () => {
    const { user } = renderApp({ snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    await openTab(user, "检查");
    const headings = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent ?? "");
    expect(headings.length).toBeGreaterThanOrEqual(2);
    for (const heading of headings) expect(heading).toMatch(/^工作表“(人大建议|政协提案)” (第 \d+ 行|全表)/);
    const first = headings.findIndex((h) => h.startsWith("工作表“人大建议” 第 4 行"));
    const second = headings.findIndex((h) => h.startsWith("工作表“政协提案” 第 3 行"));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
  });

  it("selects an issue's cell on the issue's own sheet", async () => {
    const { host, user } = renderApp({ snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    await openTab(user, "检查");
    const npc = screen.getByRole("list", { name: /^工作表“人大建议” 第 4 行/ });
    await user.click(within(npc).getByRole("button", { name: /^F4：未填写承办人/ }));
    expect(host.select).toHaveBeenLastCalledWith("人大建议", "F4");
    const cppcc = screen.getByRole("list", { name: /^工作表“政协提案” 第 3 行/ });
    await user.click(within(cppcc).getByRole("button", { name: /^D3：未填写分管领导/ }));
    expect(host.select).toHaveBeenLastCalledWith("政协提案", "D3");
    expect(host.selections).toEqual(["人大建议!F4", "政协提案!D3"]);
  });

  it("watches every sheet of the ledger, and re-checks by itself when the user edits the second", async () => {
    const own = createDemoHost(snapshotOf(TWO_SHEET_LEDGER));
    const watch = jest.spyOn(own, "watch");
    const { user } = renderApp({ host: own });
    await openTab(user, "检查");
    await waitFor(() =>
      expect(watch.mock.calls.map(([sheet]) => sheet).sort()).toEqual(["人大建议", "政协提案"]),
    );
    const cppcc = await screen.findByRole("list", { name: /^工作表“政协提案” 第 3 行/ });
    expect(within(cppcc).getByRole("button", { name: /^D3：未填写分管领导/ })).toBeTruthy();
    const fixed = snapshotOf(TWO_SHEET_LEDGER);
    const row3 = fixed.sheets[1]?.rows[2];
    if (!row3) throw new Error("政协提案 has no row 3");
    row3[3] = "周副局长";
    act(() => own.edit(fixed));
    await waitFor(() => expect(screen.queryByRole("button", { name: /^D3：未填写分管领导/ })).toBeNull());
    // 人大建议 is still short of a 承办人.
    expect(screen.getByRole("button", { name: /^F4：未填写承办人/ })).toBeTruthy();
  });

  it("lists a sheet's unread columns under that sheet's 全表", async () => {
    const workbook = snapshotOf(withExtensionColumn(TWO_SHEET_LEDGER));
    const unread = analyse(workbook).issues.filter((i) => i.code === "column_unread");
    expect(unread.map((i) => [i.sheet, i.row])).toEqual([
      ["人大建议", null],
      ["政协提案", null],
    ]);
    const { user } = renderApp({ snapshot: workbook });
    await openTab(user, "检查");
    for (const issue of unread) {
      const group = screen.getByRole("list", { name: new RegExp(`^工作表“${issue.sheet}” 全表`) });
      expect(group.textContent).toContain(renderIssue(issue, "zh-CN"));
    }
  });
});

describe("检查: sheet-wide warnings", () => {
  it("shows each column that looks like a field but was left unread (a second 满意度, 是否延期)", async () => {
    const workbook = snapshotOf(UNREAD_COLUMNS_LEDGER);
    const unread = analyse(workbook).issues.filter((i) => i.code === "column_unread");
    expect(unread).toHaveLength(2);
    expect(unread.every((i) => i.row === null && i.severity === "warning")).toBe(true);
    const { user } = renderApp({ snapshot: workbook });
    await openTab(user, "检查");
    const sheetWide = screen.getByRole("list", { name: /^整表/ });
    for (const issue of unread) expect(sheetWide.textContent).toContain(renderIssue(issue, "zh-CN"));
    // Counted among the warnings.
    const warnings = Number(
      within(screen.getByRole("group", { name: "提醒" }))
        .getAllByText(/\d/)
        .at(-1)?.textContent,
    );
    expect(warnings).toBeGreaterThanOrEqual(2);
  });
});

describe("整理台账: the mapping", () => {
  it("names the sheets read together as one ledger", async () => {
    renderApp({ snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    expect(await screen.findByText("同时读取工作表：人大建议、政协提案")).toBeTruthy();
    expect(screen.getByText(/在工作表“人大建议”找到台账/)).toBeTruthy();
  });

  it("structures every sheet of the ledger and names each backup", async () => {
    const { host, user } = renderApp({ snapshot: snapshotOf(TWO_SHEET_LEDGER) });
    await user.click(await screen.findByRole("button", { name: "整理台账" }));
    expect(
      await screen.findByText("台账已整理，原表已备份为“人大建议(原表)”、“政协提案(原表)”。"),
    ).toBeTruthy();
    const names = host.current().sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["人大建议(原表)", "政协提案(原表)"]));
  });

  it("names no other sheet for a ledger on one sheet", async () => {
    renderApp();
    expect(await screen.findByText(/在工作表“办理台账”找到台账/)).toBeTruthy();
    expect(screen.queryByText(/同时读取工作表/)).toBeNull();
  });

  it.each([
    ["zh-TW", "同時讀取工作表：人大建议、政协提案"],
    ["en", "Sheets read together: 人大建议, 政协提案"],
  ] as const)("says so in %s, the sheets named as written", (locale, text) => {
    expect(strings(locale).structure.sheetsTogether(["人大建议", "政协提案"])).toBe(text);
  });

  it("never offers a column the tool added (时限状态, 计算时限) as an input", async () => {
    const reports: AnalysisState[] = [];
    const { host, user } = renderApp({ onAnalysisChange: (state) => reports.push(state) });
    await user.click(await screen.findByRole("button", { name: "整理台账" }));
    expect(await screen.findByText(/台账已整理/)).toBeTruthy();
    // The structured sheet holds the added column, and the engine knows it as its own.
    const ledger = host.current().sheets.find((s) => s.name === "办理台账");
    expect(ledger?.rows.flat()).toContain("时限状态");
    await waitFor(() =>
      expect(
        reports
          .at(-1)
          ?.analysis?.layout.columns.filter((c) => c.generated)
          .map((c) => c.header),
      ).toContain("时限状态"),
    );
    const generated = new Set(
      reports
        .at(-1)
        ?.analysis?.layout.columns.filter((c) => c.generated)
        .map((c) => c.index),
    );
    for (const select of screen.getAllByRole<HTMLSelectElement>("combobox")) {
      const options = [...select.options];
      expect(options.map((o) => o.textContent)).not.toContainEqual(
        expect.stringMatching(/时限状态|计算时限/),
      );
      expect(options.filter((o) => o.value !== "" && generated.has(Number(o.value)))).toEqual([]);
    }
    // The user's own columns are still offered.
    const title = screen.getByRole<HTMLSelectElement>("combobox", { name: "案由" });
    expect(title.selectedOptions[0]?.textContent).toBe("D 列 · 案由");
  });
});
