/** @jest-environment jsdom */
/**
 * 汇总多个单位 as the user reads it: the chosen files go to the worker, whose answer (the figures, the failures, the
 * workbook) the panel shows per unit and saves as 汇总台账.xlsx. The worker here answers with a fixed roll-up; the
 * real one is test/standalone/rollupWorker.test.ts and, in Chromium, test/e2e/rollup.test.ts.
 */
import "../taskpane/jsdom";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { failureMessage } from "../../src/i18n/failures";
import { strings } from "../../src/i18n";
import { RollupPanel } from "../../src/standalone/RollupPanel";
import type { PageRollup } from "../../src/standalone/rollupJob";
import type { WorkerLike } from "../../src/standalone/workerHost";
import type { WorkerReply, WorkerRequest } from "../../src/standalone/workerProtocol";

// jsdom's Blob has no arrayBuffer(); every browser the page supports has.
if (!Blob.prototype.arrayBuffer) {
  Blob.prototype.arrayBuffer = function (this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error("read failed"));
      reader.readAsArrayBuffer(this);
    });
  };
}

const WORKBOOK = new Uint8Array([0x50, 0x4b, 3, 4]).buffer;

const ROLLUP: PageRollup = {
  units: [
    { name: "某某局", file: "a.xlsx", total: 16, replied: 11, replyRate: 11 / 16, overdue: 2, issues: 3 },
    { name: "民政局", file: "民政局.xlsx", total: 4, replied: 0, replyRate: 0, overdue: 0, issues: 0 },
  ],
  total: { total: 19, replied: 11, replyRate: 11 / 19, overdue: 2 },
  duplicates: 1,
  failed: [{ file: "坏文件.xlsx", reason: failureMessage("not_xlsx", "zh-CN") }],
  asOf: "2024-06-28",
  bytes: WORKBOOK,
};

/** A worker that answers a roll-up with `answer`, noting the files it was sent. */
function stubWorker(answer: PageRollup, sent: string[][]): () => WorkerLike {
  return () => {
    const listeners: ((event: Event) => void)[] = [];
    return {
      postMessage(message: WorkerRequest) {
        if (message.type !== "rollup") return;
        sent.push(message.files.map((f) => f.name));
        const reply: WorkerReply = {
          id: message.id,
          type: "done",
          result: { type: "rollup", rollup: answer },
        };
        setTimeout(() => listeners.forEach((l) => l({ data: reply } as unknown as Event)));
      },
      terminate() {},
      addEventListener(type: string, listener: (event: Event) => void) {
        if (type === "message") listeners.push(listener);
      },
    };
  };
}

const files = ["a.xlsx", "民政局.xlsx", "坏文件.xlsx"].map((name) => new File([name], name));

describe("RollupPanel", () => {
  const s = strings("zh-CN").page.rollup;

  it("sends every chosen file, shows each unit's 件数, 办复率 and 超期 and the failed file, and saves the workbook", async () => {
    const user = userEvent.setup();
    const sent: string[][] = [];
    const saved: { blob: Blob; name: string }[] = [];
    render(
      <RollupPanel
        locale="zh-CN"
        dropped={null}
        spawn={stubWorker(ROLLUP, sent)}
        save={(blob, name) => saved.push({ blob, name })}
      />,
    );
    await user.upload(screen.getByLabelText(s.choose), files);
    const table = await screen.findByRole("table", { name: s.table });
    expect(sent).toEqual([["a.xlsx", "民政局.xlsx", "坏文件.xlsx"]]);
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual(["承办单位", "文件", "件数", "办复率", "超期", "问题"]);
    const cells = (name: RegExp) =>
      within(within(table).getByRole("row", { name }))
        .getAllByRole("cell")
        .map((c) => c.textContent);
    expect(cells(/^某某局/)).toEqual(["a.xlsx", "16", "68.8%", "2", "3"]);
    expect(cells(/^民政局/)).toEqual(["民政局.xlsx", "4", "0%", "0", "0"]);
    expect(cells(/^合计/)).toEqual(["19", "57.9%", "2", ""]);
    expect(screen.getByRole("status").textContent).toBe(s.summary(2, "2024-06-28"));
    expect(screen.getByText(s.duplicates(1))).toBeTruthy();
    const failed = screen.getByRole("list", { name: s.failedTitle });
    expect(within(failed).getByRole("listitem").textContent).toBe(
      `坏文件.xlsx ${failureMessage("not_xlsx", "zh-CN")}`,
    );
    await user.click(screen.getByRole("button", { name: s.download }));
    expect(saved.map((f) => [f.name, f.blob.size])).toEqual([["汇总台账.xlsx", 4]]);
  });

  it("rolls up the files dropped on the page, each drop once", async () => {
    const sent: string[][] = [];
    const view = render(<RollupPanel locale="en" dropped={null} spawn={stubWorker(ROLLUP, sent)} />);
    const dropped = { files: files.slice(0, 2), seq: 1 };
    view.rerender(<RollupPanel locale="en" dropped={dropped} spawn={stubWorker(ROLLUP, sent)} />);
    expect(await screen.findByRole("table", { name: "Figures by unit" })).toBeTruthy();
    view.rerender(<RollupPanel locale="en" dropped={dropped} spawn={stubWorker(ROLLUP, sent)} />);
    expect(sent).toEqual([["a.xlsx", "民政局.xlsx"]]);
    expect(screen.getByRole("button", { name: /Download the roll-up workbook/ })).toBeTruthy();
  });

  it("says that nothing could be rolled up, offers no download, and lists why", async () => {
    const user = userEvent.setup();
    const none: PageRollup = { ...ROLLUP, units: [], duplicates: 0 };
    delete none.bytes;
    render(<RollupPanel locale="zh-CN" dropped={null} spawn={stubWorker(none, [])} />);
    await user.upload(screen.getByLabelText(s.choose), files.slice(2));
    expect((await screen.findByRole("alert")).textContent).toBe(s.none);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByRole("button", { name: s.download })).toBeNull();
    expect(screen.getByRole("list", { name: s.failedTitle })).toBeTruthy();
  });
});
