/*
 * Whole CSV texts the tests hold in memory, read with the engine's streaming reader: a text past a
 * stated limit fails the test that wrote it.
 */
import type { Cell } from "../../src/engine/read/cells";
import { CsvRead, CsvReader, Separator } from "../../src/engine/read/csv";
import { rowsOf } from "../../src/engine/read/grid";

export function readCsv(text: string, separator?: Separator): CsvRead {
  const reader = new CsvReader(separator);
  reader.push(text);
  const done = reader.finish();
  if (!done.ok) throw new Error(done.stopped);
  return done.read;
}

export function parseCsv(text: string, separator?: Separator): Cell[][] {
  return rowsOf(readCsv(text, separator).columns);
}
