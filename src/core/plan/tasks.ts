import type { SheetRole } from "../roles";

/** What each action of the pane (and the ribbon command) writes. */
export type Task = "structure" | "statistics" | "settings" | "reminders" | "print";

export const TASK_PARTS: Record<Task, SheetRole[]> = {
  structure: ["ledger", "backup", "summary", "report", "settings"],
  statistics: ["summary", "report", "settings"],
  settings: ["settings"],
  /** 生成催办单: the notice sheet as of today (the ledger structured first when it never was, as for statistics). */
  reminders: ["reminders", "settings"],
  /** 生成打印版: the 督办 columns of the ledger on A4 landscape, as of today (the ledger structured first). */
  print: ["print", "settings"],
};
