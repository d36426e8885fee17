import { deflateSync } from "fflate";

/**
 * The zip writer of the .xlsx path. fflate's deflate by default, which runs anywhere; a host with a native one
 * hands it in (`setDeflate`: the CLI gives node:zlib's, several times faster: 0.6 s instead of 1.9 s for the
 * 92 MB ledger sheet of a 20,000-row build, the one largest cost of writing it). fflate's zipSync cannot take a
 * deflate of another library, so the container (local headers, central directory, end record; no data
 * descriptors, no zip64: a part stays far below 4 GB under the package limits) is written here. The same hook
 * carries the host's CRC-32 and inflate, which the package check (package.ts) uses when they are there.
 */
export interface Deflate {
  /** Raw deflate (RFC 1951) at zlib's default level; a promise lets zipParts deflate several parts at once. */
  deflateRaw(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** The zip's CRC-32 of the data (continued from `value`, the CRC of the bytes before), when the host has a native one. */
  crc32?(data: Uint8Array, value?: number): number;
  /**
   * Raw inflate of a whole part, when the host has a native one: undefined when the data inflates past
   * `maxSize` bytes (it stops there); throws on a damaged stream.
   */
  inflateRaw?(data: Uint8Array, maxSize: number): Uint8Array | undefined;
}

/** The host's native inflate (setDeflate), if it handed one in. */
export function nativeInflate(): Deflate["inflateRaw"] {
  return current.inflateRaw;
}

const FFLATE: Deflate = { deflateRaw: (data) => deflateSync(data, { level: 6 }) };
let current: Deflate = FFLATE;

/** Deflate with the host's own (undefined: fflate again). */
export function setDeflate(deflate: Deflate | undefined): void {
  current = deflate ?? FFLATE;
}

const ENCODER = new TextEncoder();

/** Parts by path (directories end in "/") → zip bytes, deflated (level 6) or stored (level 0), in their order. */
export async function zipParts(
  parts: Iterable<readonly [string, Uint8Array]>,
  level: 0 | 6,
  now: Date = new Date(),
): Promise<Uint8Array> {
  const { deflateRaw, crc32 = crc32Js } = current;
  const time = dosTime(now);
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const list = [...parts];
  const isStored = (name: string): boolean => level === 0 || name.endsWith("/");
  // Every deflate is started before the CRCs are taken: a host's asynchronous one (node's zlib in its thread
  // pool) works on the parts side by side, and beside this thread.
  const deflating = Promise.all(list.map(([name, data]) => (isStored(name) ? data : deflateRaw(data))));
  const crcs = list.map(([, data]) => crc32(data) >>> 0);
  const bodies = await deflating;
  for (const [i, [name, data]] of list.entries()) {
    const nameBytes = ENCODER.encode(name);
    const stored = isStored(name);
    const body = bodies[i];
    const crc = crcs[i];
    if (body === undefined || crc === undefined) throw new Error("zipParts: a part lost its place");
    // Bit 11: the name is UTF-8 (a sheet's part names are ASCII, a user's media may not be).
    const flags = nameBytes.length !== name.length ? 0x0800 : 0;
    const header = new Uint8Array(30 + nameBytes.length);
    const h = new DataView(header.buffer);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, flags, true);
    h.setUint16(8, stored ? 0 : 8, true);
    h.setUint32(10, time, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, body.length, true);
    h.setUint32(22, data.length, true);
    h.setUint16(26, nameBytes.length, true);
    header.set(nameBytes, 30);
    const entry = new Uint8Array(46 + nameBytes.length);
    const c = new DataView(entry.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, flags, true);
    c.setUint16(10, stored ? 0 : 8, true);
    c.setUint32(12, time, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, data.length, true);
    c.setUint16(28, nameBytes.length, true);
    c.setUint32(42, offset, true);
    entry.set(nameBytes, 46);
    local.push(header, body);
    central.push(entry);
    offset += header.length + body.length;
  }
  const centralSize = central.reduce((n, e) => n + e.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, central.length, true);
  e.setUint16(10, central.length, true);
  e.setUint32(12, centralSize, true);
  e.setUint32(16, offset, true);
  return concatBytes([...local, ...central, end]);
}

/** The chunks as one array of bytes (the chunk itself when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** MS-DOS time and date (local time, as zip tools write it), time in the low half. */
function dosTime(d: Date): number {
  const year = Math.max(1980, Math.min(2107, d.getFullYear()));
  const date = ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  return ((date << 16) | time) >>> 0;
}

/**
 * The zip's CRC-32 continued over one more chunk: `crc` is the CRC of the bytes before (0 for none). The host's
 * native one when it handed one in (setDeflate), else JavaScript's.
 */
export function crc32Continue(crc: number, chunk: Uint8Array): number {
  const native = current.crc32;
  if (native !== undefined) return native(chunk, crc) >>> 0;
  return (crc32Update((crc ^ CRC_START) >>> 0, chunk) ^ CRC_START) >>> 0;
}

/** The zip's CRC-32 of the data, in JavaScript. */
function crc32Js(data: Uint8Array): number {
  return (crc32Update(CRC_START, data) ^ CRC_START) >>> 0;
}

export const CRC_START = 0xffffffff;
/** Slicing-by-4 tables: table k gives the CRC of a byte followed by k zero bytes, so four bytes go per step. */
const CRC_TABLES = ((): Uint32Array[] => {
  const t = [0, 1, 2, 3].map(() => new Uint32Array(256));
  const [t0, t1, t2, t3] = t as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    t1[n] = ((t0[n] ?? 0) >>> 8) ^ (t0[(t0[n] ?? 0) & 0xff] ?? 0);
    t2[n] = ((t1[n] ?? 0) >>> 8) ^ (t0[(t1[n] ?? 0) & 0xff] ?? 0);
    t3[n] = ((t2[n] ?? 0) >>> 8) ^ (t0[(t2[n] ?? 0) & 0xff] ?? 0);
  }
  return t;
})();

/** CRC-32 (zip's) over one more chunk; start from CRC_START, finish with `^ CRC_START`. */
export function crc32Update(crc: number, chunk: Uint8Array): number {
  const [t0, t1, t2, t3] = CRC_TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = crc;
  let i = 0;
  for (const end = chunk.length - 3; i < end; i += 4) {
    c ^=
      (chunk[i] ?? 0) |
      ((chunk[i + 1] ?? 0) << 8) |
      ((chunk[i + 2] ?? 0) << 16) |
      ((chunk[i + 3] ?? 0) << 24);
    c =
      (t3[c & 0xff] ?? 0) ^ (t2[(c >>> 8) & 0xff] ?? 0) ^ (t1[(c >>> 16) & 0xff] ?? 0) ^ (t0[c >>> 24] ?? 0);
  }
  for (; i < chunk.length; i++) c = (t0[(c ^ (chunk[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return c >>> 0;
}
