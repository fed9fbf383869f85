import { Cell } from "./cells";
import { FNV_OFFSET, FNV_PRIME, hashText } from "./hash";
import { inertText } from "./text";

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

export const SEPARATORS = [",", ";", "\t", "|"] as const;
export type Separator = (typeof SEPARATORS)[number];

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

export class CsvLimitError extends Error {
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

function positions(): CellPositions {
  return { count: 0, first: [] };
}

function note(p: CellPositions, row: number, col: number): void {
  p.count++;
  p.first.push([row, col]);
}

/** Enough of the file's start to choose its separator. */
const SNIFF_LINES = 30;
const SNIFF_CHARS = 65_536;

/** Separator counts per line, outside quotes, for the first lines of a text. */
function separatorCounts(text: string, sep: number): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let n = 0;
  let seen = false;
  for (let i = 0; i < text.length && counts.length < SNIFF_LINES; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && c === sep) n++;
    else if (!inQuotes && (c === LF || c === CR)) {
      if (seen || n) counts.push(n);
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      n = 0;
      seen = false;
      continue;
    }
    if (c !== 32) seen = true;
  }
  if (seen || n) counts.push(n);
  return counts;
}

/** The separator used most consistently across the first lines; comma when nothing separates anything. */
export function sniffSeparator(text: string): Separator {
  let best: { sep: Separator; share: number; fields: number } = { sep: ",", share: 0, fields: 0 };
  for (const sep of SEPARATORS) {
    const counts = separatorCounts(text, sep.charCodeAt(0));
    if (!counts.length) continue;
    const tally = new Map<number, number>();
    for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [n, k] of tally) if (n > 0 && (k > modeCount || (k === modeCount && n > mode))) [mode, modeCount] = [n, k];
    if (!mode) continue;
    // Title lines above the header have fewer separators; the body agrees with itself.
    const share = modeCount / counts.length;
    if (share > best.share + 0.1 || (Math.abs(share - best.share) <= 0.1 && mode > best.fields)) best = { sep, share, fields: mode };
  }
  return best.sep;
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
  rows: Cell[][];
  facts: CsvFacts;
}

/**
 * An incremental CSV reader: push decoded text as it arrives, then finish. Rows, their field
 * counts and every irregularity are kept; a stated limit crossed throws CsvLimitError.
 */
export class CsvReader {
  private readonly rows: Cell[][] = [];
  private readonly facts: CsvFacts;
  /** Returns repeat their values row after row: each distinct value is held once, column by column. */
  private readonly tables: StringTable[] = [];
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
    return { rows: this.rows.length, cells: this.cells };
  }

  push(text: string): void {
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

  finish(): CsvRead {
    if (this.sep < 0) {
      this.chooseSeparator();
      this.pending = this.head;
      this.head = "";
    }
    this.drain(this.pending, 0, true);
    return { rows: this.rows, facts: this.facts };
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
    const fields: Cell[] = [];
    let i = start;
    let breaks: number[] | undefined;
    let textAfterQuote = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let out = "";
        let from = i + 1;
        let j = from;
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
          out +=
            out || from !== i + 1 ? text.slice(from, q) : (this.tables[fields.length] ??= new StringTable()).internRange(text, from, q);
          j = q + 1;
          break;
        }
        const end = fieldEnd(text, j, sep);
        if (end >= n && !final) return undefined;
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        if (end > j) textAfterQuote = true;
        value = end > j ? out + text.slice(j, end) : out;
        if (out.includes("\n") || out.includes("\r")) (breaks ??= []).push(fields.length);
        i = end;
      } else {
        // The field's end and its hash in one pass (hashText's loop, fused with fieldEnd's).
        let end = i;
        let hash = FNV_OFFSET;
        for (; end < n; end++) {
          const c = text.charCodeAt(end);
          if (c === sep || c === LF || c === CR) break;
          hash = Math.imul(hash ^ c, FNV_PRIME);
        }
        if (end >= n && !final) return undefined;
        value = end === i ? "" : (this.tables[fields.length] ??= new StringTable()).intern(text, i, end, hash);
        i = end;
      }
      fields.push(value === "" ? null : value);
      if (fields.length > CSV_LIMITS.fieldsPerRow)
        throw this.rowPastLimit(`has more than ${CSV_LIMITS.fieldsPerRow.toLocaleString("en-GB")} fields (Excel's widest sheet)`);
      const c = text.charCodeAt(i);
      if (c === sep) {
        i++;
        if (i >= n) {
          if (!final) return undefined;
          fields.push(null);
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
    if (breaks && (textAfterQuote || (this.lastCount > 0 && fields.length !== this.lastCount)))
      return this.lineAsWritten(text, start, final);
    if (i - start > CSV_LIMITS.rowChars)
      throw this.rowPastLimit(`is longer than ${CSV_LIMITS.rowChars.toLocaleString("en-GB")} characters`);
    if (breaks) for (const col of breaks) note(this.facts.lineBreakCells, this.rows.length, col);
    else this.lastCount = fields.length;
    this.emit(fields);
    return i;
  }

  /** The row being read has crossed a stated limit. */
  private rowPastLimit(what: string): CsvLimitError {
    return new CsvLimitError(`row ${this.rows.length + 1} ${what}`, this.rows.length);
  }

  /** One physical line split at every separator, quotes kept as text: the row of a quote left open. */
  private lineAsWritten(text: string, start: number, final: boolean): number | undefined {
    let end = start;
    const n = text.length;
    while (end < n && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
    if (end >= n && !final) return undefined;
    const line = text.slice(start, end);
    const fields: Cell[] = line.split(String.fromCharCode(this.sep)).map((v) => (v === "" ? null : v));
    if (fields.length > CSV_LIMITS.fieldsPerRow)
      throw this.rowPastLimit(`has more than ${CSV_LIMITS.fieldsPerRow.toLocaleString("en-GB")} fields (Excel's widest sheet)`);
    this.facts.unclosedQuoteRows.push(this.rows.length);
    this.emit(fields);
    if (text.charCodeAt(end) === CR) end++;
    if (text.charCodeAt(end) === LF) end++;
    return end;
  }

  private emit(fields: Cell[]): void {
    const r = this.rows.length;
    this.cells += fields.length;
    if (this.cells > CSV_LIMITS.cells)
      throw new CsvLimitError(`the file has more than ${CSV_LIMITS.cells.toLocaleString("en-GB")} cells`, r);
    if (this.sep === 59 /* ; */)
      for (let c = 0; c < fields.length; c++) {
        const v = fields[c];
        if (typeof v === "string" && (v.includes(",") || v.includes("."))) fields[c] = europeanNumber(v.trim()) ?? v;
      }
    if (this.mayBeUndecodable)
      for (let c = 0; c < fields.length; c++) {
        const v = fields[c];
        if (typeof v === "string" && v.includes(REPLACEMENT)) note(this.facts.undecodableCells, r, c);
      }
    this.rows.push(fields);
    this.facts.fieldCounts.push(fields.length);
  }
}

/** A column is sampled this far before it is judged: past it, one with mostly new values is an identifier. */
const JUDGED_AFTER = 65_536;

/**
 * Distinct cell texts of one column, found by a hash computed while the field was scanned, so a
 * value seen before costs no new string: a million rows of a return hold a few thousand distinct
 * values. A column of identifiers (a new value each row) stops being kept, as it gains nothing.
 */
export class StringTable {
  private slots = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 9);
  private readonly strings: string[] = [];
  private looked = 0;
  private keeping = true;

  /** The text between start and end, whose FNV-1a hash over its UTF-16 code units is given. */
  intern(text: string, start: number, end: number, hash: number): string {
    if (!this.keeping) return text.slice(start, end);
    const mask = this.slots.length - 1;
    const length = end - start;
    this.looked++;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s];
      if (k === 0) return this.add(text.slice(start, end), hash, s);
      if (this.hashes[k - 1] === hash) {
        const known = this.strings[k - 1];
        if (known.length === length && text.startsWith(known, start)) return known;
      }
    }
  }

  internRange(text: string, start: number, end: number): string {
    return this.intern(text, start, end, hashText(text, start, end));
  }

  private add(value: string, hash: number, slot: number): string {
    const id = this.strings.length;
    if (this.looked >= JUDGED_AFTER && id * 2 > this.looked) {
      this.keeping = false;
      this.slots = new Int32Array(0);
      this.hashes = new Int32Array(0);
      this.strings.length = 0;
      return value;
    }
    this.strings.push(value);
    if (id >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if ((id + 1) * 2 > this.slots.length) this.rehash();
    return value;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let s = this.hashes[id] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
  }
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

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && n < SNIFF_LINES; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Reads a whole CSV text (a leading byte-order mark is dropped). */
export function readCsv(text: string, separator?: Separator): CsvRead {
  const reader = new CsvReader(separator);
  reader.push(text);
  return reader.finish();
}

/** The rows of a CSV text. */
export function parseCsv(text: string, separator?: Separator): Cell[][] {
  return readCsv(text, separator).rows;
}

/** Writes rows as CSV. Text a spreadsheet would run as a formula is prefixed with ' so it stays text. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return (
    rows
      .map((r) =>
        r
          .map((v) => {
            if (v === null || v === undefined) return "";
            const s = typeof v === "string" ? inertText(v) : String(v);
            return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
          })
          .join(","),
      )
      .join("\r\n") + "\r\n"
  );
}
