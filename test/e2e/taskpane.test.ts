import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CRITERIA_SPEC } from "../../src/engine/rules/criteria";
import { SETTINGS_KEY } from "../../src/excel/officeWorkbook";
import { checkManifest } from "../../src/io/manifestCheck";
import { schemaErrors } from "../helpers/publicData";
import { BrowserContext } from "playwright-core";
import { HUNTINGDONSHIRE_VIOLENCE, PUBLISHED_TABLE_4 } from "../helpers/sheets";
import * as https from "https";
import ExcelJS from "exceljs";
import { buildPane, launch, openPane, Pane, SCREENSHOTS, serve, serveLikeHost, sheetFromFile, SheetValues } from "./harness";

const DEMO = path.resolve(__dirname, "..", "..", "examples", "south-cambridgeshire-2020");
const FIXTURES = path.resolve(__dirname, "..", "fixtures", "returns");

jest.setTimeout(180_000);

let context: BrowserContext;
let closeBrowser: () => Promise<void>;
let server: { url: string; close: () => Promise<void> };
let demoSheets: SheetValues[];
let dist: string;
const panes: Pane[] = [];

beforeAll(async () => {
  dist = await buildPane();
  server = await serve(dist);
  ({ context, close: closeBrowser } = await launch());
  demoSheets = await Promise.all([
    sheetFromFile(path.join(DEMO, "police-recorded-crime.xlsx"), "Crime"),
    sheetFromFile(path.join(DEMO, "police-asb.xlsx"), "Police ASB"),
    sheetFromFile(path.join(DEMO, "scdc-asb-cases.xlsx"), "SCDC ASB"),
    sheetFromFile(path.join(DEMO, "benefits-claims.xlsx"), "Benefits"),
    sheetFromFile(path.join(DEMO, "fires.xlsx"), "Fires"),
    sheetFromFile(path.join(DEMO, "imd-2019-south-cambridgeshire.csv"), "IMD"),
    sheetFromFile(path.join(DEMO, "professional-concerns.csv"), "Concerns"),
  ]);
});

afterAll(async () => {
  await closeBrowser?.();
  await server?.close();
});

afterEach(async () => {
  for (const p of panes.splice(0)) {
    // The pane may load its own files and office.js, nothing else, and its own policy refuses nothing it does.
    expect(p.forbidden).toEqual([]);
    expect(await p.refusedByPolicy()).toEqual([]);
    // Usable at the task pane's default width: nothing scrolls sideways.
    expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await p.page.close();
  }
});

async function open(sheets: SheetValues[], options: Record<string, unknown> = {}): Promise<Pane> {
  const pane = await openPane(context, server.url, sheets, options);
  panes.push(pane);
  await pane.page.getByRole("tab", { name: "Check a return" }).waitFor();
  return pane;
}

/** Waits for a condition the pane reaches on its own (up to 5 s), failing with what it waited for. */
async function until(condition: () => Promise<boolean>, what = String(condition)): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Waited 5 s for: ${what}`);
}

async function snapshot(pane: Pane): Promise<string> {
  return pane.host<string>("window.__host.store.snapshot()");
}

async function buildTable4(pane: Pane): Promise<void> {
  const { page } = pane;
  await page.getByRole("tab", { name: "Table 4" }).click();
  await page.getByText("Looking at the sheets…").waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Preview matrix" }).click();
  await page.getByRole("region", { name: "Matrix preview" }).waitFor();
}

async function writeTable4(pane: Pane): Promise<string> {
  await pane.page.getByRole("button", { name: "Write Table 4 sheet" }).click();
  const message = pane.page.getByText(/^Wrote Table 4/);
  await message.waitFor();
  return (/^Wrote (Table 4(?: \(\d+\))?)\./.exec((await message.textContent()) ?? "") ?? [])[1] ?? "";
}

function table4Rows(values: unknown[][]): unknown[][] {
  const header = values.findIndex((r) => r[0] === "Ward");
  return values.slice(header + 1, header + 27);
}

describe("the production build", () => {
  it("writes a manifest that validates against Microsoft's manifest schemas", async () => {
    const xml = fs.readFileSync(path.join(dist, "manifest.xml"), "utf8");
    expect(await schemaErrors(xml)).toEqual([]);
    expect(checkManifest(xml, path.resolve(__dirname, "..", ".."), "https://localhost:3000/").errors).toEqual([]);
  });
  it("asks Excel for data-typed cells' shown values, not objects (functions.json)", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8"));
    expect(metadata.allowCustomDataForDataTypeAny).toBe(false);
    expect(metadata.functions.map((f: { id: string }) => f.id)).toEqual(["RISKFLAG", "RISKLEVEL", "HARMWEIGHT"]);
  });
  it("gives the pane's page its Content-Security-Policy", () => {
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    expect(html).toMatch(/http-equiv="?Content-Security-Policy"?[^>]*script-src 'self' https:\/\/appsforoffice.microsoft.com;/);
    expect(html).not.toMatch(/unsafe-eval/);
  });
});

/** A file's status and headers, as a server sends them. */
function headersOf(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) =>
    https
      .get(url, { rejectUnauthorized: false, headers: { Origin: "https://excel.officeapps.live.com" } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      })
      .on("error", reject),
  );
}

describe("published as a council would publish it", () => {
  it("loads the pane and the functions over HTTPS from a host sending the build's own settings", async () => {
    const hosted = await serveLikeHost(dist);
    try {
      const page = await headersOf(`${hosted.url}/taskpane.html`);
      expect(page.status).toBe(200);
      expect(page.headers["content-type"]).toBe("text/html");
      expect(page.headers["content-security-policy"]).toMatch(/frame-ancestors 'self' https:\/\/\*\.officeapps\.live\.com/);
      expect(page.headers["access-control-allow-origin"]).toBeUndefined();
      const metadata = await headersOf(`${hosted.url}/functions.json`);
      expect([metadata.headers["content-type"], metadata.headers["access-control-allow-origin"]]).toEqual(["application/json", "*"]);
      expect((await headersOf(`${hosted.url}/functions.js`)).headers["content-type"]).toBe("text/javascript");
      expect((await headersOf(`${hosted.url}/manifest.xml`)).headers["content-type"]).toBe("text/xml");

      const sheet = {
        name: "Fires",
        values: [
          ["Fires", "Flag"],
          [25, '=CSP.RISKFLAG(A2:A3,">=20")'],
          [10, ""],
        ],
      };
      const pane = await openPane(context, hosted.url, [sheet]);
      panes.push(pane);
      await pane.page.getByRole("tab", { name: "Check a return" }).waitFor();
      await pane.host("window.__host.settled()");
      expect((await pane.host<unknown[][]>("window.__host.store.values('Fires')")).slice(1).map((r) => r[1])).toEqual([true, false]);

      // Excel on the web reads functions.json from its own origin: allowed; the pane's page is not readable so.
      const other = await context.newPage();
      const reads = await other.evaluate(
        async (base) =>
          Promise.all(
            ["functions.json", "taskpane.html"].map((f) =>
              fetch(`${base}/${f}`).then(
                (r) => r.ok,
                () => false,
              ),
            ),
          ),
        hosted.url,
      );
      await other.close();
      expect(reads).toEqual([true, false]);
    } finally {
      await hosted.close();
    }
  });
});

describe("the page partners check a return on, without the add-in", () => {
  it("checks a return in the browser, lists its findings with cells and fixes, and gives a marked copy; nothing is sent anywhere", async () => {
    const page = await context.newPage();
    const forbidden: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      forbidden.push(url);
      return route.abort();
    });
    const refused: string[] = [];
    page.on("console", (m) => /Content Security Policy/.test(m.text()) && refused.push(m.text()));
    await page.goto(`${server.url}/check.html`);
    await page.getByRole("heading", { name: "Check a return before you send it" }).waitFor();
    const file = path.join(FIXTURES, "bad-dates.csv");
    await page.getByLabel("Return to check").setInputFiles(file);
    const result = page.getByRole("region", { name: "Result" });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/bad-dates\.csv/);
    const errors = page.getByRole("region", { name: "Errors" });
    expect(await errors.textContent()).toMatch(/Fix: /);
    // Each finding names its cell; a partner's fix never names the analyst's pane.
    expect(await page.locator("main").textContent()).not.toMatch(/Table 4 tab|Criteria and risk key/);
    await page.getByRole("button", { name: "Make a copy with the findings marked" }).click();
    const save = page.getByRole("link", { name: /^Save bad-dates \(checked\)\.xlsx$/ });
    await save.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), save.click()]);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(await download.path());
    const [sheet, findings] = copy.worksheets;
    const marked: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
        if (fill?.fgColor?.argb === "FFFFD966" && cell.note) marked.push(cell.address);
      }),
    );
    expect(marked.length).toBeGreaterThan(0);
    expect(findings.name).toBe("Findings");
    expect(findings.rowCount).toBeGreaterThan(2);
    // The copy holds the same values as the file; the file itself was only read.
    const original = (await sheetFromFile(file, "x")).values;
    expect(sheet.getRow(1).values).toEqual([undefined, ...original[0]]);
    await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
    const axe = await page.evaluate<{ violations: { id: string }[] }>(
      "axe.run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
    );
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    expect(forbidden).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  });
});

describe("the task pane in Chromium, over the in-memory Excel host", () => {
  it("checks a messy return and jumps to a finding's cell; marks and unmarks it exactly", async () => {
    const messy = await sheetFromFile(path.join(FIXTURES, "unknown-ward.csv"), "Fires Q3");
    const pane = await open([messy, demoSheets[0]]);
    const { page } = pane;
    await page.getByRole("button", { name: "Check sheet" }).click();
    await page.getByRole("status", { name: "Findings by severity" }).waitFor();
    const first = page.getByRole("button", { name: /^Go to 'Fires Q3'!C2/ });
    await first.click();
    await page.waitForFunction(
      () => (window as unknown as { __host: { store: { selection: { address: string } } } }).__host.store.selection.address === "C2",
    );
    expect(await pane.host("window.__host.store.selection")).toEqual({ sheet: "Fires Q3", address: "C2" });
    await expect(page.getByText(/nearest: Melbourn/).count()).resolves.toBeGreaterThan(0);
    await pane.screenshot("check-a-return");
    // Another tab and back: the check's results are still there, not read again.
    await page.getByRole("tab", { name: "Harm" }).click();
    await expect(page.getByRole("status", { name: "Findings by severity" }).isVisible()).resolves.toBe(false);
    await page.getByRole("tab", { name: "Check a return" }).click();
    await expect(page.getByRole("status", { name: "Findings by severity" }).isVisible()).resolves.toBe(true);

    const before = await snapshot(pane);
    await page.getByRole("button", { name: "Mark findings on the sheet" }).click();
    await page.waitForFunction(
      () => (window as unknown as { __host: { store: { comments: Map<string, unknown> } } }).__host.store.comments.size === 2,
    );
    await pane.screenshot("check-marked");
    await page.getByRole("button", { name: "Remove marks" }).click();
    await page.waitForFunction(
      () => (window as unknown as { __host: { store: { comments: Map<string, unknown> } } }).__host.store.comments.size === 0,
    );
    const after = JSON.parse(await snapshot(pane));
    const cells = (s: { sheets: { name: string; cells: [string, { value: unknown; format?: { fill?: string } }][] }[] }) =>
      s.sheets.find((x) => x.name === "Fires Q3")!.cells.map(([k, v]) => [k, v.value, v.format?.fill ?? null]);
    expect(cells(after)).toEqual(cells(JSON.parse(before)));
  });

  it("checks a partner's .xlsx chosen from disk in the pane's worker, then copies it into the workbook as a new sheet", async () => {
    const pane = await open(demoSheets.slice(0, 1));
    const { page } = pane;
    const before = await snapshot(pane);
    await page.getByLabel("Return file to check").setInputFiles({
      name: "fires.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: fs.readFileSync(path.join(DEMO, "fires.xlsx")),
    });
    const summary = page.getByText(/^fires\.xlsx.*: Fires; \d+ rows read/);
    await summary.waitFor();
    // Read and checked in the worker the pane bundles, from its own origin; nothing was sent anywhere (afterEach).
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual(["/checkWorker.js"]);
    // Findings of a file cannot be marked on it or gone to; the workbook is untouched by the check.
    await expect(page.getByRole("button", { name: "Mark findings on the sheet" }).count()).resolves.toBe(0);
    expect(await snapshot(pane)).toEqual(before);
    await pane.screenshot("check-a-file");

    const rowsRead = Number(/(\d+) rows read/.exec((await summary.textContent()) ?? "")![1]);
    await page.getByRole("button", { name: "Copy into this workbook as a new sheet" }).click();
    await page.getByText(/^Copied the return into the new sheet .* and checked it there\./).waitFor();
    const copied = await pane.host<{ name: string; values: unknown[][]; formats: string[] }>(`(() => {
      const store = window.__host.store;
      const s = store.sheets.find((x) => !${JSON.stringify(demoSheets.slice(0, 1).map((d) => d.name))}.includes(x.name));
      return { name: s.name, values: store.values(s.name), formats: [...s.cells.entries()].map(([, c]) => c.numberFormat || "General") };
    })()`);
    const original = demoSheets.find((d) => d.name === "Fires")!;
    expect(copied.values.length).toBe(original.values.length);
    expect(copied.values.filter((r) => r.some((c) => c !== "" && c !== null)).length).toBeGreaterThan(rowsRead);
    // Dates arrive as dates (a serial number shown as a date), text as text: nothing from the file becomes a formula.
    const dateColumn = original.values.findIndex((r) => r.some((c) => typeof c === "number" && c > 40000));
    expect(dateColumn).toBeGreaterThanOrEqual(0);
    expect(copied.formats).toContain("yyyy-mm-dd");
    expect(copied.formats.filter((f) => f !== "@" && f !== "General" && f !== "yyyy-mm-dd")).toEqual([]);

    // The new sheet is shown and checked as the file was, its findings now markable; the copy cannot be made twice.
    await page.getByText(new RegExp(`^${copied.name}: Fires; ${rowsRead} rows read`)).waitFor();
    expect(await pane.host("window.__host.store.active")).toBe(copied.name);
    await page.getByRole("button", { name: "Mark findings on the sheet" }).waitFor();
    expect(await page.getByRole("button", { name: "Copy into this workbook as a new sheet" }).count()).toBe(0);
    await until(
      async () => (await page.getByRole("combobox", { name: "Sheet to check" }).textContent()) === copied.name,
      "the new sheet chosen",
    );
  });

  it("says plainly why a file cannot be checked: an old .xls, a damaged workbook", async () => {
    const pane = await open(demoSheets.slice(0, 1));
    const input = pane.page.getByLabel("Return file to check");
    await input.setInputFiles({ name: "old.xls", mimeType: "application/vnd.ms-excel", buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) });
    await pane.page.getByText(/old\.xls is an old or non-Excel workbook format/).waitFor();
    const xlsx = fs.readFileSync(path.join(DEMO, "fires.xlsx"));
    await input.setInputFiles({ name: "cut.xlsx", mimeType: "application/octet-stream", buffer: xlsx.subarray(0, xlsx.length >> 1) });
    await pane.page.getByText(/cut\.xlsx is damaged or cut short/).waitFor();
  });

  it("cancels a large file's check at once, with the worker still busy, and checks the next file afresh", async () => {
    const pane = await open(demoSheets.slice(0, 1));
    const { page } = pane;
    const lines = ["Incident Number,Date of Call,Cause of fire,Ward"];
    for (let i = 0; i < 600_000; i++)
      lines.push(`F${i},${1 + (i % 28)}/${1 + (i % 12)}/2018,${i % 3 ? "Accidental" : "Deliberate"},Cottenham`);
    const input = page.getByLabel("Return file to check");
    await input.setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("Checking big.csv cancelled: nothing was changed.").waitFor();
    await input.setInputFiles({ name: "small.csv", mimeType: "text/csv", buffer: Buffer.from(lines.slice(0, 11).join("\r\n")) });
    await page.getByText(/^small\.csv.*: Fires; 10 rows read/).waitFor();
  });

  it("builds the matrix from the demo returns and writes Table 4 with the published values", async () => {
    const pane = await open(demoSheets);
    await buildTable4(pane);
    await pane.screenshot("build-preview");
    await pane.page.getByRole("region", { name: "Matrix preview" }).screenshot({ path: path.join(SCREENSHOTS, "build-preview-table.png") });
    const sheet = await writeTable4(pane);
    expect(sheet).toBe("Table 4");
    const values = await pane.host<unknown[][]>(`window.__host.store.values(${JSON.stringify(sheet)})`);
    const rows = table4Rows(values);
    expect(rows.map((r) => [r[0], r[7], r[8]])).toEqual(PUBLISHED_TABLE_4.map((w) => [w.ward, w.total, w.risk]));
    const header = values.find((r) => r[0] === "Ward")!;
    for (const expected of PUBLISHED_TABLE_4) {
      const row = rows.find((r) => r[0] === expected.ward)!;
      const labels = header.slice(1, 7).filter((_, i) => row[i + 1] === 1);
      expect(labels.length).toBe(expected.total);
    }
    expect(rows.find((r) => r[0] === "Longstanton")![10]).toBe("Preventing");
    const formulas = await pane.host<number>(
      `[...window.__host.store.sheet(${JSON.stringify(sheet)}).cells.values()].filter((c) => c.formula).length`,
    );
    expect(formulas).toBe(0);
    const tables = await pane.host<unknown[]>(`window.__host.store.sheet(${JSON.stringify(sheet)}).tables`);
    expect(tables).toHaveLength(1);
    await pane.screenshot("build-written");

    // Copy for reports: the HTML keeps the shading and the key.
    await pane.page.getByRole("button", { name: "Copy table" }).click();
    await pane.page.getByText(/^Copied: paste into Word/).waitFor();
    const html = await pane.page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const blob = await items[0].getType("text/html");
      return blob.text();
    });
    expect(html).toMatch(/<table/);
    expect(html).toMatch(/background:#F4B183/);
    expect(html).toMatch(/Cambourne/);
    expect(html).toMatch(/High = 3\+ flags/);
    expect(html).toMatch(/OFFICIAL/);
    const text = await pane.page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      return (await items[0].getType("text/plain")).text();
    });
    expect(text).toMatch(/^OFFICIAL\n/);
    expect(text).toMatch(/Cambourne\t1\t1\t\t1\t1\t\t4\tHigh/);

    // A picture of the written sheet, where Excel can make one (ExcelApi 1.7).
    await pane.page.getByRole("button", { name: "Picture" }).click();
    const link = pane.page.getByRole("link", { name: "Save the picture of Table 4" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(await link.getAttribute("download")).toBe("Table 4.png");
  });

  it("adds Excel's own charts, puts the ward map beside Table 4 and gives a Word report, loading map and Word code only when asked", async () => {
    const pane = await open(demoSheets);
    const { page } = pane;
    const chunks: string[] = [];
    page.on("request", (r) => chunks.push(new URL(r.url()).pathname));
    await buildTable4(pane);
    const sheet = await writeTable4(pane);
    await page.getByRole("button", { name: "Add charts" }).click();
    await page.getByText(/^Added 5 charts on Table 4 charts/).waitFor();
    const charts = await pane.host<{ type: string; source: { r1: number; c2: number } }[]>(
      "window.__host.store.sheet('Table 4 charts').charts",
    );
    expect(charts.map((c) => c.type)).toEqual(["ColumnStacked", "LineMarkers", "LineMarkers", "LineMarkers", "LineMarkers"]);
    const values = await pane.host<unknown[][]>("window.__host.store.values('Table 4 charts')");
    // The stacked chart's cells: the wards sorted by total, their flags as 1 and 0.
    const wards = values.slice(charts[0].source.r1 + 1, charts[0].source.r1 + 27);
    expect(wards.map((r) => r[0])).toEqual(
      [...PUBLISHED_TABLE_4].sort((a, b) => b.total - a.total || a.ward.localeCompare(b.ward, "en-GB")).map((w) => w.ward),
    );
    expect(charts[0].source.c2).toBe(6);
    expect(chunks.filter((c) => /wardmap|mapWorker|docx/.test(c))).toEqual([]);

    const features = PUBLISHED_TABLE_4.map((w, i) => {
      const [x, y] = [0.1 + (i % 6) * 0.05, 52 + Math.floor(i / 6) * 0.04];
      const ring = [
        [x, y],
        [x + 0.04, y],
        [x + 0.04, y + 0.04],
        [x, y + 0.04],
        [x, y],
      ];
      return {
        type: "Feature",
        properties: { WD23CD: `E0501${1000 + i}`, WD23NM: w.ward },
        geometry: { type: "Polygon", coordinates: [ring] },
      };
    });
    await page.getByLabel("Ward boundaries file").setInputFiles({
      name: "Wards_December_2023_Boundaries_UK_BGC.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })),
    });
    await page.getByText(`Drew 26 of 26 wards. It is on ${sheet}, beside the table.`).waitFor();
    // The file was read and the map drawn in the map's own worker, started only now.
    expect(chunks.some((c) => /wardmap/.test(c))).toBe(true);
    expect(chunks).toContain("/mapWorker.js");
    const shapes = await pane.host<{ base64: string; altTextDescription: string; left: number }[]>(
      `window.__host.store.sheet(${JSON.stringify(sheet)}).shapes`,
    );
    expect(shapes).toHaveLength(1);
    expect(shapes[0].base64).toMatch(/^iVBORw0KGgo/);
    expect(shapes[0].altTextDescription).toBe("Each ward of South Cambridgeshire shaded by its Table 4 risk level.");
    const svgHref = (await page.getByRole("link", { name: "Save the map (SVG)" }).getAttribute("href"))!;
    const svg = decodeURIComponent(svgHref.replace(/^data:image\/svg\+xml;charset=utf-8,/, ""));
    expect(svg.match(/<path /g)).toHaveLength(26);
    expect(svg).toMatch(/data-risk="High"/);

    await page.getByRole("button", { name: "Copy map" }).click();
    await page.getByText("Copied the map: paste it into Word or PowerPoint.").waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { types: item.types, size: (await item.getType("image/png")).size };
    });
    expect(copied.types).toContain("image/png");
    expect(copied.size).toBeGreaterThan(10_000);

    await page.getByRole("button", { name: "Word report" }).click();
    const report = page.getByRole("link", { name: /^Save .*South Cambridgeshire\.docx$/ });
    await report.waitFor();
    const docx = Buffer.from((await report.getAttribute("href"))!.replace(/^data:[^;]+;base64,/, ""), "base64");
    // A Word document (a zip) holding the map's picture.
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    expect(docx.includes(Buffer.from("word/media/"))).toBe(true);
    await page.getByText(/The report is ready, with the ward map/).waitFor();
    await pane.screenshot("board-papers");
  });

  it("never overwrites: a second build is written as Table 4 (2), compared with the first", async () => {
    const pane = await open(demoSheets);
    await buildTable4(pane);
    await writeTable4(pane);
    const first = await pane.host<unknown[][]>("window.__host.store.values('Table 4')");
    await pane.page.getByText("Looking at the sheets…").waitFor({ state: "detached" });
    await pane.page.getByRole("combobox", { name: "Earlier matrix" }).click();
    await pane.page.getByRole("option", { name: "Table 4" }).click();
    await pane.page.getByRole("button", { name: "Preview matrix" }).click();
    await pane.page.getByRole("region", { name: "Changes since the earlier matrix" }).waitFor();
    await pane.page.getByText("No ward's flags or risk changed.").waitFor();
    const second = await writeTable4(pane);
    expect(second).toBe("Table 4 (2)");
    expect(await pane.host<unknown[][]>("window.__host.store.values('Table 4')")).toEqual(first);
    const values = await pane.host<unknown[][]>("window.__host.store.values('Table 4 (2)')");
    expect(values.flat()).toContain("Changes since Table 4");
    await pane.screenshot("build-twice");
  });

  it("writes another district's criteria from the lookup: district, last month, labels, rules and periods in a form, saved in the workbook", async () => {
    const lookup = {
      name: "Lookup",
      values: [
        ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM", "ObjectId"],
        ["E01018168", "Huntingdonshire 013C", "E05011270", "St Ives South", "E07000011", "Huntingdonshire", 1],
        ["E01018169", "Huntingdonshire 013D", "E05011271", "St Ives West", "E07000011", "Huntingdonshire", 2],
        ["E01018226", "South Cambridgeshire 019A", "E05011300", "Melbourn", "E07000012", "South Cambridgeshire", 3],
      ],
    };
    const pane = await open([...demoSheets.slice(0, 2), lookup]);
    const { page } = pane;
    await page.getByRole("tab", { name: "Table 4" }).click();
    await page.getByText("Looking at the sheets…").waitFor({ state: "detached" });
    await page.getByRole("combobox", { name: "Lookup sheet" }).click();
    await page.getByRole("option", { name: "Lookup" }).click();
    await page.getByRole("button", { name: "Criteria and risk key" }).click();
    await page.getByRole("combobox", { name: "District" }).click();
    await page.getByRole("option", { name: "Huntingdonshire" }).click();
    await page.getByLabel("Last month of the data").fill("2025-09");
    await page.getByRole("button", { name: "Use the standard criteria for this district" }).click();
    await page.getByText(/standard criteria for Huntingdonshire are in the form/).waitFor();
    expect(await page.getByLabel("Column label (council-asb)").inputValue()).toBe("Council ASB");
    expect(await page.getByLabel("Police recorded crime period from").inputValue()).toBe("2024-10");
    expect(await page.getByLabel("Deliberate fires period from").inputValue()).toBe("2022-10");
    await expect(page.getByText(/^Table 4 will print: “.*October 2024 and September 2025/).count()).resolves.toBeGreaterThan(0);
    await page.getByLabel("Column label (council-asb)").fill("HDC ASB");
    await page.getByLabel("Rule for HDC ASB").fill(">=8");
    await page.getByRole("button", { name: "Save criteria in this workbook" }).click();
    await page.getByText(/^Criteria saved in this workbook/).waitFor();
    const saved = await pane.host<string>("JSON.stringify([...window.__host.store.settings.values()])");
    const criteria = JSON.parse(JSON.parse(saved).find((v: string) => v.includes("criteria"))).criteria;
    expect(criteria.district.name).toBe("Huntingdonshire");
    expect(criteria.district.wards.map((w: { name: string }) => w.name)).toEqual(["St Ives South", "St Ives West"]);
    expect(criteria.columns.find((c: { id: string }) => c.id === "council-asb")).toMatchObject({
      label: "HDC ASB",
      rule: ">=8",
      criterion: "Wards which contain a village with the highest number (8+) of cases opened between October 2024 and September 2025",
    });
    expect(JSON.stringify(criteria)).not.toMatch(/SCDC|January 2020/);
    await pane.screenshot("district-criteria");
  });

  it("starts from the user's data: the workbook's lookup found, its one district offered first, the example's criteria replaced", async () => {
    const lookup = {
      name: "ONS lookup",
      values: [
        ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
        ["E01018168", "Huntingdonshire 013C", "E05011270", "St Ives South", "E07000011", "Huntingdonshire"],
        ["E01018169", "Huntingdonshire 013D", "E05011271", "St Ives West", "E07000011", "Huntingdonshire"],
      ],
    };
    const pane = await open([...demoSheets.slice(0, 2), lookup]);
    const { page } = pane;
    await page.getByRole("tab", { name: "Table 4" }).click();
    const first = page.getByRole("region", { name: "Your district" });
    await first.waitFor();
    await until(
      async () => (await page.getByRole("combobox", { name: "Lookup sheet" }).textContent()) === "ONS lookup",
      "the lookup found",
    );
    await until(
      async () => (await first.getByRole("combobox", { name: "District" }).textContent()) === "Huntingdonshire",
      "the district chosen",
    );
    // The periods end, and "Data compiled" says, the last month the returns have rows for (not the calendar's).
    const crimeSheet = demoSheets[0].values;
    const lastSerial = Math.max(...crimeSheet.slice(1).map((r) => (typeof r[0] === "number" ? r[0] : 0)));
    const lastDay = new Date(Date.UTC(1899, 11, 30) + lastSerial * 86_400_000);
    const policeAsb = demoSheets[1].values;
    const asbSerial = Math.max(...policeAsb.slice(1).map((r) => (typeof r[0] === "number" ? r[0] : 0)));
    const latest = new Date(Date.UTC(1899, 11, 30) + Math.max(lastSerial, asbSerial) * 86_400_000);
    expect(latest.getTime()).toBeGreaterThanOrEqual(lastDay.getTime());
    const month = latest.toISOString().slice(0, 7);
    await until(async () => (await first.getByLabel("Last month of the data").inputValue()) === month, `the data's last month ${month}`);
    await first.getByRole("button", { name: "Use the standard criteria for this district" }).click();
    await page.getByText(/standard criteria for Huntingdonshire are in the form/).waitFor();
    expect(await page.getByLabel("Data compiled").inputValue()).toBe(
      latest.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
    );
    await first.waitFor({ state: "detached" });
    expect(await page.getByText(/Build Table 4 for Huntingdonshire/).count()).toBe(1);
    // A column can be taken out of the criteria, and put back.
    await page.getByRole("button", { name: "Criteria and risk key" }).click();
    const columns = () => page.locator("fieldset").count();
    const before = await columns();
    await page.locator("fieldset", { hasText: "Benefits" }).getByRole("button", { name: "Remove this column" }).click();
    expect(await columns()).toBe(before - 1);
    await page.getByRole("combobox", { name: "Add a column" }).click();
    await page.getByRole("option", { name: /Benefits/ }).click();
    expect(await columns()).toBe(before);
    // The published example stays to hand by name.
    await page.getByRole("button", { name: "Or the published South Cambridgeshire criteria (January 2020)" }).click();
    await page.getByText(/Build Table 4 for South Cambridgeshire/).waitFor();
  });

  it("suggests each threshold from the district's own ward figures beside the rule, and takes it when accepted", async () => {
    const pane = await open(demoSheets);
    const { page } = pane;
    await page.getByRole("tab", { name: "Table 4" }).click();
    await page.getByText("Looking at the sheets…").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Criteria and risk key" }).click();
    // Offered once the sheets have been looked at (the columns' sheets are known then).
    await page.getByRole("button", { name: "Suggest thresholds from this workbook's data" }).click();
    const outcome = page.getByText(
      /^Under each rule in “Criteria and risk key” are the district's own ward figures|^Thresholds could not be suggested/,
    );
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/^Under each rule/);
    const crime = page.locator("fieldset", { hasText: "Police recorded crime" });
    const advice = (await crime.textContent()) ?? "";
    const [, threshold, flagged] =
      /The district's 26 wards: [\d, …]+\. (\d+)\+ flags the top fifth: (\d+) of 26 wards\./.exec(advice) ?? [];
    expect(Number(flagged)).toBeGreaterThanOrEqual(6);
    await crime.getByRole("button", { name: `Use ${threshold}+` }).click();
    expect(await page.getByLabel("Rule for Police recorded crime").inputValue()).toBe(`>=${threshold}`);
    expect(await crime.textContent()).toMatch(/threshold set at the top fifth of South Cambridgeshire's 26 wards/);
    // A rank or decile rule is relative already: it is kept, and says why.
    expect(await page.locator("fieldset", { hasText: "Benefits" }).textContent()).toMatch(/Kept as it is: its rule is relative/);
  });

  it("imports the ONS lookup CSV into a sheet and uses it for returns that give LSOAs", async () => {
    const byLsoa = {
      name: "Crime by LSOA",
      values: [
        ["Date", "LSOA", "Offence"],
        ...Array.from({ length: 400 }, (_, i) => [43410 + Math.floor((i % 12) * 30.4), "E01018226", "Harassment"]),
        [43500, "E01018257", "Harassment"],
      ],
    };
    const pane = await open([byLsoa, ...demoSheets.slice(1)]);
    const { page } = pane;
    await page.getByRole("tab", { name: "Table 4" }).click();
    await page.getByText("Looking at the sheets…").waitFor({ state: "detached" });
    await page.getByLabel("ONS lookup CSV file").setInputFiles(path.join(__dirname, "..", "fixtures", "lookup-sample.csv"));
    await page.getByText(/^Imported 5 rows into the sheet Lookup/).waitFor();
    const lookup = await pane.host<unknown[][]>("window.__host.store.values('Lookup')");
    expect(lookup[0]).toEqual(["FID", "LSOA11CD", "LSOA11NM", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM"]);
    expect(lookup[1][4]).toBe("Melbourn");
    await page.getByText("Looking at the sheets…").waitFor({ state: "detached" });
    await page.getByRole("combobox", { name: "Sheet for Police recorded crime" }).click();
    await page.getByRole("option", { name: "Crime by LSOA" }).click();
    await page.getByRole("button", { name: "Preview matrix" }).click();
    await page.getByRole("region", { name: "Matrix preview" }).waitFor();
    const melbourn = page.locator("tr[data-ward='Melbourn'] td").nth(1);
    expect(await melbourn.textContent()).toBe("3");
    await pane.screenshot("lookup-imported");
  });

  it("weighs offences by harm and inserts the equivalent formula", async () => {
    const violence = {
      name: "Violence",
      values: [["Offence", "Offences"], ...HUNTINGDONSHIRE_VIOLENCE],
    };
    const pane = await open([violence, { name: "Summary", values: [["Harm"]] }]);
    const { page } = pane;
    await page.getByRole("tab", { name: "Harm" }).click();
    await page.getByRole("combobox", { name: "Offence column" }).filter({ hasText: "Offence" }).waitFor();
    await page.getByLabel("Population").fill("180000");
    await page.getByRole("button", { name: "Calculate" }).click();
    await page.getByText("263,239").waitFor();
    await page.getByText("1,462.4").waitFor();
    await pane.host("window.__host.store.selection = { sheet: 'Summary', address: 'B2' }");
    await page.getByRole("button", { name: "Insert formula at the selected cell" }).click();
    await page.getByText(/^Inserted =CSP.HARMWEIGHT/).waitFor();
    const cell = await pane.host<{ formula: string }>("window.__host.store.sheet('Summary').cells.getRC(1, 1)");
    expect(cell.formula).toBe("=CSP.HARMWEIGHT(Violence!$A$2:$A$8,Violence!$B$2:$B$8,180000)");
    // The real function, registered by the pane's page, calculates the formula it wrote: the rate the pane showed.
    await pane.host("window.__host.settled()");
    const value = await pane.host<number>("window.__host.store.sheet('Summary').cells.getRC(1, 1).value");
    expect(value).toBeCloseTo(1462.4, 1);
    // With several areas selected, the formula goes at the first.
    await pane.host("window.__host.store.selection = { sheet: 'Summary', address: 'D4,F6:F8' }");
    await page.getByRole("button", { name: "Insert formula at the selected cell" }).click();
    await page.getByText(/^Inserted =CSP.HARMWEIGHT.* at Summary!D4/).waitFor();
    await pane.host("window.__host.settled()");
    expect(await pane.host<number>("window.__host.store.sheet('Summary').cells.getRC(3, 3).value")).toBeCloseTo(1462.4, 1);
    await pane.screenshot("harm");
  });

  it("calculates =CSP.RISKFLAG's named rule from the workbook's saved criteria before the pane is used, and again when it saves new ones", async () => {
    const criteria = JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC));
    criteria.columns.find((c: { id: string }) => c.id === "fires").rule = ">=30";
    const settings = { [SETTINGS_KEY]: JSON.stringify({ criteria, marking: "OFFICIAL", sources: {} }) };
    const fires = {
      name: "Fires by ward",
      values: [
        ["Ward", "Fires", "Flag", "Level"],
        ["Bar Hill", 25, '=CSP.RISKFLAG(B2:B3,"Deliberate Fires")', "=CSP.RISKLEVEL(B5:B6)"],
        ["Cottenham", 30, "", ""],
        ["", "", "", ""],
        ["Totals", 0, "", ""],
        ["", 3, "", ""],
      ],
    };
    const pane = await open([fires], { settings });
    const values = () => pane.host<unknown[][]>("window.__host.store.values('Fires by ward')");
    await pane.host("window.__host.settled()");
    expect((await values()).slice(1, 3).map((r) => r[2])).toEqual([false, true]);
    expect((await values()).slice(1, 3).map((r) => r[3])).toEqual(["Low", "High"]);
    const { page } = pane;
    await page.getByRole("tab", { name: "Table 4" }).click();
    await page.getByRole("button", { name: "Criteria and risk key" }).click();
    await page.getByLabel(/^Rule for Deliberate fires$/i).fill(">=20");
    await page.getByRole("button", { name: "Save criteria in this workbook" }).click();
    await page.getByText(/^Criteria saved in this workbook/).waitFor();
    await pane.host("window.__host.settled()");
    expect((await values()).slice(1, 3).map((r) => r[2])).toEqual([true, true]);
    expect(await pane.host("window.__host.stats.fullCalculations")).toBe(1);
  });

  it("reads Geography cells by their names and never calls a function on an error cell, with the built functions.json", async () => {
    const place = (text: string) => ({ type: "Entity", text, properties: { Population: { type: "Double", basicValue: 7000 } } });
    const claims = {
      name: "Claims",
      values: [
        ["Area", "Claims", "Flag"],
        [place("Linton"), 50, '=CSP.RISKFLAG(B2:B4,"top 1",A2:A4)'],
        [place("Sawston"), 1, ""],
        [place("Linton"), 1, ""],
        ["", "#N/A", '=CSP.RISKFLAG(B5,">=1")'],
      ],
    } as unknown as SheetValues;
    const pane = await open([claims]);
    await pane.host("window.__host.settled()");
    const values = await pane.host<unknown[][]>("window.__host.store.values('Claims')");
    expect(values.slice(1, 4).map((r) => r[2])).toEqual([true, false, true]);
    expect(values[4][2]).toBe("#N/A");
  });

  it("follows the workbook's sheets: one added, or the pane shown again, without pressing Refresh", async () => {
    const pane = await open(demoSheets.slice(0, 1));
    const { page } = pane;
    const sheetOptions = async () => {
      await page.getByRole("combobox", { name: "Sheet to check" }).click();
      const names = await page.getByRole("option").allTextContents();
      await page.keyboard.press("Escape");
      return names;
    };
    expect(await sheetOptions()).not.toContain("Fires Q4");
    await pane.host("Excel.run(async (c) => { c.workbook.worksheets.add('Fires Q4'); await c.sync(); })");
    await until(async () => (await sheetOptions()).includes("Fires Q4"));
    // A sheet that arrives while the pane is closed shows when it is opened again.
    await pane.host("window.__host.store.sheets.push(window.__host.store.newSheet('Fires Q1', [['Date']]))");
    await pane.host("window.__host.setVisibility('Taskpane')");
    await until(async () => (await sheetOptions()).includes("Fires Q1"));
  });

  it("has no accessibility violations of its own in any view (axe-core)", async () => {
    const pane = await open(demoSheets);
    const { page } = pane;
    await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
    const check = async (view: string) => {
      await page.getByRole("tab", { name: view }).click();
      await page.waitForTimeout(300);
      const result = await page.evaluate(
        // Fluent's focus manager (Tabster) places focusable, aria-hidden sentinels by design: they are not the pane's.
        "axe.run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
      );
      const found = (result as { violations: { id: string; nodes: { target: string[]; html: string }[] }[] }).violations.map(
        (v) => `${view}: ${v.id} at ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html}`).join(", ")}`,
      );
      expect(found).toEqual([]);
    };
    await page.getByRole("button", { name: "Check sheet" }).click();
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    await check("Check a return");
    await check("Table 4");
    await check("Harm");
  });

  it("works at ExcelApi 1.10, the floor the manifest declares: check, mark, unmark, preview, write", async () => {
    const messy = await sheetFromFile(path.join(FIXTURES, "unknown-ward.csv"), "Fires Q3");
    const pane = await open([messy], { excelApi: "1.10" });
    const { page } = pane;
    const before = await snapshot(pane);
    await page.getByRole("button", { name: "Check sheet" }).click();
    await page.getByRole("status", { name: "Findings by severity" }).waitFor();
    const mark = page.getByRole("button", { name: "Mark findings on the sheet" });
    expect(await mark.getAttribute("aria-disabled")).toBeNull();
    {
      await mark.click();
      await until(async () => (await page.getByRole("button", { name: "Remove marks" }).getAttribute("aria-disabled")) !== "true");
      await page.getByRole("button", { name: "Remove marks" }).click();
      // Every cell's value and fill as before, and no comment left.
      const fills = (json: string) =>
        (
          JSON.parse(json) as { sheets: { cells: [string, { value: unknown; format?: { fill?: string } }][] }[]; comments: unknown[] }
        ).sheets
          .flatMap((x) => x.cells.map(([k, v]) => [k, v.value, v.format?.fill ?? null]))
          .concat([["comments", JSON.parse(json).comments.length]]);
      await until(async () => JSON.stringify(fills(await snapshot(pane))) === JSON.stringify(fills(before)), "the marks removed");
    }
    const demo = await open(demoSheets, { excelApi: "1.10" });
    await buildTable4(demo);
    expect(await writeTable4(demo)).toBe("Table 4");
    for (const p of [page, demo.page]) await expect(p.getByText(/needs ExcelApi/).count()).resolves.toBe(0);
  });

  it("can be used by keyboard alone: focus stays on each action, results are announced, a disabled action says why", async () => {
    const pane = await open(demoSheets);
    const { page } = pane;
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    // What was announced, by the browser's ariaNotify where it has one, or a live region otherwise.
    await page.evaluate(() => {
      const w = window as unknown as { __announced: string[] };
      w.__announced = [];
      const d = document as unknown as { ariaNotify?: (m: string, o?: unknown) => void };
      const notify = d.ariaNotify?.bind(document);
      if (notify)
        d.ariaNotify = (m, o) => {
          w.__announced.push(m);
          notify(m, o);
        };
      new MutationObserver(() =>
        document.querySelectorAll("[aria-live]").forEach((e) => e.textContent && w.__announced.push(e.textContent)),
      ).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const announced = () => page.evaluate(() => (window as unknown as { __announced: string[] }).__announced.join(" | "));
    const tabTo = async (name: string) => {
      for (let i = 0; i < 80 && (await focused()) !== name; i++) await page.keyboard.press("Tab");
      expect(await focused()).toBe(name);
    };
    // Check a return: Tab to the button, Enter, and focus is still there when the result is in.
    await tabTo("Check sheet");
    await page.keyboard.press("Enter");
    await page.getByRole("status", { name: "Findings by severity" }).waitFor();
    expect(await focused()).toBe("Check sheet");
    // Table 4: Write says why it cannot be used yet, and can still be reached.
    await page.getByRole("tab", { name: "Table 4" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Looking at the sheets…").waitFor({ state: "detached" });
    await tabTo("Preview matrix");
    const write = page.getByRole("button", { name: "Write Table 4 sheet" });
    expect(await write.getAttribute("aria-disabled")).toBe("true");
    expect(await page.locator(`#${await write.getAttribute("aria-describedby")}`.replace(/:/g, "\\:")).textContent()).toBe(
      "Preview the matrix first.",
    );
    await page.keyboard.press("Enter");
    await page.getByRole("region", { name: "Matrix preview" }).waitFor();
    expect(await focused()).toBe("Preview matrix");
    await tabTo("Write Table 4 sheet");
    await page.keyboard.press("Enter");
    await page.getByText(/^Wrote Table 4/).waitFor();
    expect(await focused()).toBe("Write Table 4 sheet");
    await until(async () => /Wrote Table 4/.test(await announced()), "the result announced in a live region");

    // Harm: by keyboard to Calculate, and the result read where focus stays.
    const harm = await open([{ name: "Violence", values: [["Offence", "Offences"], ...HUNTINGDONSHIRE_VIOLENCE] }]);
    const hp = harm.page;
    await hp.getByRole("tab", { name: "Harm" }).focus();
    await hp.keyboard.press("Enter");
    await hp.getByRole("combobox", { name: "Offence column" }).filter({ hasText: "Offence" }).waitFor();
    const harmFocused = () => hp.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    for (let i = 0; i < 40 && (await harmFocused()) !== "Calculate"; i++) await hp.keyboard.press("Tab");
    expect(await harmFocused()).toBe("Calculate");
    await hp.keyboard.press("Enter");
    await hp.getByText("263,239").waitFor();
    expect(await harmFocused()).toBe("Calculate");
  });

  it("would see a WebSocket, a service worker or a fetch elsewhere: the network guard's own check", async () => {
    const pane = await open(demoSheets.slice(0, 1));
    await pane.page.evaluate(`(() => {
      new WebSocket("wss://collector.example.org/socket");
      navigator.serviceWorker.register("/sw.js").catch(() => undefined);
    })()`);
    // The page's policy refuses a fetch elsewhere before it is sent; the policy is the guard there.
    await pane.page.evaluate("fetch('https://collector.example.org/x').catch(() => undefined)");
    await until(() => Promise.resolve(pane.forbidden.length >= 2));
    expect(pane.forbidden).toEqual(
      expect.arrayContaining(["wss://collector.example.org/socket", expect.stringMatching(/^service worker .*sw.js/)]),
    );
    expect(await pane.refusedByPolicy()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^connect-src https:\/\/collector.example.org/)]),
    );
    pane.forbidden.splice(0);
    await pane.page.evaluate("window.__refused.splice(0)");
  });

  it("says why it cannot start: office.js blocked on the way, or Excel silent", async () => {
    const blocked = await context.newPage();
    await blocked.route("**/*", (route) =>
      route.request().url().startsWith(server.url) ? route.continue() : route.abort("blockedbyclient"),
    );
    await blocked.goto(`${server.url}/taskpane.html?_host_Info=Excel$Win32$16.01$en-GB$$$$0`);
    await blocked.getByText(/office\.js could not be loaded from Microsoft/).waitFor();
    await blocked.close();
    const silent = await open([{ name: "Sheet1", values: [["x"]] }], { neverReady: true });
    await silent.page.getByText(/Excel has not answered the pane for 5 seconds/).waitFor();
  });

  it("follows Office's dark theme", async () => {
    const pane = await open(demoSheets, { theme: { bodyBackgroundColor: "#1F1F1F" } });
    await pane.page.getByRole("button", { name: "Check sheet" }).waitFor();
    const background = await pane.page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(3 * 80);
    await pane.screenshot("dark-theme");
  });

  it("leaves the workbook unchanged when a failure is injected mid-write, and says so", async () => {
    const pane = await open(demoSheets);
    await buildTable4(pane);
    const before = await snapshot(pane);
    // The third sync that writes (the formatting, after the sheet and its values) fails.
    await pane.host("window.__host.failAtWriteSync = window.__host.stats.writeSyncs + 3");
    await pane.page.getByRole("button", { name: "Write Table 4 sheet" }).click();
    await pane.page.getByText(/^Table 4 was not written, and the workbook is as it was/).waitFor();
    expect(await snapshot(pane)).toBe(before);
    await pane.screenshot("write-failed");
  });
});
