import {
  KEY_LABEL,
  KIND_LABEL,
  RESULT_LABEL,
  RESULT_MEANING,
  ROLE_LABEL,
  SATISFACTION_LABEL,
  parseKey,
  parseKind,
  parseResult,
  parseRole,
  parseSatisfaction,
} from "../../src/core/enums";
import type { CellValue } from "../../src/core/snapshot";

describe("parseKind", () => {
  it.each<[CellValue, string]>([
    ["人大建议", "npc"],
    ["代表建议", "npc"],
    ["建议", "npc"],
    ["人大代表建议", "npc"],
    ["人大 建议", "npc"],
    ["人大建議", "npc"],
    ["區人大代表建議", "npc"],
    ["人大议案", "npcMotion"],
    ["议案", "npcMotion"],
    ["人大議案", "npcMotion"],
    ["政协提案", "cppcc"],
    ["政協提案", "cppcc"],
    ["提案", "cppcc"],
    ["委员提案", "cppcc"],
    ["委員提案", "cppcc"],
    [" 政协 提案 ", "cppcc"],
  ])("%j → %s", (input, expected) => {
    expect(parseKind(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([["建议提案"], ["其他"], [null], [""], [3]])("%j is not understood", (input) => {
    expect(parseKind(input)).toEqual({ ok: false });
  });
});

describe("parseRole", () => {
  it.each<[CellValue, string]>([
    ["主办", "lead"],
    ["主辦", "lead"],
    ["分办", "lead"],
    ["分辦", "lead"],
    ["主", "lead"],
    ["牵头办理", "lead"],
    ["协办", "assist"],
    ["協辦", "assist"],
    ["協", "assist"],
    ["会办", "joint"],
    ["會辦", "joint"],
    [" 主 办 ", "lead"],
  ])("%j → %s", (input, expected) => {
    expect(parseRole(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([["主办/协办"], ["督办"], [null], [1]])("%j is not understood", (input) => {
    expect(parseRole(input)).toEqual({ ok: false });
  });
});

describe("parseKey", () => {
  it.each<[CellValue, boolean]>([
    ["是", true],
    ["Y", true],
    ["y", true],
    ["Ｙ", true],
    ["√", true],
    ["✓", true],
    ["重点", true],
    ["重點", true],
    ["重点提案", true],
    ["1", true],
    [1, true],
    ["true", true],
    ["TRUE", true],
    [true, true],
    ["否", false],
    ["N", false],
    ["×", false],
    ["空", false],
    ["0", false],
    [0, false],
    ["false", false],
    [false, false],
    ["一般", false],
    ["非重点", false],
    ["非重點提案", false],
  ])("%j → %s", (input, expected) => {
    expect(parseKey(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([["也许"], [2], [null], [""]])("%j is not understood", (input) => {
    expect(parseKey(input)).toEqual({ ok: false });
  });
});

describe("parseResult", () => {
  it.each<[CellValue, string]>([
    ["A", "A"],
    ["a", "A"],
    ["A类", "A"],
    ["Ａ类", "A"],
    ["Ａ類", "A"],
    ["A 类", "A"],
    ["甲", "A"],
    ["甲类", "A"],
    ["甲類", "A"],
    ["A类（已解决或采纳）", "A"],
    ["A類(已解決或採納)", "A"],
    ["A类已解决", "A"],
    ["已解决", "A"],
    ["已经解决或采纳", "A"],
    ["已經解決或採納", "A"],
    ["已解决或基本解决", "A"],
    ["基本解决", "A"],
    ["采纳", "A"],
    ["B", "B"],
    ["b类", "B"],
    ["乙", "B"],
    ["乙类", "B"],
    ["B类（正在解决）", "B"],
    ["正在解决", "B"],
    ["列入计划", "B"],
    ["已列入计划", "B"],
    ["列入计划拟解决或拟采纳", "B"],
    ["拟解决", "B"],
    ["拟采纳", "B"],
    ["擬採納", "B"],
    ["C", "C"],
    ["丙", "C"],
    ["丙类", "C"],
    ["留作参考", "C"],
    ["留作參考", "C"],
    ["参考", "C"],
    ["暂时难以解决", "C"],
    ["因条件限制暂时难以解决", "C"],
    ["已答复（B类）", "B"],
    ["已办结(A类)", "A"],
    ["已办结（甲类）", "A"],
    ["A（已解决或采纳）", "A"],
    ["已落实", "A"],
    ["列入年度计划", "B"],
    ["已列入明年工作计划", "B"],
    ["正在落实", "B"],
    ["D", "D"],
    ["d类", "D"],
    ["丁", "D"],
    ["丁类", "D"],
  ])("%j → %s", (input, expected) => {
    expect(parseResult(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([["未解决"], ["E类"], ["ABC"], ["待定"], [null], [1]])(
    "%j is not understood",
    (input) => {
      expect(parseResult(input)).toEqual({ ok: false });
    },
  );
});

describe("parseSatisfaction", () => {
  it.each<[CellValue, string]>([
    ["满意", "satisfied"],
    ["滿意", "satisfied"],
    ["非常满意", "satisfied"],
    [" 满 意 ", "satisfied"],
    ["基本满意", "basic"],
    ["基本滿意", "basic"],
    ["比较满意", "basic"],
    ["不满意", "unsatisfied"],
    ["不滿意", "unsatisfied"],
    ["未表态", "none"],
    ["未表態", "none"],
    ["未反馈", "none"],
    ["未反饋", "none"],
  ])("%j → %s", (input, expected) => {
    expect(parseSatisfaction(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([["很好"], [null], [100]])("%j is not understood", (input) => {
    expect(parseSatisfaction(input)).toEqual({ ok: false });
  });
});

describe("labels", () => {
  it("reads back every label it writes", () => {
    for (const [value, label] of Object.entries(KIND_LABEL))
      expect(parseKind(label)).toEqual({ ok: true, value });
    for (const [value, label] of Object.entries(ROLE_LABEL))
      expect(parseRole(label)).toEqual({ ok: true, value });
    for (const [value, label] of Object.entries(RESULT_LABEL))
      expect(parseResult(label)).toEqual({ ok: true, value });
    for (const [value, label] of Object.entries(SATISFACTION_LABEL)) {
      expect(parseSatisfaction(label)).toEqual({ ok: true, value });
    }
    expect(parseKey(KEY_LABEL.true)).toEqual({ ok: true, value: true });
    expect(parseKey(KEY_LABEL.false)).toEqual({ ok: true, value: false });
  });

  it("reads each class's meaning back as that class", () => {
    expect(parseResult(RESULT_MEANING.A)).toEqual({ ok: true, value: "A" });
    expect(parseResult(RESULT_MEANING.B)).toEqual({ ok: true, value: "B" });
    expect(parseResult(RESULT_MEANING.C)).toEqual({ ok: true, value: "C" });
  });
});
