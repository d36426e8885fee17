import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const BUILT = join(ROOT, "dist-cli", "ledger.mjs");

/**
 * The command line as the tests run it: the built command (dist-cli/ledger.mjs, what `npx ledger` and
 * `npm run ledger` run) when it is there — it runs src/ through tsx itself when a source changed since its
 * build, so a test never checks stale code — else src/cli/main.ts through tsx.
 */
export function ledgerCommand(args: readonly string[]): [string, string[]] {
  return existsSync(BUILT)
    ? [process.execPath, [BUILT, ...args]]
    : [join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "src", "cli", "main.ts"), ...args]];
}
