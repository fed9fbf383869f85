/*
 * Reads an .xlsx workbook's cells as returns need them, in one pass over each sheet's bytes as
 * they inflate: shared and inline strings, numbers, booleans, errors, dates by number format
 * (built-in and custom, 1900 and 1904 date systems), formulas' cached values, merged ranges and
 * hidden rows and sheets. The sheet's XML is never decoded to text or built into a tree; the
 * workbook's small parts (its sheet list, styles, shared strings) are.
 */
import { strFromU8 } from "fflate";
import { Cell, SheetData } from "./cells";
import { dateFromExcelSerial } from "./dates";
import { attempt, entryBytes, inflateEntry, ZipEntry, zipEntries, ZipProblem } from "./zip";
import type { Outcome } from "../findings/outcome";

export interface XlsxLimits {
  /** Everything read from the workbook, inflated. */
  xmlBytes: number;
  /** Its shared strings, inflated: they are held in memory while the sheets are read. */
  sharedStringsBytes: number;
}

/** The stated limits on a workbook, wherever it is read (the command line, the pane). */
export const XLSX_LIMITS: XlsxLimits = {
  xmlBytes: 2 * 1024 ** 3,
  sharedStringsBytes: 256 * 1024 ** 2,
};

export interface XlsxReadOptions {
  limits: XlsxLimits;
  /** Rows and cells as they are read, so a run's budget can stop a read before memory runs out. */
  onRows?: (rows: number, cells: number) => void;
  /** Bytes as they inflate, so a run's budget on inflated bytes can stop a read. */
  onInflated?: (bytes: number) => void;
  /** The share of the sheets' compressed bytes read so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/** Excel's longest sheet and widest row. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

const MiB = (n: number) => `${(n / 1024 ** 2).toLocaleString("en-GB")} MB`;
const GiB = (n: number) => `${(n / 1024 ** 3).toLocaleString("en-GB")} GB`;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Refuses what is not an .xlsx at all: an encrypted workbook, an old .xls, a CSV renamed. */
function checkKind(bytes: Uint8Array): void {
  if (startsWith(bytes, OLE_MAGIC))
    throw new ZipProblem(
      "is password-protected (encrypted), or an old .xls workbook with an .xlsx name",
      "Open it in Excel, remove the password (File > Info > Protect Workbook) or save it as .xlsx, and give that copy.",
    );
  if (!startsWith(bytes, ZIP_MAGIC))
    throw new ZipProblem(
      "is not an .xlsx workbook inside (it may be a CSV or another file renamed)",
      "Open it in Excel and save it as .xlsx, or give it with the extension it really has.",
    );
}

// ---------------------------------------------------------------------------------------------
// The workbook's small parts, read as text.

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, e: string) => {
    if (e[0] !== "#") return ENTITY[e] ?? all;
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** Excel writes characters XML cannot hold (a carriage return, a control character) as _xHHHH_. */
function decodeEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1]] = decodeEntities(m[2] ?? m[3]);
  }
  return out;
}

/** The attribute whatever its namespace prefix (r:id, or relationships written another way). */
function attribute(attrs: Record<string, string>, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const k of Object.keys(attrs)) if (k.endsWith(`:${local}`)) return attrs[k];
  return undefined;
}

/** Every start tag of the element (any namespace prefix), as its attributes. */
function tags(xml: string, local: string): Record<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}(?=[\\s/>])([^>]*)>`, "g");
  return Array.from(xml.matchAll(re), (m) => attributes(m[1]));
}

/**
 * The workbook's parts by name without case: part names in a package are compared without case
 * (a relationship may say "Sheet1.xml" of the part "sheet1.xml"), so two parts whose names differ
 * only in case are one name twice.
 */
function partsByName(entries: Map<string, ZipEntry>): Map<string, ZipEntry> {
  const out = new Map<string, ZipEntry>();
  for (const [name, entry] of entries) {
    const key = name.toLowerCase();
    const other = out.get(key);
    if (other)
      throw new ZipProblem(
        `is damaged: it holds the parts ${other.name} and ${name}, one name twice to Excel`,
        "Open it in Excel and save it again, or give the data as .csv.",
      );
    out.set(key, entry);
  }
  return out;
}

/** A part's path inside the zip from a relationship's target (a URI, so percent-encoded), relative to the part that points to it. */
function resolvePart(from: string, encoded: string): string {
  let target = encoded;
  try {
    target = decodeURIComponent(encoded);
  } catch {
    // Not percent-encoding after all: the name as written.
  }
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  type: string;
  target: string;
}

/** Number formats Excel builds in that show dates or times (14-22, 45-47, and the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73,
  74, 75, 76, 77, 78, 79, 80, 81,
]);

/**
 * Whether a number format shows a date or time: any of y, m, d, h, s (in either case, as Excel
 * reads them) outside quoted text, escaped characters, [colours and conditions] and padding.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  // "General" and the like contain letters but no date codes; "e" alone is a year in some locales, but also an exponent.
  return /[ymdhs]/i.test(bare.replace(/general/gi, ""));
}

/** Which of the workbook's cell styles (the s attribute) show dates. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const f of tags(xml, "numFmt")) custom.set(Number(f.numFmtId), f.formatCode ?? "");
  const cellXfs = /<(?:[\w.-]+:)?cellXfs[\s>][\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!cellXfs) return [];
  return tags(cellXfs[0], "xf").map((xf) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/** The shared strings in order: each item's text runs joined, its phonetic guides left out. */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<(\/?)(?:[\w.-]+:)?(si|t|rPh)(?=[\s/>])[^>]*?(\/?)>/g;
  let text = "";
  let textFrom = -1;
  let phonetic = false;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const closing = m[1] === "/";
    const selfClosing = m[3] === "/";
    switch (m[2]) {
      case "si":
        if (closing) out.push(text);
        else if (selfClosing) out.push("");
        else text = "";
        break;
      case "rPh":
        phonetic = !closing && !selfClosing;
        break;
      case "t":
        if (phonetic || selfClosing) break;
        if (!closing) textFrom = re.lastIndex;
        else if (textFrom >= 0) {
          text += decodeEscapes(decodeEntities(xml.slice(textFrom, m.index)));
          textFrom = -1;
        }
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A sheet, read as bytes.

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

class SheetReadError extends Error {}

/**
 * The longest single element (one cell with its value, one tag) kept across chunks. Excel's
 * longest cell text, written with its escapes and rich text runs, is well under it.
 */
const MAX_ELEMENT_BYTES = 16 * 1024 ** 2;

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/**
 * One sheet's XML as it inflates. A row is read cell by cell as its bytes arrive and only a cell
 * cut by a chunk waits for the next, so a long row is never read twice; rows with no cells are
 * never made, so a sheet reaching row 1,048,576 costs only the rows it has.
 */
class SheetScanner {
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
    this.blankMergedCells();
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
        throw new SheetReadError(`cell ${columnName(col)}${row.index + 1} is written ${col === row.col ? "twice" : "out of order"}`);
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

  /**
   * Excel keeps a merged range's value in its first cell only; any other cell of it reads as empty.
   * Rows are swept once in order with the ranges open at each, kept by first column, so the work
   * is the cells that exist, however many ranges and however tall. Ranges that overlap (which
   * Excel would repair) are refused.
   */
  private blankMergedCells(): void {
    const ranges = this.merges
      .map(mergeOf)
      .filter((m): m is Merge => !!m && (m.r2 > m.r1 || m.c2 > m.c1))
      .sort((a, b) => a.r1 - b.r1);
    if (!ranges.length) return;
    let next = 0;
    const open: Merge[] = [];
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (; next < ranges.length && ranges[next].r1 <= r; next++) if (ranges[next].r2 >= r) openRange(open, ranges[next], r);
      // Only ranges starting within the row touch its cells; ranges past its end wait, whatever their number.
      let kept = 0;
      let i = 0;
      for (; i < open.length && open[i].c1 < row.length; i++) {
        const m = open[i];
        if (m.r2 < r) continue;
        open[kept++] = m;
        for (let c = m.c1; c <= m.c2 && c < row.length; c++) if (r !== m.r1 || c !== m.c1) row[c] = null;
      }
      if (kept < i) open.splice(kept, i - kept);
    }
  }
}

function mergeOf(ref: string): Merge | undefined {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref);
  if (!m || !m[3]) return undefined;
  const [c1, c2] = [columnOfLetters(m[1]), columnOfLetters(m[3])];
  const [r1, r2] = [Number(m[2]) - 1, Number(m[4]) - 1];
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2) };
}

/** Adds a range to those open at row `r`, in order of first column, refusing one that overlaps an open range. */
function openRange(open: Merge[], m: Merge, r: number): void {
  let lo = 0;
  let hi = open.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (open[mid].c1 < m.c1) lo = mid + 1;
    else hi = mid;
  }
  const live = (i: number) => {
    while (i >= 0 && i < open.length && open[i].r2 < r) open.splice(i, 1);
    return open[i];
  };
  const after = live(lo);
  let before = lo > 0 ? open[lo - 1] : undefined;
  while (before && before.r2 < r) {
    open.splice(--lo, 1);
    before = lo > 0 ? open[lo - 1] : undefined;
  }
  const clash = (before && before.c2 >= m.c1 ? before : undefined) ?? (after && after.c1 <= m.c2 ? after : undefined);
  if (clash) throw new SheetReadError(`its merged ranges ${rangeName(clash)} and ${rangeName(m)} overlap, which Excel would repair`);
  open.splice(lo, 0, m);
}

function rangeName(m: Merge): string {
  return `${columnName(m.c1)}${m.r1 + 1}:${columnName(m.c2)}${m.r2 + 1}`;
}

/** A column's letters from its 0-based index. */
function columnName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnOfLetters(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

// ---------------------------------------------------------------------------------------------

interface SheetEntry {
  name: string;
  part: string;
  hidden: boolean;
}

/** A workbook read from its bytes: the names and parts of its sheets, in tab order, and what reading their cells needs. */
class Workbook {
  private readonly entries: Map<string, ZipEntry>;
  private inflated = 0;
  readonly sheets: SheetEntry[] = [];
  private date1904 = false;
  private strings: string[] = [];
  private dates: boolean[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: XlsxLimits,
    private readonly onInflated: (bytes: number) => void = () => undefined,
  ) {
    checkKind(bytes);
    this.entries = partsByName(zipEntries(bytes));
    const workbookPart = this.officeDocument();
    const xml = this.text(workbookPart);
    if (xml === undefined)
      throw new ZipProblem(
        "is a zip archive but not an Excel workbook (it has no xl/workbook.xml)",
        "Give the workbook itself, saved from Excel as .xlsx.",
      );
    const pr = tags(xml, "workbookPr")[0];
    this.date1904 = pr?.date1904 === "1" || pr?.date1904 === "true";
    const rels = this.relationships(workbookPart);
    for (const s of tags(xml, "sheet")) {
      const rel = rels.get(attribute(s, "id") ?? "");
      // Chart sheets and dialog sheets hold no cells.
      if (!rel || !/\/worksheet$/.test(rel.type)) continue;
      this.sheets.push({
        name: s.name ?? `Sheet${this.sheets.length + 1}`,
        part: rel.target,
        hidden: s.state === "hidden" || s.state === "veryHidden",
      });
    }
    const styles = [...rels.values()].find((r) => /\/styles$/.test(r.type))?.target ?? "xl/styles.xml";
    this.dates = dateStyles(this.text(styles));
    const strings = [...rels.values()].find((r) => /\/sharedStrings$/.test(r.type))?.target ?? "xl/sharedStrings.xml";
    const stringsXml = this.text(
      strings,
      limits.sharedStringsBytes,
      () =>
        new ZipProblem(
          `has too much text: its shared strings inflate to more than ${MiB(limits.sharedStringsBytes)}, past the stated limit`,
          "Save the sheet as .csv and give that, or split the workbook.",
        ),
    );
    this.strings = stringsXml ? sharedStrings(stringsXml) : [];
  }

  private overLimit = () =>
    new ZipProblem(
      `inflates to more than ${GiB(this.limits.xmlBytes)}, past the stated limit`,
      "Save the sheet as .csv (or .csv.gz) and give that, or split the workbook.",
    );

  private officeDocument(): string {
    const root = this.text("_rels/.rels");
    const rel = root ? tags(root, "Relationship").find((r) => /\/officeDocument$/.test(r.Type ?? "")) : undefined;
    return rel?.Target ? resolvePart("", rel.Target) : "xl/workbook.xml";
  }

  private relationships(part: string): Map<string, Relationship> {
    const out = new Map<string, Relationship>();
    const xml = this.text(relsPath(part));
    if (xml)
      for (const r of tags(xml, "Relationship"))
        if (r.Id && r.Target && r.TargetMode !== "External") out.set(r.Id, { type: r.Type ?? "", target: resolvePart(part, r.Target) });
    return out;
  }

  /** A small part as text, within the workbook's limit and the part's own when it has one. */
  private text(part: string, partLimit = Infinity, overPartLimit = this.overLimit): string | undefined {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) return undefined;
    const left = this.limits.xmlBytes - this.inflated;
    const bytes = entryBytes(this.bytes, entry, Math.min(partLimit, left), partLimit < left ? overPartLimit : this.overLimit);
    this.inflated += bytes.length;
    this.onInflated(bytes.length);
    return strFromU8(bytes);
  }

  /** A sheet's compressed size: progress is counted in these bytes. */
  compressedSize(sheet: SheetEntry): number {
    return this.entries.get(sheet.part.toLowerCase())?.compressedSize ?? 0;
  }

  sheetBytes(): number {
    return this.sheets.reduce((n, s) => n + this.compressedSize(s), 0);
  }

  readSheet(sheet: SheetEntry, file: string, options: XlsxReadOptions, done: number, total: number): SheetData {
    const entry = this.entries.get(sheet.part.toLowerCase());
    if (!entry) throw new ZipProblem(`is damaged: its sheet ${sheet.name} is missing`, "Open it in Excel and save it again.");
    const scanner = new SheetScanner(this.strings, this.dates, this.date1904);
    let rows = 0;
    let cells = 0;
    try {
      inflateEntry(
        this.bytes,
        entry,
        this.limits.xmlBytes - this.inflated,
        this.overLimit,
        (chunk) => {
          this.inflated += chunk.length;
          this.onInflated(chunk.length);
          scanner.push(chunk);
          if (options.onRows && scanner.rowsRead > rows) {
            options.onRows(scanner.rowsRead - rows, scanner.cellsRead - cells);
            rows = scanner.rowsRead;
            cells = scanner.cellsRead;
          }
        },
        (slice) => options.onProgress?.(total ? (done + slice) / total : 1),
      );
      scanner.finish();
    } catch (e) {
      if (e instanceof SheetReadError)
        throw new ZipProblem(
          `[${sheet.name}] is not a sheet Excel wrote: ${e.message}`,
          "Open it in Excel and save it again, or give the data as .csv.",
        );
      throw e;
    }
    const data: SheetData = { file, sheet: sheet.name, rows: scanner.rows, merges: scanner.merges };
    if (sheet.hidden) data.hidden = true;
    if (scanner.hiddenRows.length) data.hiddenRows = scanner.hiddenRows;
    return data;
  }
}

/**
 * Every worksheet of an .xlsx, in tab order, read from its bytes; or, for anything that is not a
 * workbook Excel could have written or that would inflate past the limits, what is wrong with the
 * file (its name first) and what to do. Only a caller's own callbacks (a run's budget) may throw.
 */
export function readXlsxBytes(bytes: Uint8Array, file: string, options: XlsxReadOptions): Outcome<{ sheets: SheetData[] }> {
  const read = attempt(() => ({ sheets: readSheets(bytes, file, options) }));
  return read.ok ? read : { ok: false, message: `${file} ${read.problem}.`, fix: read.fix };
}

function readSheets(bytes: Uint8Array, file: string, options: XlsxReadOptions): SheetData[] {
  const book = new Workbook(bytes, options.limits, options.onInflated);
  const total = book.sheetBytes();
  const out: SheetData[] = [];
  let done = 0;
  for (const sheet of book.sheets) {
    out.push(book.readSheet(sheet, file, options, done, total));
    done += book.compressedSize(sheet);
  }
  options.onProgress?.(1);
  return out;
}
