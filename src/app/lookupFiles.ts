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
import { failed, problem, type Problem } from "../engine/findings/outcome";

export { districtsInLookups };
export { readLookup };

/** A lookup CSV as rows of text, to be written into a sheet of the workbook (text stays text: codes keep their zeros). */
export function lookupRowsFromCsv(name: string, bytes: Uint8Array, decoder: StreamDecoder): Outcome<{ rows: (string | null)[][] }> {
  try {
    const read = readCsvBytes(name, bytes, decoder, new ReadBudget());
    if (read.facts.unclosedQuoteRows.length) return failed("lookup-quote-open", { file: name, row: read.facts.unclosedQuoteRows[0] + 1 });
    return { ok: true, rows: rowsOf(read.columns).map((r) => r.map((c) => (c === null || c === undefined ? null : cellText(c)))) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, ...e.problem };
    throw e;
  }
}

/** The lookups in a lookup file's sheets: each sheet that is one, or why none is. */
export function lookupsFromSheets(file: string, sheets: readonly SheetData[]): Outcome<{ lookups: AnyLookup[] }> {
  const lookups: AnyLookup[] = [];
  let first: Problem | undefined;
  for (const s of sheets) {
    const r = readLookup(s);
    if (r.ok) lookups.push(r.lookup);
    else first ??= r;
  }
  if (!lookups.length) return { ok: false, ...(first ?? problem("empty-lookup", { file, sheet: "", needs: "holds no sheet" })) };
  return { ok: true, lookups };
}

/** The districts a lookup sheet covers, for the pane's district picker; empty when it is no area lookup. */
export function districtsOfLookup(sheet: SheetData | undefined): District[] {
  if (!sheet) return [];
  const r = readLookup(sheet);
  return r.ok ? districtsInLookups([r.lookup]) : [];
}
