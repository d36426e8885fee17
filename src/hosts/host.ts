import type { WorkbookSnapshot } from "../core/snapshot";
import type { WorkbookPlan } from "../core/plan/types";
import type { SettingsInput } from "../core/settings";

/**
 * What the task pane needs from wherever the workbook lives: the open workbook in Excel (Office.js host)
 * or an .xlsx file in the browser (ExcelJS host). Components receive a LedgerHost and never call Office.js.
 */

/** Features a host may be unable to render; the pane says which were skipped. */
export type HostFeature =
  "dataValidation" | "pageLayout" | "mergedAreas" | "undoGroup" | "conditionalFormats" | "tableEvents";

export interface ApplyResult {
  /** Plan parts the host could not render (old Excel): the rest was written. */
  skipped: HostFeature[];
}

export type ProgressListener = (fraction: number) => void;

export interface LedgerHost {
  readonly kind: "excel" | "file";
  /** Features this host cannot render, known before anything is written. */
  unsupported(): Promise<HostFeature[]>;
  /** Reads the whole workbook as plain data. */
  snapshot(): Promise<WorkbookSnapshot>;
  /** Renders a plan into the workbook. Rejects with a HostError whose message is for the user. */
  apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult>;
  /** Selects a cell so the user sees it (Excel only). */
  select?(sheet: string, address: string): Promise<void>;
  /** Calls back when the user edits the given sheet (not for the host's own writes); resolves to an unsubscribe. */
  watch?(sheet: string, onChange: () => void): Promise<() => Promise<void>>;
  /** Offers the workbook built with the pane's current settings as a download (file host only). */
  download?(fileName: string, settings: SettingsInput): Promise<void>;
}

/** A host failure turned into a message for the user (localised by the host from a stable code). */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}
