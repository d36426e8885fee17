/**
 * The hostile corpus (test/helpers/hostileCorpus.ts) through the command line, as a user would run it:
 * `ledger build FILE --out OUT --json`. Each case asserts its exact exit code and message (or, built, the
 * issues it must report and the parts it must keep), no stack trace, and that it finished; for the data-loss
 * cases every part of the original package is in the output or listed in `dropped`. LibreOffice recalculates
 * the odd-structure outputs, which must show no #NAME?, #VALUE! or #N/A. Time and peak memory per case are
 * measured by `npm run bench -- hostile`, not here.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { HOSTILE_CASES, type HostileCase } from "../helpers/hostileCorpus";
import { failureMessage, type FailureCode } from "../../src/i18n/failures";
import { convertManyWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { packageProblems } from "../helpers/packageCheck";
import { ledgerCommand } from "./ledgerCommand";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "ledger-hostile-"));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  input: string;
  out: string;
}

function ledger(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const [command, argv] = ledgerCommand(args);
    const child = spawn(command, argv, { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const runs = new Map<string, Run>();
/** For a quick local run of some cases: HOSTILE_ONLY=id,id npx jest test/cli/hostile.test.ts */
const ONLY = process.env.HOSTILE_ONLY?.split(",");
const CASES = ONLY ? HOSTILE_CASES.filter((c) => ONLY.includes(c.id)) : HOSTILE_CASES;

async function runCase(c: HostileCase): Promise<void> {
  const bytes = await c.make();
  const input = join(dir, `${c.id}.${c.ext}`);
  if (bytes === "directory") mkdirSync(input, { recursive: true });
  else writeFileSync(input, bytes);
  const out = join(dir, `${c.id}.out.${c.ext === "xlsm" ? "xlsm" : "xlsx"}`);
  const r = await ledger(["build", input, "--out", out, "--today", "2026-12-01", "--json"]);
  runs.set(c.id, { ...r, input, out });
}

beforeAll(async () => {
  // Two at a time: the machine has two cores.
  const queue = [...CASES];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) await runCase(c);
  };
  await Promise.all([worker(), worker()]);
}, 1_800_000);

/** The message of a failure code in one language, as a pattern: its detail may be anything. */
function messagePattern(code: string, locale: "zh-CN" | "en", detail?: string): RegExp {
  const mark = "\u0000DETAIL\u0000";
  // Figures (a limit, the size found) print as NaN here and may be any number in the real message.
  const text = failureMessage(code as FailureCode, locale, { text: detail ?? mark, actual: NaN, limit: NaN });
  const parts = text.split(/\u0000DETAIL\u0000|NaN/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*?")}$`);
}

const STACK = /\n\s+at .+:\d+:\d+|node:internal|Error: Cannot find module/;

function get(id: string): Run {
  const r = runs.get(id);
  if (!r) throw new Error(`case ${id} did not run`);
  return r;
}

describe("the hostile corpus through `ledger build`", () => {
  it("has at least 60 cases in every category", () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(60);
    const categories = new Set(HOSTILE_CASES.map((c) => c.category));
    expect([...categories].sort()).toEqual(["damaged", "dataloss", "injection", "odd", "resource"]);
    expect(new Set(HOSTILE_CASES.map((c) => c.id)).size).toBe(HOSTILE_CASES.length);
    expect(HOSTILE_CASES.filter((c) => c.page)).toHaveLength(10);
  });

  const refused = CASES.filter((c) => c.expect.exit === 2);
  // (A HOSTILE_ONLY run may have no case of one kind, and it.each needs rows.)
  if (refused.length)
    it.each(refused.map((c) => [c.id, c] as const))("%s is refused with its message", (_id, c) => {
      const r = get(c.id);
      if (c.expect.exit !== 2) return;
      expect(r.stderr).not.toMatch(STACK);
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: "" });
      const lines = r.stderr.replace(/\n$/, "").split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^错误：/);
      expect(lines[1]).toMatch(/^Error: /);
      expect(lines[0]?.slice("错误：".length)).toMatch(
        messagePattern(c.expect.failure, "zh-CN", c.expect.detail),
      );
      expect(lines[1]?.slice("Error: ".length)).toMatch(
        messagePattern(c.expect.failure, "en", c.expect.detail),
      );
      expect(existsSync(r.out)).toBe(false);
    });

  const built = CASES.filter((c) => c.expect.exit === 0);
  if (built.length)
    it.each(built.map((c) => [c.id, c] as const))("%s is built", async (_id, c) => {
      const r = get(c.id);
      if (c.expect.exit !== 0) return;
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout) as {
        issues: { code: string }[];
        dropped?: { part: string; kind: string }[];
        out: string;
      };
      for (const code of c.expect.issues ?? []) expect(json.issues.map((i) => i.code)).toContain(code);
      for (const kind of c.expect.reports ?? []) {
        expect((json.dropped ?? []).map((d) => d.kind)).toContain(kind);
      }
      const output = new Uint8Array(readFileSync(r.out));
      const zip = await JSZip.loadAsync(output);
      const paths = Object.keys(zip.files).filter((p) => !zip.files[p]?.dir);
      for (const keep of c.expect.keeps ?? []) expect(paths.some((p) => keep.test(p))).toBe(true);
      // A well-formed package: every relationship resolves, every part has a content type.
      expect(await packageProblems(zip)).toEqual([]);
      if (c.category === "dataloss") {
        // Part by part: every part of the original is in the output, or reported as dropped.
        const original = await JSZip.loadAsync(readFileSync(r.input));
        const dropped = new Set((json.dropped ?? []).map((d) => d.part));
        const missing = Object.keys(original.files).filter(
          (p) => !original.files[p]?.dir && !paths.includes(p) && !dropped.has(p),
        );
        expect(missing).toEqual([]);
      }
    });

  it("keeps user text text: no formula in the output came from a cell", async () => {
    for (const id of ["formula-title", "dde-department"].filter((id) => runs.has(id))) {
      const zip = await JSZip.loadAsync(readFileSync(get(id).out));
      for (const [path, f] of Object.entries(zip.files)) {
        if (!/^xl\/worksheets\/.*\.xml$/.test(path)) continue;
        const xml = await f.async("string");
        // The user's text may stand inside a string literal (a COUNTIFS criterion), never as formula code.
        const formulas = [...xml.matchAll(/<f[^>]*>([^<]*)<\/f>/g)].map((m) =>
          (m[1] ?? "").replace(/&quot;(?:[^&]|&(?!quot;))*&quot;/g, '""'),
        );
        expect(formulas.filter((f) => /evil|cmd|HYPERLINK|@SUM/.test(f))).toEqual([]);
      }
    }
  });

  it("reads nothing from outside the file (an external entity stays unresolved)", () => {
    const r = runs.get("xxe-file") ?? { stdout: "", stderr: "" };
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/root:x:0:0/);
  });
});

describeWithLibreOffice("LibreOffice recalculates the odd-structure outputs", () => {
  it("shows no #NAME?, #VALUE! or #N/A on any sheet", async () => {
    const odd = CASES.filter((c) => c.category === "odd" && c.expect.exit === 0);
    if (odd.length === 0) return;
    const converted = await convertManyWithLibreOffice(
      odd.map((c) => ({ name: c.id, bytes: new Uint8Array(readFileSync(get(c.id).out)) })),
    );
    const errors: string[] = [];
    for (const [name, bytes] of converted) {
      const zip = await JSZip.loadAsync(bytes);
      for (const [path, f] of Object.entries(zip.files)) {
        if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue;
        const xml = await f.async("string");
        for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*t="e"[^>]*>.*?<v>([^<]*)<\/v>/g)) {
          errors.push(`${name} ${path} ${m[1]} ${m[2]}`);
        }
      }
    }
    expect(errors).toEqual([]);
  }, 600_000);
});
