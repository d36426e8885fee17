import type { Locale } from "../../../src/core/fields";
import { messageFor, toHostError } from "../../../src/hosts/excel/errors";
import { HostError } from "../../../src/hosts/host";

/** OfficeExtension.Error as Office.js throws it: a stable code, a localised message, debug info. */
function officeError(code: string, errorLocation?: string): Error {
  return Object.assign(new Error("localised text from Office"), {
    name: "RichApi.Error",
    code,
    debugInfo: errorLocation ? { errorLocation } : {},
  });
}

// code, location, and a phrase each locale's message must contain.
const CASES: [string, string | undefined, Record<Locale, string>][] = [
  [
    "InvalidOperationInCellEditMode",
    undefined,
    { "zh-CN": "正在编辑", "zh-TW": "正在編輯", en: "editing a cell" },
  ],
  ["AccessDenied", undefined, { "zh-CN": "受保护", "zh-TW": "受保護", en: "protected" }],
  ["MergedRangeConflict", undefined, { "zh-CN": "合并单元格", "zh-TW": "合併儲存格", en: "merged cells" }],
  [
    "InvalidArgument",
    "TableCollection.add",
    { "zh-CN": "合并单元格", "zh-TW": "合併儲存格", en: "merged cells" },
  ],
  [
    "RequestPayloadSizeLimitExceeded",
    undefined,
    { "zh-CN": "大小限制", "zh-TW": "大小限制", en: "size limit" },
  ],
  ["PayloadTooLarge", undefined, { "zh-CN": "大小限制", "zh-TW": "大小限制", en: "size limit" }],
  ["GeneralException", undefined, { "zh-CN": "内部出错", "zh-TW": "內部發生錯誤", en: "internal error" }],
  ["ItemNotFound", undefined, { "zh-CN": "找不到", "zh-TW": "找不到", en: "not found" }],
  ["ItemAlreadyExists", undefined, { "zh-CN": "同名", "zh-TW": "同名", en: "same name" }],
  [
    "InvalidArgument",
    "Range.values",
    { "zh-CN": "InvalidArgument", "zh-TW": "InvalidArgument", en: "InvalidArgument" },
  ],
  [
    "SomethingNew",
    undefined,
    { "zh-CN": "代码 SomethingNew", "zh-TW": "代碼 SomethingNew", en: "code SomethingNew" },
  ],
];

describe("OfficeExtension.Error code → message", () => {
  const rows = CASES.flatMap(([code, location, phrases]) =>
    (Object.keys(phrases) as Locale[]).map((locale) => [code, location, locale, phrases[locale]] as const),
  );
  it.each(rows)("%s at %s in %s mentions %j", (code, location, locale, phrase) => {
    const err = toHostError(officeError(code, location), locale);
    expect(err).toBeInstanceOf(HostError);
    expect(err.code).toBe(code);
    expect(err.message).toContain(phrase);
    expect(err.message).not.toContain("localised text from Office");
    expect(err.cause).toBeInstanceOf(Error);
  });

  it("gives every known code a distinct message in each locale", () => {
    for (const locale of ["zh-CN", "zh-TW", "en"] as const) {
      const known = [
        "InvalidOperationInCellEditMode",
        "AccessDenied",
        "MergedRangeConflict",
        "GeneralException",
      ];
      expect(new Set(known.map((c) => messageFor(c, locale))).size).toBe(known.length);
    }
  });

  it("keeps a HostError as it is and names other failures Unknown", () => {
    const own = new HostError("SheetNameTaken", "x");
    expect(toHostError(own, "en")).toBe(own);
    const other = toHostError(new TypeError("boom"), "zh-TW");
    expect(other.code).toBe("Unknown");
    expect(other.message).toContain("代碼 Unknown");
  });
});
