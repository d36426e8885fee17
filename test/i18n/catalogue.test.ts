/**
 * The UI catalogue (src/i18n) is complete in every locale: each entry of zh-CN exists in zh-TW and en, no
 * text is empty, every parameterised entry returns a text for sample arguments, and every host error code
 * has a text.
 */
import { HOST_ERROR_CODES, type HostErrorDetails } from "../../src/hosts/host";
import { hostErrorMessage, strings, type Locale } from "../../src/i18n";

const LOCALES: readonly Locale[] = ["zh-CN", "zh-TW", "en"];

type Leaf = string | ((...args: never[]) => unknown);

/** Every entry of a catalogue by its dotted path ("structure.intro", "hostErrors.AccessDenied"). */
function leaves(node: unknown, path = ""): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === "string" || typeof value === "function") out.set(at, value as Leaf);
    else if (typeof value === "object" && value !== null)
      for (const [p, v] of leaves(value, at)) out.set(p, v);
    else throw new Error(`${at} is neither text, a function nor a section`);
  }
  return out;
}

/** Details as hosts give them: none at all, and every field filled in. */
const DETAILS: readonly HostErrorDetails[] = [
  {},
  { sheet: "统计表", officeCode: "SomethingNew", location: "Range.values", failure: "no_ledger" },
];

/** Sample arguments for each parameterised entry outside `hostErrors`; a new function needs a line here. */
const SAMPLES: Record<string, readonly unknown[][]> = {
  "page.stopped.timeout": [[4], [1]],
  "structure.intro": [["责任分工表", 2, 3, 40]],
  "structure.column": [["C", "案由"]],
  "structure.sheetsTogether": [[["人大建议", "政协提案"]]],
  "structure.done": [[["责任分工表(原表)"]], [["人大建议(原表)", "政协提案(原表)"]]],
  "check.row": [[7]],
  "check.sheetRow": [["人大建议", 7]],
  "check.sheetWideOf": [["人大建议"]],
  "check.goTo": [["B7", "缺少承办单位"]],
  "remind.withinDays": [[7], [30]],
  "remind.counts": [
    [1, 2],
    [0, 0],
  ],
  "remind.row": [[7]],
  "remind.handler": [["王芳"]],
  "remind.deadline": [["2024-06-10"]],
  "remind.overdueDays": [[1], [3]],
  "remind.daysLeft": [[1], [4]],
  "page.preview.caption": [["责任分工表", 15]],
  "page.rollup.summary": [
    [3, "2026-12-31"],
    [1, "2026-12-31"],
  ],
  "page.rollup.duplicates": [[2]],
  "report.repliedUndated": [[1], [3]],
  "report.items": [[1], [12]],
  "compare.fromSheet": [["2025年度"]],
  "compare.fromFile": [["2025年台账.xlsx"]],
  "compare.lastYear": [[2025], [null]],
  "compare.thisYear": [[2026], [null]],
  "compare.resultClass": [["A"]],
  "compare.result": [["B"]],
  "compare.points": [["+6.2"], ["-1"]],
  "compare.tally": [
    [3, 1, 1],
    [0, 0, 0],
  ],
  "compare.row": [[7]],
  "compare.now": [["第 7 行", "已办复"]],
  "compare.similarity": [["0.82"]],
  "notices.skipped": [["数据验证（下拉列表）"]],
  "commands.failed": [["Excel 内部出错。"]],
};

function samplesFor(path: string): readonly unknown[][] {
  if (path.startsWith("hostErrors.")) return DETAILS.map((d) => [d]);
  const samples = SAMPLES[path];
  if (!samples) throw new Error(`no sample arguments for ${path}: add them to SAMPLES`);
  return samples;
}

const reference = leaves(strings("zh-CN"));

describe.each(LOCALES)("the %s catalogue", (locale) => {
  const own = leaves(strings(locale));

  it("has every entry of zh-CN, of the same kind, and no other", () => {
    const missing = [...reference.keys()].filter((p) => !own.has(p));
    const extra = [...own.keys()].filter((p) => !reference.has(p));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    for (const [path, value] of reference) expect([path, typeof own.get(path)]).toEqual([path, typeof value]);
  });

  it("has no empty text", () => {
    const empty = [...own].filter(([, v]) => typeof v === "string" && v.trim() === "").map(([p]) => p);
    expect(empty).toEqual([]);
  });

  it("gives a text for every parameterised entry", () => {
    for (const [path, value] of own) {
      if (typeof value !== "function") continue;
      for (const args of samplesFor(path)) {
        const text: unknown = (value as (...a: unknown[]) => unknown)(...args);
        expect([path, typeof text]).toEqual([path, "string"]);
        expect([path, (text as string).trim() !== ""]).toEqual([path, true]);
        expect([path, text]).not.toEqual([path, expect.stringMatching(/undefined|\[object|NaN/)]);
      }
    }
  });

  it("words every host error code", () => {
    for (const code of HOST_ERROR_CODES) {
      for (const details of DETAILS) {
        expect([code, hostErrorMessage(code, details, locale).trim() !== ""]).toEqual([code, true]);
      }
    }
    expect(Object.keys(strings(locale).hostErrors).sort()).toEqual([...HOST_ERROR_CODES].sort());
  });
});

it("has a sample for every parameterised entry and none for an entry that is gone", () => {
  const functions = [...reference].filter(
    ([p, v]) => typeof v === "function" && !p.startsWith("hostErrors."),
  );
  expect(Object.keys(SAMPLES).sort()).toEqual(functions.map(([p]) => p).sort());
});
