import { Cell, cellText, columnLetter, quoteSheetName, SheetData } from "../engine/read/cells";
import { harmWeight } from "../engine/rules/formulas";
import { gridOf, sheetRows } from "../engine/read/grid";
import { harmReport, HarmReport, HarmTable, readWeights } from "../engine/harm/harm";
import { Outcome } from "../engine/findings/outcome";
import { failed } from "../engine/findings/outcome";

export interface HarmRequest {
  /** Offences with counts (and optionally periods). */
  sheet: SheetData;
  /** More CHI scores (offence, days) on top of the published ones. */
  weights?: SheetData;
  population?: number;
}

/** The strategic assessment's harm table for one sheet of offences, weighted by the Crime Harm Index. */
export function harmFor(request: HarmRequest): Outcome<{ report: HarmReport }> {
  const table = new HarmTable();
  if (request.weights) {
    const w = readWeights(sheetRows(request.weights));
    if (!w.ok) return failed("weights-invalid", { file: request.weights.file, why: w.message });
    table.extend(w.entries);
  }
  return { ok: true, report: harmReport(request.sheet, table, request.population) };
}

/** A sheet's headers (its first row with two or more texts), with their columns. */
export interface HarmColumns {
  headerRow: number;
  headers: { col: number; text: string }[];
  /** The columns that look like the offence and the count, when one does: the user may choose others. */
  offence?: number;
  count?: number;
}

/** The headers of a sheet of offences and counts, with the offence and count columns guessed from their names. */
export function harmColumnsOf(sheet: SheetData): HarmColumns {
  const grid = gridOf(sheet);
  let headerRow = 0;
  while (headerRow < grid.length && grid.row(headerRow).filter((c) => cellText(c)).length < 2) headerRow++;
  if (headerRow === grid.length) return { headerRow: -1, headers: [] };
  const headers = grid
    .row(headerRow)
    .map((c, col) => ({ col, text: cellText(c) }))
    .filter((h) => h.text);
  return {
    headerRow,
    headers,
    offence: headers.find((h) => /offen[cs]e|crime type|code/i.test(h.text))?.col,
    count: headers.find((h) => /count|number|offences$|total/i.test(h.text))?.col,
  };
}

/** The Crime Harm Index total of a sheet's offences and counts below its headers, and the rate per 1,000 people when the population is given: what =CSP.HARMWEIGHT gives. */
export function harmOfColumns(
  sheet: SheetData,
  offenceCol: number,
  countCol: number,
  population?: number,
): Outcome<{ total: number; rate?: number }> {
  const grid = gridOf(sheet);
  const body: (readonly Cell[])[] = [];
  for (let r = harmColumnsOf(sheet).headerRow + 1; r < grid.length; r++) {
    const row = grid.row(r);
    if (row.some((c) => c !== null && c !== undefined && c !== "")) body.push(row);
  }
  const offences = body.map((r) => [r[offenceCol] as string]);
  const counts = body.map((r) => [r[countCol] as number]);
  const total = harmWeight(offences, counts);
  if (!total.ok) return failed("harm-not-weighed", { why: total.message });
  const rate = population && population > 0 ? harmWeight(offences, counts, population) : undefined;
  return { ok: true, total: total.value as number, rate: rate && rate.ok ? (rate.value as number) : undefined };
}

/** =CSP.HARMWEIGHT over two columns of a sheet: the add-in's own formula, from sheet and column positions only. */
export function harmFormula(
  sheet: string,
  headerRow: number,
  lastRow: number,
  offenceCol: number,
  countCol: number,
  population?: number,
): string {
  const ref = (col: number) =>
    `${quoteSheetName(sheet)}!$${columnLetter(col)}$${headerRow + 2}:$${columnLetter(col)}$${Math.max(headerRow + 2, lastRow + 1)}`;
  return `=CSP.HARMWEIGHT(${ref(offenceCol)},${ref(countCol)}${population ? `,${Math.round(population)}` : ""})`;
}
