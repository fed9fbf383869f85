import ExcelJS from "exceljs";
import * as path from "path";
import { readSheets } from "../../src/io/readFiles";
import { readLookup } from "../../src/engine/geography/lookups";
import { DEMO, IMD_FILE_1, IMD_FILE_2, ONS_LOOKUP } from "../helpers/publicData";
import { run, tempDir, writeCsv } from "./helpers";
import { areaLookupOf } from "../helpers/sheets";

describe("the official ONS lookup and IoD2019 files, as published", () => {
  it("reads the ONS lookup as it is: 26 wards and 96 LSOAs in South Cambridgeshire", async () => {
    const [sheet] = await readSheets(ONS_LOOKUP);
    const lookup = areaLookupOf(readLookup(sheet));
    expect(lookup.vintage).toEqual({ lsoa: 2011, ward: 2019, district: 2019 });
    const sc = lookup.entries.filter((e) => e.district === "South Cambridgeshire");
    expect(sc).toHaveLength(96);
    expect(new Set(sc.map((e) => e.ward)).size).toBe(26);
    expect(lookup.entries.find((e) => e.ward.includes(","))).toBeDefined();
  });

  it("flags IMD in Melbourn only, from File 1 through the national lookup", async () => {
    const r = await run(
      "build",
      path.join(DEMO, "police-recorded-crime.xlsx"),
      path.join(DEMO, "police-asb.xlsx"),
      path.join(DEMO, "scdc-asb-cases.xlsx"),
      path.join(DEMO, "benefits-claims.xlsx"),
      path.join(DEMO, "fires.xlsx"),
      `imd=${IMD_FILE_1}`,
      "--lookup",
      ONS_LOOKUP,
      "--json",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.wards).toHaveLength(26);
    expect(json.wards.filter((w: { flags: { imd: boolean } }) => w.flags.imd).map((w: { ward: string }) => w.ward)).toEqual(["Melbourn"]);
    const excluded = json.findings.find((f: { code: string }) => f.code === "other-district");
    expect(excluded.message).toMatch(/^32,748 rows are for areas outside South Cambridgeshire/);
  });

  it("places LSOA-level records in the right wards through the lookup", async () => {
    const dir = tempDir();
    // E01018226 is South Cambridgeshire 019A (Melbourn); E01018250 is in Histon & Impington.
    const file = writeCsv(dir, "police-crime.csv", [
      ["Date", "LSOA"],
      ...Array.from({ length: 400 }, () => ["01/01/2019", "E01018226"]),
      ["01/01/2019", "E01018250"],
      ["01/01/2019", "E01000001"],
    ]);
    const r = await run("validate", `police-crime=${file}`, "--lookup", ONS_LOOKUP, "--json");
    const f = JSON.parse(r.stdout).files[0];
    expect(f).toMatchObject({ rows: 402, accepted: 401 });
    expect(f.findings.find((x: { code: string }) => x.code === "other-district").message).toMatch(/City of London/);
  });

  it("prints the IMD profile by ward from File 2", async () => {
    const r = await run("imd-profile", "--imd", IMD_FILE_2, "--lookup", ONS_LOOKUP, "--district", "South Cambridgeshire", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.district).toBe("South Cambridgeshire");
    expect(json.wards).toHaveLength(26);
    expect(json.wards.reduce((n: number, w: { lsoas: number }) => n + w.lsoas, 0)).toBe(96);
    const melbourn = json.wards.find((w: { ward: string }) => w.ward === "Melbourn");
    expect(melbourn.imd).toBe(1);
    expect(json.wards.filter((w: { imd: number }) => w.imd > 0)).toHaveLength(1);
    for (const key of ["income", "employment", "education", "health", "crime", "housing", "living"]) {
      expect(typeof melbourn[key]).toBe("number");
    }
    // Barriers to Housing and Services is where a rural district is most deprived.
    expect(json.wards.reduce((n: number, w: { housing: number }) => n + w.housing, 0)).toBeGreaterThan(10);

    const out = path.join(tempDir(), "imd.xlsx");
    expect(
      (await run("imd-profile", "--imd", IMD_FILE_2, "--lookup", ONS_LOOKUP, "--district", "South Cambridgeshire", "--out", out)).code,
    ).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("IMD profile")!;
    expect(ws.getCell(2, 1).text).toBe("South Cambridgeshire");
    expect(ws.getCell(3, 1).text).toBe(`Source: ${path.basename(IMD_FILE_2)}, ${path.basename(ONS_LOOKUP)}`);
    const melbournRow = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).text === "Melbourn")!;
    expect(melbournRow.getCell(2).value).toBe(melbourn.lsoas);
    expect(melbournRow.getCell(3).value).toBe(1);
  });
});
