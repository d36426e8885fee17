/**
 * A tiny static server for dist/ on 127.0.0.1, with no dependency: `npm run serve` after `npm run build`,
 * then open the printed address. The browser end-to-end tests start the same server on a random port.
 * Run: npx tsx scripts/serve.ts [folder] [--port N]
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { basename, extname, join, resolve, sep } from "node:path";
import CSP_DIRECTIVES from "../src/standalone/csp.json";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * The standalone page's Content-Security-Policy as a header: the policy its HTML carries as a <meta>
 * (src/standalone/csp.json, built in by webpack.config.js), plus what only a header can say (frame-ancestors).
 */
export const CONTENT_SECURITY_POLICY = [
  ...Object.entries(CSP_DIRECTIVES).map(([name, sources]) => [name, ...sources].join(" ")),
  "frame-ancestors 'none'",
].join("; ");

/**
 * Which responses carry the policy: the standalone page and every script (a worker's own policy is that of its
 * script's response). The add-in's pages (taskpane.html …) load office.js from Microsoft and are left alone.
 */
function guarded(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return basename(file) === "standalone.html" || ext === ".js" || ext === ".mjs";
}

export interface StaticServer {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  close(): Promise<void>;
}

/** Serves the files under `root` (GET and HEAD only) on 127.0.0.1; port 0 picks a free one. */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    void respond(base, req.method ?? "GET", req.url ?? "/").then(({ status, type, body, file }) => {
      res.writeHead(status, {
        "Content-Type": type,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...(file && guarded(file) ? { "Content-Security-Policy": CONTENT_SECURITY_POLICY } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok());
  });
  return { origin: `http://127.0.0.1:${portOf(server)}`, close: () => closeServer(server) };
}

interface Reply {
  status: number;
  type: string;
  body: Buffer | string;
  /** The file served, when one is. */
  file?: string;
}

async function respond(base: string, method: string, url: string): Promise<Reply> {
  if (method !== "GET" && method !== "HEAD") return text(405, "method not allowed");
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, "http://localhost").pathname);
  } catch {
    return text(400, "bad request");
  }
  if (path.endsWith("/")) path += "index.html";
  const file = resolve(join(base, path));
  // Nothing outside the served folder, whatever the URL says.
  if (file !== base && !file.startsWith(base + sep)) return text(403, "forbidden");
  try {
    if (!(await stat(file)).isFile()) return text(404, "not found");
    return {
      status: 200,
      type: TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      body: await readFile(file),
      file,
    };
  } catch {
    return text(404, "not found");
  }
}

function text(status: number, body: string): Reply {
  return { status, type: "text/plain; charset=utf-8", body };
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  return address.port;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((ok, fail) => server.close((err) => (err ? fail(err) : ok())));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portAt = args.indexOf("--port");
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 8080;
  const root = args.find((a, i) => !a.startsWith("--") && i !== portAt + 1) ?? "dist";
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port wants a number 0-65535, got ${args[portAt + 1]}`);
  const exists = await stat(join(root, "standalone.html")).catch(() => null);
  if (!exists) process.stderr.write(`${root}/standalone.html is missing: run \`npm run build\` first.\n`);
  const server = await serveStatic(root, port);
  process.stdout.write(
    `建议提案台账 · serving ${resolve(root)}\n  ${server.origin}/standalone.html\n(Ctrl+C stops)\n`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`serve: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
