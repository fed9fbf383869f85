/*
 * Reading a return, how a CSV was written: rows with more or fewer fields than the header, quotes left open, line breaks inside cells, undecodable characters.
 */
import type { CsvFacts } from "../read/csv";
import { Cell, isBlank } from "../read/cells";
import { cellAt, rowsAt } from "../findings/findings";
import { Grid } from "../read/grid";
import { FindingSink, Layout } from "./returnTypes";

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
      sink.add("unclosed-quote", rowsAt(r), { row: r + 1 });
      return true;
    }
    if (!isData) return false;
    let beyond = false;
    const width = grid.width(r);
    for (let c = this.width; c < width && !beyond; c++) beyond = !isBlank(grid.cell(r, c));
    const which = beyond ? "more" : (this.facts.fieldCounts[r] ?? width) < this.named ? "fewer" : undefined;
    if (!which) return false;
    sink.group("field-count", which, rowsAt(r), { which, headerRow: this.headerRow + 1 });
    return true;
  }
}

/** What reading the CSV found of the file as a whole and of its values: encoding, separator, line breaks, undecodable bytes. */
export function csvFindings(sink: FindingSink, { sheet, grid, headerRow }: Layout): CsvRowCheck | undefined {
  const facts = sheet.csv;
  if (!facts) return undefined;
  if (facts.encoding) sink.add("text-encoding", undefined, { encoding: facts.encoding });
  if (facts.separator !== ",") sink.add("csv-separator", undefined, { separator: facts.separator });
  for (const [r, c] of facts.lineBreakCells.first) {
    if (r <= headerRow) continue;
    sink.group("line-break-in-cell", "", cellAt(r, c), {});
  }
  for (const [r, c] of facts.undecodableCells.first)
    sink.group("undecodable-text", "", cellAt(r, c), { encoding: facts.encoding ?? "UTF-8" });
  return new CsvRowCheck(facts, headerRow, grid.row(headerRow));
}
