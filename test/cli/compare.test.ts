import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";

const ROOT = join(__dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const SAMPLE = join(ROOT, "samples", "sample-ledger.xlsx");
const DAY = 86_400_000;

function ledger(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [join(ROOT, "src", "cli", "main.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "ledger-compare-"));
const thisYear = join(dir, "2027年台账.xlsx");

/**
 * The sample a year on (dates +365 days), with R102 reworded, P203 renumbered, R105's 编号 given to another item
 * (last year's R105 not found) and P206 reworded beside a near twin made of P201 (ambiguous).
 */
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const ws = wb.getWorksheet("责任分工表");
  if (!ws) throw new Error("no 责任分工表");
  const later = (v: ExcelJS.CellValue): ExcelJS.CellValue =>
    v instanceof Date
      ? new Date(v.getTime() + 365 * DAY)
      : typeof v === "number"
        ? v + 365
        : typeof v === "string"
          ? v.replace(/2026/g, "2027")
          : v;
  for (const address of ["A1", "A2"]) ws.getCell(address).value = later(ws.getCell(address).value);
  for (let r = 4; r <= 20; r++)
    for (const c of ["M", "N", "O"]) ws.getCell(`${c}${r}`).value = later(ws.getCell(`${c}${r}`).value);
  ws.getCell("D5").value = "关于深入推进殡葬服务移风易俗工作的建议";
  ws.getCell("B8").value = "P303";
  ws.getCell("D14").value = "关于加强未成年人网络保护的建议";
  ws.getCell("B17").value = "P306";
  ws.getCell("D17").value = "关于加强城乡社区治理工作的提案";
  ws.getCell("B6").value = "P311";
  ws.getCell("D6").value = "关于加强城乡社区治理能力的提案";
  ws.getCell("F6").value = "社区治理";
  writeFileSync(thisYear, Buffer.from(await wb.xlsx.writeBuffer()));
});

type Json = Record<string, any>;

describe("ledger compare", () => {
  it("prints the JSON contract: both files and years, the figures, and last year's items by outcome", () => {
    const run = ledger("compare", SAMPLE, thisYear, "--today", "2027-12-31", "--json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    expect(Object.keys(json).slice(0, 6)).toEqual([
      "last",
      "current",
      "figures",
      "followUp",
      "ambiguous",
      "unmatched",
    ]);
    expect(json.last).toEqual({ file: SAMPLE, year: 2026 });
    expect(json.current).toEqual({ file: thisYear, year: 2027 });
    const keys = (json.figures as Json[]).map((f) => f.key);
    expect(keys.slice(0, 10)).toEqual([
      "total",
      "replyRate",
      "onTimeReplyRate",
      "satisfactionRate",
      "resultA",
      "resultB",
      "resultC",
      "shareA",
      "shareB",
      "shareC",
    ]);
    expect(json.figures[0]).toEqual({ key: "total", unit: "count", last: 16, current: 16, change: 0 });
    expect((json.figures as Json[]).find((f) => f.key === "replyRate")).toMatchObject({
      unit: "rate",
      change: 0,
    });
    expect((json.figures as Json[]).find((f) => f.topic === "殡葬改革")).toMatchObject({
      last: 3,
      current: 2,
      change: -1,
    });

    // Every one of last year's 8 items once: found, to check or not found.
    const ids = (list: Json[]): string[] => list.map((i) => `${i.last.id}@${i.last.row}`);
    expect(ids(json.followUp)).toEqual(["R102@5", "P203@8", "R104@10", "R106@15", "R106@16", "P207@18"]);
    expect(ids(json.ambiguous)).toEqual(["P206@17"]);
    expect(ids(json.unmatched)).toEqual(["R105@14"]);
    const r102 = (json.followUp as Json[])[0];
    expect(Object.keys(r102 ?? {})).toEqual(["last", "reasons", "current", "similarity", "sameId", "score"]);
    expect(r102).toMatchObject({ reasons: ["planned"], sameId: true, similarity: 0.818, score: 1.018 });
    expect(r102?.current).toEqual({
      sheet: "责任分工表",
      row: 5,
      id: "R102",
      kind: "npc",
      title: "关于深入推进殡葬服务移风易俗工作的建议",
      department: "社会事务科",
      status: "replied",
      result: "B",
      repliedOn: "2027-06-05",
    });
    expect((json.followUp as Json[])[1]).toMatchObject({
      sameId: false,
      similarity: 1,
      current: { id: "P303" },
    });
    expect(json.ambiguous[0].candidates.map((c: Json) => [c.current.id, c.similarity])).toEqual([
      ["P311", 0.875],
      ["P306", 0.875],
    ]);
    expect(json.unmatched[0]).toEqual({
      last: expect.objectContaining({ id: "R105" }),
      reasons: ["unreplied"],
    });
    expect(json.paragraph).toMatch(/^对2026年度列入计划拟解决或拟采纳的3件、未办复的5件建议提案开展“回头看”/);
  });

  it("prints the side by side and the follow-up list in the user's language", () => {
    const zh = ledger("compare", SAMPLE, thisYear, "--today", "2027-12-31");
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain("上年度“回头看”：列入计划（B类）和未办复的 8 件");
    expect(zh.stdout).toMatch(/办复率\s+68\.8%\s+68\.8%\s+0个百分点/);
    expect(zh.stdout).toContain("[未找到] 第14行 R105 关于加强农村留守儿童关爱保护的建议（未办复）");
    expect(zh.stdout).toContain("? 第6行 P311 关于加强城乡社区治理能力的提案（标题相似度 0.88）");
    const en = ledger("compare", SAMPLE, thisYear, "--today", "2027-12-31", "--locale", "en");
    expect(en.stdout).toContain("found 6, not found 1, to check 1");
    expect(en.stdout).toMatch(/Reply rate\s+68\.8%\s+68\.8%\s+0 pp/);
    const tw = ledger("compare", SAMPLE, thisYear, "--today", "2027-12-31", "--locale", "zh-TW");
    // The words converted, the user's titles as written.
    expect(tw.stdout).toContain("[未找到] 第14行 R105 关于加强农村留守儿童关爱保护的建议（未辦復）");
  });

  it("names a file it cannot read and exits 2; one file is a usage error", () => {
    const missing = join(dir, "没有这个文件.xlsx");
    const run = ledger("compare", missing, thisYear, "--json");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `错误：${missing}：找不到文件：${missing}\nError: ${missing}: File not found: ${missing}\n`,
    );
    const one = ledger("compare", SAMPLE);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain("compare needs two ledger files");
  });
});
