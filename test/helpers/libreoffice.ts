import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Path of soffice, or null when LibreOffice is not installed. */
export function sofficePath(): string | null {
  for (const p of [
    process.env.SOFFICE,
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/opt/libreoffice/program/soffice",
  ]) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

/**
 * describe when LibreOffice is installed. Without it: under CI=true a test that fails and says why,
 * elsewhere describe.skip with a console message saying why.
 */
export function describeWithLibreOffice(name: string, fn: () => void): void {
  if (sofficePath()) {
    describe(name, fn);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("needs LibreOffice (soffice)", () => {
        throw new Error(
          "LibreOffice (soffice) is not installed, and CI=true requires it: apt-get install libreoffice-calc-nogui",
        );
      });
    });
  } else {
    console.log(
      `Skipping "${name}": LibreOffice (soffice) is not installed (apt-get install libreoffice-calc-nogui).`,
    );
    describe.skip(name, fn);
  }
}

/**
 * Opens an .xlsx in headless LibreOffice with its own throw-away profile and converts it (LibreOffice
 * recalculates on load), returning the converted file's bytes.
 */
export async function convertWithLibreOffice(
  input: Uint8Array,
  to: "xlsx" | "pdf" = "xlsx",
  filter?: string,
): Promise<Buffer> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = await mkdtemp(join(tmpdir(), "ledger-lo-"));
  try {
    const src = join(dir, "in.xlsx");
    await writeFile(src, input);
    const outDir = join(dir, "out");
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--norestore",
        "--convert-to",
        filter ? `${to}:${filter}` : to,
        "--outdir",
        outDir,
        src,
      ],
      { timeout: 120_000 },
    );
    return await readFile(join(outDir, `in.${to}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Converts several .xlsx files in one LibreOffice run (one start-up instead of one per file): each is
 * recalculated on load and written back as .xlsx. Returns the converted bytes by input name.
 */
export async function convertManyWithLibreOffice(
  inputs: { name: string; bytes: Uint8Array }[],
): Promise<Map<string, Buffer>> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = await mkdtemp(join(tmpdir(), "ledger-lo-"));
  try {
    const srcs: string[] = [];
    for (const { name, bytes } of inputs) {
      const src = join(dir, `${name}.xlsx`);
      await writeFile(src, bytes);
      srcs.push(src);
    }
    const outDir = join(dir, "out");
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        outDir,
        ...srcs,
      ],
      { timeout: 300_000 },
    );
    const out = new Map<string, Buffer>();
    for (const { name } of inputs) out.set(name, await readFile(join(outDir, `${name}.xlsx`)));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
