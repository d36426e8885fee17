import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { concatBytes, setDeflate } from "../hosts/xlsx/zip";

const deflateRaw = promisify(zlib.deflateRaw) as (
  data: Uint8Array,
  options: zlib.ZlibOptions,
) => Promise<Buffer>;

/** Deflate's window: a piece may point this far back into the piece before it. */
const WINDOW = 32 * 1024;

/**
 * The .xlsx written with node's zlib (native deflate and, from node 20.15, CRC-32) instead of fflate's
 * JavaScript: the parts are the same bytes, the zip several times faster to make. Deflating runs in zlib's
 * thread pool, the parts side by side; a part past twice `pieceSize` (the ledger sheet of a large build: 92 MB
 * at 20,000 rows, the one longest wait) is deflated in pieces at once, as pigz does: each piece but the last
 * ends on a sync flush (byte-aligned, no final block) and each but the first starts from the 32 KB before it
 * as its dictionary, so the pieces joined are one deflate stream any reader inflates.
 */
export function deflateWithNodeZlib({ pieceSize = 16 * 1024 * 1024 }: { pieceSize?: number } = {}): void {
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  setDeflate({
    deflateRaw: (data) =>
      data.length < 2 * pieceSize ? deflateRaw(data, { level: 6 }) : inPieces(data, pieceSize),
    ...(crc32 !== undefined ? { crc32: (data: Uint8Array, value = 0) => crc32(data, value) } : {}),
    inflateRaw: inflateAtMost,
  });
}

/** zlib's inflate, stopped past `maxSize` bytes (maxOutputLength: it never holds more than that). */
function inflateAtMost(data: Uint8Array, maxSize: number): Uint8Array | undefined {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxSize + 1) }).subarray();
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return undefined;
    throw err;
  }
}

async function inPieces(data: Uint8Array, pieceSize: number): Promise<Uint8Array> {
  const count = Math.max(2, Math.min(availableParallelism(), Math.floor(data.length / pieceSize)));
  const size = Math.ceil(data.length / count);
  const pieces: Promise<Buffer>[] = [];
  for (let from = 0; from < data.length; from += size) {
    const to = Math.min(data.length, from + size);
    pieces.push(
      deflateRaw(data.subarray(from, to), {
        level: 6,
        ...(from > 0 ? { dictionary: data.subarray(Math.max(0, from - WINDOW), from) } : {}),
        ...(to < data.length ? { finishFlush: zlib.constants.Z_SYNC_FLUSH } : {}),
      }),
    );
  }
  return concatBytes(await Promise.all(pieces));
}
