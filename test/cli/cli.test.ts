import { spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { xlsxFromGrids, utc } from "../helpers/grid-xlsx";
import { loadXlsx } from "../../src/hosts/xlsx/workbook";
import { ledgerCommand } from "./ledgerCommand";

const ROOT = join(__dirname, "..", "..");
const SAMPLE = join(ROOT, "samples", "sample-ledger.xlsx");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line exactly as the README and the acceptance checks do (minus npm's wrapper). */
function ledger(...args: string[]): Run {
  const [command, argv] = ledgerCommand(args);
  const r = spawnSync(command, argv, { encoding: "utf8", cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(run: Run): Record<string, any> {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Record<string, any>;
}

const dir = mkdtempSync(join(tmpdir(), "ledger-cli-"));

describe("analyze on the bundled sample", () => {
  const out = json(ledger("analyze", SAMPLE, "--today", "2026-11-27", "--json"));

  it("finds the ledger sheet past the notes sheet and the title rows", () => {
    expect(out.sheet).toBe("责任分工表");
    expect(out.headerRows).toEqual([3]);
    expect(out.columns).toMatchObject({
      seq: "A",
      id: "B",
      kind: "C",
      title: "D",
      proposer: "E",
      topic: "F",
      role: "G",
      key: "H",
      leader: "I",
      department: "J",
      handler: "K",
      phone: "L",
      assignedOn: "M",
      dueOn: "N",
      repliedOn: "O",
      replyRef: "P",
      result: "Q",
      satisfaction: "R",
      consultation: "S",
      notes: "T",
    });
    expect(out.rowCount).toBe(16);
  });

  it("counts the year", () => {
    const s = out.stats;
    expect(s.total).toBe(16);
    expect(s.byKind.npc).toBe(7);
    expect(s.byKind.cppcc).toBe(9);
    expect(s.byRole).toMatchObject({ lead: 13, assist: 3 });
    expect(s.key).toBe(4);
    expect(s.replied).toBe(11);
    expect(s.replyRate).toBeCloseTo(11 / 16);
    expect(s.results.A).toBe(6);
    expect(s.results.B).toBe(3);
    expect(s.results.C).toBe(1);
    expect(s.satisfaction).toMatchObject({ satisfied: 8, basic: 2, unsatisfied: 1 });
    expect(s.satisfactionRate).toBeCloseTo(10 / 11);
    // R105 was due 2026-11-20 and is unanswered; P206's deadline "3月底前" cannot be read.
    expect(s.overdue).toBe(1);
    // R106 (12-01), the second R106 (12-03) are within 7 days of 2026-11-27; P207 (12-10) is not.
    expect(s.dueSoon).toBe(2);
    // Ties keep the order of first appearance: 殡葬改革 (3) before 养老服务体系建设 (3).
    expect(s.topics.slice(0, 2)).toEqual([
      { name: "殡葬改革", count: 3 },
      { name: "养老服务体系建设", count: 3 },
    ]);
  });

  it("reports the problems planted in the sample, by row", () => {
    const codes = (out.issues as { row: number; code: string }[]).map((i) => `${i.row}:${i.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "11:missing_required", // P204 has no 承办人
        "12:reply_missing_result", // P205 replied without a result class
        "15:duplicate_id", // R106 twice
        "16:duplicate_id",
        "17:invalid_date", // 办理时限 "3月底前"
        "19:missing_required", // P208 has no 承办科室
        "19:date_order", // P208 replied before it was assigned
      ]),
    );
    // The merged 分管领导 cells count for every row they cover: no leader is missing.
    expect(codes.filter((c) => c.endsWith("missing_required"))).toHaveLength(2);
  });

  it("writes the report text", () => {
    expect(out.report).toContain("2026年");
    // The sample's title row names the bureau: the report uses that name, not the default 我局.
    expect(out.report).toContain("2026年XX市民政局共承办");
  });

  it("excludes a department from the totals and names it", () => {
    const ex = json(
      ledger("analyze", SAMPLE, "--today", "2026-11-27", "--exclude-department", "市扶贫办", "--json"),
    );
    expect(ex.stats.total).toBe(15);
    expect(ex.report).toContain("市扶贫办");
  });

  it("prints a readable Chinese summary without --json", () => {
    const r = ledger("analyze", SAMPLE, "--today", "2026-11-27");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("办复率");
    expect(r.stdout).toContain("责任分工表");
  });
});

describe("analyze on layouts users keep", () => {
  it("reads a traditional two-row header with merged group cells, merged leaders and text dates", async () => {
    const file = join(dir, "traditional.xlsx");
    writeFileSync(
      file,
      await xlsxFromGrids([
        {
          name: "臺賬",
          rows: [
            ["某某局2019年政協提案辦理臺賬"],
            [
              "序號",
              "提案號",
              "案由",
              "分管領導",
              "承辦科室",
              "承辦人",
              "辦理時間",
              null,
              null,
              "辦理結果",
              "滿意度",
            ],
            [null, null, null, null, null, null, "交辦日期", "答覆期限", "答覆日期", null, null],
            [
              1,
              "101",
              "關於殯葬改革的提案",
              "李局長",
              "社會事務科",
              "張三",
              "2019年3月1日",
              "2019.6.1",
              utc(2019, 5, 20),
              "A類",
              "滿意",
            ],
            [2, "102", "關於養老服務的提案", null, "養老服務科", "李四", "2019/3/1", null, null, null, null],
            [
              3,
              "103",
              "關於社區治理的提案",
              "王局長",
              "基層政權科",
              "王五",
              "２０１９年３月１日",
              "2019-06-01",
              "2019-05-30",
              "乙類",
              "基本滿意",
            ],
          ],
          merges: [
            "A1:K1",
            "A2:A3",
            "B2:B3",
            "C2:C3",
            "D2:D3",
            "E2:E3",
            "F2:F3",
            "G2:I2",
            "J2:J3",
            "K2:K3",
            "D4:D5",
          ],
        },
      ]),
    );
    const out = json(ledger("analyze", file, "--today", "2019-12-31", "--json"));
    expect(out.headerRows).toEqual([2, 3]);
    expect(out.columns).toMatchObject({
      seq: "A",
      id: "B",
      title: "C",
      leader: "D",
      department: "E",
      handler: "F",
      assignedOn: "G",
      dueOn: "H",
      repliedOn: "I",
      result: "J",
      satisfaction: "K",
    });
    expect(out.rowCount).toBe(3);
    expect(out.stats.replied).toBe(2);
    expect(out.stats.results).toMatchObject({ A: 1, B: 1 });
    // Row 5 has no deadline of its own: 交办 2019-03-01 + 3 months = 2019-06-01, long past by 2019-12-31.
    expect(out.stats.overdue).toBe(1);
    // Leader merged down D4:D5 fills row 5: nothing missing.
    expect((out.issues as { code: string }[]).filter((i) => i.code === "missing_required")).toEqual([]);
    expect(out.report).toMatch(/辦復率|辦覆率/);
  });

  it("reports a required column missing from the whole sheet once", async () => {
    const file = join(dir, "no-handler.xlsx");
    writeFileSync(
      file,
      await xlsxFromGrids([
        {
          name: "Sheet1",
          rows: [
            ["编号", "案由", "分管领导", "承办科室", "办理时限"],
            ["1", "甲", "李", "一科", "2024-06-30"],
            ["2", "乙", "李", "二科", "2024-06-30"],
          ],
        },
      ]),
    );
    const out = json(ledger("analyze", file, "--today", "2024-07-01", "--json"));
    const missing = (out.issues as { code: string; row: number | null; field: string }[]).filter(
      (i) => i.field === "handler",
    );
    expect(missing).toEqual([expect.objectContaining({ code: "missing_column", row: null })]);
  });
});

/**
 * What a government system exports as "台账.xls": an HTML page in Excel's dialect, a title row spread over
 * the table, a two-row header, leaders merged down their rows, text dates, ids formatted as text.
 */
const HTML_EXPORT = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>办理台账</x:Name>
<x:WorksheetOptions><x:Print><x:ValidPrinterInfo/></x:Print></x:WorksheetOptions></x:ExcelWorksheet>
</x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
<style>td { mso-number-format: General; } .text { mso-number-format: "\\@"; }</style></head>
<body><table border=1 cellpadding=0 cellspacing=0 style='border-collapse:collapse'>
<tr><td colspan=13 align=center style='font-size:18pt'><b>某某区民政局2024年建议提案办理台账</b></td></tr>
<tr><td rowspan=2>序号</td><td rowspan=2>编号</td><td rowspan=2>类别</td><td rowspan=2>案由</td>
  <td rowspan=2>领衔人</td><td rowspan=2>分管领导</td><td rowspan=2>承办科室</td><td rowspan=2>承办人</td>
  <td colspan=3>办理时间</td><td rowspan=2>办理结果</td><td rowspan=2>满意度</td></tr>
<tr><td>交办时间</td><td>答复期限</td><td>答复时间</td></tr>
<tr><td>1</td><td style="mso-number-format:'\\@'">001</td><td>人大建议</td><td>关于推进殡葬改革的建议</td>
  <td>王代表</td><td rowspan=2>李副局长</td><td>社会事务科</td><td>张&nbsp;&nbsp;三</td>
  <td>2024年3月1日</td><td>2024年6月1日</td><td>2024年5月20日</td><td>A类</td><td>满意</td></tr>
<tr><td>2</td><td style="mso-number-format:'\\@'">002</td><td>人大建议</td><td>关于加强养老服务的建议</td>
  <td>赵代表</td><td>养老服务科</td><td>李四</td>
  <td>2024年3月1日</td><td>2024年6月1日</td><td>2024年5月28日</td><td>B类</td><td>基本满意</td></tr>
<tr><td>3</td><td style="mso-number-format:'\\@'">101</td><td>政协提案</td><td>关于社区治理的提案</td>
  <td>钱委员</td><td rowspan=2>王副局长</td><td>基层政权科</td><td>王五</td>
  <td>2024/3/5</td><td>2024/6/5</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td>4</td><td style="mso-number-format:'\\@'">102</td><td>政协提案</td><td>关于社会组织管理的提案<br>（重点）</td>
  <td>孙委员</td><td>社会组织管理科</td><td>赵六</td>
  <td>2024/3/5</td><td>2024/6/5</td><td>2024/6/3</td><td>C类</td><td>满意</td></tr>
</table></body></html>`;

describe("an HTML table saved as .xls", () => {
  const file = join(dir, "办理台账.xls");
  writeFileSync(file, HTML_EXPORT);

  it("analyzes it like an .xlsx", () => {
    const out = json(ledger("analyze", file, "--today", "2024-12-31", "--json"));
    expect(out.sheet).toBe("办理台账");
    expect(out.headerRows).toEqual([2, 3]);
    expect(out.columns).toMatchObject({
      seq: "A",
      id: "B",
      kind: "C",
      title: "D",
      proposer: "E",
      leader: "F",
      department: "G",
      handler: "H",
      assignedOn: "I",
      dueOn: "J",
      repliedOn: "K",
      result: "L",
      satisfaction: "M",
    });
    expect(out.rowCount).toBe(4);
    const s = out.stats;
    expect(s.total).toBe(4);
    expect(s.byKind).toMatchObject({ npc: 2, cppcc: 2 });
    expect(s.replied).toBe(3);
    expect(s.results).toMatchObject({ A: 1, B: 1, C: 1 });
    expect(s.satisfaction).toMatchObject({ satisfied: 2, basic: 1 });
    // 101 was due 2024-06-05 and has no reply.
    expect(s.overdue).toBe(1);
    // The leaders merged down two rows count for both: nothing missing, no date unreadable.
    const codes = (out.issues as { code: string }[]).map((i) => i.code);
    expect(codes).not.toContain("missing_required");
    expect(codes).not.toContain("invalid_date");
  });

  it("build turns it into an .xlsx with the structured ledger and the generated sheets", async () => {
    const out = join(dir, "办理台账（已整理）.xlsx");
    const built = json(ledger("build", file, "-o", out, "--today", "2024-12-31", "--json"));
    expect(built.sourceSheet).toBe("办理台账");
    expect(Object.keys(built.sheets).sort()).toEqual(["backup", "ledger", "report", "settings", "summary"]);
    expect(built.sheets.ledger).toBe("办理台账");
    expect(built.stats.total).toBe(4);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((ws) => ws.name);
    for (const name of Object.values(built.sheets) as string[]) expect(names).toContain(name);
    expect(wb.getWorksheet(built.sheets.settings)?.state).toBe("hidden");
    const ws = wb.getWorksheet(built.sheets.ledger);
    expect(ws?.getTables()).toHaveLength(1);
    // Ids stay text ("001", not 1), and the backup holds the sheet as it came.
    const values: unknown[] = [];
    ws?.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toEqual(expect.arrayContaining(["001", "102", "关于推进殡葬改革的建议"]));
    expect(wb.getWorksheet(built.sheets.backup)?.getCell("B4").value).toBe("001");
  });
});

describe("help", () => {
  it.each(
    [
      ["--help"],
      ["-h"],
      ["help"],
      ["build", "--help"],
      ["rollup", "-h"],
      ["analyze", "x.xlsx", "--help"],
    ].map((args) => [args.join(" "), args] as const),
  )("`ledger %s` prints the usage on stdout and succeeds", (_label, args) => {
    const r = ledger(...args);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^用法 Usage:\n/);
    expect(r.stdout).toContain("ledger -- build FILE.xlsx -o OUT.xlsx");
  });

  it("past -- a -h is a file name, not a request for help", () => {
    const r = ledger("analyze", "--", "-h");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/错误：.+\nError: .+/);
  });

  it("without a command it is still a usage error (exit 2, on stderr)", () => {
    const r = ledger();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/未知命令.*\nUnknown command/);
  });
});

describe("unusable input", () => {
  it.each([
    ["a text file", "not-a-workbook.xlsx", Buffer.from("hello, this is not a workbook")],
    [
      "an HTML page without a table saved as .xls",
      "html.xls",
      Buffer.from("<html><body><p>导出失败</p></body></html>"),
    ],
    ["an old binary .xls", "old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])],
    ["a damaged zip", "broken.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])],
  ])("refuses %s with exit 2 and a message in Chinese and English", (_title, name, bytes) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const r = ledger("analyze", file, "--json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/错误：.+\nError: .+/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("says an HTML file has no table in it", () => {
    const file = join(dir, "no-table.xls");
    writeFileSync(file, "<html><head><meta charset=utf-8></head><body>没有符合条件的数据</body></html>");
    const r = ledger("analyze", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("没有表格");
    expect(r.stderr).toContain("no table");
  });

  it("refuses a workbook without a ledger header", async () => {
    const file = join(dir, "no-ledger.xlsx");
    writeFileSync(
      file,
      await xlsxFromGrids([
        {
          name: "预算",
          rows: [
            ["项目", "金额"],
            ["办公费", 1000],
          ],
        },
      ]),
    );
    const r = ledger("analyze", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("没有找到台账表头");
  });

  it("names a missing sheet", () => {
    const r = ledger("analyze", SAMPLE, "--sheet", "不存在");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("不存在");
  });

  it.each(["analyze", "build"])("%s names a setting out of range, without a stack trace", (command) => {
    const out = join(dir, "bad-settings.xlsx");
    const r = ledger(command, SAMPLE, "--due-soon-days", "999", ...(command === "build" ? ["-o", out] : []));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("设置有误：dueSoonDays");
    expect(r.stderr).toContain("Invalid settings: dueSoonDays");
    expect(r.stderr).not.toMatch(/ZodError|\bat \S+ \(/);
  });

  it("names a missing file", () => {
    const r = ledger("analyze", join(dir, "nope.xlsx"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("找不到文件");
  });

  it("explains a wrong command line", () => {
    const r = ledger("analyse", SAMPLE);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("用法 Usage");
  });
});

describe("build", () => {
  it("writes the structured workbook and prints the sheets, stats and issues", async () => {
    const out = join(dir, "built.xlsx");
    const built = json(ledger("build", SAMPLE, "-o", out, "--today", "2026-11-27", "--json"));
    expect(built.sourceSheet).toBe("责任分工表");
    expect(Object.keys(built.sheets).sort()).toEqual(["backup", "ledger", "report", "settings", "summary"]);
    expect(built.sheets.ledger).toBe("责任分工表");
    expect(built.stats.total).toBe(16);
    expect(built.issues.length).toBeGreaterThan(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((ws) => ws.name);
    for (const name of Object.values(built.sheets) as string[]) expect(names).toContain(name);
    expect(wb.getWorksheet(built.sheets.settings)?.state).toBe("hidden");
    expect(wb.getWorksheet(built.sheets.ledger)?.getTables()).toHaveLength(1);
  });

  it("refuses a file it cannot use with exit 2 and writes nothing", () => {
    const bad = join(dir, "bad-build.xlsx");
    const out = join(dir, "never.xlsx");
    writeFileSync(bad, "not a workbook");
    const r = ledger("build", bad, "-o", out);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("asks for -o", () => {
    const r = ledger("build", SAMPLE);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("-o OUT.xlsx");
  });
});

describe("build into a place that cannot be written", () => {
  it("says so in Chinese and English, exit 2", () => {
    const r = ledger("build", SAMPLE, "-o", join(dir, "no-such-folder", "out.xlsx"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("无法写入文件");
    expect(r.stderr).toContain("Cannot write the file");
  });
});

describe("inputs that are not a workbook file (issue 10)", () => {
  it("tells a folder from a missing file", () => {
    const r = ledger("analyze", dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `错误：这是文件夹，不是文件：${dir}\nError: This is a folder, not a file: ${dir}\n`,
    );
  });

  it("refuses a password-protected workbook with the remedy, no stack trace", () => {
    const file = join(dir, "locked.xlsx");
    const bytes = new Uint8Array(1536);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
    const name = "EncryptedPackage";
    for (let i = 0; i < name.length; i++) bytes[1024 + 128 + i * 2] = name.charCodeAt(i);
    writeFileSync(file, bytes);
    const r = ledger("build", file, "--out", join(dir, "locked-out.xlsx"));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "错误：文件设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试。\n" +
        "Error: The file is protected by an opening password and cannot be read. Remove the password in Excel or WPS, save it as .xlsx and try again.\n",
    );
  });
});

describe("remind: 催办 from the command line", () => {
  it("prints the groups, items and messages as JSON, agreeing with analyze's counts", () => {
    const out = json(ledger("remind", SAMPLE, "--today", "2026-11-27", "--json"));
    const stats = json(ledger("analyze", SAMPLE, "--today", "2026-11-27", "--json")).stats;
    expect(Object.keys(out)).toEqual(["asOf", "within", "groups", "unknownDeadline", "summary"]);
    expect(out.asOf).toBe("2026-11-27");
    expect(out.within).toBe(7);
    const items = (out.groups as { items: { status: string }[] }[]).flatMap((g) => g.items);
    expect(items.filter((i) => i.status === "overdue")).toHaveLength(stats.overdue);
    expect(items.filter((i) => i.status === "dueSoon")).toHaveLength(stats.dueSoon);
    const [first] = out.groups as Record<string, any>[];
    expect(Object.keys(first ?? {})).toEqual(["department", "leader", "items", "message", "replyBy"]);
    expect(Object.keys(first?.items[0] ?? {}).slice(0, 9)).toEqual([
      "row",
      "sheet",
      "id",
      "title",
      "handler",
      "phone",
      "dueOn",
      "daysLeft",
      "status",
    ]);
    expect(first?.message).toContain(first?.department);
    // The sample's P206 has an unreadable 办理时限: listed apart, never dropped.
    expect((out.unknownDeadline as { id: string }[]).map((i) => i.id)).toContain("P206");
  });

  it("narrows to one department and a window, and prints the messages as text", () => {
    const all = json(ledger("remind", SAMPLE, "--today", "2026-11-27", "--within", "30", "--json"));
    const dept = (all.groups as { department: string }[])[0]?.department ?? "";
    const one = json(
      ledger("remind", SAMPLE, "--today", "2026-11-27", "--within", "30", "--department", dept, "--json"),
    );
    expect((one.groups as { department: string }[]).map((g) => g.department)).toEqual([dept]);
    const text = ledger("remind", SAMPLE, "--today", "2026-11-27");
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("您单位承办的建议提案中");
  });

  it("build --reminders adds the 催办单 sheet and names it; a bad --assist-months is refused", async () => {
    const out = join(dir, "reminders.xlsx");
    const built = json(ledger("build", SAMPLE, "-o", out, "--today", "2026-11-27", "--reminders", "--json"));
    expect((built.sheets as Record<string, string>).reminders).toBe("催办单");
    const wb = await loadXlsx(readFileSync(out));
    expect(wb.getWorksheet("催办单")?.getCell(1, 1).value).toBe("建议提案催办单");
    const plain = json(
      ledger("build", SAMPLE, "-o", join(dir, "plain.xlsx"), "--today", "2026-11-27", "--json"),
    );
    expect((plain.sheets as Record<string, string>).reminders).toBeUndefined();
    const bad = ledger("build", SAMPLE, "-o", join(dir, "bad.xlsx"), "--assist-months", "99");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("assistDeadlineMonths");
  });

  it("groups by 分管领导 with --by leader, and refuses another --by", () => {
    const out = json(ledger("remind", SAMPLE, "--today", "2026-12-01", "--by", "leader", "--json"));
    const groups = out.groups as { department: string; leader: string | null; message: string }[];
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.message.startsWith(`${g.leader ?? ""}：您分管的建议提案中`)).toBe(true);
    const bad = ledger("remind", SAMPLE, "--by", "person");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--by 只能是 department 或 leader");
  });

  it("refuses a bad --within like any option", () => {
    const r = ledger("remind", SAMPLE, "--within", "soon");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--within 需要一个整数");
  });
});

describe("report: the report as a Word/WPS document", () => {
  it("writes the sample's report as .docx and prints out, title and paragraphs", async () => {
    const out = join(dir, "汇报.docx");
    const printed = json(ledger("report", SAMPLE, "-o", out, "--today", "2026-12-31", "--json"));
    const analysed = json(ledger("analyze", SAMPLE, "--today", "2026-12-31", "--json"));
    const paragraphs = (analysed.report as string).split("\n\n");
    expect(printed).toEqual({ out, title: paragraphs[0], paragraphs: paragraphs.length });
    expect(printed.title).toBe("XX市民政局关于2026年度人大代表建议和政协提案办理工作情况的报告");
    const JSZip = (await import("jszip")).default;
    const doc = await (await JSZip.loadAsync(readFileSync(out))).file("word/document.xml")?.async("string");
    const text = (doc ?? "").replace(/<[^>]+>/g, "");
    // The same options as analyze: --exclude-department changes the figures in the document too.
    expect(text).toContain(paragraphs[1]);
    const excluded = join(dir, "excluded.docx");
    const r = ledger(
      "report",
      SAMPLE,
      "-o",
      excluded,
      "--today",
      "2026-12-31",
      "--exclude-department",
      "市扶贫办",
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`已写入 Written: ${excluded}`);
    const other = await (
      await JSZip.loadAsync(readFileSync(excluded))
    )
      .file("word/document.xml")
      ?.async("string");
    expect(other).toContain("（除市扶贫办1件）");
  });

  it("refuses -o without .docx, and a missing -o, as usage errors (exit 2) in Chinese and English", () => {
    const wrong = join(dir, "汇报.xlsx");
    const r = ledger("report", SAMPLE, "-o", wrong);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("-o 的文件名应以 .docx 结尾");
    expect(r.stderr).toContain("must end in .docx");
    expect(r.stderr).toContain("用法 Usage");
    expect(existsSync(wrong)).toBe(false);
    const none = ledger("report", SAMPLE);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("report 需要 -o 汇报.docx");
  });

  it("refuses a file it cannot use with exit 2 and writes nothing", () => {
    const bad = join(dir, "bad-report.xlsx");
    const out = join(dir, "never.docx");
    writeFileSync(bad, "not a workbook");
    const r = ledger("report", bad, "-o", out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Error:");
    expect(existsSync(out)).toBe(false);
  });
});
