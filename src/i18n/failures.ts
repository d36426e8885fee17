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
  | "bad_settings"
  | "password_protected"
  | "ods"
  | "not_workbook"
  | "too_large"
  | "zip_bomb"
  | "too_many_parts"
  | "too_many_cells"
  | "too_many_merges"
  | "is_directory"
  | "unreadable";

/**
 * What a message may name besides its code: `text` (a sheet name, a path, "word"/"powerpoint" for
 * not_workbook), the limit and the figure found for a refusal past a limit, the hidden sheets a no_ledger
 * message mentions. A plain string is `text`.
 */
export interface FailureDetail {
  text?: string;
  actual?: number;
  limit?: number;
  hidden?: readonly string[];
}

type Text = Record<Locale, (detail: string, more: FailureDetail) => string>;

/** 4,000,000: thousands separated the same way in every UI language. */
function n(value: number | undefined): string {
  return (value ?? 0).toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** Bytes as whole MB. */
function mb(bytes: number | undefined): string {
  return n(Math.ceil((bytes ?? 0) / (1024 * 1024)));
}

const ZH_SEP = "、";

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
    "zh-CN": (d, { hidden = [] }) =>
      `${d ? `工作表“${d}”中` : ""}没有找到台账表头（如 序号、案由、分管领导、承办科室、办理时限）。请确认这是建议提案台账。` +
      (hidden.length > 0
        ? `隐藏的工作表${hidden.map((h) => `“${h}”`).join(ZH_SEP)}也已查找，同样没有台账表头。`
        : ""),
    "zh-TW": (d, { hidden = [] }) =>
      `${d ? `工作表「${d}」中` : ""}沒有找到台賬表頭（如 序號、案由、分管領導、承辦科室、辦理時限）。請確認這是建議提案台賬。` +
      (hidden.length > 0
        ? `隱藏的工作表${hidden.map((h) => `「${h}」`).join(ZH_SEP)}也已搜尋，同樣沒有台賬表頭。`
        : ""),
    en: (d, { hidden = [] }) =>
      `No ledger header (such as 序号, 案由, 分管领导, 承办科室, 办理时限) was found${d ? ` on sheet "${d}"` : ""}. Is this a proposal ledger?` +
      (hidden.length > 0
        ? ` The hidden sheet${hidden.length > 1 ? "s" : ""} ${hidden.map((h) => `"${h}"`).join(", ")} ${hidden.length > 1 ? "were" : "was"} searched too, with no ledger header either.`
        : ""),
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
  password_protected: {
    "zh-CN": () => "文件设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试。",
    "zh-TW": () => "檔案設有開啟密碼，無法讀取。請在 Excel 或 WPS 中取消密碼後另存為 .xlsx 再試。",
    en: () =>
      "The file is protected by an opening password and cannot be read. Remove the password in Excel or WPS, save it as .xlsx and try again.",
  },
  ods: {
    "zh-CN": () =>
      "这是 OpenDocument 表格（.ods）文件。请在 WPS、Excel 或 LibreOffice 中另存为 .xlsx 后再试。",
    "zh-TW": () =>
      "這是 OpenDocument 試算表（.ods）檔案。請在 WPS、Excel 或 LibreOffice 中另存為 .xlsx 後再試。",
    en: () =>
      "This is an OpenDocument spreadsheet (.ods). Save it as .xlsx in WPS, Excel or LibreOffice and try again.",
  },
  not_workbook: {
    "zh-CN": (d) =>
      `这是${d === "word" ? " Word " : d === "powerpoint" ? " PowerPoint " : "其他类型的"}文件，不是工作簿。请选择建议提案台账的 Excel 文件（.xlsx）。`,
    "zh-TW": (d) =>
      `這是${d === "word" ? " Word " : d === "powerpoint" ? " PowerPoint " : "其他類型的"}檔案，不是活頁簿。請選擇建議提案台賬的 Excel 檔案（.xlsx）。`,
    en: (d) =>
      `This is ${d === "word" ? "a Word" : d === "powerpoint" ? "a PowerPoint" : "another kind of"} document, not a workbook. Choose the ledger's Excel file (.xlsx).`,
  },
  too_large: {
    "zh-CN": (_, f) =>
      `文件解压后有 ${mb(f.actual)} MB，超过上限 ${mb(f.limit)} MB，无法读取。请删去无关的工作表或图片后再试。`,
    "zh-TW": (_, f) =>
      `檔案解壓後有 ${mb(f.actual)} MB，超過上限 ${mb(f.limit)} MB，無法讀取。請刪去無關的工作表或圖片後再試。`,
    en: (_, f) =>
      `The file unpacks to ${mb(f.actual)} MB, over the limit of ${mb(f.limit)} MB, and cannot be read. Remove unrelated sheets or pictures and try again.`,
  },
  zip_bomb: {
    "zh-CN": (d, f) =>
      `文件中的“${d}”解压后是压缩大小的 ${n(f.actual)} 倍，超过上限 ${n(f.limit)} 倍，疑似恶意构造的文件，已拒绝读取。`,
    "zh-TW": (d, f) =>
      `檔案中的「${d}」解壓後是壓縮大小的 ${n(f.actual)} 倍，超過上限 ${n(f.limit)} 倍，疑似惡意建構的檔案，已拒絕讀取。`,
    en: (d, f) =>
      `The part "${d}" unpacks to ${n(f.actual)} times its compressed size, over the limit of ${n(f.limit)} times; the file looks built to attack and was not read.`,
  },
  too_many_parts: {
    "zh-CN": (_, f) => `文件包含 ${n(f.actual)} 个部件，超过上限 ${n(f.limit)} 个，无法读取。`,
    "zh-TW": (_, f) => `檔案包含 ${n(f.actual)} 個元件，超過上限 ${n(f.limit)} 個，無法讀取。`,
    en: (_, f) => `The file holds ${n(f.actual)} parts, over the limit of ${n(f.limit)}, and cannot be read.`,
  },
  too_many_cells: {
    "zh-CN": (_, f) =>
      `工作簿有 ${n(f.actual)} 个单元格，超过上限 ${n(f.limit)} 个，无法读取。请删去无关的工作表、行或列（或把台账按年度拆分）后再试。`,
    "zh-TW": (_, f) =>
      `活頁簿有 ${n(f.actual)} 個儲存格，超過上限 ${n(f.limit)} 個，無法讀取。請刪去無關的工作表、列或欄（或把台賬按年度拆分）後再試。`,
    en: (_, f) =>
      `The workbook has ${n(f.actual)} cells, over the limit of ${n(f.limit)}, and cannot be read. Remove unrelated sheets, rows or columns (or split the ledger by year) and try again.`,
  },
  too_many_merges: {
    "zh-CN": (_, f) =>
      `工作簿有 ${n(f.actual)} 个合并单元格区域，超过上限 ${n(f.limit)} 个，无法读取。请取消多余的合并后再试。`,
    "zh-TW": (_, f) =>
      `活頁簿有 ${n(f.actual)} 個合併儲存格範圍，超過上限 ${n(f.limit)} 個，無法讀取。請取消多餘的合併後再試。`,
    en: (_, f) =>
      `The workbook has ${n(f.actual)} merged areas, over the limit of ${n(f.limit)}, and cannot be read. Unmerge the unneeded ones and try again.`,
  },
  is_directory: {
    "zh-CN": (d) => `这是文件夹，不是文件：${d}`,
    "zh-TW": (d) => `這是資料夾，不是檔案：${d}`,
    en: (d) => `This is a folder, not a file: ${d}`,
  },
  unreadable: {
    "zh-CN": (d) => `无法读取文件（没有权限或正被占用）：${d}`,
    "zh-TW": (d) => `無法讀取檔案（沒有權限或正被佔用）：${d}`,
    en: (d) => `Cannot read the file (no permission, or it is in use): ${d}`,
  },
};

/**
 * The message for a failure code in one language; `detail` is a sheet name, a path or similar, or a
 * FailureDetail (an XlsxLoadError gives `{ text: err.detail, ...err.figures }`).
 */
export function failureMessage(
  code: FailureCode,
  locale: Locale,
  detail: string | FailureDetail = "",
): string {
  const more = typeof detail === "string" ? { text: detail } : detail;
  return TEXT[code][locale](more.text ?? "", more);
}
