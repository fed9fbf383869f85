/*
 * The pane never uses the wrong sheet: a sheet of another kind chosen for a column is an error on
 * that column, and where two sheets fit one column none is taken for the user.
 */
import { Cell } from "../../src/engine/read/cells";
import { lastMonthOfSheets } from "../../src/app/openWorkbook";
import { formatMonthIso } from "../../src/app/present";
import { CriteriaSpec } from "../../src/engine/rules/criteria";
import { table4FromSheets } from "../../src/app/openWorkbook";
import { followRenamedSheets, parseSettings, prefillSources, sourceProblem, withSheetIds } from "../../src/taskpane/model";
import { sheet } from "../helpers/sheets";

const spec: CriteriaSpec = {
  district: { name: "Testshire", wards: [{ name: "North" }, { name: "South" }] },
  columns: [
    { id: "crime", label: "Police recorded crime", kind: "police-crime", rule: ">=3", period: { from: "2019-01", to: "2019-12" } },
    { id: "fires", label: "Deliberate fires", kind: "fires", rule: ">=3", period: { from: "2019-01", to: "2019-12" } },
  ],
};
const year = (extra: Cell[]) => Array.from({ length: 12 }, (_, m) => [`10/${String(m + 1).padStart(2, "0")}/2019`, ...extra, "North"]);
const FIRES = sheet([["Date", "Cause of fire", "Ward"], ...year(["Deliberate"])], "Fires");
const CRIME = sheet([["Date", "Offence", "Ward"], ...year(["Burglary"])], "Crime");

describe("the sheets chosen for the columns", () => {
  it("refuses a Fires sheet chosen for the police crime column, before anything is built", () => {
    const r = table4FromSheets({ criteria: spec, sources: { crime: "Fires", fires: "Fires" }, sheets: { Fires: FIRES } });
    if (!r.ok) throw new Error(r.message);
    expect(r.matrix).toBeUndefined();
    const f = r.result.findings.find((x) => x.code === "wrong-kind-sheet")!;
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/^Fires, chosen for the "Police recorded crime" column, is a Fires return/);
    const right = table4FromSheets({ criteria: spec, sources: { crime: "Crime", fires: "Fires" }, sheets: { Fires: FIRES, Crime: CRIME } });
    expect(right.ok && right.matrix?.rows.find((w) => w.ward === "North")?.total).toBe(2);
  });

  it("takes no sheet for the user where two fit one column, and says so on the column", () => {
    const kinds = { "Fires Q3 draft": "fires", Fires: "fires", Crime: "police-crime" };
    expect(prefillSources(spec, kinds, {})).toEqual({ crime: "Crime" });
    expect(sourceProblem(spec.columns[1], undefined, kinds, { "Fires Q3 draft": 120, Fires: 1450 })).toEqual({
      severity: "warning",
      text: "2 sheets fit this column (Fires Q3 draft, 120 rows; Fires, 1,450 rows): choose the one to use.",
    });
    expect(sourceProblem(spec.columns[0], "Fires", kinds)?.severity).toBe("error");
    expect(sourceProblem(spec.columns[1], "Fires", kinds)).toBeUndefined();
  });
});

describe("sheets renamed since the choices were saved", () => {
  const saved = withSheetIds(
    { ...parseSettings(undefined), sources: { crime: "Crime Q1", fires: "Fires" }, lookupSheet: "Lookup" },
    { "Crime Q1": "{1}", Fires: "{2}", Lookup: "{3}", Other: "{4}" },
  );
  it("keeps each chosen sheet's id beside its name", () => {
    expect(saved.sheetIds).toEqual({ "Crime Q1": "{1}", Fires: "{2}", Lookup: "{3}" });
    expect(parseSettings(JSON.stringify(saved)).sheetIds).toEqual(saved.sheetIds);
  });
  it("follows a renamed sheet by its id, and leaves a deleted one named (so it is reported missing)", () => {
    const now = followRenamedSheets(saved, { "Crime (final)": "{1}", Lookup: "{3}", "ONS lookup": "{9}" });
    expect(now.sources).toEqual({ crime: "Crime (final)", fires: "Fires" });
    expect(now.lookupSheet).toBe("Lookup");
    expect(now.sheetIds?.["Crime (final)"]).toBe("{1}");
    expect(followRenamedSheets(saved, { "Crime Q1": "{1}", Fires: "{2}", Lookup: "{3}" })).toBe(saved);
  });
});

describe("the data's last month, from a sample of each sheet", () => {
  it("is the latest month among the returns' first and last rows, and nothing for sheets that are not returns", () => {
    const fires = {
      file: "this workbook",
      sheet: "Fires",
      rows: [
        ["Date", "Cause", "Ward"],
        [43466, "Deliberate", "Cottenham"],
        ...Array.from({ length: 3 }, () => undefined),
        [43800, "Deliberate", "Melbourn"],
      ],
    };
    const notes = { file: "this workbook", sheet: "Notes", rows: [["Anything"], [44000]] };
    // 43800 is 1 December 2019.
    expect(formatMonthIso(lastMonthOfSheets([notes, fires])!)).toBe("2019-12");
    expect(lastMonthOfSheets([notes])).toBeUndefined();
  });
});
