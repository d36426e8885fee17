import type { Issue } from "../../issues";
import type { Rollup } from "../../rollup";
import { inScript } from "../../script";
import type { NewSheetPlan, PlanCell } from "../types";
import { Grid, LIST_CELL, LIST_CENTER, TABLE_HEADER, num, printedSheet, rowHeightFor, txt } from "../grid";
import { S_NOTE, S_TITLE } from "../summary/layout";

/** The words of the roll-up the engine cannot write itself: issue and failure messages in the user's language. */
export interface RollupTexts<F> {
  issue(issue: Issue): string;
  failure(failure: F): string;
}

const HEAD = ["承办单位", "文件", "工作表", "行", "单元格", "类型", "问题"];
const WIDTHS = [18, 24, 14, 6, 8, 7, 60];

/**
 * 各单位问题: the files that could not be read, with the reason, then each unit's issues with the sheet, row and
 * cell they point at, the message as the command line words it (in the user's language).
 */
export function rollupIssuesSheet<F>(r: Rollup<F>, name: string, texts: RollupTexts<F>): NewSheetPlan {
  const z = (t: string): string => inScript(t, r.script);
  const g = new Grid(HEAD.length);
  const title = g.add([txt(z("各单位台账问题清单"))]);
  g.merge(title, 0, HEAD.length - 1);
  g.style(title, 0, HEAD.length - 1, { ...S_TITLE, fontSize: 16 });
  g.height(title, 28);
  const head = g.add(HEAD.map((h) => txt(z(h))));
  g.style(head, 0, HEAD.length - 1, TABLE_HEADER);
  g.height(head, 22);
  const line = (cells: PlanCell[], message: string): void => {
    const row = g.add(cells);
    g.style(row, 0, HEAD.length - 1, LIST_CELL);
    g.style(row, 3, 5, LIST_CENTER);
    g.height(row, Math.max(18, rowHeightFor(message, 28, 15)));
  };
  const empty: PlanCell = { t: "empty" };
  for (const f of r.failed) {
    const reason = texts.failure(f.failure);
    line([txt(z("（未能读取）")), txt(f.file), empty, empty, empty, txt(z("错误")), txt(reason)], reason);
  }
  for (const u of r.units) {
    for (const i of u.issues) {
      const message = texts.issue(i);
      line(
        [
          txt(u.name),
          txt(u.file),
          txt(i.sheet ?? u.analysis.layout.sheet),
          i.row === null ? txt(z("全表")) : num(i.row),
          i.cell !== undefined ? txt(i.cell) : empty,
          txt(z(i.severity === "error" ? "错误" : "提醒")),
          txt(message),
        ],
        message,
      );
    }
  }
  if (g.rows.length === 2) {
    const none = g.add([txt(z("各单位台账均未发现问题。"))]);
    g.merge(none, 0, HEAD.length - 1);
    g.style(none, 0, HEAD.length - 1, S_NOTE);
  }
  return {
    ...printedSheet(g, {
      role: "report",
      name,
      columnWidths: WIDTHS,
      margins: { top: 0.75, bottom: 0.75, left: 0.5, right: 0.5 },
      printTitleRows: "2:2",
      landscape: true,
    }),
    freeze: { rows: 2, columns: 0 },
  };
}
