import { excelError, installCustomFunctionsStub, rejection } from "./customFunctionsStub";
import { harmWeightFunction, riskFlag, riskLevel } from "../../src/functions/functions";
import { criteriaDiffer, forgetSavedCriteria } from "../../src/common/criteriaChannel";
import { followCoAuthors, saveSettings, SETTINGS_KEY } from "../../src/excel/officeWorkbook";
import { DEFAULT_CRITERIA_SPEC } from "../../src/engine/rules/criteria";
import { HUNTINGDONSHIRE_VIOLENCE } from "../helpers/sheets";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createHost } = require("../e2e/fakeExcel.js");

installCustomFunctionsStub();

/** The workbook the functions run in: the in-memory host, with these settings saved. */
const settingsWith = (fires: string) => {
  const criteria = JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC));
  criteria.columns.find((c: { id: string }) => c.id === "fires").rule = fires;
  return JSON.stringify({ criteria, marking: "OFFICIAL", sources: {} });
};
const useWorkbook = (settings?: string) => {
  const h = createHost({ sheets: [{ name: "Sheet1", values: [] }] });
  if (settings !== undefined) h.host.store.settings.set(SETTINGS_KEY, settings);
  (globalThis as Record<string, unknown>).Excel = h.Excel;
  forgetSavedCriteria();
  return h;
};
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  forgetSavedCriteria();
});

const column = (...v: unknown[]) => v.map((x) => [x]);

describe("=CSP.RISKFLAG", () => {
  it("spills one flag per value, inclusive thresholds, blanks blank", async () => {
    expect(await riskFlag(column(697, 398, 400, null, ""), ">=400")).toEqual(column(true, false, true, "", ""));
    expect(await riskFlag(column(120, 121), ">120")).toEqual(column(false, true));
    expect(await riskFlag(column(19, 20, 24), "20+")).toEqual(column(false, true, true));
  });
  it("keeps the shape of a 2-D range", async () => {
    expect(
      await riskFlag(
        [
          [1, 5],
          [3, 7],
        ],
        ">=4",
      ),
    ).toEqual([
      [false, true],
      [false, true],
    ]);
  });
  it("ranks with ties included and zero never in a top rank", async () => {
    expect(await riskFlag(column(10, 30, 20, 20, 0), "top 2")).toEqual(column(false, true, true, true, false));
    expect((await riskFlag(column(...Array.from({ length: 20 }, (_, i) => i + 1)), "top 10%")).flat().filter(Boolean)).toHaveLength(2);
  });
  it("reads deciles and named criteria columns", async () => {
    expect(await riskFlag(column(1, 3, 4), "decile<=3")).toEqual(column(true, true, false));
    useWorkbook();
    expect(await riskFlag(column(19, 20), "Deliberate Fires")).toEqual(column(false, true));
    expect(await riskFlag(column(399, 400), "crime")).toEqual(column(false, true));
  });
  it("flags every row of an area that meets the rule on any row", async () => {
    const claims = column(40, 5, 12, 8, 50, 2);
    const wards = column("Linton", "Linton", "Shelford", "Shelford", "Cambourne", "cambourne");
    expect(await riskFlag(claims, "top 2", wards)).toEqual(column(true, true, false, false, true, true));
  });
  it("accepts numbers written as text", async () => {
    expect(await riskFlag(column("1,234", " 12 "), ">=100")).toEqual(column(true, false));
  });
  it("gives #VALUE! naming the cell when text is not a number", async () => {
    const e = await rejection(riskFlag(column(1, 2, "n/a"), ">=2"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/row 3 \("n\/a"\)/);
    expect((await rejection(riskFlag([[1, "x"]], ">=2"))).message).toMatch(/row 1, column 2/);
  });
  it("gives #VALUE! for a rule it cannot read, and for misaligned areas", async () => {
    useWorkbook();
    expect((await rejection(riskFlag(column(1), "lots"))).message).toMatch(/not a rule/);
    expect((await rejection(riskFlag(column(1, 2), ">=1", column("A")))).message).toMatch(/one area per value/);
  });
});

describe("=CSP.RISKLEVEL", () => {
  it("uses the published key by default", () => {
    expect(riskLevel(column(0, 1, 2, 3, 4, null))).toEqual(column("Low", "Medium", "Medium", "High", "High", ""));
  });
  it("takes a key as text or as a range", () => {
    // Text typed into the formula reaches a matrix parameter as a 1 x 1 array.
    expect(riskLevel(column(0, 1, 2), [["0:None;1:One;2+:Many"]])).toEqual(column("None", "One", "Many"));
    expect(
      riskLevel(column(0, 2, 5), [
        ["0", "Low"],
        ["1-3", "Medium"],
        ["4+", "High"],
      ]),
    ).toEqual(column("Low", "Medium", "High"));
    expect(
      riskLevel(column(0, 2, 5), [
        [0, 0, "Low"],
        [1, 3, "Medium"],
        [4, null, "High"],
      ]),
    ).toEqual(column("Low", "Medium", "High"));
  });
  it("gives #VALUE! for a total that is not a whole number, or a broken key", () => {
    expect(excelError(() => riskLevel(column(1, 1.5))).message).toMatch(/row 2/);
    expect(excelError(() => riskLevel(column(1), [["1:Low;2+:High"]])).code).toBe("#VALUE!");
  });
});

describe("=CSP.HARMWEIGHT", () => {
  const violence = HUNTINGDONSHIRE_VIOLENCE;
  const hate = [
    ["Racially or religiously aggravated intentional harassment, alarm or distress", 152],
    ["Racially or religiously aggravated common assault or beating", 32],
    ["Racially or religiously aggravated assault or assault occasioning actual bodily harm", 22],
    ["Racially or religiously aggravated fear or provocation of violence", 17],
    ["Racially or religiously aggravated wounding or grievous bodily harm", 4],
  ];
  const arson = [
    ["Arson endangering life (incl. attempts)", 27],
    ["Arson not endangering life (incl. attempts)", 142],
  ];
  const offences = (t: (string | number)[][]) => t.map((r) => [r[0]]);
  const counts = (t: (string | number)[][]) => t.map((r) => [r[1]]);

  it("reproduces the published Huntingdonshire violence harm: 263,239 days", () => {
    expect(harmWeightFunction(offences(violence), counts(violence))).toEqual([[263239]]);
  });
  it("weighs the hate crime and arson tables (scores 547.5 and 18.75 are not whole)", () => {
    expect(harmWeightFunction(offences(hate), counts(hate))).toEqual([[152 * 42 + 32 * 10 + 22 * 182 + 17 * 42 + 4 * 547.5]]);
    expect(harmWeightFunction(offences(hate), counts(hate))).toEqual([[13612]]);
    expect(harmWeightFunction(offences(arson), counts(arson))).toEqual([[61792.5]]);
  });
  it("spills the score of each offence, matching titles loosely", () => {
    expect(
      harmWeightFunction(column("threats to kill", "ASSAULT - occasioning actual bodily harm", "Arson not endangering life", null)),
    ).toEqual(column(10, 10, 18.75, ""));
  });
  it("gives the rate per 1,000 population", () => {
    expect(harmWeightFunction(offences(violence), counts(violence), 180000)[0][0]).toBeCloseTo((263239 / 180000) * 1000, 9);
  });
  it("gives #N/A naming an offence missing from the table, never a silent 0", () => {
    const e = excelError(() => harmWeightFunction(column("Threats to kill", "Bicycle theft"), column(1, 5)));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/"Bicycle theft" \(row 2\)/);
    expect(excelError(() => harmWeightFunction(column("Bicycle theft"))).code).toBe("#N/A");
  });
  it("lets a weights range extend or replace the built-in scores, by title or Home Office code", () => {
    const weights = [
      ["Offence", "Days"],
      ["Bicycle theft", 5],
      ["8N", 20],
      ["Threats to kill", 12],
    ];
    expect(
      harmWeightFunction(column("Bicycle theft", "8N", "Threats to kill", "Harassment"), column(2, 1, 1, 1), undefined, weights),
    ).toEqual([[10 + 20 + 12 + 10]]);
  });
  it("rejects a bad count or population", () => {
    expect(excelError(() => harmWeightFunction(column("Threats to kill"), column(-1))).code).toBe("#VALUE!");
    // #VALUE!, not #NUM!: Excel shows a function's message with #VALUE! and #N/A only.
    expect(excelError(() => harmWeightFunction(column("Threats to kill"), column(1), -5)).code).toBe("#VALUE!");
  });
});

describe("named rules follow the criteria saved in the workbook", () => {
  it("reads them from the workbook itself, with no pane open, and reads them once", async () => {
    const h = useWorkbook(settingsWith(">=30"));
    expect(await riskFlag(column(25, 30), "Deliberate Fires")).toEqual(column(false, true));
    const syncs = h.host.stats.syncs;
    expect(await riskFlag(column(29), "fires")).toEqual(column(false));
    expect(h.host.stats.syncs).toBe(syncs);
  });
  it("uses the built-in criteria when the workbook has none", async () => {
    useWorkbook();
    expect(await riskFlag(column(19, 20), "Deliberate Fires")).toEqual(column(false, true));
  });
  it("never calls Excel for a rule written out", async () => {
    const h = useWorkbook(settingsWith(">=30"));
    expect(await riskFlag(column(25), ">=20")).toEqual(column(true));
    expect(h.host.stats.syncs).toBe(0);
  });
  it("follows new criteria once the pane saves them, and recalculates", async () => {
    const h = useWorkbook(settingsWith(">=30"));
    expect(await riskFlag(column(25), "Deliberate Fires")).toEqual(column(false));
    await h.Excel.run((ctx: Excel.RequestContext) => saveSettings(ctx, settingsWith(">=20")));
    expect(h.host.stats.fullCalculations).toBe(1);
    expect(await riskFlag(column(25), "Deliberate Fires")).toEqual(column(true));
    // Saving the same criteria again (another setting changed) does not recalculate the workbook.
    await h.Excel.run((ctx: Excel.RequestContext) => saveSettings(ctx, settingsWith(">=20").replace("OFFICIAL", "OFFICIAL-SENSITIVE")));
    expect(h.host.stats.fullCalculations).toBe(1);
  });
  it("says so when the saved criteria cannot be used, rather than falling back", async () => {
    useWorkbook(JSON.stringify({ criteria: { columns: "none" } }));
    const e = await rejection(riskFlag(column(25), "Deliberate Fires"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/criteria saved in this workbook cannot be used/);
    useWorkbook("{not json");
    expect((await rejection(riskFlag(column(25), "Deliberate Fires"))).message).toMatch(/not JSON/);
  });
});

describe("empty cells, in each form an Excel client passes them", () => {
  // null: Excel on the web and ranges elsewhere; "": a formula giving ""; 0: some Windows builds.
  it('RISKFLAG: null and "" give blank flags; 0 is a count of 0', async () => {
    expect(await riskFlag(column(null, "", undefined, 0), ">=1")).toEqual(column("", "", "", false));
  });
  it("RISKFLAG: a 0 under a decile rule is an error with its reason, never a flag", async () => {
    const e = await rejection(riskFlag(column(2, 0), "decile<=3"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/row 2 \(0\) is not a decile/);
    expect(await riskFlag(column(2, null, ""), "decile<=3")).toEqual(column(true, "", ""));
  });
  it.each([null, "", 0])("RISKFLAG: rows whose area is %p stand alone, not as one blank area", async (blank) => {
    const claims = column(50, 1, 1);
    expect(await riskFlag(claims, "top 1", column(blank, blank, "Linton"))).toEqual(column(true, false, false));
  });
  it.each([null, "", 0])("RISKLEVEL: a key of %p is the published key", (blank) => {
    expect(riskLevel(column(0, 2, 3), [[blank]])).toEqual(column("Low", "Medium", "High"));
  });
  it("RISKLEVEL: blank totals give blank levels; a 0 total is Low", () => {
    expect(riskLevel(column(null, "", 0))).toEqual(column("", "", "Low"));
  });
  it.each([null, "", 0])("HARMWEIGHT: an offence of %p is no offence; a blank count is none", (blank) => {
    expect(harmWeightFunction(column("Threats to kill", blank))).toEqual(column(expect.any(Number), ""));
    const one = harmWeightFunction(column("Threats to kill"), column(1))[0][0];
    expect(harmWeightFunction(column("Threats to kill", blank), column(1, blank))).toEqual([[one]]);
    expect(harmWeightFunction(column("Threats to kill", "Threats to kill"), column(1, blank))).toEqual([[one]]);
  });
  it.each([null, "", 0])("HARMWEIGHT: a population of %p is not given", (blank) => {
    const total = harmWeightFunction(column("Threats to kill"), column(2));
    expect(harmWeightFunction(column("Threats to kill"), column(2), blank as unknown as number)).toEqual(total);
  });
  it("HARMWEIGHT: a count with no offence beside it is an error", () => {
    expect(excelError(() => harmWeightFunction(column(null), column(3))).message).toMatch(/no offence beside it/);
  });
});

describe("saving criteria recalculates only when the rules could change", () => {
  const saved = (criteria: unknown) => JSON.stringify({ criteria });
  const base = { title: "Table 4", compiled: "January 2020", columns: [{ id: "fires", label: "Fires", rule: ">=20", criterion: "20+" }] };
  it("ignores the compiled date, the title and the printed wording, and not a rule", () => {
    expect(criteriaDiffer(saved(base), saved({ ...base, compiled: "February 2020", title: "Table 4 (draft)" }))).toBe(false);
    expect(criteriaDiffer(saved(base), saved({ ...base, columns: [{ ...base.columns[0], criterion: "Twenty or more" }] }))).toBe(false);
    expect(criteriaDiffer(saved(base), saved({ ...base, columns: [{ ...base.columns[0], rule: ">=25" }] }))).toBe(true);
    expect(criteriaDiffer(saved(base), saved({ ...base, columns: [{ ...base.columns[0], label: "Deliberate fires" }] }))).toBe(true);
  });
});

describe("data-typed cells (Geography, linked entities) reach the functions by what they show", () => {
  const entity = (text: string) => ({ type: "Entity", text, properties: { Population: { type: "Double", basicValue: 1 } } });
  it("groups areas by their shown names, never as one '[object Object]' area", async () => {
    const areas = [[entity("Linton")], [entity("Sawston")], [entity("Linton")]];
    expect(await riskFlag(column(50, 1, 1), "top 1", areas)).toEqual(column(true, false, true));
  });
  it("reads a formatted number by its value", async () => {
    expect(await riskFlag([[{ type: "FormattedNumber", basicValue: 450, numberFormat: "0" }], [10]], ">=400")).toEqual(column(true, false));
  });
  it("refuses a data type with nothing to show, naming its place", async () => {
    const e = await rejection(riskFlag(column(1, 2), ">=1", [[null], [{ type: "Array", elements: [] }]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/areas range's row 2, column 1 holds a data type/);
  });
});

describe("a co-author's saved criteria reach the named rules", () => {
  beforeEach(() => {
    (globalThis as Record<string, unknown>).Office = { context: { requirements: { isSetSupported: () => true } } };
  });
  afterEach(() => delete (globalThis as Record<string, unknown>).Office);
  it("reads them again and recalculates when the rules changed, not when only the wording did", async () => {
    const h = useWorkbook(settingsWith(">=30"));
    expect(await riskFlag(column(25), "Deliberate Fires")).toEqual(column(false));
    await h.Excel.run((ctx: Excel.RequestContext) => followCoAuthors(ctx, h.Excel.run));
    h.host.coAuthorSaves(SETTINGS_KEY, settingsWith(">=30").replace("OFFICIAL", "OFFICIAL-SENSITIVE"));
    await h.host.settled();
    expect(h.host.stats.fullCalculations).toBe(0);
    h.host.coAuthorSaves(SETTINGS_KEY, settingsWith(">=20"));
    await h.host.settled();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.host.stats.fullCalculations).toBe(1);
    expect(await riskFlag(column(25), "Deliberate Fires")).toEqual(column(true));
  });
});
