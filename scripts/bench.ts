/**
 * Benchmark, printed as tables beside each goal (not part of the tests: docs/STYLE.md).
 *   npm run bench                          1,000, 5,000, 20,000 and 50,000 rows (ten minutes or so)
 *   npm run bench -- --rows 1000,5000      the sizes asked for
 *   npm run bench -- engine [--rows …]     the engine alone
 *   npm run bench -- page [--rows …]       the standalone page in Chromium alone
 *   npm run bench -- hostile [case]        the hostile corpus through the command line (scripts/bench-hostile.ts)
 * Whole processes (the built command, dist-cli/, rebuilt first when missing or older than src/) are timed from
 * spawn to exit, peak memory is the child's own maximum RSS (process.resourceUsage at exit), and each figure is
 * the median of 3 runs after a warm-up run. The floors are what ExcelJS alone needs for the same file, bundled
 * the same way, so a ratio is the cost of the tool over the library it stands on.
 */
import ExcelJS from "exceljs";
import { generatedLedger } from "../test/helpers/generatedLedger";
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { loadXlsx, snapshotOf } from "../src/hosts/xlsx/workbook";
import { analyzeWorkbook } from "../src/core/analyze";
import { buildPlan } from "../src/core/plan/build";
import { chunkBlock, packBatches, type RowChunk } from "../src/hosts/excel/blocks";
import { APPLY_SYNCS } from "../src/hosts/excel/render";

const ROOT = join(__dirname, "..");
const AS_OF = "2025-12-31";
const DEFAULT_ROWS = [1000, 5000, 20000, 50000];
/** Whole-process runs per figure, after one warm-up run (the median of 3). */
const RUNS = 3;

/** A generated ledger of `rows` rows (test/helpers/generatedLedger.ts: the same grid the Office.js fake tests use). */
export async function generate(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = generatedLedger(rows);
  const ws = wb.addWorksheet(sheet.name);
  for (const row of sheet.rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Writes the child's peak RSS (kB) and CPU time (µs) where BENCH_USAGE says, at exit: preloaded into every process timed. */
const PRELOAD = `process.on("exit", () => {
  const u = process.resourceUsage();
  require("fs").writeFileSync(process.env.BENCH_USAGE, JSON.stringify([u.maxRSS, u.userCPUTime + u.systemCPUTime]));
});`;

/**
 * The floors, one process each: ExcelJS's streaming reader over every row of the file (what analyze cannot do
 * with less), and ExcelJS reading the whole workbook then writing it back (what build cannot do with less).
 */
const FLOOR = `
const ExcelJS = require("exceljs");
async function main([mode, file, out]) {
  if (mode === "read") {
    let rows = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit" });
    for await (const sheet of reader) for await (const row of sheet) rows += row.values.length > 0 ? 1 : 0;
    if (rows === 0) process.exitCode = 1;
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    await wb.xlsx.writeFile(out);
  }
}
main(process.argv.slice(2));
`;

interface Run {
  ms: number;
  /** User + system CPU time: what a busy machine inflates far less than wall time. */
  cpuMs: number;
  rssMb: number;
}

/** Each figure's median over the runs. */
function medianRun(runs: Run[]): Run {
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssMb: median(runs.map((r) => r.rssMb)),
  };
}

class Bench {
  readonly dir = mkdtempSync(join(tmpdir(), "ledger-bench-"));
  readonly preload = join(this.dir, "rss.cjs");
  readonly floor = join(this.dir, "floor.cjs");
  /** A copy of dist-cli/ taken at the start: an edit or a rebuild during the run changes nothing timed. */
  readonly cli = join(this.dir, "dist-cli", "ledger.mjs");

  async setUp(): Promise<void> {
    writeFileSync(this.preload, PRELOAD);
    await build({
      stdin: { contents: FLOOR, resolveDir: ROOT, loader: "js" },
      bundle: true,
      platform: "node",
      target: "node20",
      minify: true,
      outfile: this.floor,
      logLevel: "error",
    });
    if (!cliFresh()) {
      console.log("(dist-cli/ is missing or older than src/: npm run build:cli)");
      const r = spawnSync("npm", ["run", "--silent", "build:cli"], { cwd: ROOT, stdio: "inherit" });
      if (r.status !== 0) throw new Error("npm run build:cli failed");
    }
    // Without src/ beside it the copy runs its bundle as is; node_modules for what it loads on demand.
    cpSync(join(ROOT, "dist-cli"), join(this.dir, "dist-cli"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(this.dir, "node_modules"));
  }

  /** One whole process: wall time from spawn to exit, and its peak RSS. */
  once(args: string[]): Run {
    const usageFile = join(this.dir, "usage.json");
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--require", this.preload, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_USAGE: usageFile },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    const ms = performance.now() - t0;
    if (r.status !== 0 && !args.includes("--help")) {
      throw new Error(`${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
    }
    const [rssKb, cpuUs] = JSON.parse(readFileSync(usageFile, "utf8")) as [number, number];
    return { ms, cpuMs: cpuUs / 1000, rssMb: rssKb / 1024 };
  }

  /** Medians of RUNS runs of each command, after a warm-up of each, the commands taking turns. */
  compare(commands: string[][], runs = RUNS): Run[] {
    return this.runs(commands, runs).map(medianRun);
  }

  /**
   * A command against its floor, taking turns: the medians of each, and the median of each turn's own ratio
   * (the two run back to back, so a machine that slows down for a while slows both).
   */
  paired(tool: string[], floor: string[], runs: number): { tool: Run; floor: Run; ratio: Run } {
    const [ours = [], theirs = []] = this.runs([tool, floor], runs);
    const each = ours.flatMap((r, i) => {
      const f = theirs[i];
      return f ? [{ ms: r.ms / f.ms, cpuMs: r.cpuMs / f.cpuMs, rssMb: r.rssMb / f.rssMb }] : [];
    });
    return { tool: medianRun(ours), floor: medianRun(theirs), ratio: medianRun(each) };
  }

  private runs(commands: string[][], runs: number): Run[][] {
    for (const c of commands) this.once(c);
    const all: Run[][] = commands.map(() => []);
    for (let i = 0; i < runs; i++) commands.forEach((c, k) => all[k]?.push(this.once(c)));
    return all;
  }

  async file(rows: number): Promise<string> {
    const path = join(this.dir, `ledger-${rows}.xlsx`);
    if (!existsSync(path)) writeFileSync(path, await generate(rows));
    return path;
  }
}

/** As src/cli/bin.ts decides: every source the bundle was built from is older than the build. */
function cliFresh(): boolean {
  try {
    const s = JSON.parse(readFileSync(join(ROOT, "dist-cli", "sources.json"), "utf8")) as {
      builtAt: number;
      files: string[];
    };
    return (
      existsSync(join(ROOT, "dist-cli", "ledger.mjs")) &&
      s.files.every((f) => statSync(join(ROOT, f)).mtimeMs <= s.builtAt)
    );
  } catch {
    return false;
  }
}

type Cell = string | number;
function table(title: string, head: string[], rows: Cell[][]): void {
  const text = [head, ...rows].map((r) => r.map((c) => (typeof c === "number" ? c.toFixed(0) : c)));
  const widths = head.map((_, k) => Math.max(...text.map((r) => [...(r[k] ?? "")].length)));
  const line = (r: string[]) =>
    r.map((c, k) => (k === 0 ? c.padEnd(widths[k] ?? 0) : c.padStart(widths[k] ?? 0))).join("  ");
  console.log(`\n${title}`);
  console.log(line(text[0] ?? []));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of text.slice(1)) console.log(line(r));
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const verdict = (value: number, goal: number): string => (value <= goal ? "ok" : "OVER");

/** One line of a tool-against-floor table: time, CPU time and peak memory, each with its ratio and goal. */
function against(
  label: string,
  { tool, floor, ratio: r }: { tool: Run; floor: Run; ratio: Run },
  timeGoal: number,
): Cell[] {
  const times = (x: number): string => `${x.toFixed(2)}×`;
  return [label, tool.ms, floor.ms, times(r.ms), times(timeGoal), verdict(r.ms, timeGoal)]
    .concat([tool.cpuMs, floor.cpuMs, times(r.cpuMs)])
    .concat([tool.rssMb, floor.rssMb, times(r.rssMb), "1.50×", verdict(r.rssMb, 1.5)]);
}

/** Runs of each whole process: more where a run is short, as a busy machine's noise weighs more there. */
const processRuns = (rows: number): number => (rows <= 20_000 ? 5 : RUNS);

async function processes(bench: Bench, sizes: number[]): Promise<void> {
  const rows: Cell[][] = [];
  for (const n of sizes) {
    const file = await bench.file(n);
    const runs = processRuns(n);
    const analyze = bench.paired(
      [bench.cli, "analyze", file, "--today", AS_OF, "--json"],
      [bench.floor, "read", file],
      runs,
    );
    const built = bench.paired(
      [bench.cli, "build", file, "-o", join(bench.dir, `built-${n}.xlsx`), "--today", AS_OF],
      [bench.floor, "readwrite", file, join(bench.dir, `floor-${n}.xlsx`)],
      runs,
    );
    rows.push(against(`${n} analyze`, analyze, 1.2), against(`${n} build`, built, 1.3));
  }
  table(
    `Whole processes (medians of 5 runs, 3 past 20,000 rows, each taking turns with its floor; ratio: the median of each turn's own; floor: analyze = ExcelJS streaming read of every row, build = ExcelJS read + write)`,
    [
      "rows command",
      "ms",
      "floor",
      "ratio",
      "goal",
      "",
      "cpu ms",
      "floor",
      "ratio",
      "MB",
      "floor",
      "ratio",
      "goal",
      "",
    ],
    rows,
  );
}

/** Least squares y = a + b·x over the points, and R². */
function fit(points: [number, number][]): { slope: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const ssRes = points.reduce((s, [x, y]) => s + (y - (my + slope * (x - mx))) ** 2, 0);
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return { slope, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/**
 * The engine timed as it ships: bundled by esbuild like dist-cli (under tsx the same code runs two to three times
 * slower), in a child process: analyzeWorkbook on the snapshot of each file, median of 7 after 3 warm-ups.
 */
const ENGINE_PROBE = `
const { readFileSync } = require("node:fs");
const { loadXlsx, snapshotOf } = require("./src/hosts/xlsx/workbook");
const { analyzeWorkbook } = require("./src/core/analyze");
(async () => {
  const out = [];
  for (const file of process.argv.slice(3)) {
    const snapshot = snapshotOf(await loadXlsx(readFileSync(file)));
    // The load's garbage (a whole ExcelJS workbook) is collected before the engine is timed, not during it.
    global.gc();
    const time = () => {
      const t0 = performance.now(), c0 = process.cpuUsage();
      const outcome = analyzeWorkbook(snapshot, { asOf: process.argv[2] });
      if (!outcome.ok) throw new Error(outcome.error.code);
      const c = process.cpuUsage(c0);
      return [performance.now() - t0, (c.user + c.system) / 1000];
    };
    for (let i = 0; i < 3; i++) time();
    out.push(Array.from({ length: 7 }, time));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

async function engine(bench: Bench, sizes: number[]): Promise<void> {
  const counts = [...new Set([...sizes, 10000])].sort((a, b) => a - b);
  const probe = join(bench.dir, "engine-probe.cjs");
  await build({
    stdin: { contents: ENGINE_PROBE, resolveDir: ROOT, loader: "js" },
    bundle: true,
    platform: "node",
    target: "node20",
    minify: true,
    outfile: probe,
    logLevel: "error",
  });
  const files = await Promise.all(counts.map((n) => bench.file(n)));
  const r = spawnSync(process.execPath, ["--expose-gc", probe, AS_OF, ...files], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`engine probe failed: ${r.stderr}`);
  const timings = JSON.parse(r.stdout) as [number, number][][];
  const rows: Cell[][] = [];
  const points: [number, number][] = [];
  counts.forEach((n, i) => {
    const runs = timings[i] ?? [];
    const [ms, cpuMs] = [median(runs.map((x) => x[0])), median(runs.map((x) => x[1]))];
    points.push([n / 1000, ms]);
    const goal = n === 10000 ? ["50", verdict(ms, 50)] : ["", ""];
    rows.push([n, ms.toFixed(1), cpuMs.toFixed(1), ...goal]);
  });
  const { slope, r2 } = fit(points);
  rows.push([`linear fit`, `${slope.toFixed(2)} ms / 1k rows`, `R² ${r2.toFixed(3)}`, "", ""]);
  table(
    "Engine alone, warm, bundled as it ships (analyzeWorkbook, median of 7, a child process)",
    ["rows", "ms", "cpu ms", "goal", ""],
    rows,
  );
}

async function startUp(bench: Bench): Promise<void> {
  const file = await bench.file(10);
  const runs = 5;
  const [analyze, help, node] = bench.compare(
    [
      [bench.cli, "analyze", file, "--today", AS_OF],
      [bench.cli, "--help"],
      ["-e", "0"],
    ],
    runs,
  );
  if (!analyze || !help || !node) return;
  table(
    `Start-up (median of ${runs}; the built command, without npm's or npx's own start, about 0.1 to 0.4 s more)`,
    ["command", "ms", "over node -e 0", "goal", "", "cpu ms", "MB"],
    [
      ["ledger analyze (10 rows)", analyze.ms, analyze.ms - node.ms, "400", verdict(analyze.ms, 400)].concat([
        analyze.cpuMs,
        analyze.rssMb,
      ]),
      ["ledger --help", help.ms, help.ms - node.ms, "", "", help.cpuMs, help.rssMb],
      ["node -e 0", node.ms, 0, "", "", node.cpuMs, node.rssMb],
    ],
  );
}

/** The initial scripts of a page (its <script src> tags, webpack's initial chunks), gzipped. */
function initialGzip(html: string): { files: string[]; bytes: number } {
  const page = readFileSync(join(ROOT, "dist", html), "utf8");
  const files = [...page.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)]
    .map((m) => m[1] ?? "")
    .filter((src) => !/^[a-z]+:\/\//i.test(src) && existsSync(join(ROOT, "dist", src)));
  const bytes = files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(ROOT, "dist", f)), { level: 9 }).length,
    0,
  );
  return { files, bytes };
}

function bundles(): void {
  const dist = join(ROOT, "dist");
  if (!existsSync(dist)) {
    console.log("\nBundles: no dist/ (npm run build)");
    return;
  }
  const check = join(ROOT, "scripts", "check-bundle.ts");
  if (existsSync(check)) {
    // The build's own check (the end of `npm run build`), so the bench and the build never disagree.
    const built = statSync(dist).mtime.toISOString().slice(0, 16).replace("T", " ");
    console.log(
      `\nBundles (dist/ of ${built}; scripts/check-bundle.ts: gzip of each page's initial scripts)`,
    );
    const tsx = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    spawnSync(process.execPath, [tsx, check, dist], { cwd: ROOT, stdio: "inherit" });
    return;
  }
  const rows: Cell[][] = [];
  for (const [html, budget] of [
    ["taskpane.html", 250],
    ["commands.html", 150],
    ["standalone.html", 0],
    ["taskpane-demo.html", 0],
  ] as const) {
    if (!existsSync(join(dist, html))) continue;
    const { files, bytes } = initialGzip(html);
    const kb = bytes / 1024;
    rows.push([html, files.join(" "), kb, budget || "", budget ? verdict(kb, budget) : ""]);
  }
  const built = statSync(dist).mtime.toISOString().slice(0, 16).replace("T", " ");
  const others = readdirSync(dist).filter((f) => f.endsWith(".js")).length;
  table(
    `Bundles (dist/ of ${built}, ${others} scripts; gzip of each page's initial scripts)`,
    ["page", "initial scripts", "KB gz", "budget", ""],
    rows,
  );
}

/** What the Office.js host sends for the same plan: range writes, 2 MB batches, context.sync calls. */
async function officeJs(bench: Bench, rows: number): Promise<void> {
  const snapshot = snapshotOf(await loadXlsx(readFileSync(await bench.file(rows))));
  const outcome = analyzeWorkbook(snapshot, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(outcome.error.code);
  const plan = buildPlan(snapshot, outcome.analysis);
  const batchesOf = (kind: "new" | "edit") => {
    const chunks: RowChunk[] = plan.ops.flatMap((op) =>
      op.kind === kind ? op.blocks.flatMap((b) => chunkBlock(b)) : [],
    );
    const batches = packBatches(chunks);
    const largest = Math.max(0, ...batches.map((b) => b.reduce((s, c) => s + c.bytes, 0)));
    return { chunks: chunks.length, batches: Math.max(1, batches.length), largest };
  };
  const fresh = batchesOf("new");
  const edit = batchesOf("edit");
  const syncs = APPLY_SYNCS + fresh.batches - 1 + edit.batches - 1;
  table(
    `Office.js apply of the plan at ${rows} rows (estimated from the plan's value writes)`,
    ["range writes", "context.sync calls", "largest request MB", "limit MB"],
    [
      [
        fresh.chunks + edit.chunks,
        syncs,
        (Math.max(fresh.largest, edit.largest) / 1024 / 1024).toFixed(2),
        "2",
      ],
    ],
  );
}

function sizesFrom(argv: string[]): number[] {
  const at = argv.indexOf("--rows");
  if (at < 0) return DEFAULT_ROWS;
  const sizes = (argv[at + 1] ?? "").split(",").map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error("--rows takes whole numbers separated by commas: --rows 1000,5000");
  }
  return sizes;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "hostile") {
    const { benchHostile } = await import("./bench-hostile");
    return benchHostile(argv[1]);
  }
  const sizes = sizesFrom(argv);
  const bench = new Bench();
  try {
    await bench.setUp();
    await run(bench, argv, sizes);
  } finally {
    // The generated ledgers, the floor's outputs and the copy of dist-cli/ (a 50,000-row run leaves ~100 MB).
    rmSync(bench.dir, { recursive: true, force: true });
  }
}

async function run(bench: Bench, argv: string[], sizes: number[]): Promise<void> {
  if (argv[0] === "engine") return engine(bench, sizes);
  if (argv[0] === "page") return page(bench, sizes);
  console.log(`Proposal Ledger bench: ${sizes.join(", ")} rows; node ${process.version}`);
  const load = loadavg()[0] ?? 0;
  if (load > cpus().length * 0.75) {
    console.log(
      `(busy machine: load ${load.toFixed(1)} on ${cpus().length} cores; cpu ms holds better than ms)`,
    );
  }
  await startUp(bench);
  await processes(bench, sizes);
  await engine(bench, sizes);
  await officeJs(bench, 20000);
  bundles();
  await page(bench, sizes);
}

/**
 * The standalone page in Chromium: from a file chosen to its figures shown, against the worker's ExcelJS load of
 * the same file (its stage 读取, between the User Timing marks workerHost.ts sets: ledger:read → ledger:analyse).
 */
async function page(bench: Bench, sizes: number[]): Promise<void> {
  const { CHROMIUM, DIST, startSession } = await import("../test/e2e/harness");
  if (!existsSync(CHROMIUM) || !existsSync(join(DIST, "standalone.html"))) {
    console.log(`\nStandalone page: skipped (needs ${CHROMIUM} and dist/ from npm run build)`);
    return;
  }
  const session = await startSession();
  const rows: Cell[][] = [];
  try {
    for (const n of sizes) {
      const file = await bench.file(n);
      const runs: { figures: number; load: number }[] = [];
      for (let k = 0; k < RUNS; k++) {
        const context = await session.browser.newContext({ locale: "zh-CN" });
        const tab = await context.newPage();
        // As a user would: the page and what it loads ahead (the engine, the worker) settled before the file is chosen.
        await tab.goto(`${session.server.origin}/standalone.html`, { waitUntil: "networkidle" });
        // As text: tsx would rename a `performance` in a function (bench.ts imports node's own).
        // When the figures' heading enters the page (Playwright's own polling would add up to half a second).
        await tab.evaluate(`window.figuresShown = new Promise((resolve) => {
          const seen = new MutationObserver(() => {
            if (!document.getElementById("figures-heading")) return;
            seen.disconnect();
            resolve(performance.now());
          });
          seen.observe(document.body, { childList: true, subtree: true });
        }); undefined`);
        const start = (await tab.evaluate("performance.now()")) as number;
        await tab.locator('input[type="file"]').setInputFiles(file);
        await tab.getByRole("region", { name: "主要数字" }).waitFor({ timeout: 10 * 60_000 });
        const shown = (await tab.evaluate("window.figuresShown")) as number;
        const marks = (await tab.evaluate(
          "performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])",
        )) as [string, number][];
        const at = (name: string) => marks.find(([mark]) => mark === name)?.[1];
        const read = at("ledger:read");
        const analyse = at("ledger:analyse");
        if (read !== undefined && analyse !== undefined)
          runs.push({ figures: shown - start, load: analyse - read });
        await context.close();
      }
      if (runs.length === 0) continue;
      const figures = median(runs.map((r) => r.figures));
      const load = median(runs.map((r) => r.load));
      rows.push([n, figures, load, ratio(figures, load), "1.50×", verdict(figures / load, 1.5)]);
    }
  } finally {
    await session.close();
  }
  table(
    `Standalone page in Chromium (median of ${RUNS}; floor: the worker's ExcelJS load of the file)`,
    ["rows", "file → figures ms", "worker load ms", "ratio", "goal", ""],
    rows,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
