import { Cell, RowSheet } from "../engine/read/cells";
import { DEFAULT_CRITERIA_SPEC } from "../engine/rules/criteria";

/** A deterministic pseudo-random stream, so every bench run measures the same rows. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WARDS = (DEFAULT_CRITERIA_SPEC.district!.wards as string[]).slice();

function ukDate(r: () => number, fromYear: number, years: number): string {
  const day = 1 + Math.floor(r() * 28);
  const month = 1 + Math.floor(r() * 12);
  const year = fromYear + Math.floor(r() * years);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/** Incident-level returns of the six kinds, `total` rows in all, shaped like the demo's. */
export function generateReturns(total: number, seed = 1): RowSheet[] {
  const r = random(seed);
  const share = { crime: 0.45, asb: 0.3, council: 0.05, fires: 0.1 };
  const lsoas = Array.from({ length: 96 }, (_, i) => ({ code: `E01${String(18200 + i).padStart(6, "0")}`, ward: WARDS[i % WARDS.length] }));
  const crime: Cell[][] = [["Date Recorded", "Offence", "Ward name", "Crime reference"]];
  const offences = ["Common assault and battery", "Harassment", "Theft from a vehicle", "Burglary - residential"];
  for (let i = 0; i < total * share.crime; i++)
    crime.push([ukDate(r, 2018, 2), offences[i & 3], WARDS[Math.floor(r() * WARDS.length)], `CC/${i}`]);
  const asb: Cell[][] = [["Incident Date", "ASB Category", "Ward", "Incident ref"]];
  for (let i = 0; i < total * share.asb; i++) asb.push([ukDate(r, 2018, 2), "Nuisance", WARDS[Math.floor(r() * WARDS.length)], `ASB/${i}`]);
  const council: Cell[][] = [["Case Ref", "Date Opened", "Village/Parish", "Ward"]];
  for (let i = 0; i < total * share.council; i++) {
    const w = Math.floor(r() * WARDS.length);
    council.push([`S${i}`, ukDate(r, 2018, 2), `${WARDS[w]} village ${Math.floor(r() * 3)}`, WARDS[w]]);
  }
  const fires: Cell[][] = [["Incident Number", "Date of Call", "Cause of fire", "Ward"]];
  for (let i = 0; i < total * share.fires; i++)
    fires.push([`F${i}`, 42705 + Math.floor(r() * 1095), r() < 0.4 ? "Deliberate" : "Accidental", WARDS[Math.floor(r() * WARDS.length)]]);
  const benefits: Cell[][] = [["Month", "LSOA code", "Ward", "No. of claims"]];
  const months = ["Apr 2019", "May 2019", "Jun 2019", "Jul 2019", "Aug 2019", "Sep 2019"];
  const benefitRows = total - (crime.length + asb.length + council.length + fires.length - 4) - 96;
  // Benefits rows are LSOA-months: the 96 LSOAs for the six months of the period, then more LSOAs
  // in the months of 1990 to 2018 (plausible dates outside the period), so none is a duplicate.
  const earlier = 29 * 12;
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  for (let i = 0; i < benefitRows; i++) {
    if (i < 96 * 6) {
      const l = lsoas[i % 96];
      benefits.push([months[Math.floor(i / 96)], l.code, l.ward, Math.floor(r() * 60)]);
      continue;
    }
    const k = i - 96 * 6;
    const area = Math.floor(k / earlier);
    const m = k % earlier;
    benefits.push([
      `${names[m % 12]} ${1990 + Math.floor(m / 12)}`,
      `E01${String(300000 + area).padStart(6, "0")}`,
      WARDS[area % WARDS.length],
      Math.floor(r() * 60),
    ]);
  }
  const imd: Cell[][] = [["LSOA code (2011)", "Ward", "IMD decile"], ...lsoas.map((l, i) => [l.code, l.ward, 1 + (i % 10)])];
  const sheet = (name: string, rows: Cell[][]): RowSheet => ({ file: `${name}.csv`, sheet: name, rows });
  return [
    sheet("police-crime", crime),
    sheet("police-asb", asb),
    sheet("council-asb", council),
    sheet("fires", fires),
    sheet("benefits", benefits),
    sheet("imd", imd),
  ];
}

/** Excel's largest sheet: 1,048,576 rows (a header and 1,048,575 records) of 8 columns. */
export function generateWideReturn(rows = 1_048_576, seed = 2, badEvery = 0): RowSheet {
  const r = random(seed);
  const out: Cell[][] = [["Incident Number", "Date of Call", "Cause of fire", "Property type", "Ward", "LSOA", "No. of fires", "Station"]];
  for (let i = 1; i < rows; i++) {
    const bad = badEvery > 0 && i % badEvery === 0;
    out.push([
      `F${i}`,
      bad ? "not a date" : 42705 + Math.floor(r() * 1095),
      r() < 0.4 ? "Deliberate" : "Accidental",
      "Secondary fire",
      WARDS[i % WARDS.length],
      `E01${String(18200 + (i % 96)).padStart(6, "0")}`,
      1 + (i & 3),
      "Station 12",
    ]);
  }
  return { file: "fires-max.xlsx", sheet: "Fires", rows: out };
}
