import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildXlsx } from "../../../src/hosts/xlsx/build";
import { loadXlsx } from "../../../src/hosts/xlsx/workbook";
import type { TablePlan, WorkbookPlan } from "../../../src/core/plan/types";
import type { SettingsInput } from "../../../src/core/settings";
import { AS_OF, traditionalLedger, twoRowHeaderLedger } from "../../helpers/ledgerFixtures";
import { areaOf } from "../../helpers/address";

const NOW = new Date(2019, 8, 30);
const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-ledger.xlsx");

async function build(input: Uint8Array, settings: SettingsInput = {}) {
  const built = await buildXlsx(input, { asOf: AS_OF, ...settings }, NOW);
  if (!built.ok) throw new Error(`build failed: ${built.error.code}`);
  return built;
}

/** The host's loader: ExcelJS's own loses the table columns after a calculated one (see rawLoad). */
async function load(buffer: Uint8Array): Promise<ExcelJS.Workbook> {
  return loadXlsx(buffer);
}

/** ExcelJS's loader as it is, as any other tool built on it would read the file. */
async function rawLoad(buffer: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
  );
  return wb;
}

function ledgerTable(plan: WorkbookPlan): TablePlan {
  const table = plan.ops.flatMap((op) => ("tables" in op ? op.tables : []))[0];
  if (!table) throw new Error("no table in the plan");
  return table;
}

interface TablePart {
  /** The table part's XML. */
  xml: string;
  /** The XML of the sheet the table is on. */
  sheetXml: string;
}

/** The table part named `name` (display name) and its sheet's XML, read from the zip. */
async function tablePart(buffer: Uint8Array, name: string): Promise<TablePart> {
  const zip = await JSZip.loadAsync(buffer);
  for (const rels of zip.file(/^xl\/worksheets\/_rels\/[^/]+\.rels$/)) {
    const relsXml = await rels.async("string");
    for (const m of relsXml.matchAll(/Target="\.\.\/tables\/([^"]+)"/g)) {
      const xml = (await zip.file(`xl/tables/${m[1]}`)?.async("string")) ?? "";
      if (!xml.includes(`displayName="${name}"`)) continue;
      const sheet = rels.name.replace("_rels/", "").replace(/\.rels$/, "");
      return { xml, sheetXml: (await zip.file(sheet)?.async("string")) ?? "" };
    }
  }
  throw new Error(`no table part for ${name}`);
}

/** Column name → calculatedColumnFormula (unescaped) of every tableColumn that has one, checked to be its first child. */
function calculatedColumns(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<tableColumn\b([^>]*?)(\/?)>/g)) {
    if (m[2] === "/") continue;
    const name = /\bname="([^"]*)"/.exec(m[1] ?? "")?.[1] ?? "";
    const rest = xml.slice((m.index ?? 0) + m[0].length);
    const f = /^<calculatedColumnFormula>([^<]*)<\/calculatedColumnFormula>/.exec(rest);
    if (f) out[unescapeXml(name)] = unescapeXml(f[1] ?? "");
  }
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Every cell of every sheet as comparable text: values, formulas by their text. */
function contents(wb: ExcelJS.Workbook): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const ws of wb.worksheets) {
    const cells: Record<string, string> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (v === null || v === undefined || cell.type === ExcelJS.ValueType.Merge) return;
        cells[cell.address] = cell.formula
          ? `=${cell.formula}`
          : v instanceof Date
            ? v.toISOString()
            : JSON.stringify(v);
      }),
    );
    out[ws.name] = cells;
  }
  return out;
}

function merges(ws: ExcelJS.Worksheet): string[] {
  return [...((ws.model as { merges?: string[] }).merges ?? [])].sort();
}

interface Fixture {
  title: string;
  make: () => Promise<Uint8Array>;
  settings: SettingsInput;
  ledger: string;
  headerRow: number;
}

const FIXTURES: Fixture[] = [
  {
    title: "two-row header, merged cells, text dates, formula-like text",
    make: twoRowHeaderLedger,
    settings: { excludeDepartments: ["市扶貧辦"] },
    ledger: "台账",
    headerRow: 4,
  },
  {
    title: "traditional headers, no deadline column",
    make: traditionalLedger,
    settings: {},
    ledger: "提案台賬",
    headerRow: 1,
  },
  {
    title: "the bundled sample",
    make: async () => readFileSync(SAMPLE),
    settings: { excludeDepartments: ["市扶贫办"] },
    ledger: "责任分工表",
    headerRow: 0,
  },
];

describe.each(FIXTURES)("build: $title", ({ make, settings, ledger }) => {
  let original: ExcelJS.Workbook;
  let once: Awaited<ReturnType<typeof build>>;
  let built: ExcelJS.Workbook;

  beforeAll(async () => {
    const input = await make();
    original = await load(input);
    once = await build(input, settings);
    built = await load(once.buffer);
  });

  it("keeps the ledger under its name and adds the generated sheets", () => {
    const names = built.worksheets.map((ws) => ws.name);
    expect(names).toContain(ledger);
    for (const role of ["summary", "report", "backup", "settings"] as const)
      expect(names).toContain(once.plan.sheets[role]);
    expect(sheet(built, once.plan.sheets.settings).state).toBe("hidden");
    for (const n of once.plan.sheets.summary ? Object.values(once.plan.sheets) : []) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it("puts one table with one header row over the ledger, header frozen", () => {
    const ws = sheet(built, ledger);
    const tables = Object.values(
      (
        ws as unknown as {
          tables: Record<
            string,
            { table: { ref: string; tableRef: string; headerRow: boolean; columns: { name: string }[] } }
          >;
        }
      ).tables,
    );
    expect(tables).toHaveLength(1);
    const t = tables[0]!.table;
    expect(t.headerRow).toBe(true);
    const tableArea = areaOf(t.tableRef);
    const headerRow = tableArea.top + 1;
    expect(headerRow).toBe(once.analysis.layout.headerRows.at(-1));
    const names = t.columns.map((c) => c.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    names.forEach((n, i) => expect(ws.getRow(headerRow).getCell(tableArea.left + 1 + i).value).toBe(n));
    const view = ws.views[0] as { state?: string; ySplit?: number };
    expect(view.state).toBe("frozen");
    expect(view.ySplit).toBe(headerRow);
    // No merged area is left inside the table.
    for (const m of merges(ws)) expect(overlapsRows(m, headerRow, tableArea.bottom + 1)).toBe(false);
  });

  it("adds dropdowns from the settings sheet and live highlights", () => {
    const ws = sheet(built, ledger);
    const first = once.analysis.layout.firstDataRow;
    const kindCol = once.analysis.layout.mapping.kind;
    expect(kindCol).toBeDefined();
    const dv = ws.getCell(first, (kindCol ?? 0) + 1).dataValidation;
    expect(dv?.type).toBe("list");
    expect(dv?.errorStyle).toBe("warning");
    expect(String(dv?.formulae?.[0])).toContain(once.plan.sheets.settings);
    const cfs = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings;
    const formulas = cfs.flatMap((cf) => cf.rules.flatMap((r) => r.formulae ?? []));
    expect(formulas.some((f) => /已超期/.test(f))).toBe(true);
    expect(formulas.some((f) => /即[将將]到期/.test(f))).toBe(true);
    expect(formulas.some((f) => /LEN\(TRIM/.test(f))).toBe(true);
    expect(formulas.join(" ")).not.toMatch(/\[/); // no structured references in conditional formats
  });

  it("writes understood dates as date cells and keeps what it does not understand", () => {
    const ws = sheet(built, ledger);
    for (const rec of once.analysis.records) {
      for (const field of ["assignedOn", "dueOn", "repliedOn"] as const) {
        const c = once.analysis.layout.mapping[field];
        if (c === undefined) continue;
        const cell = ws.getCell(rec.row, c + 1);
        if (rec[field] !== undefined) expect(cell.value).toBeInstanceOf(Date);
        else if (rec.invalid[field] !== undefined) expect(cell.value).toBe(rec.invalid[field]);
      }
    }
  });

  it("loses nothing: the backup holds every original cell at its address, merges included", () => {
    const backup = sheet(built, once.plan.sheets.backup);
    const src = sheet(original, ledger);
    src.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        expect([cell.address, backup.getCell(cell.address).value]).toEqual([cell.address, cell.value]);
      }),
    );
    expect(merges(backup)).toEqual(merges(src));
  });

  it("leaves numbers outside the date columns numbers, in the number format they had", () => {
    const dateColumns = new Set(
      (["assignedOn", "dueOn", "repliedOn"] as const)
        .map((f) => once.analysis.layout.mapping[f])
        .filter((c) => c !== undefined),
    );
    sheet(original, ledger).eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value !== "number" || dateColumns.has(Number(cell.col) - 1)) return;
        const after = sheet(built, ledger).getCell(cell.address);
        expect({ address: cell.address, value: after.value, numFmt: after.numFmt }).toEqual({
          address: cell.address,
          value: cell.value,
          numFmt: cell.numFmt,
        });
      }),
    );
  });

  it("never touches other user sheets", () => {
    for (const ws of original.worksheets) {
      if (ws.name === ledger) continue;
      expect(contents(built)[ws.name]).toEqual(contents(original)[ws.name]);
    }
  });

  it("makes 时限状态 and the computed deadline real calculated columns of the table", async () => {
    const table = ledgerTable(once.plan);
    // 时限状态 and a computed deadline (计算时限, or 办理时限 when the ledger has none), in the ledger's script.
    const names = table.calculated.map((c) => c.column);
    expect(names).toHaveLength(2);
    expect(names[1]).toMatch(/^[时時]限[状狀][态態]$/);
    const part = await tablePart(once.buffer, table.name);
    expect(calculatedColumns(part.xml)).toEqual(
      Object.fromEntries(table.calculated.map((c) => [c.column, c.formula])),
    );
    expect(part.xml.match(/<calculatedColumnFormula>/g)).toHaveLength(table.calculated.length);
    // Every data cell of those columns keeps its own formula.
    const ws = sheet(built, ledger);
    const { top, left, bottom } = rangeOf(table.range);
    for (const { column } of table.calculated) {
      const col = left + table.columns.indexOf(column);
      for (let r = top + 1; r <= bottom; r++) {
        const address = ws.getCell(r, col).address;
        expect([address, new RegExp(`<c r="${address}"[^>]*><f>`).test(part.sheetXml)]).toEqual([
          address,
          true,
        ]);
      }
    }
  });

  it("can still be read by ExcelJS's own loader", async () => {
    const raw = await rawLoad(once.buffer);
    expect(raw.worksheets.map((ws) => ws.name)).toEqual(built.worksheets.map((ws) => ws.name));
    expect(contents(raw)).toEqual(contents(built));
  });

  it("gives the same workbook when built again on its own output", async () => {
    const twice = await build(once.buffer, settings);
    const table = ledgerTable(twice.plan);
    expect(calculatedColumns((await tablePart(twice.buffer, table.name)).xml)).toEqual(
      calculatedColumns((await tablePart(once.buffer, ledgerTable(once.plan).name)).xml),
    );
    const again = await load(twice.buffer);
    expect(again.worksheets.map((ws) => ws.name).sort()).toEqual(
      built.worksheets.map((ws) => ws.name).sort(),
    );
    expect(twice.plan.sheets).toEqual(once.plan.sheets);
    expect(contents(again)).toEqual(contents(built));
    expect(twice.analysis.stats).toEqual(once.analysis.stats);
    const ws = sheet(again, ledger);
    expect(Object.keys((ws as unknown as { tables: object }).tables)).toHaveLength(1);
    const cfs = (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
    expect(cfs).toHaveLength(
      (sheet(built, ledger) as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings
        .length,
    );
  });
});

describe("build: the details of the two-row-header ledger", () => {
  let built: ExcelJS.Workbook;
  let sheets: Record<string, string>;
  beforeAll(async () => {
    const once = await build(await twoRowHeaderLedger(), { excludeDepartments: ["市扶贫办"] });
    built = await load(once.buffer);
    sheets = once.plan.sheets;
  });

  it("leaves the user's 统计表 alone and names its own 统计表(2)", () => {
    expect(sheets.summary).toBe("统计表(2)");
    expect(sheet(built, "统计表").getCell("A1").value).toBe("这是用户自己的统计表");
    expect(sheet(built, "统计表").getCell("A2").value).toBe(42);
    expect(sheets.backup).toBe("台账(原表)");
  });

  it("flattens the header into row 4 and keeps the group cell merged above it", () => {
    const ws = sheet(built, "台账");
    expect(ws.getCell("I4").value).toBe("交办时间");
    expect(ws.getCell("A4").value).toBe("序号");
    expect(ws.getCell("A3").value).toBeNull();
    expect(ws.getCell("I3").value).toBe("办理时间");
    expect(merges(ws)).toEqual(["A1:M1", "A2:M2", "I3:K3"]);
    expect(ws.getCell("N4").value).toBe("计算时限");
    expect(ws.getCell("O4").value).toBe("时限状态");
  });

  it("fills merged leader cells, rewrites enumerations, keeps odd values as written", () => {
    const ws = sheet(built, "台账");
    expect([ws.getCell("F5").value, ws.getCell("F6").value, ws.getCell("F7").value]).toEqual([
      "张局长",
      "张局长",
      "张局长",
    ]);
    expect(ws.getCell("C6").value).toBe("人大建议");
    expect(ws.getCell("C8").value).toBe("政协提案");
    expect(ws.getCell("C11").value).toBe("奇怪类别");
    expect(ws.getCell("L10").value).toBe("B类");
    expect(ws.getCell("J8").value).toBe("延期至9月");
    expect(ws.getCell("K5").value).toEqual(new Date(Date.UTC(2019, 4, 20)));
    // One Chinese text date and one ISO date in the column: no majority for 年, so ISO.
    expect(ws.getCell("K5").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("I6").value).toEqual(new Date(Date.UTC(2019, 2, 1)));
  });

  it("keeps text that looks like a formula as text", () => {
    const ws = sheet(built, "台账");
    for (const [addr, text] of [
      ["D5", "=关于公墓建设的建议"],
      ["D7", "+关于社区治理的提案"],
      ["D10", "@关于救助的建议"],
      ["D11", "-关于婚姻登记的建议"],
    ] as const) {
      expect(ws.getCell(addr).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(addr).value).toBe(text);
      expect(ws.getCell(addr).formula).toBeFalsy();
    }
  });

  it("computes 时限状态 and the deadline by formula, against the as-of cell on the settings sheet", () => {
    const ws = sheet(built, "台账");
    expect(ws.getCell("O5").formula).toMatch(/^IF\((OR\()?LEN\(TRIM\(/);
    expect(ws.getCell("O5").formula).toContain("'台账设置'!$B$15");
    expect(ws.getCell("N5").formula).toContain("EDATE(");
    const settings = sheet(built, sheets.settings ?? "");
    expect(settings.getCell("A1").value).toBe("proposal-ledger-settings v1");
    expect(settings.getCell("B15").value).toEqual(new Date(Date.UTC(2019, 8, 30)));
  });
});

/** "A3:V20" → 1-based top, left, bottom, as ExcelJS's getCell(row, col) takes them. */
function rangeOf(range: string): { top: number; left: number; bottom: number } {
  const { top, left, bottom } = areaOf(range);
  return { top: top + 1, left: left + 1, bottom: bottom + 1 };
}

/** Whether an A1 range reaches into the 1-based rows top…bottom. */
function overlapsRows(range: string, top: number, bottom: number): boolean {
  const area = areaOf(range);
  return area.top + 1 <= bottom && area.bottom + 1 >= top;
}
