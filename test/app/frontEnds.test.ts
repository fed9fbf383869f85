import { Cell } from "../../src/engine/read/cells";
import { DEFAULT_CRITERIA_SPEC, CriteriaSpec } from "../../src/engine/rules/criteria";
import { finding, Finding } from "../../src/engine/findings/findings";
import { table4Layout } from "../../src/engine/matrix/render";
import { comparisonRows } from "../../src/engine/matrix/compare";
import { checkSheet, table4FromSheets } from "../../src/app/openWorkbook";
import { fixForCli, problemForCli } from "../../src/cli/cliRemedies";
import { fixForPane, problemForPane } from "../../src/taskpane/paneRemedies";
import { marksOf } from "../../src/taskpane/model";
import { SCENARIOS } from "../validation/scenarios";
import { sheet } from "../helpers/sheets";
import { problem } from "../../src/app/problems";

const FLAG = /(^|\s)--[a-z]|riskmatrix /;

describe("each front end words a finding's remedies its own way", () => {
  const findings: Finding[] = SCENARIOS.flatMap((s) => s.run());
  const withRemedies = findings.filter((f) => f.remedies?.length);

  it("the engine's own words name no command-line flag", () => {
    expect(findings.length).toBeGreaterThan(20);
    for (const f of findings) {
      expect(f.message).not.toMatch(FLAG);
      expect(f.fix).not.toMatch(FLAG);
    }
  });

  it("the command line names its flags; the pane names its controls and never a flag", () => {
    expect(withRemedies.length).toBeGreaterThan(3);
    for (const f of withRemedies) {
      expect(fixForCli(f).startsWith(f.fix)).toBe(true);
      expect(fixForCli(f).length).toBeGreaterThan(f.fix.length);
      expect(fixForPane(f)).not.toMatch(FLAG);
      expect(fixForPane(f).length).toBeGreaterThan(f.fix.length);
    }
    const noDistrict = withRemedies.find((f) => f.code === "no-district")!;
    expect(fixForCli(noDistrict)).toMatch(/--district NAME/);
    expect(fixForPane(noDistrict)).toMatch(/open “Criteria and risk key” and choose the “District”/);
  });

  it("a request's problem gets the same treatment", () => {
    const p = problem("no-criteria-for-district", { district: "Fenland" }, { remedies: [{ action: "give-end" }] });
    expect(problemForCli(p).fix).toMatch(/--end YYYY-MM/);
    expect(problemForPane(p)).not.toMatch(FLAG);
    expect(problemForPane(p)).toMatch(/choose the “Last month of the data”/);
  });
});

describe("marks on the sheet", () => {
  const at = (row: number, col: number, reason: string) =>
    finding("bad-date", {
      file: "w",
      sheet: "Fires",
      at: { kind: "cell", row, col },
      params: { form: "unreadable", header: "Date", row: row + 1, reason },
    });

  it("put one comment on a cell, listing every finding of that cell, and skip findings about whole rows", () => {
    const marks = marksOf([
      at(1, 0, "is not a date"),
      at(1, 0, "is also odd"),
      at(2, 1, "is a cause"),
      finding("blank-rows", { file: "w", sheet: "Fires", at: { kind: "rows", first: 4, last: 5 }, params: { first: 5, last: 6 } }),
    ]);
    expect(marks.map((m) => m.address)).toEqual(["A2", "B3"]);
    expect(marks[0].note).toMatch(/not a date[\s\S]*also odd/);
  });
});

describe("the pane's use cases over sheets already read", () => {
  const criteria = JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC)) as CriteriaSpec;
  // One deliberate fire a month for the preset's three years to November 2019, in one ward or another.
  const firesIn = (ward: (month: number) => string): Cell[][] => [
    ["Date", "Cause", "Ward"],
    ...Array.from({ length: 36 }, (_, i) => [
      `15/${String(((11 + i) % 12) + 1).padStart(2, "0")}/${2016 + Math.floor((11 + i) / 12)}`,
      "Deliberate",
      ward(i),
    ]),
  ];
  const fires = firesIn(() => "Cottenham");

  it("checks a sheet as the kind its headers show, or says it fits none", () => {
    const r = checkSheet({ sheet: sheet(fires, "Fires"), criteria });
    expect(r.ok && r.kind).toBe("fires");
    const none = checkSheet({
      sheet: sheet(
        [
          ["Name", "Colour"],
          ["a", "b"],
        ],
        "Notes",
      ),
      criteria,
    });
    expect(none.ok && none.kind).toBeUndefined();
  });

  it("refuses criteria that do not parse, with each problem listed", () => {
    const broken = { ...criteria, columns: [{ ...criteria.columns[0], rule: "lots" }] };
    const r = table4FromSheets({ criteria: broken, sources: {}, sheets: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.details?.join("\n")).toMatch(/rule/);
  });

  it("carries an earlier matrix's concerns forward and lists what changed", () => {
    const sources = Object.fromEntries(criteria.columns.filter((c) => c.kind === "fires").map((c) => [c.id, "Fires"]));
    const first = table4FromSheets({ criteria, sources, sheets: { Fires: sheet(fires, "Fires") }, allowPartial: true });
    if (!first.ok || !first.matrix) throw new Error("no first matrix");
    const layout = table4Layout(first.matrix);
    const rows: Cell[][] = layout.cells.map((r) => r.map((c) => c.value ?? null));
    const earlier = sheet(rows, "Table 4");
    const fewer = sheet(
      firesIn((i) => (i < 5 ? "Cottenham" : "Melbourn")),
      "Fires",
    );
    expect(first.matrix.rows.find((r) => r.ward === "Cottenham")?.total).toBeGreaterThan(0);
    const second = table4FromSheets({ criteria, sources, sheets: { Fires: fewer }, earlier, allowPartial: true });
    expect(second.ok).toBe(true);
    if (second.ok) {
      expect(second.comparison?.against).toBe("Table 4");
      expect(second.comparison?.changes.map((c) => c.ward)).toContain("Cottenham");
      expect(second.comparison?.criteriaChanged).toEqual([]);
    }
  });

  it("says which changes since an earlier matrix come from changed criteria rather than the data", () => {
    const sources = Object.fromEntries(criteria.columns.filter((c) => c.kind === "fires").map((c) => [c.id, "Fires"]));
    const first = table4FromSheets({ criteria, sources, sheets: { Fires: sheet(fires, "Fires") }, allowPartial: true });
    if (!first.ok || !first.matrix) throw new Error("no first matrix");
    const earlier = sheet(
      table4Layout(first.matrix).cells.map((r) => r.map((c) => c.value ?? null)),
      "Table 4",
    );
    const stricter = JSON.parse(JSON.stringify(criteria)) as CriteriaSpec;
    const col = stricter.columns.find((c) => c.kind === "fires")!;
    col.rule = ">=100";
    col.criterion = "100+ deliberate fires";
    const second = table4FromSheets({ criteria: stricter, sources, sheets: { Fires: sheet(fires, "Fires") }, earlier, allowPartial: true });
    if (!second.ok || !second.comparison) throw new Error("no comparison");
    expect(second.comparison.criteriaChanged).toEqual([{ column: col.label, before: expect.any(String), now: "100+ deliberate fires" }]);
    const cottenham = second.comparison.changes.find((c) => c.ward === "Cottenham")!;
    expect(cottenham.lost).toEqual([col.label]);
    const rows = comparisonRows(second.comparison);
    expect(rows.flat().join(" | ")).toMatch(new RegExp(`Criteria changed for ${col.label}`));
    expect(rows.find((r) => r[0] === "Cottenham")![2]).toBe(`${col.label} (criteria changed)`);
  });
});
