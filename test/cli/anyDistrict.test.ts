import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { run, tempDir, writeCsv } from "./helpers";
import { writePoliceUkDownload } from "../../src/bench/policeUk";
import { readLookup } from "../../src/engine/geography/lookups";
import { parseCsv } from "../helpers/csv";
import { areaLookupOf, sheet } from "../helpers/sheets";
import { DEMO, IMD_FILE_1, ONS_LOOKUP } from "../helpers/publicData";
import { onsRows, writeCurrentLookup } from "../helpers/vintages";

const month = (y: number, m: number) => y * 12 + m - 1;
const months = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** A small district: three wards of 2021 LSOAs, one of them new in 2021. */
const LOOKUP_2021 = `LSOA21CD,LSOA21NM,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW,ObjectId
E01000010,Testshire 001A,E05000001,North,,E07000999,Testshire,,1
E01033800,Testshire 001E,E05000001,North,,E07000999,Testshire,,2
E01000020,Testshire 002A,E05000002,South,,E07000999,Testshire,,3
E01033801,Testshire 002E,E05000003,East,,E07000999,Testshire,,4
E01000030,Elsewhere 001A,E05000009,Other,,E07000998,Elsewhere,,5
`;

/** 2011 LSOAs to 2021 ones: one unchanged, one split inside a ward, one split across two wards. */
const CHANGES = `LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,CHGIND,LAD22CD,LAD22NM,LAD22NMW,ObjectId
E01000010,Testshire 001A,E01000010,Testshire 001A,U,E07000999,Testshire,,1
E01000011,Testshire 001B,E01033800,Testshire 001E,S,E07000999,Testshire,,2
E01000011,Testshire 001B,E01000010,Testshire 001A,S,E07000999,Testshire,,3
E01000021,Testshire 002B,E01000020,Testshire 002A,S,E07000999,Testshire,,4
E01000021,Testshire 002B,E01033801,Testshire 002E,S,E07000999,Testshire,,5
`;

describe("lookups of any vintage, recognised by the pattern of their headers", () => {
  it("reads LSOA 2021 to ward 2025 with Welsh names and ObjectId, and says which vintage it is", () => {
    const lookup = areaLookupOf(readLookup(sheet(parseCsv(LOOKUP_2021), "lu", "lu.csv")));
    expect(lookup.vintage).toEqual({ lsoa: 2021, ward: 2025, district: 2025 });
    expect(lookup.entries[0]).toMatchObject({
      area: "E01000010",
      ward: "North",
      wardCode: "E05000001",
      district: "Testshire",
      districtCode: "E07000999",
    });
  });

  it("reads the LSOA 2011 to 2021 change lookup as a chain, not as wards", () => {
    const r = readLookup(sheet(parseCsv(CHANGES), "ch", "changes.csv"));
    expect(r.ok && "links" in r.lookup && r.lookup.links.length).toBe(5);
  });

  it("places 2011-coded rows in 2021-based wards through the chain, and reports a split across wards, never guessing", async () => {
    const dir = tempDir();
    const lookup = writeCsv(dir, "lu.csv", parseCsv(LOOKUP_2021) as string[][]);
    const changes = writeCsv(dir, "changes.csv", parseCsv(CHANGES) as string[][]);
    const crime = writeCsv(dir, "crime.csv", [
      ["Date", "LSOA code"],
      ["01/01/2025", "E01000010"],
      ["02/01/2025", "E01000011"],
      ["03/01/2025", "E01000021"],
    ]);
    const r = await run("validate", `police-crime=${crime}`, "--lookup", lookup, "--lookup", changes, "--district", "Testshire", "--json");
    const findings = JSON.parse(r.stdout).files.flatMap((f: { findings: unknown[] }) => f.findings);
    expect(findings.map((f: { code: string }) => f.code)).toEqual(["split-lsoa"]);
    expect(findings[0].message).toMatch(/E01000021 lies in South and East/);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ accepted: 2, rejected: 1 });
  });

  it("gives one finding naming the download when a return's LSOA codes are of the other vintage", async () => {
    const dir = tempDir();
    const lookup = writeCsv(dir, "lu.csv", parseCsv(LOOKUP_2021) as string[][]);
    const crime = writeCsv(dir, "crime.csv", [
      ["Date", "LSOA code"],
      ["01/01/2025", "E01000011"],
      ["02/01/2025", "E01000021"],
      ["03/01/2025", "E01000010"],
    ]);
    const r = await run("validate", `police-crime=${crime}`, "--lookup", lookup, "--district", "Testshire", "--json");
    const findings = JSON.parse(r.stdout).files.flatMap((f: { findings: unknown[] }) => f.findings);
    expect(findings.map((f: { code: string }) => f.code)).toEqual(["lsoa-vintage"]);
    expect(findings[0].message).toMatch(/2011 census.*2 rows|2 rows.*2011 census/);
    expect(findings[0].fix).toMatch(/LSOA \(2011\) to LSOA \(2021\)/);
    expect(r.code).toBe(1);
  });
});

describe("criteria for any district", () => {
  it("writes a district's criteria from the lookup: its wards, neutral labels, periods ending at --end", async () => {
    const dir = tempDir();
    const lookup = writeCsv(dir, "lu.csv", parseCsv(LOOKUP_2021) as string[][]);
    const out = path.join(dir, "testshire.json");
    const r = await run("criteria", "--district", "testshire", "--lookup", lookup, "--end", "2025-09", "--out", out);
    expect(r.code).toBe(0);
    const spec = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(spec.district).toMatchObject({ name: "Testshire", code: "E07000999" });
    expect(spec.district.wards.map((w: { name: string }) => w.name)).toEqual(["East", "North", "South"]);
    // South Cambridgeshire is named only where a threshold is still its own, and said to be.
    const text = JSON.stringify(spec).replace(/; [^;"]* is South Cambridgeshire's 2020 threshold, not yet set for Testshire/g, "");
    expect(text).not.toMatch(/SCDC|South Cambridgeshire|January 2020|2019/);
    const period = Object.fromEntries(spec.columns.map((c: { id: string; period?: { from: string; to: string } }) => [c.id, c.period]));
    expect(period.crime).toEqual({ from: "2024-10-01", to: "2025-09-30" });
    expect(period["police-asb"]).toEqual({ from: "2024-10-01", to: "2025-09-30" });
    expect(period.fires).toEqual({ from: "2022-10-01", to: "2025-09-30" });
    expect(period.benefits).toEqual({ from: "2025-04-01", to: "2025-09-30" });
    expect(spec.columns.find((c: { id: string }) => c.id === "crime").criterion).toBe(
      "Highest number of offences (400+) between October 2024 and September 2025; 400+ is South Cambridgeshire's 2020 threshold, not yet set for Testshire",
    );
    const unknown = await run("criteria", "--district", "Testshir", "--lookup", lookup);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/nearest: Testshire/);
  });

  it("refuses this year's returns against last year's criteria: no rows in the period is an error, never a table of Low wards", async () => {
    const dir = tempDir();
    const rows: (string | number)[][] = [["Date", "Ward"]];
    for (let i = 0; i < 500; i++)
      rows.push([`${String(1 + (i % 28)).padStart(2, "0")}/${String(1 + (i % 12)).padStart(2, "0")}/2025`, "Cambourne"]);
    const crime = writeCsv(dir, "crime.csv", rows);
    const demo = ["police-asb.xlsx", "scdc-asb-cases.xlsx", "benefits-claims.xlsx", "fires.xlsx", "imd-2019-south-cambridgeshire.csv"].map(
      (f) => path.join(DEMO, f),
    );
    const r = await run("build", `police-crime=${crime}`, ...demo, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.wards).toEqual([]);
    const f = json.findings.find((x: { code: string }) => x.code === "no-data-in-period");
    expect(f.message).toMatch(/counts Nov 2018 to Oct 2019.*run from Jan 2025 to Dec 2025/);
    const partial = await run("build", `police-crime=${crime}`, ...demo, "--json", "--allow-partial");
    const pj = JSON.parse(partial.stdout);
    const cambourne = pj.wards.find((w: { ward: string }) => w.ward === "Cambourne");
    expect(cambourne.flags.crime).toBeNull();
    expect(cambourne.incomplete).toBe(true);
    expect(pj.columns.find((c: { id: string }) => c.id === "crime").noData).toMatch(/no rows in Nov 2018 to Oct 2019/);
    expect(pj.notes.join(" ")).toMatch(/Police recorded crime: no data/);
  });

  it("asks for criteria or --end for another district instead of using South Cambridgeshire's", async () => {
    const dir = tempDir();
    const lookup = writeCsv(dir, "lu.csv", parseCsv(LOOKUP_2021) as string[][]);
    const crime = writeCsv(dir, "crime.csv", [
      ["Date", "Ward"],
      ["01/01/2025", "North"],
    ]);
    const r = await run("build", `police-crime=${crime}`, "--lookup", lookup, "--district", "Testshire");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No criteria were given for Testshire/);
    expect(r.stderr).toMatch(/--end/);
    const json = await run("build", `police-crime=${crime}`, "--lookup", lookup, "--district", "Testshire", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.fix).toMatch(/--end/);
  });
});

describe("today's downloads of the real public files", () => {
  it("reads the ONS lookup in its LSOA 2021 / ward 2024 shape, in either column order", () => {
    const dir = tempDir();
    for (const welsh of [false, true]) {
      const file = writeCurrentLookup(dir, welsh ? 25 : 24, welsh);
      const lookup = areaLookupOf(readLookup(sheet(parseCsv(fs.readFileSync(file, "utf8")), "lu", file)));
      expect(lookup.vintage).toEqual({ lsoa: 2021, ward: welsh ? 2025 : 2024, district: welsh ? 2025 : 2024 });
      const sc = lookup.entries.filter((e) => e.district === "South Cambridgeshire");
      expect(sc).toHaveLength(96);
      expect(new Set(sc.map((e) => e.ward)).size).toBe(26);
    }
  });

  it("gives the published IMD flag (Melbourn) from IoD 2025-shaped headers with a 2021-shaped lookup, and says which vintage it used", async () => {
    const dir = tempDir();
    const lookup = writeCurrentLookup(dir);
    const imd = path.join(dir, "File_1_IoD2025_Index_of_Multiple_Deprivation.csv");
    const text = zlib
      .gunzipSync(fs.readFileSync(IMD_FILE_1))
      .toString("utf8")
      .replace(/\(2011\)/g, "(2021)")
      .replace(/\(2019\)/g, "(2024)");
    fs.writeFileSync(imd, text);
    const demo = ["police-recorded-crime.xlsx", "police-asb.xlsx", "scdc-asb-cases.xlsx", "benefits-claims.xlsx", "fires.xlsx"].map((f) =>
      path.join(DEMO, f),
    );
    const r = await run("build", ...demo, imd, "--lookup", lookup, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.wards.filter((w: { flags: { imd: boolean } }) => w.flags.imd).map((w: { ward: string }) => w.ward)).toEqual(["Melbourn"]);
    expect(json.notes.join(" ")).toMatch(/Geography: LSOA 2021 to wards 2024/);
    // A table shared with partners names the lookup by its file name, never the analyst's folders.
    expect(json.notes.join(" ")).toContain(`(${path.basename(lookup)})`);
    expect(JSON.stringify(json.notes)).not.toContain(dir);
  });

  it("chooses domain deciles by meaning in File 7, whatever the order of its columns", async () => {
    const dir = tempDir();
    const lookup = writeCurrentLookup(dir);
    const head = [
      "LSOA code (2021)",
      "LSOA name (2021)",
      "Local Authority District code (2024)",
      "Local Authority District name (2024)",
      "Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)",
      "Geographical Barriers Sub-domain Decile (where 1 is most deprived 10% of LSOAs)",
      "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)",
      "Income Decile (where 1 is most deprived 10% of LSOAs)",
      "Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)",
      "Adult Skills Sub-domain Decile (where 1 is most deprived 10% of LSOAs)",
      "Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)",
      "Total population: mid 2022 (excluding prisoners)",
    ];
    const sc = onsRows().filter((r) => r[6] === "South Cambridgeshire");
    const file = writeCsv(dir, "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv", [
      head,
      ...sc.map((r, i) => [r[1], r[2], r[5], r[6], 1, 1, 7, i === 0 ? 2 : 8, 9, 1, 9, 1500]),
    ]);
    const r = await run("imd-profile", "--imd", file, "--lookup", lookup, "--district", "South Cambridgeshire", "--json");
    expect(r.code).toBe(0);
    const wards = JSON.parse(r.stdout).wards;
    const sum = (k: string) => wards.reduce((n: number, w: Record<string, number>) => n + w[k], 0);
    expect(sum("lsoas")).toBe(96);
    expect(sum("income")).toBe(1);
    expect(sum("housing")).toBe(0);
    expect(sum("education")).toBe(0);
    expect(sum("imd")).toBe(0);
  });

  it("reads File 2 as the published .xlsx (a Notes sheet first, then the data) with IoD 2025 headers", async () => {
    const dir = tempDir();
    const lookup = writeCurrentLookup(dir);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRows([
      ["English Indices of Deprivation 2025"],
      ["File 2: domains of deprivation"],
      ["Source: Ministry of Housing, Communities and Local Government"],
    ]);
    const data = wb.addWorksheet("IoD2025 Domains");
    const domains = [
      "Income",
      "Employment",
      "Education, Skills and Training",
      "Health Deprivation and Disability",
      "Crime",
      "Barriers to Housing and Services",
      "Living Environment",
    ];
    data.addRow([
      "LSOA code (2021)",
      "LSOA name (2021)",
      "Local Authority District code (2024)",
      "Local Authority District name (2024)",
      "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)",
      "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)",
      ...domains.flatMap((d) => [`${d} Rank (where 1 is most deprived)`, `${d} Decile (where 1 is most deprived 10% of LSOAs)`]),
    ]);
    const sc = onsRows().filter((r) => r[6] === "South Cambridgeshire");
    sc.forEach((r, i) =>
      data.addRow([r[1], r[2], r[5], r[6], 20000 + i, i < 2 ? 3 : 7, ...domains.flatMap((_, k) => [20000 + i, k === 4 && i < 5 ? 2 : 8])]),
    );
    const file = path.join(dir, "File_2_IoD2025_Domains_of_Deprivation.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await run("imd-profile", "--imd", file, "--lookup", lookup, "--district", "South Cambridgeshire", "--json");
    expect(r.code).toBe(0);
    const wards = JSON.parse(r.stdout).wards;
    const sum = (k: string) => wards.reduce((n: number, w: Record<string, number>) => n + w[k], 0);
    expect([sum("lsoas"), sum("imd"), sum("crime"), sum("income")]).toEqual([96, 2, 5, 0]);
  });

  it("refuses a Welsh district's IMD column, naming the IoD's coverage and the Welsh index", async () => {
    const dir = tempDir();
    const crime = writeCsv(dir, "crime.csv", [
      ["Date", "Ward"],
      ["01/01/2025", "Butetown"],
    ]);
    const r = await run(
      "build",
      `police-crime=${crime}`,
      IMD_FILE_1,
      "--lookup",
      ONS_LOOKUP,
      "--district",
      "Cardiff",
      "--end",
      "2025-01",
      "--json",
    );
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).findings.find((x: { code: string }) => x.code === "outside-coverage");
    expect(f.message).toMatch(/outside England/);
    expect(f.fix).toMatch(/Welsh Index of Multiple Deprivation/);
  });

  describe("a force-wide data.police.uk download, as delivered", () => {
    const sc = onsRows().filter((r) => ["South Cambridgeshire", "Fenland"].includes(r[6]));
    // Cambourne's LSOAs get 40 crimes and 12 ASB incidents a month (480 and 144 a year): flagged for both.
    const areas = sc.map((r) => ({ lsoa: r[1], name: r[2], crimes: r[4] === "Cambourne" ? 10 : 2, asb: r[4] === "Cambourne" ? 3 : 1 }));
    const cambourneLsoas = sc.filter((r) => r[4] === "Cambourne").length;
    let dir: string;
    beforeAll(() => {
      dir = tempDir();
      writePoliceUkDownload(path.join(dir, "download"), {
        force: "Cambridgeshire Constabulary",
        slug: "cambridgeshire",
        months: months(month(2024, 10), 12),
        areas,
        noLocation: 5,
      });
    });
    const criteria = (d: string) => {
      const file = path.join(d, "police.json");
      fs.writeFileSync(
        file,
        JSON.stringify({
          columns: [
            {
              id: "crime",
              label: "Police recorded crime",
              kind: "police-crime",
              period: { from: "2024-10", to: "2025-09" },
              rule: `>=${cambourneLsoas * 10 * 12}`,
            },
            {
              id: "asb",
              label: "Police recorded ASB",
              kind: "police-asb",
              period: { from: "2024-10", to: "2025-09" },
              rule: `>=${cambourneLsoas * 3 * 12}`,
            },
            {
              id: "burglary",
              label: "Burglary",
              kind: "police-crime",
              filter: { offence: "Burglary" },
              period: { from: "2024-10", to: "2025-09" },
              rule: "top 1",
            },
          ],
        }),
      );
      return file;
    };
    /** riskmatrix build of a download (folder or zip) against the ONS lookup and these criteria. */
    const buildFrom = (input: string, ...options: string[]) =>
      run("build", input, "--lookup", ONS_LOOKUP, "--criteria", criteria(dir), ...options);

    it("feeds both police columns from the folder with no KIND=, no --map, no editing; outcomes and No Location rows are accounted for in one line each", async () => {
      const r = await buildFrom(path.join(dir, "download"), "--district", "South Cambridgeshire", "--json");
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      const flagged = (id: string) =>
        json.wards.filter((w: { flags: Record<string, boolean> }) => w.flags[id]).map((w: { ward: string }) => w.ward);
      expect(flagged("crime")).toEqual(["Cambourne"]);
      expect(flagged("asb")).toEqual(["Cambourne"]);
      expect(json.notes.join(" ")).toMatch(/months, not days/);
      const codes = json.findings.map((f: { code: string }) => f.code);
      expect(codes.filter((c: string) => c === "excluded-rows")).toHaveLength(1);
      expect(codes.filter((c: string) => c === "other-district")).toHaveLength(1);
      expect(codes.filter((c: string) => c === "file-not-used")).toHaveLength(1);
      expect(json.findings.find((f: { code: string }) => f.code === "excluded-rows").message).toMatch(/^60 rows in 12 data.police.uk/);
      expect(json.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
    });

    it("reads the same download as a .zip", async () => {
      const files: Record<string, Uint8Array> = {};
      const walk = (d: string, prefix: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
          else files[`${prefix}${e.name}`] = fs.readFileSync(path.join(d, e.name));
        }
      };
      walk(path.join(dir, "download"), "");
      const zip = path.join(dir, "download.zip");
      fs.writeFileSync(zip, zipSync(files));
      const r = await buildFrom(zip, "--district", "South Cambridgeshire", "--json");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).wards.find((w: { ward: string }) => w.ward === "Cambourne").flags).toMatchObject({
        crime: true,
        asb: true,
      });
    });

    it("builds several districts in one run: one Table 4 sheet each and a summary of High wards", async () => {
      const out = path.join(dir, "county.xlsx");
      const r = await buildFrom(
        path.join(dir, "download"),
        "--district",
        "South Cambridgeshire",
        "--district",
        "Fenland",
        "--json",
        "--out",
        out,
      );
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.districts.map((d: { district: string }) => d.district)).toEqual(["South Cambridgeshire", "Fenland"]);
      expect(json.districts[1].wards.length).toBeGreaterThan(10);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        "High wards",
        "South Cambridgeshire",
        "South Cambridgeshire charts",
        "South Cambridgeshire evidence",
        "Fenland",
        "Fenland charts",
        "Fenland evidence",
      ]);
      // Each district's charts are drawn from its own charts sheet.
      const parts = unzipSync(new Uint8Array(fs.readFileSync(out)));
      const charts = Object.keys(parts)
        .filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k))
        .map((k) => strFromU8(parts[k]));
      const stacked = charts.filter((c) => c.includes('<c:grouping val="stacked"/>'));
      expect(stacked.map((c) => /<c:f>&apos;([^!]+)&apos;!/.exec(c)![1]).sort()).toEqual(["Fenland charts", "South Cambridgeshire charts"]);
      const all = await buildFrom(path.join(dir, "download"), "--all-districts", "--json");
      expect(
        JSON.parse(all.stdout)
          .districts.map((d: { district: string }) => d.district)
          .sort(),
      ).toEqual(["Fenland", "South Cambridgeshire"]);
    });
  });
});
