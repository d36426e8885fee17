import {
  Package,
  WORKBOOK_ORDER,
  WORKSHEET_ORDER,
  attr,
  escapeAttr,
  insertChild,
  relKind,
  relativeTarget,
  takeChild,
  unescapeXml,
  type Relationship,
} from "./opc";
import type { DroppedKind, DroppedPart, DroppedReason } from "../host";
import { ANCHOR, isOwnAnchor, ownChartParts, writeCharts, type SheetCharts } from "./charts";

/**
 * The lossless .xlsx path. ExcelJS reads a workbook into its model and writes a new package from it, losing
 * whatever its model has no place for: charts and the drawings that hold them, pivot tables and their caches,
 * custom properties (docProps/custom.xml, e.g. 密级), customXml items, the VBA project of an .xlsm, workbook
 * protection, and more. After ExcelJS has written the output, `carryOver` grafts those parts from the ORIGINAL
 * package into it, unchanged (same bytes), with their relationships and content types, for every original
 * sheet that is still in the output under its own name and that the plan does not rewrite; the backup
 * `<sheet>(原表)` gets a copy of its original's drawing (charts pointed at the backup). `comparePackages` then
 * compares the two packages part by part: every original part is in the output or listed as dropped, with why.
 *
 * Sheets are matched by NAME between the two workbook.xml files (ExcelJS renumbers sheetN.xml).
 */

export type { DroppedKind, DroppedPart, DroppedReason };

export interface CarryOptions {
  /** Sheets the plan writes anew (generated before): their parts are not grafted. */
  replaced: readonly string[];
  /** Backups the plan made: the original sheet's name and the backup's. */
  backups: readonly { from: string; name: string }[];
  /** Keep the VBA project (default true). False when the output is named .xlsx: then vba is reported. */
  keepMacros?: boolean;
  /** The plan's charts, written after the grafts (charts.ts): the tool's earlier charts on those sheets go. */
  charts?: readonly SheetCharts[];
  /** Sheets whose rows keep no fixed height (NewSheetPlan.autoRowHeights): customHeight is taken off their rows. */
  autoHeights?: readonly string[];
}

export interface CarryResult {
  bytes: Uint8Array;
  dropped: DroppedPart[];
}

const MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
const PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Is this file a zip package (an .xlsx or .xlsm), as opposed to an HTML table saved as .xls? */
export function isZipPackage(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** Does the package hold a VBA project (an .xlsm, or an .xlsx that is one in disguise)? */
export async function hasMacros(original: Uint8Array): Promise<boolean> {
  if (!isZipPackage(original)) return false;
  const pkg = await Package.load(original);
  return (await pkg.rels("xl/workbook.xml")).some((r) => relKind(r.type) === "vbaProject");
}

/**
 * Grafts into `output` (ExcelJS's file) every part of `original` that ExcelJS lost and this tool can carry,
 * and reports (by comparePackages) what is still missing. An original that is not a zip (HTML as .xls) has
 * nothing to carry.
 */
export async function carryOver(
  original: Uint8Array,
  output: Uint8Array | Package,
  options: CarryOptions,
  originalParts?: ReadonlyMap<string, Uint8Array>,
): Promise<CarryResult> {
  // The original's parts as the package check inflated them, else inflated here: a Package of its own for the
  // graft and for the comparison, as before.
  const originalPackage = (): Promise<Package> =>
    originalParts !== undefined ? Package.fromParts(new Map(originalParts)) : Package.load(original);
  const charts = options.charts ?? [];
  if (!isZipPackage(original)) {
    // Written anew even with nothing to add: the output may come stored (writeXlsx), the file is compressed.
    const dst = output instanceof Package ? output : await Package.load(output);
    await writeCharts(dst, charts);
    await autoHeights(dst, options.autoHeights ?? []);
    return { bytes: await dst.generate(), dropped: [] };
  }
  const src = await originalPackage();
  const dst = output instanceof Package ? output : await Package.load(output);
  const grafter = new Grafter(src, dst, options);
  await grafter.run();
  await writeCharts(dst, charts);
  await autoHeights(dst, options.autoHeights ?? []);
  const bytes = await dst.generate();
  // dst holds what the bytes hold: compared as it is, not read again.
  return { bytes, dropped: await comparePackagesOf(await originalPackage(), dst, options) };
}

/**
 * Rows of these sheets without customHeight: Excel shows the height written and fits the row again when its
 * text changes (ExcelJS marks every row it gives a height as custom).
 */
async function autoHeights(pkg: Package, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const sheets = await pkg.sheets();
  for (const name of names) {
    const part = sheets.get(name);
    const xml = part === undefined ? undefined : await pkg.text(part);
    if (part === undefined || xml === undefined) continue;
    pkg.write(
      part,
      xml.replace(/<row\b[^>]*>/g, (tag) => tag.replace(/\s+customHeight="(?:1|true)"/, "")),
    );
  }
}

class Grafter {
  /** Original part → its path in the output, for parts copied once (shared by several owners). */
  private readonly copied = new Map<string, string>();
  private srcSheets = new Map<string, string>();
  private dstSheets = new Map<string, string>();

  constructor(
    private readonly src: Package,
    private readonly dst: Package,
    private readonly options: CarryOptions,
  ) {}

  async run(): Promise<void> {
    this.srcSheets = await this.src.sheets();
    this.dstSheets = await this.dst.sheets();
    // Sheet parts of the original map to the output's, so that a copied part pointing at a sheet still does.
    for (const [name, path] of this.srcSheets) {
      const out = this.dstSheets.get(name);
      if (out !== undefined && !this.options.replaced.includes(name)) this.copied.set(path, out);
    }
    const pairs: { name: string; from: string; to: string; backup: boolean }[] = [];
    for (const [name, from] of this.srcSheets) {
      const to = this.dstSheets.get(name);
      if (to !== undefined && !this.options.replaced.includes(name))
        pairs.push({ name, from, to, backup: false });
    }
    for (const b of this.options.backups) {
      const from = this.srcSheets.get(b.from);
      const to = this.dstSheets.get(b.name);
      // A backup kept from an earlier build is the original's own sheet (matched by name above).
      if (from !== undefined && to !== undefined && !this.srcSheets.has(b.name))
        pairs.push({ name: b.name, from, to, backup: true });
    }
    // ExcelJS's own drawings go first (and the images only they used), so that the original's keep their names.
    for (const p of pairs)
      if (await this.hasRel(this.src, p.from, "drawing")) await this.dropOwnDrawing(p.to);
    await this.sweep();
    for (const p of pairs) await this.graftSheet(p.name, p.from, p.to, p.backup);
    await this.graftWorkbook();
    await this.graftRoot();
  }

  private async hasRel(pkg: Package, part: string, kind: string): Promise<boolean> {
    return (await pkg.rels(part)).some((r) => relKind(r.type) === kind);
  }

  /** Removes ExcelJS's drawing of an output sheet (the <drawing> element, the relationship, the part). */
  private async dropOwnDrawing(sheet: string): Promise<void> {
    const rels = await this.dst.rels(sheet);
    const drawing = rels.find((r) => relKind(r.type) === "drawing");
    if (!drawing) return;
    this.dst.writeRels(
      sheet,
      rels.filter((r) => r !== drawing),
    );
    const frame = await this.dst.sheetFrame(sheet);
    if (frame) this.dst.writeSheetFrame(sheet, { ...frame, xml: takeChild(frame.xml, "drawing").xml });
  }

  /** Removes output parts no relationship reaches any more (ExcelJS's drawings replaced, their images). */
  private async sweep(): Promise<void> {
    const reached = new Set<string>();
    const queue: string[] = [""];
    while (queue.length > 0) {
      const part = queue.pop() ?? "";
      for (const r of await this.dst.rels(part)) {
        if (r.external || reached.has(r.path)) continue;
        reached.add(r.path);
        queue.push(r.path);
      }
    }
    for (const part of this.dst.parts()) {
      if (part.endsWith(".rels")) continue;
      if (!reached.has(part) && /^xl\/(drawings|media)\//.test(part)) {
        this.dst.remove(part);
        this.dst.writeRels(part, []);
      }
    }
  }

  private async graftSheet(name: string, from: string, to: string, backup: boolean): Promise<void> {
    const srcRels = await this.src.rels(from);
    let dstRels = await this.dst.rels(to);
    // Only what lies around the rows is read or changed (a ledger's rows are most of the package's bytes).
    const frame = (await this.dst.sheetFrame(to)) ?? { xml: "", rows: "" };
    let xml = frame.xml;
    const srcXml = (await this.src.sheetFrame(from))?.xml ?? "";
    const fromName = [...this.srcSheets].find(([, p]) => p === from)?.[0] ?? name;
    const add = (type: string, path: string): string => {
      const id = freeId(dstRels);
      dstRels = [...dstRels, { id, type, target: relativeTarget(to, path), external: false, path }];
      return id;
    };

    // The drawing: the original's, with its charts, shapes and images (ExcelJS's went in run()).
    const drawing = srcRels.find((r) => relKind(r.type) === "drawing" && !r.external);
    if (drawing && this.src.has(drawing.path)) {
      const path = backup
        ? await this.copyFresh(drawing.path, new Map(), { from: fromName, to: name })
        : await this.copy(drawing.path);
      const id = add(drawing.type, path);
      xml = insertChild(xml, "worksheet", "drawing", `<drawing r:id="${id}"/>`, WORKSHEET_ORDER);
    }

    // Notes ExcelJS lost: the comments part and the legacy VML drawing that shows them.
    const comments = srcRels.find((r) => relKind(r.type) === "comments" && !r.external);
    const hasComments = dstRels.some((r) => relKind(r.type) === "comments");
    const legacyId = attr(/<legacyDrawing\b([^>]*)\/?>/.exec(srcXml)?.[1] ?? "", "r:id");
    const vml = srcRels.find((r) => r.id === legacyId && !r.external);
    if (comments && !hasComments && this.src.has(comments.path)) {
      add(
        comments.type,
        backup ? await this.copyFresh(comments.path, new Map()) : await this.copy(comments.path),
      );
      if (vml && this.src.has(vml.path) && !/<legacyDrawing[\s/>]/.test(xml)) {
        const path = backup ? await this.copyFresh(vml.path, new Map()) : await this.copy(vml.path);
        const id = add(vml.type, path);
        xml = insertChild(
          xml,
          "worksheet",
          "legacyDrawing",
          `<legacyDrawing r:id="${id}"/>`,
          WORKSHEET_ORDER,
        );
      }
    }

    // Pivot tables (no element in the sheet: the relationship is all); their caches join the workbook later.
    if (!backup) {
      for (const r of srcRels.filter((x) => relKind(x.type) === "pivotTable" && !x.external)) {
        if (this.src.has(r.path)) add(r.type, await this.copy(r.path));
      }
    }

    // The printer settings <pageSetup r:id> names.
    const printer = srcRels.find((r) => relKind(r.type) === "printerSettings" && !r.external);
    const pageSetup = /<pageSetup\b([^>]*?)(\/?)>/.exec(xml);
    if (
      printer &&
      this.src.has(printer.path) &&
      pageSetup &&
      attr(pageSetup[1] ?? "", "r:id") === undefined
    ) {
      const path = backup ? await this.copyFresh(printer.path, new Map()) : await this.copy(printer.path);
      const id = add(printer.type, path);
      xml = xml.replace(/<pageSetup\b/, `<pageSetup r:id="${id}"`);
    }

    // The sheet's code name (VBA binds its sheet modules by it), when the macros are kept.
    if (this.keepMacros() && !backup)
      xml = withCodeName(xml, srcXml, "sheetPr", "worksheet", WORKSHEET_ORDER);

    // ExcelJS writes <tableParts> before <legacyDrawing>; the schema wants the drawings first.
    xml = reorder(xml, ["drawing", "legacyDrawing", "legacyDrawingHF", "picture"]);
    if (!/xmlns:r=/.test(xml.slice(0, 600))) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${REL}"`);
    if (xml !== frame.xml) this.dst.writeSheetFrame(to, { xml, rows: frame.rows });
    this.dst.writeRels(to, dstRels);
  }

  private keepMacros(): boolean {
    return this.options.keepMacros !== false;
  }

  private async graftWorkbook(): Promise<void> {
    const wb = "xl/workbook.xml";
    const srcXml = (await this.src.text(wb)) ?? "";
    let xml = (await this.dst.text(wb)) ?? "";
    const srcRels = await this.src.rels(wb);
    let dstRels = await this.dst.rels(wb);
    const add = (type: string, path: string): string => {
      const id = freeId(dstRels);
      dstRels = [...dstRels, { id, type, target: relativeTarget(wb, path), external: false, path }];
      return id;
    };

    // Pivot caches whose pivot tables were carried: a relationship and a <pivotCache cacheId> each.
    const caches: string[] = [];
    for (const m of srcXml.matchAll(/<pivotCache\b([^>]*?)\/?>/g)) {
      const cacheId = attr(m[1] ?? "", "cacheId");
      const rid = attr(m[1] ?? "", "r:id");
      const rel = srcRels.find((r) => r.id === rid);
      const path = rel ? this.copied.get(rel.path) : undefined;
      if (rel && path !== undefined && cacheId !== undefined)
        caches.push(`<pivotCache cacheId="${escapeAttr(cacheId)}" r:id="${add(rel.type, path)}"/>`);
    }
    if (caches.length > 0 && !/<pivotCaches[\s>]/.test(xml))
      xml = insertChild(
        xml,
        "workbook",
        "pivotCaches",
        `<pivotCaches>${caches.join("")}</pivotCaches>`,
        WORKBOOK_ORDER,
      );

    // External links, in their order (formulas name them [1], [2] …).
    const links: string[] = [];
    for (const m of srcXml.matchAll(/<externalReference\b([^>]*?)\/?>/g)) {
      const rel = srcRels.find((r) => r.id === attr(m[1] ?? "", "r:id"));
      if (rel && !rel.external && this.src.has(rel.path))
        links.push(`<externalReference r:id="${add(rel.type, await this.copy(rel.path))}"/>`);
    }
    if (links.length > 0 && !/<externalReferences[\s>]/.test(xml))
      xml = insertChild(
        xml,
        "workbook",
        "externalReferences",
        `<externalReferences>${links.join("")}</externalReferences>`,
        WORKBOOK_ORDER,
      );

    // Parts that need no element in workbook.xml.
    for (const r of srcRels) {
      if (r.external || !this.src.has(r.path)) continue;
      const kind = relKind(r.type);
      if (kind === "customXml" || kind === "connections" || (kind === "vbaProject" && this.keepMacros())) {
        if (dstRels.some((d) => d.type === r.type && this.copied.get(r.path) === d.path)) continue;
        add(r.type, await this.copy(r.path));
      }
    }
    if (this.keepMacros() && srcRels.some((r) => relKind(r.type) === "vbaProject")) {
      this.dst.setContentType(wb, MACRO_MAIN);
      xml = withCodeName(xml, srcXml, "workbookPr", "workbook", WORKBOOK_ORDER);
    } else if (this.dst.contentType(wb) === MACRO_MAIN) {
      this.dst.setContentType(wb, PLAIN_MAIN);
    }

    // Protection of the structure, and the file's sharing (read-only recommended, write password).
    for (const name of ["fileSharing", "workbookProtection"] as const) {
      const element = takeChild(srcXml, name).element;
      if (element && !new RegExp(`<${name}[\\s/>]`).test(xml))
        xml = insertChild(xml, "workbook", name, element, WORKBOOK_ORDER);
    }
    this.dst.write(wb, xml);
    this.dst.writeRels(wb, dstRels);
  }

  /** Package-level parts ExcelJS does not write: custom properties, the thumbnail. */
  private async graftRoot(): Promise<void> {
    let rels = await this.dst.rels("");
    for (const r of await this.src.rels("")) {
      const kind = relKind(r.type);
      if (r.external || !this.src.has(r.path)) continue;
      if (kind !== "custom-properties" && kind !== "thumbnail") continue;
      if (rels.some((d) => d.type === r.type)) continue;
      const path = await this.copy(r.path);
      rels = [...rels, { id: freeId(rels), type: r.type, target: path, external: false, path }];
    }
    this.dst.writeRels("", rels);
  }

  /** Copies a part (once) with the parts it refers to, under its own path when free; returns its output path. */
  private async copy(path: string): Promise<string> {
    return this.copyInto(path, this.copied);
  }

  /**
   * A second copy of a part and everything under it except images (the backup's drawing: a part belongs to
   * one owner). Charts of the copy are pointed at the backup sheet when `retarget` names it.
   */
  private async copyFresh(
    path: string,
    memo: Map<string, string>,
    retarget?: { from: string; to: string },
  ): Promise<string> {
    const sheetParts = new Set(this.srcSheets.values());
    for (const [k, v] of this.copied) if (/^xl\/media\//.test(k) || sheetParts.has(k)) memo.set(k, v);
    return this.copyInto(path, memo, retarget);
  }

  private async copyInto(
    path: string,
    memo: Map<string, string>,
    retarget?: { from: string; to: string },
  ): Promise<string> {
    const known = memo.get(path);
    if (known !== undefined) return known;
    const out = this.dst.freePath(path);
    memo.set(path, out);
    const type = this.src.contentType(path);
    let data: string | Uint8Array = (await this.src.bytes(path)) ?? new Uint8Array();
    if (retarget && type?.endsWith("drawingml.chart+xml"))
      data = retargetChart(new TextDecoder().decode(data), retarget.from, retarget.to);
    this.dst.write(out, data);
    if (type) this.dst.setContentType(out, type);
    const rels: Relationship[] = [];
    for (const r of await this.src.rels(path)) {
      if (r.external) {
        rels.push(r);
        continue;
      }
      if (!this.src.has(r.path)) continue;
      // A part refers to a sheet or the workbook (a chart's userShapes never, a pivot cache's source never):
      // keep it when that sheet is in the output, else leave the relationship out.
      const ct = this.src.contentType(r.path) ?? "";
      if (/worksheet\+xml|sheet\.main\+xml|macroEnabled\.main\+xml/.test(ct)) {
        const target = memo.get(r.path) ?? this.copied.get(r.path);
        if (target !== undefined) rels.push({ ...r, target: relativeTarget(out, target), path: target });
        continue;
      }
      const target = await this.copyInto(r.path, memo, retarget);
      rels.push({ ...r, target: relativeTarget(out, target), path: target });
    }
    if (rels.length > 0) this.dst.writeRels(out, rels);
    return out;
  }
}

function freeId(rels: Relationship[]): string {
  const ids = new Set(rels.map((r) => r.id));
  for (let n = rels.length + 1; ; n++) if (!ids.has(`rId${n}`)) return `rId${n}`;
}

/** Moves these self-closing children of the root to their schema place (ExcelJS puts some out of order). */
function reorder(xml: string, names: string[]): string {
  let out = xml;
  for (const name of names) {
    const taken = takeChild(out, name);
    if (!taken.element) continue;
    out = insertChild(taken.xml, "worksheet", name, taken.element, WORKSHEET_ORDER);
  }
  return out;
}

/** Copies the codeName attribute of `element` (workbookPr, sheetPr) from the original's XML into `xml`. */
function withCodeName(
  xml: string,
  srcXml: string,
  element: string,
  root: string,
  order: readonly string[],
): string {
  const codeName = attr(new RegExp(`<${element}\\b([^>]*?)/?>`).exec(srcXml)?.[1] ?? "", "codeName");
  if (codeName === undefined) return xml;
  const here = new RegExp(`<${element}\\b([^>]*?)(/?)>`).exec(xml);
  if (!here)
    return insertChild(xml, root, element, `<${element} codeName="${escapeAttr(codeName)}"/>`, order);
  if (attr(here[1] ?? "", "codeName") !== undefined) return xml;
  return xml.replace(new RegExp(`<${element}\\b`), `<${element} codeName="${escapeAttr(codeName)}"`);
}

/** A chart's references to the sheet `from` made references to `to` (the backup's copy of the chart). */
function retargetChart(xml: string, from: string, to: string): string {
  const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const plain = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const q = quoted(from).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const target = quoted(to).replace(/\$/g, "$$$$");
  // Matched on the formula as text (a name with & or < is escaped in the XML), written back escaped.
  return xml.replace(/<c:f>([\s\S]*?)<\/c:f>/g, (_all, f: string) => {
    const out = unescapeXml(f).replace(new RegExp(`${q}!|(?<![\\w'])${plain}!`, "g"), `${target}!`);
    return `<c:f>${escapeAttr(out)}</c:f>`;
  });
}

// ── The part-by-part comparison ─────────────────────────────────────────────────────────────────────────

/** Parts every writer makes anew: present when the output has a part of the same kind. */
const REWRITTEN_TYPES = [
  "sheet.main+xml",
  "macroEnabled.main+xml",
  "styles+xml",
  "sharedStrings+xml",
  "theme+xml",
  "core-properties+xml",
  "extended-properties+xml",
];
/** Derived data Excel rebuilds on open: never reported. */
const DERIVED_TYPES = ["calcChain+xml"];

/** The kind of a part, from its content type (and path). */
export function kindOf(contentType: string, path: string): DroppedKind {
  const t = contentType.toLowerCase();
  if (t.includes("chartstyle") || t.includes("chartcolorstyle") || t.includes("drawingml.chart"))
    return "chart";
  if (t.includes("chartsheet")) return "chart";
  if (t.includes("drawingml.chartshapes") || t.includes("officedocument.drawing+xml")) return "drawing";
  if (t.startsWith("image/") || /\/media\//.test(path)) return "image";
  if (t.includes("pivottable")) return "pivotTable";
  if (t.includes("pivotcache")) return "pivotCache";
  if (t.includes("custom-properties")) return "customProperties";
  if (t.includes("customxml") || /^customxml\//i.test(path)) return "customXml";
  if (t.includes("vbaproject") || t.includes("vbadata")) return "vba";
  if (t.includes("threadedcomments") || t.includes("spreadsheetml.person")) return "threadedComments";
  if (t.includes("comments") || t.includes("vmldrawing")) return "comments";
  if (t.includes("slicer")) return "slicer";
  if (t.includes("timeline")) return "timeline";
  if (t.includes("externallink")) return "externalLink";
  if (t.includes("ctrlprops") || t.includes("activex")) return "control";
  if (t.includes("oleobject") || t.includes("package") || /\/embeddings\//.test(path)) return "embedding";
  if (t.includes("printersettings")) return "printerSettings";
  if (t.includes("connections")) return "connection";
  if (t.includes("querytable")) return "queryTable";
  if (t.includes("table+xml")) return "table";
  if (t.includes("digital-signature")) return "signature";
  return "other";
}

/**
 * Every part of `original` that is not in `output`, with its kind, sheet and reason; also workbook and sheet
 * protection, and sheet extensions (x14 slicer lists, data bars …) of sheets that are in both. A part counts
 * as present when the output holds a part with the same bytes (copied parts keep theirs, maybe under another
 * name); parts any writer makes anew (sheets, styles, shared strings, notes, tables) count as present when
 * their owner is. With `options` the reasons say which sheets the plan replaced and whether macros were left
 * out on purpose.
 */
export async function comparePackages(
  original: Uint8Array,
  output: Uint8Array,
  options: Partial<CarryOptions> = {},
): Promise<DroppedPart[]> {
  if (!isZipPackage(original)) return [];
  return comparePackagesOf(await Package.load(original), await Package.load(output), options);
}

/** comparePackages on packages already read (carryOver hands over the one it has just written). */
async function comparePackagesOf(
  src: Package,
  dst: Package,
  options: Partial<CarryOptions>,
): Promise<DroppedPart[]> {
  const srcSheets = await src.sheets();
  const dstSheets = await dst.sheets();
  const owner = await ownersOf(src, srcSheets);
  // The tool's own charts of an earlier build are written anew, never lost.
  const ownCharts = await ownChartParts(src);
  // A digest starts with the length: only output parts as long as some original part are digested (not the
  // sheets of many megabytes the build wrote anew).
  const srcLengths = new Set<number>();
  for (const part of src.parts()) srcLengths.add((await src.bytes(part))?.length ?? 0);
  const digests = new Set<string>();
  for (const part of dst.parts()) {
    if (part.endsWith(".rels")) continue;
    const bytes = (await dst.bytes(part)) ?? new Uint8Array();
    if (srcLengths.has(bytes.length)) digests.add(digest(bytes));
  }
  const dstTypes = new Set(dst.parts().map((p) => dst.contentType(p) ?? ""));
  const dstTables = new Set<string>();
  for (const part of dst.parts().filter((p) => /^xl\/tables\/[^/]+\.xml$/i.test(p))) {
    const name = attr(/<table\b([^>]*)>/.exec((await dst.text(part)) ?? "")?.[1] ?? "", "displayName");
    if (name !== undefined) dstTables.add(name.toLowerCase());
  }
  const replaced = new Set(options.replaced ?? []);
  const dropped: DroppedPart[] = [];
  const reasonFor = (sheet: string | undefined, kind: DroppedKind): DroppedReason => {
    if (kind === "vba" && options.keepMacros === false) return "macrosInXlsx";
    if (sheet !== undefined && replaced.has(sheet)) return "sheetReplaced";
    if (sheet !== undefined && !dstSheets.has(sheet)) return "sheetRemoved";
    return "notCarried";
  };

  for (const part of src.parts()) {
    if (part.endsWith(".rels")) continue;
    const type = src.contentType(part) ?? "";
    if (DERIVED_TYPES.some((t) => type.endsWith(t))) continue;
    if (ownCharts.has(part)) continue;
    const sheet = owner.get(part);
    // A sheet is kept under its name or written anew by the plan: neither is a loss of a part.
    if (/worksheet\+xml$/.test(type)) continue;
    if (REWRITTEN_TYPES.some((t) => type.endsWith(t))) {
      if (/\.main\+xml$/.test(type) || dstTypes.has(type)) continue;
    }
    const kind = kindOf(type, part);
    if (kind === "comments" && sheet !== undefined) {
      const out = dstSheets.get(sheet);
      const wanted = type.includes("vml") ? "vmlDrawing" : "comments";
      if (out !== undefined && (await dst.rels(out)).some((r) => relKind(r.type) === wanted)) continue;
    }
    if (kind === "table") {
      const name = attr(/<table\b([^>]*)>/.exec((await src.text(part)) ?? "")?.[1] ?? "", "displayName");
      if (name !== undefined && dstTables.has(name.toLowerCase())) continue;
    }
    if (digests.has(digest((await src.bytes(part)) ?? new Uint8Array()))) continue;
    // A drawing the build added its charts to (or took its own earlier ones from): carried when every anchor
    // of the user's is still on the sheet's drawing.
    if (
      kind === "drawing" &&
      sheet !== undefined &&
      (await drawingKept(src, dst, part, dstSheets.get(sheet)))
    )
      continue;
    dropped.push({ part, kind, ...(sheet !== undefined ? { sheet } : {}), reason: reasonFor(sheet, kind) });
  }

  // Elements, not parts.
  const srcWb = (await src.text("xl/workbook.xml")) ?? "";
  const dstWb = (await dst.text("xl/workbook.xml")) ?? "";
  for (const name of ["workbookProtection", "fileSharing"]) {
    const re = new RegExp(`<${name}[\\s/>]`);
    if (re.test(srcWb) && !re.test(dstWb))
      dropped.push({ part: `xl/workbook.xml#${name}`, kind: "workbookProtection", reason: "notCarried" });
  }
  for (const [sheet, path] of srcSheets) {
    const out = dstSheets.get(sheet);
    if (out === undefined || replaced.has(sheet)) continue;
    // Protection and the sheet's extensions lie around the rows.
    const a = (await src.sheetFrame(path))?.xml ?? "";
    const b = (await dst.sheetFrame(out))?.xml ?? "";
    if (/<sheetProtection[\s/>]/.test(a) && !/<sheetProtection[\s/>]/.test(b))
      dropped.push({ part: `${path}#sheetProtection`, kind: "sheetProtection", sheet, reason: "notCarried" });
    for (const uri of extUris(a)) {
      if (!extUris(b).includes(uri))
        dropped.push({ part: `${path}#extLst:${uri}`, kind: extKind(a, uri), sheet, reason: "notCarried" });
    }
  }
  return dropped;
}

/** Each part's sheet: the sheet it is reached from through relationships (first sheet wins). */
/** Whether the output sheet's drawing holds every anchor of the original drawing but the tool's own charts. */
async function drawingKept(
  src: Package,
  dst: Package,
  part: string,
  outSheet: string | undefined,
): Promise<boolean> {
  if (outSheet === undefined) return false;
  const rel = (await dst.rels(outSheet)).find((r) => relKind(r.type) === "drawing" && !r.external);
  const out = rel ? await dst.text(rel.path) : undefined;
  if (out === undefined) return false;
  const anchors = [...((await src.text(part)) ?? "").matchAll(ANCHOR)].map((m) => m[0]);
  return anchors.every((a) => isOwnAnchor(a) || out.includes(a));
}

async function ownersOf(pkg: Package, sheets: Map<string, string>): Promise<Map<string, string>> {
  const owner = new Map<string, string>();
  const sheetParts = new Set(sheets.values());
  for (const [name, path] of sheets) {
    const queue = [path];
    owner.set(path, name);
    while (queue.length > 0) {
      const part = queue.pop() ?? "";
      for (const r of await pkg.rels(part)) {
        if (r.external || owner.has(r.path) || sheetParts.has(r.path)) continue;
        owner.set(r.path, name);
        queue.push(r.path);
      }
    }
  }
  return owner;
}

/** The uri of every <ext> in a sheet's <extLst>. */
function extUris(xml: string): string[] {
  const list = /<extLst>([\s\S]*)<\/extLst>/.exec(xml)?.[1] ?? "";
  return [...list.matchAll(/<ext\b([^>]*)>/g)]
    .map((m) => attr(m[1] ?? "", "uri") ?? "")
    .filter((u) => u !== "");
}

function extKind(xml: string, uri: string): DroppedKind {
  const i = xml.indexOf(uri);
  const body = i < 0 ? "" : xml.slice(i, xml.indexOf("</ext>", i));
  if (/slicerList/.test(body)) return "slicer";
  if (/timelineRefs/.test(body)) return "timeline";
  return "sheetExtension";
}

/** A cheap fingerprint of a part's bytes (length and FNV-1a). */
function digest(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${bytes.length}:${h.toString(16)}`;
}
