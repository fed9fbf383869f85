/*
 * No guessed kinds: a sheet is a kind by the column that makes it that kind, never by its date
 * and place columns; and two returns of one column are never summed without a word.
 */
import { Cell, SheetData } from "../../src/engine/read/cells";
import { builtInCriteria, Criteria } from "../../src/engine/rules/criteria";
import { buildFromInputs, checkInputs, InputFile } from "../../src/engine/matrix/pipeline";
import { recogniseKind } from "../../src/engine/returns/headers";
import { benefitsColumn } from "../helpers/testshire";

const sheet = (rows: Cell[][], file: string): SheetData => ({ file, sheet: "Sheet1", rows });
const input = (rows: Cell[][], file: string, kind?: string): InputFile => ({ file, kind, sheets: [sheet(rows, file)] });
const criteria = (): Criteria =>
  builtInCriteria(
    {
      district: { name: "Testshire", wards: [{ name: "North" }, { name: "South" }] },
      columns: [
        { id: "asb", label: "Police ASB", kind: "police-asb", rule: ">=5", period: { from: "2019-01", to: "2019-12" } },
        { id: "fires", label: "Deliberate fires", kind: "fires", rule: ">=3", period: { from: "2019-01", to: "2019-12" } },
      ],
    },
    "test",
  );
const months = (ward: string, extra: Cell[] = []) =>
  Array.from({ length: 12 }, (_, m) => [`10/${String(m + 1).padStart(2, "0")}/2019`, ...extra, ward]);

/** A fire service's return whose cause column has a header no kind lists. */
const HOW_STARTED: Cell[][] = [["Incident date", "How started", "Property type", "Ward"], ...months("North", ["Deliberate", "Grassland"])];

describe("recognising a kind", () => {
  it("does not take a fire return with an unlisted cause header for police ASB by its date and ward", () => {
    const r = recogniseKind(sheet(HOW_STARTED, "fires-2019.csv"));
    expect(r.status).not.toBe("recognised");
    const checked = checkInputs([input(HOW_STARTED, "fires-2019.csv")], { criteria: criteria() });
    expect(checked.returns).toEqual([]);
    const f = checked.findings.find((x) => x.severity === "error")!;
    expect(f.message).toMatch(/not read as any\. .*a Fires return whose Cause column has a header no kind lists/);
    expect(f.remedies).toContainEqual({ action: "map-field", kind: "fires", field: "cause" });
  });

  it("reads it as fires once the cause column is mapped, and says what made it so", () => {
    const checked = checkInputs([input(HOW_STARTED, "fires-2019.csv")], { criteria: criteria(), map: { fires: { cause: "How started" } } });
    expect(checked.returns.map((r) => [r.kind.id, r.recognisedBy])).toEqual([["fires", "a column the user mapped"]]);
  });

  it("names the candidates for a sheet of date and place columns only, and reads it once named", () => {
    const rows: Cell[][] = [["Date", "Ward"], ...months("North")];
    const r = recogniseKind(sheet(rows, "q3.csv"));
    expect(r.status === "ambiguous" && r.unidentified && r.candidates.map((c) => c.kind.id).sort()).toEqual(["police-asb", "police-crime"]);
    const named = checkInputs([input(rows, "q3.csv", "police-asb")], { criteria: criteria() });
    expect(named.returns.map((x) => [x.kind.id, x.recognisedBy])).toEqual([["police-asb", "its kind named by the user"]]);
  });

  it("says which column identified a kind", () => {
    const rows: Cell[][] = [["Date", "Cause of fire", "Ward"], ...months("North", ["Deliberate"])];
    const r = recogniseKind(sheet(rows, "return.csv"));
    expect(r.status === "recognised" && [r.guess.kind.id, r.guess.identifiedBy]).toEqual(["fires", 'its "Cause of fire" column']);
  });
});

describe("two returns feeding one column", () => {
  const asb: Cell[][] = [["Date", "ASB category", "Ward"], ...months("North", ["Nuisance"])];
  const fires: Cell[][] = [["Date", "Cause", "Ward"], ...months("North", ["Deliberate"])];

  it("reads one file given twice once, and names the repeat", () => {
    const r = buildFromInputs([input(asb, "asb.csv"), input(asb, "asb (1).csv"), input(fires, "fires.csv")], { criteria: criteria() });
    const f = r.findings.find((x) => x.code === "repeated-input")!;
    expect(f.message).toMatch(/^asb \(1\)\.csv holds exactly the same cells as asb\.csv, so it was read once/);
    expect(r.findings.filter((x) => x.code === "overlapping-returns")).toEqual([]);
    expect(r.matrix!.rows.find((w) => w.ward === "North")!.evidence.asb).toBe("12");
  });

  it("is an error when their periods overlap (an extract beside another source), unless the sum is meant", () => {
    const other: Cell[][] = [["Date", "ASB category", "Ward"], ...months("North", ["Personal"])];
    const inputs = [input(asb, "asb.csv"), input(other, "force-extract.csv"), input(fires, "fires.csv")];
    const r = buildFromInputs(inputs, { criteria: criteria() });
    expect(r.matrix).toBeUndefined();
    const f = r.findings.find((x) => x.code === "overlapping-returns")!;
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/asb\.csv and force-extract\.csv/);
    const meant = buildFromInputs(inputs, { criteria: criteria(), allowOverlap: true });
    expect(meant.findings.find((x) => x.code === "overlapping-returns")!.severity).toBe("info");
    expect(meant.matrix!.rows.find((w) => w.ward === "North")!.evidence.asb).toBe("24");
  });

  it("sums returns of different parts of the period without a word", () => {
    const firstHalf = [asb[0], ...asb.slice(1, 7)];
    const secondHalf = [asb[0], ...asb.slice(7)];
    const r = buildFromInputs([input(firstHalf, "asb-h1.csv"), input(secondHalf, "asb-h2.csv"), input(fires, "fires.csv")], {
      criteria: criteria(),
    });
    expect(r.findings.filter((x) => x.code === "overlapping-returns")).toEqual([]);
    expect(r.matrix!.rows.find((w) => w.ward === "North")!.flags.asb).toBe(true);
  });
});

describe("repeats across files", () => {
  it("finds an LSOA and month re-sent in a second benefits file, as within one file", () => {
    const spec = builtInCriteria({ columns: [benefitsColumn({ from: "2019-01", to: "2019-02" })] }, "test");
    const a: Cell[][] = [
      ["Month", "LSOA", "Ward", "Claims"],
      ["Jan 2019", "E01000001", "North", 10],
      ["Feb 2019", "E01000001", "North", 12],
    ];
    const b: Cell[][] = [
      ["Month", "LSOA", "Ward", "Claims"],
      ["Feb 2019", "E01000001", "North", 12],
      ["Feb 2019", "E01000002", "South", 3],
    ];
    const r = checkInputs([input(a, "claims-a.csv"), input(b, "claims-b.csv")], { criteria: spec, district: "Testshire" });
    const f = r.findings.find((x) => x.code === "duplicate-row")!;
    expect(f).toMatchObject({ severity: "error", file: "claims-b.csv" });
    expect(f.message).toMatch(/already given in row 3 of claims-a\.csv/);
    expect(r.returns.find((x) => x.file === "claims-b.csv")!.accepted).toBe(1);
  });

  it("warns of an incident reference used in two extracts of the same months", () => {
    const a: Cell[][] = [["Date", "Cause", "Ward", "Incident number"], ...months("North", ["Deliberate"]).map((r, i) => [...r, `F${i}`])];
    const b: Cell[][] = [
      ["Date", "Cause", "Ward", "Incident number"],
      ["10/03/2019", "Deliberate", "South", "F2"],
    ];
    const r = checkInputs([input(a, "fires-a.csv"), input(b, "fires-b.csv")], { criteria: criteria() });
    expect(r.findings.find((x) => x.code === "duplicate-reference")!.message).toMatch(
      /^1 row repeats a reference already used in fires-a\.csv/,
    );
  });
});
