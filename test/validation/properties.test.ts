import fc from "fast-check";
import { Cell } from "../../src/engine/read/cells";
import { looksLikeFormula } from "../../src/engine/read/text";
import { toCsv } from "../../src/engine/read/csvWrite";
import { parseCsv } from "../helpers/csv";
import { Geography } from "../../src/engine/geography/geography";
import { recogniseKind } from "../../src/engine/returns/headers";
import { placeReturn, readReturn } from "../../src/engine/returns/returns";
import { RETURN_KINDS } from "../../src/engine/returns/returnKinds";
import { WARDS } from "../../src/bench/generate";

const geography = new Geography({ district: "South Cambridgeshire", wards: WARDS.map((name) => ({ name })) });

/** Cells as returns hold them: plausible values, junk, errors, blanks and formula-like text. */
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.integer({ min: -5, max: 50000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.date({ min: new Date("1890-01-01"), max: new Date("2120-01-01"), noInvalidDate: false }),
  fc.constantFrom(
    "01/11/2018",
    "31/02/2019",
    "11/25/2018",
    "2019-04",
    "Apr 2019",
    "<5",
    "*",
    "-",
    "1,234",
    " 12 ",
    "n/a",
    "Total",
    "Grand total",
    "Deliberate",
    "Accidental",
    "Melbourn",
    "Histon and Impington",
    "Melbourne",
    "E01018226",
    "E0101",
    "#N/A",
    "#REF!",
    "=1+1",
    "@SUM(A1)",
    "+cmd",
    "\t=x",
  ),
  fc.constantFrom(...WARDS),
  fc.string({ maxLength: 12 }),
  fc.record({ error: fc.constantFrom("#N/A", "#DIV/0!", "#VALUE!") }),
);

const HEADERS = [
  "Date",
  "Incident Date",
  "Cause",
  "Cause of fire",
  "Ward",
  "Ward name",
  "LSOA",
  "LSOA code",
  "Count",
  "No. of claims",
  "Claims",
  "Month",
  "Village",
  "Date opened",
  "Offence",
  "Category",
  "Reference",
  "IMD decile",
  "Notes",
  "Victim name",
  "",
  "Ward",
];

const sheetArb = fc.record({
  titleRows: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 3 }),
  headers: fc.shuffledSubarray(HEADERS, { minLength: 1, maxLength: 7 }),
  body: fc.array(fc.array(cell, { minLength: 0, maxLength: 9 }), { maxLength: 60 }),
});

describe("parsing and validating random sheets", () => {
  it("never throws, and accounts for every row read (accepted + excluded + rejected)", () => {
    fc.assert(
      fc.property(sheetArb, fc.constantFrom(...RETURN_KINDS), ({ titleRows, headers, body }, kind) => {
        const rows: Cell[][] = [...titleRows, headers, ...body];
        const sheet = { file: "random.xlsx", sheet: "Data", rows };
        const read = readReturn(sheet, kind, { periods: [{ from: 17000, to: 18500 }] });
        expect(read.accepted + read.excluded + read.rejected).toBe(read.rowsRead);
        const r = placeReturn(read, geography);
        expect(r.accepted + r.excluded + r.rejected).toBe(r.rowsRead);
        expect(r.accepted).toBe(r.records.length);
        for (const f of r.findings) {
          expect(["error", "warning", "info"]).toContain(f.severity);
          expect(f.message).toBeTruthy();
          expect(f.fix).toBeTruthy();
        }
        recogniseKind(sheet);
      }),
      { numRuns: 400 },
    );
  });

  it("counts rows exactly: non-blank rows under the header are read, blank ones are not", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 80 }), (blanks) => {
        const rows: Cell[][] = [
          ["Date", "Cause", "Ward"],
          ...blanks.map((b, i) => (b ? [] : [`0${(i % 9) + 1}/01/2019`, "Deliberate", WARDS[i % 26]])),
        ];
        const r = readReturn(
          { file: "f.csv", sheet: "f", rows },
          RETURN_KINDS.find((k) => k.id === "fires")!,
        );
        expect(r.rowsRead).toBe(blanks.filter((b) => !b).length);
        expect(r.accepted).toBe(r.rowsRead);
      }),
    );
  });
});

describe("CSV", () => {
  it("reads back what it writes, for any text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string({ maxLength: 10 }).filter((s) => !looksLikeFormula(s)),
            { minLength: 1, maxLength: 5 },
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (table) => {
          const back = parseCsv(toCsv(table), ",");
          expect(back.map((r) => r.map((c) => c ?? ""))).toEqual(table);
        },
      ),
    );
  });

  it("never writes text a spreadsheet would run as a formula", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom("", " ", "\t", "\r\n"), fc.constantFrom("=", "+", "-", "@"), fc.string({ minLength: 1, maxLength: 10 })),
        ([blank, sign, rest]) => {
          const text = `${blank}${sign}${rest}`;
          fc.pre(looksLikeFormula(text));
          const written = toCsv([[text]]);
          expect(written.replace(/^"/, "")).toMatch(/^'/);
        },
      ),
    );
  });
});
