/*
 * One reading for the bench, alone in its process so that its peak memory is its own:
 *   floor FILE     inflate every part of an .xlsx with fflate and pass once over its bytes
 *   read FILE      read the .xlsx with the project's reader
 *   xlsx FILE      read it and validate it as a fires return
 *   csv FILE       read the fires CSV and build its column (parse, validate, place, count)
 *   csv-floor FILE read the CSV, decode it and pass once over it, finding fields and hashing them
 *   duckdb:DIR FILE  DuckDB (installed in DIR) answering the same question from the same CSV
 *   duckdb1:DIR FILE the same on one thread
 * Prints its figures as JSON.
 */
import * as fs from "fs";
import { rowCountOf } from "../engine/read/grid";
import { builtInCriteria } from "../engine/rules/criteria";
import { Geography } from "../engine/geography/geography";
import { buildFromInputs } from "../engine/matrix/pipeline";
import { placeReturn, readReturn } from "../engine/returns/returns";
import { returnKind } from "../engine/returns/returnKinds";
import { FNV_OFFSET, FNV_PRIME } from "../engine/read/hash";
import { inflateEntry, zipEntries, ZipProblem } from "../engine/read/zip";
import { TextStreamDecoder } from "../io/decodeText";
import { readSheets } from "../io/readFiles";
import { WARDS } from "./generate";

const [mode, file] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The fires column over the generated rows' three years, deliberate fires only. */
const FIRES = builtInCriteria(
  {
    title: "bench",
    district: { name: "South Cambridgeshire", wards: WARDS },
    columns: [
      {
        id: "fires",
        label: "Deliberate fires",
        kind: "fires",
        period: { from: "2016-12", to: "2019-11" },
        filter: { cause: "Deliberate" },
        rule: ">=20",
      },
    ],
  },
  "bench",
);

function floor(): number {
  const bytes = fs.readFileSync(file);
  let tags = 0;
  for (const entry of zipEntries(bytes).values())
    inflateEntry(
      bytes,
      entry,
      Infinity,
      () => new ZipProblem("", ""),
      (chunk) => {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x3c) tags++;
      },
    );
  return tags;
}

/**
 * The least a reader of this CSV can do in JavaScript on one core: read it in the reader's
 * chunks, decode them as the reader does, find each field's end and hash the field.
 */
function csvFloor(): number {
  const fd = fs.openSync(file, "r");
  const chunk = Buffer.allocUnsafe(1 << 20);
  const decoder = new TextStreamDecoder();
  let fields = 0;
  let hash = FNV_OFFSET;
  for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
    const text = decoder.write(chunk.subarray(0, n));
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 10 || c === 13) {
        if (hash !== FNV_OFFSET) fields++;
        hash = FNV_OFFSET;
      } else hash = Math.imul(hash ^ c, FNV_PRIME);
    }
  }
  fs.closeSync(fd);
  return fields;
}

async function xlsx(): Promise<number> {
  const [sheet] = await readSheets(file);
  const g = new Geography({ district: "South Cambridgeshire", wards: WARDS.map((name) => ({ name })) });
  return placeReturn(readReturn(sheet, returnKind("fires")!), g).accepted;
}

async function csv(): Promise<{ rows: number; result: string }> {
  const sheets = await readSheets(file);
  const built = buildFromInputs([{ file, kind: "fires", sheets }], { criteria: FIRES });
  if (!built.matrix) throw new Error(`The fires column was not built: ${built.findings.map((f) => f.message).join("; ")}`);
  const counts = built.matrix.rows.map((r) => `${r.ward}:${/\d[\d,]*/.exec(r.evidence.fires ?? "")?.[0]?.replace(/,/g, "") ?? "0"}`);
  return { rows: built.returns[0].rowsRead, result: counts.sort().join(" ") };
}

/* eslint-disable @typescript-eslint/no-require-imports */
async function duckdb(dir: string, threads?: number): Promise<{ ms: number; result: string }> {
  const duck = require(require.resolve("@duckdb/node-api", { paths: [dir] }));
  const instance = await duck.DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  if (threads) await con.run(`SET threads = ${threads}`);
  const t = performance.now();
  const reader = await con.runAndReadAll(
    `SELECT "Ward" AS ward, sum("No. of fires") AS n FROM read_csv('${file.replace(/'/g, "''")}', header = true, dateformat = '%d/%m/%Y')
     WHERE "Cause of fire" = 'Deliberate' AND "Date of Call" BETWEEN DATE '2016-12-01' AND DATE '2019-11-30' GROUP BY "Ward"`,
  );
  const ms = performance.now() - t;
  const rows = reader.getRows() as [string, bigint][];
  return {
    ms,
    result: rows
      .map(([w, n]) => `${w}:${n}`)
      .sort()
      .join(" "),
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

async function main(): Promise<void> {
  gc();
  const baseRss = process.memoryUsage().rss;
  const t = performance.now();
  let rows = 0;
  let result: string | undefined;
  let ms: number | undefined;
  if (mode === "floor") rows = floor();
  else if (mode === "xlsx") rows = await xlsx();
  else if (mode === "read") rows = rowCountOf((await readSheets(file))[0]);
  else if (mode === "csv") ({ rows, result } = await csv());
  else if (mode === "csv-floor") rows = csvFloor();
  else if (mode.startsWith("duckdb:")) ({ ms, result } = await duckdb(mode.slice(7)));
  else if (mode.startsWith("duckdb1:")) ({ ms, result } = await duckdb(mode.slice(8), 1));
  else throw new Error(`unknown mode ${mode}`);
  ms ??= performance.now() - t;
  process.stdout.write(JSON.stringify({ ms, rows, result, baseRss, peakRss: process.resourceUsage().maxRSS * 1024 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
