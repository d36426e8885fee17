import ExcelJS from "exceljs";
import JSZip from "jszip";
import { unzipSync } from "fflate";
import { setDeflate } from "../../../src/hosts/xlsx/zip";
import { deflateWithNodeZlib } from "../../../src/cli/zlib";
import { DEFAULT_LIMITS, inspectPackage, type PackageLimits } from "../../../src/hosts/xlsx/package";
import { loadWorkbookInput, loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { XlsxLoadError, type XlsxErrorCode } from "../../../src/hosts/xlsx/errors";
import { installFastMerges } from "../../../src/hosts/xlsx/merges";
import { failureMessage } from "../../../src/i18n/failures";
import { analyzeWorkbook } from "../../../src/core/analyze";
import { renderIssue } from "../../../src/i18n/issues";
import { deflateRepeated, writeZip } from "../../helpers/zipWriter";
import { utc, xlsxFromGrids } from "../../helpers/grid-xlsx";

const limits = (over: Partial<PackageLimits>): PackageLimits => ({ ...DEFAULT_LIMITS, ...over });

/** The XlsxLoadError a load fails with (the test fails if it loads). */
async function refusal(bytes: Uint8Array, lim: PackageLimits = DEFAULT_LIMITS): Promise<XlsxLoadError> {
  try {
    await loadWorkbookInput(bytes, lim);
  } catch (err) {
    if (err instanceof XlsxLoadError) return err;
    throw err;
  }
  throw new Error("loaded");
}

async function expectCode(
  bytes: Uint8Array,
  code: XlsxErrorCode,
  lim?: PackageLimits,
): Promise<XlsxLoadError> {
  const err = await refusal(bytes, lim);
  expect(err.code).toBe(code);
  return err;
}

const HEADER = ["序号", "案由", "分管领导", "承办科室", "办理时限", "答复日期"];
const ledgerRows = (n: number): (string | number | Date | null)[][] => [
  ["XX局建议提案台账"],
  HEADER,
  ...Array.from({ length: n }, (_, i) => [
    i + 1,
    `关于第${i + 1}项的建议`,
    "李副局长",
    "社会事务科",
    utc(2025, 6, 30),
    null,
  ]),
];

/** A minimal OLE compound file: the header and one directory sector naming the given streams. */
function cfb(streams: string[]): Uint8Array {
  const out = new Uint8Array(512 * 3);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const view = new DataView(out.buffer);
  view.setUint16(0x1a, 0x3e, true); // minor version
  view.setUint16(0x1c, 0x03, true); // major version 3 (512-byte sectors)
  view.setUint16(0x1e, 0xfffe, true); // byte order
  view.setUint16(0x20, 9, true); // sector shift
  view.setUint32(0x30, 1, true); // first directory sector (sector 1 = offset 1024)
  ["Root Entry", ...streams].slice(0, 4).forEach((name, i) => {
    const at = 1024 + i * 128;
    for (let k = 0; k < name.length; k++) view.setUint16(at + k * 2, name.charCodeAt(k), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    out[at + 66] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return out;
}

describe("a normal workbook passes the pre-check", () => {
  afterEach(() => setDeflate(undefined));

  it("loads, with its cells and merges counted", async () => {
    const bytes = await xlsxFromGrids([{ name: "台账", rows: ledgerRows(10), merges: ["A1:F1"] }]);
    const info = await inspectPackage(bytes);
    expect(info.merges).toBe(1);
    // Title, six header cells, 10 rows of five values; the merge's slave cells are written too.
    expect(info.cells).toBeGreaterThanOrEqual(1 + 6 + 10 * 5);
    expect(info.inflatedSize).toBe(info.declaredSize);
    const input = await loadWorkbookInput(bytes);
    expect(input.kind).toBe("xlsx");
  });

  it("hands back every entry inflated as unzipping gives it, folders and names without the UTF-8 flag too", async () => {
    const stored = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/", data: "" },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/media/图 1.png", data: new Uint8Array([1, 2, 3]) },
      // A deflated entry of no bytes at all: empty, as fflate and JSZip read it.
      { name: "xl/empty.bin", deflated: { bytes: new Uint8Array(), size: 0, crc: 0 } },
    ]);
    // The same zip with its names' UTF-8 flag cleared (bit 11 of each local and central header).
    const unflagged = Buffer.from(stored);
    for (let at = 0; at + 4 <= unflagged.length; at++) {
      const signature = unflagged.readUInt32LE(at);
      if (signature === 0x04034b50) unflagged.writeUInt16LE(0, at + 6);
      if (signature === 0x02014b50) unflagged.writeUInt16LE(0, at + 8);
    }
    const cases = [stored, unflagged, await xlsxFromGrids([{ name: "台账", rows: ledgerRows(3) }])];
    for (const [bytes, native] of cases.flatMap((b) => [[b, false] as const, [b, true] as const])) {
      if (native) deflateWithNodeZlib();
      else setDeflate(undefined);
      const { contents } = await inspectPackage(bytes, DEFAULT_LIMITS, () => true);
      const unzipped = unzipSync(bytes);
      expect([...(contents?.keys() ?? [])]).toEqual(Object.keys(unzipped));
      for (const [name, data] of Object.entries(unzipped))
        expect({ name, same: Buffer.from(contents?.get(name) ?? []).equals(Buffer.from(data)) }).toEqual({
          name,
          same: true,
        });
    }
    expect([
      ...((await inspectPackage(unflagged, DEFAULT_LIMITS, () => true)).contents?.keys() ?? []),
    ]).toContain(Buffer.from("xl/media/图 1.png").toString("latin1"));
  });
});

describe.each([
  ["fflate", () => setDeflate(undefined)],
  ["node zlib", () => deflateWithNodeZlib()],
])("resource limits (inflated by %s)", (_name, setUp) => {
  beforeEach(setUp);
  afterEach(() => setDeflate(undefined));

  it("refuses an honest 64 MB bomb from its declared size, in well under a second", async () => {
    const bomb = await deflateRepeated("<worksheet><sheetData>", "\0".repeat(1024), 64 << 20);
    const bytes = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/worksheets/sheet1.xml", deflated: bomb },
    ]);
    const start = Date.now();
    const err = await expectCode(bytes, "too_large", limits({ maxTotalSize: 32 << 20 }));
    expect(Date.now() - start).toBeLessThan(1000);
    expect(err.figures).toEqual({ actual: bomb.size + "<Types/><workbook/>".length, limit: 32 << 20 });
    // Under the total limit, its ratio gives it away.
    const ratio = await expectCode(bytes, "zip_bomb");
    expect(ratio.detail).toBe("xl/worksheets/sheet1.xml");
    expect(ratio.figures?.limit).toBe(100);
    expect(ratio.figures?.actual).toBeGreaterThan(100);
  });

  it("stops inflating a bomb whose headers declare 10 KB at once", async () => {
    const bomb = await deflateRepeated("<worksheet><sheetData>", "\0".repeat(1024), 64 << 20);
    const bytes = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/worksheets/sheet1.xml", deflated: bomb, declaredSize: 10_000 },
    ]);
    const start = Date.now();
    const err = await expectCode(bytes, "corrupt");
    expect(err.detail).toMatch(/sheet1\.xml: inflates past its declared size/);
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it("refuses shared strings over the total size", async () => {
    const part = await deflateRepeated("<sst>", "<si><t>社会事务科</t></si>", 4 << 20);
    const bytes = writeZip([
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/sharedStrings.xml", deflated: part },
    ]);
    // Honest sizes over a 1 MB total: refused from the directory; a running cap catches the same figure.
    const err = await expectCode(bytes, "too_large", limits({ maxTotalSize: 1 << 20 }));
    expect(err.figures?.actual).toBe(part.size + "<workbook/>".length);
  });

  it("refuses more parts than the limit before reading them", async () => {
    const bytes = writeZip([
      { name: "xl/workbook.xml", data: "<workbook/>" },
      ...Array.from({ length: 60 }, (_, i) => ({ name: `xl/media/junk${i}.bin`, data: "x" })),
    ]);
    const err = await expectCode(bytes, "too_many_parts", limits({ maxParts: 50 }));
    expect(err.figures).toEqual({ actual: 61, limit: 50 });
  });

  it("counts the cells and merged areas of every sheet", async () => {
    const bytes = await xlsxFromGrids([
      { name: "台账", rows: ledgerRows(40), merges: ["G3:H3", "G4:H4", "G5:H5"] },
      { name: "其他", rows: [["a", "b"]], merges: ["A3:B3", "A4:B4"] },
    ]);
    const info = await inspectPackage(bytes);
    const cells = await expectCode(bytes, "too_many_cells", limits({ maxCells: info.cells - 1 }));
    expect(cells.figures).toEqual({ actual: info.cells, limit: info.cells - 1 });
    expect(info.merges).toBe(5);
    const merges = await expectCode(bytes, "too_many_merges", limits({ maxMerges: 4 }));
    expect(merges.figures).toEqual({ actual: 5, limit: 4 });
  });

  it("names both figures in the message", () => {
    const figures = { actual: 4_000_000, limit: 1_000_000 };
    expect(failureMessage("too_many_cells", "zh-CN", figures)).toContain(
      "工作簿有 4,000,000 个单元格，超过上限 1,000,000 个",
    );
    expect(failureMessage("too_many_cells", "en", figures)).toContain(
      "4,000,000 cells, over the limit of 1,000,000",
    );
    expect(
      failureMessage("too_large", "zh-TW", { actual: 1 << 30, limit: DEFAULT_LIMITS.maxTotalSize }),
    ).toContain("1,024 MB，超過上限 200 MB");
    expect(failureMessage("zip_bomb", "en", { text: "xl/x.xml", actual: 1032, limit: 100 })).toContain(
      '"xl/x.xml" unpacks to 1,032 times its compressed size, over the limit of 100',
    );
  });
});

describe("what the file is", () => {
  it("tells a password-protected workbook from an old .xls", async () => {
    const locked = await expectCode(cfb(["EncryptionInfo", "EncryptedPackage"]), "password_protected");
    expect(failureMessage(locked.code, "zh-CN")).toBe(
      "文件设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试。",
    );
    await expectCode(cfb(["Workbook", "SummaryInformation"]), "legacy_xls");
  });

  it("refuses .ods, .docx, .pptx and a zip without a workbook, each with its own code", async () => {
    await expectCode(
      writeZip([
        { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true },
        { name: "content.xml", data: "<office:document-content/>" },
      ]),
      "ods",
    );
    const docx = await expectCode(
      writeZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "word/document.xml", data: "<w:document/>" },
      ]),
      "not_workbook",
    );
    expect(failureMessage(docx.code, "zh-CN", docx.detail)).toBe(
      "这是 Word 文件，不是工作簿。请选择建议提案台账的 Excel 文件（.xlsx）。",
    );
    const pptx = await expectCode(
      writeZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "ppt/presentation.xml", data: "<p:presentation/>" },
      ]),
      "not_workbook",
    );
    expect(failureMessage(pptx.code, "en", pptx.detail)).toMatch(
      /^This is a PowerPoint document, not a workbook/,
    );
    await expectCode(writeZip([{ name: "readme.txt", data: "hello" }]), "not_xlsx");
  });

  it("calls a truncated or otherwise damaged zip corrupt", async () => {
    const bytes = await xlsxFromGrids([{ name: "台账", rows: ledgerRows(3) }]);
    await expectCode(bytes.subarray(0, Math.floor(bytes.length / 2)), "corrupt");
    const zip = await JSZip.loadAsync(bytes);
    zip.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row");
    const broken = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    await expectCode(broken, "corrupt");
  });
});

describe("merged areas in linear time", () => {
  it("loads and renders 5,000 merges quickly, and still refuses overlapping ones", async () => {
    installFastMerges();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    for (let r = 1; r <= 5000; r++) {
      ws.getCell(r, 1).value = r;
      ws.mergeCells(r, 1, r, 2);
    }
    expect(() => ws.mergeCells("B10:C11")).toThrow("Cannot merge already merged cells");
    expect(() => ws.mergeCells("A20:A21")).toThrow("Cannot merge already merged cells");
    ws.mergeCells("C1:D2");
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const start = Date.now();
    const loaded = await loadXlsx(bytes);
    expect(Date.now() - start).toBeLessThan(5000);
    const merges = snapshotOf(loaded).sheets[0]?.merges ?? [];
    expect(merges).toHaveLength(5001);
    expect(merges[0]).toEqual({ top: 0, left: 0, bottom: 0, right: 1 });
    loaded.worksheets[0]?.unMergeCells("A1:B3");
    expect(snapshotOf(loaded).sheets[0]?.merges).toHaveLength(4998);
  });
});

describe("a ledger on a hidden sheet", () => {
  async function workbook(ledgerHidden: boolean, withLedger = true): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["本文件说明"]);
    const ws = wb.addWorksheet("台账");
    for (const row of withLedger ? ledgerRows(3) : [["备忘"]]) ws.addRow(row);
    if (ledgerHidden) ws.state = "hidden";
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("is read when it is the only ledger, with a warning naming it", async () => {
    const outcome = analyzeWorkbook(snapshotOf(await loadXlsx(await workbook(true))), {
      asOf: "2025-07-01",
    });
    if (!outcome.ok) throw new Error(outcome.error.code);
    expect(outcome.analysis.sheet.name).toBe("台账");
    expect(outcome.analysis.records).toHaveLength(3);
    const issue = outcome.analysis.issues.find((i) => i.code === "sheet_hidden");
    expect(issue).toMatchObject({ severity: "warning", sheet: "台账", params: { text: "台账" } });
    expect(renderIssue(issue!, "zh-CN")).toContain("工作表“台账”是隐藏的");
    expect(renderIssue(issue!, "en")).toContain("Sheet “台账” is hidden");
  });

  it("is not mentioned when the ledger is visible", async () => {
    const outcome = analyzeWorkbook(snapshotOf(await loadXlsx(await workbook(false))), {});
    expect(outcome.ok && outcome.analysis.issues.some((i) => i.code === "sheet_hidden")).toBe(false);
  });

  it("is named in the no-ledger message when no sheet holds a ledger", async () => {
    const outcome = analyzeWorkbook(snapshotOf(await loadXlsx(await workbook(true, false))), {});
    expect(outcome).toEqual({ ok: false, error: { code: "no_ledger", hidden: ["台账"] } });
    expect(failureMessage("no_ledger", "zh-CN", { hidden: ["台账"] })).toContain(
      "隐藏的工作表“台账”也已查找，同样没有台账表头。",
    );
    expect(failureMessage("no_ledger", "en", { hidden: ["台账", "旧表"] })).toContain(
      'The hidden sheets "台账", "旧表" were searched too',
    );
  });
});
