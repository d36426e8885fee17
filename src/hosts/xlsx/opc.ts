import { unzipSync } from "fflate";
import { zipParts } from "./zip";

/**
 * An OPC package (the zip of an .xlsx) read with fflate: parts, their relationships and content types, and the
 * sheets of its workbook by name. Only what carry.ts needs; XML is handled as text, as in tableFormulas.ts.
 * fflate rather than jszip (which ExcelJS uses): at 20,000 rows jszip's JavaScript UTF-8, CRC and deflate took a
 * third of a build; fflate inflates and deflates several times faster and text goes through the native
 * TextDecoder/TextEncoder. Parts are held as bytes or text, in the zip's order.
 */

export interface Relationship {
  id: string;
  type: string;
  /** Target as written. */
  target: string;
  external: boolean;
  /** The target part's path in the zip (no leading "/"), for an internal relationship. */
  path: string;
}

const UTF8_DECODER = new TextDecoder("utf-8", { ignoreBOM: true });
const UTF8_ENCODER = new TextEncoder();

export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** The last segment of a relationship type: ".../relationships/chart" → "chart" (transitional or strict). */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

/** A worksheet's XML around its rows, and the rows as they are stored (sheetFrame). */
export interface SheetFrame {
  xml: string;
  rows: Uint8Array | string;
}

const SHEET_DATA_OPEN = UTF8_ENCODER.encode("<sheetData");
const SHEET_DATA_CLOSE = UTF8_ENCODER.encode("</sheetData");

/** Where the rows lie in a sheet's bytes: after the `<sheetData …>` tag, up to `</sheetData>`; none when empty. */
function rowsInBytes(data: Uint8Array): [number, number] | undefined {
  const open = indexOfBytes(data, SHEET_DATA_OPEN, 0);
  if (open < 0) return undefined;
  let gt = open + SHEET_DATA_OPEN.length;
  while (gt < data.length && data[gt] !== 0x3e) gt++;
  if (gt >= data.length || data[gt - 1] === 0x2f) return undefined;
  const close = lastIndexOfBytes(data, SHEET_DATA_CLOSE);
  return close > gt ? [gt + 1, close] : undefined;
}

function rowsInText(text: string): [number, number] | undefined {
  const open = text.indexOf("<sheetData");
  const gt = open < 0 ? -1 : text.indexOf(">", open);
  if (gt < 0 || text[gt - 1] === "/") return undefined;
  const close = text.lastIndexOf("</sheetData");
  return close > gt ? [gt + 1, close] : undefined;
}

function indexOfBytes(data: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let i = data.indexOf(first ?? 0, from); i >= 0; i = data.indexOf(first ?? 0, i + 1)) {
    let k = 1;
    while (k < needle.length && data[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

function lastIndexOfBytes(data: Uint8Array, needle: Uint8Array): number {
  const first = needle[0] ?? 0;
  for (let i = data.lastIndexOf(first); i >= 0; i = i > 0 ? data.lastIndexOf(first, i - 1) : -1) {
    let k = 1;
    while (k < needle.length && data[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

export class Package {
  private readonly defaults: Map<string, string>;
  /** Overrides by lower-case part name: the name as written and the type. */
  private readonly overrides: Map<string, { name: string; type: string }>;

  private constructor(
    /** Every entry by its path, directories ("…/") included, in the zip's order. */
    private readonly files: Map<string, Uint8Array | string>,
    ctXml: string,
  ) {
    const ct = parseContentTypes(ctXml);
    this.defaults = ct.defaults;
    this.overrides = ct.overrides;
  }

  static async load(bytes: Uint8Array): Promise<Package> {
    return Package.fromParts(new Map<string, Uint8Array | string>(Object.entries(unzipSync(bytes))));
  }

  /** A package of parts already in memory (zipWrite.ts workbookParts: a build's output, never zipped between). */
  static async fromParts(files: Map<string, Uint8Array | string>): Promise<Package> {
    const pkg = new Package(files, "<Types/>");
    const ct = await pkg.text("[Content_Types].xml");
    return ct === undefined ? pkg : new Package(files, ct);
  }

  /** Every part's path (no directories, no "[Content_Types].xml"). */
  parts(): string[] {
    return [...this.files.keys()].filter((name) => !name.endsWith("/") && name !== "[Content_Types].xml");
  }

  has(path: string): boolean {
    return !path.endsWith("/") && this.files.has(path);
  }

  async text(path: string): Promise<string | undefined> {
    const data = this.has(path) ? this.files.get(path) : undefined;
    // As jszip's "string": UTF-8, a byte-order mark kept as a character.
    return typeof data === "string" || data === undefined ? data : UTF8_DECODER.decode(data);
  }

  async bytes(path: string): Promise<Uint8Array | undefined> {
    const data = this.has(path) ? this.files.get(path) : undefined;
    return typeof data === "string" ? UTF8_ENCODER.encode(data) : data;
  }

  write(path: string, data: string | Uint8Array): void {
    this.files.set(path, data);
  }

  /**
   * A worksheet's XML with its rows left out (an empty `<sheetData>` in their place): all that carry.ts reads or
   * edits of a sheet, without decoding 100 MB of rows at 20,000 (and encoding them again).
   */
  async sheetFrame(path: string): Promise<SheetFrame | undefined> {
    const data = this.has(path) ? this.files.get(path) : undefined;
    if (data === undefined) return undefined;
    const span = typeof data === "string" ? rowsInText(data) : rowsInBytes(data);
    if (span === undefined) return { xml: (await this.text(path)) ?? "", rows: "" };
    const [from, to] = span;
    if (typeof data === "string")
      return { xml: data.slice(0, from) + data.slice(to), rows: data.slice(from, to) };
    return {
      xml: UTF8_DECODER.decode(data.subarray(0, from)) + UTF8_DECODER.decode(data.subarray(to)),
      rows: data.subarray(from, to),
    };
  }

  /** A sheet written from its frame (sheetFrame): the rows go back into its empty `<sheetData>`. */
  writeSheetFrame(path: string, frame: SheetFrame): void {
    const at = frame.rows.length === 0 ? -1 : frame.xml.indexOf("</sheetData");
    if (at < 0) {
      this.files.set(path, frame.xml);
      return;
    }
    if (typeof frame.rows === "string") {
      this.files.set(path, frame.xml.slice(0, at) + frame.rows + frame.xml.slice(at));
      return;
    }
    const head = UTF8_ENCODER.encode(frame.xml.slice(0, at));
    const tail = UTF8_ENCODER.encode(frame.xml.slice(at));
    const out = new Uint8Array(head.length + frame.rows.length + tail.length);
    out.set(head, 0);
    out.set(frame.rows, head.length);
    out.set(tail, head.length + frame.rows.length);
    this.files.set(path, out);
  }

  remove(path: string): void {
    this.files.delete(path);
    this.overrides.delete(`/${path}`.toLowerCase());
  }

  contentType(path: string): string | undefined {
    const o = this.overrides.get(`/${path}`.toLowerCase());
    if (o) return o.type;
    const dot = path.lastIndexOf(".");
    return dot < 0 ? undefined : this.defaults.get(path.slice(dot + 1).toLowerCase());
  }

  /** Gives the part this content type: an Override unless its extension's Default already says so. */
  setContentType(path: string, type: string): void {
    const dot = path.lastIndexOf(".");
    const ext = dot < 0 ? "" : path.slice(dot + 1).toLowerCase();
    const key = `/${path}`.toLowerCase();
    if (this.defaults.get(ext) === type) this.overrides.delete(key);
    else if (ext !== "" && !this.defaults.has(ext) && type.startsWith("image/")) this.defaults.set(ext, type);
    else this.overrides.set(key, { name: `/${path}`, type });
  }
  /** The relationships of a part ("" for the package's own, _rels/.rels). */
  async rels(part: string): Promise<Relationship[]> {
    const xml = await this.text(relsPath(part));
    if (xml === undefined) return [];
    const base = part === "" ? "" : part.slice(0, part.lastIndexOf("/") + 1);
    const out: Relationship[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
      const attrs = m[1] ?? "";
      const id = attr(attrs, "Id");
      const type = attr(attrs, "Type");
      const target = attr(attrs, "Target");
      if (id === undefined || type === undefined || target === undefined) continue;
      const external = attr(attrs, "TargetMode") === "External";
      out.push({ id, type, target, external, path: external ? "" : resolve(base, target) });
    }
    return out;
  }

  writeRels(part: string, rels: Relationship[]): void {
    const path = relsPath(part);
    if (rels.length === 0) {
      this.files.delete(path);
      return;
    }
    const body = rels
      .map(
        (r) =>
          `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`,
      )
      .join("");
    this.write(
      path,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${body}</Relationships>`,
    );
  }

  /** Sheet name → sheet part path, in workbook order. */
  async sheets(): Promise<Map<string, string>> {
    const wb = "xl/workbook.xml";
    const xml = (await this.text(wb)) ?? "";
    const byId = new Map((await this.rels(wb)).map((r) => [r.id, r.path]));
    const out = new Map<string, string>();
    for (const m of xml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
      const attrs = m[1] ?? "";
      const name = attr(attrs, "name");
      const id = attr(attrs, "r:id");
      const path = id !== undefined ? byId.get(id) : undefined;
      if (name !== undefined && path !== undefined) out.set(name, path);
    }
    return out;
  }

  /** A free path like `wanted` (same folder and extension, the number before it raised). */
  freePath(wanted: string, taken: Set<string> = new Set()): string {
    const isFree = (p: string) => !this.has(p) && !taken.has(p.toLowerCase());
    if (isFree(wanted)) return wanted;
    const m = /^(.*?)(\d*)(\.[^./]+)?$/.exec(wanted);
    const stem = m?.[1] ?? wanted;
    const ext = m?.[3] ?? "";
    for (let n = 1; ; n++) {
      const p = `${stem}${n}${ext}`;
      if (isFree(p)) return p;
    }
  }

  /** The package as zip bytes, deflated at zlib's default level, or stored (bytes only the tool reads again). */
  async generate(options: { stored?: boolean } = {}): Promise<Uint8Array> {
    this.files.set("[Content_Types].xml", this.contentTypesXml());
    const entries: [string, Uint8Array][] = [];
    for (const [name, data] of this.files)
      entries.push([name, typeof data === "string" ? UTF8_ENCODER.encode(data) : data]);
    // Deflate at zlib's default level, as Excel and jszip write.
    return zipParts(entries, options.stored === true ? 0 : 6);
  }

  private contentTypesXml(): string {
    const present = new Set(this.parts().map((p) => `/${p}`.toLowerCase()));
    const defaults = [...this.defaults]
      .map(([ext, type]) => `<Default Extension="${escapeAttr(ext)}" ContentType="${escapeAttr(type)}"/>`)
      .join("");
    const overrides = [...this.overrides]
      .filter(([key]) => present.has(key))
      .map(([, o]) => `<Override PartName="${escapeAttr(o.name)}" ContentType="${escapeAttr(o.type)}"/>`)
      .join("");
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults}${overrides}</Types>`;
  }
}

function parseContentTypes(xml: string): {
  defaults: Map<string, string>;
  overrides: Map<string, { name: string; type: string }>;
} {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, { name: string; type: string }>();
  for (const m of xml.matchAll(/<(?:\w+:)?Default\b([^>]*?)\/?>/g)) {
    const ext = attr(m[1] ?? "", "Extension");
    const type = attr(m[1] ?? "", "ContentType");
    if (ext !== undefined && type !== undefined) defaults.set(ext.toLowerCase(), type);
  }
  for (const m of xml.matchAll(/<(?:\w+:)?Override\b([^>]*?)\/?>/g)) {
    const part = attr(m[1] ?? "", "PartName");
    const type = attr(m[1] ?? "", "ContentType");
    if (part !== undefined && type !== undefined) overrides.set(part.toLowerCase(), { name: part, type });
  }
  return { defaults, overrides };
}

/** The relationships part of a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPath(part: string): string {
  if (part === "") return "_rels/.rels";
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A target relative to a folder ("xl/worksheets/") → a zip path; "/x/y" is from the package root. */
export function resolve(base: string, target: string): string {
  const decoded = safeDecode(target);
  const segments = decoded.startsWith("/") ? [] : base.split("/").filter((s) => s !== "");
  for (const s of decoded.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

/** The relative target from the part `from` to the part `to`. */
export function relativeTarget(from: string, to: string): string {
  const fromDir = from === "" ? [] : from.split("/").slice(0, -1);
  const toParts = to.split("/");
  let i = 0;
  while (i < fromDir.length && i < toParts.length - 1 && fromDir[i] === toParts[i]) i++;
  return [...fromDir.slice(i).map(() => ".."), ...toParts.slice(i)].join("/");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(
    attrs,
  );
  if (!m) return undefined;
  return unescapeXml(m[1] ?? m[2] ?? "");
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (all, e: string) => {
    switch (e.toLowerCase()) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : all;
      }
    }
  });
}

/** A direct child of the root element: its name and where it starts and ends in the text. */
interface Child {
  name: string;
  start: number;
  end: number;
}

/** Tags, with quoted attribute values (which may hold ">"); comments, processing instructions and CDATA apart. */
const TAG =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/**
 * The root's direct children, in order. Elements of the same name deeper down (a data bar's <extLst> inside
 * <cfRule>) are not children of the root and never count.
 */
export function topLevelChildren(xml: string): Child[] {
  const out: Child[] = [];
  let depth = 0;
  let open: Child | null = null;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    const name = m[2];
    if (name === undefined) continue;
    const closing = m[1] === "/";
    const selfClosing = m[4] === "/";
    if (closing) {
      depth--;
      if (depth === 1 && open) {
        open.end = m.index + m[0].length;
        out.push(open);
        open = null;
      }
      continue;
    }
    if (depth === 1) {
      const child = { name, start: m.index, end: m.index + m[0].length };
      if (selfClosing) out.push(child);
      else if (name === "sheetData") {
        // The rows (most of a sheet's bytes) hold no sheetData of their own: skip to its end tag.
        const close = /<\/sheetData\s*>/g;
        close.lastIndex = TAG.lastIndex;
        const end = close.exec(xml);
        if (end) {
          child.end = end.index + end[0].length;
          out.push(child);
          TAG.lastIndex = child.end;
          continue;
        }
        open = child;
      } else open = child;
    }
    if (!selfClosing) depth++;
  }
  return out;
}

/**
 * Inserts `element` as a child of the root at its place in the schema's sequence `order`: before the first
 * direct child that comes later in `order`, else before the root's end tag.
 */
export function insertChild(
  xml: string,
  root: string,
  name: string,
  element: string,
  order: readonly string[],
): string {
  const later = new Set(order.slice(order.indexOf(name) + 1));
  const next = topLevelChildren(xml).find((c) => later.has(c.name));
  const index = next ? next.start : xml.lastIndexOf(`</${root}>`);
  if (index < 0) return xml;
  return xml.slice(0, index) + element + xml.slice(index);
}

/** Removes a direct child of the root (self-closing or with content) by name; returns it too. */
export function takeChild(xml: string, name: string): { xml: string; element?: string } {
  const child = topLevelChildren(xml).find((c) => c.name === name);
  if (!child) return { xml };
  return {
    xml: xml.slice(0, child.start) + xml.slice(child.end),
    element: xml.slice(child.start, child.end),
  };
}

/** CT_Worksheet's children in schema order (ECMA-376 Part 1, 18.3.1.99). */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
] as const;

/** CT_Workbook's children in schema order (ECMA-376 Part 1, 18.2.27). */
export const WORKBOOK_ORDER = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
] as const;
