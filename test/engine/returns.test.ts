import { Cell } from "../../src/engine/read/cells";
import { parseCsv } from "../helpers/csv";
import { dayFromYmd } from "../../src/engine/read/dates";
import { readLookup } from "../../src/engine/geography/lookups";
import { Geography } from "../../src/engine/geography/geography";
import { recogniseKind } from "../../src/engine/returns/headers";
import { placeReturn, readReturn } from "../../src/engine/returns/returns";
import { returnKind } from "../../src/engine/returns/returnKinds";
import { sheet } from "../helpers/sheets";

const fires = returnKind("fires")!;
const crime = returnKind("police-crime")!;
const geography = new Geography({ district: "Test", wards: [{ name: "Histon & Impington" }, { name: "Melbourn" }, { name: "Cottenham" }] });

function codes(findings: { code: string }[]): string[] {
  return findings.map((f) => f.code).sort();
}

describe("recognising a return by its headers", () => {
  it.each<[string, Cell[], string]>([
    ["fires", ["Incident Date", "Cause of fire", "Ward name", "No. of fires"], "fires"],
    ["benefits", ["Month", "LSOA code", "No. of claims"], "benefits"],
    ["council ASB", ["Date opened", "Village/Parish", "Case ref"], "council-asb"],
    [
      "IMD File 1",
      [
        "LSOA code (2011)",
        "LSOA name (2011)",
        "Local Authority District code (2019)",
        "Local Authority District name (2019)",
        "Index of Multiple Deprivation (IMD) Rank",
        "Index of Multiple Deprivation (IMD) Decile",
      ],
      "imd",
    ],
    ["police crime", ["Date Recorded", "Offence", "Ward", "Crime reference"], "police-crime"],
    ["police ASB", ["Date", "ASB Category", "LSOA"], "police-asb"],
  ])("recognises %s", (_, headers, kind) => {
    const r = recogniseKind(sheet([headers, []]));
    expect(r.status).toBe("recognised");
    if (r.status === "recognised") expect(r.guess.kind.id).toBe(kind);
  });

  it("finds headers below title rows", () => {
    const r = recogniseKind(
      sheet([["Fire and Rescue Service"], ["Fires, 2016-2019"], [], ["Date", "Cause", "Ward"], ["01/01/2019", "Deliberate", "Cottenham"]]),
    );
    expect(r.status).toBe("recognised");
    if (r.status === "recognised") expect(r.guess.headerRow).toBe(3);
  });

  it("says when headers fit two kinds, and lets the file name settle it", () => {
    const rows: Cell[][] = [
      ["Date", "Ward", "Count"],
      ["01/01/2019", "Melbourn", 3],
    ];
    const r = recogniseKind(sheet(rows, "Sheet1", "q3.xlsx"));
    expect(r.status).toBe("ambiguous");
    if (r.status === "ambiguous") expect(r.candidates.map((c) => c.kind.id).sort()).toEqual(["police-asb", "police-crime"]);
    const named = recogniseKind(sheet(rows, "Sheet1", "police-asb-q3.xlsx"));
    expect(named.status === "recognised" && named.guess.kind.id).toBe("police-asb");
  });
});

describe("reading a return", () => {
  it("reads incident rows and pre-aggregated rows, dates in every accepted form", () => {
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward", "Count"],
        [43405, "Deliberate", "Melbourn", 2],
        ["2019-10-31", "Accidental", "Cottenham", "1,234"],
        ["05/03/2019", "deliberate - secondary", "Histon and Impington", " 12 "],
        [new Date(Date.UTC(2019, 0, 2)), "Not known", "Melbourn", 0],
      ]),
      fires,
    );
    expect(r.findings).toEqual([]);
    expect(r.records.views().map((x) => x.values)).toEqual([
      [dayFromYmd(2018, 11, 1), "Deliberate", "Melbourn", undefined, undefined, undefined, 2, undefined],
      [dayFromYmd(2019, 10, 31), "Accidental", "Cottenham", undefined, undefined, undefined, 1234, undefined],
      [dayFromYmd(2019, 3, 5), "Deliberate", "Histon and Impington", undefined, undefined, undefined, 12, undefined],
      [dayFromYmd(2019, 1, 2), "Unknown", "Melbourn", undefined, undefined, undefined, 0, undefined],
    ]);
    expect(r.rowsRead).toBe(4);
    expect(r.accepted).toBe(4);
  });

  it("counts one per row when there is no Count column", () => {
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward"],
        ["01/01/2019", "Deliberate", "Melbourn"],
      ]),
      fires,
    );
    expect(
      r.records.value(
        0,
        fires.fields.findIndex((f) => f.id === "count"),
      ),
    ).toBe(1);
  });

  it("rejects bad counts, and keeps suppressed ones as rows whose count is not known, with its bound", () => {
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward", "Count"],
        ["01/01/2019", "Deliberate", "Melbourn", "-3"],
        ["01/01/2019", "Deliberate", "Melbourn", "12.5"],
        ["01/01/2019", "Deliberate", "Melbourn", "n/a"],
        ["01/01/2019", "Deliberate", "Melbourn", "<5"],
        ["01/01/2019", "Deliberate", "Melbourn", "*"],
        ["01/01/2019", "Deliberate", "Melbourn", 4],
      ]),
      fires,
    );
    expect(codes(r.findings)).toEqual(["bad-count", "bad-count", "bad-count", "suppressed-value"]);
    const suppressed = r.findings.find((f) => f.code === "suppressed-value")!;
    expect(suppressed.message).toMatch(/^2 suppressed values/);
    expect(suppressed.cell).toBe("Sheet1!D5");
    expect(r.accepted).toBe(3);
    expect(r.rejected).toBe(3);
    expect(r.leftOut).toBe(3);
    expect(r.accepted + r.excluded + r.rejected).toBe(r.rowsRead);
    const count = fires.fields.findIndex((f) => f.id === "count");
    expect([0, 1, 2].map((i) => [r.records.number(i, count), r.records.suppressedUpTo(i)])).toEqual([
      [undefined, 4],
      [undefined, Infinity],
      [4, undefined],
    ]);
  });

  it("names the cell of every bad value, with a fix", () => {
    const r = readReturn(
      sheet(
        [
          ["Date", "Cause", "Ward"],
          ["yesterday", "Deliberate", "Melbourn"],
          ["01/02/2019", "Deliberate", { error: "#REF!" }],
        ],
        "Fires",
      ),
      fires,
    );
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([
      ["bad-date", "Fires!A2"],
      ["spreadsheet-error", "Fires!C3"],
    ]);
    for (const f of r.findings) expect(f.fix.length).toBeGreaterThan(10);
  });

  it("lists the accepted synonyms when a required column is missing", () => {
    const r = readReturn(
      sheet([
        ["Date", "Ward"],
        ["01/01/2019", "Melbourn"],
      ]),
      fires,
    );
    const missing = r.findings.find((f) => f.code === "missing-column")!;
    expect(missing.message).toMatch(/Cause/);
    expect(missing.fix).toMatch(/"cause of fire"/i);
    expect(r.rejected).toBe(1);
  });

  it("lets the user map a header by hand", () => {
    const r = readReturn(
      sheet([
        ["When", "Fire motive type", "Area"],
        ["01/01/2019", "Deliberate", "Melbourn"],
      ]),
      fires,
      { map: { cause: "Fire motive type", ward: "Area" } },
    );
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.accepted).toBe(1);
  });

  it("excludes a totals row and notes below the data, and says why", () => {
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward", "Count"],
        ["01/01/2019", "Deliberate", "Melbourn", 4],
        ["Total", null, null, 4],
        [],
        ["Source: CFRS incident recording system"],
      ]),
      fires,
    );
    expect(codes(r.findings)).toEqual(["notes-row", "totals-row"]);
    expect(r.accepted).toBe(1);
    expect(r.excluded).toBe(2);
  });

  it("excludes rows outside the period and counts them", () => {
    const from = dayFromYmd(2019, 1, 1)!;
    const to = dayFromYmd(2019, 12, 31)!;
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward"],
        ["31/12/2018", "Deliberate", "Melbourn"],
        ["01/01/2019", "Deliberate", "Melbourn"],
        ["31/12/2019", "Deliberate", "Melbourn"],
        ["01/01/2020", "Deliberate", "Melbourn"],
      ]),
      fires,
      { periods: [{ from, to }] },
    );
    expect(r.accepted).toBe(2);
    expect(r.excluded).toBe(2);
    expect(r.findings.find((f) => f.code === "outside-period")?.message).toMatch(/^2 rows/);
  });

  it("reads a month-first date column as American, and says so", () => {
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward"],
        ["11/25/2018", "Deliberate", "Melbourn"],
        ["03/04/2019", "Deliberate", "Melbourn"],
      ]),
      fires,
    );
    expect(codes(r.findings)).toEqual(["us-date-format"]);
    expect(r.records.value(1, 0)).toBe(dayFromYmd(2019, 3, 4));
  });
});

describe("placing records in wards", () => {
  it("reports a ward that matches nothing, with the nearest names, and never guesses", () => {
    const read = readReturn(
      sheet(
        [
          ["Date", "Cause", "Ward"],
          ["01/01/2019", "Deliberate", "Melbourne"],
          ["01/01/2019", "Deliberate", "histon AND impington"],
        ],
        "Fires",
      ),
      fires,
    );
    const r = placeReturn(read, geography);
    expect(read.records.views().every((x) => x.ward === undefined)).toBe(true);
    const f = r.findings.find((x) => x.code === "unknown-ward")!;
    expect(f.cell).toBe("Fires!C2");
    expect(f.message).toMatch(/nearest: Melbourn/);
    expect(r.records.views().map((x) => x.ward)).toEqual(["Histon & Impington"]);
    expect(r.rejected).toBe(1);
    expect(r.accepted + r.excluded + r.rejected).toBe(r.rowsRead);
  });

  it("places LSOA records through the lookup, and warns when a Ward column disagrees", () => {
    const l = readLookup(sheet(parseCsv("LSOA11CD,WD19NM,LAD19NM\nE01018226,Melbourn,Test\nE01017999,Somewhere,Elsewhere\n")));
    if (!l.ok) throw new Error("lookup");
    const g = new Geography({ district: "Test", lookups: [l.lookup], wards: geography.wards });
    const r = placeReturn(
      readReturn(
        sheet([
          ["Date", "LSOA", "Ward"],
          ["01/01/2019", "E01018226", "Cottenham"],
          ["01/01/2019", "E01017999", ""],
          ["01/01/2019", "E01000001", ""],
          ["01/01/2019", "Melbourn 019A", ""],
        ]),
        crime,
      ),
      g,
    );
    expect(codes(r.findings)).toEqual(["bad-lsoa", "other-district", "unknown-lsoa", "ward-disagrees"]);
    expect(r.records.views().map((x) => x.ward)).toEqual(["Melbourn"]);
    expect(r.accepted + r.excluded + r.rejected).toBe(r.rowsRead);
  });
});

describe("numbers and dates are what they say or are errors", () => {
  it("refuses dates years away from any return's, in every form, as errors rather than rows outside the period", () => {
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward", "Count"],
        ["15/08/2030", "Deliberate", "Melbourn", 1],
        [60, "Deliberate", "Melbourn", 1],
        ["1905-05-04", "Deliberate", "Melbourn", 1],
        [new Date(Date.UTC(1989, 11, 31)), "Deliberate", "Melbourn", 1],
        ["04/05/2019", "Deliberate", "Melbourn", 1],
      ]),
      fires,
    );
    expect(codes(r.findings)).toEqual(["bad-date", "bad-date", "bad-date", "bad-date"]);
    expect(r.findings[0].message).toMatch(/is 15 August 2030, outside any plausible date of a return \(1990 to \d{4}\)/);
    expect(r.accepted).toBe(1);
  });

  it("refuses a count beyond any row's, so no output holds Infinity", () => {
    const r = readReturn(
      sheet([
        ["Date", "Cause", "Ward", "Count"],
        ["04/05/2019", "Deliberate", "Melbourn", 1e308],
        ["04/05/2019", "Deliberate", "Melbourn", "1e308"],
        ["04/05/2019", "Deliberate", "Melbourn", "2 fires"],
        ["04/05/2019", "Deliberate", "Melbourn", 1000000],
      ]),
      fires,
    );
    expect(codes(r.findings)).toEqual(["bad-count", "bad-count", "bad-count"]);
    expect(r.accepted).toBe(1);
  });
});
