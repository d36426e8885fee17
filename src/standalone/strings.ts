import type { Locale } from "../core/fields";

/** The page's own words (file picking, download); the pane's words come from src/i18n. */
export interface PageStrings {
  title: string;
  subtitle: string;
  choose: string;
  drop: string;
  privacy: string;
  reading: string;
  download: string;
  downloading: string;
  /** What the download holds, and that it follows the corrections made below. */
  downloadHint: string;
  /** Heading of the figures of the workbook as it will be downloaded. */
  figures: string;
  another: string;
  /** Suffix of the downloaded file's name, before ".xlsx". */
  builtSuffix: string;
  renderFailed: string;
  downloadFailed: string;
  errorTitle: string;
}

const zhCN: PageStrings = {
  title: "建议提案台账",
  subtitle: "把责任分工表整理成结构化台账、统计表和汇报材料",
  choose: "打开 Excel 文件（.xlsx）",
  drop: "或把文件拖到这里",
  privacy: "文件只在本机浏览器中处理，不会上传。",
  reading: "正在读取文件…",
  download: "下载整理后的工作簿",
  downloading: "正在生成工作簿…",
  downloadHint: "含整理后的台账、原表备份、统计表和汇报材料，按下方当前的字段对应和设置生成。",
  figures: "主要数字",
  another: "打开其他文件",
  builtSuffix: "（已整理）",
  renderFailed: "写入工作簿时出错，原文件未受影响。",
  downloadFailed: "生成下载文件时出错，请重试。",
  errorTitle: "无法读取",
};

const zhTW: PageStrings = {
  title: "建議提案台賬",
  subtitle: "把責任分工表整理成結構化台賬、統計表和匯報材料",
  choose: "開啟 Excel 檔案（.xlsx）",
  drop: "或把檔案拖到這裡",
  privacy: "檔案只在本機瀏覽器中處理，不會上傳。",
  reading: "正在讀取檔案…",
  download: "下載整理後的活頁簿",
  downloading: "正在產生活頁簿…",
  downloadHint: "含整理後的台賬、原表備份、統計表和匯報材料，按下方目前的欄位對應和設定產生。",
  figures: "主要數字",
  another: "開啟其他檔案",
  builtSuffix: "（已整理）",
  renderFailed: "寫入活頁簿時出錯，原檔案未受影響。",
  downloadFailed: "產生下載檔案時出錯，請重試。",
  errorTitle: "無法讀取",
};

const en: PageStrings = {
  title: "Proposal Ledger",
  subtitle: "Turns a 责任分工表 into a structured ledger, a statistics sheet and a report",
  choose: "Open an Excel file (.xlsx)",
  drop: "or drop it here",
  privacy: "The file is processed in this browser only; nothing is uploaded.",
  reading: "Reading the file…",
  // "下载" stays in the English name so the page's download button is found by one name in every language.
  download: "Download the built workbook (下载)",
  downloading: "Building the workbook…",
  downloadHint:
    "With the structured ledger, a backup of the original, the statistics and the report, built with the column mapping and settings below as they stand.",
  figures: "Key figures",
  another: "Open another file",
  builtSuffix: " (built)",
  renderFailed: "Writing the workbook failed; the original file is untouched.",
  downloadFailed: "Building the download failed. Please try again.",
  errorTitle: "Cannot read the file",
};

const PAGE: Record<Locale, PageStrings> = { "zh-CN": zhCN, "zh-TW": zhTW, en };

export function pageStrings(locale: Locale): PageStrings {
  return PAGE[locale];
}
