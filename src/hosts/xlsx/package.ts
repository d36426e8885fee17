import { Inflate } from "fflate";
import { XlsxLoadError } from "./errors";
import { concatBytes, crc32Continue, nativeInflate } from "./zip";

/**
 * The package pre-check, run before ExcelJS parses anything: what kind of file this is (an .xlsx, an .ods, a
 * Word or PowerPoint file) and whether reading it stays within bounded time and memory. Declared sizes in the
 * zip directory are checked first; since they can lie, every part is then inflated as a stream with a running
 * cap, and the worksheets' cells and merged areas are counted on the way. Works in Node and in the browser
 * (fflate, no node:zlib). Compound files (old .xls, password-protected .xlsx) are told apart by isCfb and
 * isEncryptedPackage.
 */

export interface PackageLimits {
  /** Total decompressed size of all parts, in bytes. */
  maxTotalSize: number;
  /** Largest ratio decompressed : compressed for a part bigger than ratioMinSize. */
  maxRatio: number;
  /** Parts up to this decompressed size may have any ratio (small XML compresses very well). */
  ratioMinSize: number;
  /** Number of entries in the zip. */
  maxParts: number;
  /** Cells over all worksheets: <c> elements, and every cell a merged area covers (ExcelJS makes each one). */
  maxCells: number;
  /** Merged areas (<mergeCell> elements) over all worksheets. */
  maxMerges: number;
}

/**
 * The limits. Cells: measured with `ledger build` (CLI, default 4.3 GB heap) on the 2-core development machine.
 * At first 400,000 cells peaked at 1.85 GB and 480,000 at 2.2 GB, so the limit was 500,000; since the build's
 * writing was made lighter (issue 13) the bench's 50,000-row ledger (662,515 cells) peaks at 1.94 GB, so 750,000
 * (50,000 rows of 15 columns) stays near the same 2.2 GB, about half the heap free; 200,000 rows of 7 columns
 * (1,400,000 cells) are refused as before.
 * Merges: linear since merges.ts (20,000 two-cell merges build in under a minute instead of 3.5).
 */
export const DEFAULT_LIMITS: Readonly<PackageLimits> = Object.freeze({
  maxTotalSize: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioMinSize: 1024 * 1024,
  maxParts: 10_000,
  maxCells: 750_000,
  maxMerges: 100_000,
});

/** What the pre-check found in an .xlsx that passed it. */
export interface PackageInfo {
  /** Entries in the zip (folders included). */
  parts: number;
  /** Sum of the sizes the zip directory declares. */
  declaredSize: number;
  /** Bytes actually inflated. */
  inflatedSize: number;
  /** Cells and merged areas over all worksheets. */
  cells: number;
  merges: number;
  /** The inflated bytes of the parts `keep` asked for (inspectPackage), so a reader need not inflate them again. */
  contents?: Map<string, Uint8Array>;
}

/** One entry of the zip central directory. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  /** Offset of the local header (to read a small stored part such as `mimetype`). */
  offset: number;
  method: number;
  /** CRC-32 of the uncompressed part, as the directory states it. */
  crc: number;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file (old .xls, or an encrypted .xlsx wrapped by Office); the first four bytes suffice. */
export function isCfb(bytes: Uint8Array): boolean {
  return CFB_MAGIC.slice(0, 4).every((b, i) => bytes[i] === b);
}

/**
 * A compound file that wraps an encrypted OOXML package: Office stores it as the stream "EncryptedPackage",
 * whose UTF-16LE name stands in a directory sector. A plain old .xls has no such stream.
 */
export function isEncryptedPackage(bytes: Uint8Array): boolean {
  return indexOfBytes(bytes, utf16le("EncryptedPackage")) >= 0;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}

/** Where `needle` first occurs in `haystack` at or after `from`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0] ?? 0;
  const last = haystack.length - needle.length;
  outer: for (
    let i = haystack.indexOf(first, from);
    i >= 0 && i <= last;
    i = haystack.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Reads the zip central directory (declared sizes only, nothing inflated). Refuses a damaged directory
 * ("corrupt") and more entries than `maxParts` before reading them.
 */
export function readZipDirectory(bytes: Uint8Array, maxParts = DEFAULT_LIMITS.maxParts): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) throw new XlsxLoadError("corrupt", "no zip directory");
  let count = view.getUint16(eocd + 10, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  // Zip64: the real figures are in the zip64 end record, found through its locator just before.
  if (
    (count === 0xffff || dirOffset === 0xffffffff) &&
    eocd >= 20 &&
    view.getUint32(eocd - 20, true) === 0x07064b50
  ) {
    const at = Number(view.getBigUint64(eocd - 12, true));
    if (at + 56 > bytes.length || view.getUint32(at, true) !== 0x06064b50) {
      throw new XlsxLoadError("corrupt", "bad zip64 directory");
    }
    count = Number(view.getBigUint64(at + 32, true));
    dirOffset = Number(view.getBigUint64(at + 48, true));
  }
  if (count > maxParts) {
    throw new XlsxLoadError("too_many_parts", undefined, { actual: count, limit: maxParts });
  }
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      throw new XlsxLoadError("corrupt", "damaged zip directory");
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let offset = view.getUint32(p + 42, true);
    const extraStart = p + 46 + nameLength;
    const end = extraStart + extraLength + commentLength;
    if (end > bytes.length) throw new XlsxLoadError("corrupt", "damaged zip directory");
    // UTF-8 when flagged (bit 11), else one character a byte, as fflate's unzip reads a name (carry.ts takes
    // these parts in its place). JSZip, and so ExcelJS, reads an unflagged name as UTF-8: the two differ only
    // for a part name past ASCII without the flag, which no workbook writer makes.
    const raw = bytes.subarray(p + 46, extraStart);
    const name = (flags & 0x0800) !== 0 ? decoder.decode(raw) : String.fromCharCode(...raw);
    // Zip64 extra field: 8-byte size, compressed size and offset, each present only when its field is 0xFFFFFFFF.
    for (let e = extraStart; e + 4 <= extraStart + extraLength;) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = (): number => {
          const v = q + 8 <= e + 4 + length ? Number(view.getBigUint64(q, true)) : 0;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (offset === 0xffffffff) offset = next();
      }
      e += 4 + length;
    }
    entries.push({ name, compressedSize, size, offset, method, crc });
    p = end;
  }
  return entries;
}

function findEndOfDirectory(bytes: Uint8Array): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      return i;
    }
  }
  return -1;
}

/** The first bytes of a stored (uncompressed) part, e.g. an OpenDocument `mimetype`. */
function storedText(bytes: Uint8Array, entry: ZipEntry, max = 100): string {
  if (entry.method !== 0) return "";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return "";
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const length = Math.min(entry.size, max);
  return new TextDecoder().decode(bytes.subarray(start, Math.min(start + length, bytes.length)));
}

/** What the entry names say the package is; throws for anything but an .xlsx. */
function classify(bytes: Uint8Array, entries: readonly ZipEntry[]): void {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const mimetype = byName.get("mimetype");
  if (mimetype) {
    const type = storedText(bytes, mimetype).trim();
    if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) throw new XlsxLoadError("ods");
    if (type.startsWith("application/vnd.oasis.opendocument.")) throw new XlsxLoadError("not_workbook");
  }
  if (byName.has("xl/workbook.xml")) return;
  if (byName.has("word/document.xml")) throw new XlsxLoadError("not_workbook", "word");
  if (byName.has("ppt/presentation.xml")) throw new XlsxLoadError("not_workbook", "powerpoint");
  // Another OOXML package (Visio, …); an .xlsb (binary workbook) or any other zip is "not an .xlsx".
  if (byName.has("[Content_Types].xml") && !byName.has("xl/workbook.bin")) {
    throw new XlsxLoadError("not_workbook");
  }
  throw new XlsxLoadError("not_xlsx");
}

function checkDeclared(entries: readonly ZipEntry[], limits: PackageLimits): number {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxTotalSize) {
    throw new XlsxLoadError("too_large", undefined, { actual: total, limit: limits.maxTotalSize });
  }
  for (const e of entries) checkRatio(e.name, e.size, e.compressedSize, limits);
  return total;
}

function checkRatio(name: string, size: number, compressed: number, limits: PackageLimits): void {
  if (size <= limits.ratioMinSize) return;
  const ratio = size / Math.max(compressed, 1);
  if (ratio > limits.maxRatio) {
    throw new XlsxLoadError("zip_bomb", name, { actual: Math.round(ratio), limit: limits.maxRatio });
  }
}

const LT = 0x3c;
const C = 0x63;
const MERGE_TAG = new TextEncoder().encode("<mergeCell");
/** Bytes a tag test may look ahead: "<mergeCell" and the character after it. */
/** Bytes kept for the next chunk: a whole <mergeCell ref="…"/> tag, so its area can be read. */
const LOOKAHEAD = 64;
const MERGE_REF = /ref="\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})"/;
/** Space, tab, CR, LF, ">" and "/": what may follow an element's name. */
const NAME_END = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]) NAME_END[b] = 1;

/** Counts `<c>` (cells) and `<mergeCell>` elements in worksheet XML fed chunk by chunk. */
export class TagCounter {
  cells = 0;
  merges = 0;
  /**
   * Cells merged areas cover beyond their first: ExcelJS makes an object for every one of them, so a single
   * merge over A1:CZ100000 costs what 10 million written cells cost, and counts as that many.
   */
  covered = 0;
  private carry = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    const data = this.carry.length > 0 ? concat(this.carry, chunk) : chunk;
    const scanEnd = data.length - LOOKAHEAD;
    this.scan(data, scanEnd);
    // Tags starting in the last bytes are scanned with the next chunk.
    this.carry = data.slice(Math.max(0, scanEnd));
  }

  end(): void {
    this.scan(this.carry, this.carry.length);
    this.carry = new Uint8Array(0);
  }

  private scan(d: Uint8Array, to: number): void {
    // A loop over the bytes: indexOf's call per "<" (five a cell) cost more than the loop.
    const end = Math.min(to, d.length);
    let cells = 0;
    for (let i = 0; i < end; i++) {
      if (d[i] !== LT) continue;
      const next = d[i + 1];
      if (next === C) {
        // <c r="A1" …>, <c> or <c/>, never <col or <cfRule.
        if (NAME_END[d[i + 2] ?? 0] === 1) cells++;
      } else if (next === 0x6d) {
        let j = 2;
        while (j < MERGE_TAG.length && d[i + j] === MERGE_TAG[j]) j++;
        if (j === MERGE_TAG.length && NAME_END[d[i + j] ?? 0] === 1) {
          this.merges++;
          this.covered += mergeArea(d, i) - 1;
        }
      }
    }
    this.cells += cells;
  }
}

/** Cells of the merged area whose <mergeCell tag starts at `at` (1 when its ref cannot be read). */
function mergeArea(d: Uint8Array, at: number): number {
  let tag = "";
  for (let k = at; k < Math.min(d.length, at + LOOKAHEAD) && d[k] !== 0x3e; k++)
    tag += String.fromCharCode(d[k] ?? 0);
  const m = MERGE_REF.exec(tag);
  if (!m) return 1;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const width = Math.abs(col(m[3] ?? "A") - col(m[1] ?? "A")) + 1;
  const height = Math.abs(Number(m[4]) - Number(m[2])) + 1;
  return width * height;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Compressed bytes handed to the inflater at a time: at most about 8 MB inflate from them (deflate's 1032:1). */
const INFLATE_PIECE = 8 * 1024;

/**
 * Inflates one part, handing its bytes to `onChunk` as they come (the bytes of INFLATE_PIECE compressed bytes
 * at a time; the whole part at once by the host's native inflate, which stops past the declared size); a throw
 * there stops it at once, so a cap is passed by one piece at most. A damaged entry (no
 * local header, past the end, an unknown method, encrypted, a deflate stream that breaks off) throws corrupt.
 */
function inflatePart(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
    throw new XlsxLoadError("corrupt", `${entry.name}: no local header`);
  }
  if ((view.getUint16(at + 6, true) & 1) !== 0)
    throw new XlsxLoadError("corrupt", `${entry.name}: encrypted`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new XlsxLoadError("corrupt", `${entry.name}: past the end of the file`);
  const data = bytes.subarray(start, end);
  const native = nativeInflate();
  // An empty deflated part is empty to fflate's inflate as to JSZip's: the native inflate is not asked.
  if (entry.method === 8 && native !== undefined && data.length > 0) {
    // The host's own inflate, at once, stopped one byte past the declared size.
    let out: Uint8Array | undefined;
    try {
      out = native(data, entry.size);
    } catch (err) {
      throw damaged(entry, err);
    }
    // Past the declared size it gives nothing; up to it, onChunk's own check applies as to every inflate.
    if (out === undefined)
      throw new XlsxLoadError("corrupt", `${entry.name}: inflates past its declared size`);
    if (out.length > 0) onChunk(out);
    return;
  }
  if (entry.method === 0) {
    for (let p = 0; p < data.length; p += INFLATE_PIECE) onChunk(data.subarray(p, p + INFLATE_PIECE));
    return;
  }
  if (entry.method !== 8) {
    throw new XlsxLoadError("corrupt", `${entry.name}: compression method ${String(entry.method)}`);
  }
  const inflater = new Inflate((chunk) => {
    if (chunk.length > 0) onChunk(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let p = 0; p < data.length; p += INFLATE_PIECE) {
      inflater.push(data.subarray(p, p + INFLATE_PIECE), p + INFLATE_PIECE >= data.length);
    }
  } catch (err) {
    throw err instanceof XlsxLoadError ? err : damaged(entry, err);
  }
}

/** An inflater's own error about a part, as the corrupt file it means. */
function damaged(entry: ZipEntry, err: unknown): XlsxLoadError {
  return new XlsxLoadError("corrupt", `${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * Checks a zip package before ExcelJS reads it: an .xlsx within the limits passes and is described; anything
 * else throws an XlsxLoadError — ods, not_workbook, not_xlsx, corrupt, or a limit (too_many_parts, too_large,
 * zip_bomb, too_many_cells, too_many_merges) with the limit and the figure found in `figures`. The parts
 * `keep` names are handed back inflated (`contents`), once the whole package passed.
 */
export async function inspectPackage(
  bytes: Uint8Array,
  limits: PackageLimits = DEFAULT_LIMITS,
  keep?: (name: string) => boolean,
): Promise<PackageInfo> {
  const entries = readZipDirectory(bytes, limits.maxParts);
  classify(bytes, entries);
  const declaredSize = checkDeclared(entries, limits);
  let inflatedSize = 0;
  let cells = 0;
  let merges = 0;
  const contents = keep ? new Map<string, Uint8Array>() : undefined;
  for (const entry of entries) {
    const chunks: Uint8Array[] | undefined = contents && keep?.(entry.name) ? [] : undefined;
    // A folder holds nothing (its entry is kept empty, as unzipping gives it).
    if (entry.name.endsWith("/")) {
      if (chunks) contents?.set(entry.name, new Uint8Array(0));
      continue;
    }
    const compressed = entry.compressedSize;
    const counter = WORKSHEET.test(entry.name) ? new TagCounter() : undefined;
    let partSize = 0;
    let crc = 0;
    inflatePart(bytes, entry, (chunk) => {
      partSize += chunk.length;
      crc = crc32Continue(crc, chunk);
      inflatedSize += chunk.length;
      if (inflatedSize > limits.maxTotalSize) {
        throw new XlsxLoadError("too_large", undefined, {
          actual: inflatedSize,
          limit: limits.maxTotalSize,
        });
      }
      // Declared sizes that lie: stop at once instead of inflating what the headers hid.
      if (partSize > entry.size) {
        throw new XlsxLoadError("corrupt", `${entry.name}: inflates past its declared size`);
      }
      checkRatio(entry.name, partSize, compressed, limits);
      counter?.push(chunk);
      chunks?.push(chunk);
    });
    // A part whose bytes do not match its CRC was damaged in transit or on disk: Excel would call it corrupt.
    if (crc !== entry.crc >>> 0) {
      throw new XlsxLoadError("corrupt", `${entry.name}: CRC mismatch`);
    }
    if (chunks) contents?.set(entry.name, concatBytes(chunks));
    if (counter) {
      counter.end();
      cells += counter.cells + counter.covered;
      merges += counter.merges;
    }
  }
  if (cells > limits.maxCells) {
    throw new XlsxLoadError("too_many_cells", undefined, { actual: cells, limit: limits.maxCells });
  }
  if (merges > limits.maxMerges) {
    throw new XlsxLoadError("too_many_merges", undefined, { actual: merges, limit: limits.maxMerges });
  }
  return {
    parts: entries.length,
    declaredSize,
    inflatedSize,
    cells,
    merges,
    ...(contents ? { contents } : {}),
  };
}
