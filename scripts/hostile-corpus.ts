/**
 * Writes the hostile corpus (test/helpers/hostileCorpus.ts) to a folder: one file per case, named
 * `<category>--<id>.<ext>`, and `corpus.json` with what each case is about and the outcome it must have.
 * Run: npx tsx scripts/hostile-corpus.ts [folder] (default /tmp/hostile-corpus).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HOSTILE_CASES } from "../test/helpers/hostileCorpus";

export function caseFile(c: { id: string; category: string; ext: string }): string {
  return `${c.category}--${c.id}.${c.ext}`;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? "/tmp/hostile-corpus";
  mkdirSync(dir, { recursive: true });
  const index: Record<string, unknown>[] = [];
  for (const c of HOSTILE_CASES) {
    const t0 = Date.now();
    const bytes = await c.make();
    const file = join(dir, caseFile(c));
    if (bytes === "directory") mkdirSync(file, { recursive: true });
    else writeFileSync(file, bytes);
    index.push({
      file: caseFile(c),
      category: c.category,
      about: c.about,
      expect: String(JSON.stringify(c.expect)),
    });
    process.stdout.write(
      `${caseFile(c)}  ${bytes === "directory" ? "dir" : bytes.length} bytes  ${Date.now() - t0} ms\n`,
    );
  }
  writeFileSync(join(dir, "corpus.json"), JSON.stringify(index, null, 2));
}

if (require.main === module) void main();
