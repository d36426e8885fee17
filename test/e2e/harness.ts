/**
 * Browser end-to-end harness: Debian's Chromium driven by playwright-core (no browser download), dist/
 * built on demand and served on 127.0.0.1, every request recorded so a test can assert none left the origin.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { serveStatic, type StaticServer } from "../../scripts/serve";

export const ROOT = join(__dirname, "..", "..");
/** E2E_DIST tests another build (one made elsewhere, say); it is then taken as it is, never rebuilt. */
export const DIST = process.env.E2E_DIST ?? join(ROOT, "dist");
export const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
export const SAMPLE = join(ROOT, "samples", "sample-ledger.xlsx");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A beforeAll that may build dist/ with webpack (about a minute on two cores, more when the machine is busy). */
export const BUILD_TIMEOUT = 5 * 60_000;

/** For a closed network: no component updates, sync or background lookups that would be refused. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * `describe` when Chromium is there. Without it the suite fails under CI=true (CI installs it, so its absence
 * is a broken run) and is skipped elsewhere, saying why.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const why = `${CHROMIUM} is missing (apt-get install chromium; or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(`browser end-to-end tests cannot run: ${why}`);
      });
    });
    return;
  }
  console.warn(`skipped browser end-to-end tests "${name}": ${why}`);
  describe.skip(name, body);
}

/** Builds dist/ (production) when standalone.html is missing or older than a source file. */
export async function ensureBuilt(): Promise<void> {
  if (process.env.E2E_DIST || isFresh()) return;
  await withBuildLock(() => {
    if (isFresh()) return; // another test file built it while this one waited
    console.warn("e2e: dist/ is missing or stale, running webpack --mode production");
    const result = spawnSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--mode", "production"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`webpack failed:\n${result.stdout}\n${result.stderr}`);
    // webpack leaves a file it would write unchanged alone, old date and all: mark this build as the fresh one.
    const now = new Date();
    utimesSync(join(DIST, "standalone.html"), now, now);
  });
}

function isFresh(): boolean {
  const page = join(DIST, "standalone.html");
  if (!existsSync(page)) return false;
  const built = statSync(page).mtimeMs;
  const inputs = [
    join(ROOT, "webpack.config.js"),
    join(ROOT, "package.json"),
    ...filesUnder(join(ROOT, "src")),
  ];
  return inputs.every((f) => !existsSync(f) || statSync(f).mtimeMs <= built);
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Jest runs test files in parallel workers; one webpack at a time writes dist/ (it cleans it first). */
async function withBuildLock(build: () => void): Promise<void> {
  const lock = join(ROOT, "test-artifacts", ".e2e-build.lock");
  mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      // Polling another process's build: there is no event to wait for across workers.
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Session {
  browser: Browser;
  server: StaticServer;
  /** This session's copy of dist/, for file:// pages. */
  dist: string;
  close(): Promise<void>;
}

/**
 * Builds if needed, serves a copy of dist/ on a free port and starts Chromium. The copy keeps a running
 * suite's pages whole while another test file rebuilds dist/ (webpack empties it first).
 */
export async function startSession(): Promise<Session> {
  await ensureBuilt();
  const dist = mkdtempSync(join(tmpdir(), "ledger-e2e-dist-"));
  cpSync(DIST, dist, { recursive: true });
  const server = await serveStatic(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    browser,
    server,
    dist,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

export interface RecordedPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, in order. */
  requests: string[];
}

/** A fresh context (its own storage and downloads) in the given language, recording every request. */
export async function openPage(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<RecordedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? "zh-CN",
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  return { context, page, requests };
}

/**
 * The hooks every browser suite needs: one session (build, server, Chromium) for the suite, and after each
 * test the page it opened closed, with no request having left for another origin (no CDN, no office.js, no
 * fonts). `open` makes a fresh recorded page on the session's browser and keeps it as the current one.
 */
export function browserSuite(): {
  session(): Session;
  open(options?: Parameters<typeof openPage>[1]): Promise<RecordedPage>;
  current(): RecordedPage | null;
} {
  let session: Session | undefined;
  let current: RecordedPage | null = null;
  beforeAll(async () => {
    session = await startSession();
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await session?.close();
  });
  afterEach(async () => {
    const requests = current?.requests ?? [];
    await current?.context.close();
    current = null;
    expect(foreign(requests, session?.server.origin ?? "")).toEqual([]);
  });
  const started = (): Session => {
    if (!session) throw new Error("browserSuite: the session starts in beforeAll");
    return session;
  };
  return {
    session: started,
    open: async (options) => (current = await openPage(started().browser, options)),
    current: () => current,
  };
}

/** Requests that left `origin` (blob: and data: URLs stay in the page). */
export function foreign(requests: string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(blob|data):/.test(url));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

/** With UPDATE_DOCS=1, the README's screenshot docs/<name>.png: what the viewport shows, as a user sees it. */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_DOCS !== "1") return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ROOT, "docs", `${name}.png`), animations: "disabled" });
}
