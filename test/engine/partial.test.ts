/*
 * Partial data never gives a false "no": months missing, rows left out and suppressed values
 * make a flag not known (null), never false, and the table says so above itself.
 */
import fc from "fast-check";
import { Cell, SheetData } from "../../src/engine/read/cells";
import { builtInCriteria, Criteria, CriteriaSpec } from "../../src/engine/rules/criteria";
import { buildFromInputs, InputFile } from "../../src/engine/matrix/pipeline";
import { matrixText, table4Layout } from "../../src/engine/matrix/render";
import { evaluateMeasures, parseRule, Rule } from "../../src/engine/rules/rules";
import { benefitsColumn, TESTSHIRE_ROWS, testshireLookup } from "../helpers/testshire";

const sheet = (rows: Cell[][], file = "return.csv"): SheetData => ({ file, sheet: "Sheet1", rows });
const input = (rows: Cell[][], kind: string, file = `${kind}.csv`): InputFile => ({ file, kind, sheets: [sheet(rows, file)] });

const lookup = () => testshireLookup();

const criteria = (columns: CriteriaSpec["columns"]): Criteria => builtInCriteria({ columns }, "test");
const FIRES = criteria([
  { id: "fires", label: "Deliberate fires", kind: "fires", rule: ">=20", period: { from: "2024-01", to: "2024-12" } },
]);
const BENEFITS = criteria([benefitsColumn({ from: "2024-01", to: "2024-06" })]);

const day = (m: number, d = 15) => `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/2024`;
/** n fires in a ward, spread over the year's months (every month has at least one fire somewhere). */
const fires = (ward: string, n: number) => Array.from({ length: n }, (_, i) => [day((i % 12) + 1, 10), "Deliberate", ward]);
const everyMonth = () => Array.from({ length: 12 }, (_, m) => [day(m + 1), "Deliberate", "East"]);

const build = (inputs: InputFile[], c: Criteria, allowPartial = false) =>
  buildFromInputs(inputs, { criteria: c, district: "Testshire", lookups: [lookup()], allowPartial });

const flagsOf = (r: ReturnType<typeof build>, id: string) => Object.fromEntries(r.matrix!.rows.map((w) => [w.ward, w.flags[id]]));

describe("coverage month by month", () => {
  it("stops a build whose monthly source lacks one month, naming it", () => {
    const rows: Cell[][] = [["Month", "LSOA", "Claims"]];
    for (const m of ["Jan 2024", "Feb 2024", "Mar 2024", "May 2024", "Jun 2024"]) rows.push([m, "E01040001", 10], [m, "E01040002", 5]);
    const r = build([input(rows, "benefits")], BENEFITS);
    expect(r.matrix).toBeUndefined();
    const f = r.findings.find((x) => x.code === "period-not-covered")!;
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/Apr 2024/);
    expect(f.message).not.toMatch(/May 2024/);
  });

  it("stops a build whose incident list ends more than a month early, and not one with a quiet month inside", () => {
    const cut = build(
      [input([["Date", "Cause", "Ward"], ...fires("North", 30).map((r, i) => [day((i % 9) + 1), r[1], r[2]])], "fires")],
      FIRES,
    );
    expect(cut.matrix).toBeUndefined();
    expect(cut.findings.find((f) => f.code === "period-not-covered")!.message).toMatch(/Oct 2024, Nov 2024 and Dec 2024/);
    const quiet = build(
      [input([["Date", "Cause", "Ward"], ...everyMonth().filter((_, m) => m !== 6), ...fires("North", 20)], "fires")],
      FIRES,
    );
    expect(quiet.matrix).toBeDefined();
    expect(quiet.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("a build from part of the data (--allow-partial)", () => {
  const header = ["Date", "Cause", "Ward"];

  it("keeps a count already met, and makes one the left-out rows could meet not known, never false", () => {
    // North has 19 fires and one row whose ward is unknown: 19 + 1 could be 20.
    const rows = [header, ...everyMonth(), ...fires("North", 19), ...fires("South", 25), [day(3), "Deliberate", "Nowhere"]];
    const strict = build([input(rows, "fires")], FIRES);
    expect(strict.matrix).toBeUndefined();
    const r = build([input(rows, "fires")], FIRES, true);
    expect(flagsOf(r, "fires")).toEqual({ North: null, South: true, East: false });
    const north = r.matrix!.rows.find((w) => w.ward === "North")!;
    expect(north).toMatchObject({ total: 0, unknown: 1, incomplete: true, risk: "Low to Medium", riskFrom: "Low", riskTo: "Medium" });
    expect(north.evidence.fires).toBe("19 to 20");
    expect(north.reasons.fires).toEqual({
      value: 19,
      range: { lo: 19, hi: 20 },
      reason: "The ward's count is 19 to 20; with part of the data missing it may or may not meet 20 or more, so the flag is not known.",
    });
    expect(r.matrix!.incompleteness).toMatch(/^INCOMPLETE: built despite 1 error .*1 row of the returns left out; 1 flag not known/);
  });

  it("for a rule that lower counts meet, keeps a ward the left-out rows cannot bring down to it as no flag", () => {
    const FEW = criteria([{ id: "fires", label: "Few fires", kind: "fires", rule: "<5", period: { from: "2024-01", to: "2024-12" } }]);
    // East has 12 (every month), North 14, South 2 to 3 with the unplaced row: East and North stay above 5.
    const rows = [header, ...everyMonth(), ...fires("North", 14), ...fires("South", 2), [day(3), "Deliberate", "Nowhere"]];
    expect(flagsOf(build([input(rows, "fires")], FEW, true), "fires")).toEqual({ North: false, South: true, East: false });
    const closer = [header, ...everyMonth(), ...fires("North", 14), ...fires("South", 4), [day(3), "Deliberate", "Nowhere"]];
    expect(flagsOf(build([input(closer, "fires")], FEW, true), "fires")).toEqual({ North: false, South: null, East: false });
  });

  it("makes every unmet count not known when months are missing, and keeps those met", () => {
    const rows = [header, ...everyMonth().slice(0, 6), ...fires("South", 25).map((r) => [day(2), r[1], r[2]])];
    const r = build([input(rows, "fires")], FIRES, true);
    expect(r.findings.some((f) => f.code === "period-not-covered")).toBe(true);
    expect(flagsOf(r, "fires")).toEqual({ North: null, South: true, East: null });
    expect(r.matrix!.columns[0].partial).toMatch(/Jul 2024/);
  });

  it("shows a flag not known as 'not known', a total as a number beside the flags not known, and a range for the risk", () => {
    const rows = [header, ...everyMonth(), ...fires("North", 19), [day(3), "Deliberate", "Nowhere"]];
    const m = build([input(rows, "fires")], FIRES, true).matrix!;
    const layout = table4Layout(m);
    const values = layout.cells.map((row) => row.map((c) => c.value));
    const head = values[layout.table.headerRow];
    expect(head).toEqual(["Ward", "Deliberate fires", "Total Flags", "Flags not known", "Risk", expect.any(String), expect.any(String)]);
    const north = values.find((row) => row[0] === "North")!;
    expect(north.slice(0, 5)).toEqual(["North", "not known", 0, 1, "Low to Medium"]);
    expect(layout.cells.find((row) => row[0]?.value === "North")![4].style).toBe("risk-unknown");
    expect(values.slice(0, layout.table.headerRow).flat()).toContain(m.incompleteness);
    expect(m.notes[0]).toBe(m.incompleteness);
    expect(matrixText(m)).toMatch(/INCOMPLETE/);
  });
});

describe("suppressed values", () => {
  it("averages over the months reported, saying how many (one '*' month of six)", () => {
    const rows: Cell[][] = [["Month", "LSOA", "Claims"]];
    for (const m of ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "May 2024", "Jun 2024"]) {
      rows.push([m, "E01040001", m === "Mar 2024" ? "*" : 360], [m, "E01040002", 320]);
    }
    const r = build([input(rows, "benefits")], BENEFITS);
    expect(r.findings.find((f) => f.code === "suppressed-value")?.severity).toBe("warning");
    expect(flagsOf(r, "benefits")).toEqual({ North: true, South: false, East: false });
    expect(r.matrix!.rows.find((w) => w.ward === "North")!.evidence.benefits).toBe(
      "E01040001: 360 (the average of the 5 of 6 months reported)",
    );
  });

  it("gives a count with a suppressed part a range, and a flag that depends on it is not known", () => {
    const c = criteria([{ id: "fires", label: "Fires", kind: "fires", rule: ">=20", period: { from: "2024-01", to: "2024-12" } }]);
    const rows: Cell[][] = [["Date", "Cause", "Ward", "Count"]];
    for (let m = 1; m <= 12; m++) rows.push([day(m), "Deliberate", "East", 1]);
    rows.push([day(2), "Deliberate", "North", 17], [day(3), "Deliberate", "North", "<5"]);
    rows.push([day(2), "Deliberate", "South", 12], [day(3), "Deliberate", "South", "<5"]);
    const r = build([input(rows, "fires")], c);
    // North is 17 to 21: not known. South is 12 to 16: surely under 20.
    expect(flagsOf(r, "fires")).toEqual({ North: null, South: false, East: false });
    expect(r.matrix!.rows.find((w) => w.ward === "North")!.evidence.fires).toBe("17 to 21 (1 suppressed count)");
    expect(r.matrix!.incompleteness).toMatch(/1 flag not known/);
  });
});

describe("the rule over ranges", () => {
  const rules = ["top 2", "top 30%", "bottom 1", ">=20", ">5", "<=3", "<10", "=4"].map((t) => {
    const p = parseRule(t);
    if (!p.ok) throw new Error(p.message);
    return p.rule;
  });
  const measures = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }), fc.boolean()).map(([v, d, open]) => ({
      value: v,
      lo: v,
      hi: open ? Infinity : v + d,
    })),
    { minLength: 1, maxLength: 8 },
  );

  it("never answers true or false where some value inside the ranges gives the other answer", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        measures,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (rule: Rule, ms, picks) => {
          const verdicts = evaluateMeasures(rule, ms).flags;
          // One world inside the ranges: each value somewhere between its bounds (an open range up to 100).
          const world = ms.map((m, i) => {
            const hi = Number.isFinite(m.hi) ? m.hi : 100;
            const v = Math.round(m.lo + (hi - m.lo) * picks[i]);
            return { value: v, lo: v, hi: v };
          });
          const truth = evaluateMeasures(rule, world).flags;
          verdicts.forEach((v, i) => {
            if (v !== null) expect(v).toBe(truth[i]);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("removing months never turns a flag false without marking it not known", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 11 }),
        (perMonth, kept) => {
          const rows: Cell[][] = [["Date", "Cause", "Ward"], ...everyMonth()];
          perMonth.forEach((n, m) => {
            for (let k = 0; k < n * 3; k++) rows.push([day(m + 1, 1 + k), "Deliberate", "North"]);
          });
          const full = flagsOf(build([input(rows, "fires")], FIRES), "fires");
          const cut = rows.filter((r, i) => i === 0 || Number((r[0] as string).slice(3, 5)) <= kept);
          const part = flagsOf(build([input(cut, "fires")], FIRES, true), "fires");
          for (const ward of Object.keys(full)) {
            if (full[ward] === true) expect(part[ward]).not.toBe(false);
            if (part[ward] !== null) expect(part[ward]).toBe(full[ward]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("what incomplete data can never do", () => {
  const C = criteria([{ id: "fires", label: "Fires", kind: "fires", rule: ">=20", period: { from: "2024-01", to: "2024-12" } }]);
  const header = ["Date", "Cause", "Ward", "Count"];
  const rowsOf = (counts: number[][]) =>
    counts.flatMap((perWard, w) => perWard.map((n, m) => [day(m + 1), "Deliberate", ["North", "South", "East"][w], n] as Cell[]));
  const wardCounts = fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 12, maxLength: 12 }), { minLength: 3, maxLength: 3 });

  it("suppressing counts never turns a flag false without marking it not known", () => {
    fc.assert(
      fc.property(wardCounts, fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }), (counts, hide) => {
        const full = flagsOf(build([input([header, ...rowsOf(counts)], "fires")], C), "fires");
        // "<5" only where the value is under 5, as a partner would write it; "*" anywhere.
        const suppressed = rowsOf(counts).map((r, i) => (hide[i] ? [r[0], r[1], r[2], (r[3] as number) < 5 ? "<5" : "*"] : r));
        const part = flagsOf(build([input([header, ...suppressed], "fires")], C), "fires");
        for (const ward of Object.keys(full)) {
          if (full[ward] === true) expect(part[ward]).not.toBe(false);
          if (part[ward] !== null) expect(part[ward]).toBe(full[ward]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("adding another district's rows never changes a flag", () => {
    const two = () => testshireLookup([...TESTSHIRE_ROWS, ["E01040009", "B 001A", "E05000009", "Elsewhere", "E07000002", "Othershire"]]);
    fc.assert(
      fc.property(wardCounts, fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 12, maxLength: 12 }), (counts, stray) => {
        const opts = { criteria: C, district: "Testshire", lookups: [two()] };
        const alone = buildFromInputs([input([header, ...rowsOf(counts)], "fires")], opts);
        const strays = stray.map((n, m) => [day(m + 1, 20), "Deliberate", "Elsewhere", n] as Cell[]);
        const county = buildFromInputs([input([header, ...rowsOf(counts), ...strays], "fires")], opts);
        expect(flagsOf(county, "fires")).toEqual(flagsOf(alone, "fires"));
      }),
      { numRuns: 40 },
    );
  });
});
