import { readLookup } from "../../src/engine/geography/lookups";
import { Geography } from "../../src/engine/geography/geography";
import { parseCsv } from "../helpers/csv";
import { areaLookupOf, sheet } from "../helpers/sheets";

const ONS_SAMPLE = `FID,LSOA11CD,LSOA11NM,WD19CD,WD19NM,LAD19CD,LAD19NM
8440,E01018226,South Cambridgeshire 019A,E05011301,Melbourn,E07000012,South Cambridgeshire
8441,E01018227,South Cambridgeshire 019B,E05011301,Melbourn,E07000012,South Cambridgeshire
8450,E01018250,South Cambridgeshire 010A,E05011298,Histon & Impington,E07000012,South Cambridgeshire
9000,E01017999,Huntingdonshire 001A,E05011111,"Stilton, Folksworth & Washingley",E07000011,Huntingdonshire
`;

describe("readLookup", () => {
  it("reads the ONS LSOA-to-ward file as published, quoted names with commas included", () => {
    const lookup = areaLookupOf(readLookup(sheet(parseCsv(ONS_SAMPLE), "lookup", "ons.csv")));
    expect(lookup.areaType).toBe("lsoa");
    expect(lookup.entries).toHaveLength(4);
    expect(lookup.entries[3]).toMatchObject({
      area: "E01017999",
      ward: "Stilton, Folksworth & Washingley",
      district: "Huntingdonshire",
      wardCode: "E05011111",
    });
  });

  it("reads a plain two-column village sheet, with or without headers", () => {
    const withHeader = readLookup(
      sheet([
        ["Village", "Ward"],
        ["Histon", "Histon & Impington"],
        ["Impington", "Histon & Impington"],
      ]),
    );
    const without = readLookup(
      sheet([
        ["Histon", "Histon & Impington"],
        ["Impington", "Histon & Impington"],
      ]),
    );
    for (const r of [withHeader, without]) {
      const lookup = areaLookupOf(r);
      expect(lookup.areaType).toBe("village");
      expect(lookup.entries.map((e) => e.area)).toEqual(["Histon", "Impington"]);
    }
  });

  it("explains what is wrong with a sheet that is no lookup", () => {
    const r = readLookup(
      sheet([
        ["Date", "Count", "Cause"],
        ["01/01/2019", "3", "Deliberate"],
      ]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fix).toMatch(/two columns/);
  });
});

describe("Geography", () => {
  const lookup = areaLookupOf(readLookup(sheet(parseCsv(ONS_SAMPLE), "lookup", "ons.csv")));

  it("takes the district's wards from the lookup, in order, with their codes", () => {
    const g = new Geography({ district: "South Cambridgeshire", lookups: [lookup] });
    expect(g.wards).toEqual([
      { name: "Histon & Impington", code: "E05011298" },
      { name: "Melbourn", code: "E05011301" },
    ]);
    expect(g.wardSource).toBe("lookup");
  });

  it("matches ward names after normalising, and ward codes", () => {
    const g = new Geography({ district: "South Cambridgeshire", lookups: [lookup] });
    expect(g.resolveWard("HISTON AND IMPINGTON")?.name).toBe("Histon & Impington");
    expect(g.resolveWard("E05011301")?.name).toBe("Melbourn");
    expect(g.resolveWard("Melbourne")).toBeUndefined();
    expect(g.nearestWards("Melbourne")[0]).toBe("Melbourn");
  });

  it("accepts aliases the analyst declares", () => {
    const g = new Geography({ district: "South Cambridgeshire", lookups: [lookup], aliases: { Melbourne: "Melbourn" } });
    expect(g.resolveWard("Melbourne")?.name).toBe("Melbourn");
  });

  it("places an LSOA in its ward, and knows one of another district", () => {
    const g = new Geography({ district: "South Cambridgeshire", lookups: [lookup] });
    expect(g.resolveArea("lsoa", "e01018226")).toEqual({ status: "ward", ward: { name: "Melbourn", code: "E05011301" } });
    expect(g.resolveArea("lsoa", "E01017999")).toMatchObject({ status: "other-district", district: "Huntingdonshire" });
    expect(g.resolveArea("lsoa", "E01000001")).toEqual({ status: "unknown" });
  });

  it("matches a district's names the way returns write them", () => {
    const g = new Geography({ district: "Huntingdonshire", lookups: [lookup] });
    expect(g.resolveWard("Stilton, Folksworth and Washingley")?.name).toBe("Stilton, Folksworth & Washingley");
  });

  it("falls back to the ward names seen in the returns", () => {
    const g = new Geography({ district: "X", wardsFromReturns: ["Zeta", "alpha", "Alpha "] });
    expect(g.wards.map((w) => w.name)).toEqual(["alpha", "Zeta"]);
    expect(g.wardSource).toBe("returns");
  });
});
