/** scripts/serve.ts, the static server behind `npm run serve` and the browser tests: files, types, refusals. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveStatic, type StaticServer } from "../../scripts/serve";

describe("static server for dist/", () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "serve-test-"));
    mkdirSync(join(root, "site"));
    writeFileSync(join(root, "site", "standalone.html"), "<!doctype html><title>页</title>");
    writeFileSync(join(root, "site", "xlsx-host.js"), "export {};");
    writeFileSync(join(root, "secret.txt"), "outside the served folder");
    server = await serveStatic(join(root, "site"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only", () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  const CASES: {
    title: string;
    method?: string;
    path: string;
    status: number;
    type?: RegExp;
    body?: string;
  }[] = [
    {
      title: "a page, as UTF-8 HTML",
      path: "/standalone.html",
      status: 200,
      type: /^text\/html; charset=utf-8/,
      body: "页",
    },
    { title: "a script chunk", path: "/xlsx-host.js", status: 200, type: /^text\/javascript/ },
    {
      title: "a HEAD request, without a body",
      method: "HEAD",
      path: "/standalone.html",
      status: 200,
      body: "",
    },
    { title: "a missing file", path: "/nothing.js", status: 404 },
    { title: "a folder without index.html", path: "/", status: 404 },
    // URL parsing folds "/../" away: the request stays inside and finds nothing.
    { title: "an escape by ..", path: "/../secret.txt", status: 404 },
    // An encoded slash survives URL parsing and becomes "/../" once decoded: refused.
    { title: "an escape by an encoded slash", path: "/..%2fsecret.txt", status: 403 },
    { title: "a write", method: "POST", path: "/standalone.html", status: 405 },
  ];

  it.each(CASES)("answers $title with $status", async ({ method, path, status, type, body }) => {
    const res = await send(server.origin, method ?? "GET", path);
    expect(res.status).toBe(status);
    if (type) expect(res.type).toMatch(type);
    if (body !== undefined) expect(res.body).toContain(body);
    expect(res.body).not.toContain("outside the served folder");
  });
});

/** A request with the path sent exactly as written (fetch would normalise "/../" before sending). */
function send(
  origin: string,
  method: string,
  path: string,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${origin}${path}`, { method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        ok({
          status: res.statusCode ?? 0,
          type: res.headers["content-type"] ?? "",
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", fail);
    req.end();
  });
}
