import { Cell, ColumnSheet } from "./cells";
import { cellOf, ColumnBuilder, ColumnCells, columnarSheet, grown, SheetColumns } from "./grid";
import { FNV_OFFSET, FNV_PRIME, SECOND_PRIME } from "./hash";
import { lineCount, Separator, SNIFF_CHARS, SNIFF_LINES, sniffSeparator } from "./csvSeparator";

export { SEPARATORS } from "./csvSeparator";
export type { Separator } from "./csvSeparator";

/**
 * Reading CSV as partners' machines write it: comma, semicolon (Excel in a European locale),
 * tab (Excel's "Unicode Text") or pipe, sniffed from the first lines; RFC 4180 quoting with
 * line breaks inside quotes. Cells stay text (the reader of each column decides what a value
 * means, so "29,199" or "01/11/2018" are never misread here), except decimal commas in a
 * semicolon file, which become numbers.
 *
 * A quote that never closes does not swallow the file: its line is read on its own, quotes as
 * text, and recorded, so every row after it is kept. Fed in chunks, so files of any size stream.
 * Hand-written rather than a library so the engine stays dependency-free in both bundles.
 */

/** Stated limits: a file past any of them is refused with a message naming the limit, before memory runs out. */
export const CSV_LIMITS = {
  /** Excel's widest sheet. */
  fieldsPerRow: 16_384,
  /** One row's text; Excel's cells hold 32,767 characters, a return's row far less. */
  rowChars: 1_048_576,
  /** Every cell of one file. */
  cells: 50_000_000,
};

/** Excel's limit on a cell's text: a quoted value longer than this is a quote left open, not a value. */
const MAX_QUOTED_CHARS = 32_767;

export interface CellPositions {
  count: number;
  /** Each, as [row, column] (0-based). */
  first: [number, number][];
}

/** What reading a CSV learned that a sheet's cells cannot show. */
export interface CsvFacts {
  separator: Separator;
  /** The text encoding, when it was not UTF-8 (said by the file reader, which decodes). */
  encoding?: string;
  /** How many fields each row had as written (before blank trailing cells mean anything). */
  fieldCounts: number[];
  /** Rows whose quote never closed: read as one line with quotes as text. */
  unclosedQuoteRows: number[];
  /** Quoted cells holding a line break: legitimate in Excel, or a quote left open that merged rows. */
  lineBreakCells: CellPositions;
  /** Cells holding U+FFFD, where bytes could not be decoded. */
  undecodableCells: CellPositions;
}

/** A stated limit crossed, inside the reader: it ends the read, and `finish` says so as an outcome. */
class CsvLimitError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const REPLACEMENT = "\uFFFD";
const REPLACEMENT_CODE = 0xfffd;
const SEMICOLON = 59;

function positions(): CellPositions {
  return { count: 0, first: [] };
}

function note(p: CellPositions, row: number, col: number): void {
  p.count++;
  p.first.push([row, col]);
}

const DECIMAL_COMMA = /^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+$/;
const DOTTED_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+$/;

/** In a semicolon file, "12,5" is twelve and a half and "1.234" is one thousand two hundred and thirty-four. */
function europeanNumber(text: string): number | undefined {
  if (DECIMAL_COMMA.test(text)) return Number(text.replace(/\./g, "").replace(",", "."));
  if (DOTTED_THOUSANDS.test(text)) return Number(text.replace(/\./g, ""));
  return undefined;
}

export interface CsvRead {
  /** The cells, column by column (see grid.ts). */
  columns: SheetColumns;
  facts: CsvFacts;
}

/** The sheet a CSV read stands for, held in its columns. */
export function csvSheet(file: string, sheet: string, read: CsvRead): ColumnSheet {
  return columnarSheet({ file, sheet, csv: read.facts }, read.columns);
}

/**
 * An incremental CSV reader: push decoded text as it arrives, then finish. Rows, their field
 * counts and every irregularity are kept. A stated limit crossed stops the read: `stopped` says
 * so at once (so a caller can stop sending text), and `finish` gives the problem, never the rows
 * read before it. The reader never throws for what the text holds.
 */
export class CsvReader {
  private readonly facts: CsvFacts;
  /** Returns repeat their values row after row: each distinct value is held once, column by column. */
  private readonly columns: ColumnBuilder[] = [];
  private rowCount = 0;
  /** The row being read: the id of each of its fields in its column. */
  private rowIds = new Int32Array(64);
  private head = "";
  private pending = "";
  private sep = -1;
  private started = false;
  private cells = 0;
  /** The field count of the last row that sat on one line: what a merged row is compared with. */
  private lastCount = 0;
  private mayBeUndecodable = false;

  constructor(private readonly separator?: Separator) {
    this.facts = {
      separator: separator ?? ",",
      fieldCounts: [],
      unclosedQuoteRows: [],
      lineBreakCells: positions(),
      undecodableCells: positions(),
    };
    if (separator) this.sep = separator.charCodeAt(0);
  }

  /** Rows and cells read so far. */
  get size(): { rows: number; cells: number } {
    return { rows: this.rowCount, cells: this.cells };
  }

  /** Why the read stopped, once a stated limit is crossed. */
  stopped: string | undefined;

  push(text: string): void {
    if (this.stopped) return;
    try {
      this.read(text);
    } catch (e) {
      if (!(e instanceof CsvLimitError)) throw e;
      this.stopped = e.message;
    }
  }

  private read(text: string): void {
    if (!this.started && text.length) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.includes(REPLACEMENT)) this.mayBeUndecodable = true;
    if (this.sep < 0) {
      this.head += text;
      if (this.head.length < SNIFF_CHARS && lineCount(this.head) < SNIFF_LINES) return;
      this.chooseSeparator();
      text = this.head;
      this.head = "";
    }
    if (this.pending.length) this.finishPending(text);
    else this.drain(text, 0, false);
  }

  /**
   * Reads on from the row the last text left unfinished. Its first line here usually finishes it,
   * so only that line is joined and the rest is read where it lies: a joined string reads a third
   * slower than one decoded in one piece.
   */
  private finishPending(text: string): void {
    const lf = text.indexOf("\n");
    if (lf < 0) {
      this.drain(this.pending + text, 0, false);
      return;
    }
    const head = this.pending + text.slice(0, lf + 1);
    if (this.drain(head, 0, false) < head.length) this.drain(this.pending + text.slice(lf + 1), 0, false);
    else this.drain(text, lf + 1, false);
  }

  /** The rows read, or the limit that stopped the read: what it read before then is never given as the file. */
  finish(): { ok: true; read: CsvRead } | { ok: false; stopped: string } {
    if (!this.stopped)
      try {
        return { ok: true, read: this.end() };
      } catch (e) {
        if (!(e instanceof CsvLimitError)) throw e;
        this.stopped = e.message;
      }
    return { ok: false, stopped: this.stopped };
  }

  private end(): CsvRead {
    if (this.sep < 0) {
      this.chooseSeparator();
      this.pending = this.head;
      this.head = "";
    }
    this.drain(this.pending, 0, true);
    // A column that never held a value has no builder yet: it is an empty column, not a missing one.
    const columns: ColumnCells[] = Array.from(this.columns, (c = new ColumnBuilder()) => c.cells);
    if (this.sep === SEMICOLON) columns.forEach((c, i) => (columns[i] = { ...c, values: c.values.map(europeanValue) }));
    if (this.mayBeUndecodable) this.noteUndecodable(columns);
    return { columns: { rowCount: this.rowCount, widths: this.facts.fieldCounts, columns }, facts: this.facts };
  }

  /** Cells holding U+FFFD, in row order. */
  private noteUndecodable(columns: readonly ColumnCells[]): void {
    const found: [number, number][] = [];
    columns.forEach((column, c) => {
      const bad = column.values.map((v) => typeof v === "string" && v.includes(REPLACEMENT));
      const packed = column.packed;
      if (packed) for (let k = 0; k < packed.count; k++) bad.push(packed.holds(k, REPLACEMENT_CODE));
      if (!bad.includes(true)) return;
      for (let r = 0; r < column.length; r++) if (bad[column.ids[r]]) found.push([r, c]);
    });
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [r, c] of found) note(this.facts.undecodableCells, r, c);
  }

  private chooseSeparator(): void {
    this.facts.separator = sniffSeparator(this.head);
    this.sep = this.facts.separator.charCodeAt(0);
  }

  /** Reads the rows of the text from `start`, keeping what is left unfinished; how far it read. */
  private drain(text: string, start: number, final: boolean): number {
    let i = start;
    while (i < text.length) {
      const next = this.record(text, i, final);
      if (next === undefined) break;
      i = next;
    }
    this.pending = i === 0 ? text : text.slice(i);
    if (!final && this.pending.length > CSV_LIMITS.rowChars + MAX_QUOTED_CHARS)
      throw this.rowPastLimit(`is longer than ${CSV_LIMITS.rowChars.toLocaleString("en-GB")} characters without ending`);
    return i;
  }

  /** Reads one row starting at `start`; the index after it, or undefined when more text is needed. */
  private record(text: string, start: number, final: boolean): number | undefined {
    const n = text.length;
    const sep = this.sep;
    let fields = 0;
    let i = start;
    let breaks: number[] | undefined;
    let textAfterQuote = false;
    for (;;) {
      let id: number;
      if (text.charCodeAt(i) === QUOTE) {
        let out = "";
        let from = i + 1;
        let j = from;
        let whole = -1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0 || q - i > MAX_QUOTED_CHARS) {
            if (!final && q < 0 && n - i <= MAX_QUOTED_CHARS) return undefined;
            return this.lineAsWritten(text, start, final);
          }
          if (q + 1 >= n && !final) return undefined;
          if (text.charCodeAt(q + 1) === QUOTE) {
            out += text.slice(from, q + 1);
            j = from = q + 2;
            continue;
          }
          if (!out && from === i + 1) whole = q;
          else out += text.slice(from, q);
          j = q + 1;
          break;
        }
        const end = fieldEnd(text, j, sep);
        if (end >= n && !final) return undefined;
        const table = this.column(fields).table;
        if (whole >= 0 && end === j) {
          id = whole > i + 1 ? table.internRange(text, i + 1, whole) : 0;
        } else {
          if (whole >= 0) out = text.slice(i + 1, whole);
          // Anything between the closing quote and the separator is kept, as spreadsheets do.
          if (end > j) textAfterQuote = true;
          id = table.internText(end > j ? out + text.slice(j, end) : out);
        }
        const value = cellOf(table, id);
        if (typeof value === "string" && (value.includes("\n") || value.includes("\r"))) (breaks ??= []).push(fields);
        i = end;
      } else {
        // The field's end and its hashes in one pass (the loops of hashText and secondHash, fused with fieldEnd's).
        let end = i;
        let hash = FNV_OFFSET;
        let second = 0;
        for (; end < n; end++) {
          const c = text.charCodeAt(end);
          if (c === sep || c === LF || c === CR) break;
          hash = Math.imul(hash ^ c, FNV_PRIME);
          second = (Math.imul(second, SECOND_PRIME) + c) | 0;
        }
        if (end >= n && !final) return undefined;
        id = end === i ? 0 : this.column(fields).table.intern(text, i, end, hash, second);
        i = end;
      }
      this.field(fields++, id);
      const c = text.charCodeAt(i);
      if (c === sep) {
        i++;
        if (i >= n) {
          if (!final) return undefined;
          this.field(fields++, 0);
          break;
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return undefined;
        i++;
      }
      if (text.charCodeAt(i) === LF) i++;
      break;
    }
    // A quoted value spanning lines that does not end cleanly, or leaves the row with another
    // number of fields than the rows before it, is a quote left open: read its line alone.
    if (breaks && (textAfterQuote || (this.lastCount > 0 && fields !== this.lastCount))) return this.lineAsWritten(text, start, final);
    if (i - start > CSV_LIMITS.rowChars)
      throw this.rowPastLimit(`is longer than ${CSV_LIMITS.rowChars.toLocaleString("en-GB")} characters`);
    if (breaks) for (const col of breaks) note(this.facts.lineBreakCells, this.rowCount, col);
    else this.lastCount = fields;
    this.emit(fields);
    return i;
  }

  private column(c: number): ColumnBuilder {
    // In a semicolon file a value may be a decimal number (europeanValue), so every text is kept as a string.
    return (this.columns[c] ??= new ColumnBuilder(this.sep !== SEMICOLON));
  }

  /** Sets field c of the row being read. */
  private field(c: number, id: number): void {
    // The scratch row never outgrows the limit, so every field past it comes here.
    if (c >= this.rowIds.length) {
      if (c >= CSV_LIMITS.fieldsPerRow)
        throw this.rowPastLimit(`has more than ${CSV_LIMITS.fieldsPerRow.toLocaleString("en-GB")} fields (Excel's widest sheet)`);
      this.rowIds = grown(this.rowIds).subarray(0, CSV_LIMITS.fieldsPerRow);
    }
    this.rowIds[c] = id;
  }

  /** The row being read has crossed a stated limit. */
  private rowPastLimit(what: string): CsvLimitError {
    return new CsvLimitError(`row ${this.rowCount + 1} ${what}`, this.rowCount);
  }

  /** One physical line split at every separator, quotes kept as text: the row of a quote left open. */
  private lineAsWritten(text: string, start: number, final: boolean): number | undefined {
    let end = start;
    const n = text.length;
    while (end < n && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
    if (end >= n && !final) return undefined;
    const values = text.slice(start, end).split(String.fromCharCode(this.sep));
    values.forEach((v, c) => this.field(c, v === "" ? 0 : this.column(c).table.internText(v)));
    this.facts.unclosedQuoteRows.push(this.rowCount);
    this.emit(values.length);
    if (text.charCodeAt(end) === CR) end++;
    if (text.charCodeAt(end) === LF) end++;
    return end;
  }

  /** Adds the row just read, its fields set by `field`, to the columns. */
  private emit(fields: number): void {
    const r = this.rowCount;
    const ids = this.rowIds;
    // Cells are counted as the columns hold them: up to each column's last value, so a ragged file cannot outgrow the limit.
    for (let c = 0; c < fields; c++) if (ids[c] !== 0) this.cells += this.column(c).put(r, ids[c]);
    if (this.cells > CSV_LIMITS.cells)
      throw new CsvLimitError(`the file has more than ${CSV_LIMITS.cells.toLocaleString("en-GB")} cells`, r);
    this.facts.fieldCounts.push(fields);
    this.rowCount++;
  }
}

/** In a semicolon file, "12,5" is twelve and a half (see europeanNumber); other cells stay as written. */
function europeanValue(v: Cell): Cell {
  return typeof v === "string" && (v.includes(",") || v.includes(".")) ? (europeanNumber(v.trim()) ?? v) : v;
}

/** Where an unquoted field (or what follows a closing quote) ends: at the separator, a line break or the text's end. */
function fieldEnd(text: string, from: number, sep: number): number {
  let end = from;
  for (const n = text.length; end < n; end++) {
    const c = text.charCodeAt(end);
    if (c === sep || c === LF || c === CR) break;
  }
  return end;
}
