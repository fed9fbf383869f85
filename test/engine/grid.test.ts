import * as fs from "fs";
import * as path from "path";
import { SheetData } from "../../src/engine/cells";
import { csvSheet, readCsv } from "../../src/engine/csv";
import { gridOf, headRows, rowCountOf, rowsOf } from "../../src/engine/grid";
import { ParsedReturn, readReturn } from "../../src/engine/returns";
import { RETURN_KINDS } from "../../src/engine/returnKinds";

const FIXTURES = path.join(__dirname, "..", "fixtures", "returns");
const periods = [{ from: 17532, to: 18262 }]; // 2018-01-01 to 2019-12-31

/** Every CSV fixture, and rows built to hit each check of a row: blanks, totals, notes, formulas, a second header, short and long rows. */
const TEXTS: [string, string][] = [
  ...fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".csv"))
    .map((f): [string, string] => [f, fs.readFileSync(path.join(FIXTURES, f), "utf8")]),
  [
    "awkward rows",
    [
      "Fire service return,,,",
      "",
      "Incident Number,Date of Call,Cause of fire,Ward,No. of fires,Notes",
      "ref,date,cause,ward,number,",
      "F1,13/02/2019,Deliberate,Cottenham,2,",
      "F2,13/02/2019,Deliberate,Cottenham,<5,",
      ",,,,,",
      "F3,14/02/2019,Accidental,Melbourn,1,=SUM(A1)",
      "F3,14/02/2019,Accidental,Melbourn,1",
      "F4,31/02/2019,Deliberate,Melbourn,1,,extra",
      "F5,01/03/2019,Arson,  ,1,",
      "F6,01/03/2019,  Deliberate ,Histon & Impington,x,",
      'F7,"02/03/2019",Deliberate,"Cottenham",3,"a note',
      'over two lines"',
      "Total,,,,9,",
      "Figures are provisional,,,,,",
      "",
    ].join("\n"),
  ],
];

function summary(ret: ParsedReturn) {
  const { records, findings, wardNames, kind, derivedFrom, ...rest } = ret;
  return { ...rest, kind: kind.id, derived: !!derivedFrom, records: records.views(), findings, wardNames: [...wardNames].sort() };
}

describe("a sheet held in columns", () => {
  it.each(TEXTS)("%s reads as every kind of return exactly as the same rows held as rows", (name, text) => {
    const columnar = csvSheet(name, "Sheet1", readCsv(text));
    const rows = rowsOf(readCsv(text).columns);
    const plain: SheetData = { file: name, sheet: "Sheet1", rows, csv: columnar.csv };
    expect(gridOf(plain).columns).toBeUndefined();
    expect(gridOf(columnar).columns).toBeDefined();
    for (const kind of RETURN_KINDS) {
      const fromColumns = summary(readReturn(columnar, kind, { periods }));
      expect(fromColumns).toEqual(summary(readReturn(plain, kind, { periods })));
    }
  });

  it("makes its rows only when they are asked for, and reads a copy by the copy's own rows", () => {
    const sheet = csvSheet("f.csv", "f", readCsv("Ward,Count\nCottenham,1\nMelbourn,2\n"));
    expect(rowCountOf(sheet)).toBe(3);
    expect(headRows(sheet, 2)).toEqual([
      ["Ward", "Count"],
      ["Cottenham", "1"],
    ]);
    expect(sheet.rows[2]).toEqual(["Melbourn", "2"]);
    const copy = { ...sheet, rows: sheet.rows.slice(0, 2) };
    expect(gridOf(copy).columns).toBeUndefined();
    expect(gridOf(copy).length).toBe(2);
    sheet.rows = [["Ward"]];
    expect(gridOf(sheet).columns).toBeUndefined();
    expect(rowCountOf(sheet)).toBe(1);
  });
});
