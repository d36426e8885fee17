import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { parseRange } from "../../../src/core/address";

/**
 * Regression: ExcelJS squeezes per-cell validations into ranges in text order ("C10" before "C4") and wrote
 * overlapping rules (C10:C20 and C4:C20). Every dropdown is now one rule over its range, on a build and a rebuild.
 */
const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");

async function validationRanges(bytes: Uint8Array): Promise<string[][]> {
  const zip = await JSZip.loadAsync(bytes);
  const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/);
  return Promise.all(
    sheets.map(async (f) =>
      [...(await f.async("string")).matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"/g)].map(
        (m) => m[1] ?? "",
      ),
    ),
  );
}

function overlapping(ranges: string[]): string[] {
  const areas = ranges.flatMap((r) => r.split(" ")).map((r) => ({ r, a: parseRange(r) }));
  const pairs: string[] = [];
  areas.forEach((x, i) =>
    areas.slice(i + 1).forEach((y) => {
      if (!x.a || !y.a) return;
      if (x.a.top <= y.a.bottom && y.a.top <= x.a.bottom && x.a.left <= y.a.right && y.a.left <= x.a.right)
        pairs.push(`${x.r} ∩ ${y.r}`);
    }),
  );
  return pairs;
}

describe("dropdowns are written once per range", () => {
  it("on a first build and on a rebuild of its output", async () => {
    const first = await buildXlsx(readFileSync(SAMPLE), { asOf: "2026-11-27" });
    if (!first.ok) throw new Error(first.error.code);
    const again = await buildXlsx(first.buffer, { asOf: "2026-11-27" });
    if (!again.ok) throw new Error(again.error.code);
    for (const bytes of [first.buffer, again.buffer]) {
      const sheets = await validationRanges(bytes);
      const all = sheets.flat();
      expect(all.length).toBe(5);
      for (const ranges of sheets) expect(overlapping(ranges)).toEqual([]);
    }
  });
});
