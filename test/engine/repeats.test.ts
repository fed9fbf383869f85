import fc from "fast-check";
import { findRepeats } from "../../src/engine/returns/repeats";

describe("findRepeats", () => {
  it("finds exactly the repeats a Set would, each pointing at its first occurrence", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ maxLength: 4 }), { nil: undefined }), { maxLength: 400 }), (keys) => {
        const expected = new Map<number, number>();
        const first = new Map<string, number>();
        keys.forEach((k, i) => {
          if (k === undefined) return;
          if (first.has(k)) expected.set(i, first.get(k)!);
          else first.set(k, i);
        });
        expect(findRepeats(keys.length, (i) => keys[i])).toEqual(expected);
      }),
    );
  });
  it("copes with keys whose hashes collide", () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i % 2500}`);
    const r = findRepeats(keys.length, (i) => keys[i]);
    expect(r.size).toBe(2500);
    expect(r.get(2500)).toBe(0);
  });
});
