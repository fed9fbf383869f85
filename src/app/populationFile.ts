/*
 * Residents per LSOA for rates per 1,000: the IoD's File 7 (population denominators) or the ONS
 * mid-year estimates by LSOA, as published, or any sheet of LSOA codes and populations.
 */
import type { Outcome } from "../engine/findings/outcome";
import type { SheetData } from "../engine/read/cells";
import { Population, readPopulation } from "../engine/geography/population";
import type { InputFile } from "../engine/returns/recognise";

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

/**
 * Residents from the inputs themselves, where one is a file of LSOA populations (the IoD's File 7
 * given for the deprivation column carries them): an analyst need not name it twice.
 */
export function populationAmongInputs(inputs: readonly InputFile[]): Population | undefined {
  for (const input of inputs)
    for (const sheet of input.sheets) {
      const read = readPopulation(sheet);
      if (read.ok) return read.population;
    }
  return undefined;
}
