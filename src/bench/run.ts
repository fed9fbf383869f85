/*
 * npm run bench: speed and memory figures, printed (never asserted by the tests: this machine is
 * shared and noisy). Each line names the target it is measured against.
 */
import { execSync } from "child_process";
import { mapBench } from "./mapBench";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellText } from "../engine/read/cells";
import { rowCountOf } from "../engine/read/grid";
import { defaultCriteria } from "../engine/rules/criteria";
import { harmWeight, riskFlag } from "../engine/rules/formulas";
import { Geography } from "../engine/geography/geography";
import { buildMatrix } from "../engine/matrix/matrix";
import { checkInputs } from "../engine/matrix/pipeline";
import { placeReturn, readReturn } from "../engine/returns/returns";
import { returnKind } from "../engine/returns/returnKinds";
import { readSheets } from "../io/readFiles";
import { formatFindings } from "../cli/main";
import { toCsv } from "../engine/read/csvWrite";
import { finding } from "../engine/findings/findings";
import { generateReturns, generateWideReturn, WARDS } from "./generate";
import { bundleSizes, buildInSimulatedHost, paneResponsiveness, timeToInteractive } from "./pane";
import { policeUkBench } from "./policeBench";
import { csvBench, writeFiresCsv, xlsxBench } from "./xlsxBench";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

function time<T>(fn: () => T): { value: T; ms: number } {
  const t = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

function best<T>(runs: number, fn: () => T): { value: T; ms: number } {
  let result = time(fn);
  for (let i = 1; i < runs; i++) {
    const r = time(fn);
    if (r.ms < result.ms) result = r;
  }
  return result;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

function line(label: string, figure: string, target = ""): void {
  console.log(`${label.padEnd(58)} ${figure.padStart(16)}${target ? `   (${target})` : ""}`);
}

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
const DUCKDB_DIR = path.resolve(__dirname, "..", "..", ".bench");

/** DuckDB for the comparisons, installed into .bench/ (not the project's dependencies) on first use; undefined when it cannot be. */
function duckDbDir(): string | undefined {
  const load = () => require(require.resolve("@duckdb/node-api", { paths: [DUCKDB_DIR] }));
  try {
    load();
    return DUCKDB_DIR;
  } catch {
    console.log("  (installing @duckdb/node-api into .bench/ for the comparison)");
    try {
      fs.mkdirSync(DUCKDB_DIR, { recursive: true });
      execSync("npm install --no-audit --no-fund --no-save --prefix . @duckdb/node-api", { stdio: "ignore", cwd: DUCKDB_DIR });
      load();
      return DUCKDB_DIR;
    } catch {
      return undefined;
    }
  }
}

function loadDuckDb(): any {
  const dir = duckDbDir();
  return dir ? require(require.resolve("@duckdb/node-api", { paths: [dir] })) : undefined;
}

/** The same grouping (rows per kind and ward, deliberate fires only, inside the period) in DuckDB. */
async function duckdbRatio(sheets: ReturnType<typeof generateReturns>, engineMs: number): Promise<void> {
  const duck = loadDuckDb();
  if (!duck) {
    line("DuckDB comparison", "skipped", "@duckdb/node-api could not be installed");
    return;
  }
  const instance = await duck.DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  await con.run("CREATE TABLE incidents (kind VARCHAR, day INTEGER, ward VARCHAR, cause VARCHAR)");
  const appender = await con.createAppender("incidents");
  const dayOf = (d: unknown) => {
    if (typeof d === "number") return d - 25569;
    const t = String(d);
    return Math.floor(Date.UTC(Number(t.slice(6, 10)), Number(t.slice(3, 5)) - 1, Number(t.slice(0, 2))) / 86400000);
  };
  for (const s of sheets.slice(0, 4)) {
    const dateCol = s.sheet === "fires" || s.sheet === "council-asb" ? 1 : 0;
    const wardCol = s.sheet === "fires" || s.sheet === "council-asb" ? 3 : 2;
    for (let i = 1; i < s.rows.length; i++) {
      const row = s.rows[i] ?? [];
      appender.appendVarchar(s.sheet);
      appender.appendInteger(dayOf(row[dateCol]));
      appender.appendVarchar(cellText(row[wardCol]));
      appender.appendVarchar(s.sheet === "fires" ? cellText(row[2]) : "");
      appender.endRow();
    }
  }
  appender.closeSync();
  const from = Math.floor(Date.UTC(2016, 11, 1) / 86400000);
  const to = Math.floor(Date.UTC(2019, 10, 30) / 86400000);
  const query = `SELECT kind, ward, count(*) FROM incidents WHERE (kind <> 'fires' OR cause = 'Deliberate') AND day BETWEEN ${from} AND ${to} GROUP BY kind, ward`;
  let ms = Infinity;
  for (let i = 0; i < 4; i++) {
    const t = process.hrtime.bigint();
    await con.runAndReadAll(query);
    ms = Math.min(ms, Number(process.hrtime.bigint() - t) / 1e6);
  }
  line("DuckDB: the same grouping on ~900,000 rows already loaded", `${ms.toFixed(0)} ms`);
  line("engine matrix / DuckDB group-by (time ratio)", `${(engineMs / ms).toFixed(2)}x`, "lower is better");
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

/** The CSV reader as the command line uses it: bytes streamed from disk, decoded, split. */
async function readingBench(sheets: ReturnType<typeof generateReturns>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-bench-"));
  try {
    const file = path.join(dir, "crime.csv");
    const rows = sheets[0].rows.map((r = []) => r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : cellText(c))));
    fs.writeFileSync(file, toCsv(rows));
    const size = fs.statSync(file).size;
    let fastest = Infinity;
    let read = 0;
    for (let run = 0; run < 3; run++) {
      gc();
      const t0 = performance.now();
      read = rowCountOf((await readSheets(file))[0]) - 1;
      fastest = Math.min(fastest, performance.now() - t0);
    }
    line(`read a ${mb(size)} CSV (${read.toLocaleString("en-GB")} rows), streamed and decoded`, `${fastest.toFixed(0)} ms`);
    line("  megabytes per second", `${(size / 1048576 / (fastest / 1000)).toFixed(0)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text report over many findings: twice the findings should take about twice the time. */
function reportBench(): void {
  const findings = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      finding(i % 3 ? "bad-date" : "unknown-value", {
        file: `return-${i % 7}.xlsx`,
        sheet: "Data",
        at: { kind: "cell", row: i + 1, col: 0 },
        params:
          i % 3
            ? { form: "unreadable", header: "Date", row: i + 2, reason: "is not a date" }
            : { header: "Cause", value: `cause ${i}`, allowed: ["Deliberate", "Accidental"], count: 1, cells: "" },
      }),
    );
  const small = findings(60_000);
  const large = findings(120_000);
  const a = best(3, () => formatFindings(small));
  const b = best(3, () => formatFindings(large));
  line("text report of 60,000 findings", `${a.ms.toFixed(0)} ms`);
  line("  120,000 findings / 60,000 findings", `${(b.ms / a.ms).toFixed(2)}x`, "linear: about 2x");
}

async function main(): Promise<void> {
  console.log(`riskmatrix bench on ${os.cpus().length} cores, node ${process.version}\n`);
  const criteria = defaultCriteria();

  // Targets: the engine builds the matrix from 1,000,000 incident rows in under 1 s,
  // and parses/validates at over 1,000,000 rows/s.
  gc();
  const sheets = generateReturns(1_000_000);
  const rows = sheets.reduce((n, s) => n + s.rows.length - 1, 0);
  const heapBefore = process.memoryUsage().heapUsed;
  const checked = best(3, () =>
    checkInputs(
      sheets.map((s) => ({ file: s.file, kind: s.sheet, sheets: [s] })),
      { criteria },
    ),
  );
  line(`parse + validate + place ${rows.toLocaleString("en-GB")} rows (6 returns)`, `${checked.ms.toFixed(0)} ms`);
  line("  rows per second", `${Math.round(rows / (checked.ms / 1000)).toLocaleString("en-GB")}`, "target > 1,000,000");
  const matrix = best(3, () => buildMatrix({ criteria, geography: checked.value.geography!, returns: checked.value.returns }));
  line("build the six-column matrix from the parsed rows", `${matrix.ms.toFixed(0)} ms`);
  line("  parse + validate + build, end to end", `${(checked.ms + matrix.ms).toFixed(0)} ms`, "target < 1,000 ms");
  line("  heap held by the parsed returns", mb(process.memoryUsage().heapUsed - heapBefore));
  await duckdbRatio(sheets, matrix.ms);
  await readingBench(sheets);
  reportBench();
  gc();
  await policeUkBench(line);

  // Excel's largest sheet, 8 columns, validated in the engine.
  gc();
  const wide = generateWideReturn();
  const fires = returnKind("fires")!;
  const g = new Geography({ district: "South Cambridgeshire", wards: WARDS.map((name) => ({ name })) });
  const heapWide = process.memoryUsage().heapUsed;
  const validated = best(2, () => {
    return placeReturn(readReturn(wide, fires), g);
  });
  line(`validate ${(wide.rows.length - 1).toLocaleString("en-GB")} rows x 8 columns`, `${validated.ms.toFixed(0)} ms`);
  line("  rows per second", `${Math.round((wide.rows.length - 1) / (validated.ms / 1000)).toLocaleString("en-GB")}`, "target > 1,000,000");
  line("  heap held per accepted row", `${((process.memoryUsage().heapUsed - heapWide) / validated.value.accepted).toFixed(0)} bytes`);
  const bad = generateWideReturn(1_048_576, 3, 10);
  const withFindings = time(() => readReturn(bad, fires));
  line(
    "a return with 104,857 bad dates: findings reported",
    withFindings.value.findings.filter((f) => f.code === "bad-date").length.toLocaleString("en-GB"),
    "every one counted",
  );
  line("  validation time with those findings", `${withFindings.ms.toFixed(0)} ms`);

  // Custom functions: a 100,000-row call.
  const values = Array.from({ length: 100_000 }, (_, i) => [i % 700]);
  const flag = best(5, () => riskFlag(values, ">=400"));
  line('=CSP.RISKFLAG over 100,000 rows (">=400")', `${flag.ms.toFixed(1)} ms`, "target < 100 ms");
  const top = best(5, () =>
    riskFlag(
      values,
      "top 5",
      values.map((v, i) => [WARDS[i % 26]]),
    ),
  );
  line('=CSP.RISKFLAG over 100,000 rows ("top 5" by ward)', `${top.ms.toFixed(1)} ms`, "target < 100 ms");
  const offences = ["Threats to kill", "Harassment (incl. attempts)", "Common assault and battery", "Arson not endangering life"];
  const off = Array.from({ length: 100_000 }, (_, i) => [offences[i & 3]]);
  const counts = Array.from({ length: 100_000 }, (_, i) => [i % 9]);
  const harm = best(5, () => harmWeight(off, counts, 180000));
  line("=CSP.HARMWEIGHT over 100,000 rows (with counts)", `${harm.ms.toFixed(1)} ms`, "target < 100 ms");
  const scores = best(5, () => harmWeight(off));
  line("=CSP.HARMWEIGHT over 100,000 rows (scores)", `${scores.ms.toFixed(1)} ms`, "target < 100 ms");

  // Reading at the limit: Excel's largest sheet as .xlsx against the inflate-and-scan floor, and as CSV against DuckDB.
  if (!process.argv.includes("--quick")) {
    gc();
    xlsxBench(line, wide);
    csvBench(line, wide, duckDbDir());
  }
  gc();
  mapBench(line);
  // The task pane: bundle sizes, time to interactive, and a million rows through the Excel adapter.
  const dist = path.resolve(__dirname, "..", "..", "dist");
  bundleSizes(dist, line);
  await timeToInteractive(dist, line);
  if (!process.argv.includes("--quick")) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-pane-"));
    try {
      writeFiresCsv(path.join(dir, "fires.csv"), wide);
      await paneResponsiveness(dist, path.join(dir, "fires.csv"), line);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  gc();
  await buildInSimulatedHost(line);
  line("peak resident memory of the bench", mb(Math.max(peakRss, process.memoryUsage().rss)));
  clearInterval(sampler);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
