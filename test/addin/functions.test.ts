import { excelError, installCustomFunctionsStub } from "./customFunctionsStub";
import { harmWeightFunction, riskFlag, riskLevel } from "../../src/functions/functions";
import { publishCriteria } from "../../src/shared/criteriaChannel";
import { DEFAULT_CRITERIA_SPEC } from "../../src/engine/criteria";
import { HUNTINGDONSHIRE_VIOLENCE } from "../helpers/sheets";

installCustomFunctionsStub();

const column = (...v: unknown[]) => v.map((x) => [x]);

describe("=CSP.RISKFLAG", () => {
  it("spills one flag per value, inclusive thresholds, blanks blank", () => {
    expect(riskFlag(column(697, 398, 400, null, ""), ">=400")).toEqual(column(true, false, true, "", ""));
    expect(riskFlag(column(120, 121), ">120")).toEqual(column(false, true));
    expect(riskFlag(column(19, 20, 24), "20+")).toEqual(column(false, true, true));
  });
  it("keeps the shape of a 2-D range", () => {
    expect(
      riskFlag(
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
  it("ranks with ties included and zero never in a top rank", () => {
    expect(riskFlag(column(10, 30, 20, 20, 0), "top 2")).toEqual(column(false, true, true, true, false));
    expect(
      riskFlag(column(...Array.from({ length: 20 }, (_, i) => i + 1)), "top 10%")
        .flat()
        .filter(Boolean),
    ).toHaveLength(2);
  });
  it("reads deciles and named criteria columns", () => {
    expect(riskFlag(column(1, 3, 4), "decile<=3")).toEqual(column(true, true, false));
    expect(riskFlag(column(19, 20), "Deliberate Fires")).toEqual(column(false, true));
    expect(riskFlag(column(399, 400), "crime")).toEqual(column(false, true));
  });
  it("flags every row of an area that meets the rule on any row", () => {
    const claims = column(40, 5, 12, 8, 50, 2);
    const wards = column("Linton", "Linton", "Shelford", "Shelford", "Cambourne", "cambourne");
    expect(riskFlag(claims, "top 2", wards)).toEqual(column(true, true, false, false, true, true));
  });
  it("accepts numbers written as text", () => {
    expect(riskFlag(column("1,234", " 12 "), ">=100")).toEqual(column(true, false));
  });
  it("gives #VALUE! naming the cell when text is not a number", () => {
    const e = excelError(() => riskFlag(column(1, 2, "n/a"), ">=2"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/row 3 \("n\/a"\)/);
    expect(excelError(() => riskFlag([[1, "x"]], ">=2")).message).toMatch(/row 1, column 2/);
  });
  it("gives #VALUE! for a rule it cannot read, and for misaligned areas", () => {
    expect(excelError(() => riskFlag(column(1), "lots")).message).toMatch(/not a rule/);
    expect(excelError(() => riskFlag(column(1, 2), ">=1", column("A"))).message).toMatch(/one area per value/);
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
    expect(excelError(() => harmWeightFunction(column("Threats to kill"), column(1), 0)).code).toBe("#NUM!");
  });
});

describe("named rules follow the workbook's saved criteria", () => {
  it("uses the criteria the pane published, else the built-in ones", () => {
    const spec = JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC));
    spec.columns.find((c: { id: string }) => c.id === "fires").rule = ">=30";
    expect(riskFlag(column(25, 30), "Deliberate Fires")).toEqual(column(true, true));
    publishCriteria(spec);
    expect(riskFlag(column(25, 30), "Deliberate Fires")).toEqual(column(false, true));
    delete (globalThis as Record<string, unknown>).__cspRiskMatrixCriteria;
  });
});
