/*
 * The ONS LSOA-to-ward lookup: read from a sheet or a CSV, and the districts it holds. The pane
 * imports one into the workbook; the command line reads them from files.
 */
import type { Outcome } from "../engine/findings/outcome";
import type { SheetData } from "../engine/read/cells";
import { readLookup, type AnyLookup } from "../engine/geography/lookups";
import { cellText } from "../engine/read/cells";
import { rowsOf } from "../engine/read/grid";
import { ReadBudget } from "../common/readBudget";
import { InputError } from "../common/errors";
import { readCsvBytes, type StreamDecoder } from "./returnFile";

import { districtsInLookups } from "../engine/geography/lookups";
import type { District } from "./districtCriteria";

export { districtsInLookups };
export { readLookup };

/** A lookup CSV as rows of text, to be written into a sheet of the workbook (text stays text: codes keep their zeros). */
export function lookupRowsFromCsv(name: string, bytes: Uint8Array, decoder: StreamDecoder): Outcome<{ rows: (string | null)[][] }> {
  try {
    const read = readCsvBytes(name, bytes, decoder, new ReadBudget());
    if (read.facts.unclosedQuoteRows.length)
      return {
        ok: false,
        message: `${name} has a quote left open in row ${read.facts.unclosedQuoteRows[0] + 1}.`,
        fix: "Save the lookup again from the ONS page or Excel and import that.",
      };
    return { ok: true, rows: rowsOf(read.columns).map((r) => r.map((c) => (c === null || c === undefined ? null : cellText(c)))) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, ...e.problem };
    throw e;
  }
}

/** The lookups in a lookup file's sheets: each sheet that is one, or why none is. */
export function lookupsFromSheets(file: string, sheets: readonly SheetData[]): Outcome<{ lookups: AnyLookup[] }> {
  const lookups: AnyLookup[] = [];
  const errors: string[] = [];
  for (const s of sheets) {
    const r = readLookup(s);
    if (r.ok) lookups.push(r.lookup);
    else errors.push(`${r.message} ${r.fix ?? ""}`.trim());
  }
  if (!lookups.length)
    return {
      ok: false,
      message: errors[0] ?? `${file} holds no lookup.`,
      fix: "Give the ONS LSOA-to-ward CSV as published, or a two-column (area, ward) sheet.",
    };
  return { ok: true, lookups };
}

/** The districts a lookup sheet covers, for the pane's district picker; empty when it is no area lookup. */
export function districtsOfLookup(sheet: SheetData | undefined): District[] {
  if (!sheet) return [];
  const r = readLookup(sheet);
  return r.ok ? districtsInLookups([r.lookup]) : [];
}
