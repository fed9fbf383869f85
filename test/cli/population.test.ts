/*
 * Rates per 1,000 residents: a population file by LSOA (shaped as the IoD's File 7), summed over
 * each ward's LSOAs through the ONS lookup; a ward with an LSOA missing has no population, never
 * part of one.
 */
import * as fs from "fs";
import * as path from "path";
import { DEMO, ONS_LOOKUP } from "../helpers/publicData";
import { run, tempDir } from "./helpers";
import { DEFAULT_CRITERIA_SPEC } from "../../src/engine/rules/criteria";

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

/** The IoD's File 7 as published: ranks, deciles and scores, and the population denominators, for the district's LSOAs. */
function writeFile7(dir: string, lsoas: { lsoa: string }[], residents: (i: number) => number | undefined): string {
  const imd = fs.readFileSync(path.join(DEMO, "imd-2019-south-cambridgeshire.csv"), "utf8").split(/\r?\n/).slice(1);
  const decile = new Map(imd.map((l) => [l.split(",")[0], l.slice(l.lastIndexOf(",") + 1)]));
  const file = path.join(dir, "File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv");
  fs.writeFileSync(
    file,
    [
      "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Score,Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),Total population: mid 2015 (excluding prisoners)",
      ...lsoas.map(
        (l, i) =>
          `${l.lsoa},South Cambridgeshire ${i},E07000012,South Cambridgeshire,10.1,${decile.get(l.lsoa) ?? 5},${residents(i) ?? ""}`,
      ),
    ].join("\r\n"),
  );
  return file;
}

/** The demo's returns without its deprivation file, and File 7 in its place. */
function demoWithFile7(residents: (i: number) => number | undefined): { dir: string; lsoas: { lsoa: string; ward: string }[] } {
  const dir = tempDir();
  for (const f of fs.readdirSync(DEMO)) if (!/^imd-|README/.test(f)) fs.copyFileSync(path.join(DEMO, f), path.join(dir, f));
  const lsoas = lookupRows();
  writeFile7(dir, lsoas, residents);
  return { dir, lsoas };
}

describe("File 7 among the inputs, and rules on rates", () => {
  it("takes the residents from an IoD File 7 given as the deprivation return, with no --population", async () => {
    const { dir, lsoas } = demoWithFile7((i) => 1400 + i);
    const r = await run("build", dir, "--lookup", ONS_LOOKUP, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { wards: Ward[]; notes: string[] };
    const expected = new Map<string, number>();
    lsoas.forEach((l, i) => expected.set(l.ward, (expected.get(l.ward) ?? 0) + 1400 + i));
    for (const w of json.wards) expect(w.population).toBe(expected.get(w.ward));
    expect(json.notes.join(" ")).toMatch(/Rates per 1,000 residents: Total population: mid 2015 \(excluding prisoners\) from File_7_/);
  });

  it("flags a ward by its count per 1,000 residents under a rate rule, and says not known where its residents are not", async () => {
    const missing = 3;
    const { dir, lsoas } = demoWithFile7((i) => (i === missing ? undefined : 1000 + 7 * i));
    const criteria = JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC));
    const crime = criteria.columns.find((c: { id: string }) => c.id === "crime");
    crime.rule = "rate>=60";
    crime.criterion = "60+ crimes per 1,000 residents";
    const file = path.join(dir, "..", `criteria-${path.basename(dir)}.json`);
    fs.writeFileSync(file, JSON.stringify(criteria));
    const r = await run("build", dir, "--lookup", ONS_LOOKUP, "--criteria", file, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { wards: (Ward & { flags: Record<string, boolean | null> })[] };
    // Computed apart: each ward's residents from the file, its count from the counts-only build.
    const counts = JSON.parse((await run("build", DEMO, "--lookup", ONS_LOOKUP, "--json")).stdout) as { wards: Ward[] };
    const residents = new Map<string, number | null>();
    lsoas.forEach((l, i) => {
      const have = residents.get(l.ward);
      residents.set(l.ward, i === missing || have === null ? null : (have ?? 0) + 1000 + 7 * i);
    });
    let flagged = 0;
    for (const w of json.wards) {
      const count = counts.wards.find((c) => c.ward === w.ward)!.evidence.crime.value!;
      const people = residents.get(w.ward)!;
      if (people === null) {
        expect(w.flags.crime).toBeNull();
        expect(w.evidence.crime.reason).toMatch(/residents are not known.*the flag is not known/);
        continue;
      }
      const rate = (count * 1000) / people;
      expect(w.flags.crime).toBe(rate >= 60);
      expect(w.evidence.crime.rate).toBe(Math.round(rate * 10) / 10);
      expect(w.evidence.crime.reason).toMatch(
        new RegExp(
          `^The ward's rate is [\\d.,]+ per 1,000 residents, which ${rate >= 60 ? "meets" : "does not meet"} 60 or more per 1,000 residents\\.$`,
        ),
      );
      if (rate >= 60) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
    expect(json.wards.some((w) => w.flags.crime === false)).toBe(true);
  });

  it("without residents, a rate column is no data in every ward, never a quiet false", async () => {
    const criteria = JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC));
    criteria.columns.find((c: { id: string }) => c.id === "crime").rule = "rate>=60";
    const dir = tempDir();
    const file = path.join(dir, "criteria.json");
    fs.writeFileSync(file, JSON.stringify(criteria));
    const r = await run("build", DEMO, "--lookup", ONS_LOOKUP, "--criteria", file, "--json");
    const json = JSON.parse(r.stdout) as { wards: (Ward & { flags: Record<string, boolean | null> })[]; notes: string[] };
    expect(json.wards.every((w) => w.flags.crime === null)).toBe(true);
    expect(json.notes.join(" ")).toMatch(/rate per 1,000 residents and no populations were given/);
  });
});
