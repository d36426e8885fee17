import type { Locale } from "../core/fields";

/**
 * Messages for inputs the engine cannot use at all (not an .xlsx, no ledger found, …), in every UI language.
 * Codes come from analyzeWorkbook (AnalyzeFailure) and from the .xlsx host's loader (XlsxLoadError).
 */
export type FailureCode =
  | "empty_workbook"
  | "sheet_not_found"
  | "no_ledger"
  | "not_xlsx"
  | "legacy_xls"
  | "html_xls"
  | "corrupt"
  | "empty"
  | "file_not_found"
  | "write_failed"
  | "bad_settings";

type Text = Record<Locale, (detail: string) => string>;

const TEXT: Record<FailureCode, Text> = {
  empty_workbook: {
    "zh-CN": () => "工作簿里没有工作表。",
    "zh-TW": () => "活頁簿裡沒有工作表。",
    en: () => "The workbook has no worksheets.",
  },
  sheet_not_found: {
    "zh-CN": (d) => `找不到名为“${d}”的工作表。`,
    "zh-TW": (d) => `找不到名為「${d}」的工作表。`,
    en: (d) => `There is no worksheet named "${d}".`,
  },
  no_ledger: {
    "zh-CN": (d) =>
      `${d ? `工作表“${d}”中` : ""}没有找到台账表头（如 序号、案由、分管领导、承办科室、办理时限）。请确认这是建议提案台账。`,
    "zh-TW": (d) =>
      `${d ? `工作表「${d}」中` : ""}沒有找到台賬表頭（如 序號、案由、分管領導、承辦科室、辦理時限）。請確認這是建議提案台賬。`,
    en: (d) =>
      `No ledger header (such as 序号, 案由, 分管领导, 承办科室, 办理时限) was found${d ? ` on sheet "${d}"` : ""}. Is this a proposal ledger?`,
  },
  not_xlsx: {
    "zh-CN": () => "这不是 .xlsx 文件。请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。",
    "zh-TW": () => "這不是 .xlsx 檔案。請在 Excel 或 WPS 中「另存新檔」為 Excel 活頁簿（.xlsx）後再試。",
    en: () =>
      "This is not an .xlsx file. Save it as an Excel workbook (.xlsx) in Excel or WPS and try again.",
  },
  legacy_xls: {
    "zh-CN": () => "这是旧版 .xls 文件。请在 Excel 或 WPS 中另存为 .xlsx 后再试。",
    "zh-TW": () => "這是舊版 .xls 檔案。請在 Excel 或 WPS 中另存為 .xlsx 後再試。",
    en: () => "This is an old .xls file. Save it as .xlsx in Excel or WPS and try again.",
  },
  html_xls: {
    "zh-CN": () =>
      "这个文件是网页（HTML）或 XML 格式，但里面没有表格，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。",
    "zh-TW": () =>
      "這個檔案是網頁（HTML）或 XML 格式，但裡面沒有表格，無法讀取。請用 Excel 或 WPS 開啟後另存為 .xlsx 再試。",
    en: () =>
      "This file is an HTML (web page) or XML file with no table in it, so it cannot be read. Open it in Excel or WPS, save it as .xlsx and try again.",
  },
  corrupt: {
    "zh-CN": () => "文件已损坏或不是 Excel 工作簿，无法读取。",
    "zh-TW": () => "檔案已損壞或不是 Excel 活頁簿，無法讀取。",
    en: () => "The file is damaged or is not an Excel workbook, and cannot be read.",
  },
  empty: {
    "zh-CN": () => "文件是空的。",
    "zh-TW": () => "檔案是空的。",
    en: () => "The file is empty.",
  },
  file_not_found: {
    "zh-CN": (d) => `找不到文件：${d}`,
    "zh-TW": (d) => `找不到檔案：${d}`,
    en: (d) => `File not found: ${d}`,
  },
  write_failed: {
    "zh-CN": (d) => `无法写入文件：${d}（文件是否正在 Excel 或 WPS 中打开？）`,
    "zh-TW": (d) => `無法寫入檔案：${d}（檔案是否正在 Excel 或 WPS 中開啟？）`,
    en: (d) => `Cannot write the file: ${d} (is it open in Excel or WPS?)`,
  },
  bad_settings: {
    "zh-CN": (d) => `设置有误：${d}`,
    "zh-TW": (d) => `設定有誤：${d}`,
    en: (d) => `Invalid settings: ${d}`,
  },
};

/** The message for a failure code in one language; `detail` is a sheet name, a path or similar. */
export function failureMessage(code: FailureCode, locale: Locale, detail = ""): string {
  return TEXT[code][locale](detail);
}
