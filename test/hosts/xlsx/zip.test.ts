/**
 * zipParts, the zip writer of the .xlsx path: what it writes reads back the same through fflate and jszip (which
 * ExcelJS reads with), deflated by fflate or by node's zlib, stored or deflated, with UTF-8 names; and a
 * worksheet's frame (opc.ts sheetFrame) gives back the very bytes it was taken from.
 */
import * as zlib from "node:zlib";
import JSZip from "jszip";
import { unzipSync } from "fflate";
import { crc32Continue, setDeflate, zipParts } from "../../../src/hosts/xlsx/zip";
import { deflateWithNodeZlib } from "../../../src/cli/zlib";
import { Package } from "../../../src/hosts/xlsx/opc";

const enc = new TextEncoder();
const PARTS: [string, Uint8Array][] = [
  ["[Content_Types].xml", enc.encode('<?xml version="1.0"?><Types/>')],
  ["xl/", new Uint8Array()],
  [
    "xl/worksheets/sheet1.xml",
    enc.encode(`<worksheet>${"<row><c><v>1</v></c></row>".repeat(5000)}</worksheet>`),
  ],
  ["xl/media/图片 1.png", Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251)],
  ["empty.bin", new Uint8Array()],
];

afterEach(() => setDeflate(undefined));

describe("crc32Continue", () => {
  it.each([
    ["JavaScript", () => setDeflate(undefined)],
    ["node zlib", () => deflateWithNodeZlib()],
  ])("gives node's CRC-32 of the whole, chunk by chunk (%s)", (_name, setUp) => {
    setUp();
    const data = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 2654435761) >>> 24);
    for (const size of [1, 3, 4, 7, 4096, 100_003]) {
      let crc = 0;
      for (let at = 0; at < data.length; at += size) crc = crc32Continue(crc, data.subarray(at, at + size));
      expect({ size, crc }).toEqual({ size, crc: zlib.crc32(data) });
    }
    expect(crc32Continue(0, new Uint8Array())).toBe(0);
  });
});

describe("zipParts", () => {
  it.each([
    ["fflate", () => setDeflate(undefined)],
    ["node zlib", () => deflateWithNodeZlib()],
    ["a deflate without a CRC of its own", () => setDeflate({ deflateRaw: (d) => zlib.deflateRawSync(d) })],
  ])("writes a zip fflate and jszip read back part for part (%s)", async (_name, setUp) => {
    setUp();
    for (const level of [0, 6] as const) {
      const bytes = await zipParts(PARTS, level);
      const fflate = unzipSync(bytes);
      const jszip = await JSZip.loadAsync(bytes);
      for (const [name, data] of PARTS) {
        expect({ name, same: Buffer.from(fflate[name] ?? []).equals(Buffer.from(data)) }).toEqual({
          name,
          same: true,
        });
        const viaJszip = await jszip.file(name)?.async("uint8array");
        if (!name.endsWith("/")) expect(Buffer.from(viaJszip ?? []).equals(Buffer.from(data))).toBe(true);
      }
      expect(Object.keys(fflate)).toEqual(PARTS.map(([name]) => name));
      // Neither reader checks the CRC-32: each local header's against node's own.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let at = 0;
      for (const [name, data] of PARTS) {
        expect(view.getUint32(at, true)).toBe(0x04034b50);
        expect({ name, crc: view.getUint32(at + 14, true) }).toEqual({ name, crc: zlib.crc32(data) });
        at +=
          30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + view.getUint32(at + 18, true);
      }
    }
  });

  it("deflates a large part in pieces that read back as one stream (node zlib)", async () => {
    // Text that repeats within deflate's window and across the pieces' seams, and some that does not.
    const rows = Array.from(
      { length: 60_000 },
      (_, i) => `<row r="${i}"><c><v>${(i * 7919) % 100_003}</v></c></row>`,
    );
    const large = enc.encode(`<worksheet>${rows.join("")}</worksheet>`);
    const parts: [string, Uint8Array][] = [["xl/worksheets/sheet1.xml", large], ...PARTS.slice(0, 1)];
    deflateWithNodeZlib({ pieceSize: 256 * 1024 });
    const pieced = await zipParts(parts, 6);
    setDeflate(undefined);
    const whole = await zipParts(parts, 6);
    expect(pieced.length).not.toBe(whole.length);
    expect(Buffer.from(unzipSync(pieced)["xl/worksheets/sheet1.xml"] ?? []).equals(Buffer.from(large))).toBe(
      true,
    );
    const viaJszip = await (
      await JSZip.loadAsync(pieced)
    )
      .file("xl/worksheets/sheet1.xml")
      ?.async("uint8array");
    expect(Buffer.from(viaJszip ?? []).equals(Buffer.from(large))).toBe(true);
    // Compressed about as well as in one stream: each piece starts from the one before it.
    expect(pieced.length).toBeLessThan(whole.length * 1.02);
  });

  it("deflates at 6 and stores at 0", async () => {
    const stored = await zipParts(PARTS, 0);
    const deflated = await zipParts(PARTS, 6);
    expect(deflated.length).toBeLessThan(stored.length / 5);
  });
});

describe("Package.sheetFrame", () => {
  const sheet = (rows: string) =>
    `<?xml version="1.0"?><worksheet><sheetPr/><sheetData>${rows}</sheetData><pageSetup/></worksheet>`;

  it("leaves the rows out and writes them back byte for byte, as bytes or as text", async () => {
    const xml = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>案由 &lt;sheetData&gt;</t></is></c></row>');
    for (const data of [enc.encode(xml), xml]) {
      const pkg = await Package.fromParts(new Map([["xl/worksheets/sheet1.xml", data]]));
      const frame = await pkg.sheetFrame("xl/worksheets/sheet1.xml");
      expect(frame?.xml).toBe(sheet(""));
      pkg.writeSheetFrame("xl/worksheets/sheet1.xml", {
        rows: frame!.rows,
        xml: frame!.xml.replace("<pageSetup/>", '<pageSetup r:id="rId1"/>'),
      });
      expect(await pkg.text("xl/worksheets/sheet1.xml")).toBe(
        xml.replace("<pageSetup/>", '<pageSetup r:id="rId1"/>'),
      );
    }
  });

  it("gives a sheet without rows whole", async () => {
    for (const xml of [
      "<worksheet><sheetData/></worksheet>",
      "<worksheet><sheetData></sheetData></worksheet>",
    ]) {
      const pkg = await Package.fromParts(new Map([["s.xml", enc.encode(xml)]]));
      const frame = await pkg.sheetFrame("s.xml");
      expect(frame?.xml).toBe(xml);
      pkg.writeSheetFrame("s.xml", frame!);
      expect(await pkg.text("s.xml")).toBe(xml);
    }
  });
});
