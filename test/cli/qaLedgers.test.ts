import { analyzeCli, issueKeys, type AnalysisJson } from "../helpers/cliJson";
import { LAYOUT_LEDGERS } from "../helpers/layoutLedgers";
import { QA_LEDGERS } from "../helpers/qaLedgers";

/**
 * Ledgers as bureaus keep them, analysed through the command line exactly as the acceptance checks call it
 * (`analyze FILE --today … --json`). Each row's `expect` is what a clerk counts by hand following docs/DOMAIN.md
 * (test/helpers/qaLedgers.ts, test/helpers/layoutLedgers.ts).
 */
const TABLE = [...QA_LEDGERS, ...LAYOUT_LEDGERS];

/** Whole numbers compare exactly; a rate such as 2/3 to 12 places. */
function approx(value: unknown): unknown {
  if (typeof value === "number" && !Number.isInteger(value)) return expect.closeTo(value, 12);
  if (Array.isArray(value)) return value.map(approx);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approx(v)]));
  return value;
}

describe.each(TABLE)("analyze --json on $name", ({ name, sheets, today, expect: want }) => {
  let out: AnalysisJson;
  beforeAll(async () => {
    out = await analyzeCli(name, sheets, today);
  });

  it("finds the table: sheets, header rows, every column, the rows", () => {
    expect({
      sheet: out.sheet,
      sheets: out.sheets,
      headerRows: out.headerRows,
      rowCount: out.rowCount,
    }).toEqual({
      sheet: want.sheet,
      sheets: want.sheets ?? [want.sheet],
      headerRows: want.headerRows,
      rowCount: want.rowCount,
    });
    expect(out.columns).toEqual(want.columns);
  });

  it("flags what a clerk would, by sheet, row and field", () => {
    expect(issueKeys(out)).toEqual(want.issues);
  });

  it("counts the figures a clerk counts", () => {
    expect(out.stats).toMatchObject(approx(want.stats) as object);
  });
});
