import { parseSettings, resolveSettings } from "../../src/core/settings";
import { readStoredState } from "../../src/core/stored";
import { SETTINGS_MARKER } from "../../src/core/roles";

/**
 * The settings as every host reads them (CLI flags, the pane's form, the 台账设置 sheet): defaults filled in,
 * unknown keys dropped, and each wrong setting named with zod's English message (the CLI prints the detail).
 */
describe("parseSettings", () => {
  it.each([
    [{ dueSoonDays: 999 }, "dueSoonDays: Too big: expected number to be <=90"],
    [{ dueSoonDays: -1 }, "dueSoonDays: Too small: expected number to be >=0"],
    [{ year: 2.5 }, "year: Invalid input: expected int, received number"],
    [{ year: 1900 }, "year: Too small: expected number to be >=1949"],
    [{ deadlineMonths: "3" }, "deadlineMonths: Invalid input: expected number, received string"],
    [{ assistDeadlineMonths: 25 }, "assistDeadlineMonths: Too big: expected number to be <=24"],
    [{ locale: "fr" }, 'locale: Invalid option: expected one of "zh-CN"|"zh-TW"|"en"'],
    [{ asOf: "2021-1-1" }, "asOf: Invalid string: must match pattern /^\\d{4}-\\d{2}-\\d{2}$/"],
    [{ organisation: "" }, "organisation: Too small: expected string to have >=1 characters"],
    [{ excludeDepartments: [""] }, "excludeDepartments.0: Too small: expected string to have >=1 characters"],
    [{ mapping: { id: -1 } }, "mapping.id: Too small: expected number to be >=0"],
    [
      { dueSoonDays: 999, year: 2.5 },
      "year: Invalid input: expected int, received number; dueSoonDays: Too big: expected number to be <=90",
    ],
  ])("%j is refused: %s", (input, detail) => {
    expect(parseSettings(input as never)).toEqual({ ok: false, detail });
  });

  it("fills the defaults and drops unknown keys", () => {
    expect(parseSettings({ sheet: "台账", mapping: { id: 2, kind: null }, unknown: 1 } as never)).toEqual({
      ok: true,
      settings: {
        organisation: "我局",
        deadlineMonths: 3,
        dueSoonDays: 7,
        excludeDepartments: [],
        resultScheme: "ABC",
        locale: "zh-CN",
        sheet: "台账",
        mapping: { id: 2, kind: null },
      },
    });
  });

  it("gives each reading a list of its own", () => {
    const first = resolveSettings();
    first.excludeDepartments.push("市扶贫办");
    expect(resolveSettings().excludeDepartments).toEqual([]);
  });
});

describe("readStoredState on a hand-edited 台账设置", () => {
  it("ignores keys that only an object's prototype has, and reads the real settings beside them", () => {
    const sheet = {
      name: "台账设置",
      merges: [],
      rows: [
        [SETTINGS_MARKER],
        ["constructor", "x"],
        ["toString", "y"],
        ["__proto__", "z"],
        ["hasOwnProperty", "1"],
        ["dueSoonDays", 10],
        ["organisation", "某某局"],
      ],
    };
    const stored = readStoredState({ sheets: [sheet] });
    expect(stored?.settings).toEqual({ dueSoonDays: 10, organisation: "某某局" });
  });
});
