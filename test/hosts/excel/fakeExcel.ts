/**
 * A small in-memory Excel for the Office.js host's tests. office-addin-mock (OfficeMockObject) provides
 * the Excel and Office globals, Excel.run and context.sync (a jest spy); it cannot create objects on the
 * fly (worksheets.add, getRange), so the workbook below is hand-rolled and hung onto the mock.
 * It applies writes at once, refuses reads of properties that were not loaded and synced, refuses APIs of
 * requirement sets the fake Excel does not have, and measures each sync's request (the JSON of every grid
 * written) and response (the JSON of every range grid loaded), failing past the limits below.
 */
import { OfficeMockObject } from "office-addin-mock";
import { areaA1, columnLetter, parseRange } from "../../../src/core/address";
import { serialFromYmd } from "../../../src/core/dates";
import type { GridSheet } from "../../helpers/grid-xlsx";

/**
 * Excel on the web refuses a request or a response over 5 MB (RequestPayloadSizeLimitExceeded,
 * ResponsePayloadSizeLimitExceeded). The fake is stricter with requests: the host promises at most 2 MB of
 * grid JSON a sync (BATCH_BYTES), leaving the rest of the 5 MB for Office.js's envelope.
 */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const REQUEST_LIMIT = 2 * 1024 * 1024;
export const RESPONSE_LIMIT = PAYLOAD_LIMIT;

export interface FakeCell {
  value: string | number | boolean;
  kind: "text" | "number" | "bool" | "formula" | "empty";
  format: string;
}

class OfficeError extends Error {
  constructor(
    readonly code: string,
    readonly debugInfo: { errorLocation?: string } = {},
  ) {
    super(code);
  }
}

type Rect = { top: number; left: number; bottom: number; right: number };

/** The whole sheet, as Worksheet.getRange() without an address gives it. */
const SHEET_RECT: Rect = { top: 0, left: 0, bottom: 1048575, right: 16383 };

const inside = (m: Rect, r: Rect): boolean =>
  m.top >= r.top && m.bottom <= r.bottom && m.left >= r.left && m.right <= r.right;

/** Table names a formula refers to with a structured reference (Table[Column]). */
function structuredRefs(formula: string): string[] {
  return [...formula.matchAll(/([A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)\[/g)].map((m) => m[1] ?? "");
}

function parse(address?: string): Rect {
  if (address === undefined) return { ...SHEET_RECT };
  const rect = parseRange(address);
  if (!rect) throw new OfficeError("InvalidArgument");
  return rect;
}

const addr = areaA1;

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  /** Names of the sheets deleted, in order. */
  readonly deleted: string[] = [];
  nextSheetId = 1;
  /** What happened, tagged with the number of syncs completed before it. */
  readonly log: { sync: number; op: string }[] = [];
  /** Bytes of writes per sync, and of each single range write. */
  readonly syncPayloads: number[] = [];
  readonly writeSizes: number[] = [];
  /** Bytes of the range grids loaded per sync (what Excel sends back). */
  readonly syncResponses: number[] = [];
  syncs = 0;
  pendingBytes = 0;
  /** Loads queued for the next sync; each marks its properties loaded and returns its response bytes. */
  pendingLoads: (() => number)[] = [];
  /** Fails the n-th sync (1-based) with this code. */
  failAt?: { sync: number; code: string };
  handlers: { sheet: string; fn: (e: unknown) => Promise<unknown>; removed: boolean }[] = [];
  lastRunOptions: unknown;
  readonly excel: { context: { sync: jest.Mock; workbook: Record<string, unknown> } };
  readonly office: unknown;

  constructor(readonly version: number) {
    this.excel = new OfficeMockObject({
      context: {
        workbook: {},
        application: {
          suspendApiCalculationUntilNextSync: () => this.record("suspendCalc"),
          calculate: (type: string) => this.record(`calculate ${type}`),
        },
        sync: jest.fn(async () => this.sync()),
      },
      run: async (a: unknown, b?: unknown) => {
        const batch = (typeof a === "function" ? a : b) as (c: unknown) => Promise<unknown>;
        if (typeof a !== "function") this.lastRunOptions = a;
        return batch(this.excel.context);
      },
    }) as unknown as FakeExcel["excel"];
    this.excel.context.workbook.worksheets = new FakeSheets(this);
    this.excel.context.workbook.tables = new FakeTableList(this, () => this.tables);
    this.office = new OfficeMockObject({
      context: {
        requirements: {
          isSetSupported: (name: string, v: string) =>
            name === "ExcelApi" && Number(v.split(".")[1]) <= this.version,
        },
      },
    });
  }

  install(): void {
    (globalThis as Record<string, unknown>).Excel = this.excel;
    (globalThis as Record<string, unknown>).Office = this.office;
  }

  get syncSpy(): jest.Mock {
    return this.excel.context.sync;
  }

  need(minor: number, api: string): void {
    if (this.version < minor) throw new OfficeError("ApiNotFound", { errorLocation: api });
  }

  record(op: string): void {
    this.log.push({ sync: this.syncs, op });
  }

  payload(bytes: number): void {
    this.pendingBytes += bytes;
    this.writeSizes.push(bytes);
  }

  private async sync(): Promise<void> {
    this.syncs++;
    this.syncPayloads.push(this.pendingBytes);
    const bytes = this.pendingBytes;
    this.pendingBytes = 0;
    const loads = this.pendingLoads;
    this.pendingLoads = [];
    if (bytes > REQUEST_LIMIT) throw new OfficeError("RequestPayloadSizeLimitExceeded");
    if (this.failAt?.sync === this.syncs) throw new OfficeError(this.failAt.code);
    const response = loads.reduce((n, f) => n + f(), 0);
    this.syncResponses.push(response);
    if (response > RESPONSE_LIMIT) throw new OfficeError("ResponsePayloadSizeLimitExceeded");
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new OfficeError("ItemNotFound", { errorLocation: `Worksheet ${name}` });
    return s;
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(this, name);
    this.sheets.push(s);
    return s;
  }

  /** Every formula in the workbook (cells, validation lists, calculated columns) with where it is. */
  formulas(): { where: string; formula: string }[] {
    const out: { where: string; formula: string }[] = [];
    for (const s of this.sheets) {
      for (const [k, c] of s.cells)
        if (c.kind === "formula") out.push({ where: `${s.name}!${k}`, formula: String(c.value) });
      for (const v of s.validations) {
        const source = (v.rule as { list?: { source?: string } } | undefined)?.list?.source;
        if (source !== undefined) out.push({ where: `${s.name} validation ${v.range}`, formula: source });
      }
    }
    for (const t of this.tables) {
      for (const c of t.calculated) out.push({ where: `${t.name}[${c.column}]`, formula: String(c.formula) });
    }
    return out;
  }

  /** Like Excel: references to a deleted sheet or table become #REF! wherever they are. */
  breakReferences(pattern: RegExp): void {
    for (const s of this.sheets) {
      for (const c of s.cells.values()) {
        if (c.kind === "formula") c.value = String(c.value).replace(pattern, "#REF!");
      }
      for (const v of s.validations) {
        const list = (v.rule as { list?: { source?: string } } | undefined)?.list;
        if (list?.source !== undefined) list.source = list.source.replace(pattern, "#REF!");
      }
    }
    for (const t of this.tables) {
      for (const c of t.calculated) c.formula = String(c.formula).replace(pattern, "#REF!");
    }
  }
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Properties readable only after load + sync. */
class Loadable {
  protected loaded = new Set<string>();
  constructor(protected readonly x: FakeExcel) {}
  load(props?: string): this {
    const list = (props ?? "*").split(",").map((p) => p.trim());
    this.x.pendingLoads.push(() => {
      list.forEach((p) => this.loaded.add(p.replace(/^items\//, "")));
      return this.responseBytes(list);
    });
    return this;
  }
  /** Bytes Excel sends back for these properties; only range grids are big enough to count. */
  protected responseBytes(_props: string[]): number {
    return 0;
  }
  protected read<T>(prop: string, value: T): T {
    if (!this.loaded.has(prop) && !this.loaded.has("*")) throw new Error(`${prop} read before load + sync`);
    return value;
  }
}

class FakeSheets extends Loadable {
  get items(): FakeSheet[] {
    return this.read("name", this.x.sheets);
  }
  getItem(name: string): FakeSheet {
    return this.x.sheet(name);
  }
  /** ExcelApi 1.4: the sheet, or an object whose isNullObject is true after the sync (and has no charts). */
  getItemOrNullObject(name: string): FakeSheet | { isNullObject: true; charts: FakeCharts } {
    this.x.need(4, "getItemOrNullObject");
    const found = this.x.sheets.find((s) => s.name === name);
    if (found) return Object.assign(found, { isNullObject: false });
    return { isNullObject: true, charts: new FakeCharts(this.x, null) };
  }
  add(name: string): FakeSheet {
    if (this.x.sheets.some((s) => s.name === name)) throw new OfficeError("ItemAlreadyExists");
    this.x.record(`add ${name}`);
    return this.x.addSheet(name);
  }
}

/** A chart series: its name, the ranges of its values and categories, its fill and its points' fills. */
export interface FakeSeries {
  name: string;
  values: string;
  categories?: string;
  fill?: string;
  pointFills: string[];
}

/** A chart as the fake keeps it; the Office.js surface the host uses is built over it (charts.add). */
export interface FakeChart {
  type: string;
  name: string;
  title: { text: string; font: Record<string, unknown> };
  legend: { position?: string };
  dataLabels: Record<string, boolean>;
  axes: { categoryAxis: Record<string, unknown>; valueAxis: Record<string, unknown> };
  position?: [string, string];
  series: FakeSeries[];
}

class FakeCharts extends Loadable {
  readonly list: FakeChart[] = [];
  constructor(
    x: FakeExcel,
    private readonly sheet: FakeSheet | null,
  ) {
    super(x);
  }
  get items(): { name: string; delete(): void }[] {
    return this.read(
      "name",
      this.list.map((c) => ({ name: c.name, delete: () => void this.list.splice(this.list.indexOf(c), 1) })),
    );
  }
  add(type: string, source: FakeRange, seriesBy: string): unknown {
    if (!this.sheet) throw new OfficeError("ItemNotFound");
    if (source.sheet !== this.sheet) throw new Error("chart source on another sheet");
    if (seriesBy !== "Columns") throw new Error(`seriesBy ${seriesBy}`);
    this.x.record(`chart ${type} on ${this.sheet.name}`);
    const x = this.x;
    const sheet = this.sheet;
    const rangeOf = (r: FakeRange): string => {
      if (r.sheet !== sheet) throw new Error("series range on another sheet");
      return addr(r.rect);
    };
    const chart: FakeChart = {
      type,
      name: "",
      title: { text: "", font: {} },
      legend: {},
      dataLabels: {},
      axes: { categoryAxis: {}, valueAxis: {} },
      series: [{ name: "", values: rangeOf(source), pointFills: [] }],
    };
    this.list.push(chart);
    const seriesApi = (s: FakeSeries) => ({
      set name(v: string) {
        s.name = v;
      },
      setValues(r: FakeRange) {
        x.need(7, "ChartSeries.setValues");
        s.values = rangeOf(r);
      },
      setXAxisValues(r: FakeRange) {
        x.need(7, "ChartSeries.setXAxisValues");
        s.categories = rangeOf(r);
      },
      format: { fill: { setSolidColor: (c: string) => void (s.fill = c) } },
      points: {
        getItemAt: (i: number) => ({
          format: { fill: { setSolidColor: (c: string) => void (s.pointFills[i] = c) } },
        }),
      },
    });
    const axis = (o: Record<string, unknown>) =>
      new Proxy(o, {
        set: (t, p, v) => {
          x.need(7, `ChartAxis.${String(p)}`);
          t[p as string] = v;
          return true;
        },
      });
    return {
      set name(v: string) {
        chart.name = v;
      },
      title: {
        set text(v: string) {
          chart.title.text = v;
        },
        format: { font: chart.title.font },
      },
      legend: chart.legend,
      dataLabels: chart.dataLabels,
      axes: { categoryAxis: axis(chart.axes.categoryAxis), valueAxis: axis(chart.axes.valueAxis) },
      setPosition: (from: string, to: string) => void (chart.position = [from, to]),
      series: {
        getItemAt: (i: number) => {
          const s = chart.series[i];
          if (!s) throw new OfficeError("ItemNotFound");
          return seriesApi(s);
        },
        add: (name: string) => {
          x.need(7, "ChartSeriesCollection.add");
          const s: FakeSeries = { name, values: "", pointFills: [] };
          chart.series.push(s);
          return seriesApi(s);
        },
      },
    };
  }
}

export class FakeSheet {
  /** Stable across renames, like Worksheet.id: a reused sheet keeps it, a re-added one does not. */
  readonly id: number;
  cells = new Map<string, FakeCell>();
  merges: Rect[] = [];
  visibility = "Visible";
  tabColor = "";
  position = 0;
  frozen: string | undefined;
  validations: { range: string; rule: unknown; errorAlert: unknown }[] = [];
  conditionalFormats: { range: string; formula: string; fill?: string; priority?: number }[] = [];
  page: Record<string, unknown> = {};
  columnWidths = new Map<number, number>();
  /** Manual page breaks: A1 of the first cell of each new page. */
  pageBreaks: string[] = [];
  /** Ranges whose rows were autofitted. */
  autofitRows: string[] = [];
  readonly charts: FakeCharts;
  readonly tables: FakeTableList;
  readonly freezePanes;
  readonly onChanged;
  constructor(
    private readonly x: FakeExcel,
    public name: string,
  ) {
    this.id = x.nextSheetId++;
    this.charts = new FakeCharts(x, this);
    this.tables = new FakeTableList(x, () => x.tables.filter((t) => t.sheet === this), this);
    this.freezePanes = {
      freezeRows: (n: number) => (this.frozen = `rows ${n}`),
      freezeColumns: (n: number) => (this.frozen = `columns ${n}`),
      freezeAt: (r: FakeRange) => (this.frozen = `at ${addr(r.rect)}`),
      unfreeze: () => (this.frozen = undefined),
    };
    this.onChanged = {
      add: (fn: (e: unknown) => Promise<unknown>) => {
        const h = { sheet: this.name, fn, removed: false };
        x.handlers.push(h);
        return { context: x.excel.context, remove: () => (h.removed = true) };
      },
    };
  }
  get horizontalPageBreaks(): { add(r: FakeRange): void; removePageBreaks(): void } {
    this.x.need(9, "horizontalPageBreaks");
    return {
      add: (r: FakeRange) => void this.pageBreaks.push(addr(r.rect)),
      removePageBreaks: () => void (this.pageBreaks = []),
    };
  }
  get pageLayout(): Record<string, unknown> {
    this.x.need(9, "pageLayout");
    const page = this.page;
    return new Proxy(page, {
      get: (t, p) =>
        p === "setPrintTitleRows"
          ? (rows: string) => (t.printTitleRows = rows)
          : p === "setPrintTitleColumns"
            ? (columns: string) => (t.printTitleColumns = columns)
            : p === "headersFooters"
              ? (t.headersFooters ??= {
                  defaultForAllPages: {
                    load() {
                      return this;
                    },
                  },
                })
              : t[p as string],
    });
  }
  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.x, this, parse(address));
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.x, this, { top: r, left: c, bottom: r + rows - 1, right: c + cols - 1 });
  }
  getUsedRangeOrNullObject(): FakeRange {
    let bottom = -1;
    let right = -1;
    for (const [k, v] of this.cells) {
      if (v.kind === "empty") continue;
      const [r = 0, c = 0] = k.split(",").map(Number);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    const range = new FakeRange(this.x, this, {
      top: 0,
      left: 0,
      bottom: Math.max(bottom, 0),
      right: Math.max(right, 0),
    });
    range.isNullObject = bottom < 0;
    return range;
  }
  copy(): FakeSheet {
    this.x.record(`copy ${this.name}`);
    const c = this.x.addSheet(`${this.name} (2)`);
    c.cells = new Map([...this.cells].map(([k, v]) => [k, { ...v }]));
    c.merges = this.merges.map((m) => ({ ...m }));
    return c;
  }
  delete(): void {
    this.x.record(`delete ${this.name}`);
    this.x.sheets.splice(this.x.sheets.indexOf(this), 1);
    for (const t of this.x.tables.filter((t) => t.sheet === this)) t.drop();
    this.x.deleted.push(this.name);
    const name = escapeRe(this.name);
    this.x.breakReferences(
      new RegExp(
        `'${name}'!\\$?[A-Z]+\\$?\\d+(:\\$?[A-Z]+\\$?\\d+)?|${name}!\\$?[A-Z]+\\$?\\d+(:\\$?[A-Z]+\\$?\\d+)?`,
        "g",
      ),
    );
  }
  activate(): void {
    this.x.record(`activate ${this.name}`);
  }
}

class FakeFormat {
  [key: string]: unknown;
  font: Record<string, unknown> = {};
  fill: Record<string, unknown> = {};
  borders = { getItem: (edge: string) => (this.borderMap[edge] ??= {}) as Record<string, unknown> };
  borderMap: Record<string, unknown> = {};
  constructor(
    private readonly x: FakeExcel,
    private readonly sheet: FakeSheet,
    private readonly rect: Rect,
  ) {}
  set columnWidth(w: number) {
    this.sheet.columnWidths.set(this.rect.left, w);
  }
  set indentLevel(n: number) {
    this.x.need(9, "indentLevel");
    this.indent = n;
  }
  set useStandardWidth(on: boolean) {
    this.x.need(7, "useStandardWidth");
    if (!on) return;
    for (const c of [...this.sheet.columnWidths.keys()]) {
      if (c >= this.rect.left && c <= this.rect.right) this.sheet.columnWidths.delete(c);
    }
  }
  set useStandardHeight(on: boolean) {
    this.x.need(7, "useStandardHeight");
    this.standardHeight = on;
  }
  /** ExcelApi 1.2: the rows fit their text (recorded on the sheet). */
  autofitRows(): void {
    this.x.need(2, "autofitRows");
    this.sheet.autofitRows.push(addr(this.rect));
  }
}

export class FakeRange extends Loadable {
  isNullObject = false;
  readonly format: FakeFormat;
  constructor(
    x: FakeExcel,
    readonly sheet: FakeSheet,
    readonly rect: Rect,
  ) {
    super(x);
    this.format = new FakeFormat(x, sheet, rect);
  }
  private forEach(grid: unknown[][], fn: (r: number, c: number, v: unknown) => void): void {
    const rows = this.rect.bottom - this.rect.top + 1;
    const cols = this.rect.right - this.rect.left + 1;
    if (grid.length !== rows || grid.some((row) => row.length !== cols))
      throw new OfficeError("InvalidArgument");
    this.x.payload(Buffer.byteLength(JSON.stringify(grid)));
    grid.forEach((row, i) => row.forEach((v, j) => fn(this.rect.top + i, this.rect.left + j, v)));
  }
  private at(r: number, c: number): FakeCell {
    const key = `${r},${c}`;
    let cell = this.sheet.cells.get(key);
    if (!cell) this.sheet.cells.set(key, (cell = { value: "", kind: "empty", format: "General" }));
    return cell;
  }
  /** Excel's input rules: a string becomes a formula or a number unless the cell is formatted "@". */
  private write(r: number, c: number, v: unknown): void {
    if (v === null) return;
    const cell = this.at(r, c);
    if (typeof v === "number") Object.assign(cell, { value: v, kind: "number" });
    else if (typeof v === "boolean") Object.assign(cell, { value: v, kind: "bool" });
    else if (v === "") Object.assign(cell, { value: "", kind: "empty" });
    else if (cell.format === "@") Object.assign(cell, { value: v, kind: "text" });
    else if (/^[=+\-@]/.test(String(v))) {
      // Excel refuses a formula that names a table it does not have.
      const known = new Set(this.x.tables.map((t) => t.name.toLowerCase()));
      if (structuredRefs(String(v)).some((n) => !known.has(n.toLowerCase())))
        throw new OfficeError("InvalidArgument", { errorLocation: "Range.formulas" });
      Object.assign(cell, { value: v, kind: "formula" });
    } else if (/^\d+(\.\d+)?$/.test(String(v))) Object.assign(cell, { value: Number(v), kind: "number" });
    else Object.assign(cell, { value: v, kind: "text" });
  }
  set values(grid: unknown[][]) {
    this.forEach(grid, (r, c, v) => this.write(r, c, v));
  }
  get values(): unknown[][] {
    return this.read(
      "values",
      this.grid((cell) => (cell?.kind === "empty" ? "" : (cell?.value ?? ""))),
    );
  }
  set formulas(grid: unknown[][]) {
    this.forEach(grid, (r, c, v) => this.write(r, c, v));
  }
  set numberFormat(grid: unknown[][]) {
    this.forEach(grid, (r, c, v) => {
      if (v !== null) this.at(r, c).format = String(v);
    });
  }
  get numberFormat(): unknown[][] {
    return this.read(
      "numberFormat",
      this.grid((cell) => cell?.format ?? "General"),
    );
  }
  protected override responseBytes(props: string[]): number {
    const json = (fn: (cell: FakeCell | undefined) => unknown): number =>
      Buffer.byteLength(JSON.stringify(this.grid(fn)));
    let bytes = 0;
    if (props.includes("values"))
      bytes += json((cell) => (cell?.kind === "empty" ? "" : (cell?.value ?? "")));
    if (props.includes("numberFormat")) bytes += json((cell) => cell?.format ?? "General");
    return bytes;
  }
  private grid(fn: (cell: FakeCell | undefined) => unknown): unknown[][] {
    const out: unknown[][] = [];
    for (let r = this.rect.top; r <= this.rect.bottom; r++) {
      const row: unknown[] = [];
      for (let c = this.rect.left; c <= this.rect.right; c++) row.push(fn(this.sheet.cell(r, c)));
      out.push(row);
    }
    return out;
  }
  get rowIndex(): number {
    return this.read("rowIndex", this.rect.top);
  }
  get columnIndex(): number {
    return this.read("columnIndex", this.rect.left);
  }
  get rowCount(): number {
    return this.read("rowCount", this.rect.bottom - this.rect.top + 1);
  }
  get columnCount(): number {
    return this.read("columnCount", this.rect.right - this.rect.left + 1);
  }
  merge(): void {
    this.sheet.merges.push({ ...this.rect });
  }
  unmerge(): void {
    this.x.record(`unmerge ${addr(this.rect)}`);
    this.sheet.merges = this.sheet.merges.filter((m) => !inside(m, this.rect));
  }
  /** Range.clear: the values of ClearApplyTo and the requirement set each needs. */
  clear(applyTo: string = "All"): void {
    const sets: Record<string, number> = {
      All: 1,
      Formats: 1,
      Contents: 1,
      Hyperlinks: 7,
      RemoveHyperlinks: 7,
      ResetContents: 18,
    };
    const needs = sets[applyTo];
    if (needs === undefined) throw new OfficeError("InvalidArgument", { errorLocation: "Range.clear" });
    this.x.need(needs, `clear ${applyTo}`);
    this.x.record(`clear ${this.sheet.name}!${addr(this.rect)} ${applyTo}`);
    if (applyTo !== "All" && applyTo !== "Contents" && applyTo !== "Formats") return;
    for (const [k, cell] of [...this.sheet.cells]) {
      const [r = 0, c = 0] = k.split(",").map(Number);
      if (!inside({ top: r, left: c, bottom: r, right: c }, this.rect)) continue;
      if (applyTo === "All") this.sheet.cells.delete(k);
      else if (applyTo === "Contents") Object.assign(cell, { value: "", kind: "empty" });
      else cell.format = "General";
    }
    if (applyTo !== "Contents") this.sheet.merges = this.sheet.merges.filter((m) => !inside(m, this.rect));
  }
  select(): void {
    this.x.record(`select ${this.sheet.name}!${addr(this.rect)}`);
  }
  getEntireColumn(): FakeRange {
    return this;
  }
  getEntireRow(): FakeRange {
    return this;
  }
  getMergedAreasOrNullObject() {
    this.x.need(13, "getMergedAreasOrNullObject");
    const found = this.sheet.merges.filter(
      (m) =>
        m.top >= this.rect.top &&
        m.top <= this.rect.bottom &&
        m.left >= this.rect.left &&
        m.left <= this.rect.right,
    );
    const areas = new (class extends Loadable {
      isNullObject = found.length === 0;
      get address(): string {
        return this.read("address", found.map((m) => `'${"Sheet, 1"}'!${addr(m)}`).join(","));
      }
    })(this.x);
    return areas;
  }
  get conditionalFormats() {
    const range = addr(this.rect);
    const list = this.sheet.conditionalFormats;
    return {
      clearAll: () =>
        this.sheet.conditionalFormats.splice(
          0,
          list.length,
          ...list.filter((c) => !inside(parse(c.range), this.rect)),
        ),
      add: (type: string) => {
        if (type !== "Custom") throw new OfficeError("InvalidArgument");
        const entry: { range: string; formula: string; fill?: string; priority?: number } = {
          range,
          formula: "",
        };
        list.push(entry);
        const cf = {
          custom: {
            rule: {
              set formula(f: string) {
                entry.formula = f;
              },
            },
            format: {
              fill: {
                set color(c: string) {
                  entry.fill = c;
                },
              },
              font: {},
            },
          },
          set priority(p: number) {
            entry.priority = p;
          },
          stopIfTrue: false,
        };
        return cf;
      },
    };
  }
  get dataValidation() {
    this.x.need(8, "dataValidation");
    const entry = { range: addr(this.rect), rule: undefined as unknown, errorAlert: undefined as unknown };
    const sheet = this.sheet;
    const rect = this.rect;
    return {
      clear: () => (sheet.validations = sheet.validations.filter((v) => !inside(parse(v.range), rect))),
      set rule(r: unknown) {
        entry.rule = r;
        sheet.validations.push(entry);
      },
      set errorAlert(a: unknown) {
        entry.errorAlert = a;
      },
    };
  }
}

export class FakeTable {
  style = "";
  calculated: { column: string; rows: number; formula: unknown }[] = [];
  constructor(
    private readonly x: FakeExcel,
    public name: string,
    public sheet: FakeSheet,
    public rect: Rect,
  ) {}
  get worksheet(): { name: string } {
    return { name: this.sheet.name };
  }
  /**
   * A column's data body: its formulas written whole, or set on its first cell and replicated down by
   * copyFrom (ExcelApi 1.9), either way a calculated column of `rows` rows.
   */
  get columns() {
    const calculated = this.calculated;
    const x = this.x;
    const rows = this.rect.bottom - this.rect.top;
    return {
      getItem: (column: string) => {
        let first: unknown;
        const cell = {
          set formulas(grid: unknown[][]) {
            x.payload(Buffer.byteLength(JSON.stringify(grid)));
            first = grid[0]?.[0];
            if (rows === 1) calculated.push({ column, rows, formula: first });
          },
        };
        return {
          getDataBodyRange: () => ({
            set formulas(grid: unknown[][]) {
              if (grid.length !== rows) throw new OfficeError("InvalidArgument");
              x.payload(Buffer.byteLength(JSON.stringify(grid)));
              calculated.push({ column, rows: grid.length, formula: grid[0]?.[0] });
            },
            getCell: (r: number, c: number) => {
              if (r !== 0 || c !== 0) throw new Error("only the first cell is used");
              return cell;
            },
            copyFrom: (source: unknown, copyType: string) => {
              x.need(9, "Range.copyFrom");
              if (source !== cell || first === undefined || copyType !== "Formulas")
                throw new OfficeError("InvalidArgument", { errorLocation: "Range.copyFrom" });
              calculated.push({ column, rows, formula: first });
            },
          }),
        };
      },
    };
  }
  /** Header names, from the header row's cells as Excel takes them. */
  private headers(): string[] {
    const out: string[] = [];
    for (let c = this.rect.left; c <= this.rect.right; c++)
      out.push(String(this.sheet.cell(this.rect.top, c)?.value ?? ""));
    return out;
  }
  /** Like Excel: formulas naming the table are rewritten into A1 references to its current rows. */
  convertToRange(): void {
    this.x.record(`convertToRange ${this.name}`);
    const headers = this.headers();
    this.drop();
    const pattern = new RegExp(`${escapeRe(this.name)}\\[([^\\[\\]]*)\\]`, "gi");
    for (const s of this.x.sheets) {
      for (const cell of s.cells.values()) {
        if (cell.kind !== "formula") continue;
        cell.value = String(cell.value).replace(pattern, (_m, column: string) => {
          const i = headers.indexOf(column);
          if (i < 0) return "#REF!";
          const col = columnLetter(this.rect.left + i);
          return `'${this.sheet.name}'!$${col}$${this.rect.top + 2}:$${col}$${this.rect.bottom + 1}`;
        });
      }
    }
  }
  /** Table.delete: the table and its cells go; formulas naming it become #REF!. */
  delete(): void {
    this.x.record(`delete table ${this.name}`);
    this.drop();
    new FakeRange(this.x, this.sheet, this.rect).clear("All");
    this.x.breakReferences(new RegExp(`${escapeRe(this.name)}\\[[^\\]]*\\]`, "gi"));
  }
  drop(): void {
    const i = this.x.tables.indexOf(this);
    if (i >= 0) this.x.tables.splice(i, 1);
  }
}

class FakeTableList extends Loadable {
  constructor(
    x: FakeExcel,
    private readonly list: () => FakeTable[],
    private readonly sheet?: FakeSheet,
  ) {
    super(x);
  }
  get items(): FakeTable[] {
    return this.read("name", this.list());
  }
  getItem(name: string): FakeTable {
    const t = this.list().find((x) => x.name === name);
    if (!t) throw new OfficeError("ItemNotFound");
    return t;
  }
  add(address: string): FakeTable {
    if (!this.sheet) throw new Error("add on workbook.tables is not used");
    const rect = parse(address);
    const overlaps = this.sheet.merges.some(
      (m) => m.top <= rect.bottom && m.bottom >= rect.top && m.left <= rect.right && m.right >= rect.left,
    );
    if (overlaps) throw new OfficeError("InvalidArgument", { errorLocation: "TableCollection.add" });
    const t = new FakeTable(this.x, `Table${this.x.tables.length + 1}`, this.sheet, rect);
    this.x.tables.push(t);
    this.x.record(`table ${address}`);
    return t;
  }
}

/** Puts grid sheets (test/helpers) into a fake workbook as a user's file would hold them: dates as serials. */
export function seedSheets(x: FakeExcel, grids: readonly GridSheet[]): void {
  for (const grid of grids) {
    const sheet = x.addSheet(grid.name);
    grid.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const date = v instanceof Date;
        const value = date ? serialFromYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) : v;
        sheet.cells.set(`${r},${c}`, {
          value,
          kind: typeof value === "number" ? "number" : "text",
          format: date ? "yyyy-mm-dd" : "General",
        });
      }),
    );
  }
}
