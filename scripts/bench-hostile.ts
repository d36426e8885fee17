/**
 * The hostile corpus through the command line, one case at a time, with wall time and peak memory (max RSS,
 * from /usr/bin/time when present) for each: `npm run bench -- hostile`. Tests only assert that every case
 * finishes with its outcome (test/cli/hostile.test.ts); the figures are read here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HOSTILE_CASES } from "../test/helpers/hostileCorpus";

const ROOT = join(__dirname, "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const TIME = "/usr/bin/time";

export async function benchHostile(only?: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-bench-hostile-"));
  const timed = existsSync(TIME);
  if (!timed) console.log("(/usr/bin/time is not installed: peak memory not measured; apt-get install time)");
  console.log(`${"case".padEnd(34)} ${"category".padEnd(9)} exit  seconds  peak MB  outcome`);
  for (const c of HOSTILE_CASES) {
    if (only && !c.id.includes(only)) continue;
    const bytes = await c.make();
    const input = join(dir, `${c.id}.${c.ext}`);
    if (bytes === "directory") mkdirSync(input, { recursive: true });
    else writeFileSync(input, bytes);
    const args = [
      TSX,
      join(ROOT, "src", "cli", "main.ts"),
      "build",
      input,
      "--out",
      join(dir, `${c.id}.out.xlsx`),
    ];
    const t0 = Date.now();
    const r = timed
      ? spawnSync(TIME, ["-f", "%M", ...args], { encoding: "utf8", cwd: ROOT })
      : spawnSync(args[0] ?? TSX, args.slice(1), { encoding: "utf8", cwd: ROOT });
    const seconds = (Date.now() - t0) / 1000;
    const lines = r.stderr.trim().split("\n");
    const peak = timed ? Number(lines.pop()) / 1024 : NaN;
    const expected = c.expect.exit === 2 ? `refused (${c.expect.failure})` : "built";
    const ok = r.status === c.expect.exit ? "as expected" : `EXPECTED exit ${c.expect.exit}`;
    console.log(
      `${c.id.padEnd(34)} ${c.category.padEnd(9)} ${String(r.status).padEnd(5)} ${seconds.toFixed(1).padStart(7)}  ${Number.isNaN(peak) ? "     -" : peak.toFixed(0).padStart(7)}  ${expected}, ${ok}`,
    );
  }
}
