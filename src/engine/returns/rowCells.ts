/*
 * Reading a return, the cells of one row as the row checks ask for them, whichever way the sheet
 * is held: in columns (a CSV: each distinct value's flags worked out once, for every row sharing
 * it) or as rows (an .xlsx, an open sheet). The checks themselves are written once, over RowCells.
 */
import { Cell, errorTextLength, isBlank } from "../read/cells";
import { cellOf, ColumnCells, Grid, idAt, PackedTexts, SheetColumns, valueCount } from "../read/grid";
import { cellAt } from "../findings/findings";
import { looksLikeFormula } from "../read/text";
import { FindingSink, FORMULA_START, looksLikeTotals, mayBeFormula, mayStartTotals } from "./returnTypes";

/** What the row classifier asks of a row. */
export interface RowSummary {
  nonBlank: number;
  firstIsText: boolean;
  /** The row's first text (its first non-blank text cell) reads like a totals row's. */
  firstTextTotals: boolean;
}

export interface RowCells {
  /** Row r's summary, valid until the next call. */
  summarise(r: number): RowSummary;
  blank(r: number, c: number): boolean;
  cell(r: number, c: number): Cell;
  /** The id of the cell's value in its column when the sheet is held in columns (a reading may be kept by it); -1 otherwise. */
  id(r: number, c: number): number;
  /** Whether the cell is blank or may be a spreadsheet error written as text: all a text field can be rejected for. */
  mayReject(r: number, c: number): boolean;
  /** Text a spreadsheet would run as a formula, outside count columns (where "-1" is a number). */
  formulaFindings(sink: FindingSink, r: number): void;
}

export function rowCellsOf(grid: Grid, countCols: ReadonlySet<number>): RowCells {
  return grid.columns ? new ColumnRowCells(grid.columns, countCols) : new ListRowCells(grid, countCols);
}

function isFormulaText(cell: Cell, c: number, countCols: ReadonlySet<number>): boolean {
  return typeof cell === "string" && mayBeFormula(cell) && !countCols.has(c) && looksLikeFormula(cell);
}

function formulaFinding(sink: FindingSink, r: number, c: number): void {
  sink.group("formula-text", "", cellAt(r, c), {});
}

/** A sheet held as rows: each row's cells looked at as they come. */
class ListRowCells implements RowCells {
  private r = -1;
  private row: readonly Cell[] = [];
  private readonly summary: RowSummary = { nonBlank: 0, firstIsText: false, firstTextTotals: false };

  constructor(
    private readonly grid: Grid,
    private readonly countCols: ReadonlySet<number>,
  ) {}

  private at(r: number): readonly Cell[] {
    if (r !== this.r) {
      this.r = r;
      this.row = this.grid.row(r);
    }
    return this.row;
  }

  summarise(r: number): RowSummary {
    const row = this.at(r);
    let nonBlank = 0;
    let first: Cell = null;
    let firstText: string | undefined;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (isBlank(cell)) continue;
      if (nonBlank++ === 0) first = cell;
      if (firstText === undefined && typeof cell === "string") firstText = cell;
    }
    const s = this.summary;
    s.nonBlank = nonBlank;
    s.firstIsText = typeof first === "string";
    s.firstTextTotals = firstText !== undefined && looksLikeTotals(firstText);
    return s;
  }

  blank(r: number, c: number): boolean {
    return isBlank(this.at(r)[c]);
  }

  cell(r: number, c: number): Cell {
    return this.at(r)[c];
  }

  id(): number {
    return -1;
  }

  mayReject(): boolean {
    return true;
  }

  formulaFindings(sink: FindingSink, r: number): void {
    const row = this.at(r);
    for (let c = 0; c < row.length; c++) if (isFormulaText(row[c], c, this.countCols)) formulaFinding(sink, r, c);
  }
}

const BLANK = 1;
const TEXT = 2;
const FORMULA = 4;
/** Text a totals row starts with. */
const TOTALS_LABEL = 8;
/** Text that may be a spreadsheet error written out, such as "#N/A" (see spreadsheetErrorOf). */
const MAYBE_ERROR = 16;

function flagsOf(v: Cell, c: number, countCols: ReadonlySet<number>): number {
  if (isBlank(v)) return BLANK;
  if (typeof v !== "string") return 0;
  const error = errorTextLength(v.length) && v.includes("#");
  return TEXT | (isFormulaText(v, c, countCols) ? FORMULA : 0) | (looksLikeTotals(v) ? TOTALS_LABEL : 0) | (error ? MAYBE_ERROR : 0);
}

const NUMBER_SIGN = 35;

/**
 * The flags of a packed text from its first characters, without making the string; undefined
 * when only the text itself can tell (it may be blank, a formula or a totals label).
 */
function packedFlags(packed: PackedTexts, k: number): number | undefined {
  const first = packed.charAt(k, 0);
  // A blank or a character past ASCII may start a blank text.
  if (!(first > 32 && first < 127) || FORMULA_START.has(first) || mayStartTotals(first, packed.charAt(k, 1))) return undefined;
  const n = packed.length(k);
  return TEXT | (errorTextLength(n) && packed.holds(k, NUMBER_SIGN) ? MAYBE_ERROR : 0);
}

/**
 * A sheet held in columns: what the row checks ask of a cell is worked out once for each
 * distinct value (blank, text, a formula, a totals label), and a row is read by its value ids.
 */
class ColumnRowCells implements RowCells {
  private readonly columns: readonly ColumnCells[];
  private readonly flags: Uint8Array[];
  private summaryRow = -1;
  /** The flags of the summarised row's cells, together. */
  private any = 0;
  private readonly summary: RowSummary = { nonBlank: 0, firstIsText: false, firstTextTotals: false };

  constructor(sheet: SheetColumns, countCols: ReadonlySet<number>) {
    this.columns = sheet.columns;
    this.flags = sheet.columns.map((column, c) => {
      const flags = new Uint8Array(valueCount(column));
      column.values.forEach((v, id) => (flags[id] = flagsOf(v, c, countCols)));
      const packed = column.packed;
      if (packed)
        for (let k = 0, id = column.values.length; k < packed.count; k++, id++)
          flags[id] = packedFlags(packed, k) ?? flagsOf(packed.text(k), c, countCols);
      return flags;
    });
  }

  summarise(r: number): RowSummary {
    const columns = this.columns;
    let nonBlank = 0;
    let first = 0;
    let firstText = 0;
    let any = 0;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      const flags = this.flags[c][r < column.length ? column.ids[r] : 0];
      any |= flags;
      if (flags & BLANK) continue;
      if (nonBlank++ === 0) first = flags;
      if (firstText === 0 && flags & TEXT) firstText = flags;
    }
    this.summaryRow = r;
    this.any = any;
    const s = this.summary;
    s.nonBlank = nonBlank;
    s.firstIsText = (first & TEXT) !== 0;
    s.firstTextTotals = (firstText & TOTALS_LABEL) !== 0;
    return s;
  }

  blank(r: number, c: number): boolean {
    const column = this.columns[c];
    return !column || (this.flags[c][idAt(column, r)] & BLANK) !== 0;
  }

  cell(r: number, c: number): Cell {
    const column = this.columns[c];
    return column ? cellOf(column, idAt(column, r)) : undefined;
  }

  id(r: number, c: number): number {
    return idAt(this.columns[c], r);
  }

  mayReject(r: number, c: number): boolean {
    const column = this.columns[c];
    return !column || (this.flags[c][idAt(column, r)] & (BLANK | MAYBE_ERROR)) !== 0;
  }

  formulaFindings(sink: FindingSink, r: number): void {
    if (this.summaryRow === r && !(this.any & FORMULA)) return;
    for (let c = 0; c < this.columns.length; c++) if (this.flags[c][idAt(this.columns[c], r)] & FORMULA) formulaFinding(sink, r, c);
  }
}
