import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** docs/ARCHITECTURE.md stays true: every folder of src/ has its entry, every file it names exists there. */
const ROOT = join(__dirname, "..", "..");
const doc = readFileSync(join(ROOT, "docs", "ARCHITECTURE.md"), "utf8");
const folders = doc.slice(doc.indexOf("## Folders"), doc.indexOf("## How one run goes"));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(ROOT, path)];
  });
}

describe("docs/ARCHITECTURE.md", () => {
  it("has an entry for every folder of src/", () => {
    const dirs = readdirSync(join(ROOT, "src")).filter((f) => statSync(join(ROOT, "src", f)).isDirectory());
    for (const f of dirs) expect([f, folders.includes(`- **\`src/${f}\`**`)]).toEqual([f, true]);
  });

  it("names only files that exist in the folder of their entry", () => {
    const missing: string[] = [];
    for (const entry of folders.split(/\n- \*\*`/).slice(1)) {
      const folder = entry.slice(0, entry.indexOf("`"));
      const files = filesUnder(join(ROOT, folder));
      for (const m of entry.matchAll(/`([\w/.-]+\.tsx?)`/g)) {
        const name = m[1] ?? "";
        const found = files.some((f) => f.endsWith(`/${name}`) || f === name);
        if (!found) missing.push(`${folder}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
