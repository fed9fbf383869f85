import { editDistance, looksLikeFormula, nearestNames, normaliseName } from "../../src/engine/read/text";

describe("normaliseName", () => {
  it.each([
    ["Histon and Impington", "Histon & Impington"],
    ["Stilton, Folksworth and Washingley", "Stilton, Folksworth & Washingley"],
    ["  FEN DITTON  &  FULBOURN ", "Fen Ditton & Fulbourn"],
    ["Holywell-cum-Needingworth", "Holywell cum Needingworth"],
    ["St. Ives", "St Ives"],
  ])("treats %p and %p as one name", (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it("keeps spelling differences apart (they are reported, not guessed)", () => {
    expect(normaliseName("Melbourne")).not.toBe(normaliseName("Melbourn"));
    expect(normaliseName("Holywell-cum-Needlingworth")).not.toBe(normaliseName("Holywell-cum-Needingworth"));
  });
});

describe("nearestNames", () => {
  const wards = ["Melbourn", "Bassingbourn", "Balsham", "Histon & Impington", "Sawston"];
  it("offers the closest ward first", () => {
    expect(nearestNames("Melbourne", wards)[0]).toBe("Melbourn");
    expect(nearestNames("Histon", wards)[0]).toBe("Histon & Impington");
  });
  it("offers nothing for a name far from every ward", () => {
    expect(nearestNames("Peterborough Central", wards)).toEqual([]);
  });
  it("measures edits", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("looksLikeFormula", () => {
  it.each(['=HYPERLINK("x")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\t=1"])("flags %p", (t) => expect(looksLikeFormula(t)).toBe(true));
  it.each(["Histon", "-3", "+44", "12", "- ", "-", ""])("leaves %p", (t) => expect(looksLikeFormula(t)).toBe(false));
});
