import { renderIssue } from "../../src/i18n/issues";
import { analyzeWorkbook } from "../../src/core/analyze";
import { localeFromLanguage, strings } from "../../src/i18n";
import { luminance } from "../../src/taskpane/office";
import { groupIssues, issueCell } from "../../src/taskpane/issueGroups";
import { errorMessage, toLedgerError } from "../../src/taskpane/errors";
import { HostError } from "../../src/hosts/host";
import type { Issue } from "../../src/core/issues";
import type { LedgerLayout } from "../../src/core/layout";
import { pageLocale } from "../../src/standalone/locale";
import { loadTraditional } from "../../src/core/script";

// zh-TW messages are converted: the s2tw dictionaries load first (src/core/script.ts).
beforeAll(() => loadTraditional());

describe("localeFromLanguage", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh-SG", "zh-CN"],
    ["zh-TW", "zh-TW"],
    ["zh-HK", "zh-TW"],
    ["zh-MO", "zh-TW"],
    ["zh-Hant-TW", "zh-TW"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["fr-FR", "zh-CN"],
    ["", "zh-CN"],
    [undefined, "zh-CN"],
  ] as const)("%s → %s", (language, locale) => {
    expect(localeFromLanguage(language)).toBe(locale);
  });
});

describe("pageLocale (the standalone page: Chinese first)", () => {
  it.each([
    ["", "zh-CN", "zh-CN"],
    ["", "zh-SG", "zh-CN"],
    ["", "zh-TW", "zh-TW"],
    ["", "zh-HK", "zh-TW"],
    ["", "zh-MO", "zh-TW"],
    ["", "zh-Hant", "zh-TW"],
    ["", "zh-Hant-TW", "zh-TW"],
    // A default English browser still gets Chinese: English only when asked for.
    ["", "en-US", "zh-CN"],
    ["", "en-GB", "zh-CN"],
    ["", "fr-FR", "zh-CN"],
    ["", undefined, "zh-CN"],
    ["?lang=en", "zh-CN", "en"],
    ["?lang=en-GB", "en-US", "en"],
    ["?lang=zh-CN", "zh-TW", "zh-CN"],
    ["?lang=zh-TW", "en-US", "zh-TW"],
    ["?lang=zh-CN", "en-US", "zh-CN"],
    ["?other=1&lang=en", "zh-CN", "en"],
    ["?lang=", "en-US", "zh-CN"],
  ] as const)("%s with a %s browser → %s", (search, language, locale) => {
    expect(pageLocale(search, language)).toBe(locale);
  });
});

describe("luminance (Office theme → light or dark)", () => {
  it.each([
    ["#FFFFFF", 1],
    ["#000000", 0],
    ["#262626", 0.149],
    ["not a colour", 1],
  ] as const)("%s → %d", (hex, expected) => {
    expect(luminance(hex)).toBeCloseTo(expected, 2);
  });
});

const issue = (row: number | null, field: Issue["field"], cell?: string): Issue => ({
  row,
  field,
  code: "missing_required",
  severity: "error",
  params: { field },
  ...(cell ? { cell } : {}),
});

describe("groupIssues", () => {
  it("puts sheet-wide issues first and rows in sheet order", () => {
    const groups = groupIssues([
      issue(9, "title"),
      issue(4, "leader"),
      issue(null, "phone"),
      issue(4, "handler"),
    ]);
    expect(groups.map((g) => [g.row, g.issues.length])).toEqual([
      [null, 1],
      [4, 2],
      [9, 1],
    ]);
  });
});

describe("issueCell", () => {
  const layout = { mapping: { handler: 9 } } as unknown as LedgerLayout;
  it.each([
    ["its own cell", issue(7, "handler", "B2"), "B2"],
    ["its row in its field's column", issue(7, "handler"), "J7"],
    ["nothing for an unmapped field", issue(7, "phone"), null],
    ["nothing for a sheet-wide issue", issue(null, "handler"), null],
  ] as const)("gives %s", (_title, given, expected) => {
    expect(issueCell(given, layout)).toBe(expected);
  });
});

describe("errors shown to the user", () => {
  it("words a host error from its code and details, in the language asked for", () => {
    const error = toLedgerError(new HostError("SheetNameTaken", { sheet: "统计表" }));
    expect(error).toEqual({ kind: "host", code: "SheetNameTaken", details: { sheet: "统计表" } });
    expect(errorMessage(error, "zh-CN")).toBe("工作簿中已有同名的工作表或表格。请重命名后再试。 (统计表)");
    expect(errorMessage(error, "en")).toBe(
      "A sheet or table with the same name already exists in the workbook. Rename it and try again. (统计表)",
    );
    expect(errorMessage(toLedgerError(new HostError("render_failed")), "zh-TW")).toBe(
      "寫入活頁簿時出錯，原檔案未受影響。",
    );
  });

  it("turns bad settings into a message, not the schema's text: the engine returns them as a value", () => {
    const outcome = analyzeWorkbook({ sheets: [] }, { deadlineMonths: 0 });
    expect(outcome).toMatchObject({ ok: false, error: { code: "bad_settings" } });
    if (outcome.ok) return;
    expect(errorMessage({ kind: "analyze", failure: outcome.error }, "zh-TW")).toBe(
      strings("zh-TW").errors.settings,
    );
  });

  it("hides unexpected errors behind a generic message", () => {
    expect(errorMessage(toLedgerError(new TypeError("x is undefined")), "en")).toBe(
      strings("en").errors.unexpected,
    );
  });

  it("explains a missing ledger in each language", () => {
    const error = { kind: "analyze", failure: { code: "no_ledger", sheet: "Sheet1" } } as const;
    expect(errorMessage(error, "zh-CN")).toContain("Sheet1");
    expect(errorMessage(error, "en")).toMatch(/No ledger/);
  });
});

describe("issue messages rendered at the edge", () => {
  it("writes one analysis's issues in every language without analysing again", () => {
    const outcome = analyzeWorkbook(
      {
        sheets: [
          {
            name: "台账",
            merges: [],
            rows: [
              ["编号", "案由", "分管领导", "承办科室", "承办人", "办理时限"],
              ["1", "关于养老的建议", "王", "养老科", null, 45000],
            ],
          },
        ],
      },
      { asOf: "2023-01-01" },
    );
    if (!outcome.ok) throw new Error(outcome.error.code);
    const [issue] = outcome.analysis.issues.filter((i) => i.code === "missing_required");
    expect(issue).toBeDefined();
    expect(renderIssue(issue!, "zh-CN")).toBe("未填写承办人（“五定”之一）");
    expect(renderIssue(issue!, "zh-TW")).toBe("未填寫承办人（「五定」之一）");
    expect(renderIssue(issue!, "en")).toBe("Missing handler");
  });
});
