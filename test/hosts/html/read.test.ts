/**
 * HTML tables saved as .xls (what many government systems export): cells, spans, text, encodings, sheets,
 * and the way into the build (a new workbook) and into the standalone page's file host.
 */
import ExcelJS from "exceljs";
import type { CellValue, MergedArea, WorkbookSnapshot } from "../../../src/core/snapshot";
import { cellAt } from "../../../src/core/snapshot";
import { decodeHtml, looksLikeHtml, readHtmlWorkbook } from "../../../src/hosts/html/read";
import { workbookFromSnapshot } from "../../../src/hosts/html/toXlsx";
import { XlsxLoadError } from "../../../src/hosts/xlsx/errors";
import { loadWorkbookInput, loadXlsx, snapshotOf } from "../../../src/hosts/xlsx/workbook";
import { openFileHost } from "../../../src/standalone/fileHost";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const page = (body: string, head = ""): string => `<html><head>${head}</head><body>${body}</body></html>`;

/** The one sheet of a page. */
function only(html: string | Uint8Array): { rows: CellValue[][]; merges: MergedArea[]; name: string } {
  const wb = readHtmlWorkbook(typeof html === "string" ? utf8(html) : html);
  expect(wb.sheets).toHaveLength(1);
  const [sheet] = wb.sheets;
  if (!sheet) throw new Error("no sheet");
  return sheet;
}

describe("cells, spans and text", () => {
  it.each<[string, string, CellValue[][], MergedArea[]]>([
    [
      "plain rows, blank space trimmed, empty cells null, trailing empty cells dropped",
      `<table><tr><td> 序号 </td><td>
          案由 </td><td></td></tr><tr><td>1</td><td></td><td>甲</td></tr></table>`,
      [
        ["序号", "案由"],
        [1, null, "甲"],
      ],
      [],
    ],
    [
      "rowspan and colspan: the value at the top-left, a merged area over the rest",
      `<table border=1>
         <tr><td rowspan=2>李局长</td><td colspan="2">社会事务科</td></tr>
         <tr><td>张三</td><td>李四</td></tr>
       </table>`,
      [
        ["李局长", "社会事务科"],
        [null, "张三", "李四"],
      ],
      [
        { top: 0, left: 0, bottom: 1, right: 0 },
        { top: 0, left: 1, bottom: 0, right: 2 },
      ],
    ],
    [
      "a two-row header with a merged group cell",
      `<table>
         <tr><th rowspan=2>序号</th><th rowspan=2>案由</th><th colspan=3>办理时间</th><th rowspan=2>备注</th></tr>
         <tr><th>交办时间</th><th>答复期限</th><th>答复时间</th></tr>
       </table>`,
      [
        ["序号", "案由", "办理时间", null, null, "备注"],
        [null, null, "交办时间", "答复期限", "答复时间"],
      ],
      [
        { top: 0, left: 0, bottom: 1, right: 0 },
        { top: 0, left: 1, bottom: 1, right: 1 },
        { top: 0, left: 2, bottom: 0, right: 4 },
        { top: 0, left: 5, bottom: 1, right: 5 },
      ],
    ],
    [
      "<br> and paragraphs are line breaks, other tags are dropped",
      `<table><tr><td>关于<b>殡葬</b>改革<br>的建议</td><td><p>第一行</p><p>第二行 </p></td>
         <td><font color=red>A类</font><br style='mso-data-placement:same-cell'/></td></tr></table>`,
      [["关于殡葬改革\n的建议", "第一行\n第二行", "A类"]],
      [],
    ],
    [
      "entities decoded, &nbsp; as a plain space, unknown names kept",
      `<table><tr><td>&nbsp;张&nbsp;&nbsp;三&nbsp;</td><td>A &amp; B &lt;1&gt; &quot;x&quot; &#20013;&#x6587; &#39;</td>
         <td>&nbsp;</td><td>a&foo;b &amp</td></tr></table>`,
      [["张  三", `A & B <1> "x" 中文 '`, null, "a&foo;b &"]],
      [],
    ],
    [
      "numbers only when plainly numeric; ids, padded and text-formatted cells stay text",
      `<table><tr><td>12</td><td>-3.5</td><td>001</td><td>1.50</td><td>1e3</td><td>Infinity</td>
         <td style="mso-number-format:'\\@'">42</td><td x:str>7</td><td>2024-03-01</td></tr></table>`,
      [[12, -3.5, "001", "1.50", "1e3", "Infinity", "42", "7", "2024-03-01"]],
      [],
    ],
    [
      "a rowspan past the last row ends there",
      `<table><tr><td rowspan=5>甲</td><td>1</td></tr><tr><td>2</td></tr></table>`,
      [
        ["甲", 1],
        [null, 2],
      ],
      [{ top: 0, left: 0, bottom: 1, right: 0 }],
    ],
    [
      "a colspan running into a rowspan from above is cut short (Excel cannot overlap merges)",
      `<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td colspan=3>d</td><td>e</td></tr></table>`,
      [
        ["a", "b", "c"],
        ["d", null, "e"],
      ],
      [{ top: 0, left: 1, bottom: 1, right: 1 }],
    ],
    [
      "upper-case tags, thead/tbody, a <td> without <tr>, script, style and comments ignored",
      `<TABLE><THEAD><TR><TH>序号</TH></TR></THEAD><TBODY><TR><TD>1<!-- <td>x</td> --></TD>
         <script>var s = "<td>no</td>";</script><style>td { color: red }</style></TR></TBODY></TABLE>
       <table><td>独</td></table>`,
      [["序号"], [1]],
      [],
    ],
  ])("%s", (_title, table, rows, merges) => {
    const wb = readHtmlWorkbook(utf8(page(table)));
    const [sheet] = wb.sheets;
    expect(sheet?.rows).toEqual(rows);
    expect(sheet?.merges).toEqual(merges);
  });

  it("marks cells the export formatted as text with the text format", () => {
    const [sheet] = readHtmlWorkbook(
      utf8(`<table><tr><td style="mso-number-format:&quot;\\@&quot;">001</td><td>1</td></tr></table>`),
    ).sheets;
    expect(sheet?.numberFormats).toEqual([["@", null]]);
  });
});

describe("encodings", () => {
  // "序号" in GBK: D0F2 BAC5; "案由": B0B8 D3C9 (checked against TextDecoder("gbk") below).
  const GBK_SEQ = [0xd0, 0xf2, 0xba, 0xc5];
  const GBK_TITLE = [0xb0, 0xb8, 0xd3, 0xc9];
  const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));
  const gbkPage = (head: string): Uint8Array =>
    new Uint8Array([
      ...ascii(`<html><head>${head}</head><body><table><tr><td>`),
      ...GBK_SEQ,
      ...ascii("</td><td>"),
      ...GBK_TITLE,
      ...ascii("</td></tr></table></body></html>"),
    ]);

  it("the hand-built bytes are GBK", () => {
    expect(new TextDecoder("gbk").decode(new Uint8Array([...GBK_SEQ, ...GBK_TITLE]))).toBe("序号案由");
  });

  const utf16le = (s: string): Uint8Array => {
    const out = new Uint8Array(2 + s.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      out[2 + i * 2] = s.charCodeAt(i) & 0xff;
      out[3 + i * 2] = s.charCodeAt(i) >> 8;
    }
    return out;
  };
  const TABLE = "<table><tr><td>序号</td><td>案由</td></tr></table>";

  it.each<[string, Uint8Array]>([
    [
      "GBK declared by http-equiv as gb2312",
      gbkPage(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`),
    ],
    ["GBK declared by <meta charset>", gbkPage(`<meta charset='GBK'>`)],
    ["GBK without a declaration", gbkPage("")],
    ["GBK although the page says UTF-8", gbkPage(`<meta charset="utf-8">`)],
    ["UTF-8 without a declaration", utf8(page(TABLE))],
    [
      "UTF-8 with a BOM, the BOM winning over a stale declaration",
      utf8(`\ufeff${page(TABLE, `<meta charset="gb2312">`)}`),
    ],
    ["UTF-16 with a BOM", utf16le(page(TABLE))],
    ["an unknown charset label, UTF-8 bytes", utf8(page(TABLE, `<meta charset="x-nonsense">`))],
  ])("%s", (_title, bytes) => {
    expect(looksLikeHtml(bytes)).toBe(true);
    expect(only(bytes).rows).toEqual([["序号", "案由"]]);
  });

  it("decodes the whole page, not just the table", () => {
    expect(decodeHtml(gbkPage(""))).toContain("<td>序号</td>");
  });
});

describe("sheets", () => {
  it("makes one sheet per table, named Sheet1, Sheet2 …", () => {
    const wb = readHtmlWorkbook(
      utf8(page("<table><tr><td>说明</td></tr></table><p>…</p><table><tr><td>序号</td></tr></table>")),
    );
    expect(wb.sheets.map((s) => [s.name, s.rows])).toEqual([
      ["Sheet1", [["说明"]]],
      ["Sheet2", [["序号"]]],
    ]);
  });

  it("takes the names from Excel's XML island, made valid and unique", () => {
    const head = `<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>
      <x:ExcelWorksheet><x:Name>填报说明</x:Name></x:ExcelWorksheet>
      <x:ExcelWorksheet><x:Name>责任分工表[2024]</x:Name></x:ExcelWorksheet>
      <x:ExcelWorksheet><x:Name>填报说明</x:Name></x:ExcelWorksheet>
      </x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->`;
    const t = "<table><tr><td>x</td></tr></table>";
    const wb = readHtmlWorkbook(utf8(page(t + t + t + t, head)));
    expect(wb.sheets.map((s) => s.name)).toEqual(["填报说明", "责任分工表_2024_", "填报说明 (2)", "Sheet4"]);
  });

  it("reads a table nested in a layout table as its own sheet and drops the empty wrapper", () => {
    const wb = readHtmlWorkbook(
      utf8(
        page(
          "<table><tr><td><table><tr><td>序号</td><td>案由</td></tr><tr><td>1</td><td>甲</td></tr></table></td></tr></table>",
        ),
      ),
    );
    expect(wb.sheets.map((s) => [s.name, s.rows])).toEqual([
      [
        "Sheet1",
        [
          ["序号", "案由"],
          [1, "甲"],
        ],
      ],
    ]);
  });

  it("keeps an empty table as an empty sheet (the core then finds no ledger)", () => {
    expect(readHtmlWorkbook(utf8(page("<table></table>"))).sheets).toEqual([
      { name: "Sheet1", rows: [], numberFormats: [], merges: [] },
    ]);
  });

  it.each([
    ["a page without a table", page("<p>没有数据</p>")],
    ["an XML spreadsheet", `<?xml version="1.0"?><Workbook><Worksheet ss:Name="S"></Worksheet></Workbook>`],
  ])("refuses %s with html_xls", (_title, html) => {
    expect(() => readHtmlWorkbook(utf8(html))).toThrow(expect.objectContaining({ code: "html_xls" }));
    expect(() => readHtmlWorkbook(utf8(html))).toThrow(XlsxLoadError);
  });
});

/** A realistic export: title row, two-row header, a leader merged down, text dates. */
const EXPORT = page(
  `<table border=1 cellspacing=0>
    <tr><td colspan=7 align=center><b>某某局2024年建议提案办理台账</b></td></tr>
    <tr><td rowspan=2>序号</td><td rowspan=2>编号</td><td rowspan=2>案由</td><td rowspan=2>分管领导</td>
        <td rowspan=2>承办科室</td><td colspan=2>办理时间</td></tr>
    <tr><td>交办时间</td><td>答复期限</td></tr>
    <tr><td>1</td><td style="mso-number-format:'\\@'">001</td><td>关于殡葬改革的建议</td><td rowspan=2>李局长</td>
        <td>社会事务科</td><td>2024年3月1日</td><td>2024-06-01</td></tr>
    <tr><td>2</td><td style="mso-number-format:'\\@'">002</td><td>关于养老服务的建议</td>
        <td>养老服务科</td><td>2024/3/1</td><td>2024-06-01</td></tr>
  </table>`,
  `<meta http-equiv=Content-Type content="text/html; charset=utf-8">`,
);

describe("into the build and the page", () => {
  it("routes HTML to a snapshot, and loadXlsx to a new workbook", async () => {
    const input = await loadWorkbookInput(utf8(EXPORT));
    expect(input.kind).toBe("html");
    const wb = await loadXlsx(utf8(EXPORT));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["Sheet1"]);
    expect(wb.getWorksheet("Sheet1")?.getCell("B4").value).toBe("001");
  });

  it("refuses HTML without a table through the loader too", async () => {
    await expect(loadWorkbookInput(utf8("<html><body>空</body></html>"))).rejects.toMatchObject({
      code: "html_xls",
    });
  });

  it("the new workbook reads back as the same snapshot (analyze and build see the same cells)", async () => {
    const snapshot = readHtmlWorkbook(utf8(EXPORT));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await workbookFromSnapshot(snapshot).xlsx.writeBuffer());
    const back: WorkbookSnapshot = snapshotOf(wb);
    const [a, b] = [snapshot.sheets[0], back.sheets[0]];
    if (!a || !b) throw new Error("no sheet");
    expect(b.name).toBe(a.name);
    expect(b.merges).toEqual(expect.arrayContaining(a.merges));
    expect(b.merges).toHaveLength(a.merges.length);
    for (let r = 0; r < a.rows.length; r++) {
      for (let c = 0; c < 7; c++) expect([r, c, cellAt(b, r, c)]).toEqual([r, c, cellAt(a, r, c)]);
    }
    expect(wb.getWorksheet("Sheet1")?.getCell("B4").numFmt).toBe("@");
  });

  it("opens in the standalone page's file host and downloads a built .xlsx", async () => {
    const bytes = utf8(EXPORT);
    let saved: Blob | null = null;
    const host = await openFileHost(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      {
        now: () => new Date(2024, 11, 31),
        save: (blob) => {
          saved = blob;
        },
      },
    );
    expect((await host.snapshot()).sheets[0]?.rows[3]?.[2]).toBe("关于殡葬改革的建议");
    await host.download("台账（已整理）.xlsx", { locale: "zh-CN" });
    if (!saved) throw new Error("nothing was saved");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (saved as Blob).arrayBuffer());
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(4);
    expect(wb.getWorksheet("Sheet1")?.getTables()).toHaveLength(1);
  });
});
