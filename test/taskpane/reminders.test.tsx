/** @jest-environment jsdom */
import "./jsdom";
import { screen, waitFor, within } from "@testing-library/react";
import { analyzeWorkbook } from "../../src/core/analyze";
import { remindersFor, type Reminders } from "../../src/core/reminders";
import { demoSnapshot } from "../../src/taskpane/demoData";
import { createDemoHost } from "../../src/taskpane/demoHost";
import type { LedgerHost } from "../../src/hosts/host";
import type { WorkbookPlan } from "../../src/core/plan/types";
import { AS_OF, renderApp, type Rendered } from "./render";

type User = Rendered["user"];

/** 催办 as the engine gives it for the demo ledger on a date: what the pane must show and copy. */
/** The text cells of the plan's 催办单 sheet, joined. */
function sheetText(plan: WorkbookPlan): string {
  const op = plan.ops.find((o) => o.kind === "new" && o.role === "reminders");
  if (!op || op.kind !== "new") throw new Error("no 催办单 in the plan");
  return op.blocks
    .flatMap((b) => b.cells.flat())
    .map((c) => (c.t === "text" ? c.v : ""))
    .join("|");
}

function expected(asOf: string, within?: number): Reminders {
  const outcome = analyzeWorkbook(demoSnapshot(), { asOf });
  if (!outcome.ok) throw new Error("the demo ledger no longer analyses");
  return remindersFor(outcome.analysis, within === undefined ? {} : { within });
}

async function openRemind(user: User, name = "催办"): Promise<HTMLElement> {
  await user.click(await screen.findByRole("tab", { name }));
  return screen.findByRole("region", { name });
}

function groupNames(pane: HTMLElement): string[] {
  // The groups are the regions inside the pane, named by their 科室.
  return within(pane)
    .queryAllByRole("region")
    .map((r) => r.getAttribute("aria-labelledby") ?? "")
    .map((id) => document.getElementById(id)?.textContent ?? "");
}

function mockClipboard(): jest.Mock<Promise<undefined>, [string]> {
  const writeText = jest.fn(async (_text: string) => undefined);
  Object.defineProperty(window.navigator, "clipboard", { value: { writeText }, configurable: true });
  return writeText;
}

describe("催办", () => {
  it("sits between 检查 and 统计与汇报", async () => {
    renderApp();
    const tabs = await screen.findAllByRole("tab");
    const at = (name: string) => tabs.indexOf(screen.getByRole("tab", { name }));
    expect(["整理台账", "检查", "催办", "统计与汇报", "设置"].map(at)).toEqual([0, 1, 2, 3, 4]);
  });

  it("shows each 科室's items with their counts, deadlines and days, and the engine's summary", async () => {
    const { user } = renderApp();
    const pane = await openRemind(user);
    const engine = expected(AS_OF);
    expect(engine.groups.map((g) => g.department)).toEqual(["区划地名科", "社会救助科"]);
    expect(groupNames(pane)).toEqual(["区划地名科", "社会救助科"]);
    expect(within(pane).getByText(engine.summary)).toBeTruthy();

    const overdue = within(pane).getByRole("region", { name: "区划地名科" });
    expect(within(overdue).getByText("已超期 1 件 · 即将到期 0 件")).toBeTruthy();
    const item = within(overdue).getByRole("button", { name: /2024006/ });
    expect(item.textContent).toContain("关于规范地名管理的提案");
    expect(item.textContent).toContain("承办人 郑浩");
    expect(item.textContent).toContain("时限 2024-06-10");
    expect(within(item).getByText("已超期18天")).toBeTruthy();

    const soon = within(pane).getByRole("region", { name: "社会救助科" });
    expect(within(soon).getByText("已超期 0 件 · 即将到期 1 件")).toBeTruthy();
    expect(within(within(soon).getByRole("button", { name: /2024007/ })).getByText("还剩3天")).toBeTruthy();
    // Each group's message, as the engine wrote it, to read before copying.
    expect(within(soon).getByText(engine.groups[1]!.message)).toBeTruthy();
    expect(within(pane).queryByText("办理时限不明")).toBeNull();
  });

  it("narrows to one 科室, or to one 分管领导, and back to all", async () => {
    const { user } = renderApp();
    const pane = await openRemind(user);
    const department = within(pane).getByRole("combobox", { name: "科室" });
    await user.selectOptions(department, "社会救助科");
    expect(groupNames(pane)).toEqual(["社会救助科"]);
    await user.selectOptions(department, "全部科室");
    expect(groupNames(pane)).toEqual(["区划地名科", "社会救助科"]);

    await user.selectOptions(within(pane).getByRole("combobox", { name: "分管领导" }), "周副局长");
    expect(groupNames(pane)).toEqual(["区划地名科"]);
    expect(within(pane).getByText(expected(AS_OF).groups[0]!.message)).toBeTruthy();
  });

  it("counts further ahead when the window grows: 7 days by default (the due-soon setting), then 15", async () => {
    // On 06-20 the 07-01 item is 11 days off: outside a week, inside a fortnight.
    const { user } = renderApp({ asOf: "2024-06-20" });
    const pane = await openRemind(user);
    const window = within(pane).getByRole<HTMLSelectElement>("combobox", { name: "到期范围" });
    expect(window.selectedOptions[0]?.textContent).toBe("7 天内到期");
    expect(groupNames(pane)).toEqual(["区划地名科"]);
    await user.selectOptions(window, "15 天内到期");
    expect(groupNames(pane)).toEqual(["区划地名科", "社会救助科"]);
    expect(within(pane).getByText(expected("2024-06-20", 15).summary)).toBeTruthy();
    expect(within(pane).getByRole("button", { name: /2024007/ }).textContent).toContain("还剩11天");
  });

  it("copies a group's message, and everything (summary first, a blank line between), saying so", async () => {
    const { user } = renderApp();
    const pane = await openRemind(user);
    const writeText = mockClipboard();
    const engine = expected(AS_OF);
    const group = within(pane).getByRole("region", { name: "社会救助科" });
    await user.click(within(group).getByRole("button", { name: "复制催办通知" }));
    expect(writeText).toHaveBeenLastCalledWith(engine.groups[1]!.message);
    expect(within(group).getByRole("status").textContent).toBe("已复制");
    // Only the button pressed says so.
    const other = within(pane).getByRole("region", { name: "区划地名科" });
    expect(within(other).getByRole("status").textContent).toBe("");

    await user.click(within(pane).getByRole("button", { name: "复制全部" }));
    expect(writeText).toHaveBeenLastCalledWith(
      [engine.summary, engine.groups[0]!.message, engine.groups[1]!.message].join("\n\n"),
    );
    expect(writeText.mock.calls.at(-1)?.[0]).toMatch(/^截至|^共有/);
  });

  it("selects an item's row in its sheet, by mouse or keyboard", async () => {
    const { host, user } = renderApp();
    const pane = await openRemind(user);
    await user.click(within(pane).getByRole("button", { name: /2024006/ }));
    // 2024006 is the sixth item under a title row and the header: sheet row 8, its 编号 in column B.
    expect(host.selections).toEqual(["办理台账!B8"]);
    within(pane)
      .getByRole("button", { name: /2024007/ })
      .focus();
    await user.keyboard("{Enter}");
    expect(host.selections).toEqual(["办理台账!B8", "办理台账!B9"]);
  });

  it("lists the items whose deadline cannot be read apart, under their own heading", async () => {
    const snapshot = demoSnapshot();
    const rows = snapshot.sheets[0]!.rows;
    // 2024007's 办理时限 (column L) as an office writes a postponement: no date to read.
    rows[8]![11] = "延期至9月";
    const { host, user } = renderApp({ snapshot });
    const pane = await openRemind(user);
    expect(groupNames(pane)).toEqual(["区划地名科", "办理时限不明"]);
    const unknown = within(pane).getByRole("region", { name: /办理时限不明/ });
    const item = within(unknown).getByRole("button", { name: /2024007/ });
    expect(item.textContent).not.toMatch(/已超期|还剩/);
    await user.click(item);
    expect(host.selections).toEqual(["办理台账!B9"]);
  });

  it("says when there is nothing to chase", async () => {
    // In March every open item is months from its deadline.
    const { user } = renderApp({ asOf: "2024-03-15" });
    const pane = await openRemind(user);
    expect(within(pane).getByText("目前没有已超期或即将到期、需要催办的件。")).toBeTruthy();
    expect(groupNames(pane)).toEqual([]);
    expect(within(pane).queryByRole("button", { name: "复制全部" })).toBeNull();
  });

  it("writes the 催办单 through the host, the button disabled meanwhile", async () => {
    const { host, user } = renderApp();
    const pane = await openRemind(user);
    let release = () => {};
    (host.apply as jest.Mock).mockImplementationOnce(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { skipped: [] };
    });
    const button = () => within(pane).getByRole<HTMLButtonElement>("button", { name: "生成催办单" });
    await user.click(button());
    await waitFor(() => expect(button().disabled).toBe(true));
    release();
    expect(await screen.findByText("催办单已生成。")).toBeTruthy();
    expect(button().disabled).toBe(false);
    expect(host.apply).toHaveBeenCalledTimes(1);
    const plan = (host.apply as jest.Mock).mock.calls[0]?.[0] as WorkbookPlan;
    // What 生成催办单 writes is the engine's (TASK_PARTS.reminders): the 催办单 of every 科室 shown.
    expect(plan.ops.map((op) => op.role)).toContain("settings");
    const text = sheetText(plan);
    for (const g of expected(AS_OF).groups) expect(text).toContain(`承办科室：${g.department}`);
  });

  it("writes the 催办单 of the 科室 the tab is filtered to, in its window", async () => {
    const { host, user } = renderApp();
    const pane = await openRemind(user);
    const [first, second] = expected(AS_OF).groups;
    await user.selectOptions(within(pane).getByRole("combobox", { name: "科室" }), first!.department);
    await user.click(within(pane).getByRole("button", { name: "生成催办单" }));
    expect(await screen.findByText("催办单已生成。")).toBeTruthy();
    const text = sheetText((host.apply as jest.Mock).mock.calls[0]?.[0] as WorkbookPlan);
    expect(text).toContain(`承办科室：${first!.department}`);
    expect(text).not.toContain(`承办科室：${second!.department}`);
  });

  it("speaks the pane's language; the messages stay in the workbook's script", async () => {
    const { user } = renderApp({ locale: "en" });
    const pane = await openRemind(user, "Reminders");
    const group = within(pane).getByRole("region", { name: "区划地名科" });
    expect(within(group).getByText("1 overdue · 0 due soon")).toBeTruthy();
    expect(within(group).getByText("18 days overdue")).toBeTruthy();
    expect(within(group).getByRole("button", { name: "Copy reminder" })).toBeTruthy();
    expect(within(group).getByText(expected(AS_OF).groups[0]!.message)).toBeTruthy();
  });

  it("is 催辦 in traditional script", async () => {
    const { user } = renderApp({ locale: "zh-TW" });
    const pane = await openRemind(user, "催辦");
    expect(within(pane).getByRole("combobox", { name: "分管領導" })).toBeTruthy();
    expect(within(pane).getAllByRole("button", { name: "複製催辦通知" })).toHaveLength(2);
  });
});

describe("设置: 协办/会办 deadline", () => {
  const label = "协办/会办期限（月，空 = 同主办）";

  it("is blank (the main rule) until set, and is saved as a whole number of months", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("tab", { name: "设置" }));
    const field = screen.getByRole<HTMLInputElement>("spinbutton", { name: label });
    expect(field.value).toBe("");
    await user.type(field, "1");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(await screen.findByText("设置已保存到工作簿。")).toBeTruthy();
    const plan = (host.apply as jest.Mock).mock.calls.at(-1)?.[0] as WorkbookPlan;
    const stored = JSON.stringify(plan);
    expect(stored).toMatch(/"assistDeadlineMonths"\},\{"t":"number","v":1\}/);
    // Read back from the workbook.
    expect(screen.getByRole<HTMLInputElement>("spinbutton", { name: label }).value).toBe("1");
  });

  it("refuses a period outside 1..24", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("tab", { name: "设置" }));
    await user.type(screen.getByRole("spinbutton", { name: label }), "30");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(await screen.findByText("请检查填写的内容。")).toBeTruthy();
    expect(host.apply).not.toHaveBeenCalled();
  });
});

describe("统计与汇报: 生成打印版台账", () => {
  it("writes the 台账打印 sheet through the host and says so", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("tab", { name: "统计与汇报" }));
    await user.click(screen.getByRole("button", { name: "生成打印版台账" }));
    expect(await screen.findByText("打印版台账已生成（工作表“台账打印”）。")).toBeTruthy();
    const plan = (host.apply as jest.Mock).mock.calls[0]?.[0] as WorkbookPlan;
    expect(plan.ops.filter((op) => op.kind === "new").map((op) => op.role)).toEqual(
      expect.arrayContaining(["print", "settings"]),
    );
    expect(plan.activate).toBe("台账打印");
  });
});

describe("统计与汇报: 下载 Word 版汇报材料", () => {
  it("saves the report as a .docx through the host, where the host can save files", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("tab", { name: "统计与汇报" }));
    await user.click(screen.getByRole("button", { name: "下载 Word 版汇报材料" }));
    await waitFor(() => expect(host.saveFile).toHaveBeenCalledTimes(1));
    const [bytes, name] = (host.saveFile as jest.Mock).mock.calls[0] as [Uint8Array, string];
    expect(name).toBe("汇报材料.docx");
    // A zip (PK…) holding the report's document.
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    expect(host.apply).not.toHaveBeenCalled();
  });

  it("offers no Word download where the host cannot save a file (Excel on the Mac)", async () => {
    const { saveFile: _, ...rest } = createDemoHost(demoSnapshot());
    const { user } = renderApp({ host: rest as LedgerHost });
    await user.click(await screen.findByRole("tab", { name: "统计与汇报" }));
    expect(screen.queryByRole("button", { name: "下载 Word 版汇报材料" })).toBeNull();
    expect(screen.getByRole("button", { name: "生成打印版台账" })).toBeTruthy();
  });
});
