import { applyRank, evaluateRule, parseRule, Rule } from "../../src/engine/rules/rules";
import { DEFAULT_RISK_KEY, parseRiskKey, riskLevel } from "../../src/engine/rules/riskKey";
import { riskFlag } from "../../src/engine/rules/formulas";
import { DEFAULT_CRITERIA_SPEC, readCriteria } from "../../src/engine/rules/criteria";
import { ruleInWords } from "../../src/app/districtCriteria";

function rule(text: string): Rule {
  const r = parseRule(text);
  if (!r.ok) throw new Error(r.message);
  return r.rule;
}

describe("rule grammar", () => {
  it.each([
    [">=400", { type: "threshold", op: ">=", value: 400 }],
    [">120", { type: "threshold", op: ">", value: 120 }],
    ["400+", { type: "threshold", op: ">=", value: 400 }],
    ["decile<=3", { type: "threshold", op: "<=", value: 3 }],
    ["Decile <= 3", { type: "threshold", op: "<=", value: 3 }],
    ["≥ 20", { type: "threshold", op: ">=", value: 20 }],
    ["top 5", { type: "rank", direction: "top", n: 5, percent: false }],
    ["Top 10%", { type: "rank", direction: "top", n: 10, percent: true }],
    ["bottom 3", { type: "rank", direction: "bottom", n: 3, percent: false }],
  ])("reads %p", (text, expected) => {
    expect(rule(text)).toMatchObject(expected);
  });
  it.each(["", "big", "top", "top 0", "top 2.5", "top 150%", ">= x", "between 1 and 2"])("rejects %p with advice", (text) => {
    const r = parseRule(text);
    expect(r.ok).toBe(false);
  });
});

describe("thresholds are inclusive where they say so", () => {
  it("flags exactly 20 deliberate fires and not 19", () => {
    expect(evaluateRule(rule(">=20"), [19, 20, 24, undefined]).flags).toEqual([false, true, true, undefined]);
  });
  it("does not flag 398 crimes against 400+", () => {
    expect(evaluateRule(rule("400+"), [398, 400, 697]).flags).toEqual([false, true, true]);
  });
  it("> is strict", () => {
    expect(evaluateRule(rule(">120"), [120, 121]).flags).toEqual([false, true]);
  });
  it("decile<=3 flags the 30% most deprived", () => {
    expect(evaluateRule(rule("decile<=3"), [1, 3, 4, 10]).flags).toEqual([true, true, false, false]);
  });
});

describe("ranks", () => {
  it("selects the top n", () => {
    const r = applyRank(rule("top 2") as Extract<Rule, { type: "rank" }>, [5, 9, 7, 1]);
    expect([...r.selected].sort()).toEqual([1, 2]);
    expect(r.tied).toBe(false);
  });
  it("includes every area tied at the cut, and says so", () => {
    const r = applyRank(rule("top 2") as Extract<Rule, { type: "rank" }>, [5, 9, 5, 1, 5]);
    expect([...r.selected].sort()).toEqual([0, 1, 2, 4]);
    expect(r.tied).toBe(true);
    expect(r.cutValue).toBe(5);
  });
  it("never puts zero in a top rank", () => {
    const r = applyRank(rule("top 3") as Extract<Rule, { type: "rank" }>, [0, 4, 0, 0]);
    expect([...r.selected]).toEqual([1]);
  });
  it("turns a percentage into a count, rounding up", () => {
    const values = Array.from({ length: 96 }, (_, i) => i + 1);
    const r = applyRank(rule("top 10%") as Extract<Rule, { type: "rank" }>, values);
    expect(r.wanted).toBe(10);
    expect(r.selected.size).toBe(10);
    expect(r.selected.has(95)).toBe(true);
    expect(r.selected.has(85)).toBe(false);
  });
  it("bottom ranks select the smallest", () => {
    const r = applyRank(rule("bottom 1") as Extract<Rule, { type: "rank" }>, [3, 1, 2]);
    expect([...r.selected]).toEqual([1]);
  });
});

describe("risk key", () => {
  it("follows the published key", () => {
    expect([0, 1, 2, 3, 6].map((n) => riskLevel(n, DEFAULT_RISK_KEY))).toEqual(["Low", "Medium", "Medium", "High", "High"]);
  });
  it("reads a key written as text", () => {
    const k = parseRiskKey("0:None; 1:Some; 2-3:Many; 4+:Most");
    expect(k.ok).toBe(true);
    if (k.ok) expect([0, 1, 3, 9].map((n) => riskLevel(n, k.key))).toEqual(["None", "Some", "Many", "Most"]);
  });
  it.each(["1:Low;2+:High", "0:Low;2+:High", "0:Low;1-2:Medium", "0-2:Low;2+:High", "zero:Low"])(
    "rejects the gappy or malformed key %p",
    (t) => {
      expect(parseRiskKey(t).ok).toBe(false);
    },
  );
  it("gives no level to a negative or non-numeric total", () => {
    expect(riskLevel(-1)).toBeUndefined();
    expect(riskLevel(NaN)).toBeUndefined();
  });
});

describe("rate rules (a ward's count per 1,000 residents)", () => {
  it("read as thresholds marked per 1,000, in either spelling; a rank or a decile is not a rate", () => {
    const a = parseRule("rate>=50");
    expect(a.ok && a.rule).toMatchObject({ type: "threshold", op: ">=", value: 50, perThousand: true, text: "rate>=50" });
    const b = parseRule("Rate 12.5+");
    expect(b.ok && b.rule).toMatchObject({ type: "threshold", op: ">=", value: 12.5, perThousand: true });
    for (const bad of ["rate top 5", "rate decile<=3", "rate", "rate >= x"]) {
      const r = parseRule(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toMatch(/is not a rate rule.*rate>=50/);
    }
  });
  it("are refused by RISKFLAG, which has counts and no residents, with what to give it instead", () => {
    const r = riskFlag([[10], [80]], "rate>=50");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/rate per 1,000 residents.*Give it the rates .* ">=50"/);
  });
  it("are refused on a column that is not a ward's count or sum, naming it", () => {
    const spec = JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC));
    spec.columns.find((c: { id: string }) => c.id === "council-asb").rule = "rate>=5";
    const read = readCriteria(spec);
    expect(read.ok).toBe(false);
    expect(JSON.stringify(read)).toMatch(
      /rate>=5\\" is a rate per 1,000 residents, which only a ward's count or sum has \(this column measures each village\)/,
    );
    expect(ruleInWords("rate>=50")).toBe("50+ per 1,000 residents");
  });
});
