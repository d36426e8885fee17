/**
 * Builds the command line into dist-cli/ (`npm run build:cli`, and `prepare` at `npm ci`): one minified ES
 * module bundle, src/cli/bin.ts as dist-cli/ledger.mjs (package.json `bin`, so `npx ledger …`), what only one
 * command needs (the .xlsx build, the docx report, opencc's traditional dictionaries) in chunks loaded on demand.
 * Start-up is what this buys: tsx compiles every source at each run (about 1.6 s for `analyze` on 10 rows),
 * the bundle starts in a fraction of that (figures: `npm run bench`).
 */
import { build, type Plugin } from "esbuild";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "dist-cli");
const ENTRY = join(OUT, "ledger.mjs");

/**
 * ExcelJS's main module loads its streaming reader and writer (unzipper, archiver …) and the workbook loads its
 * CSV support (fast-csv, dayjs) at require time; the command line uses neither. The bundle gets an `exceljs`
 * with the same API whose streaming and CSV parts are required from node_modules on first use, outside the
 * bundle: not parsed nor run at each start (about 40 ms and 400 KB less).
 */
const lazyExcelJs: Plugin = {
  name: "lazy-exceljs",
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: "exceljs", namespace: "lazy-exceljs" }));
    b.onResolve({ filter: /^\.\.\/csv\/csv$/ }, (args) =>
      /exceljs[\\/]lib[\\/]doc[\\/]workbook\.js$/.test(args.importer)
        ? { path: "csv", namespace: "lazy-exceljs" }
        : undefined,
    );
    b.onResolve({ filter: /^exceljs\/lib\/(exceljs\.nodejs|csv\/csv)\.js$/ }, (args) =>
      args.namespace === "lazy-exceljs" ? { path: args.path, external: true } : undefined,
    );
    b.onLoad({ filter: /^exceljs$/, namespace: "lazy-exceljs" }, () => ({
      resolveDir: ROOT,
      loader: "js",
      contents: `module.exports = {
        Workbook: require("exceljs/lib/doc/workbook"),
        ...require("exceljs/lib/doc/enums"),
        get ModelContainer() { return require("exceljs/lib/doc/modelcontainer"); },
        get stream() { return require("exceljs/lib/exceljs.nodejs.js").stream; },
      };`,
    }));
    b.onLoad({ filter: /^csv$/, namespace: "lazy-exceljs" }, () => ({
      resolveDir: ROOT,
      loader: "js",
      // Workbook#csv does `new CSV(this)`: a constructor returning an object makes `new` give that object.
      contents: `module.exports = function CSV(workbook) {
        const Csv = require("exceljs/lib/csv/csv.js");
        return new Csv(workbook);
      };`,
    }));
  },
};

async function main(): Promise<void> {
  const builtAt = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  const result = await build({
    entryPoints: { ledger: join(ROOT, "src", "cli", "bin.ts") },
    outdir: OUT,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    splitting: true,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    // `npm run build:cli -- --no-minify` keeps names readable for `node --cpu-prof`.
    minify: !process.argv.includes("--no-minify"),
    metafile: true,
    logLevel: "warning",
    // The CommonJS libraries (ExcelJS, JSZip …) call require() for Node's own modules; an ES module has none.
    banner: {
      js: 'import { createRequire as __ledgerRequire } from "node:module"; const require = __ledgerRequire(import.meta.url);',
    },
    plugins: [lazyExcelJs],
  });
  const files = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes(":") && !input.includes("node_modules/"))
    .map((input) => relative(ROOT, join(process.cwd(), input)).split("\\").join("/"))
    .sort();
  if (process.env.LEDGER_CLI_META)
    writeFileSync(process.env.LEDGER_CLI_META, JSON.stringify(result.metafile));
  writeFileSync(join(OUT, "sources.json"), `${JSON.stringify({ builtAt, files }, null, 1)}\n`);
  writeFileSync(ENTRY, `#!/usr/bin/env node\n${readFileSync(ENTRY, "utf8")}`);
  chmodSync(ENTRY, 0o755);
  const bytes = Object.entries(result.metafile.outputs).reduce((sum, [, o]) => sum + o.bytes, 0);
  console.log(
    `dist-cli/ledger.mjs: ${files.length} sources, ${(bytes / 1024).toFixed(0)} KB with its chunks`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
