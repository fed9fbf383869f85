import { CsvRead, CsvReader } from "../../src/engine/read/csv";
import { readCsv as readColumns } from "../helpers/csv";
import { rowsOf } from "../../src/engine/read/grid";

/** A read as rows and facts: what the reader promises, whatever ids its columns gave the values. */
const asRows = (read: CsvRead) => ({ rows: rowsOf(read.columns), facts: read.facts });
const readCsv = (text: string) => asRows(readColumns(text));

/** A CSV with what partners' exports hold: quotes, doubled quotes, line breaks in quotes, a quote left open, three line endings. */
const AWKWARD = [
  "Incident Number,Date of Call,Cause of fire,Ward,No. of fires",
  "F1,13/02/2019,Deliberate,Bar Hill,2",
  'F2,09/10/2017,"Accidental","Caxton & Papworth",3',
  'F3,17/07/2019,"Deliberate, wilful","Histon ""&"" Impington",1',
  'F4,31/05/2018,"Deliberate","a note\non two lines",1',
  "",
  "F5,05/04/2019,Deliberate,Cottenham,2\rF6,06/04/2019,Deliberate,Cottenham,2",
  'F7,10/03/2018,"Deliberate,Fen Ditton,1',
  "F8,11/03/2018,Déliberé,Fen Ditton,1",
  "F1,13/02/2019,Deliberate,Bar Hill,2",
  "",
].join("\r\n");

function inPieces(text: string, size: number) {
  const reader = new CsvReader();
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  const done = reader.finish();
  if (!done.ok) throw new Error(done.stopped);
  return asRows(done.read);
}

describe("reading CSV text in pieces", () => {
  it("reads the same rows and facts whatever size the pieces are", () => {
    const whole = readCsv(AWKWARD);
    expect(whole.rows.length).toBe(11);
    expect(whole.facts.unclosedQuoteRows).toEqual([8]);
    expect(whole.facts.lineBreakCells.first).toEqual([[4, 3]]);
    for (const size of [1, 2, 3, 5, 7, 16, 64, 1000]) expect(inPieces(AWKWARD, size)).toEqual(whole);
  });

  it("reads a long file in pieces that end mid-row, mid-quote and mid-line-ending exactly as in one piece", () => {
    const rows = ["Ref,Ward,Note"];
    for (let i = 0; i < 5000; i++) rows.push(`R${i},Ward ${i % 7},${i % 13 === 0 ? `"line one\nline two, ${i}"` : `note ${i % 3}`}`);
    const csv = rows.join("\r\n") + "\r\n";
    const whole = readCsv(csv);
    expect(whole.rows.length).toBe(5001);
    for (const size of [997, 4096, 65_536]) expect(inPieces(csv, size)).toEqual(whole);
  });
});

describe("distinct values", () => {
  it("reads every value of an identifier column, where each row holds a new value", () => {
    const n = 150_000;
    const lines = ["Ref,Ward"];
    for (let i = 0; i < n; i++) lines.push(`F${i},Ward ${i % 5}`);
    const { rows } = inPieces(lines.join("\n"), 65_536);
    expect(rows.length).toBe(n + 1);
    const wrong: number[] = [];
    for (let i = 0; i < n; i++) if (rows[i + 1][0] !== `F${i}` || rows[i + 1][1] !== `Ward ${i % 5}`) wrong.push(i + 1);
    expect(wrong).toEqual([]);
  });

  it("keeps values that differ only past a shared start, or in case, apart", () => {
    const { rows } = readCsv("a\nWard\nward\nWard \nWard\nWardx\n\u00e9\ne\u0301\n\u00e9\n");
    expect(rows.map((r) => r[0])).toEqual(["a", "Ward", "ward", "Ward ", "Ward", "Wardx", "\u00e9", "e\u0301", "\u00e9"]);
  });
});

describe("a CSV past a stated limit", () => {
  it("stops the read, says why as an outcome and never gives the rows read before it", () => {
    const reader = new CsvReader();
    expect(() => reader.push(`${Array.from({ length: 20_000 }, () => "1").join(",")}\n`)).not.toThrow();
    reader.push("more,text\n");
    const done = reader.finish();
    expect(reader.stopped).toMatch(/16,384 fields/);
    expect(done).toEqual({ ok: false, stopped: expect.stringMatching(/^row 1 .*16,384 fields/) });
  });
});
