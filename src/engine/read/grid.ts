import type { Cell, ColumnSheet, SheetData } from "./cells";
import { FNV_OFFSET, FNV_PRIME, hashText, secondHash } from "./hash";

/**
 * A sheet held column by column: each column keeps its distinct values once and, for each row,
 * the index (id) of its value. A return of a million rows repeats a few thousand values, so
 * reading it this way allocates nothing per row, and a check made of a value holds for every
 * row sharing its id. The CSV reader builds sheets this way (a ColumnSheet, with no rows:
 * sheetRows makes them where a caller asks).
 */

/** One column: `cellOf(column, ids[r])` is row r's cell; id 0, or a row past `length`, is an empty cell. */
export interface ColumnCells {
  readonly ids: Int32Array;
  /** Rows written: one past the last row holding a value. */
  readonly length: number;
  /** The cells of the first ids; values[0] is the empty cell. */
  readonly values: readonly Cell[];
  /** The texts of the ids past `values`, in a column of identifiers: id values.length + k is text k. */
  readonly packed?: PackedTexts;
}

/** The cell a column's (or a value table's) id stands for. */
export function cellOf(column: Pick<ColumnCells, "values" | "packed">, id: number): Cell {
  const values = column.values;
  return id < values.length ? values[id] : column.packed!.text(id - values.length);
}

/** How many ids a column has. */
export function valueCount(column: ColumnCells): number {
  return column.values.length + (column.packed?.count ?? 0);
}

const TEXT_SLICE = 8192;
const SHORT_TEXT = 64;

/**
 * Texts held as their characters in one growing array: a column of a million identifiers costs
 * no object per row, and a text is made only when something asks for it.
 */
export class PackedTexts {
  private chars = new Uint16Array(1 << 12);
  /** Where each text ends in chars; text k starts where text k - 1 ends. */
  private ends = new Int32Array(1 << 8);
  private readonly codes: number[][] = [];
  count = 0;

  /** Adds text[start, end); its index. */
  add(text: string, start: number, end: number): number {
    const from = this.count ? this.ends[this.count - 1] : 0;
    const to = from + end - start;
    if (to > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, to));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let i = start, j = from; i < end; i++, j++) this.chars[j] = text.charCodeAt(i);
    if (this.count === this.ends.length) this.ends = grown(this.ends);
    this.ends[this.count] = to;
    return this.count++;
  }

  private start(k: number): number {
    return k ? this.ends[k - 1] : 0;
  }

  length(k: number): number {
    return this.ends[k] - this.start(k);
  }

  /** Character i of text k (i may be past its end: NaN, as charCodeAt gives). */
  charAt(k: number, i: number): number {
    const at = this.start(k) + i;
    return at < this.ends[k] ? this.chars[at] : NaN;
  }

  /** Whether text k holds the character. */
  holds(k: number, char: number): boolean {
    for (let i = this.start(k), end = this.ends[k]; i < end; i++) if (this.chars[i] === char) return true;
    return false;
  }

  /** hashText of text k, when trimming leaves it as it is (it starts and ends with a visible ASCII character); else undefined. */
  trimmedHash(k: number): number | undefined {
    const start = this.start(k);
    const end = this.ends[k];
    const first = this.chars[start];
    const last = this.chars[end - 1];
    if (!(first > 32 && first < 127 && last > 32 && last < 127)) return undefined;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ this.chars[i], FNV_PRIME);
    return hash;
  }

  text(k: number): string {
    const start = this.start(k);
    const end = this.ends[k];
    const n = end - start;
    if (n <= SHORT_TEXT) {
      // Identifiers are short: their characters go through a reused array of their length.
      const codes = (this.codes[n] ??= new Array<number>(n).fill(0));
      for (let i = 0; i < n; i++) codes[i] = this.chars[start + i];
      return String.fromCharCode.apply(null, codes);
    }
    let text = "";
    // In slices: a call takes only so many arguments.
    for (let from = start; from < end; from += TEXT_SLICE)
      text += String.fromCharCode.apply(null, this.chars.subarray(from, Math.min(from + TEXT_SLICE, end)) as unknown as number[]);
    return text;
  }
}

export interface SheetColumns {
  readonly rowCount: number;
  /** How many cells each row had as written, empty ones at its end included. */
  readonly widths: ArrayLike<number>;
  readonly columns: readonly ColumnCells[];
}

export function idAt(column: ColumnCells | undefined, r: number): number {
  return column && r < column.length ? column.ids[r] : 0;
}

function rowOf(sheet: SheetColumns, r: number): Cell[] {
  const width = sheet.widths[r] ?? 0;
  const row = new Array<Cell>(width);
  for (let c = 0; c < width; c++) {
    const column = sheet.columns[c];
    row[c] = column ? cellOf(column, idAt(column, r)) : null;
  }
  return row;
}

/** The rows of a sheet held in columns: all of them, or the first `count`. */
export function rowsOf(sheet: SheetColumns, count = sheet.rowCount): Cell[][] {
  return Array.from({ length: Math.min(count, sheet.rowCount) }, (_, r) => rowOf(sheet, r));
}

export function columnarSheet(base: Omit<ColumnSheet, "columns" | "rows">, columns: SheetColumns): ColumnSheet {
  return { ...base, columns };
}

/**
 * Every row of a sheet, made now from its columns when it is held that way: a row array per row,
 * which a big CSV's reading never needs (gridOf reads it where it lies).
 */
export function sheetRows(sheet: SheetData): (Cell[] | undefined)[] {
  return sheet.columns ? rowsOf(sheet.columns) : sheet.rows;
}

/** What the readers of a sheet look at: its rows one at a time, whichever way it is held. */
export interface Grid {
  readonly length: number;
  row(r: number): readonly Cell[];
  cell(r: number, c: number): Cell;
  /** How many cells row r has. */
  width(r: number): number;
  /** The columns, when the sheet is held that way. */
  readonly columns?: SheetColumns;
}

const NO_CELLS: readonly Cell[] = [];

/** How many rows from `from` to `to` (inclusive) have cells: a sheet read as rows may reach far past the rows it has. */
export function rowsWithCells(grid: Grid, from: number, to: number): number {
  if (grid.columns) return Math.max(0, to - from + 1);
  let n = 0;
  for (let r = from; r <= to; r++) if (grid.width(r)) n++;
  return n;
}

export function gridOf(sheet: SheetData): Grid {
  const columns = sheet.columns;
  if (columns)
    return {
      length: columns.rowCount,
      columns,
      row: (r) => (r < columns.rowCount ? rowOf(columns, r) : NO_CELLS),
      cell: (r, c) => {
        const column = columns.columns[c];
        return column ? cellOf(column, idAt(column, r)) : undefined;
      },
      width: (r) => columns.widths[r] ?? 0,
    };
  const rows = sheet.rows;
  return { length: rows.length, row: (r) => rows[r] ?? NO_CELLS, cell: (r, c) => rows[r]?.[c], width: (r) => rows[r]?.length ?? 0 };
}

/** The first rows of a sheet (where headers are looked for), without making the rest. */
export function headRows(sheet: SheetData, count: number): Cell[][] {
  return sheet.columns ? rowsOf(sheet.columns, count) : Array.from(sheet.rows.slice(0, count), (r) => r ?? []);
}

/** The first row for which `test` holds, in row order. */
export function findRow(sheet: SheetData, test: (row: readonly Cell[]) => boolean): readonly Cell[] | undefined {
  const grid = gridOf(sheet);
  for (let r = 0; r < grid.length; r++) {
    const row = grid.row(r);
    if (test(row)) return row;
  }
  return undefined;
}

/** A sheet's row count, without making its rows. */
export function rowCountOf(sheet: SheetData): number {
  return sheet.columns ? sheet.columns.rowCount : sheet.rows.length;
}

/** How many rows share each id of a column, from row `from` on. */
export function idCounts(column: ColumnCells, from: number): Int32Array {
  const counts = new Int32Array(valueCount(column));
  for (let r = from; r < column.length; r++) counts[column.ids[r]]++;
  return counts;
}

/** A column is sampled this far before it is judged: past it, one with mostly new values is an identifier. */
const JUDGED_AFTER = 65_536;

/**
 * A column's distinct texts, as a column being read gathers them: found by two hashes computed
 * while the text was scanned, so a value seen before costs no new string and no comparison of
 * its characters. A column of identifiers (a new value each row) gives each row its own id
 * instead, as a table of a million values would cost more than it saves: equal ids always mean
 * equal values, but equal values need not share an id. Its texts from then on are packed (see
 * PackedTexts) when the reader allows it, or kept as strings.
 */
export class ValueTable {
  // Small to start with: a file may have thousands of columns, most with a handful of values.
  private slots = new Int32Array(1 << 5);
  private hashes = new Int32Array(1 << 4);
  private seconds = new Int32Array(1 << 4);
  private lengths = new Int32Array(1 << 4);
  private looked = 0;
  private keeping = true;
  /** values[0] is the empty cell; the rest are texts as read. */
  readonly values: Cell[] = [null];
  packed: PackedTexts | undefined;

  constructor(private readonly mayPack = false) {}

  /** The id of text[start, end), whose hashes (hashText, secondHash) are given. */
  intern(text: string, start: number, end: number, hash: number, second: number): number {
    if (!this.keeping)
      return this.packed ? this.values.length + this.packed.add(text, start, end) : this.values.push(text.slice(start, end)) - 1;
    const mask = this.slots.length - 1;
    const length = end - start;
    this.looked++;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s];
      if (id === 0) return this.add(text.slice(start, end), s, hash, second);
      if (this.hashes[id] === hash && this.seconds[id] === second && this.lengths[id] === length) return id;
    }
  }

  internRange(text: string, start: number, end: number): number {
    return this.intern(text, start, end, hashText(text, start, end), secondHash(text, start, end));
  }

  internText(text: string): number {
    return text === "" ? 0 : this.internRange(text, 0, text.length);
  }

  private add(value: string, slot: number, hash: number, second: number): number {
    const id = this.values.length;
    this.values.push(value);
    if (this.looked >= JUDGED_AFTER && id * 2 > this.looked) {
      this.keeping = false;
      if (this.mayPack) this.packed = new PackedTexts();
      this.slots = this.hashes = this.seconds = this.lengths = new Int32Array(0);
      return id;
    }
    if (id >= this.hashes.length) {
      this.hashes = grown(this.hashes);
      this.seconds = grown(this.seconds);
      this.lengths = grown(this.lengths);
    }
    this.hashes[id] = hash;
    this.seconds[id] = second;
    this.lengths[id] = value.length;
    this.slots[slot] = id;
    if (id * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 1; id < this.values.length; id++) {
      let s = this.hashes[id] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
  }
}

/** A copy of the array in one twice as long, or `atLeast` long if that is longer. */
export function grown(array: Int32Array, atLeast = 0): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(array.length * 2, atLeast));
  bigger.set(array);
  return bigger;
}

/** A column filled row by row: ids grow as rows arrive; rows left empty at its end take no room. */
export class ColumnBuilder {
  ids = new Int32Array(0);
  length = 0;
  readonly table: ValueTable;

  /** `mayPack`: an identifier column's texts may be packed rather than kept as strings. */
  constructor(mayPack = false) {
    this.table = new ValueTable(mayPack);
  }

  /** Sets row r's id (rows arrive in order); how many rows the column grew by. */
  put(r: number, id: number): number {
    if (r >= this.ids.length) this.ids = grown(this.ids, Math.max(64, r + 1));
    this.ids[r] = id;
    const grew = r + 1 - this.length;
    this.length = r + 1;
    return grew;
  }

  get cells(): ColumnCells {
    return { ids: this.ids, length: this.length, values: this.table.values, packed: this.table.packed };
  }
}
