/*
 * The .xlsx reader, a sheet read as bytes: tags and attributes scanned in place, cell values by
 * type and style, rows in order as they inflate, merged ranges applied to the cells that exist.
 */
import { strFromU8 } from "fflate";
import { Cell, columnLetter } from "./cells";
import { dateFromExcelSerial } from "./dates";
import { decodeEntities, decodeEscapes } from "./xlsxParts";
import { blankMergedCells } from "./xlsxMerges";

/** Excel's longest sheet and widest row. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const QUOTE = 0x22;
const APOS = 0x27;

function isNameByte(b: number): boolean {
  return b > 0x20 && b !== GT && b !== SLASH && b !== 0x3d;
}

/** What the scanner learns of the tag at a '<': set by `readTag`, read by its caller, to spare an object per tag. */
const tag = { end: 0, local: 0, localEnd: 0, closing: false, selfClosing: false, attrsFrom: 0, attrsTo: 0 };

/** Reads the tag starting at `lt`; false when the buffer ends inside it. */
function readTag(buf: Uint8Array, lt: number): boolean {
  let i = lt + 1;
  tag.closing = buf[i] === SLASH;
  if (tag.closing) i++;
  let local = i;
  while (i < buf.length && isNameByte(buf[i])) {
    if (buf[i] === COLON) local = i + 1;
    i++;
  }
  if (i >= buf.length) return false;
  tag.local = local;
  tag.localEnd = i;
  tag.attrsFrom = i;
  return tagEnd(buf, i);
}

/** readTag for a tag known to start "<c ": only its end is looked for. */
function readUnprefixedCellTag(buf: Uint8Array, lt: number): boolean {
  tag.closing = false;
  tag.local = lt + 1;
  tag.localEnd = lt + 2;
  tag.attrsFrom = lt + 2;
  return tagEnd(buf, lt + 3);
}

/** Finds the current tag's '>' from `i`, following quotes (attribute values may hold '>'); false when the buffer ends first. */
function tagEnd(buf: Uint8Array, i: number): boolean {
  let quote = 0;
  for (; i < buf.length; i++) {
    const b = buf[i];
    if (quote) {
      if (b === quote) quote = 0;
    } else if (b === QUOTE || b === APOS) quote = b;
    else if (b === GT) break;
  }
  if (i >= buf.length) return false;
  tag.selfClosing = buf[i - 1] === SLASH;
  tag.attrsTo = tag.selfClosing ? i - 1 : i;
  tag.end = i + 1;
  return true;
}

function localIs(buf: Uint8Array, name: string): boolean {
  if (tag.localEnd - tag.local !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (buf[tag.local + k] !== name.charCodeAt(k)) return false;
  return true;
}

/** Where the value of attribute `name` (no prefix) lies in the current tag: [from, to), or from = -1. */
const attr = { from: -1, to: -1 };

function findAttr(buf: Uint8Array, name: string): boolean {
  attr.from = -1;
  let i = tag.attrsFrom;
  const end = tag.attrsTo;
  while (i < end) {
    while (i < end && buf[i] <= 0x20) i++;
    const nameFrom = i;
    while (i < end && buf[i] !== 0x3d && buf[i] > 0x20) i++;
    const nameTo = i;
    while (i < end && buf[i] !== QUOTE && buf[i] !== APOS) i++;
    const quote = buf[i];
    const valueFrom = ++i;
    while (i < end && buf[i] !== quote) i++;
    if (nameTo - nameFrom === name.length) {
      let same = true;
      for (let k = 0; k < name.length && same; k++) same = buf[nameFrom + k] === name.charCodeAt(k);
      if (same) {
        attr.from = valueFrom;
        attr.to = i;
        return true;
      }
    }
    i++;
  }
  return false;
}

/** A cell's type attribute, as a number to spare a string per cell. */
const enum CellType {
  Number,
  Shared,
  Text,
  Inline,
  Boolean,
  Error,
  Date,
}

/** The r, t and s attributes of the current <c> tag, read in one pass: set by `readCellAttributes`. */
const cellAttrs = { col: -2, type: CellType.Number, style: 0 };

function typeOf(buf: Uint8Array, from: number, to: number): CellType {
  const first = buf[from];
  if (to - from === 1)
    return first === 0x73
      ? CellType.Shared
      : first === 0x62
        ? CellType.Boolean
        : first === 0x65
          ? CellType.Error
          : first === 0x64
            ? CellType.Date
            : CellType.Number;
  if (to - from === 3 && first === 0x73) return CellType.Text;
  if (to - from === 9 && first === 0x69) return CellType.Inline;
  return CellType.Number;
}

function readCellAttributes(buf: Uint8Array): void {
  cellAttrs.col = -2;
  cellAttrs.type = CellType.Number;
  cellAttrs.style = 0;
  let i = tag.attrsFrom;
  const end = tag.attrsTo;
  while (i < end) {
    while (i < end && buf[i] <= 0x20) i++;
    const name = buf[i];
    const nameFrom = i;
    while (i < end && buf[i] !== 0x3d && buf[i] > 0x20) i++;
    const single = i - nameFrom === 1;
    while (i < end && buf[i] !== QUOTE && buf[i] !== APOS) i++;
    const quote = buf[i];
    const from = ++i;
    while (i < end && buf[i] !== quote) i++;
    if (single) {
      if (name === 0x72) cellAttrs.col = columnOf(buf, from, i);
      else if (name === 0x74) cellAttrs.type = typeOf(buf, from, i);
      else if (name === 0x73) cellAttrs.style = wholeNumber(buf, from, i);
    }
    i++;
  }
}

function asciiOf(buf: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(buf[i]);
  return s;
}

/** A whole number written in the bytes, or -1. */
function wholeNumber(buf: Uint8Array, from: number, to: number): number {
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A number as Excel writes it; parseFloat rounds correctly where hand arithmetic would not. */
function numberOf(buf: Uint8Array, from: number, to: number): number {
  const negative = buf[from] === 0x2d;
  const whole = wholeNumber(buf, negative ? from + 1 : from, to);
  if (whole >= 0) return negative ? -whole : whole;
  return parseFloat(asciiOf(buf, from, to));
}

/** Text from the bytes: ASCII built directly, anything else through fflate's UTF-8 decoder; entities and escapes decoded. */
function textOf(buf: Uint8Array, from: number, to: number): string {
  let ascii = true;
  let amp = false;
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b > 0x7f) ascii = false;
    else if (b === 0x26) amp = true;
  }
  const raw = ascii
    ? to - from < 64
      ? asciiOf(buf, from, to)
      : strFromU8(buf.subarray(from, to), true)
    : strFromU8(buf.subarray(from, to));
  return decodeEscapes(amp ? decodeEntities(raw) : raw);
}

/** Column index (0-based) from a cell reference's letters such as "AB12"; -1 when it has none. */
function columnOf(buf: Uint8Array, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const b = buf[i] | 0x20;
    if (b < 0x61 || b > 0x7a) break;
    col = col * 26 + (b - 0x60);
  }
  return i === from ? -1 : col - 1;
}

/** A number as Excel writes it in <v>: digits, one point, an exponent; nothing before or after. */
const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The cell's number, or undefined when its text is not wholly a finite number ("2 fires", "2019-05-04", "1e999"). */
function strictNumberOf(buf: Uint8Array, from: number, to: number): number | undefined {
  const whole = wholeNumber(buf, buf[from] === 0x2d ? from + 1 : from, to);
  if (whole >= 0) return buf[from] === 0x2d ? -whole : whole;
  if (to - from > 400) return undefined;
  const text = asciiOf(buf, from, to);
  if (!NUMBER_TEXT.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d\d:?\d\d)?$/i;

/**
 * An ISO date written in a cell of type "d" (strict Open XML). A date that is not on the calendar
 * ("2019-02-30") stays text, so the return's reader reports it as not a real date rather than
 * rolling it into March.
 */
function isoDateOf(text: string): Cell {
  const m = ISO_DATE.exec(text);
  if (!m) return text;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (h > 23 || mi > 59 || sec > 59) return text;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return text;
  const t = Date.parse(m[7] || text.length <= 10 ? text : `${text}Z`);
  return Number.isNaN(t) ? text : new Date(t);
}

export class SheetReadError extends Error {}

/**
 * The longest single element (one cell with its value, one tag) kept across chunks. Excel's
 * longest cell text, written with its escapes and rich text runs, is well under it.
 */
const MAX_ELEMENT_BYTES = 16 * 1024 ** 2;

/**
 * One sheet's XML as it inflates. A row is read cell by cell as its bytes arrive and only a cell
 * cut by a chunk waits for the next, so a long row is never read twice; rows with no cells are
 * never made, so a sheet reaching row 1,048,576 costs only the rows it has.
 */
export class SheetScanner {
  readonly rows: (Cell[] | undefined)[] = [];
  readonly merges: string[] = [];
  readonly hiddenRows: number[] = [];
  private carry: Uint8Array | undefined;
  private lastRow = -1;
  /** The row being read (kept when a chunk ends inside it): one object for the sheet, to spare one per row. */
  private readonly row = { open: false, index: -1, hidden: false, col: -1 };
  private readonly cells: Cell[] = [];
  /** One Date per day and time read: a return's million rows fall on a few thousand days. */
  private readonly dateCache = new Map<number, Date>();
  rowsRead = 0;
  cellsRead = 0;

  constructor(
    private readonly strings: readonly string[],
    private readonly dates: readonly boolean[],
    private readonly date1904: boolean,
  ) {}

  /** Chunks held back while a long element is cut: it is tried again once they match its length, so its bytes are scanned a bounded number of times. */
  private waiting: Uint8Array[] = [];
  private waitingBytes = 0;

  push(chunk: Uint8Array, last = false): void {
    if (!last && this.carry && this.carry.length > 1 << 20 && this.waitingBytes + chunk.length < this.carry.length) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      return;
    }
    let buf = chunk;
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + this.waitingBytes + chunk.length);
      buf.set(this.carry);
      let at = this.carry.length;
      for (const w of this.waiting) {
        buf.set(w, at);
        at += w.length;
      }
      buf.set(chunk, at);
      this.carry = undefined;
      this.waiting = [];
      this.waitingBytes = 0;
    }
    let pos = 0;
    if (this.row.open) {
      pos = this.rowBody(buf, 0);
      if (pos < 0) return;
    }
    for (;;) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) return;
      if (!readTag(buf, lt)) return this.keep(buf, lt);
      if (!tag.closing && localIs(buf, "row")) {
        this.startRow(buf);
        pos = tag.selfClosing ? this.endRow() : this.rowBody(buf, tag.end);
        if (pos < 0) return;
      } else {
        if (!tag.closing && localIs(buf, "mergeCell") && findAttr(buf, "ref")) this.merges.push(asciiOf(buf, attr.from, attr.to));
        pos = tag.end;
      }
    }
  }

  finish(): void {
    if (this.waiting.length) this.push(new Uint8Array(0), true);
    if (this.row.open || (this.carry && this.carry.indexOf(LT) >= 0)) throw new SheetReadError("the sheet's XML ends inside an element");
    const overlap = blankMergedCells(this.rows, this.merges);
    if (overlap) throw new SheetReadError(overlap);
  }

  /** Keeps the bytes from an element cut by the chunk's end, which no sheet Excel wrote makes long. */
  private keep(buf: Uint8Array, from: number): void {
    if (buf.length - from > MAX_ELEMENT_BYTES)
      throw new SheetReadError(
        `it holds a single cell or tag longer than ${MAX_ELEMENT_BYTES / 1024 ** 2} MB${this.row.open ? ` in row ${this.row.index + 1}` : ""}, which Excel never writes`,
      );
    this.carry = buf.slice(from);
  }

  /** Opens the row whose start tag was just read. */
  private startRow(buf: Uint8Array): void {
    let index = findAttr(buf, "r") ? wholeNumber(buf, attr.from, attr.to) - 1 : this.lastRow + 1;
    if (index < 0) index = this.lastRow + 1;
    if (index >= MAX_ROWS) throw new SheetReadError(`it has rows past row ${MAX_ROWS.toLocaleString("en-GB")}, which Excel cannot hold`);
    // Excel writes each row once, in order; a repeated row would silently replace the first.
    if (index <= this.lastRow)
      throw new SheetReadError(
        index === this.lastRow
          ? `row ${index + 1} is written twice`
          : `row ${index + 1} is written after row ${this.lastRow + 1}, out of order`,
      );
    const hidden = findAttr(buf, "hidden") && (buf[attr.from] === 0x31 || buf[attr.from] === 0x74);
    this.row.open = true;
    this.row.index = index;
    this.row.hidden = hidden;
    this.row.col = -1;
    this.cells.length = 0;
  }

  /** Reads the open row's cells from `pos` to its end tag; the position after it, or -1 when the chunk ends first (the row stays open). */
  private rowBody(buf: Uint8Array, pos: number): number {
    const row = this.row;
    const cells = this.cells;
    for (;;) {
      const at = buf.indexOf(LT, pos);
      if (at < 0) {
        this.carry = undefined;
        return -1;
      }
      if (buf[at + 1] === 0x63 && buf[at + 2] === 0x20) {
        // "<c ": the common case, read without looking for a namespace prefix.
        if (!readUnprefixedCellTag(buf, at)) return this.cut(buf, at);
      } else {
        if (!readTag(buf, at)) return this.cut(buf, at);
        if (tag.closing) {
          pos = tag.end;
          if (localIs(buf, "row")) return this.endRow(pos);
          continue;
        }
        if (!localIs(buf, "c")) {
          pos = tag.end;
          continue;
        }
      }
      readCellAttributes(buf);
      const col = cellAttrs.col === -2 ? row.col + 1 : cellAttrs.col;
      if (col < 0) throw new SheetReadError(`a cell's reference in row ${row.index + 1} is not a cell reference`);
      if (col >= MAX_COLUMNS) throw new SheetReadError(`row ${row.index + 1} has cells past column XFD, which Excel cannot hold`);
      if (col <= row.col)
        throw new SheetReadError(`cell ${columnLetter(col)}${row.index + 1} is written ${col === row.col ? "twice" : "out of order"}`);
      const end = this.cell(buf, col, cells);
      if (end < 0) return this.cut(buf, at);
      row.col = col;
      pos = end;
    }
  }

  private cut(buf: Uint8Array, at: number): number {
    this.keep(buf, at);
    return -1;
  }

  /** Closes the open row, keeping it only when it has cells; gives `pos` on. */
  private endRow(pos = tag.end): number {
    const { index, hidden } = this.row;
    this.row.open = false;
    this.lastRow = index;
    if (hidden) this.hiddenRows.push(index);
    const cells = this.cells;
    if (cells.length) {
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      // A copy is exactly as long as the row; the scratch array grows in steps and would waste the rest.
      this.rows[index] = cells.slice();
      this.rowsRead++;
      this.cellsRead += cells.length;
    }
    return pos;
  }

  /** Reads the cell whose start tag was just read into `cells[col]`; gives the position after it, or -1 if cut. */
  private cell(buf: Uint8Array, col: number, cells: Cell[]): number {
    const type = cellAttrs.type;
    const style = cellAttrs.style;
    if (tag.selfClosing) return tag.end;
    let pos = tag.end;
    // Most cells are <c ...><v>value</v></c>: read that shape directly, anything else tag by tag.
    if (buf[pos] === LT && buf[pos + 1] === 0x76 && buf[pos + 2] === GT) {
      const close = buf.indexOf(LT, pos + 3);
      if (close < 0 || close + 8 > buf.length) return -1;
      if (
        buf[close + 1] === SLASH &&
        buf[close + 2] === 0x76 &&
        buf[close + 3] === GT &&
        buf[close + 4] === LT &&
        buf[close + 5] === SLASH &&
        buf[close + 6] === 0x63 &&
        buf[close + 7] === GT
      ) {
        const value = this.value(type, style, buf, pos + 3, close, undefined);
        if (value !== null) cells[col] = value;
        else if (col < cells.length) cells[col] = null;
        return close + 8;
      }
    }
    let vFrom = -1;
    let vTo = -1;
    let inline: string | undefined;
    for (;;) {
      const at = buf.indexOf(LT, pos);
      if (at < 0 || !readTag(buf, at)) return -1;
      pos = tag.end;
      if (tag.closing) {
        if (localIs(buf, "c")) break;
        continue;
      }
      if (tag.selfClosing) continue;
      if (localIs(buf, "v")) {
        const close = buf.indexOf(LT, pos);
        if (close < 0) return -1;
        vFrom = pos;
        vTo = close;
        pos = close;
      } else if (localIs(buf, "f")) {
        // The formula's text; its cached result is in <v>.
        const close = buf.indexOf(LT, pos);
        if (close < 0) return -1;
        pos = close;
      } else if (localIs(buf, "is")) {
        const end = this.inlineString(buf, pos);
        if (end < 0) return -1;
        inline = this.inlineText;
        pos = end;
      }
    }
    const value = this.value(type, style, buf, vFrom, vTo, inline);
    if (value !== null) cells[col] = value;
    else if (col < cells.length) cells[col] = null;
    return pos;
  }

  private inlineText = "";

  /** The text runs of an inline string up to its </is>, phonetic guides left out. */
  private inlineString(buf: Uint8Array, pos: number): number {
    let text = "";
    let phonetic = false;
    for (;;) {
      const at = buf.indexOf(LT, pos);
      if (at < 0 || !readTag(buf, at)) return -1;
      pos = tag.end;
      if (localIs(buf, "is") && tag.closing) break;
      if (localIs(buf, "rPh")) phonetic = !tag.closing && !tag.selfClosing;
      else if (localIs(buf, "t") && !tag.closing && !tag.selfClosing) {
        const close = buf.indexOf(LT, pos);
        if (close < 0) return -1;
        if (!phonetic) text += textOf(buf, pos, close);
        pos = close;
      }
    }
    this.inlineText = text;
    return pos;
  }

  private value(type: CellType, style: number, buf: Uint8Array, from: number, to: number, inline: string | undefined): Cell {
    if (inline !== undefined) return inline === "" ? null : inline;
    if (from < 0) return null;
    switch (type) {
      case CellType.Shared: {
        const i = wholeNumber(buf, from, to);
        const s = this.strings[i];
        if (s === undefined)
          throw new SheetReadError(`a cell refers to text number ${i} of its shared strings, which the workbook does not hold`);
        return s === "" ? null : s;
      }
      case CellType.Text:
      case CellType.Inline: {
        const s = textOf(buf, from, to);
        return s === "" ? null : s;
      }
      case CellType.Boolean:
        return numberOf(buf, from, to) !== 0;
      case CellType.Error:
        return { error: textOf(buf, from, to) };
      case CellType.Date:
        return isoDateOf(textOf(buf, from, to));
      default: {
        if (from === to) return null;
        // Text that is not wholly a number stays text, so "2 fires" is never read as 2, nor "2019-05-04" as the year 2019.
        const n = strictNumberOf(buf, from, to);
        if (n === undefined) return textOf(buf, from, to);
        return this.dates[style] ? this.dateOf(n) : n;
      }
    }
  }

  private dateOf(serial: number): Date {
    let d = this.dateCache.get(serial);
    if (!d) {
      if (this.dateCache.size > 100_000) this.dateCache.clear();
      this.dateCache.set(serial, (d = dateFromExcelSerial(serial, this.date1904)));
    }
    return d;
  }
}
