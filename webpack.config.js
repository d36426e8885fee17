// Builds the add-in's pages: dist/taskpane.html, dist/commands.html (and more pages, one line each in PAGES).
// office.js comes from Microsoft's CDN, as Microsoft asks; OFFICE_JS=local (npm run build:offline) serves the
// copy from @microsoft/office-js instead, for closed networks. ADDIN_URL rewrites the manifest's
// https://localhost:3000/ for deployment.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const fs = require("fs");
const os = require("os");

/**
 * The standalone page's Content-Security-Policy (src/standalone/csp.json), put in its HTML as a <meta> (for
 * file://); scripts/serve.ts sends the same as a header. Development builds evaluate their modules (eval source
 * maps) and talk to the dev server over a WebSocket, so they get 'unsafe-eval' and ws: besides.
 */
function contentSecurityPolicy(production) {
  const directives = JSON.parse(JSON.stringify(require("./src/standalone/csp.json")));
  if (!production) {
    directives["script-src"].push("'unsafe-eval'");
    directives["connect-src"].push("ws:", "wss:");
  }
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const DEV_URL = "https://localhost:3000/";

/** One page per entry: its script, its HTML template, and whether it loads office.js (the standalone page does not). */
const PAGES = {
  taskpane: { entry: "./src/taskpane/index.tsx", template: "./src/taskpane/taskpane.html", officeJs: true },
  commands: { entry: "./src/commands/commands.ts", template: "./src/commands/commands.html", officeJs: true },
  // The ribbon command's one-message dialog, for Excel without a shared runtime.
  notice: { entry: "./src/commands/notice.ts", template: "./src/commands/notice.html", officeJs: false },
  // The pane over an in-memory demo ledger, without Office: screenshots and browser tests.
  "taskpane-demo": {
    entry: "./src/taskpane/demo.tsx",
    template: "./src/taskpane/taskpane.html",
    officeJs: false,
  },
  // Its workbook worker (src/standalone/ledger.worker.ts) is a chunk of its own, found through new Worker(new URL(…)).
  standalone: {
    entry: "./src/standalone/index.tsx",
    template: "./src/standalone/standalone.html",
    officeJs: false,
    csp: true,
  },
};

/** Pages that run inside Office: ExcelJS (the file host's) must never reach their bundles. */
const ADDIN_PAGES = ["taskpane", "commands"];

/** Fails the build when a forbidden package ends up in a guarded page's chunks (initial or lazy). */
class ForbidPackagesPlugin {
  constructor(pages, packages) {
    this.pages = pages;
    this.packages = packages;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ForbidPackagesPlugin", (compilation) => {
      compilation.hooks.afterSeal.tap("ForbidPackagesPlugin", () => {
        for (const page of this.pages) {
          const entrypoint = compilation.entrypoints.get(page);
          if (!entrypoint) continue;
          const chunks = new Set();
          for (const chunk of entrypoint.chunks) {
            chunks.add(chunk);
            for (const lazy of chunk.getAllAsyncChunks()) chunks.add(lazy);
          }
          for (const chunk of chunks) {
            for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
              const resource = module.resource || (module.rootModule && module.rootModule.resource) || "";
              const hit = this.packages.find((p) =>
                resource.includes(`${path.sep}node_modules${path.sep}${p}${path.sep}`),
              );
              if (hit) {
                compilation.errors.push(
                  new Error(`${hit} must not be bundled into the ${page} page (${resource})`),
                );
                return;
              }
            }
          }
        }
      });
    });
  }
}

/**
 * Office only loads add-ins over trusted HTTPS. `npx office-addin-dev-certs install` (run by npm start)
 * puts a trusted localhost certificate in ~/.office-addin-dev-certs; without it the server uses a
 * self-signed one that the browser must be told to accept.
 */
function devServerHttps() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return "https";
  const options = Object.fromEntries(
    Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]),
  );
  return { type: "https", options };
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const localOfficeJs = (process.env.OFFICE_JS || env.OFFICE_JS) === "local";
  const officeJs = localOfficeJs ? "office-js/office.js" : CDN_OFFICE_JS;
  const addinUrl = process.env.ADDIN_URL;

  const copies = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    { from: "src/standalone/standalone.css", to: "standalone.css" },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) =>
        addinUrl ? content.toString().replaceAll(DEV_URL, addinUrl.replace(/\/?$/, "/")) : content,
    },
  ];
  // Copied whole: office.js loads its host- and language-specific files from beside itself.
  // Marked minimized so Terser leaves Microsoft's files as shipped (minifying them takes minutes).
  if (localOfficeJs)
    copies.push({
      from: "node_modules/@microsoft/office-js/dist",
      to: "office-js",
      info: { minimized: true },
    });

  return {
    devtool: production ? false : "eval-cheap-module-source-map",
    entry: Object.fromEntries(Object.entries(PAGES).map(([name, page]) => [name, page.entry])),
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type checking is `npm run typecheck`; transpiling alone keeps the build well under a minute.
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    // office.js is a global loaded by the page, never bundled.
    externals: { "office-js": "Office" },
    performance: { hints: false },
    plugins: [
      ...Object.entries(PAGES).map(
        ([name, page]) =>
          new HtmlWebpackPlugin({
            filename: `${name}.html`,
            template: page.template,
            chunks: [name],
            officeJs: page.officeJs ? officeJs : null,
            csp: page.csp ? contentSecurityPolicy(production) : null,
          }),
      ),
      new CopyWebpackPlugin({ patterns: copies }),
      new ForbidPackagesPlugin(ADDIN_PAGES, ["exceljs"]),
    ],
    devServer: {
      port: 3000,
      server: devServerHttps(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist") },
    },
  };
};
