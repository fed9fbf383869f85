/*
 * Runs the built task pane in Debian's Chromium (driven by playwright-core) against the in-memory
 * Excel host of fakeExcel.js. office.js is answered locally; any other request outside the pane's
 * own files is refused and recorded, and the tests fail on it.
 */
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { BrowserContext, chromium, Page } from "playwright-core";
import { cellText } from "../../src/engine/read/cells";
import { parseCsv } from "../helpers/csv";
import { CHROMIUM, HEADLESS_CHROMIUM } from "../../src/bench/chromium";

export const SCREENSHOTS = path.resolve(__dirname, "..", "..", "test-results", "e2e");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const ROOT = path.resolve(__dirname, "..", "..");

export interface SheetValues {
  name: string;
  values: (string | number | boolean)[][];
}

/** Builds the production bundle into a temporary folder (the same config `npm run build` uses). */
export async function buildPane(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-dist-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  config.mode = "production";
  config.output = { ...config.output, path: out };
  config.context = ROOT;
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(o: unknown): string }) => {
      if (err) reject(err);
      else if (stats.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    }),
  );
  return out;
}

export function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".json": "application/json",
    ".png": "image/png",
    ".xml": "text/xml",
  };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\/+/, "");
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

interface StaticWebAppConfig {
  globalHeaders: Record<string, string>;
  routes: { route: string; headers?: Record<string, string> }[];
  mimeTypes: Record<string, string>;
}

/**
 * Serves a production build over HTTPS as Azure Static Web Apps would, from the build's own
 * staticwebapp.config.json: its headers on every file, its routes' headers, its MIME types, and
 * nothing it does not name. The certificate is made by office-addin-dev-certs, as for `npm start`.
 */
export async function serveLikeHost(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const config = JSON.parse(fs.readFileSync(path.join(dir, "staticwebapp.config.json"), "utf8")) as StaticWebAppConfig;
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-certs-"));
  const files = { ca: path.join(certs, "ca.crt"), cert: path.join(certs, "localhost.crt"), key: path.join(certs, "localhost.key") };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCertificates } = require("office-addin-dev-certs/lib/generate");
  await generateCertificates(files.ca, files.cert, files.key, 2, ["localhost"]);
  const server = https.createServer({ cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) }, (req, res) => {
    const route = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const file = path.join(dir, route.replace(/^\/+/, ""));
    const type = config.mimeTypes[path.extname(file)];
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory() || !type) {
      res.writeHead(404, config.globalHeaders).end();
      return;
    }
    const own = config.routes.find((r) => r.route === route)?.headers ?? {};
    res.writeHead(200, { ...config.globalHeaders, ...own, "content-type": type });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `https://localhost:${port}`,
        close: () =>
          new Promise((r) =>
            server.close(() => {
              fs.rmSync(certs, { recursive: true, force: true });
              r();
            }),
          ),
      });
    }),
  );
}

function excelValue(v: ExcelJS.CellValue): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  if (typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if (typeof o.error === "string") return o.error;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
    if ("result" in o) return excelValue(o.result as ExcelJS.CellValue);
    if (typeof o.text === "string") return o.text;
    return "";
  }
  return v;
}

/** A workbook sheet from a .xlsx (its first sheet) or .csv, as Excel would hold it. */
export async function sheetFromFile(file: string, name: string): Promise<SheetValues> {
  if (file.endsWith(".csv")) {
    return {
      name,
      values: parseCsv(fs.readFileSync(file, "utf8")).map((r) =>
        r.map((c) => (c === null || c === undefined ? "" : /^-?\d+(\.\d+)?$/.test(cellText(c)) ? Number(c) : cellText(c))),
      ),
    };
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const values: (string | number | boolean)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    values[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map(excelValue);
  });
  for (let i = 0; i < values.length; i++) values[i] = values[i] ?? [];
  return { name, values };
}

export interface Pane {
  page: Page;
  /** Requests that would have left the machine: HTTP(S), WebSocket, service workers, beacons. */
  forbidden: string[];
  /** What the page's Content-Security-Policy refused. */
  refusedByPolicy(): Promise<string[]>;
  /** Evaluates in the page against the fake host. */
  host<T>(fn: string): Promise<T>;
  screenshot(name: string): Promise<void>;
}

export async function launch(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run apt-get install -y chromium (.ci/run does this).`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-chromium-"));
  // The hosting test's certificate is made for it and trusted by no one: its errors are ignored here only.
  const context = await chromium.launchPersistentContext(profile, { ...HEADLESS_CHROMIUM, ignoreHTTPSErrors: true });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openPane(
  context: BrowserContext,
  base: string,
  sheets: SheetValues[],
  options: Record<string, unknown> = {},
): Promise<Pane> {
  const page = await context.newPage();
  const forbidden: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:")) return route.continue();
    if (url === OFFICE_JS)
      return route.fulfill({ status: 200, contentType: "text/javascript", body: "/* office.js: provided by the test host */" });
    forbidden.push(url);
    return route.abort();
  });
  // page.route sees HTTP(S) only: WebSockets are routed apart, and a service worker is refused at registration.
  await page.routeWebSocket(/.*/, (ws) => {
    forbidden.push(ws.url());
    void ws.close();
  });
  await page.exposeFunction("__forbid", (what: string) => void forbidden.push(what));
  await page.addInitScript(() => {
    const w = window as unknown as { __forbid: (what: string) => void; __refused: string[] };
    w.__refused = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__refused.push(`${e.violatedDirective} ${e.blockedURI}`));
    if (navigator.serviceWorker) {
      navigator.serviceWorker.register = (url: string | URL) => {
        w.__forbid(`service worker ${String(url)}`);
        return Promise.reject(new Error("Service workers are not allowed here."));
      };
    }
  });
  await page.addInitScript({ path: path.join(__dirname, "fakeExcel.js") });
  await page.addInitScript(`(() => {
    const made = FakeExcel.createHost(${JSON.stringify({ sheets })}, ${JSON.stringify(options)});
    window.__host = made.host; window.Excel = made.Excel; window.Office = made.Office;
    window.CustomFunctions = made.CustomFunctions;
  })();`);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  await page.goto(`${base}/taskpane.html`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    forbidden,
    refusedByPolicy: () => page.evaluate("window.__refused"),
    host: (fn) => page.evaluate(fn),
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
  };
}
