/**
 * The built command's entry (dist-cli/ledger.mjs: `npx ledger`, `npm run ledger`). It runs the bundled command
 * line, unless a source file the bundle was built from changed since the build (a working copy after an edit):
 * then src/cli/main.ts runs through tsx, so the command never runs code older than the tree. scripts/build-cli.ts
 * writes the list of sources beside the bundle (sources.json).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface Sources {
  /** When the build started (ms since the epoch): a source written after it is newer than the bundle. */
  builtAt: number;
  /** Every source file outside node_modules, relative to the project root. */
  files: string[];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** True when every source the bundle holds is still as built; a bundle without its sources (shipped alone) is. */
function fresh(): boolean {
  let sources: Sources;
  try {
    sources = JSON.parse(readFileSync(join(ROOT, "dist-cli", "sources.json"), "utf8")) as Sources;
  } catch {
    return true;
  }
  if (!existsSync(join(ROOT, "src"))) return true;
  // About 150 stat calls: a millisecond or two, against a second for tsx.
  return sources.files.every((file) => {
    try {
      return statSync(join(ROOT, file)).mtimeMs <= sources.builtAt;
    } catch {
      return false;
    }
  });
}

const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

if (fresh() || !existsSync(TSX)) {
  await import("./main");
} else {
  // Loaded here only: node's child_process (and the net and dgram it loads) is a few ms of every start.
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync(
    process.execPath,
    [TSX, join(ROOT, "src", "cli", "main.ts"), ...process.argv.slice(2)],
    {
      stdio: "inherit",
    },
  );
  process.exitCode = r.status ?? 1;
}
