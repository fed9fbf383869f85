/*
 * Rates per 1,000 residents: a population file by LSOA (shaped as the IoD's File 7), summed over
 * each ward's LSOAs through the ONS lookup; a ward with an LSOA missing has no population, never
 * part of one.
 */
import * as fs from "fs";
import * as path from "path";
import { DEMO, ONS_LOOKUP } from "../helpers/publicData";
import { run, tempDir } from "./helpers";

interface Ward {
  ward: string;
  population: number | null;
  evidence: Record<string, { value: number | null; rate?: number; reason: string }>;
}

function lookupRows(): { lsoa: string; ward: string }[] {
  const [header, ...lines] = fs
    .readFileSync(ONS_LOOKUP, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/);
  const cols = header.split(",");
  return lines
    .map((l) => l.split(","))
    .filter((c) => c[cols.indexOf("LAD19NM")] === "South Cambridgeshire")
    .map((c) => ({ lsoa: c[cols.indexOf("LSOA11CD")], ward: c[cols.indexOf("WD19NM")] }));
}

describe("build --population", () => {
  it("gives each ward its residents and each count its rate per 1,000, and no rate where a ward's LSOAs are not all known", async () => {
    const dir = tempDir();
    const lsoas = lookupRows();
    const left = lsoas.find((l) => l.ward === "Melbourn")!.lsoa;
    const file = path.join(dir, "File_7_IoD2019_Population_Denominators.csv");
    fs.writeFileSync(
      file,
      [
        'LSOA code (2011),LSOA name (2011),"Total population: mid 2015 (excluding prisoners)","Dependent Children aged 0-15: mid 2015 (excluding prisoners)"',
        ...lsoas
          .filter((l) => l.lsoa !== left)
          .map((l, i) => `${l.lsoa},South Cambridgeshire ${i},"1,${String(400 + i).padStart(3, "0")}",300`),
      ].join("\r\n"),
    );
    const r = await run("build", DEMO, "--lookup", ONS_LOOKUP, "--population", file, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { wards: Ward[]; notes: string[] };
    const expected = new Map<string, number>();
    lsoas.forEach((l, i) => l.lsoa !== left && expected.set(l.ward, (expected.get(l.ward) ?? 0) + 1400 + i));
    const balsham = json.wards.find((w) => w.ward === "Balsham")!;
    expect(balsham.population).toBe(expected.get("Balsham"));
    expect(balsham.evidence.crime.rate).toBe(Math.round((balsham.evidence.crime.value! / balsham.population!) * 10_000) / 10);
    expect(balsham.evidence.crime.reason).toMatch(
      /^The ward's count is 96 \(\d+(\.\d)? per 1,000 residents\), which does not meet 400 or more\.$/,
    );
    // A rate is for a ward's own count: a village's or an LSOA's figure has none.
    expect(balsham.evidence["council-asb"].rate).toBeUndefined();
    const melbourn = json.wards.find((w) => w.ward === "Melbourn")!;
    expect(melbourn.population).toBeNull();
    expect(melbourn.evidence.crime.rate).toBeUndefined();
    expect(json.notes.join(" ")).toMatch(
      /Rates per 1,000 residents: Total population: mid 2015 \(excluding prisoners\) from File_7_IoD2019_Population_Denominators\.csv, .*not known for Melbourn/,
    );
  });

  it("refuses a file without LSOA codes and populations, naming it", async () => {
    const dir = tempDir();
    const file = path.join(dir, "people.csv");
    fs.writeFileSync(file, "Ward,People\nBalsham,3000\n");
    const r = await run("build", DEMO, "--population", file, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: "not-a-population-file", params: { file } });
  });
});
