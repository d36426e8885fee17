import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { planWorkbook } from "../../../src/core/plan/build";
import { analyzeWorkbook, type Analysis } from "../../../src/core/analyze";
import { deadlineStatus } from "../../../src/core/deadlines";
import { inScript } from "../../../src/core/script";
import { statusLabels } from "../../../src/core/plan/labels";
import type { Stats } from "../../../src/core/stats.types";
import type { SettingsInput } from "../../../src/core/settings";
import { convertWithLibreOffice, describeWithLibreOffice } from "../../helpers/libreoffice";
import { AS_OF, traditionalLedger, twoRowHeaderLedger } from "../../helpers/ledgerFixtures";
import { LAYOUT_LEDGERS } from "../../helpers/layoutLedgers";
import { QA_LEDGERS } from "../../helpers/qaLedgers";
import { xlsxFromGrids } from "../../helpers/grid-xlsx";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");
const NOW = new Date(2019, 8, 30);

/** The engine's number for a figure key of the statistics sheet (summary/context.ts SummaryFigures). */
function expected(stats: Stats, key: string): number | null | string {
  const [head, ...rest] = key.split(".");
  const group = (list: Stats["byDepartment"]): number => {
    const name = rest.slice(0, -1).join(".");
    const g = list.find((x) => x.name === name);
    return g ? g[rest.at(-1) as "total" | "replied" | "overdue"] : NaN;
  };
  switch (head) {
    case "asOf":
      return stats.asOf;
    case "open":
      return stats.total - stats.replied;
    case "byKind":
      return rest[0] === "npc+npcMotion"
        ? stats.byKind.npc + stats.byKind.npcMotion
        : stats.byKind[rest[0] as "cppcc"];
    case "byKindRole":
      return stats.byKindRole[rest[0] as "npc"][rest[1] as "lead"];
    case "byRole":
      return stats.byRole[rest[0] as "lead"];
    case "results":
      return stats.results[rest[0] as "A"];
    case "satisfaction":
      return stats.satisfaction[rest[0] as "satisfied"];
    case "satisfactionWork":
      return stats.satisfactionWork[rest[0] as "satisfied"];
    case "topics":
      return stats.topics.find((t) => t.name === rest.join("."))?.count ?? NaN;
    case "excluded":
      return stats.excluded.find((e) => e.name === rest.join("."))?.count ?? NaN;
    case "byDepartment":
      return group(stats.byDepartment);
    case "byLeader":
      return group(stats.byLeader);
    default:
      return stats[head as "total"] as number | null;
  }
}

/** A recalculated cell's value: formula result, "" as null, dates as ISO. */
function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.formula ? cell.result : cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v === undefined || v === "") return null;
  return v;
}

function isError(v: unknown): boolean {
  if (v && typeof v === "object" && "error" in v) return true;
  return (
    typeof v === "string" && (/^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!)/.test(v) || /^Err:\d+/.test(v))
  );
}

const CASES: {
  title: string;
  make: () => Promise<Uint8Array>;
  settings: SettingsInput;
  minFigures?: number;
}[] = [
  {
    title: "the bundled sample",
    make: async () => readFileSync(SAMPLE),
    settings: { excludeDepartments: ["市扶贫办"] },
  },
  {
    title: "two-row header with text dates and an excluded department",
    make: twoRowHeaderLedger,
    settings: { excludeDepartments: ["市扶贫办"] },
  },
  { title: "traditional headers without a deadline column", make: traditionalLedger, settings: {} },
  // Ledgers as bureaus keep them: headings, pre-numbered rows, blank rows in merges, footers, double 满意度 …
  ...QA_LEDGERS.map((q) => ({
    title: `QA: ${q.name}`,
    make: () => xlsxFromGrids(q.sheets),
    settings: {},
    // Small ledgers with few columns: fewer figures on their statistics sheet.
    minFigures: 5,
  })),
  // A status column instead of reply dates, two satisfaction aspects, 人大 and 政协 on two sheets.
  ...LAYOUT_LEDGERS.map((l) => ({
    title: `layout: ${l.name}`,
    make: () => xlsxFromGrids(l.sheets),
    settings: {},
    minFigures: 5,
  })),
];

describeWithLibreOffice("LibreOffice recalculates the built workbook", () => {
  describe.each(CASES)("$title", ({ make, settings, minFigures = 20 }) => {
    let recalculated: ExcelJS.Workbook;
    let stats: Stats;
    let figures: Record<string, string>;
    let sheets: Record<string, string>;
    let analysis: Analysis;
    let builtBytes: Uint8Array;
    let convertedBytes: Uint8Array;

    beforeAll(async () => {
      const input = await make();
      const built = await buildXlsx(input, { ...settings, asOf: AS_OF }, NOW);
      if (!built.ok) throw new Error(built.error.code);
      stats = built.analysis.stats;
      analysis = built.analysis;
      sheets = built.plan.sheets;
      // The figures' addresses, from the same plan the build rendered.
      const snapshot = snapshotOf(await loadXlsx(input));
      const outcome = analyzeWorkbook(snapshot, { ...settings, asOf: AS_OF }, NOW);
      if (!outcome.ok) throw new Error(outcome.error.code);
      figures = planWorkbook(snapshot, outcome.analysis).figures;
      recalculated = new ExcelJS.Workbook();
      const converted = await convertWithLibreOffice(built.buffer);
      builtBytes = built.buffer;
      convertedBytes = converted;
      await recalculated.xlsx.load(
        converted.buffer.slice(
          converted.byteOffset,
          converted.byteOffset + converted.byteLength,
        ) as ArrayBuffer,
      );
    });

    it("opens the ledger table with its calculated columns and keeps the table whole", async () => {
      const tables = async (bytes: Uint8Array): Promise<string[]> => {
        const zip = await JSZip.loadAsync(bytes);
        return Promise.all(zip.file(/^xl\/tables\/[^/]+\.xml$/).map((f) => f.async("string")));
      };
      const [ours] = await tables(builtBytes);
      expect(ours).toMatch(/<calculatedColumnFormula>/);
      const name = /\bdisplayName="([^"]+)"/.exec(ours ?? "")?.[1] ?? "";
      const theirs = (await tables(convertedBytes)).find((xml) => xml.includes(`displayName="${name}"`));
      expect(theirs).toBeDefined();
      const columns = (xml: string): string[] =>
        [...xml.matchAll(/<tableColumn\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1] ?? "");
      expect(columns(theirs ?? "")).toEqual(columns(ours ?? ""));
      expect(/\bref="([^"]+)"/.exec(theirs ?? "")?.[1]).toBe(/\bref="([^"]+)"/.exec(ours ?? "")?.[1]);
    });

    it("shows the engine's figure in every figure cell of the statistics sheet", () => {
      const ws = recalculated.getWorksheet(sheets.summary);
      expect(ws).toBeDefined();
      const keys = Object.keys(figures);
      expect(keys.length).toBeGreaterThan(minFigures);
      for (const key of keys) {
        const actual = valueOf(ws!.getCell(figures[key]!));
        const want = expected(stats, key);
        if (typeof want === "number" && !Number.isInteger(want)) {
          expect([key, typeof actual]).toEqual([key, "number"]);
          expect(actual as number).toBeCloseTo(want, 9);
        } else {
          expect([key, actual]).toEqual([key, want]);
        }
      }
    });

    it("shows no error in any formula of the generated sheets and the ledger", () => {
      const errors: string[] = [];
      for (const ws of recalculated.worksheets) {
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.formula ? cell.result : cell.value;
            if (cell.formula && isError(v))
              errors.push(`${ws.name}!${cell.address}: ${JSON.stringify(v)} ← ${cell.formula}`);
          }),
        );
      }
      expect(errors).toEqual([]);
    });

    it("agrees with the engine on every row's 时限状态, on every sheet of the ledger", () => {
      const labels = statusLabels(analysis.script);
      const word = {
        replied: labels.replied,
        overdue: labels.overdue,
        dueSoon: labels.dueSoon,
        open: labels.open,
        unknown: labels.open,
      };
      for (const part of analysis.parts) {
        const ledger = recalculated.getWorksheet(part.sheet.name);
        const headerRow = part.layout.headerRows.at(-1) ?? 1;
        let statusCol = 0;
        ledger!.getRow(headerRow).eachCell((cell, c) => {
          if (cell.value === inScript("时限状态", analysis.script)) statusCol = c;
        });
        expect(statusCol).toBeGreaterThan(0);
        const rows = new Set(part.records.map((r) => r.row));
        for (const rec of part.records) {
          const want = word[deadlineStatus(rec, analysis.today, analysis.settings)];
          expect([part.sheet.name, rec.row, ledger!.getCell(rec.row, statusCol).result]).toEqual([
            part.sheet.name,
            rec.row,
            want,
          ]);
        }
        // Rows the engine does not read as items (a repeated header, blank rows) have no status either.
        for (let r = headerRow + 1; r <= part.layout.lastDataRow; r++) {
          if (rows.has(r)) continue;
          expect([part.sheet.name, r, valueOf(ledger!.getCell(r, statusCol))]).toEqual([
            part.sheet.name,
            r,
            null,
          ]);
        }
      }
    });
  });
});
