import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
 * Whether LibreOffice has Writer (Debian packages it apart from Calc: libreoffice-writer-nogui): its library
 * beside soffice in the program folder.
 */
export function libreOfficeHasWriter(): boolean {
  const soffice = sofficePath();
  return soffice !== null && existsSync(join(dirname(realpathSync(soffice)), "libswlo.so"));
}

/**
 * describe when LibreOffice (with Calc, or with `app`) is installed. Without it: under CI=true a test that
 * fails and says why, elsewhere describe.skip with a console message saying why.
 */
export function describeWithLibreOffice(name: string, fn: () => void, app: "calc" | "writer" = "calc"): void {
  const pkg = `libreoffice-${app}-nogui`;
  // Calc as before: soffice alone (a Windows or macOS install has no libsclo.so to look for).
  const present = app === "calc" ? sofficePath() !== null : libreOfficeHasWriter();
  if (present) {
    describe(name, fn);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it(`needs LibreOffice (soffice) with ${app === "calc" ? "Calc" : "Writer"}`, () => {
        throw new Error(
          `LibreOffice ${app} is not installed, and CI=true requires it: apt-get install ${pkg}`,
        );
      });
    });
  } else {
    console.log(`Skipping "${name}": LibreOffice ${app} is not installed (apt-get install ${pkg}).`);
    describe.skip(name, fn);
  }
}

/**
 * Opens an .xlsx (or, with `from`, a .docx) in headless LibreOffice with its own throw-away profile and converts
 * it (LibreOffice recalculates on load), returning the converted file's bytes.
 */
export async function convertWithLibreOffice(
  input: Uint8Array,
  to: "xlsx" | "pdf" = "xlsx",
  filter?: string,
  from: "xlsx" | "docx" = "xlsx",
): Promise<Buffer> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = await mkdtemp(join(tmpdir(), "ledger-lo-"));
  try {
    // The extension tells LibreOffice which application (Calc or Writer) opens the file.
    const src = join(dir, `in.${from}`);
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

/**
 * The package with only `sheet` visible and active, everything else byte for byte: LibreOffice prints the
 * visible sheets, so its PDF is then that sheet's pages alone (manual page breaks and page setup untouched).
 */
export async function onlySheetVisible(bytes: Uint8Array, sheet: string): Promise<Uint8Array> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file("xl/workbook.xml");
  if (!file) throw new Error("no xl/workbook.xml");
  let index = -1;
  let n = 0;
  const xml = (await file.async("string"))
    .replace(/<sheet\b[^>]*\/>/g, (tag) => {
      const name = /\bname="([^"]*)"/.exec(tag)?.[1] ?? "";
      const state = name === sheet.replace(/&/g, "&amp;") ? "visible" : "hidden";
      if (state === "visible") index = n;
      n++;
      return / state="[^"]*"/.test(tag)
        ? tag.replace(/ state="[^"]*"/, ` state="${state}"`)
        : tag.replace("<sheet ", `<sheet state="${state}" `);
    })
    .replace(/ activeTab="\d+"/g, "")
    .replace(/<workbookView\b/, (t) => `${t} activeTab="${index}"`);
  if (index < 0) throw new Error(`no sheet ${sheet}`);
  zip.file("xl/workbook.xml", xml);
  return zip.generateAsync({ type: "uint8array" });
}

/** Path of pdftotext (poppler), or null. */
export function pdftotextPath(): string | null {
  for (const p of ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]) if (existsSync(p)) return p;
  return null;
}

/** The text of each page of a PDF (pdftotext, pages split at form feeds). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const tool = pdftotextPath();
  if (!tool) throw new Error("pdftotext (poppler-utils) is not installed");
  const dir = await mkdtemp(join(tmpdir(), "ledger-pdf-"));
  try {
    await writeFile(join(dir, "in.pdf"), pdf);
    const { stdout } = await run(tool, ["-layout", join(dir, "in.pdf"), "-"], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const pages = stdout.split("\f");
    if (pages.at(-1)?.trim() === "") pages.pop();
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The text of each page of a PDF, or null when pdftotext is missing outside CI (said on the console); under
 * CI=true a missing pdftotext fails the test.
 */
export async function pdfPagesOrSkip(pdf: Uint8Array): Promise<string[] | null> {
  if (pdftotextPath() === null) {
    if (process.env.CI === "true") throw new Error("pdftotext (poppler-utils) is required under CI=true");
    console.log("pdftotext (poppler-utils) is not installed: the pages' text is not checked.");
    return null;
  }
  return pdfPages(pdf);
}

/**
 * The height in points of every word box on each page (pdftotext -bbox): about the printed text size, so a
 * sheet squeezed to fit a page shows small boxes. Null when pdftotext is missing outside CI (as pdfPagesOrSkip).
 */
export async function pdfWordHeights(pdf: Uint8Array): Promise<number[][] | null> {
  const tool = pdftotextPath();
  if (tool === null) {
    if (process.env.CI === "true") throw new Error("pdftotext (poppler-utils) is required under CI=true");
    console.log("pdftotext (poppler-utils) is not installed: the printed text size is not checked.");
    return null;
  }
  const dir = await mkdtemp(join(tmpdir(), "ledger-pdf-"));
  try {
    await writeFile(join(dir, "in.pdf"), pdf);
    const { stdout } = await run(tool, ["-bbox", join(dir, "in.pdf"), "-"], { maxBuffer: 64 * 1024 * 1024 });
    return stdout
      .split(/<page\b/)
      .slice(1)
      .map((page) =>
        [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map(
          (m) => Number(m[2]) - Number(m[1]),
        ),
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
