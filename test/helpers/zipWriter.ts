/**
 * A minimal zip writer for hostile test files: entries stored or deflated by node:zlib, with sizes and CRCs
 * that may be forged, and entries deflated from a stream so a 1 GB bomb never sits in memory.
 */
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** Uncompressed bytes (deflated here unless `store`). */
  data?: Uint8Array | string;
  /** Already deflated bytes with their real size and CRC (a bomb). */
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  store?: boolean;
  /** Forged uncompressed size written in the headers. */
  declaredSize?: number;
}

export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    let body: Uint8Array;
    let size: number;
    let crc: number;
    let method: number;
    if (e.deflated) {
      ({ bytes: body, size, crc } = e.deflated);
      method = 8;
    } else {
      const raw = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : Buffer.from(e.data ?? []);
      size = raw.length;
      crc = crc32(raw);
      body = e.store ? raw : deflateRawSync(raw);
      method = e.store ? 0 : 8;
    }
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(body));
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(declared >>> 0, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** `chunk` repeated until `total` bytes, deflated as a stream: what a zip bomb's one entry holds. */
export async function deflateRepeated(
  head: string,
  chunk: string,
  total: number,
): Promise<{ bytes: Uint8Array; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  const first = Buffer.from(head, "utf8");
  const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))), "utf8");
  let crc = crc32(first);
  let size = first.length;
  deflate.write(first);
  while (size < total) {
    crc = crc32(block, crc);
    size += block.length;
    if (!deflate.write(block)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return { bytes: Buffer.concat(out), size, crc };
}
