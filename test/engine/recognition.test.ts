/*
 * No guessed kinds: a sheet is a kind by the column that makes it that kind, never by its date
 * and place columns; and two returns of one column are never summed without a word.
 */
import { Cell, SheetData } from "../../src/engine/cells";
import { builtInCriteria, Criteria } from "../../src/engine/criteria";
import { buildFromInputs, checkInputs, InputFile } from "../../src/engine/pipeline";
import { recogniseKind } from "../../src/engine/headers";

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
    expect(checked.returns.map((r) => [r.kind.id, r.recognisedBy])).toEqual([["fires", "mapped with --map fires.FIELD"]]);
  });

  it("names the candidates for a sheet of date and place columns only, and reads it once named", () => {
    const rows: Cell[][] = [["Date", "Ward"], ...months("North")];
    const r = recogniseKind(sheet(rows, "q3.csv"));
    expect(r.status === "ambiguous" && r.unidentified && r.candidates.map((c) => c.kind.id).sort()).toEqual(["police-asb", "police-crime"]);
    const named = checkInputs([input(rows, "q3.csv", "police-asb")], { criteria: criteria() });
    expect(named.returns.map((x) => [x.kind.id, x.recognisedBy])).toEqual([["police-asb", "named police-asb="]]);
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

  it("is an error when their periods overlap (one file given twice), unless the sum is meant", () => {
    const inputs = [input(asb, "asb.csv"), input(asb, "asb-copy.csv"), input(fires, "fires.csv")];
    const r = buildFromInputs(inputs, { criteria: criteria() });
    expect(r.matrix).toBeUndefined();
    const f = r.findings.find((x) => x.code === "overlapping-returns")!;
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/asb\.csv and asb-copy\.csv/);
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
