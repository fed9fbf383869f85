/*
 * Residents per LSOA, for rates per 1,000: from the IoD's File 7 (its total population column) or
 * an ONS mid-year estimate by LSOA ("All Ages"), or any sheet of area codes and populations. A
 * ward's population is the sum over its LSOAs, and not known when any of them is missing.
 */
import { failed, Outcome } from "../findings/outcome";
import { cellText, SheetData } from "../read/cells";
import { gridOf } from "../read/grid";
import type { Geography } from "./geography";
import { isLsoaCode } from "./lookups";

export interface Population {
  /** The file, and the column the figures were read from. */
  source: string;
  column: string;
  /** LSOA code (upper case) to residents. */
  byArea: Map<string, number>;
}

/** The population column, by preference: File 7's total, the estimates' all ages, a lone "Total" or "Population". */
const POPULATION_HEADERS = [/^total population\b/i, /^all ages$/i, /^total$/i, /^(usual resident )?population$/i];
const CODE_HEADER = /\b(lsoa|area)\b.*\bcode\b|^code$/i;
const HEADER_ROWS = 30;

export function readPopulation(sheet: SheetData): Outcome<{ population: Population }> {
  const grid = gridOf(sheet);
  for (let r = 0; r < Math.min(grid.length, HEADER_ROWS); r++) {
    const header = grid.row(r).map(cellText);
    const codeCol = header.findIndex((h) => CODE_HEADER.test(h.trim()));
    const popCol = POPULATION_HEADERS.map((re) => header.findIndex((h) => re.test(h.trim()))).find((i) => i >= 0) ?? -1;
    if (codeCol < 0 || popCol < 0) continue;
    const byArea = new Map<string, number>();
    for (let i = r + 1; i < grid.length; i++) {
      const code = cellText(grid.cell(i, codeCol)).trim().toUpperCase();
      const value = grid.cell(i, popCol);
      // A blank is a population not known, never 0 residents.
      const text = cellText(value).replace(/,/g, "").trim();
      const n = typeof value === "number" ? value : text === "" ? NaN : Number(text);
      if (isLsoaCode(code) && Number.isFinite(n) && n >= 0) byArea.set(code, n);
    }
    if (byArea.size) return { ok: true, population: { source: sheet.file, column: header[popCol], byArea } };
  }
  return failed("not-a-population-file", { file: sheet.file, sheet: sheet.sheet });
}

/**
 * Each ward's residents: the sum over the LSOAs the lookup puts in it; null when the ward has no
 * LSOA in the lookup or any of its LSOAs has no population (a rate from part of a ward is wrong).
 */
export function wardPopulations(geography: Geography, population: Population): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const { area, ward } of geography.areasOf("lsoa")) {
    const n = population.byArea.get(area.trim().toUpperCase());
    const sum = out.get(ward.name);
    out.set(ward.name, n === undefined || sum === null ? null : (sum ?? 0) + n);
  }
  for (const w of geography.wards) if (!out.has(w.name)) out.set(w.name, null);
  return out;
}
