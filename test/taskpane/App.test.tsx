/** @jest-environment jsdom */
import "./jsdom";
import { act, screen, waitFor, within } from "@testing-library/react";
import { demoSnapshot } from "../../src/taskpane/demoData";
import { AS_OF, renderApp } from "./render";
import type { AnalysisState } from "../../src/taskpane/useLedger";
import type { WorkbookPlan } from "../../src/core/plan/types";
import { createDemoHost } from "../../src/taskpane/demoHost";
import { HostError } from "../../src/hosts/host";

async function openTab(
  user: ReturnType<typeof import("@testing-library/user-event").default.setup>,
  name: string,
) {
  await user.click(await screen.findByRole("tab", { name }));
}

function lastPlan(apply: unknown): WorkbookPlan {
  const calls = (apply as jest.Mock).mock.calls as [WorkbookPlan][];
  const plan = calls.at(-1)?.[0];
  if (!plan) throw new Error("host.apply was not called");
  return plan;
}

describe("整理台账: the recognised mapping", () => {
  it("shows each field with the column recognised for it", async () => {
    renderApp();
    expect(await screen.findByText(/在工作表“办理台账”找到台账/)).toBeTruthy();
    const title = screen.getByRole<HTMLSelectElement>("combobox", { name: "案由" });
    expect(title.selectedOptions[0]?.textContent).toBe("D 列 · 案由");
    const handler = screen.getByRole<HTMLSelectElement>("combobox", { name: "承办人" });
    expect(handler.selectedOptions[0]?.textContent).toBe("J 列 · 承办人");
    const phone = screen.getByRole<HTMLSelectElement>("combobox", { name: "联系电话" });
    expect(phone.value).toBe("");
  });

  it("re-analyses the ledger when the user corrects a field's column", async () => {
    const { user } = renderApp();
    const satisfaction = await screen.findByRole<HTMLSelectElement>("combobox", { name: "满意度" });
    await user.selectOptions(satisfaction, "（未对应）");
    expect(satisfaction.value).toBe("");
    await openTab(user, "统计与汇报");
    // Without a satisfaction column there is no feedback to divide by.
    expect(within(screen.getByRole("group", { name: "满意率" })).getByText("—")).toBeTruthy();
  });

  it("moves a column from one field to another when it is chosen twice", async () => {
    const { user } = renderApp();
    const proposer = await screen.findByRole<HTMLSelectElement>("combobox", { name: "提案人" });
    await user.selectOptions(proposer, "J 列 · 承办人");
    expect(proposer.value).toBe("9");
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "承办人" }).value).toBe("");
  });

  it("structures the ledger: applies a plan that edits the ledger sheet, with a progress bar", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("button", { name: "整理台账" }));
    expect(await screen.findByRole("status")).toBeTruthy();
    const plan = lastPlan(host.apply);
    expect(plan.ops).toContainEqual(
      expect.objectContaining({ kind: "edit", role: "ledger", name: "办理台账" }),
    );
    const roles = plan.ops.map((op) => op.role).sort();
    expect(roles).toEqual(["backup", "ledger", "report", "settings", "summary"]);
    // The workbook is read again after writing.
    await waitFor(() => expect(host.snapshot).toHaveBeenCalledTimes(2));
  });

  it("shows a progress bar while the plan is applied", async () => {
    const { host, user } = renderApp();
    let finish: () => void = () => undefined;
    (host.apply as jest.Mock).mockImplementationOnce(
      (_plan, onProgress?: (f: number) => void) =>
        new Promise((resolve) => {
          onProgress?.(0.5);
          finish = () => resolve({ skipped: [] });
        }),
    );
    await user.click(await screen.findByRole("button", { name: "整理台账" }));
    const bar = await screen.findByRole("progressbar", { name: "正在整理台账…" });
    expect(bar.getAttribute("aria-valuenow")).toBe("0.5");
    finish();
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  });
});

describe("onAnalysisChange: the pane's live analysis and settings, for a page around it", () => {
  function lastReport(onAnalysisChange: jest.Mock): AnalysisState {
    const state = (onAnalysisChange.mock.calls as [AnalysisState][]).at(-1)?.[0];
    if (!state) throw new Error("onAnalysisChange was not called");
    return state;
  }

  it("reports the analysis once the workbook is read, with the pane's settings", async () => {
    const onAnalysisChange = jest.fn();
    renderApp({ onAnalysisChange });
    await waitFor(() => expect(lastReport(onAnalysisChange).analysis).not.toBeNull());
    const { analysis, settings } = lastReport(onAnalysisChange);
    expect(analysis?.stats.replyRate).toBe(0.75);
    // The language is the pane's, not a rule setting: messages are rendered in it without re-analysing.
    expect(settings).toEqual({ asOf: AS_OF });
  });

  it("reports a mapping correction at once, before anything is written", async () => {
    const onAnalysisChange = jest.fn();
    const { host, user } = renderApp({ onAnalysisChange });
    const replied = await screen.findByRole<HTMLSelectElement>("combobox", { name: "答复日期" });
    await user.selectOptions(replied, "（未对应）");
    await waitFor(() => expect(lastReport(onAnalysisChange).settings.mapping).toEqual({ repliedOn: null }));
    // Without a reply date nothing counts as replied on time; the results still show six replies.
    const stats = lastReport(onAnalysisChange).analysis?.stats;
    expect(stats?.onTimeReplyRate).toBe(0);
    expect(stats?.replyRate).toBe(0.75);
    expect(stats?.repliedUndated).toBe(6);
    expect(host.apply).not.toHaveBeenCalled();
  });

  it("reports saved settings", async () => {
    const onAnalysisChange = jest.fn();
    const { user } = renderApp({ onAnalysisChange });
    await openTab(user, "设置");
    const organisation = screen.getByRole("textbox", { name: "单位名称" });
    await user.clear(organisation);
    await user.type(organisation, "市民政局");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(await screen.findByText("设置已保存到工作簿。")).toBeTruthy();
    expect(lastReport(onAnalysisChange).settings).toMatchObject({ organisation: "市民政局" });
    expect(lastReport(onAnalysisChange).analysis?.settings.organisation).toBe("市民政局");
  });
});

describe("检查: issues", () => {
  it("groups issues by row, counts overdue and due-soon items, and selects an issue's cell", async () => {
    const { host, user } = renderApp();
    await openTab(user, "检查");
    expect(within(screen.getByRole("group", { name: "已超期" })).getByText("1")).toBeTruthy();
    expect(within(screen.getByRole("group", { name: "即将到期" })).getByText("1")).toBeTruthy();
    const row = screen.getByRole("list", { name: /第 7 行/ });
    const issue = within(row).getByRole("button", { name: /^J7：未填写承办人/ });
    await user.click(issue);
    expect(host.select).toHaveBeenCalledWith("办理台账", "J7");
  });

  it("re-checks by itself when the user edits the ledger", async () => {
    const { host, user } = renderApp();
    await openTab(user, "检查");
    expect(await screen.findByRole("list", { name: /第 7 行/ })).toBeTruthy();
    const fixed = demoSnapshot();
    const row7 = fixed.sheets[0]?.rows[6];
    if (!row7) throw new Error("demo ledger has no row 7");
    row7[9] = "钱进";
    act(() => host.edit(fixed));
    expect(await screen.findByText("没有发现问题。")).toBeTruthy();
    expect(host.snapshot).toHaveBeenCalledTimes(2);
  });
});

describe("统计与汇报: figures and report", () => {
  it("shows the key figures as cards, rates as percentages", async () => {
    const { user } = renderApp();
    await openTab(user, "统计与汇报");
    const figure = (name: string) =>
      within(screen.getByRole("group", { name })).getAllByText(/./).at(-1)?.textContent;
    expect(figure("总件数")).toBe("8 件");
    expect(figure("办复率")).toBe("75%");
    expect(figure("按期办复率")).toBe("62.5%");
    expect(figure("满意率")).toBe("100%");
    expect(figure("已超期")).toBe("1 件");
    expect(figure("即将到期")).toBe("1 件");
  });

  it("regenerates only the statistics and report sheets of a structured ledger", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("button", { name: "整理台账" }));
    expect(await screen.findByText(/台账已整理/)).toBeTruthy();
    await openTab(user, "统计与汇报");
    await user.click(screen.getByRole("button", { name: "生成统计与汇报" }));
    expect(await screen.findByText("统计表和汇报已更新。")).toBeTruthy();
    const roles = lastPlan(host.apply)
      .ops.map((op) => op.role)
      .sort();
    expect(roles).toEqual(["report", "settings", "summary"]);
  });

  it("copies the report text with the Clipboard API", async () => {
    const { user } = renderApp();
    await openTab(user, "统计与汇报");
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(window.navigator, "clipboard", { value: { writeText }, configurable: true });
    const text = (screen.getByRole("textbox", { name: "汇报文字" }) as HTMLTextAreaElement).value;
    expect(text).toContain("办复率为75%");
    await user.click(screen.getByRole("button", { name: "复制" }));
    expect(writeText).toHaveBeenCalledWith(text);
    expect(await screen.findByText("已复制到剪贴板。")).toBeTruthy();
  });

  it("falls back to a hidden textarea when the Clipboard API is refused", async () => {
    const { user } = renderApp();
    await openTab(user, "统计与汇报");
    const writeText = jest.fn(async () => Promise.reject(new Error("NotAllowedError")));
    Object.defineProperty(window.navigator, "clipboard", { value: { writeText }, configurable: true });
    let copied = "";
    const execCommand = jest.fn((command: string) => {
      copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? "";
      return command === "copy";
    });
    Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true });
    await user.click(screen.getByRole("button", { name: "复制" }));
    expect(execCommand).toHaveBeenCalledWith("copy");
    expect(copied).toContain("办复率为75%");
    expect(await screen.findByText("已复制到剪贴板。")).toBeTruthy();
  });
});

describe("设置", () => {
  it("saves the settings by applying a settings-only plan", async () => {
    const { host, user } = renderApp();
    await openTab(user, "设置");
    const organisation = screen.getByRole("textbox", { name: "单位名称" });
    await user.clear(organisation);
    await user.type(organisation, "市民政局");
    await user.selectOptions(screen.getByRole("combobox", { name: "办理结果分类" }), "甲 / 乙 / 丙 三类");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(await screen.findByText("设置已保存到工作簿。")).toBeTruthy();
    const plan = lastPlan(host.apply);
    expect(plan.ops.map((op) => op.role)).toEqual(["settings"]);
    expect(JSON.stringify(plan)).toContain("市民政局");
  });

  it("refuses invalid values and says which", async () => {
    const { host, user } = renderApp();
    await openTab(user, "设置");
    const months = screen.getByRole("spinbutton", { name: "办理期限（月）" });
    await user.clear(months);
    await user.type(months, "0");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(await screen.findByText("请检查填写的内容。")).toBeTruthy();
    expect(host.apply).not.toHaveBeenCalled();
  });
});

describe("languages", () => {
  it.each([
    ["zh-TW", ["整理台賬", "檢查", "統計與匯報", "設定"], "辦復率"],
    ["en", ["Structure", "Check", "Statistics & report", "Settings"], "Reply rate"],
  ] as const)("renders %s labels", async (locale, tabs, replyRate) => {
    const { user } = renderApp({ locale });
    for (const name of tabs) expect(await screen.findByRole("tab", { name })).toBeTruthy();
    await openTab(user, tabs[2]);
    expect(within(screen.getByRole("group", { name: replyRate })).getByText("75%")).toBeTruthy();
  });
});

describe("notices and errors", () => {
  it("shows a host error's text in the pane's language, not a stack", async () => {
    const failing = createDemoHost(demoSnapshot());
    jest.spyOn(failing, "snapshot").mockRejectedValue(new HostError("InvalidOperationInCellEditMode"));
    renderApp({ host: failing });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Excel 正在编辑某个单元格。请按 Enter 或 Esc 结束编辑后再试。");
    expect(alert.textContent).not.toContain("InvalidOperationInCellEditMode");
    expect(alert.textContent).not.toMatch(/at \w+ \(/);
    expect(screen.getByRole("button", { name: "重新读取" })).toBeTruthy();
  });

  it("shows a failed apply's HostError and keeps the pane usable", async () => {
    const { host, user } = renderApp();
    (host.apply as jest.Mock).mockRejectedValueOnce(new HostError("AccessDenied"));
    await user.click(await screen.findByRole("button", { name: "整理台账" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "工作表或工作簿受保护（或为只读），无法写入。",
    );
    expect(screen.getByRole("button", { name: "整理台账" })).toBeTruthy();
  });

  it("says when no ledger is found, in the user's language", async () => {
    renderApp({ snapshot: { sheets: [{ name: "Sheet1", rows: [["hello"]], merges: [] }] }, locale: "en" });
    expect((await screen.findByRole("alert")).textContent).toMatch(/No ledger header/);
  });

  it("says that the user's own text on 汇报材料 was kept when the report is generated again", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("button", { name: "整理台账" }));
    expect(await screen.findByText(/台账已整理/)).toBeTruthy();
    // The clerk fills in a placeholder paragraph of the report sheet the build wrote.
    const edited = await host.snapshot();
    const report = edited.sheets.find((sheet) => sheet.name === "汇报材料");
    const row = report?.rows.findIndex((r) => typeof r?.[0] === "string" && r[0].includes("【请在此填写"));
    if (!report || row === undefined || row < 0) throw new Error("no placeholder on 汇报材料");
    report.rows[row] = ["　　我局将继续加强督办。"];
    act(() => host.edit(edited));
    await openTab(user, "统计与汇报");
    await user.click(screen.getByRole("button", { name: "生成统计与汇报" }));
    expect(await screen.findByText("统计表和汇报已更新。")).toBeTruthy();
    expect(await screen.findByText(/工作表“汇报材料”中您填写或添加的内容已保留/)).toBeTruthy();
  });

  it("names the features an older Excel skips", async () => {
    renderApp({ unsupported: ["dataValidation", "pageLayout"] });
    expect(await screen.findByText(/已跳过.*数据验证（下拉列表）、打印页面设置/)).toBeTruthy();
  });
});
