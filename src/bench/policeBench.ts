import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildTable4 } from "../app/table4";
import { builtInCriteria } from "../engine/rules/criteria";
import { AnyLookup, readLookup } from "../engine/geography/lookups";
import { readInputFiles, readSheets } from "../io/readFiles";
import { PoliceUkArea, writePoliceUkDownload } from "./policeUk";

const CAMBRIDGESHIRE = ["Cambridge", "East Cambridgeshire", "Fenland", "Huntingdonshire", "Peterborough", "South Cambridgeshire"];
const LOOKUP = path.resolve(__dirname, "..", "..", "data", "public", "ons_lsoa11_ward19_lookup_ew.csv");

/**
 * A force-wide data.police.uk download for 12 months (about 900,000 rows: Cambridgeshire's 487
 * LSOAs) read from disk and built into the police columns of all six districts' Table 4.
 * Target: under 2 s.
 */
export async function policeUkBench(line: (label: string, figure: string, target?: string) => void): Promise<void> {
  const [lookupSheet] = await readSheets(LOOKUP);
  const r = readLookup(lookupSheet);
  if (!r.ok || "links" in r.lookup) throw new Error("The ONS lookup could not be read.");
  const lookups: AnyLookup[] = [r.lookup];
  const areas: PoliceUkArea[] = r.lookup.entries
    .filter((e) => CAMBRIDGESHIRE.includes(e.district ?? ""))
    .map((e, i) => ({ lsoa: e.area, name: e.areaName ?? e.area, crimes: 115 + (i % 40), asb: 15 + (i % 12) }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-police-"));
  try {
    const months = Array.from({ length: 12 }, (_, i) => 2024 * 12 + 9 + i);
    writePoliceUkDownload(dir, { force: "Cambridgeshire Constabulary", slug: "cambridgeshire", months, areas, noLocation: 150 });
    const criteria = builtInCriteria(
      {
        columns: [
          { id: "crime", label: "Police recorded crime", kind: "police-crime", period: { from: "2024-10", to: "2025-09" }, rule: ">=400" },
          { id: "asb", label: "Police recorded ASB", kind: "police-asb", period: { from: "2024-10", to: "2025-09" }, rule: ">=120" },
        ],
      },
      "bench",
    );
    const t0 = process.hrtime.bigint();
    const files = await readInputFiles(dir);
    const t1 = process.hrtime.bigint();
    const outcome = buildTable4({ inputs: files, lookups, criteria, districts: [], allDistricts: true, today: 2026 * 12 + 10 });
    const t2 = process.hrtime.bigint();
    if (!outcome.ok) throw new Error(outcome.message);
    const rows = outcome.tables[0].result.returns.filter((x) => !x.derivedFrom).reduce((n, x) => n + x.rowsRead, 0);
    const readMs = Number(t1 - t0) / 1e6;
    const buildMs = Number(t2 - t1) / 1e6;
    line(
      `data.police.uk: ${rows.toLocaleString("en-GB")} rows in 12 monthly files to ${outcome.tables.length} districts`,
      `${((readMs + buildMs) / 1000).toFixed(2)} s`,
      "target < 2 s",
    );
    line("  read the CSV files from disk", `${readMs.toFixed(0)} ms`);
    line("  recognise, check, place in each district, build", `${buildMs.toFixed(0)} ms`);
    line("  rows per second, end to end", Math.round(rows / ((readMs + buildMs) / 1000)).toLocaleString("en-GB"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
