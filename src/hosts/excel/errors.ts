import type { Locale } from "../../core/fields";
import { HostError } from "../host";

/**
 * OfficeExtension.Error → HostError with a message for the user. Office's own `message` is localised to
 * Office's language and often vague, so we branch on the stable `code` (docs/EXCEL-NOTES.md).
 */

type MessageKey =
  | "cellEdit"
  | "protected"
  | "mergedConflict"
  | "payload"
  | "general"
  | "notFound"
  | "nameTaken"
  | "tooOld"
  | "unknown";

const MESSAGES: Record<MessageKey, Record<Locale, string>> = {
  cellEdit: {
    "zh-CN": "Excel 正在编辑某个单元格。请按 Enter 或 Esc 结束编辑后再试。",
    "zh-TW": "Excel 正在編輯某個儲存格。請按 Enter 或 Esc 結束編輯後再試。",
    en: "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
  },
  protected: {
    "zh-CN": "工作表或工作簿受保护（或为只读），无法写入。请在“审阅”选项卡中撤销保护后再试。",
    "zh-TW": "工作表或活頁簿受保護（或為唯讀），無法寫入。請在「校閱」索引標籤中取消保護後再試。",
    en: "The sheet or workbook is protected (or read-only), so it cannot be changed. Unprotect it on the Review tab and try again.",
  },
  mergedConflict: {
    "zh-CN": "台账区域内有合并单元格，无法建立表格。请取消合并这些单元格后再试。",
    "zh-TW": "台帳範圍內有合併儲存格，無法建立表格。請取消合併這些儲存格後再試。",
    en: "The ledger range contains merged cells, so a table cannot be created there. Unmerge them and try again.",
  },
  payload: {
    "zh-CN": "一次写入的数据超出了 Excel 的大小限制。请关闭其他工作簿后重试，或在桌面版 Excel 中操作。",
    "zh-TW": "一次寫入的資料超出了 Excel 的大小限制。請關閉其他活頁簿後重試，或在桌面版 Excel 中操作。",
    en: "The data sent at once exceeded Excel's size limit. Close other workbooks and try again, or use the desktop version of Excel.",
  },
  general: {
    "zh-CN": "Excel 内部出错，操作未完成。请保存工作簿后重试；原台账的备份工作表仍然保留。",
    "zh-TW": "Excel 內部發生錯誤，操作未完成。請儲存活頁簿後重試；原台帳的備份工作表仍然保留。",
    en: "Excel reported an internal error and the operation did not finish. Save the workbook and try again; the backup of your ledger is kept.",
  },
  notFound: {
    "zh-CN": "找不到所需的工作表或表格，可能在操作期间被重命名或删除。请重新整理后再试。",
    "zh-TW": "找不到所需的工作表或表格，可能在操作期間被重新命名或刪除。請重新整理後再試。",
    en: "A sheet or table the add-in needs was not found; it may have been renamed or deleted meanwhile. Reload and try again.",
  },
  nameTaken: {
    "zh-CN": "工作簿中已有同名的工作表或表格。请重命名后再试。",
    "zh-TW": "活頁簿中已有同名的工作表或表格。請重新命名後再試。",
    en: "A sheet or table with the same name already exists in the workbook. Rename it and try again.",
  },
  tooOld: {
    "zh-CN": "此版本的 Excel 过旧，不支持本加载项（需要 Excel 2019 或 Microsoft 365）。",
    "zh-TW": "此版本的 Excel 過舊，不支援本增益集（需要 Excel 2019 或 Microsoft 365）。",
    en: "This version of Excel is too old for the add-in (Excel 2019 or Microsoft 365 is required).",
  },
  unknown: {
    "zh-CN": "Excel 返回了错误（代码 {code}），操作未完成。",
    "zh-TW": "Excel 傳回了錯誤（代碼 {code}），操作未完成。",
    en: "Excel returned an error (code {code}) and the operation did not finish.",
  },
};

const BY_CODE: Record<string, MessageKey> = {
  InvalidOperationInCellEditMode: "cellEdit",
  AccessDenied: "protected",
  MergedRangeConflict: "mergedConflict",
  RequestPayloadSizeLimitExceeded: "payload",
  ResponsePayloadSizeLimitExceeded: "payload",
  PayloadTooLarge: "payload",
  RangeExceedsLimit: "payload",
  OperationCellsExceedLimit: "payload",
  GeneralException: "general",
  ItemNotFound: "notFound",
  ItemAlreadyExists: "nameTaken",
  ApiNotFound: "tooOld",
  // Our own codes (raised by the host itself).
  ExcelTooOld: "tooOld",
  SheetNameTaken: "nameTaken",
};

/** The message for a code in a locale; unknown codes get a generic message that names the code. */
export function messageFor(code: string, locale: Locale, location?: string): string {
  let key = BY_CODE[code] ?? "unknown";
  // tables.add reports merged cells in its range as InvalidArgument on some builds (docs/EXCEL-NOTES.md).
  if (code === "InvalidArgument" && location !== undefined && /^Table/i.test(location))
    key = "mergedConflict";
  return MESSAGES[key][locale].replace("{code}", code);
}

interface OfficeLikeError {
  code: string;
  debugInfo?: { errorLocation?: string };
}

function isOfficeError(e: unknown): e is OfficeLikeError {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";
}

/** Turns anything thrown inside Excel.run into a HostError; keeps the original as `cause`. */
export function toHostError(e: unknown, locale: Locale): HostError {
  if (e instanceof HostError) return e;
  const code = isOfficeError(e) ? e.code : "Unknown";
  const location = isOfficeError(e) ? e.debugInfo?.errorLocation : undefined;
  const err = new HostError(code, messageFor(code, locale, location));
  err.cause = e;
  return err;
}

/** A HostError raised by the host itself (not by Excel). */
export function hostError(
  code: "ExcelTooOld" | "SheetNameTaken",
  locale: Locale,
  detail?: string,
): HostError {
  const message = messageFor(code, locale);
  return new HostError(code, detail ? `${message} (${detail})` : message);
}
