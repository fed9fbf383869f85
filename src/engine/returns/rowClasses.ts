/*
 * Reading a return, each row's class: data, a heading repeated, a totals row, notes below the table.
 */
import { Cell, cellText, isBlank, isBlankRow } from "../read/cells";
import { parseDate, parseMonth } from "../read/dates";
import { rowsAt } from "../findings/findings";
import { isLsoaCode } from "../geography/lookups";
import { headerScore } from "./headers";
import { FieldDef } from "./returnKinds";
import { parseNumber } from "./values";
import { Grid } from "../read/grid";
import { RowCells } from "./rowCells";
import { FindingSink, Layout } from "./returnTypes";

type RowClass = "blank" | "totals" | "notes" | "second-header" | "data";

/** What the rows below the header are, before any field is read. */
export class RowClassifier {
  private readonly notesFrom: number;
  private totalsSeen = false;
  /** The first row of the current run of blank rows, or -1. */
  private blankStart = -1;
  /** Blank rows just passed, reported only when data follows them: a gap before notes is just layout. */
  gap: { first: number; last: number } | undefined;

  constructor(
    private readonly layout: Layout,
    readonly lastRow: number,
  ) {
    this.notesFrom = notesTailStart(layout.grid, layout.headerRow, lastRow, layout.cols);
  }

  classify(cells: RowCells, r: number): RowClass {
    const row = cells.summarise(r);
    const early = this.blankOrTotals(r, row.nonBlank, row.firstTextTotals);
    if (early) return early;
    const notesLike =
      this.notesPossible(r) && ((row.nonBlank === 1 && row.firstIsText) || this.layout.cols.every((c) => c < 0 || cells.blank(r, c)));
    return this.notesOrData(r, notesLike);
  }

  private blankOrTotals(r: number, nonBlank: number, totalsLike: boolean): RowClass | undefined {
    if (nonBlank === 0) {
      if (this.blankStart < 0) this.blankStart = r;
      return "blank";
    }
    this.gap = this.blankStart >= 0 ? { first: this.blankStart, last: r - 1 } : undefined;
    this.blankStart = -1;
    if (totalsLike) {
      this.totalsSeen = true;
      return "totals";
    }
    return undefined;
  }

  private notesPossible(r: number): boolean {
    return this.totalsSeen || r >= this.notesFrom;
  }

  private notesOrData(r: number, notesLike: boolean): RowClass {
    if (notesLike) return "notes";
    const { headerRow, kind, cols, grid } = this.layout;
    if (r === headerRow + 1 && looksLikeSecondHeader(grid.row(r), kind.fields, cols)) return "second-header";
    return "data";
  }
}

export function lastNonBlankRow(grid: Grid, headerRow: number): number {
  for (let r = grid.length - 1; r > headerRow; r--) if (!isBlankRow(grid.row(r))) return r;
  return headerRow;
}

/** Where the trailing run of note-like rows (no field filled in, or one line of text) begins. */
function notesTailStart(grid: Grid, headerRow: number, last: number, cols: readonly number[]): number {
  let start = last + 1;
  for (let r = last; r > headerRow; r--) {
    const row = grid.row(r);
    if (isBlankRow(row)) continue;
    const nonBlank = row.filter((c) => !isBlank(c));
    const fieldCellsBlank = cols.every((c) => c < 0 || isBlank(row[c]));
    if (!(fieldCellsBlank || (nonBlank.length === 1 && typeof nonBlank[0] === "string"))) break;
    start = r;
  }
  return start;
}

const TYPED = ["date", "month", "count", "decile", "lsoa"];

/** A row right under the header whose every cell is text that fits no field (units, a second header). */
function looksLikeSecondHeader(row: readonly Cell[], fields: readonly FieldDef[], cols: readonly number[]): boolean {
  let text = 0;
  let fitting = 0;
  for (let i = 0; i < fields.length; i++) {
    const c = cols[i];
    if (c < 0 || isBlank(row[c])) continue;
    const cell = row[c];
    if (typeof cell !== "string") return false;
    text++;
    const f = fields[i];
    if (f.type === "date" && parseDate(cell).ok) fitting++;
    else if (f.type === "month" && parseMonth(cell).ok) fitting++;
    else if ((f.type === "count" || f.type === "decile") && parseNumber(cell) !== undefined) fitting++;
    else if (f.type === "lsoa" && isLsoaCode(cell)) fitting++;
  }
  const typedCells = fields.filter((f, i) => cols[i] >= 0 && TYPED.includes(f.type) && !isBlank(row[cols[i]])).length;
  const headerLike = row.filter((c) => typeof c === "string" && fields.some((f) => headerScore(f, c) > 0)).length;
  return text >= 2 && fitting === 0 && (headerLike >= 1 || typedCells >= 2);
}

export function rowClassFindings(sink: FindingSink, kind: RowClass, row: readonly Cell[], r: number, headerRow: number): void {
  if (kind === "totals") {
    const text = cellText(row.find((c) => typeof c === "string" && !isBlank(c)) ?? "");
    sink.add("totals-row", rowsAt(r), { row: r + 1, text });
  } else if (kind === "notes") {
    sink.add("notes-row", rowsAt(r), { row: r + 1, text: cellText(row.find((c) => !isBlank(c)) ?? "").slice(0, 60) });
  } else if (kind === "second-header") {
    sink.add("two-header-rows", rowsAt(r), {
      row: r + 1,
      headerRow: headerRow + 1,
      headings: row
        .filter((c) => !isBlank(c))
        .map(cellText)
        .slice(0, 4),
    });
  }
}
