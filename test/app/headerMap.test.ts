import { headerMapFrom } from "../../src/app/kinds";

describe("the user's own header for a field (KIND.FIELD=HEADER)", () => {
  it("maps each kind's field to the header given, headers with spaces and '=' included", () => {
    const r = headerMapFrom(["fires.cause=Fire motive", "fires.ward=Ward = area", "benefits.claims=Claims"]);
    expect(r.ok && r.map).toEqual({ fires: { cause: "Fire motive", ward: "Ward = area" }, benefits: { claims: "Claims" } });
  });

  it.each([
    ["fires-cause=Motive", /write it as KIND.FIELD=HEADER/],
    ["arson.cause=Motive", /"arson" is not a kind of return \(police-crime, /],
    ["fires.motive=Motive", /a Fires return has no field "motive"; its fields are date, .*cause/],
  ])("refuses %s, saying what is wrong", (mapping, why) => {
    const r = headerMapFrom([mapping]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });
});
