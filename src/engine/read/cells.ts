import type { CsvFacts } from "./csv";
import type { SheetColumns } from "./grid";

/** A cell value as any reader (CSV, the .xlsx reader, Office.js) hands it to the engine. */
export type Cell = string | number | boolean | Date | CellError | null | undefined;

/** A spreadsheet error value such as #N/A or #REF!. */
export interface CellError {
  error: string;
}

/** One sheet of one file, as its reader gave it. */
interface SheetInfo {
  file: string;
  sheet: string;
  /** Merged ranges in A1 notation, when the reader knows them. */
  merges?: string[];
  /** The sheet is hidden in its workbook. */
  hidden?: boolean;
  /** Rows (0-based) hidden in the workbook, filtered out or hidden by hand: they are read like any other. */
  hiddenRows?: number[];
  /** What reading it as CSV learned (separator, encoding, rows as written), when it was one. */
  csv?: CsvFacts;
}

/** A sheet as rows of cells (row 0 is the sheet's first row): an .xlsx's, an open sheet's. */
export interface RowSheet extends SheetInfo {
  /** Rows in order; a row with no cells may be missing (a hole), so a sheet reaching row 1,048,576 costs only the rows it has. */
  rows: (Cell[] | undefined)[];
  columns?: never;
}

/**
 * A sheet held column by column, as the CSV reader makes it: read it through gridOf, which
 * makes no rows; sheetRows makes them all, at a cost, only where a caller asks.
 */
export interface ColumnSheet extends SheetInfo {
  columns: SheetColumns;
  rows?: never;
}

export type SheetData = RowSheet | ColumnSheet;

const SPREADSHEET_ERRORS = new Set([
  "#N/A",
  "#REF!",
  "#DIV/0!",
  "#VALUE!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
]);

export function isCellError(cell: Cell): cell is CellError {
  return typeof cell === "object" && cell !== null && typeof (cell as CellError).error === "string";
}

/** Whether a text of this length could be a spreadsheet error written out (it must also hold "#"): the cheap test before the list. */
export function errorTextLength(length: number): boolean {
  return length > 1 && length < 20;
}

/** A spreadsheet error either as an error value or as its text (CSV exports write "#N/A"). */
export function spreadsheetErrorOf(cell: Cell): string | undefined {
  if (isCellError(cell)) return cell.error;
  if (typeof cell === "string" && errorTextLength(cell.length) && cell.includes("#")) {
    const t = cell.trim().toUpperCase();
    if (SPREADSHEET_ERRORS.has(t)) return t;
  }
  return undefined;
}

export function isBlank(cell: Cell): boolean {
  if (typeof cell === "string") {
    // Most cells start with a printable ASCII character, which no trimming removes.
    const c = cell.charCodeAt(0);
    return !(c > 32 && c < 127) && cell.trim() === "";
  }
  return cell === null || cell === undefined;
}

export function isBlankRow(row: readonly Cell[] | undefined): boolean {
  if (!row) return true;
  for (const c of row) if (!isBlank(c)) return false;
  return true;
}

/** Text of a cell for messages and text fields (dates as ISO, errors as their code). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "(invalid date)" : cell.toISOString().slice(0, 10);
  return cell.error;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Names a formula would read as a reference or a value: A1-style (FY2020, XFD1), R1C1-style (R, C, R2C3, RC) or TRUE/FALSE. */
const READS_AS_REFERENCE = /^([A-Za-z]{1,3}\d+|[Rr]\d*([Cc]\d*)?|[Cc]\d*|true|false)$/i;

/**
 * The one quoting rule for every address and formula the add-in builds: a sheet name is quoted
 * unless it is plain letters, digits, _ and . (not starting with a digit) and cannot be read as a
 * reference. Quoting more than Excel needs is harmless; quoting less breaks the formula.
 */
export function quoteSheetName(sheet: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !READS_AS_REFERENCE.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** Parses "B2" or "A1:C3" into 0-based bounds. */
export function parseRange(a1: string): { r1: number; c1: number; r2: number; c2: number } | undefined {
  const m = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(a1.trim());
  if (!m) return undefined;
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}
