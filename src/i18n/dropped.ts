import type { Locale } from "../core/fields";
import type { DroppedKind, DroppedPart, DroppedReason } from "../hosts/host";

/**
 * What the built .xlsx does not hold of the original (hosts/xlsx/carry.ts), in every UI language: one line per
 * kind, with how many parts and why. The CLI prints them; the page shows them before the download.
 */

const KINDS: Record<Locale, Record<DroppedKind, string>> = {
  "zh-CN": {
    chart: "图表",
    drawing: "图形",
    image: "图片",
    pivotTable: "数据透视表",
    pivotCache: "数据透视表缓存",
    customProperties: "自定义属性（如密级）",
    customXml: "自定义 XML 数据",
    vba: "宏（VBA 工程）",
    comments: "批注",
    workbookProtection: "工作簿保护",
    sheetProtection: "工作表保护",
    slicer: "切片器",
    timeline: "日程表",
    externalLink: "外部链接",
    control: "控件",
    embedding: "嵌入对象",
    printerSettings: "打印机设置",
    connection: "数据连接",
    queryTable: "查询表",
    threadedComments: "会话式批注",
    table: "表格",
    sheetExtension: "工作表扩展内容",
    signature: "数字签名",
    other: "其他内容",
  },
  "zh-TW": {
    chart: "圖表",
    drawing: "圖形",
    image: "圖片",
    pivotTable: "樞紐分析表",
    pivotCache: "樞紐分析表快取",
    customProperties: "自訂內容（如密級）",
    customXml: "自訂 XML 資料",
    vba: "巨集（VBA 專案）",
    comments: "附註",
    workbookProtection: "活頁簿保護",
    sheetProtection: "工作表保護",
    slicer: "交叉分析篩選器",
    timeline: "時間表",
    externalLink: "外部連結",
    control: "控制項",
    embedding: "內嵌物件",
    printerSettings: "印表機設定",
    connection: "資料連線",
    queryTable: "查詢表",
    threadedComments: "對話式註解",
    table: "表格",
    sheetExtension: "工作表延伸內容",
    signature: "數位簽章",
    other: "其他內容",
  },
  en: {
    chart: "charts",
    drawing: "drawings",
    image: "pictures",
    pivotTable: "pivot tables",
    pivotCache: "pivot caches",
    customProperties: "custom properties (e.g. classification)",
    customXml: "custom XML data",
    vba: "macros (VBA project)",
    comments: "notes",
    workbookProtection: "workbook protection",
    sheetProtection: "sheet protection",
    slicer: "slicers",
    timeline: "timelines",
    externalLink: "external links",
    control: "controls",
    embedding: "embedded objects",
    printerSettings: "printer settings",
    connection: "data connections",
    queryTable: "query tables",
    threadedComments: "threaded comments",
    table: "tables",
    sheetExtension: "sheet extensions",
    signature: "digital signatures",
    other: "other parts",
  },
};

const REASONS: Record<Locale, Record<DroppedReason, string>> = {
  "zh-CN": {
    sheetReplaced: "所在工作表由本工具重新生成",
    sheetRemoved: "所在工作表已不在文件中",
    notCarried: "本工具无法保留此类内容",
    macrosInXlsx: "输出文件是 .xlsx，不能带宏；要保留宏，请输出为 .xlsm",
  },
  "zh-TW": {
    sheetReplaced: "所在工作表由本工具重新產生",
    sheetRemoved: "所在工作表已不在檔案中",
    notCarried: "本工具無法保留此類內容",
    macrosInXlsx: "輸出檔案是 .xlsx，不能帶巨集；要保留巨集，請輸出為 .xlsm",
  },
  en: {
    sheetReplaced: "its sheet is generated anew by this tool",
    sheetRemoved: "its sheet is no longer in the file",
    notCarried: "this tool cannot keep this kind of content",
    macrosInXlsx: "the output is an .xlsx, which cannot hold macros; write an .xlsm to keep them",
  },
};

const TEMPLATE: Record<Locale, (what: string, count: number, sheets: string, reasons: string) => string> = {
  "zh-CN": (what, count, sheets, reasons) =>
    `未保留：${what} ${count} 项${sheets ? `（${sheets}）` : ""}——${reasons}`,
  "zh-TW": (what, count, sheets, reasons) =>
    `未保留：${what} ${count} 項${sheets ? `（${sheets}）` : ""}——${reasons}`,
  en: (what, count, sheets, reasons) =>
    `Not kept: ${what}, ${count}${sheets ? ` (${sheets})` : ""} — ${reasons}`,
};

export function droppedKindLabel(kind: DroppedKind, locale: Locale): string {
  return KINDS[locale][kind];
}

export function droppedReasonText(reason: DroppedReason, locale: Locale): string {
  return REASONS[locale][reason];
}

/** One line per kind of dropped part, in the order first met: what, how many, on which sheets, why. */
export function droppedLines(dropped: readonly DroppedPart[], locale: Locale): string[] {
  const byKind = new Map<DroppedKind, DroppedPart[]>();
  for (const d of dropped) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  const quote = (s: string) => (locale === "en" ? `"${s}"` : `“${s}”`);
  const sep = locale === "en" ? ", " : "、";
  const reasonSep = locale === "en" ? "; " : "；";
  return [...byKind].map(([kind, parts]) => {
    const sheets = [...new Set(parts.flatMap((p) => (p.sheet !== undefined ? [p.sheet] : [])))];
    const reasons = [...new Set(parts.map((p) => p.reason))].map((r) => REASONS[locale][r]);
    return TEMPLATE[locale](
      KINDS[locale][kind],
      parts.length,
      sheets.map(quote).join(sep),
      reasons.join(reasonSep),
    );
  });
}
