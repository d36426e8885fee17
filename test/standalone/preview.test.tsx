/** @jest-environment jsdom */
/**
 * The page's stand-in for selecting a cell: the file host tells its listeners, and the preview shows the
 * row as it is in the workbook under the ledger's header, the row and the cell highlighted.
 */
import "../taskpane/jsdom";
import { render, screen, within } from "@testing-library/react";
import { analyzeWorkbook } from "../../src/core/analyze";
import { demoSnapshot } from "../../src/taskpane/demoData";
import { fileHostOver, type Selection, type WorkbookSession } from "../../src/standalone/fileHostApi";
import { RowPreview } from "../../src/standalone/RowPreview";

const idle: WorkbookSession = {
  snapshot: async () => demoSnapshot(),
  apply: async () => ({ skipped: [] }),
  build: async () => ({ bytes: new ArrayBuffer(0), dropped: [] }),
};

describe("the file host's select", () => {
  it("tells every listener until it unsubscribes", async () => {
    const host = fileHostOver(idle);
    const seen: Selection[] = [];
    const off = host.onSelection((s) => seen.push(s));
    await host.select("办理台账", "B8");
    off();
    await host.select("办理台账", "B9");
    expect(seen).toEqual([{ sheet: "办理台账", address: "B8" }]);
  });
});

describe("RowPreview", () => {
  const snapshot = demoSnapshot();
  const sheet = snapshot.sheets[0]!;
  const outcome = analyzeWorkbook(snapshot, { asOf: "2024-06-28" });
  if (!outcome.ok) throw new Error("the demo ledger no longer analyses");
  const layout = outcome.analysis.layout;

  it("shows the row under the ledger's header, between its neighbours, the row and cell marked", () => {
    // B8: 2024006's 编号 (0-based row 7, column 1).
    render(<RowPreview locale="zh-CN" sheet={sheet} row={7} col={1} layout={layout} />);
    const preview = screen.getByRole("region", { name: "预览" });
    expect(within(preview).getByText("工作表“办理台账” 第 8 行")).toBeTruthy();
    expect(within(preview).getByRole("columnheader", { name: "案由" })).toBeTruthy();
    const rows = within(preview).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["7", "8", "9"]);
    const current = rows.filter((r) => r.getAttribute("aria-current") === "true");
    expect(current).toHaveLength(1);
    const cells = within(current[0]!)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    // Dates as dates, not serials; an empty cell stays empty.
    expect(cells.slice(0, 4)).toEqual(["6", "2024006", "政协提案", "关于规范地名管理的提案"]);
    expect(cells).toContain("2024-06-10");
    expect(cells.at(-1)).toBe("");
  });

  it("shows no title or header row as a neighbour of the first data row", () => {
    render(<RowPreview locale="en" sheet={sheet} row={2} col={0} layout={layout} />);
    const preview = screen.getByRole("region", { name: "Preview" });
    const rows = within(preview).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["3", "4"]);
  });
});
