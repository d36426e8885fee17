import { analyzeWorkbook, type Analysis } from "../../src/core/analyze";
import {
  compareWithin,
  followUpSummary,
  previousYearSheet,
  withFollowUp,
  type Comparison,
} from "../../src/core/compare";
import { followUpParagraph } from "../../src/core/report";
import { planFor } from "../../src/core/plan/pipeline";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { LAST_YEAR_SHEET, TWO_YEARS_AS_OF, sampleSnapshot, withLastYear } from "../helpers/twoYearLedger";

const AS_OF = TWO_YEARS_AS_OF;
const LAST_SHEET = LAST_YEAR_SHEET;

function analyse(snapshot: WorkbookSnapshot): Analysis {
  const outcome = analyzeWorkbook(snapshot, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.analysis;
}

/** The 汇报材料 sheet a plan writes, as JSON (its cells, styles and page). */
function reportSheetOf(snapshot: WorkbookSnapshot, analysis: Analysis): string {
  const planned = planFor(snapshot, { analysis });
  if (!planned.ok) throw new Error(planned.error.code);
  const op = planned.plan.ops.find((o) => o.kind === "new" && o.role === "report");
  if (!op) throw new Error("no report sheet");
  return JSON.stringify(op);
}

let sample: WorkbookSnapshot;
let both: WorkbookSnapshot;
let current: Analysis;
let comparison: Comparison;

beforeAll(async () => {
  sample = await sampleSnapshot();
  both = withLastYear(sample);
  current = analyse(both);
  const compared = compareWithin(both, current, { asOf: AS_OF });
  if (!compared) throw new Error("no comparison");
  comparison = compared;
});

describe("previousYearSheet", () => {
  test("names the sheet left out as last year's", () => {
    expect(current.year).toBe(2026);
    expect(current.sheets).toEqual(["责任分工表"]);
    expect(previousYearSheet(current)).toBe(LAST_SHEET);
  });

  test("is undefined for a workbook with one year only", () => {
    expect(previousYearSheet(analyse(sample))).toBeUndefined();
    expect(compareWithin(sample, analyse(sample), { asOf: AS_OF })).toBeUndefined();
  });

  test("is undefined when the other sheet is two years back", () => {
    const gap = analyse(withLastYear(sample, 2));
    expect(gap.issues.some((i) => i.code === "sheet_unread" && i.params.other === "2024")).toBe(true);
    expect(previousYearSheet(gap)).toBeUndefined();
  });
});

describe("compareWithin", () => {
  test("compares last year's sheet, as a ledger of its own, with this year's", () => {
    expect(comparison.last.year).toBe(2025);
    expect(comparison.current.year).toBe(2026);
    // One as-of date for both years.
    expect(comparison.last.asOf).toBe(AS_OF);
    const total = comparison.figures.find((f) => f.key === "total");
    expect(total).toMatchObject({ last: current.stats.total, current: current.stats.total, change: 0 });
    expect(comparison.items.every((i) => i.last.sheet === LAST_SHEET)).toBe(true);
  });

  test("finds last year's items again and leaves the near twins to the user", () => {
    const byId = new Map(comparison.items.map((i) => [i.last.id, i.outcome]));
    const p206 = byId.get("P206");
    expect(p206?.kind).toBe("ambiguous");
    if (p206?.kind !== "ambiguous") return;
    expect(p206.candidates.map((c) => c.current.id).sort()).toEqual(["P306", "P311"]);
    // The others are this year's same rows.
    const matched = comparison.items.filter((i) => i.outcome.kind === "matched");
    expect(matched.length).toBe(comparison.items.length - 1);
    for (const i of matched) if (i.outcome.kind === "matched") expect(i.outcome.current.row).toBe(i.last.row);
  });
});

describe("the report with a comparison", () => {
  test("汇报材料 holds the 回头看 paragraph", () => {
    const paragraph = followUpParagraph(followUpSummary(comparison), current.stats, current.settings);
    expect(paragraph).toContain("2025年度");
    const compared = withFollowUp(current, comparison);
    expect(compared.report.text).toContain(paragraph);
    expect(current.report.text).not.toContain(paragraph);
    expect(reportSheetOf(both, compared)).toContain(paragraph);
    expect(reportSheetOf(both, current)).not.toContain(paragraph);
  });

  test("without a comparison the analysis and its 汇报材料 stay as they were", () => {
    const alone = analyse(sample);
    expect(withFollowUp(alone, undefined)).toBe(alone);
    expect(reportSheetOf(sample, withFollowUp(alone, undefined))).toBe(reportSheetOf(sample, alone));
  });
});
