/**
 * Benchmark: a generated ledger of N rows (default 20,000) through the engine and the .xlsx host.
 * Run: npm run bench -- [rows]; `npm run bench -- hostile [case]` runs the hostile corpus (scripts/bench-hostile.ts). Prints wall time and heap per phase; not part of the tests (docs/STYLE.md).
 */
import ExcelJS from "exceljs";
import { performance } from "node:perf_hooks";
import { loadXlsx, snapshotOf } from "../src/hosts/xlsx/workbook";
import { analyzeWorkbook } from "../src/core/analyze";
import { buildXlsx } from "../src/hosts/xlsx/build";
import { buildPlan } from "../src/core/plan/build";
import { chunkBlock, packBatches, type RowChunk } from "../src/hosts/excel/blocks";
import { APPLY_SYNCS } from "../src/hosts/excel/render";

const TOPICS = [
  "殡葬改革",
  "社会组织管理",
  "医疗救助",
  "养老服务体系建设",
  "地名管理",
  "留守儿童",
  "社区治理",
];
const DEPTS = [
  "社会事务科",
  "社会组织管理科",
  "养老服务科",
  "社会救助科",
  "儿童福利科",
  "区划地名科",
  "基层政权科",
];
const LEADERS = ["李副局长", "王副局长", "张副局长"];

async function generate(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("责任分工表");
  ws.addRow(["XX局年度建议提案责任分工表"]);
  ws.addRow([
    "序号",
    "编号",
    "类别",
    "案由",
    "主题",
    "办理类型",
    "分管领导",
    "承办科室",
    "承办人",
    "交办日期",
    "办理时限",
    "答复日期",
    "办理结果",
    "满意度",
  ]);
  for (let i = 0; i < rows; i++) {
    const replied = i % 4 !== 0;
    ws.addRow([
      i + 1,
      `${i % 2 ? "P" : "R"}${i + 1}`,
      i % 2 ? "政协提案" : "人大建议",
      `关于第${i + 1}项工作的建议`,
      TOPICS[i % TOPICS.length],
      i % 5 ? "主办" : "协办",
      LEADERS[i % LEADERS.length],
      DEPTS[i % DEPTS.length],
      `经办${i % 50}`,
      i % 3 ? new Date(Date.UTC(2025, 2, 1 + (i % 60))) : `2025年3月${1 + (i % 28)}日`,
      new Date(Date.UTC(2025, 5, 1 + (i % 60))),
      replied ? new Date(Date.UTC(2025, 4, 1 + (i % 60))) : null,
      replied ? ["A类", "B类", "C类"][i % 3] : null,
      replied ? ["满意", "基本满意", "不满意"][i % 7 === 0 ? 2 : i % 2] : null,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  if (process.argv[2] === "hostile") {
    const { benchHostile } = await import("./bench-hostile");
    return benchHostile(process.argv[3]);
  }
  const rows = Number(process.argv[2] ?? 20000);
  const input = await generate(rows);
  const t0 = performance.now();
  const wb = await loadXlsx(input);
  const snapshot = snapshotOf(wb);
  const t1 = performance.now();
  const outcome = analyzeWorkbook(snapshot, { asOf: "2025-12-31" });
  const t2 = performance.now();
  if (!outcome.ok) throw new Error(outcome.error.code);
  const built = await buildXlsx(input, { asOf: "2025-12-31" });
  const t3 = performance.now();
  if (!built.ok) throw new Error(built.error.code);
  console.log(
    `rows: ${rows} (${outcome.analysis.records.length} read, ${outcome.analysis.issues.length} issues)`,
  );
  console.log(`load + snapshot (ExcelJS): ${(t1 - t0).toFixed(0)} ms`);
  console.log(`analyze (engine only):     ${(t2 - t1).toFixed(0)} ms`);
  console.log(`full build to .xlsx:       ${(t3 - t2).toFixed(0)} ms (${mb(built.buffer.byteLength)} out)`);
  // What the Office.js host would send for the same plan: range writes, 2 MB batches, context.sync calls.
  const plan = buildPlan(snapshot, outcome.analysis);
  const batchesOf = (kind: "new" | "edit"): { chunks: RowChunk[]; batches: number } => {
    const chunks = plan.ops.flatMap((op) =>
      op.kind === kind ? op.blocks.flatMap((b) => chunkBlock(b)) : [],
    );
    return { chunks, batches: Math.max(1, packBatches(chunks).length) };
  };
  const fresh = batchesOf("new");
  const edit = batchesOf("edit");
  const writes = fresh.chunks.length + edit.chunks.length;
  const syncs = APPLY_SYNCS + fresh.batches - 1 + edit.batches - 1;
  console.log(`Office.js apply (plan):    ${writes} range writes, about ${syncs} context.sync calls`);
  console.log(
    `peak-ish heap used:        ${mb(process.memoryUsage().heapUsed)}, rss ${mb(process.memoryUsage().rss)}`,
  );
}

void main();
