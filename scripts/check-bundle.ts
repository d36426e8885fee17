/**
 * The end of `npm run build`: the gzip size of each page's initial scripts (the <script src> of its HTML, as
 * html-webpack-plugin wrote it, so every initial chunk counts) against its budget. Exits 1 past a budget.
 * Lazy chunks (the s2tw dictionaries, the docx library, the page's ExcelJS worker) load when needed and are
 * listed for information only. Usage: tsx scripts/check-bundle.ts [dist]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** KB of gzip (1 KB = 1024 bytes) a page's initial scripts may weigh (issue 13). */
const BUDGETS: Record<string, number> = {
  taskpane: 250,
  commands: 150,
  // The pane again, without Office (demo) or over a file (the page): the same budget as the pane.
  "taskpane-demo": 250,
  standalone: 250,
  notice: 10,
};

const dist = process.argv[2] ?? "dist";
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

let failed = false;
const initial = new Set<string>();
for (const [page, budget] of Object.entries(BUDGETS)) {
  const html = readFileSync(join(dist, `${page}.html`), "utf8");
  // Only the bundle's own scripts: office.js comes from Microsoft's CDN (or office-js/, copied as shipped).
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((m) => m[1] ?? "")
    .filter((src) => !/^(https?:)?\/\//.test(src) && !src.startsWith("office-js/"));
  scripts.forEach((s) => initial.add(s));
  const size = scripts.reduce((sum, s) => sum + gz(s), 0);
  const over = size > budget * 1024;
  failed ||= over;
  console.log(
    `${over ? "OVER" : "ok  "} ${page.padEnd(14)} ${kb(size).padStart(10)} / ${budget} KB  (${scripts.join(", ")})`,
  );
}
const lazy = readdirSync(dist).filter((f) => f.endsWith(".js") && !initial.has(f));
for (const f of lazy) console.log(`     lazy ${f.padEnd(22)} ${kb(gz(f)).padStart(10)}`);
if (failed) {
  console.error("A page's initial scripts are over budget (scripts/check-bundle.ts).");
  process.exit(1);
}
