/*
 * Residents per LSOA for rates per 1,000: the IoD's File 7 (population denominators) or the ONS
 * mid-year estimates by LSOA, as published, or any sheet of LSOA codes and populations.
 */
import type { Outcome } from "../engine/findings/outcome";
import type { SheetData } from "../engine/read/cells";
import { Population, readPopulation } from "../engine/geography/population";

export type { Population };

/** The population of the first sheet of a file that gives one, or why none does. */
export function populationFromSheets(file: string, sheets: readonly SheetData[]): Outcome<{ population: Population }> {
  let first: Outcome<{ population: Population }> | undefined;
  for (const s of sheets) {
    const read = readPopulation(s);
    if (read.ok) return read;
    first ??= read;
  }
  return first ?? readPopulation({ file, sheet: "", rows: [] });
}
