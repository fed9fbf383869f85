import { Cell } from "../../src/engine/read/cells";
import { ColumnSpec, readCriteria, Criteria } from "../../src/engine/rules/criteria";
import { buildFromInputs, InputFile } from "../../src/engine/matrix/pipeline";
import { sheet } from "../helpers/sheets";

const WARDS = ["Alpha", "Beta", "Gamma", "Delta"];

function criteria(columns: ColumnSpec[], extra: Record<string, unknown> = {}): Criteria {
  const r = readCriteria({ district: { name: "Testshire", wards: WARDS }, columns, ...extra });
  if (!r.ok) throw new Error(r.details?.join("; ") ?? r.message);
  return r.criteria;
}

function input(kind: string, rows: Cell[][]): InputFile {
  return { file: `${kind}.csv`, kind, sheets: [sheet(rows, kind, `${kind}.csv`)] };
}

function flagsOf(result: ReturnType<typeof buildFromInputs>, id: string): Record<string, boolean | null> {
  return Object.fromEntries(result.matrix!.rows.map((r) => [r.ward, r.flags[id]]));
}

describe("count threshold per ward", () => {
  const spec: ColumnSpec = {
    id: "fires",
    label: "Deliberate Fires",
    kind: "fires",
    filter: { cause: "Deliberate" },
    period: { from: "2019-01-01", to: "2019-06-30" },
    rule: ">=20",
  };
  it("counts only what the filter and period allow, inclusively", () => {
    const rows: Cell[][] = [
      ["Date", "Cause", "Ward", "Count"],
      ["01/01/2019", "Deliberate", "Alpha", 20], // exactly 20: flagged
      ["01/06/2019", "Deliberate", "Beta", 19],
      ["01/06/2019", "Accidental", "Beta", 50], // accidental fires do not count
      ["31/12/2018", "Deliberate", "Gamma", 30],
      ["01/02/2019", "Deliberate", "Gamma", 5], // outside the period
      ["01/02/2019", "Deliberate", "Delta", 10],
      ["02/02/2019", "Deliberate", "Delta", 10],
    ]; // adds up across rows
    const r = buildFromInputs([input("fires", rows)], { criteria: criteria([spec]) });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(flagsOf(r, "fires")).toEqual({ Alpha: true, Beta: false, Gamma: false, Delta: true });
    expect(r.matrix!.rows.find((x) => x.ward === "Gamma")!.evidence.fires).toBe("5");
    const reasons = Object.fromEntries(r.matrix!.rows.map((x) => [x.ward, x.reasons.fires]));
    expect(reasons.Alpha).toEqual({ value: 20, reason: "The ward's count is 20, which meets 20 or more." });
    expect(reasons.Beta).toEqual({ value: 19, reason: "The ward's count is 19, which does not meet 20 or more." });
  });
});

describe("the district's count by month, for the charts", () => {
  it("adds up each month of the period as the wards' counts do; a month with no rows is not known, never 0", () => {
    const spec: ColumnSpec = {
      id: "fires",
      label: "Deliberate Fires",
      kind: "fires",
      filter: { cause: "Deliberate" },
      period: { from: "2019-01-01", to: "2019-04-30" },
      rule: ">=20",
    };
    const rows: Cell[][] = [
      ["Date", "Cause", "Ward", "Count"],
      ["05/01/2019", "Deliberate", "Alpha", 3],
      ["20/01/2019", "Deliberate", "Beta", 4],
      ["20/01/2019", "Accidental", "Beta", 50],
      ["03/02/2019", "Deliberate", "Gamma", 2],
      ["03/04/2019", "Deliberate", "Delta", 7],
      ["03/05/2019", "Deliberate", "Delta", 9],
    ];
    const r = buildFromInputs([input("fires", rows)], { criteria: criteria([spec]) });
    const monthly = r.matrix!.columns[0].monthly!;
    expect(monthly).toEqual([
      { month: "2019-01", value: 7, suppressed: 0 },
      { month: "2019-02", value: 2, suppressed: 0 },
      { month: "2019-03", value: null, suppressed: 0 },
      { month: "2019-04", value: 7, suppressed: 0 },
    ]);
    const wards = r.matrix!.rows.reduce((n, w) => n + (w.reasons.fires.value ?? 0), 0);
    expect(monthly.reduce((n, m) => n + (m.value ?? 0), 0)).toBe(wards);
  });
});

describe("threshold on the largest village in the ward", () => {
  const spec: ColumnSpec = { id: "casb", label: "Council ASB", kind: "council-asb", geography: "village", rule: ">=6" };
  it("flags a ward holding one village of 6+, not a ward of several small villages", () => {
    const rows: Cell[][] = [["Date opened", "Village", "Ward"]];
    const add = (village: string, ward: string, n: number) => {
      for (let i = 0; i < n; i++) rows.push(["01/01/2019", village, ward]);
    };
    add("Big Village", "Alpha", 6);
    add("One", "Beta", 5);
    add("Two", "Beta", 5);
    add("Three", "Beta", 5);
    add("big village", "Gamma", 3);
    add("Big  Village", "Gamma", 2); // spelled two ways: one village of 5
    const r = buildFromInputs([input("council-asb", rows)], { criteria: criteria([spec]) });
    expect(flagsOf(r, "casb")).toEqual({ Alpha: true, Beta: false, Gamma: false, Delta: false });
    expect(r.matrix!.rows[0].evidence.casb).toBe("Big Village: 6");
    expect(r.matrix!.rows.find((x) => x.ward === "Beta")!.reasons.casb).toEqual({
      value: 5,
      area: "One",
      reason: "One, the ward's highest village, has 5, which does not meet 6 or more.",
    });
  });
});

describe("top N small areas by average monthly count", () => {
  const spec: ColumnSpec = {
    id: "ben",
    label: "Benefits",
    kind: "benefits",
    geography: "lsoa",
    period: { from: "2019-04", to: "2019-05" },
    measure: { aggregate: "monthly-average", field: "claims" },
    rule: "top 2",
  };
  const rows = (extra: Cell[][] = []): Cell[][] => [
    ["Month", "LSOA", "Ward", "Claims"],
    ["Apr 2019", "E01000001", "Alpha", 10],
    ["May 2019", "E01000001", "Alpha", 30], // 20 a month
    ["Apr 2019", "E01000002", "Beta", 40],
    ["May 2019", "E01000002", "Beta", 40], // 40
    ["Apr 2019", "E01000003", "Gamma", 15],
    ["May 2019", "E01000003", "Gamma", 15], // 15
    ["Mar 2019", "E01000004", "Delta", 900], // outside the period
    ...extra,
  ];
  it("ranks LSOAs across the district and flags the wards that hold the top ones", () => {
    const r = buildFromInputs([input("benefits", rows())], { criteria: criteria([spec]) });
    expect(flagsOf(r, "ben")).toEqual({ Alpha: true, Beta: true, Gamma: false, Delta: false });
    expect(r.matrix!.notes).toEqual([]);
    const reason = (ward: string) => r.matrix!.rows.find((x) => x.ward === ward)!.reasons.ben;
    expect(reason("Alpha")).toMatchObject({ value: 20, area: "E01000001", rank: 2 });
    expect(reason("Gamma").reason).toBe("E01000003, the ward's highest LSOA, has 15, 3rd of 3, outside the top 2.");
    expect(reason("Delta")).toEqual({ value: 0, reason: "Nothing was counted in this ward (0), so it is outside the top 2." });
  });
  it("includes every LSOA tied at the cut, and the output says so", () => {
    const r = buildFromInputs(
      [
        input(
          "benefits",
          rows([
            ["Apr 2019", "E01000005", "Delta", 20],
            ["May 2019", "E01000005", "Delta", 20],
          ]),
        ),
      ],
      { criteria: criteria([spec]) },
    );
    expect(flagsOf(r, "ben")).toEqual({ Alpha: true, Beta: true, Gamma: false, Delta: true });
    expect(r.matrix!.notes.join(" ")).toMatch(/3 LSOAs are flagged for "top 2" because .*E01000001.*E01000005.* tie at 20/);
  });
  it("rejects the same LSOA-month twice rather than double-counting it", () => {
    const r = buildFromInputs([input("benefits", rows([["Apr 2019", "E01000003", "Gamma", 99]]))], {
      criteria: criteria([spec]),
      allowPartial: true,
    });
    expect(r.findings.some((f) => f.code === "duplicate-row" && f.severity === "error")).toBe(true);
    expect(flagsOf(r, "ben").Gamma).toBe(false);
  });
});

describe("decile of any small area", () => {
  const spec: ColumnSpec = {
    id: "imd",
    label: "IMD",
    kind: "imd",
    geography: "lsoa",
    measure: { aggregate: "min", field: "decile" },
    rule: "decile<=3",
  };
  it("flags a ward with at least one LSOA in deciles 1-3", () => {
    const rows: Cell[][] = [
      ["LSOA code (2011)", "Ward", "IMD decile"],
      ["E01000001", "Alpha", 3],
      ["E01000002", "Alpha", 9],
      ["E01000003", "Beta", 4],
      ["E01000004", "Gamma", 1],
    ];
    const r = buildFromInputs([input("imd", rows)], { criteria: criteria([spec]) });
    expect(flagsOf(r, "imd")).toEqual({ Alpha: true, Beta: false, Gamma: true, Delta: false });
  });
});

describe("the matrix", () => {
  const specs: ColumnSpec[] = [
    { id: "crime", label: "Crime", kind: "police-crime", rule: ">=2" },
    { id: "asb", label: "ASB", kind: "police-asb", rule: ">=1" },
    { id: "csc", label: "Children's social care referrals", kind: "police-asb", filter: { category: "Referral" }, rule: ">=1" },
  ];
  const inputs = [
    input("police-crime", [
      ["Date", "Ward"],
      ["01/01/2019", "Alpha"],
      ["01/01/2019", "Alpha"],
      ["01/01/2019", "Beta"],
    ]),
    input("police-asb", [
      ["Date", "Ward", "Category"],
      ["01/01/2019", "Alpha", "Nuisance"],
      ["01/01/2019", "Alpha", "Referral"],
      ["01/01/2019", "Beta", "Personal"],
    ]),
    input("concerns", [
      ["Ward", "Professional concern raised", "Priority"],
      ["Delta", "New estate, growth", "preventing"],
    ]),
  ];
  it("totals the flags, applies the key, and carries officers' concerns without computing them", () => {
    const r = buildFromInputs(inputs, { criteria: criteria(specs, { riskKey: "0:Low;1:Medium;2+:High" }) });
    const rows = Object.fromEntries(r.matrix!.rows.map((x) => [x.ward, x]));
    expect(rows.Alpha).toMatchObject({ total: 3, risk: "High", flags: { crime: true, asb: true, csc: true } });
    expect(rows.Beta).toMatchObject({ total: 1, risk: "Medium" });
    expect(rows.Gamma).toMatchObject({ total: 0, risk: "Low" });
    expect(rows.Delta).toMatchObject({ total: 0, risk: "Low", concern: "New estate, growth", priority: "Preventing" });
    expect(r.matrix!.rows.map((x) => x.ward)).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
  });
  it("stops with an error when a column has no return, and builds nothing", () => {
    const r = buildFromInputs(inputs.slice(0, 1), { criteria: criteria(specs) });
    expect(r.matrix).toBeUndefined();
    expect(r.findings.filter((f) => f.code === "no-return-for-column").length).toBe(2);
  });
  it("stops on errors in a return unless a partial build is asked for", () => {
    const bad = [
      input("police-crime", [
        ["Date", "Ward"],
        ["01/01/2019", "Alpha"],
        ["01/01/2019", "Alfa"],
      ]),
      ...inputs.slice(1),
    ];
    expect(buildFromInputs(bad, { criteria: criteria(specs) }).matrix).toBeUndefined();
    const partial = buildFromInputs(bad, { criteria: criteria(specs), allowPartial: true });
    // Alpha has 1 crime and the left-out "Alfa" row could be its second: not known, never "no flag".
    expect(partial.matrix?.rows.find((x) => x.ward === "Alpha")?.flags.crime).toBeNull();
    expect(partial.findings.find((f) => f.code === "unknown-ward")?.message).toMatch(/nearest: Alpha/);
  });
});

describe("criteria files", () => {
  it("reports every problem with where it is", () => {
    const r = readCriteria({
      columns: [
        { id: "a", label: "A", kind: "nope", rule: ">=1" },
        { id: "b", label: "B", kind: "fires", rule: "lots", filter: { colour: "red" } },
        { label: "C" },
      ],
      riskKey: "1:Low",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.details!.join("\n")).toMatch(/columns\[0\]\.kind/);
      expect(r.details!.join("\n")).toMatch(/columns\[1\]\.rule/);
      expect(r.details!.join("\n")).toMatch(/columns\[1\]\.filter/);
      expect(r.details!.join("\n")).toMatch(/columns\[2\]\.id/);
      expect(r.details!.join("\n")).toMatch(/riskKey/);
    }
  });
});

describe("wards taken from the returns", () => {
  it("warns when two ward names differ by a letter or two", () => {
    const r = readCriteria({ district: { name: "Elsewhere" }, columns: [{ id: "c", label: "C", kind: "police-crime", rule: ">=1" }] });
    if (!r.ok) throw new Error("criteria");
    const result = buildFromInputs(
      [
        input("police-crime", [
          ["Date", "Ward"],
          ["01/01/2019", "Melbourn"],
          ["01/01/2019", "Melbourne"],
          ["01/01/2019", "Girton"],
        ]),
      ],
      { criteria: r.criteria },
    );
    expect(result.findings.filter((f) => f.code === "similar-ward-names").map((f) => f.message)).toEqual([
      expect.stringMatching(/"Melbourn" and "Melbourne"/),
    ]);
    expect(result.geography?.wardSource).toBe("returns");
  });
});
