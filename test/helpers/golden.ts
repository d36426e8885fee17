import * as fs from "fs";
import * as path from "path";

const GOLDEN_DIR = path.join(__dirname, "..", "golden", "report");

/**
 * Compares with test/golden/report/<name>.txt. A missing or empty file is written from the actual output and
 * printed for review (paste-and-check, docs/STYLE.md); under CI=true that is a failure instead.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, `${name}.txt`);
  const expected = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (expected.trim() === "") {
    if (process.env.CI === "true") throw new Error(`Golden file ${file} is missing or empty`);
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, `${actual}\n`);
    console.log(`Wrote ${file} – review it:\n${actual}`);
    return;
  }
  expect(`${actual}\n`).toBe(expected);
}
