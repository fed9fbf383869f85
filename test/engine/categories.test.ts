import { canonicalValue } from "../../src/engine/returns/values";
import { returnKind } from "../../src/engine/returns/returnKinds";
import { readCriteria } from "../../src/engine/rules/criteria";

const causes = returnKind("fires")!.fields.find((f) => f.id === "cause")!.values!;

describe("categories by meaning, never by substring", () => {
  it.each([
    ["Deliberate", "Deliberate"],
    ["deliberate - secondary", "Deliberate"],
    ["Arson", "Deliberate"],
    ["Accidental", "Accidental"],
    ["Not known", "Unknown"],
    ["Undetermined", "Unknown"],
  ])("reads %p as %p", (text, value) => {
    expect(canonicalValue(causes, text)).toBe(value);
  });

  it.each(["Not deliberate", "Non-deliberate", "Accidental - not deliberate", "Arson ruled out", "No arson", "Deliberate or accidental"])(
    "reads %p as no category (an unknown value, reported)",
    (text) => {
      expect(canonicalValue(causes, text)).toBeUndefined();
    },
  );
});

describe("a criteria filter", () => {
  it("must name a value the field can take", () => {
    const r = readCriteria({
      columns: [{ id: "fires", label: "Fires", kind: "fires", filter: { cause: "Delibrate" }, rule: ">=1" }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.details?.join(" ")).toMatch(/"Delibrate" is not a value the Cause can take \(Deliberate, Accidental, Unknown\)/);
  });
});
