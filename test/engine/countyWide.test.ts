/*
 * County-wide returns fit each district: rows of other districts by ward name are "other
 * district", counted in one line, never an unknown-ward error; a ward name two districts share
 * needs the row's district.
 */
import { Cell, SheetData } from "../../src/engine/read/cells";
import { builtInCriteria } from "../../src/engine/rules/criteria";
import { readLookup } from "../../src/engine/geography/lookups";
import { buildFromInputs, InputFile } from "../../src/engine/matrix/pipeline";
import { buildTable4 } from "../../src/app/table4";
import { testshireLookup } from "../helpers/testshire";

const sheet = (rows: Cell[][], file: string): SheetData => ({ file, sheet: "Sheet1", rows });
const lookup = () =>
  testshireLookup([
    ["E01040001", "A 001A", "E05000001", "North", "E07000001", "Testshire"],
    ["E01040002", "A 001B", "E05000002", "Abbey", "E07000001", "Testshire"],
    ["E01040003", "B 001A", "E05000003", "Somersham", "E07000002", "Othershire"],
    ["E01040004", "B 001B", "E05000004", "Abbey", "E07000002", "Othershire"],
  ]);
const criteria = builtInCriteria(
  { columns: [{ id: "fires", label: "Deliberate fires", kind: "fires", rule: ">=3", period: { from: "2024-01", to: "2024-12" } }] },
  "test",
);
const year = (ward: string, extra: Cell[] = []) =>
  Array.from({ length: 12 }, (_, m) => [`10/${String(m + 1).padStart(2, "0")}/2024`, "Deliberate", ward, ...extra]);
const fires = (rows: Cell[][], header = ["Date", "Cause", "Ward"]): InputFile => ({
  file: "county-fires.csv",
  sheets: [sheet([header, ...rows], "county-fires.csv")],
});
const build = (input: InputFile, district: string) => buildFromInputs([input], { criteria, district, lookups: [lookup()] });

describe("a fire service's county-wide list", () => {
  it("counts rows of another district's wards as other district, in one line, never as misspelt wards", () => {
    const r = build(fires([...year("North"), ...year("Somersham")]), "Testshire");
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const other = r.findings.filter((f) => f.code === "other-district");
    expect(other).toHaveLength(1);
    expect(other[0].message).toMatch(/^12 rows are for areas outside Testshire \(Othershire\)/);
    expect(r.matrix!.rows.find((w) => w.ward === "North")!.flags.fires).toBe(true);
    // The same list places the other district's rows there.
    const there = build(fires([...year("North"), ...year("Somersham")]), "Othershire");
    expect(there.matrix!.rows.find((w) => w.ward === "Somersham")!.evidence.fires).toBe("12");
  });

  it("does not place a ward name two districts share without the row's district, and does with it", () => {
    const r = build(fires([...year("North"), ...year("Somersham"), ...year("Abbey").slice(0, 1)]), "Testshire");
    const f = r.findings.find((x) => x.code === "ambiguous-ward")!;
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/"Abbey" in row 26 is a ward of Testshire and of Othershire/);
    const withDistrict = build(
      fires(
        [...year("North", ["Testshire"]), ...year("Somersham", ["Othershire"]), ...year("Abbey", ["Othershire"])],
        ["Date", "Cause", "Ward", "Local authority"],
      ),
      "Testshire",
    );
    expect(withDistrict.findings.filter((x) => x.severity === "error")).toEqual([]);
    expect(withDistrict.matrix!.rows.find((w) => w.ward === "Abbey")!.evidence.fires).toBe("0");
  });

  it("places a shared ward name by name in a return of one district", () => {
    const r = build(fires([...year("North"), ...year("Abbey")]), "Testshire");
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.matrix!.rows.find((w) => w.ward === "Abbey")!.flags.fires).toBe(true);
  });
});

describe("every district the returns cover (--all-districts)", () => {
  const request = (rows: Cell[][]) => ({
    inputs: [fires(rows)],
    lookups: [lookup()],
    criteria,
    districts: [],
    allDistricts: true,
    today: 2025 * 12,
  });

  it("builds the districts the returns cover and leaves out one with a few stray rows, saying so", () => {
    const rows = [...Array.from({ length: 9 }, () => year("North")).flat(), ...year("Somersham").slice(0, 1)];
    const r = buildTable4(request(rows));
    if (!r.ok) throw new Error(r.message);
    expect(r.tables.map((t) => t.district)).toEqual(["Testshire"]);
    expect(r.districtsLeftOut).toEqual([{ district: "Othershire", rows: 1, share: 1 / 109 }]);
    const both = buildTable4(request([...year("North"), ...year("Somersham")]));
    expect(both.ok && both.tables.map((t) => t.district).sort()).toEqual(["Othershire", "Testshire"]);
  });

  it("says a district no return covers is not covered, not that its period is wrong", () => {
    const r = build(fires([...year("North")]), "Othershire");
    const f = r.findings.find((x) => x.code === "no-data-in-period")!;
    expect(f.message).toMatch(/^No Fires return covers Othershire/);
    expect(f.fix).not.toMatch(/period/);
  });
});

describe("a lookup means one thing", () => {
  it("refuses a lookup listing an area in two wards, naming both", () => {
    const r = readLookup(
      sheet(
        [
          ["Village", "Ward"],
          ["Comberton", "Harston & Comberton"],
          ["Comberton", "Hardwick"],
          ["Cottenham", "Cottenham"],
        ],
        "villages.csv",
      ),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/lists 1 village in two wards \(Comberton: Harston & Comberton and Hardwick\)/);
  });
});
