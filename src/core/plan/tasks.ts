import type { SheetRole } from "../roles";

/** What each action of the pane (and the ribbon command) writes. */
export type Task = "structure" | "statistics" | "settings";

export const TASK_PARTS: Record<Task, SheetRole[]> = {
  structure: ["ledger", "backup", "summary", "report", "settings"],
  statistics: ["summary", "report", "settings"],
  settings: ["settings"],
};
