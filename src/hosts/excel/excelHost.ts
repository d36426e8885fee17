import type { WorkbookPlan } from "../../core/plan/types";
import type { WorkbookSnapshot } from "../../core/snapshot";
import type { ApplyResult, HostFeature, LedgerHost, ProgressListener } from "../host";
import { hostError, toHostError } from "./errors";
import { detectFeatures, unsupportedFeatures, type ExcelFeatures, type SetSupported } from "./features";
import { renderPlan } from "./render";
import { readSnapshot } from "./snapshot";
import { canSaveFiles, linkCanDownload, saveWithLink } from "../download";

/** The open workbook in Excel as a LedgerHost. The only module family that calls Excel.run. */

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

export interface ExcelHostOptions {
  /** Requirement-set check; defaults to Office.context.requirements.isSetSupported. */
  isSetSupported?: SetSupported;
  /** Office's platform ("OfficeOnline", "PC", "Mac" …); defaults to Office.context.platform. */
  platform?: string;
}

/**
 * `_locale` is no longer used: the host rejects with codes and the front end renders them in its language.
 * It stays until its callers (the pane's and the ribbon's entry points, the host's tests) drop it.
 */
export function createExcelHost(options: ExcelHostOptions = {}): LedgerHost {
  let features: ExcelFeatures | undefined;
  const feat = (): ExcelFeatures => (features ??= detectFeatures(options.isSetSupported));
  /** Writes in flight: change events raised meanwhile are ours, not the user's. */
  let writing = 0;

  const run = async <T>(batch: Batch<T>, mergeUndoGroup = false): Promise<T> => {
    const f = feat();
    if (!f.minimum) throw hostError("ExcelTooOld");
    // delayForCellEdit: wait for the user to leave cell edit mode instead of failing at once.
    const runOptions: Excel.RunOptions = { delayForCellEdit: true };
    if (mergeUndoGroup && f.undoGroup) runOptions.mergeUndoGroup = true;
    try {
      return await Excel.run(runOptions, batch);
    } catch (e) {
      throw toHostError(e);
    }
  };

  const platform =
    options.platform ??
    (typeof Office !== "undefined" ? (Office.context?.platform as unknown as string | undefined) : undefined);
  const saves = canSaveFiles(platform, linkCanDownload());

  return {
    kind: "excel",
    ...(saves
      ? {
          saveFile(bytes: Uint8Array, fileName: string): void {
            saveWithLink(new Blob([bytes as BlobPart]), fileName);
          },
        }
      : {}),

    async unsupported(): Promise<HostFeature[]> {
      return unsupportedFeatures(feat());
    },

    snapshot(): Promise<WorkbookSnapshot> {
      return run((context) => readSnapshot(context, feat()));
    },

    async apply(plan: WorkbookPlan, onProgress?: ProgressListener): Promise<ApplyResult> {
      writing++;
      try {
        return await run((context) => renderPlan(context, plan, { features: feat(), onProgress }), true);
      } finally {
        writing--;
      }
    },

    select(sheet: string, address: string): Promise<void> {
      return run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await context.sync();
      });
    },

    async watch(sheet: string, onChange: () => void): Promise<() => Promise<void>> {
      const handler = await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const result = ws.onChanged.add(async (event) => {
          // triggerSource (ExcelApi 1.14) names our own writes; before it, the flag covers apply().
          if (feat().triggerSource && event.triggerSource === "ThisLocalAddin") return;
          if (writing > 0) return;
          onChange();
        });
        await context.sync();
        return result;
      });
      return async () => {
        try {
          await Excel.run(handler.context, async (context) => {
            handler.remove();
            await context.sync();
          });
        } catch (e) {
          throw toHostError(e);
        }
      };
    },
  };
}
