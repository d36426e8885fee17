import type { HostFeature } from "../host";

/**
 * What the running Excel can do, from its ExcelApi requirement sets. The manifest asks for 1.7
 * (Office 2019: worksheet.copy, freezePanes, onChanged, conditional formats 1.6, calculation suspension
 * 1.6); everything later is detected here and skipped with a notice when missing.
 */
export interface ExcelFeatures {
  /** ExcelApi 1.7, the manifest minimum. */
  minimum: boolean;
  /** 1.8: range.dataValidation, runtime.enableEvents. */
  dataValidation: boolean;
  /** 1.9: worksheet.pageLayout, range.format.indentLevel. */
  pageLayout: boolean;
  /** 1.9: Range.copyFrom (a table's calculated column sent once, not row by row). */
  copyFrom: boolean;
  /** 1.13: range.getMergedAreasOrNullObject. */
  mergedAreas: boolean;
  /** 1.14: WorksheetChangedEventArgs.triggerSource. */
  triggerSource: boolean;
  /** 1.20: Excel.run({ mergeUndoGroup }). */
  undoGroup: boolean;
}

export type SetSupported = (name: string, version: string) => boolean;

/** Office.context.requirements.isSetSupported, or "nothing" outside Office (so nothing optional runs). */
function officeSetSupported(): SetSupported {
  return (name, version) => {
    if (typeof Office === "undefined") return false;
    return Office.context?.requirements?.isSetSupported(name, version) ?? false;
  };
}

export function detectFeatures(isSupported: SetSupported = officeSetSupported()): ExcelFeatures {
  const api = (v: string): boolean => isSupported("ExcelApi", v);
  return {
    minimum: api("1.7"),
    dataValidation: api("1.8"),
    pageLayout: api("1.9"),
    copyFrom: api("1.9"),
    mergedAreas: api("1.13"),
    triggerSource: api("1.14"),
    undoGroup: api("1.20"),
  };
}

/** The HostFeatures this Excel cannot render, in a stable order for the task pane's notice. */
export function unsupportedFeatures(f: ExcelFeatures): HostFeature[] {
  const out: HostFeature[] = [];
  if (!f.dataValidation) out.push("dataValidation");
  if (!f.pageLayout) out.push("pageLayout");
  if (!f.mergedAreas) out.push("mergedAreas");
  if (!f.undoGroup) out.push("undoGroup");
  return out;
}
