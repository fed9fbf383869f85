import * as fs from "fs";
import * as path from "path";
import { SheetData } from "../../src/engine/read/cells";
import { csvSheet } from "../../src/engine/read/csv";
import { readCsv } from "../helpers/csv";
import { gridOf, headRows, PackedTexts, rowCountOf, rowsOf, sheetRows } from "../../src/engine/read/grid";
import { hashText } from "../../src/engine/read/hash";
import { ParsedReturn, readReturn } from "../../src/engine/returns/returns";
import { RETURN_KINDS } from "../../src/engine/returns/returnKinds";

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

/** Texts that only the text itself can classify, or that a reading trims, placed among packed identifiers. */
const AWKWARD_REFERENCES = [
  "",
  "   ",
  " F12 ",
  "\u00a0F13",
  "F14\t",
  "=SUM(A1)",
  "-F15",
  "+441223",
  "@F16",
  "#N/A",
  "F#17",
  "Total",
  "Sub-total",
  "sum",
  "All wards",
  "\u00dcberweisung 18",
  "F" + "9".repeat(80),
  "F20",
  "F20",
  "F3",
  "F\ufffd21",
];

/** A fires return whose references (and LSOA names) are identifiers, long enough for their texts to be packed, with AWKWARD_REFERENCES among them. */
function identifierReturn(): string {
  const lines = ["Incident Number,Date of Call,Cause of fire,Ward,LSOA name,No. of fires"];
  const wards = ["Cottenham", "Melbourn", "Histon & Impington"];
  for (let i = 0; i < 72_000; i++) {
    const awkward = i > 66_000 && i % 97 === 0 ? AWKWARD_REFERENCES[(i / 97) % AWKWARD_REFERENCES.length] : undefined;
    const reference = awkward === undefined ? `F${i}` : awkward.includes(",") ? `"${awkward}"` : awkward;
    lines.push(
      `${reference},${1 + (i % 28)}/0${1 + (i % 9)}/2019,${i % 2 ? "Deliberate" : "Accidental"},${wards[i % 3]},Area ${i},${1 + (i % 4)}`,
    );
  }
  return lines.join("\r\n");
}

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

  it("reads a column of identifiers, its texts packed, exactly as the same rows held as rows", () => {
    const text = identifierReturn();
    const columnar = csvSheet("ids.csv", "Sheet1", readCsv(text));
    const plain: SheetData = { file: "ids.csv", sheet: "Sheet1", rows: rowsOf(readCsv(text).columns), csv: columnar.csv };
    const [references, , , , names] = gridOf(columnar).columns!.columns;
    expect(references.packed?.count).toBeGreaterThan(5_000);
    expect(names.packed?.count).toBeGreaterThan(5_000);
    const undecodable = text.split("\r\n").flatMap((line, r) => (line.includes("\ufffd") ? [[r, 0]] : []));
    expect(undecodable.length).toBeGreaterThan(0);
    expect(columnar.csv?.undecodableCells.first).toEqual(undecodable);
    for (const kind of RETURN_KINDS.filter((k) => k.id === "fires" || k.id === "council-asb")) {
      const fromColumns = summary(readReturn(columnar, kind, { periods }));
      const fromRows = summary(readReturn(plain, kind, { periods }));
      // Compared as text: a deep comparison of 72,000 records takes seconds.
      expect(JSON.stringify(fromColumns.records)).toBe(JSON.stringify(fromRows.records));
      expect({ ...fromColumns, records: fromColumns.records.length }).toEqual({ ...fromRows, records: fromRows.records.length });
      if (kind.id === "fires")
        expect(fromColumns.findings.map((f) => f.code)).toEqual(
          expect.arrayContaining(["duplicate-reference", "formula-text", "spreadsheet-error"]),
        );
    }
  });

  it("has no rows until a caller makes them, and a copy keeps its columns", () => {
    const sheet = csvSheet("f.csv", "f", readCsv("Ward,Count\nCottenham,1\nMelbourn,2\n"));
    expect(sheet.rows).toBeUndefined();
    expect(Object.keys(sheet)).not.toContain("rows");
    expect(rowCountOf(sheet)).toBe(3);
    expect(headRows(sheet, 2)).toEqual([
      ["Ward", "Count"],
      ["Cottenham", "1"],
    ]);
    expect(gridOf(sheet).row(2)).toEqual(["Melbourn", "2"]);
    expect(sheet.rows).toBeUndefined();
    const copy = { ...sheet };
    expect(gridOf(copy).columns).toBe(sheet.columns);
    expect(sheetRows(copy)).toEqual([
      ["Ward", "Count"],
      ["Cottenham", "1"],
      ["Melbourn", "2"],
    ]);
  });

  it("packs texts of any length and gives each back as written", () => {
    const texts = ["F1", "x".repeat(20_000) + "y", "\ud83d\udd25 fire", " padded ", "#N/A", "e\u0301"];
    const packed = new PackedTexts();
    const line = texts.join("|");
    let at = 0;
    for (const t of texts) {
      packed.add(line, at, at + t.length);
      at += t.length + 1;
    }
    expect(texts.map((_, k) => packed.text(k))).toEqual(texts);
    expect(texts.map((_, k) => packed.length(k))).toEqual(texts.map((t) => t.length));
    expect(packed.holds(4, 35)).toBe(true);
    expect(packed.holds(0, 35)).toBe(false);
    expect(packed.charAt(0, 5)).toBeNaN();
    expect(texts.map((_, k) => packed.trimmedHash(k))).toEqual([
      hashText("F1"),
      hashText(texts[1]),
      undefined,
      undefined,
      hashText("#N/A"),
      undefined,
    ]);
  });
});
