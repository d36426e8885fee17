import type { Locale } from "../../../src/core/fields";
import { hostError, toHostError } from "../../../src/hosts/excel/errors";
import { HostError, type HostErrorCode } from "../../../src/hosts/host";
import { hostErrorMessage } from "../../../src/i18n";

/** OfficeExtension.Error as Office.js throws it: a stable code, a localised message, debug info. */
function officeError(code: string, errorLocation?: string): Error {
  return Object.assign(new Error("localised text from Office"), {
    name: "RichApi.Error",
    code,
    debugInfo: errorLocation ? { errorLocation } : {},
  });
}

const text = (err: HostError, locale: Locale): string => hostErrorMessage(err.code, err.details, locale);

// Office code, location, the HostError's code, and a phrase each locale's text must contain.
const CASES: [string, string | undefined, HostErrorCode, Record<Locale, string>][] = [
  [
    "InvalidOperationInCellEditMode",
    undefined,
    "InvalidOperationInCellEditMode",
    { "zh-CN": "正在编辑", "zh-TW": "正在編輯", en: "editing a cell" },
  ],
  ["AccessDenied", undefined, "AccessDenied", { "zh-CN": "受保护", "zh-TW": "受保護", en: "protected" }],
  [
    "MergedRangeConflict",
    undefined,
    "MergedRangeConflict",
    { "zh-CN": "合并单元格", "zh-TW": "合併儲存格", en: "merged cells" },
  ],
  [
    "InvalidArgument",
    "TableCollection.add",
    "MergedRangeConflict",
    { "zh-CN": "合并单元格", "zh-TW": "合併儲存格", en: "merged cells" },
  ],
  [
    "RequestPayloadSizeLimitExceeded",
    undefined,
    "RequestPayloadSizeLimitExceeded",
    { "zh-CN": "大小限制", "zh-TW": "大小限制", en: "size limit" },
  ],
  [
    "PayloadTooLarge",
    undefined,
    "PayloadTooLarge",
    { "zh-CN": "大小限制", "zh-TW": "大小限制", en: "size limit" },
  ],
  [
    "GeneralException",
    undefined,
    "GeneralException",
    { "zh-CN": "内部出错", "zh-TW": "內部發生錯誤", en: "internal error" },
  ],
  ["ItemNotFound", undefined, "ItemNotFound", { "zh-CN": "找不到", "zh-TW": "找不到", en: "not found" }],
  [
    "ItemAlreadyExists",
    undefined,
    "ItemAlreadyExists",
    { "zh-CN": "同名", "zh-TW": "同名", en: "same name" },
  ],
  ["ApiNotFound", undefined, "ApiNotFound", { "zh-CN": "过旧", "zh-TW": "過舊", en: "too old" }],
  [
    "InvalidArgument",
    "Range.values",
    "Unknown",
    { "zh-CN": "代码 InvalidArgument", "zh-TW": "代碼 InvalidArgument", en: "code InvalidArgument" },
  ],
  [
    "SomethingNew",
    undefined,
    "Unknown",
    { "zh-CN": "代码 SomethingNew", "zh-TW": "代碼 SomethingNew", en: "code SomethingNew" },
  ],
];

describe("OfficeExtension.Error code → HostError → text", () => {
  const rows = CASES.flatMap(([office, location, code, phrases]) =>
    (Object.keys(phrases) as Locale[]).map(
      (locale) => [office, location, code, locale, phrases[locale]] as const,
    ),
  );
  it.each(rows)("%s at %s is %s, in %s mentioning %j", (office, location, code, locale, phrase) => {
    const err = toHostError(officeError(office, location));
    expect(err).toBeInstanceOf(HostError);
    expect(err.code).toBe(code);
    // The message is the code, for logs: never Office's localised words, never the user's text.
    expect(err.message).toBe(code);
    expect(err.cause).toBeInstanceOf(Error);
    expect(text(err, locale)).toContain(phrase);
    expect(text(err, locale)).not.toContain("localised text from Office");
  });

  it("keeps Office's code and location in the details when it names its own code", () => {
    expect(toHostError(officeError("InvalidArgument", "TableCollection.add")).details).toEqual({
      officeCode: "InvalidArgument",
      location: "TableCollection.add",
    });
    expect(toHostError(officeError("AccessDenied", "Range.values")).details).toEqual({
      location: "Range.values",
    });
  });

  it("gives every known code a distinct text in each locale", () => {
    for (const locale of ["zh-CN", "zh-TW", "en"] as const) {
      const known = [
        "InvalidOperationInCellEditMode",
        "AccessDenied",
        "MergedRangeConflict",
        "GeneralException",
      ];
      expect(new Set(known.map((c) => text(toHostError(officeError(c)), locale))).size).toBe(known.length);
    }
  });

  it("keeps a HostError as it is and names other failures Unknown", () => {
    const own = hostError("SheetNameTaken", "统计表");
    expect(toHostError(own)).toBe(own);
    const other = toHostError(new TypeError("boom"));
    expect(other.code).toBe("Unknown");
    expect(other.details).toEqual({});
    expect(text(other, "zh-TW")).toContain("代碼 Unknown");
  });

  it("words the host's own codes as before: the taken name after the text", () => {
    expect(text(hostError("SheetNameTaken", "统计表"), "zh-CN")).toBe(
      "工作簿中已有同名的工作表或表格。请重命名后再试。 (统计表)",
    );
    expect(text(hostError("ExcelTooOld"), "en")).toBe(
      "This version of Excel is too old for the add-in (Excel 2019 or Microsoft 365 is required).",
    );
  });
});
