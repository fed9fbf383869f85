/*
 * Reading a return, how a CSV was written: rows with more or fewer fields than the header, quotes left open, line breaks inside cells, undecodable characters.
 */
import type { CsvFacts } from "../read/csv";
import { Cell, isBlank } from "../read/cells";
import { cellAt, rowsAt } from "../findings/findings";
import { plural } from "../read/text";
import { Grid } from "../read/grid";
import { FindingSink, Layout } from "./returnTypes";

const SEPARATOR_NAMES: Record<string, string> = {
  ";": "semicolons (Excel in a European locale); decimal commas are read as decimal points",
  "\t": "tabs (Excel's Unicode Text)",
  "|": "pipes",
};

/**
 * A CSV row whose fields cannot be trusted to sit under their headers: a quote left open, or
 * more or fewer fields than the header (a separator inside an unquoted value shifts the rest).
 */
export class CsvRowCheck {
  private readonly width: number;
  private readonly named: number;
  private readonly unclosed: ReadonlySet<number>;

  constructor(
    private readonly facts: CsvFacts,
    private readonly headerRow: number,
    header: readonly Cell[],
  ) {
    this.width = facts.fieldCounts[headerRow] ?? header.length;
    let named = header.length;
    while (named > 0 && isBlank(header[named - 1])) named--;
    this.named = named;
    this.unclosed = new Set(facts.unclosedQuoteRows);
  }

  /** Whether a row below the header is rejected for how it was written; says why once per row. */
  rejects(sink: FindingSink, grid: Grid, r: number, isData: boolean): boolean {
    if (this.unclosed.has(r)) {
      sink.add(
        "unclosed-quote",
        rowsAt(r),
        `Row ${r + 1} has a quote (") that is never closed. The row was read on its own and rejected; the rows after it were kept.`,
        'Remove the stray quote, or close it ("like this"), and send the return again.',
      );
      return true;
    }
    if (!isData) return false;
    let beyond = false;
    const width = grid.width(r);
    for (let c = this.width; c < width && !beyond; c++) beyond = !isBlank(grid.cell(r, c));
    const which = beyond ? "more" : (this.facts.fieldCounts[r] ?? width) < this.named ? "fewer" : undefined;
    if (!which) return false;
    const headerRow = this.headerRow;
    sink.group(
      "field-count",
      which,
      rowsAt(r),
      (n, rows) =>
        `${plural(n, "row")} ha${n === 1 ? "s" : "ve"} ${which} fields than the header (row ${headerRow + 1}), so ${n === 1 ? "its" : "their"} values may sit under the wrong columns; ${n === 1 ? "it is" : "they are"} rejected: ${rows}.`,
      which === "more"
        ? 'A value holding the separator must be quoted ("Smith, John"); fix the rows or save the sheet from Excel again.'
        : "Fill the missing fields (a blank field still needs its separator), or save the sheet from Excel again.",
    );
    return true;
  }
}

/** What reading the CSV found of the file as a whole and of its values: encoding, separator, line breaks, undecodable bytes. */
export function csvFindings(sink: FindingSink, { sheet, grid, headerRow }: Layout): CsvRowCheck | undefined {
  const facts = sheet.csv;
  if (!facts) return undefined;
  if (facts.encoding)
    sink.add(
      "text-encoding",
      undefined,
      `Read as ${facts.encoding}, not UTF-8.`,
      'Nothing to do. To avoid any doubt over accented letters and curly quotes, save from Excel as "CSV UTF-8".',
      { params: { encoding: facts.encoding } },
    );
  if (facts.separator !== ",")
    sink.add("csv-separator", undefined, `Columns are separated by ${SEPARATOR_NAMES[facts.separator]}.`, "Nothing to do.", {
      params: { separator: facts.separator },
    });
  for (const [r, c] of facts.lineBreakCells.first) {
    if (r <= headerRow) continue;
    sink.group(
      "line-break-in-cell",
      "",
      cellAt(r, c),
      (n, cells) =>
        `${plural(n, "value")} hold${n === 1 ? "s" : ""} a line break inside quotes: ${cells}. If a quote was left open by mistake, the rows it spans were merged into one.`,
      "Check these rows against the partner's sheet; remove line breaks from values that should be on one line.",
    );
  }
  for (const [r, c] of facts.undecodableCells.first)
    sink.group(
      "undecodable-text",
      "",
      cellAt(r, c),
      (n, cells) =>
        `${plural(n, "value")} hold${n === 1 ? "s" : ""} bytes that are not text in ${facts.encoding ?? "UTF-8"} (shown as \uFFFD): ${cells}.`,
      'Save the file again from Excel as "CSV UTF-8" and send that.',
    );
  return new CsvRowCheck(facts, headerRow, grid.row(headerRow));
}
