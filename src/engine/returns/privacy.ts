/*
 * Reading a return, privacy: columns that hold what a partner should not have sent (names, dates of birth, postcodes and the like).
 */
import { cellText } from "../read/cells";
import { cellAt } from "../findings/findings";
import { normaliseName } from "../read/text";
import { Grid } from "../read/grid";
import { FindingSink, Layout } from "./returnTypes";

const PERSONAL_HEADERS: { words: string[][]; what: string; unless?: string[] }[] = [
  {
    words: [["name"], ["surname"], ["forename"], ["first", "name"]],
    what: "people's names",
    unless: [
      "ward",
      "lsoa",
      "village",
      "parish",
      "district",
      "area",
      "offence",
      "street",
      "road",
      "authority",
      "officer",
      "team",
      "location",
      "place",
      "site",
      "scheme",
      "estate",
    ],
  },
  { words: [["date", "of", "birth"], ["dob"], ["birth", "date"], ["birthdate"]], what: "dates of birth" },
  { words: [["postcode"], ["post", "code"]], what: "postcodes" },
  { words: [["phone"], ["telephone"], ["mobile"], ["tel"], ["contact", "number"]], what: "phone numbers" },
  { words: [["email"], ["e", "mail"]], what: "e-mail addresses" },
  { words: [["address"]], what: "addresses", unless: ["email", "e mail"] },
  {
    words: [
      ["ni", "number"],
      ["national", "insurance"],
    ],
    what: "National Insurance numbers",
  },
];

const FULL_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function personalHeader(header: string): string | undefined {
  const n = ` ${normaliseName(header)} `;
  for (const p of PERSONAL_HEADERS) {
    if (p.unless?.some((u) => n.includes(` ${u} `))) continue;
    if (p.words.some((set) => set.every((w) => n.includes(` ${w} `)))) return p.what;
  }
  return undefined;
}

/** Full postcodes or e-mail addresses in the first rows of a column no field reads. */
function personalValues(grid: Grid, headerRow: number, col: number): string | undefined {
  let postcodes = 0;
  let emails = 0;
  for (let r = headerRow + 1; r < Math.min(grid.length, headerRow + 201); r++) {
    const c = grid.cell(r, col);
    if (typeof c !== "string") continue;
    if (FULL_POSTCODE.test(c.trim())) postcodes++;
    else if (EMAIL.test(c.trim())) emails++;
  }
  return postcodes >= 3 ? "full postcodes" : emails >= 3 ? "e-mail addresses" : undefined;
}

export function privacyFindings(sink: FindingSink, { grid, headerRow, match }: Layout): void {
  const used = new Set(match.columns.values());
  grid
    .row(headerRow)
    .map(cellText)
    .forEach((h, col) => {
      const what = personalHeader(h) ?? (used.has(col) ? undefined : personalValues(grid, headerRow, col));
      if (!what) return;
      sink.add("personal-data", cellAt(headerRow, col), { header: h, holds: what });
    });
}
