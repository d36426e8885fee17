/**
 * Edges of the lossless path found in review: elements inserted among the root's own children only (a data
 * bar's nested <extLst> is not one), a user's chart on a reused 统计表, a backup chart of a sheet whose name
 * holds "&", and a single merged area over millions of cells refused before ExcelJS builds them.
 */
import JSZip from "jszip";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { insertChild, takeChild, topLevelChildren, WORKSHEET_ORDER } from "../../../src/hosts/xlsx/opc";
import { inspectPackage } from "../../../src/hosts/xlsx/package";
import { XlsxLoadError } from "../../../src/hosts/xlsx/errors";
import { addChart, ledgerBytes, patch } from "../../helpers/hostileCorpus";
import { packageProblems } from "../../helpers/packageCheck";

const NOW = new Date(Date.UTC(2026, 11, 1));

describe("elements go among the root's own children", () => {
  const sheet =
    '<worksheet><sheetData/><conditionalFormatting sqref="A1"><cfRule type="dataBar"><dataBar/><extLst><ext uri="x"/></extLst></cfRule></conditionalFormatting><pageMargins a=">"/></worksheet>';

  it("lists only direct children, attribute values with > included", () => {
    expect(topLevelChildren(sheet).map((c) => c.name)).toEqual([
      "sheetData",
      "conditionalFormatting",
      "pageMargins",
    ]);
  });

  it("inserts after the nested <extLst>, before the root's end, and before a top-level <extLst>", () => {
    const one = insertChild(
      sheet,
      "worksheet",
      "legacyDrawing",
      '<legacyDrawing r:id="rId9"/>',
      WORKSHEET_ORDER,
    );
    expect(one).toMatch(/<pageMargins a=">"\/><legacyDrawing r:id="rId9"\/><\/worksheet>$/);
    const withExt = sheet.replace("</worksheet>", "<extLst><ext/></extLst></worksheet>");
    const two = insertChild(withExt, "worksheet", "drawing", '<drawing r:id="rId8"/>', WORKSHEET_ORDER);
    expect(two).toMatch(/<drawing r:id="rId8"\/><extLst><ext\/><\/extLst><\/worksheet>$/);
    expect(takeChild(withExt, "extLst").xml).toBe(sheet);
  });

  it("keeps a note beside a data bar outside the <cfRule> after a build", async () => {
    const bytes = await ledgerBytes({
      edit: (_wb, ws) => {
        ws.getCell("B3").note = "已电话沟通";
        ws.addConditionalFormatting({
          ref: "A3:A6",
          rules: [
            {
              type: "dataBar",
              priority: 1,
              cfvo: [{ type: "min" }, { type: "max" }],
              color: { argb: "FF638EC6" },
            } as never,
          ],
        });
      },
    });
    const built = await buildXlsx(bytes, {}, NOW);
    if (!built.ok) throw new Error(built.error.code);
    const zip = await JSZip.loadAsync(built.buffer);
    for (const [path, f] of Object.entries(zip.files)) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue;
      const xml = await f.async("string");
      for (const rule of xml.match(/<cfRule[\s\S]*?<\/cfRule>/g) ?? []) {
        expect(rule).not.toMatch(/<(legacyDrawing|drawing|tableParts)\b/);
      }
    }
    expect(await packageProblems(zip)).toEqual([]);
  });
});

describe("a chart the user put on 统计表", () => {
  it("stays on the reused sheet after a rebuild, nothing dropped", async () => {
    const first = await buildXlsx(await ledgerBytes(), {}, NOW);
    if (!first.ok) throw new Error(first.error.code);
    const summary = first.plan.sheets.summary;
    const withChart = await patch(first.buffer, (z) => addChart(z, summary, 1, `'${summary}'!$B$3:$B$5`));
    const again = await buildXlsx(withChart, {}, NOW);
    if (!again.ok) throw new Error(again.error.code);
    expect(again.dropped).toEqual([]);
    const zip = await JSZip.loadAsync(again.buffer);
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    // The user's chart and the tool's (written anew, the earlier ones gone).
    const own = again.plan.ops.flatMap((op) => (op.kind === "new" ? (op.charts ?? []) : []));
    expect(charts).toHaveLength(1 + own.length);
    const sources = await Promise.all(charts.map((p) => zip.file(p)!.async("string")));
    expect(sources.filter((x) => x.includes(`'${summary}'!$B$3:$B$5`))).toHaveLength(1);
    expect(await packageProblems(zip)).toEqual([]);
  });
});

describe("the backup's copy of a chart on a sheet named with &", () => {
  it("reads the backup, not the rewritten ledger", async () => {
    const bytes = await ledgerBytes({
      sheet: "R&D台账",
      edit: async () => undefined,
    });
    const withChart = await patch(bytes, (z) => addChart(z, "R&amp;D台账", 1, "'R&amp;D台账'!$A$3:$A$6"));
    const built = await buildXlsx(withChart, {}, NOW);
    if (!built.ok) throw new Error(built.error.code);
    const zip = await JSZip.loadAsync(built.buffer);
    const refs: string[] = [];
    for (const [path, f] of Object.entries(zip.files)) {
      if (!/^xl\/charts\/chart\d+\.xml$/.test(path)) continue;
      refs.push(...[...(await f.async("string")).matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1] ?? ""));
    }
    // The user's chart and its backup copy (the tool's own charts on 统计表 aside).
    expect(refs.filter((r) => !r.startsWith("'统计表'!")).sort()).toEqual([
      "'R&amp;D台账'!$A$3:$A$6",
      "'R&amp;D台账(原表)'!$A$3:$A$6",
    ]);
  });
});

describe("one merged area over millions of cells", () => {
  it("is counted by the cells it covers and refused before ExcelJS makes them", async () => {
    const bytes = await patch(await ledgerBytes(), async (z) => {
      const path = "xl/worksheets/sheet1.xml";
      const xml = (await z.file(path)?.async("string")) ?? "";
      z.file(
        path,
        xml.replace(
          "</sheetData>",
          '</sheetData><mergeCells count="1"><mergeCell ref="AA1:CZ100000"/></mergeCells>',
        ),
      );
    });
    const err = await inspectPackage(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxLoadError);
    expect((err as XlsxLoadError).code).toBe("too_many_cells");
    expect((err as XlsxLoadError).figures?.actual).toBeGreaterThan(7_000_000);
  });
});
