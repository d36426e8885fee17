import * as OpenCC from "opencc-js";
import { NO_DATE_TEXTS } from "../../src/core/dates";
import { TRADITIONAL_WORDS } from "../../src/core/scriptWords";
import { traditionalLoaded } from "../../src/core/script";
import { buildXlsx } from "../../src/hosts/xlsx/build";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, traditionalLedger } from "../helpers/ledgerFixtures";

const SAMPLE = join(__dirname, "../../samples/sample-ledger.xlsx");

/** opencc-js's full build, as the engine used it before it loaded one direction at a time: the reference. */
const fullT2s = OpenCC.Converter({ from: "t", to: "cn" });
const fullS2tw = OpenCC.Converter({ from: "cn", to: "tw" });

/** A fresh copy of the script module (and of the engine over it), with nothing loaded yet. */
function freshScript(): typeof import("../../src/core/script") {
  let mod: typeof import("../../src/core/script") | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<typeof import("../../src/core/script")>("../../src/core/script");
  });
  return mod!;
}

const SAMPLES = [
  "辦理時限",
  "建议提案台账",
  "答复日期",
  "已答覆，待回饋",
  "頭髮與發展",
  "乾隆年間乾燥的天氣",
  "后来皇后回来了",
  "請從下拉列表中選擇。",
  "第&P页 共&N页",
  "",
  "ABC 123",
];

describe("toTraditional", () => {
  test("throws, naming the missing await, before loadTraditional()", () => {
    const script = freshScript();
    expect(script.traditionalLoaded()).toBe(false);
    expect(() => script.toTraditional("统计表")).toThrow(script.TraditionalNotLoadedError);
    expect(() => script.inScript("统计表", "traditional")).toThrow(/await loadTraditional\(\)/);
    // Simplified text needs nothing.
    expect(script.inScript("统计表", "simplified")).toBe("统计表");
  });

  test("writes the engine's own words before loading, as opencc-js's s2tw does", () => {
    const script = freshScript();
    expect(script.toTraditional("已答复")).toBe("已答覆");
    expect(script.toTraditional("办复完毕")).toBe("辦復完畢");
    expect(script.traditionalLoaded()).toBe(false);
  });

  test("after loadTraditional(), matches opencc-js's full s2tw", async () => {
    const script = freshScript();
    await script.loadTraditional();
    expect(script.traditionalLoaded()).toBe(true);
    for (const s of SAMPLES) expect(script.toTraditional(s)).toBe(fullS2tw(s));
  });

  test("withTraditional runs again once the dictionaries are loaded; other errors pass through", async () => {
    const script = freshScript();
    let runs = 0;
    const out = await script.withTraditional(() => {
      runs++;
      return script.toTraditional("汇报材料");
    });
    expect(out).toBe(fullS2tw("汇报材料"));
    expect(runs).toBe(2);
    await expect(
      script.withTraditional(() => {
        throw new RangeError("other");
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe("the engine's words (scriptWords.ts)", () => {
  test("every entry is opencc-js's s2tw", () => {
    const expected = new Map([...TRADITIONAL_WORDS.keys()].map((w) => [w, fullS2tw(w)]));
    expect(new Map(TRADITIONAL_WORDS)).toEqual(expected);
  });

  test("hold every word the engine converts in any workbook (no-date texts, progress words)", () => {
    // progress.ts and plan/formulas.ts convert their words at once: they would throw for a word not in the table.
    jest.isolateModules(() => {
      const script = jest.requireActual<typeof import("../../src/core/script")>("../../src/core/script");
      const progress =
        jest.requireActual<typeof import("../../src/core/progress")>("../../src/core/progress");
      const formulas = jest.requireActual<typeof import("../../src/core/plan/formulas")>(
        "../../src/core/plan/formulas",
      );
      expect(progress.progressWords().stated).toContain("已答覆");
      expect(formulas.NO_DATE_FORMULA_TEXTS).toContain("暫無");
      expect(script.traditionalLoaded()).toBe(false);
    });
    for (const t of NO_DATE_TEXTS) expect(TRADITIONAL_WORDS.has(t)).toBe(true);
  });
});

describe("foldKey and detectScript (t2s only)", () => {
  test("foldKey folds as opencc-js's full t2s", () => {
    const script = freshScript();
    for (const s of SAMPLES)
      expect(script.foldKey(s)).toBe(
        fullT2s(s.normalize("NFKC"))
          .replace(/[\s\u3000]+/g, "")
          .toLowerCase(),
      );
  });

  const diff = (a: string, b: string): number => {
    let d = Math.abs(a.length - b.length);
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) d++;
    return d;
  };
  /** The rule before: traditional when t2s changes more characters than s2tw does. */
  const before = (t: string) => (diff(t, fullT2s(t)) > diff(t, fullS2tw(t)) ? "traditional" : "simplified");

  test.each([
    ["辦理時限", "traditional"],
    ["办理时限", "simplified"],
    ["序號 案由 承辦單位 答覆日期", "traditional"],
    ["序号 案由 承办单位 答复日期", "simplified"],
    ["代表委員提出人", "traditional"],
    ["面商情况 表态", "simplified"],
    ["圖表", "traditional"],
    ["", "simplified"],
  ])("detectScript(%j) is %s, as before", async (text, script) => {
    const s = freshScript();
    await s.loadTraditional();
    expect(s.detectScript(text)).toBe(script);
    expect(before(text)).toBe(script);
  });

  test("a text without a traditional-only character needs no dictionary; one with some asks for STCharacters", () => {
    const s = freshScript();
    expect(s.detectScript("序号 案由 承办单位 答复日期")).toBe("simplified");
    expect(() => s.detectScript("辦理時限")).toThrow(s.TraditionalNotLoadedError);
    expect(s.traditionalLoaded()).toBe(false);
  });
});

describe("a simplified workbook never loads the s2tw dictionaries", () => {
  // This file's own module registry: nothing loaded the dictionaries before these two tests, in this order.
  async function buildOnce(bytes: Uint8Array) {
    const built = await buildXlsx(bytes, {}, new Date(`${AS_OF}T08:00:00Z`));
    if (!built.ok) throw new Error(built.error.code);
    return { built, loaded: traditionalLoaded() };
  }

  test("buildXlsx on the simplified sample", async () => {
    const { built, loaded } = await buildOnce(readFileSync(SAMPLE));
    expect(built.analysis.script).toBe("simplified");
    expect(built.plan.sheets.summary).toBe("统计表");
    expect(loaded).toBe(false);
  });

  test("a traditional ledger loads them, and its generated sheets are traditional", async () => {
    const { built, loaded } = await buildOnce(await traditionalLedger());
    expect(built.analysis.script).toBe("traditional");
    expect(built.plan.sheets.summary).toBe("統計表");
    expect(loaded).toBe(true);
  });
});
