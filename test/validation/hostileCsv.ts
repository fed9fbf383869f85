/*
 * CSV files as partners' machines really write them, built byte by byte: other encodings and
 * separators, stray quotes, ragged rows. Each says which findings it must give and how its rows
 * must be accounted for. Checked against test/fixtures/criteria.json (South Cambridgeshire,
 * January 2019).
 */
import iconv from "iconv-lite";

const WARDS = ["Cottenham", "Melbourn", "Sawston", "Caxton & Papworth"];
const day = (i: number) => `${String((i % 28) + 1).padStart(2, "0")}/01/2019`;

/** A fires return's lines: a header and n rows, the i-th changed by `edit` when given. */
export function firesLines(n: number, edit: (i: number, fields: string[]) => string | string[] = (_, f) => f, sep = ","): string[] {
  const lines = ["Date", "Cause", "Ward"].join(sep);
  const out = [lines];
  for (let i = 0; i < n; i++) {
    const e = edit(i, [day(i), "Deliberate", WARDS[i % WARDS.length]]);
    out.push(typeof e === "string" ? e : e.join(sep));
  }
  return out;
}

export interface CsvCase {
  name: string;
  bytes: () => Buffer;
  /** Every code the file gives, each at least once, and no other. */
  codes: string[];
  rows: { read: number; accepted: number; rejected: number };
  /** A cell's text as read, to prove the decoding. */
  cell?: { row: number; col: number; text: string };
}

const utf8 = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");

export const CSV_CASES: CsvCase[] = [
  {
    name: "stray-quote.csv",
    // One cell opens a quote and never closes it: 309 of 312 rows used to vanish.
    bytes: () => utf8(firesLines(312, (i, f) => (i === 4 ? [f[0], '"Deliberate', f[2]] : f))),
    codes: ["unclosed-quote"],
    rows: { read: 312, accepted: 311, rejected: 1 },
  },
  {
    name: "two-stray-quotes.csv",
    // The second quote closes the first rows later: the rows between must not merge into one.
    bytes: () => utf8(firesLines(40, (i, f) => (i === 4 ? [f[0], '"Deliberate', f[2]] : i === 9 ? [f[0], 'Deliberate" fire', f[2]] : f))),
    codes: ["unclosed-quote"],
    rows: { read: 40, accepted: 39, rejected: 1 },
  },
  {
    name: "ragged-rows.csv",
    bytes: () => utf8(firesLines(20, (i, f) => (i === 3 ? [f[0], "Deliberate", "secondary", f[2]] : i === 7 ? [f[0], "Deliberate"] : f))),
    // The row with more fields also puts a value under no header.
    codes: ["field-count", "blank-header"],
    rows: { read: 20, accepted: 18, rejected: 2 },
  },
  {
    name: "note-with-line-break.csv",
    bytes: () => utf8(firesLines(10, (i, f) => (i === 2 ? [f[0], '"Deliberate\nsecondary, grass"', f[2]] : f))),
    codes: ["line-break-in-cell"],
    rows: { read: 10, accepted: 10, rejected: 0 },
  },
  {
    name: "excel-uk.csv",
    // Excel's "CSV" on a UK PC: Windows-1252, with an en dash and curly quotes (bytes 0x96, 0x91, 0x92).
    bytes: () =>
      iconv.encode(`${firesLines(12, (i, f) => (i === 0 ? [f[0], "Deliberate – ‘grass’", f[2]] : f)).join("\r\n")}\r\n`, "win1252"),
    codes: ["text-encoding"],
    rows: { read: 12, accepted: 12, rejected: 0 },
    cell: { row: 1, col: 1, text: "Deliberate – ‘grass’" },
  },
  {
    name: "utf8-bom.csv",
    bytes: () =>
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        utf8(firesLines(12, (i, f) => (i === 0 ? [f[0], "Délibéré – Deliberate", f[2]] : f))),
      ]),
    codes: [],
    rows: { read: 12, accepted: 12, rejected: 0 },
    cell: { row: 0, col: 0, text: "Date" },
  },
  {
    name: "unicode-text.txt",
    // Excel's "Unicode Text": UTF-16 LE with a byte-order mark, tab-separated.
    bytes: () =>
      iconv.encode(`${firesLines(12, (i, f) => (i === 0 ? [f[0], "Deliberate – ‘grass’", f[2]] : f), "\t").join("\r\n")}\r\n`, "utf16le", {
        addBOM: true,
      }),
    codes: ["text-encoding", "csv-separator"],
    rows: { read: 12, accepted: 12, rejected: 0 },
    cell: { row: 1, col: 1, text: "Deliberate – ‘grass’" },
  },
  {
    name: "utf16-be.csv",
    bytes: () => iconv.encode(`${firesLines(12).join("\r\n")}\r\n`, "utf16be", { addBOM: true }),
    codes: ["text-encoding"],
    rows: { read: 12, accepted: 12, rejected: 0 },
  },
  {
    name: "european.csv",
    // Excel in a European locale: semicolons between fields.
    bytes: () => utf8(firesLines(12, (_, f) => f, ";")),
    codes: ["csv-separator"],
    rows: { read: 12, accepted: 12, rejected: 0 },
  },
  {
    name: "pipes.csv",
    bytes: () => utf8(firesLines(12, (_, f) => f, "|")),
    codes: ["csv-separator"],
    rows: { read: 12, accepted: 12, rejected: 0 },
  },
  {
    name: "bad-bytes.csv",
    // UTF-8 (the é says so) with one byte that is not UTF-8 at all.
    bytes: () =>
      Buffer.concat([
        utf8(firesLines(6, (i, f) => (i === 0 ? [f[0], "Deliberate é", f[2]] : f))),
        Buffer.from([
          0x30, 0x31, 0x2f, 0x30, 0x31, 0x2f, 0x32, 0x30, 0x31, 0x39, 0x2c, 0x44, 0x65, 0xff, 0x2c, 0x53, 0x61, 0x77, 0x73, 0x74, 0x6f,
          0x6e, 0x0d, 0x0a,
        ]),
      ]),
    codes: ["undecodable-text", "unknown-value"],
    rows: { read: 7, accepted: 7, rejected: 0 },
  },
];
