import {
  criteriaFromText,
  criterionText,
  presetNamed,
  parseEndMonth,
  rewordColumn,
  ruleInWords,
  STANDARD_COLUMNS,
  standardCriteria,
  standardPeriods,
} from "../../src/app/districtCriteria";
import { builtInCriteria, periodsForKind, readCriteria } from "../../src/engine/rules/criteria";
import { districtsOfLookup } from "../../src/app/lookupFiles";
import { returnKind, RETURN_KINDS } from "../../src/engine/returns/returnKinds";

const month = (y: number, m: number) => y * 12 + m - 1;

describe("standard criteria", () => {
  it("says rules as the published criteria do", () => {
    expect(ruleInWords(">=400")).toBe("400+");
    expect(ruleInWords("decile<=3")).toBe("top 30%");
    expect(ruleInWords("top 5")).toBe("top 5");
    expect(ruleInWords(">120")).toBe("more than 120");
  });

  it("words each column for its period, and the result is valid criteria", () => {
    const fires = STANDARD_COLUMNS.find((c) => c.id === "fires")!;
    expect(criterionText(fires, ">=20", month(2019, 11))).toBe("Highest number of deliberate fires (20+) (3 years to November 2019)");
    const spec = standardCriteria({
      district: { name: "Fenland", code: "E07000010", wards: [{ name: "Manea" }] },
      end: month(2025, 9),
      today: month(2026, 11),
    });
    expect(spec.compiled).toBe("November 2026");
    expect(readCriteria(spec).ok).toBe(true);
    expect(spec.columns.find((c) => c.id === "benefits")!.criterion).toBe(
      "Wards which contained an LSOA in the top 5 highest average monthly claim count (April 2025 to September 2025, monthly claims per LSOA averaged over the 6 months)",
    );
  });

  it("rewords a standard column when its rule or period is edited, and leaves other columns' wording alone", () => {
    const spec = standardCriteria({
      district: { name: "Fenland", wards: [{ name: "Manea" }] },
      end: month(2025, 9),
      today: month(2026, 11),
    });
    const crime = spec.columns.find((c) => c.id === "crime")!;
    expect(rewordColumn({ ...crime, rule: ">=300", period: { from: "2025-01-01", to: "2025-06-30" } }).criterion).toBe(
      "Highest number of offences (300+) between January 2025 and June 2025",
    );
    const own = { id: "csc", label: "Children's social care", kind: "police-crime", rule: ">=5", criterion: "Our own words" };
    expect(rewordColumn(own).criterion).toBe("Our own words");
  });
});

describe("the periods returns are read over, before any district is chosen", () => {
  it("are the standard criteria's periods for every kind, with no district made up to learn them", () => {
    const end = parseEndMonth("2025-09")!;
    const any = builtInCriteria(
      standardCriteria({ district: { name: "Fenland", wards: [{ name: "Wisbech North" }] }, end, today: end }),
      "standard",
    );
    for (const kind of RETURN_KINDS) expect(periodsForKind(standardPeriods(end), kind)).toEqual(periodsForKind(any, kind));
    expect(periodsForKind(standardPeriods(end), returnKind("fires")!)).toHaveLength(1);
  });
});

describe("criteria from a file's text, as the command line reads them", () => {
  it("reads a criteria file with a byte-order mark, and names the file in every problem", () => {
    const spec = standardCriteria({
      district: { name: "Fenland", wards: [{ name: "Wisbech North" }] },
      end: month(2025, 9),
      today: month(2025, 9),
    });
    const read = criteriaFromText(`\uFEFF${JSON.stringify(spec)}`, "fenland.json");
    expect(read.ok && read.criteria.district?.name).toBe("Fenland");
    expect(criteriaFromText("{ columns: [", "broken.json")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The criteria file broken\.json is not valid JSON/),
    });
    expect(criteriaFromText(JSON.stringify({ columns: [{ id: "x" }] }), "bad.json")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The criteria file bad\.json: The criteria have/),
      details: expect.arrayContaining([expect.stringMatching(/columns\[0\]\.label: missing/)]),
    });
  });

  it("knows the presets by name, and nothing else", () => {
    expect(presetNamed("south-cambridgeshire-2020")?.district?.name).toBe("South Cambridgeshire");
    expect(presetNamed("constructor")).toBeUndefined();
  });
});

describe("the districts a lookup sheet covers (the pane's district picker)", () => {
  it("lists a lookup's districts with their wards, and none for a sheet that is no lookup", () => {
    const sheet = (rows: (string | null)[][]) => ({ file: "this workbook", sheet: "Lookup", rows });
    const lookup = sheet([
      ["LSOA21CD", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
      ["E01018226", "E05011300", "Melbourn", "E07000012", "South Cambridgeshire"],
      ["E01017999", "E05002700", "Wisbech North", "E07000010", "Fenland"],
    ]);
    expect(districtsOfLookup(lookup).map((d) => [d.name, d.wards.map((w) => w.name)])).toEqual([
      ["Fenland", ["Wisbech North"]],
      ["South Cambridgeshire", ["Melbourn"]],
    ]);
    expect(districtsOfLookup(sheet([["Notes"]]))).toEqual([]);
    expect(districtsOfLookup(undefined)).toEqual([]);
  });
});
