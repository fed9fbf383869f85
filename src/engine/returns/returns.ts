import type { CsvFacts } from "../read/csv";
import {
  Cell,
  cellText,
  columnLetter,
  isBlank,
  isBlankRow,
  errorTextLength,
  parseRange,
  SheetData,
  spreadsheetErrorOf,
} from "../read/cells";
import {
  DateOrder,
  dayFromExcelSerial,
  DayNumber,
  firstDayOfMonth,
  formatDay,
  formatDayLong,
  formatMonth,
  isPlausibleMonth,
  lastDayOfMonth,
  monthOfDay,
  parseDate,
  parseMonth,
  plausibleYears,
} from "../read/dates";
import { addressOf, cellAt, Finding, FindingCode, finding, Location, referenceOf, Remedy, rowsAt, Severity } from "../findings/findings";
import { Geography, isLsoaCode } from "../geography/geography";
import { findHeaderRow, HEADER_SEARCH_ROWS, headerScore, HeaderMatch, matchHeaders, missingRequired } from "./headers";
import { FieldDef, FieldRoles, fieldRoles, numericFields, ReturnKind } from "./returnKinds";
import { listNames, looksLikeFormula, normaliseName, plural } from "../read/text";
import { canonicalValue, MAX_COUNT, parseCount, parseDecile, parseNumber } from "./values";
import { findRepeats, findRepeatsBy } from "./repeats";
import { hashText } from "../read/hash";
import { FieldValueOf, Records, RecordsBuilder, RowTexts } from "./records";
import { cellOf, ColumnCells, Grid, gridOf, headRows, idAt, idCounts, PackedTexts, SheetColumns, valueCount } from "../read/grid";

export type { FieldValueOf } from "./records";

export interface Period {
  from: DayNumber;
  to: DayNumber;
}

export interface ReadOptions {
  /** Field id -> header text, from the user (--map), when recognition fails. */
  map?: Record<string, string>;
  /** Rows outside every one of these periods are excluded (and counted). */
  periods?: readonly Period[];
}

/** A return read from one sheet: its records and every problem found, with rows accounted for. */
export interface ParsedReturn {
  file: string;
  sheet: string;
  kind: ReturnKind;
  headerRow: number;
  columns: Map<string, number>;
  /** Accepted records, with their values aligned with the kind's fields; placed, each has its ward. */
  records: Records;
  /** Non-blank rows below the header. Always equals accepted + excluded + rejected. */
  rowsRead: number;
  accepted: number;
  excluded: number;
  rejected: number;
  /**
   * Rejected rows that may be records (a value that could not be read, a place that could not be
   * found), as against headings and repeats: with them left out, a count may be too low.
   */
  leftOut: number;
  findings: Finding[];
  /** Ward names as written in the return (for districts whose ward list comes from the returns). */
  wardNames: Set<string>;
  /** Whether the time field holds days or months (month numbers): periods of a monthly return apply by whole months. */
  granularity: "day" | "month";
  /** The first and last day or month of every row read with a valid time, inside the periods or not. */
  span?: { first: number; last: number };
  /** What said the sheet is this kind: its identifying column, its name, or the user (naming the kind, or mapping a column). */
  recognisedBy?: string;
  /** For a return read as part of another (police ASB out of a data.police.uk file): that file's return. */
  derivedFrom?: ParsedReturn;
}

const PLAIN_NUMBER_TEXT = /^[+-]?\d[\d,]*(\.\d+)?$/;

/** First characters of text a spreadsheet may run as a formula (= + - @, or blanks before one): a cheap test before the rule. */
const FORMULA_START = new Set([61, 43, 45, 64]);
const mayBeFormula = (text: string) => {
  const c = text.charCodeAt(0);
  return FORMULA_START.has(c) || c <= 32;
};

const TOTALS = /^(grand\s+)?(sub\s*-?\s*)?totals?\b|^sum$|^all\s+(wards|areas)$/i;
/** The first two letters of every text TOTALS matches once trimmed, in lower case, as pairOf gives them. */
const TOTALS_START: ReadonlySet<number> = new Set(["gr", "su", "to", "al"].map((t) => pairOf(t.charCodeAt(0), t.charCodeAt(1))));

/** Two characters in lower case (for ASCII letters), as one number. */
function pairOf(first: number, second: number): number {
  return ((first | 0x20) << 16) | ((second | 0x20) & 0xffff);
}

/** Repeats of one problem are summarised past this many in one finding's message. */
const CELLS_LISTED = 10;

interface FindingExtras {
  params?: Finding["params"];
  remedies?: Remedy[];
  severity?: Severity;
}

/** Collects one sheet's findings; repeats of a harmless problem are grouped into one. */
class FindingSink {
  readonly findings: Finding[] = [];
  /** Findings added or grouped so far: a parse that added none is clean and may be reused. */
  added = 0;
  private readonly grouped = new Map<
    string,
    { code: FindingCode; cells: string[]; first: Location; count: number; message: (n: number, cells: string) => string; fix: string }
  >();
  constructor(
    private readonly file: string,
    private readonly sheet: string,
  ) {}

  add(code: FindingCode, at: Location | undefined, message: string, fix: string, extras: FindingExtras = {}): void {
    this.added++;
    this.findings.push(finding(code, { file: this.file, sheet: this.sheet, at, message, fix, ...extras }));
  }

  /** Many cells with one problem become one finding that counts them all; `key` separates groups of one code. */
  group(code: FindingCode, key: string, at: Location, message: (n: number, cells: string) => string, fix: string): void {
    this.added++;
    const id = `${code}|${key}`;
    let g = this.grouped.get(id);
    if (!g) this.grouped.set(id, (g = { code, cells: [], first: at, count: 0, message, fix }));
    g.count++;
    if (g.cells.length < CELLS_LISTED) g.cells.push(referenceOf(this.sheet, at));
  }

  flush(): void {
    for (const g of this.grouped.values()) {
      const listed = g.cells.join(", ") + (g.count > g.cells.length ? ` and ${g.count - g.cells.length} more` : "");
      this.add(g.code, g.first, g.message(g.count, listed), g.fix);
    }
    this.grouped.clear();
  }
}

/** Where a return's header and fields are in its sheet. */
interface Layout {
  sheet: SheetData;
  grid: Grid;
  kind: ReturnKind;
  headerRow: number;
  match: HeaderMatch;
  /** Column of each of the kind's fields, -1 when absent. */
  cols: number[];
}

function layoutOf(sheet: SheetData, grid: Grid, kind: ReturnKind, headerRow: number, map: ReadOptions["map"]): Layout {
  let width = 0;
  for (let r = headerRow; r < Math.min(grid.length, headerRow + 200); r++) width = Math.max(width, grid.width(r));
  const match = matchHeaders(kind, grid.row(headerRow), map, width);
  return { sheet, grid, kind, headerRow, match, cols: kind.fields.map((f) => match.columns.get(f.id) ?? -1) };
}

function describeSynonyms(f: FieldDef): string {
  return listNames(
    [f.header, ...f.synonyms.filter((s) => normaliseName(s) !== normaliseName(f.header)).slice(0, 5)].map((s) => `"${s}"`),
    6,
  );
}

// ---- structure ----

function mapFindings(sink: FindingSink, { grid, kind, headerRow, match }: Layout, map: ReadOptions["map"]): void {
  const headers = grid.row(headerRow);
  for (const [fieldId, header] of Object.entries(map ?? {})) {
    const col = match.columns.get(fieldId);
    if (!kind.fields.some((f) => f.id === fieldId)) {
      sink.add(
        "bad-map",
        undefined,
        `The header mapping ${kind.id}.${fieldId} names the field "${fieldId}", which a ${kind.label} return does not have.`,
        `Use one of: ${kind.fields.map((f) => f.id).join(", ")}.`,
      );
    } else if (col === undefined || normaliseName(cellText(headers[col])) !== normaliseName(header)) {
      sink.add(
        "bad-map",
        cellAt(headerRow, 0),
        `The header mapping ${kind.id}.${fieldId}="${header}" names no column of row ${headerRow + 1}.`,
        `Check the header's spelling; the headers are: ${headers
          .map(cellText)
          .filter((h) => h)
          .join(", ")}.`,
      );
    }
  }
}

/** Findings about the header row and the columns; false when a column the return needs is missing. */
function structureFindings(sink: FindingSink, { sheet, grid, kind, headerRow, match }: Layout): boolean {
  const headers = grid.row(headerRow).map(cellText);
  const missing = missingRequired(kind, match);
  for (const f of missing.required) {
    sink.add(
      "missing-column",
      rowsAt(headerRow),
      `The ${kind.label} return has no ${f.header} column (${f.description}) in its header row (row ${headerRow + 1}).`,
      `Add a column headed "${f.header}". Headers accepted for it: ${describeSynonyms(f)}.`,
      { remedies: [{ action: "map-field", kind: kind.id, field: f.id }] },
    );
  }
  for (const group of missing.oneOf) {
    sink.add(
      "missing-column",
      rowsAt(headerRow),
      `The ${kind.label} return needs one of ${listNames(group.map((f) => `"${f.header}"`))} to place each row in a ward; row ${headerRow + 1} has none.`,
      `Add a ${group.map((f) => f.header).join(" or ")} column (accepted headers: ${group.map(describeSynonyms).join("; ")}).`,
    );
  }
  if (headerRow > 0) {
    let above = 0;
    for (let r = 0; r < headerRow; r++) if (!isBlankRow(grid.row(r))) above++;
    if (above > 0) {
      sink.add(
        "header-not-first-row",
        cellAt(headerRow, 0),
        `The headers are in row ${headerRow + 1}; ${plural(above, "title row")} above them ${above === 1 ? "was" : "were"} skipped.`,
        "Nothing to do. For the cleanest return, put the headers in row 1 and titles on a notes sheet.",
      );
    }
  }
  for (const d of match.duplicates) {
    sink.add(
      "duplicate-column",
      cellAt(headerRow, d.col),
      `The header "${headers[d.col]}" appears twice (columns ${addressOf(cellAt(headerRow, d.first))} and ${addressOf(cellAt(headerRow, d.col))}); only the first is read.`,
      "Delete or rename the second column so each field appears once.",
    );
  }
  for (const col of match.blank) {
    let hasData = false;
    for (let r = headerRow + 1; r < Math.min(grid.length, headerRow + 200) && !hasData; r++) hasData = !isBlank(grid.cell(r, col));
    if (hasData) {
      sink.add(
        "blank-header",
        cellAt(headerRow, col),
        `Column ${columnLetter(col)} has data but no header, so it is not read.`,
        "Give the column a header, or delete it if it is not needed.",
      );
    }
  }
  for (const col of match.unknown) {
    sink.add(
      "unknown-column",
      cellAt(headerRow, col),
      `The column "${headers[col]}" is not part of a ${kind.label} return and is ignored.`,
      `Remove it before sending if it is not needed; the fields of a ${kind.label} return are: ${kind.fields.map((f) => f.header).join(", ")}.`,
      { remedies: [{ action: "map-field", kind: kind.id, header: headers[col] }] },
    );
  }
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    if (r && r.r1 <= headerRow && r.r2 >= headerRow && r.c2 > r.c1) {
      sink.add(
        "merged-header",
        { kind: "range", ...r },
        `Header cells ${m} are merged, so the columns under them have no header of their own.`,
        "Unmerge the cells and give each column its own header.",
      );
    }
  }
  return missing.required.length === 0 && missing.oneOf.length === 0;
}

/**
 * A sheet or rows hidden in the workbook: hiding a row does not take it out of a return, so an
 * analyst who filtered rows away must hear that they still count.
 */
function hiddenFindings(sink: FindingSink, { sheet, grid, kind, headerRow }: Layout): void {
  if (sheet.hidden)
    sink.add(
      "hidden-sheet",
      undefined,
      `The sheet "${sheet.sheet}" is hidden in its workbook; it was read as the ${kind.label} return.`,
      "Check that it is the sheet meant to be sent: a hidden sheet is easily overlooked or out of date.",
    );
  for (const r of sheet.hiddenRows ?? []) {
    if (r <= headerRow || isBlankRow(grid.row(r))) continue;
    sink.group(
      "hidden-rows",
      "",
      rowsAt(r),
      (n, rows) =>
        `${plural(n, "row")} ${n === 1 ? "is" : "are"} hidden in the workbook (filtered out or hidden by hand) and ${n === 1 ? "is" : "are"} read and counted like every other row: ${rows}.`,
      "If they were hidden to leave them out, delete them from the return; otherwise nothing to do.",
    );
  }
}

// ---- how a CSV was written ----

const SEPARATOR_NAMES: Record<string, string> = {
  ";": "semicolons (Excel in a European locale); decimal commas are read as decimal points",
  "\t": "tabs (Excel's Unicode Text)",
  "|": "pipes",
};

/**
 * A CSV row whose fields cannot be trusted to sit under their headers: a quote left open, or
 * more or fewer fields than the header (a separator inside an unquoted value shifts the rest).
 */
class CsvRowCheck {
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
function csvFindings(sink: FindingSink, { sheet, grid, headerRow }: Layout): CsvRowCheck | undefined {
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

// ---- dates ----

/** Reads a date column once to learn whether it is written day-first (UK) or month-first (US). */
function sniffDateOrder(grid: Grid, start: number, col: number): { order: DateOrder; us: number; uk: number } {
  let us = 0;
  let uk = 0;
  const tally = (order: DateOrder | "either", rows: number) => {
    if (order === "mdy") us += rows;
    else if (order === "dmy") uk += rows;
  };
  const column = grid.columns?.columns[col];
  if (column) {
    // Each distinct text is read once, with the number of rows holding it.
    const counts = idCounts(column, start);
    counts.forEach((rows, id) => {
      const v = rows ? cellOf(column, id) : undefined;
      if (typeof v === "string") tally(orderOfDateText(v), rows);
    });
  } else if (!grid.columns) {
    const seen = new Map<string, unknown>();
    for (let r = start; r < grid.length; r++) {
      const c = grid.cell(r, col);
      if (typeof c === "string") tally(cached(seen, c, orderOfDateText), 1);
    }
  }
  return { order: us > 0 && uk === 0 ? "mdy" : "dmy", us, uk };
}

/** Which order a date written with numbers only can be read in: "either" when both fields could be the month. */
function orderOfDateText(text: string): DateOrder | "either" {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(text);
  if (!m) return "either";
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a <= 12 && b > 12 ? "mdy" : a > 12 && b <= 12 ? "dmy" : "either";
}

/** The order each date field is read in, with a finding when a column is month-first or mixed. */
function dateOrders(sink: FindingSink, { grid, kind, headerRow, cols }: Layout): DateOrder[] {
  return kind.fields.map((f, i) => {
    if (f.type !== "date" || cols[i] < 0) return "dmy";
    const o = sniffDateOrder(grid, headerRow + 1, cols[i]);
    if (o.us > 0 && o.uk > 0) {
      sink.add(
        "mixed-date-format",
        cellAt(headerRow, cols[i]),
        `The ${f.header} column mixes day-first dates (${o.uk}) with month-first dates (${o.us}), so dates such as 03/04/2019 cannot be read safely.`,
        "Write every date the same way, preferably dd/mm/yyyy or as real Excel dates.",
      );
    } else if (o.order === "mdy") {
      sink.add(
        "us-date-format",
        cellAt(headerRow, cols[i]),
        `The ${f.header} column is written month-first (American, e.g. 11/25/2018): ${plural(o.us, "date")} can only be read that way, so every date in it is read as mm/dd/yyyy.`,
        "Check a few dates; UK returns should use dd/mm/yyyy or real Excel dates.",
      );
    }
    return o.order;
  });
}

// ---- rows ----

type RowClass = "blank" | "totals" | "notes" | "second-header" | "data";

/** What the rows below the header are, before any field is read. */
class RowClassifier {
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

  classify(row: readonly Cell[], r: number): RowClass {
    let nonBlank = 0;
    let firstNonBlank: Cell = null;
    let firstText: string | undefined;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (isBlank(cell)) continue;
      if (nonBlank++ === 0) firstNonBlank = cell;
      if (firstText === undefined && typeof cell === "string") firstText = cell;
    }
    const early = this.blankOrTotals(r, nonBlank, firstText !== undefined && looksLikeTotals(firstText));
    if (early) return early;
    const notesLike =
      this.notesPossible(r) &&
      ((nonBlank === 1 && typeof firstNonBlank === "string") || this.layout.cols.every((c) => c < 0 || isBlank(row[c])));
    return this.notesOrData(r, notesLike, row);
  }

  /** The same, for a sheet held in columns: from the flags of each cell's value. */
  classifyIds(values: ValueFlags, r: number): RowClass {
    const row = values.summarise(r);
    const early = this.blankOrTotals(r, row.nonBlank, row.firstTextTotals);
    if (early) return early;
    const notesLike =
      this.notesPossible(r) && ((row.nonBlank === 1 && row.firstIsText) || this.layout.cols.every((c) => c < 0 || values.blank(r, c)));
    return this.notesOrData(r, notesLike, undefined);
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

  private notesOrData(r: number, notesLike: boolean, row: readonly Cell[] | undefined): RowClass {
    if (notesLike) return "notes";
    const { headerRow, kind, cols, grid } = this.layout;
    if (r === headerRow + 1 && looksLikeSecondHeader(row ?? grid.row(r), kind.fields, cols)) return "second-header";
    return "data";
  }
}

/** Totals rows start with "Total", "Grand total", "Sub-total", "Sum" or "All wards": the rule runs only on text that may start so. */
function looksLikeTotals(text: string): boolean {
  return mayStartTotals(text.charCodeAt(0), text.charCodeAt(1)) && TOTALS.test(text.trim());
}

/** Whether a text starting with these two characters may be a totals label: any text starting with a blank or a character past ASCII may. */
function mayStartTotals(first: number, second: number): boolean {
  return !(first > 32 && first < 127) || TOTALS_START.has(pairOf(first, second));
}

function lastNonBlankRow(grid: Grid, headerRow: number): number {
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

function rowClassFindings(sink: FindingSink, kind: RowClass, row: readonly Cell[], r: number, headerRow: number): void {
  if (kind === "totals") {
    const text = cellText(row.find((c) => typeof c === "string" && !isBlank(c)) ?? "");
    sink.add(
      "totals-row",
      rowsAt(r),
      `Row ${r + 1} ("${text}") looks like a totals row; counting it would double-count, so it is excluded.`,
      "Delete totals rows from returns: the matrix adds the rows up itself.",
    );
  } else if (kind === "notes") {
    sink.add(
      "notes-row",
      rowsAt(r),
      `Row ${r + 1} ("${cellText(row.find((c) => !isBlank(c)) ?? "").slice(0, 60)}") is a note below the data, not a record; it is excluded.`,
      "Move notes to a separate sheet so the data ends at its last record.",
    );
  } else if (kind === "second-header") {
    sink.add(
      "two-header-rows",
      rowsAt(r),
      `Row ${r + 1} repeats or continues the header row ${headerRow + 1} (${row
        .filter((c) => !isBlank(c))
        .map(cellText)
        .slice(0, 4)
        .join(", ")}), so it is not data.`,
      "Combine the two header rows into one row with one header per column.",
    );
  }
}

// ---- fields ----

/** A text parsed cleanly to no value (a blank optional field), as the clean-parse memo holds it. */
const NO_VALUE = Symbol("no value");

/** Field types whose reading of a text is worth remembering: each costs a parse or a lookup. */
const PARSED_TYPES: ReadonlySet<string> = new Set(["date", "month", "count", "decile", "lsoa", "ward", "village"]);

/**
 * Reads the fields of data rows. A text read once without any finding reads the same again, so
 * each field remembers those clean readings: a million rows repeat a few thousand texts.
 */
class FieldParser {
  private readonly caches: Map<string, unknown>[];
  private readonly clean: (Map<string, FieldValueOf | typeof NO_VALUE> | undefined)[];
  /** For a sheet held in columns: each field's clean readings by value id (none for a column of identifiers). */
  private readonly byId: (ReadingsById | undefined)[];
  private readonly oneOfGroups: number[][];
  /** Whether the last reading added no finding, so that it may be reused. */
  private cleanly = false;
  /** Ward names as the return writes them. */
  readonly wardNames = new Set<string>();

  constructor(
    private readonly sink: FindingSink,
    private readonly layout: Layout,
    private readonly orders: readonly DateOrder[],
    /** Fields whose records read them from the sheet by row: only their findings are looked for here. */
    private readonly fromRows: readonly (RowTexts | undefined)[] = [],
  ) {
    const { kind, cols } = layout;
    this.caches = kind.fields.map(() => new Map<string, unknown>());
    this.clean = kind.fields.map((f) => (PARSED_TYPES.has(f.type) || f.values ? new Map() : undefined));
    this.byId = cols.map((c) => {
      const column = layout.grid.columns?.columns[c];
      const ids = column ? valueCount(column) : 0;
      // Identifiers rarely repeat: remembering each would cost more than reading it.
      return column && ids * 2 <= column.length ? new ReadingsById(ids) : undefined;
    });
    this.oneOfGroups = (kind.oneOf ?? []).map((g) => g.map((id) => kind.fields.findIndex((f) => f.id === id)).filter((i) => cols[i] >= 0));
  }

  /** Sets the row's values in the record being built; false when a finding rejects the row. */
  parse(row: readonly Cell[], r: number, into: RecordsBuilder): boolean {
    const { kind, cols } = this.layout;
    let ok = true;
    into.begin();
    for (let i = 0; i < kind.fields.length; i++) {
      if (cols[i] < 0) continue;
      const v = this.remembered(kind.fields[i], i, row[cols[i]], r, cols[i]);
      if (v === REJECTED) ok = false;
      else setValue(into, i, v);
    }
    for (const group of this.oneOfGroups) if (group.length && group.every((i) => isBlank(row[cols[i]]))) ok = this.noArea(group, r);
    return ok;
  }

  /** The same, for a sheet held in columns: a value read once without a finding is not read again. */
  parseIds(values: ValueFlags, r: number, into: RecordsBuilder): boolean {
    const { kind, cols } = this.layout;
    let ok = true;
    into.begin();
    for (let i = 0; i < kind.fields.length; i++) {
      const c = cols[i];
      if (c < 0) continue;
      const column = values.columns[c];
      const id = r < column.length ? column.ids[r] : 0;
      if (this.fromRows[i]) {
        // Its reading is the cell's text; only a blank or an error written as text can add a finding.
        if (values.flags[c][id] & (BLANK | MAYBE_ERROR) && this.read(kind.fields[i], i, cellOf(column, id), r, c) === REJECTED) ok = false;
        continue;
      }
      const memo = this.byId[i];
      if (memo?.kept[id]) {
        into.set(i, memo.values[id]);
        continue;
      }
      const v = this.read(kind.fields[i], i, cellOf(column, id), r, c);
      if (v === REJECTED) ok = false;
      else {
        setValue(into, i, v);
        if (memo && this.cleanly) memo.keep(id, v as FieldValueOf);
      }
    }
    for (const group of this.oneOfGroups) if (group.length && group.every((i) => values.blank(r, cols[i]))) ok = this.noArea(group, r);
    return ok;
  }

  private readonly years = plausibleYears();

  /** A date years away from any return's (1905, 2030) is a typo: an error, not a row "outside the period". */
  private implausible(text: string, f: FieldDef, r: number, c: number): typeof REJECTED {
    this.sink.add(
      f.type === "month" ? "bad-month" : "bad-date",
      cellAt(r, c),
      `${f.header} in row ${r + 1} is ${text}, outside any plausible date of a return (${this.years.from} to ${this.years.to}).`,
      "Correct the date: it is probably a typo in the year, or a number that is not a date.",
    );
    return REJECTED;
  }

  private noArea(group: readonly number[], r: number): false {
    const names = group.map((i) => this.layout.kind.fields[i].header).join(" or ");
    this.sink.add("missing-area", rowsAt(r), `Row ${r + 1} has no ${names}, so it cannot be placed in a ward.`, `Fill in the ${names}.`);
    return false;
  }

  private remembered(f: FieldDef, i: number, cell: Cell, r: number, c: number): Reading {
    const clean = this.clean[i];
    if (!clean || typeof cell !== "string") return this.field(f, i, cell, r, c);
    const known = clean.get(cell);
    if (known !== undefined) return known === NO_VALUE ? undefined : known;
    const v = this.read(f, i, cell, r, c);
    if (this.cleanly && clean.size < CACHE_LIMIT) clean.set(cell, v === undefined ? NO_VALUE : (v as FieldValueOf));
    return v;
  }

  /** Reads a cell, noting in `cleanly` whether the reading added no finding. */
  private read(f: FieldDef, i: number, cell: Cell, r: number, c: number): Reading {
    const before = this.sink.added;
    const v = this.field(f, i, cell, r, c);
    this.cleanly = v !== REJECTED && this.sink.added === before;
    return v;
  }

  private field(f: FieldDef, i: number, cell: Cell, r: number, c: number): Reading {
    const sink = this.sink;
    if (isBlank(cell)) {
      if (f.required) {
        sink.add(
          "missing-value",
          cellAt(r, c),
          `${f.header} is blank in row ${r + 1}.`,
          `Fill in the ${f.header} (${f.description.toLowerCase()}) or delete the row.`,
        );
        return REJECTED;
      }
      if (f.type === "count") {
        sink.add(
          "missing-value",
          cellAt(r, c),
          `${f.header} is blank in row ${r + 1}, so the row's number of incidents is unknown.`,
          "Enter the count (0 if there were none) or delete the row.",
        );
        return REJECTED;
      }
      return undefined;
    }
    const errorValue = spreadsheetErrorOf(cell);
    if (errorValue) {
      sink.add(
        "spreadsheet-error",
        cellAt(r, c),
        `${f.header} holds the spreadsheet error ${errorValue} in row ${r + 1}.`,
        "Fix the formula that produced it, or paste the sheet as values and correct the cell.",
      );
      return REJECTED;
    }
    const cache = this.caches[i];
    switch (f.type) {
      case "date": {
        // The common case of an Excel date, read without building a result object.
        const serial = typeof cell === "number" ? dayFromExcelSerial(cell) : undefined;
        const order = this.orders[i];
        const d =
          serial !== undefined
            ? { ok: true as const, day: serial }
            : typeof cell === "string"
              ? cached(cache, cell, (k) => parseDate(k, order))
              : parseDate(cell, order);
        if (d.ok) return isPlausibleMonth(monthOfDay(d.day), this.years) ? d.day : this.implausible(formatDayLong(d.day), f, r, c);
        sink.add("bad-date", cellAt(r, c), `${f.header} in row ${r + 1} ${d.reason}.`, "Enter a date as dd/mm/yyyy or as an Excel date.");
        return REJECTED;
      }
      case "month": {
        const m = typeof cell === "string" ? cached(cache, cell, parseMonth) : parseMonth(cell);
        if (m.ok) return isPlausibleMonth(m.month, this.years) ? m.month : this.implausible(formatMonth(m.month), f, r, c);
        sink.add(
          "bad-month",
          cellAt(r, c),
          `${f.header} in row ${r + 1} ${m.reason}.`,
          'Enter the month as "Apr 2019", "2019-04" or a date in that month.',
        );
        return REJECTED;
      }
      case "count": {
        if (typeof cell === "number" && cell >= 0 && Number.isInteger(cell) && cell <= MAX_COUNT) return cell;
        const n = parseCount(cell);
        if (n.ok) return n.value;
        if (n.suppressed) {
          sink.group(
            "suppressed-value",
            String(c),
            cellAt(r, c),
            (count, cells) =>
              `${plural(count, "suppressed value")} in ${f.header} (such as "<5" or "*"): ${cells}. Their rows are kept but their counts are not known: a total that includes one is a range, an average leaves its month out, and a flag that depends on one reads "not known".`,
            "Ask the partner for the unsuppressed figures: returns for this work are shared under the information sharing agreement and are not published as they are.",
          );
          return new Suppressed(n.suppressed.upTo);
        } else {
          sink.add(
            "bad-count",
            cellAt(r, c),
            `${f.header} in row ${r + 1}: ${n.reason}; a count must be a whole number of 0 or more.`,
            "Correct the count, or delete the row if it is not a record.",
          );
        }
        return REJECTED;
      }
      case "decile": {
        const d = parseDecile(cell);
        if (d !== undefined) return d;
        sink.add(
          "bad-decile",
          cellAt(r, c),
          `${f.header} in row ${r + 1} is "${cellText(cell)}"; a decile is a whole number from 1 to 10.`,
          "Copy the decile from the published Indices of Deprivation file.",
        );
        return REJECTED;
      }
      case "lsoa": {
        const code = typeof cell === "string" ? cached(cache, cell, normaliseCode) : cellText(cell);
        if (code) return code;
        sink.add(
          "bad-lsoa",
          cellAt(r, c),
          `${f.header} in row ${r + 1} is "${cellText(cell)}", which is not an LSOA code (E01 followed by 6 digits).`,
          "Use the 2011 LSOA code, e.g. E01018226, not the LSOA name.",
        );
        return REJECTED;
      }
      default:
        return this.name(f, cell, cache, r, c);
    }
  }

  /** Text fields: names (wards, villages, listed values) are never numbers, so a number there is a column mix-up. */
  private name(f: FieldDef, cell: Cell, cache: Map<string, unknown>, r: number, c: number): string {
    const text = cellText(cell);
    const nameField = f.type === "ward" || f.type === "village" || !!f.values;
    if (nameField && (typeof cell === "number" || cell instanceof Date || PLAIN_NUMBER_TEXT.test(text))) {
      this.sink.group(
        "number-in-text",
        String(c),
        cellAt(r, c),
        (count, cells) =>
          `${f.header} should be text but holds ${count === 1 ? "a number or date" : `${plural(count, "number or date", "numbers or dates")}`}: ${cells}.`,
        `Check the column is really ${f.header}; enter ${f.description.toLowerCase()}`,
      );
    }
    let value = text;
    if (f.values) {
      const canonical = cached(cache, text, (t) => canonicalValue(f.values!, t));
      if (canonical === undefined) {
        const allowed = listNames(f.values.map((v) => v.value));
        this.sink.group(
          "unknown-value",
          `${c}|${normaliseName(text)}`,
          cellAt(r, c),
          (count, cells) =>
            `${f.header} "${text}" is not one of ${allowed} (${plural(count, "row")}: ${cells}); those rows match no filter on ${f.header}.`,
          `Use ${allowed}.`,
        );
      } else value = canonical;
    }
    if (f.type === "ward") this.wardNames.add(text);
    return value;
  }
}

const REJECTED = Symbol("rejected");

/** A count the return suppressed: the row stands, its value is not known beyond `upTo`. */
class Suppressed {
  constructor(readonly upTo: number) {}
}

/** What reading a cell gives: a value, a suppressed count, or the row's rejection. */
type Reading = FieldValueOf | Suppressed | typeof REJECTED;

function setValue(into: RecordsBuilder, field: number, v: FieldValueOf | Suppressed): void {
  if (v instanceof Suppressed) {
    into.set(field, undefined);
    into.suppress(v.upTo);
  } else into.set(field, v);
}

/** A field's clean readings of one column's values, by value id. */
class ReadingsById {
  readonly kept: Uint8Array;
  readonly values: FieldValueOf[];

  constructor(size: number) {
    this.kept = new Uint8Array(size);
    // Filled up front so that ids first met out of order do not turn the array into a dictionary.
    this.values = new Array<FieldValueOf>(size).fill(undefined);
  }

  keep(id: number, value: FieldValueOf): void {
    this.kept[id] = 1;
    this.values[id] = value;
  }
}

/** Text a spreadsheet would run as a formula, outside count columns (where "-1" is a number). */
function formulaFindings(sink: FindingSink, row: readonly Cell[], r: number, countCols: ReadonlySet<number>): void {
  for (let c = 0; c < row.length; c++) if (isFormulaText(row[c], c, countCols)) formulaFinding(sink, r, c);
}

function isFormulaText(cell: Cell, c: number, countCols: ReadonlySet<number>): boolean {
  return typeof cell === "string" && mayBeFormula(cell) && !countCols.has(c) && looksLikeFormula(cell);
}

function formulaFinding(sink: FindingSink, r: number, c: number): void {
  sink.group(
    "formula-text",
    "",
    cellAt(r, c),
    (count, cells) =>
      `${plural(count, "cell")} hold${count === 1 ? "s" : ""} text that a spreadsheet would run as a formula (starting =, +, -, @): ${cells}. It is read and written only as text.`,
    "Check where the text came from; remove the leading character if it is not meant to be there.",
  );
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

/** What the row classifier asks of a row of a sheet held in columns. */
interface RowSummary {
  row: number;
  nonBlank: number;
  firstIsText: boolean;
  /** The row's first text (its first non-blank text cell) reads like a totals row's. */
  firstTextTotals: boolean;
  /** The flags of its cells, together. */
  any: number;
}

/**
 * What the row checks ask of a cell, worked out once for each distinct value of a sheet held in
 * columns: whether it is blank, text, text a spreadsheet would run as a formula, or a totals label.
 */
class ValueFlags {
  readonly columns: readonly ColumnCells[];
  readonly flags: Uint8Array[];
  private readonly summary: RowSummary = { row: -1, nonBlank: 0, firstIsText: false, firstTextTotals: false, any: 0 };

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

  /** Row r's summary, valid until the next call. */
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
    const summary = this.summary;
    summary.row = r;
    summary.nonBlank = nonBlank;
    summary.firstIsText = (first & TEXT) !== 0;
    summary.firstTextTotals = (firstText & TOTALS_LABEL) !== 0;
    summary.any = any;
    return summary;
  }

  blank(r: number, c: number): boolean {
    const column = this.columns[c];
    return !column || (this.flags[c][idAt(column, r)] & BLANK) !== 0;
  }

  formulaFindings(sink: FindingSink, r: number): void {
    if (this.summary.row === r && !(this.summary.any & FORMULA)) return;
    for (let c = 0; c < this.columns.length; c++) if (this.flags[c][idAt(this.columns[c], r)] & FORMULA) formulaFinding(sink, r, c);
  }
}

// ---- time and exclusions ----

/** Which accepted rows count: those with the fields that place them, inside one of the criteria's periods. */
class RowScope {
  private readonly bounds: readonly Period[];
  private readonly without: { index: number; reason: string; count: number; firstRow: number }[];
  private readonly time: number;
  outsidePeriod = 0;
  private outsideFirst = -1;
  span: { first: number; last: number } | undefined;

  constructor(
    private readonly kind: ReturnKind,
    private readonly periods: readonly Period[],
    granularity: "day" | "month",
  ) {
    // A month is inside a period when any of its days is: compare month numbers, computed once.
    this.bounds = granularity === "month" ? periods.map((p) => ({ from: monthOfDay(p.from), to: monthOfDay(p.to) })) : periods;
    this.time = fieldRoles(kind).time;
    this.without = (kind.excludeRowsWithout ?? [])
      .map((x) => ({ index: kind.fields.findIndex((f) => f.id === x.field), reason: x.reason, count: 0, firstRow: -1 }))
      .filter((x) => x.index >= 0);
  }

  /** Whether a row whose fields were read counts; rows left out are counted for the summary. */
  admits(values: RecordsBuilder, r: number): boolean {
    for (const without of this.without) {
      if (values.get(without.index) !== undefined) continue;
      without.count++;
      if (without.firstRow < 0) without.firstRow = r;
      return false;
    }
    const t = this.time >= 0 ? (values.get(this.time) as number | undefined) : undefined;
    if (t === undefined) return true;
    if (!this.span) this.span = { first: t, last: t };
    else if (t < this.span.first) this.span.first = t;
    else if (t > this.span.last) this.span.last = t;
    if (!this.bounds.length || this.inSomePeriod(t)) return true;
    this.outsidePeriod++;
    if (this.outsideFirst < 0) this.outsideFirst = r;
    return false;
  }

  private inSomePeriod(t: number): boolean {
    for (const b of this.bounds) if (t >= b.from && t <= b.to) return true;
    return false;
  }

  findings(sink: FindingSink): void {
    const n = this.outsidePeriod;
    if (n > 0) {
      const periods = this.periods;
      sink.add(
        "outside-period",
        rowsAt(this.outsideFirst),
        `${plural(n, "row")} fall${n === 1 ? "s" : ""} outside the period${periods.length > 1 ? "s" : ""} of the criteria (${periods.map((p) => `${formatDay(p.from)} to ${formatDay(p.to)}`).join("; ")}) and ${n === 1 ? "is" : "are"} excluded (first: row ${this.outsideFirst + 1}).`,
        "Nothing to do if the return covers a longer span; otherwise check the dates.",
        { params: { count: n } },
      );
    }
    for (const x of this.without) {
      if (!x.count) continue;
      const field = this.kind.fields[x.index].header;
      sink.add(
        "excluded-rows",
        rowsAt(x.firstRow),
        `${plural(x.count, "row")} ${x.reason} and ${x.count === 1 ? "is" : "are"} excluded: without ${field} a row cannot be placed in a ward (first: row ${x.firstRow + 1}).`,
        "Nothing to do: they are counted here so no row goes unaccounted for.",
        { params: { count: x.count, reason: x.reason, field } },
      );
    }
  }

  get excluded(): number {
    return this.outsidePeriod + this.without.reduce((n, x) => n + x.count, 0);
  }
}

// ---- the return ----

function emptyReturn(sheet: SheetData, kind: ReturnKind, headerRow: number, findings: Finding[]): ParsedReturn {
  return {
    file: sheet.file,
    sheet: sheet.sheet,
    kind,
    headerRow,
    columns: new Map(),
    records: Records.empty(numericFields(kind)),
    rowsRead: 0,
    accepted: 0,
    excluded: 0,
    rejected: 0,
    leftOut: 0,
    findings,
    wardNames: new Set(),
    granularity: kind.fields.some((f) => f.type === "month") ? "month" : "day",
  };
}

function noHeaderFinding(sink: FindingSink, rowCount: number, kind: ReturnKind): void {
  sink.add(
    "no-header-row",
    rowsAt(0, Math.max(Math.min(rowCount, HEADER_SEARCH_ROWS), 1) - 1),
    `No header row naming the columns of a ${kind.label} return was found in the first ${HEADER_SEARCH_ROWS} rows.`,
    `Put one header row above the data, with columns such as ${kind.fields
      .filter((f) => f.required)
      .map((f) => `"${f.header}"`)
      .join(", ")}.`,
  );
}

/**
 * Reads one sheet as a return of the given kind. Every row below the header is accounted for
 * (accepted, excluded with a reason, or rejected with a finding); nothing is dropped silently.
 */
export function readReturn(sheet: SheetData, kind: ReturnKind, options: ReadOptions = {}): ParsedReturn {
  const sink = new FindingSink(sheet.file, sheet.sheet);
  const grid = gridOf(sheet);
  const headerRow = findHeaderRow(kind, headRows(sheet, HEADER_SEARCH_ROWS), options.map);
  const result = emptyReturn(sheet, kind, headerRow, sink.findings);
  if (headerRow < 0) {
    noHeaderFinding(sink, grid.length, kind);
    return result;
  }
  const layout = layoutOf(sheet, grid, kind, headerRow, options.map);
  result.columns = layout.match.columns;
  mapFindings(sink, layout, options.map);
  const structurallyOk = structureFindings(sink, layout);
  privacyFindings(sink, layout);
  hiddenFindings(sink, layout);
  const csvRows = csvFindings(sink, layout);
  if (!structurallyOk) {
    for (let r = headerRow + 1; r < grid.length; r++) if (!isBlankRow(grid.row(r))) result.rowsRead++;
    result.rejected = result.leftOut = result.rowsRead;
    sink.flush();
    return result;
  }
  const read = readRows(sink, layout, dateOrders(sink, layout), new RowScope(kind, options.periods ?? [], result.granularity), csvRows);
  const unique = dropRepeats(sink, { ...result, records: read.records });
  if (read.rowsRead === 0) {
    sink.add(
      "no-rows",
      rowsAt(headerRow),
      `${sheet.sheet} has the header row of a ${kind.label} return (row ${headerRow + 1}) but no rows below it.`,
      "Check that the data was pasted or exported with the headers; a return with nothing to count says nothing of any ward.",
    );
  }
  sink.flush();
  return {
    ...result,
    ...read,
    records: unique.records,
    rejected: read.rejected + unique.rejected,
    accepted: unique.records.length,
  };
}

/** Classifies, parses and scopes every row below the header. */
function readRows(sink: FindingSink, layout: Layout, orders: readonly DateOrder[], scope: RowScope, csvRows: CsvRowCheck | undefined) {
  const { grid, kind, headerRow, cols } = layout;
  const classifier = new RowClassifier(layout, lastNonBlankRow(grid, headerRow));
  const countCols = new Set(kind.fields.flatMap((f, i) => (f.type === "count" && cols[i] >= 0 ? [cols[i]] : [])));
  // A sheet held in columns is read by value ids, without making its rows.
  const values = grid.columns && new ValueFlags(grid.columns, countCols);
  const fromRows = values ? textsFromRows(layout) : [];
  const parser = new FieldParser(sink, layout, orders, fromRows);
  const { count } = fieldRoles(kind);
  const records = new RecordsBuilder(
    numericFields(kind),
    fromRows,
    classifier.lastRow - headerRow,
    cols.map((c) => c >= 0),
  );
  let rowsRead = 0;
  let excluded = 0;
  let rejected = 0;
  let leftOut = 0;
  for (let r = headerRow + 1; r <= classifier.lastRow; r++) {
    const row = values ? undefined : grid.row(r);
    const kindOfRow = row ? classifier.classify(row, r) : classifier.classifyIds(values!, r);
    if (kindOfRow === "blank") continue;
    rowsRead++;
    if (csvRows?.rejects(sink, grid, r, kindOfRow === "data")) {
      rejected++;
      leftOut++;
      continue;
    }
    if (kindOfRow !== "data") {
      rowClassFindings(sink, kindOfRow, row ?? grid.row(r), r, headerRow);
      if (kindOfRow === "second-header") rejected++;
      else excluded++;
      continue;
    }
    if (classifier.gap) {
      const { first, last } = classifier.gap;
      sink.add(
        "blank-rows",
        rowsAt(first, last),
        `${first === last ? `Row ${first + 1} is` : `Rows ${first + 1} to ${last + 1} are`} blank inside the data.`,
        "Delete blank rows so nobody mistakes what follows for a separate table.",
      );
    }
    const ok = row ? parser.parse(row, r, records) : parser.parseIds(values!, r, records);
    if (row) formulaFindings(sink, row, r, countCols);
    else values!.formulaFindings(sink, r);
    if (!ok) {
      rejected++;
      leftOut++;
      continue;
    }
    if (!scope.admits(records, r)) continue;
    if (count >= 0 && cols[count] < 0) records.set(count, 1);
    records.commit(r);
  }
  scope.findings(sink);
  return {
    records: records.build(),
    rowsRead,
    excluded: excluded + scope.excluded,
    rejected,
    leftOut,
    wardNames: parser.wardNames,
    span: scope.span,
  };
}

/**
 * Plain text fields in packed columns of identifiers, read from the sheet when a record is asked
 * for them rather than held as a string per record. Their reading is the cell's text, as
 * FieldParser gives it. Not the fields the row scope reads while rows are being read.
 */
function textsFromRows({ grid, kind, cols }: Layout): (RowTexts | undefined)[] {
  const roles = fieldRoles(kind);
  const scoped = new Set([roles.time, ...(kind.excludeRowsWithout ?? []).map((x) => kind.fields.findIndex((f) => f.id === x.field))]);
  return kind.fields.map((f, i) => {
    const column = grid.columns?.columns[cols[i]];
    if (!column?.packed || f.type !== "text" || f.values || scoped.has(i)) return undefined;
    const at = (row: number) => {
      const cell = cellOf(column, idAt(column, row));
      return isBlank(cell) ? undefined : cellText(cell);
    };
    const hashAt = (row: number) => {
      const id = idAt(column, row);
      const packed = id >= column.values.length ? column.packed!.trimmedHash(id - column.values.length) : undefined;
      if (packed !== undefined) return packed;
      const text = at(row);
      return text === undefined ? undefined : hashText(text);
    };
    return new RowTexts(at, hashAt);
  });
}

const CACHE_LIMIT = 200_000;

function cached<T>(cache: Map<string, unknown>, key: string, compute: (key: string) => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute(key);
  if (cache.size < CACHE_LIMIT) cache.set(key, value);
  return value;
}

/** An LSOA code as the engine keys it (trimmed, upper case), or "" when it is not one. */
function normaliseCode(text: string): string {
  const t = text.trim().toUpperCase();
  return isLsoaCode(t) ? t : "";
}

// ---- uniqueness ----

/** Rows repeating a key the kind declares unique: an error drops the repeat, a warning keeps it. */
function dropRepeats(sink: FindingSink, ret: ParsedReturn): { records: Records; rejected: number } {
  const fields = ret.kind.fields;
  let records = ret.records;
  let rejected = 0;
  for (const rule of ret.kind.unique ?? []) {
    const idx = rule.fields.map((id) => fields.findIndex((f) => f.id === id));
    if (idx.some((i) => i < 0 || !ret.columns.has(fields[i].id))) continue;
    const from = records;
    const drop = new Uint8Array(from.length);
    let dropped = 0;
    const keyAt = (i: number) => uniqueKey(from, i, idx);
    const hashes = idx.length === 1 ? from.textHashes(idx[0]) : undefined;
    const repeats = hashes ? findRepeatsBy(from.length, hashes, (i, j) => keyAt(i) === keyAt(j)) : findRepeats(from.length, keyAt);
    for (const [i, firstIndex] of repeats) {
      const row = from.row(i);
      const first = from.row(firstIndex);
      if (rule.severity === "error") {
        drop[i] = 1;
        dropped++;
        const what = keyInWords(from, i, idx, fields);
        sink.add(
          "duplicate-row",
          rowsAt(row),
          `Row ${row + 1} repeats ${what} already given in row ${first + 1}; counting both would double-count.`,
          "Keep one row for each, adding the figures together if both are real.",
        );
      } else {
        sink.group(
          "duplicate-reference",
          "",
          rowsAt(row),
          (count, cells) =>
            `${plural(count, "row")} repeat${count === 1 ? "s" : ""} a reference already used above (${cells}); if they are the same incident it is counted twice.`,
          "Remove repeated rows, or give each incident its own reference.",
        );
      }
    }
    if (dropped) {
      rejected += dropped;
      const keep: number[] = [];
      for (let i = 0; i < drop.length; i++) if (!drop[i]) keep.push(i);
      records = from.select(keep);
    }
  }
  return { records, rejected };
}

/** The first and last day of a return's rows read with a time (a monthly return's whole months), if any. */
export function spanInDays(r: ParsedReturn): { first: DayNumber; last: DayNumber } | undefined {
  if (!r.span) return undefined;
  return r.granularity === "month" ? { first: firstDayOfMonth(r.span.first), last: lastDayOfMonth(r.span.last) } : r.span;
}

/** Whether two returns' rows (read, with a time) span any common time: only then can they repeat one incident. */
function spansMeet(a: ParsedReturn, b: ParsedReturn): boolean {
  const x = spanInDays(a);
  const y = spanInDays(b);
  return !x || !y || (x.first <= y.last && y.first <= x.last);
}

/** A unique key's values in words ("LSOA E01018226, Month Apr 2019"). */
function keyInWords(records: Records, i: number, idx: readonly number[], fields: readonly FieldDef[]): string {
  return idx
    .map((k) => `${fields[k].header} ${fields[k].type === "month" ? formatMonth(records.value(i, k) as number) : records.value(i, k)}`)
    .join(", ");
}

/**
 * The same key the kind declares unique, repeated across files of one kind (a benefits LSOA and
 * month re-sent in a second file, one incident reference in two extracts), is the same finding as
 * within one file: an error drops the later row, a warning keeps it. Files whose rows span no
 * common time are not compared (a data.police.uk download's monthly files).
 */
export function dropRepeatsAcross(returns: readonly ParsedReturn[]): ParsedReturn[] {
  const out = [...returns];
  for (let j = 1; j < out.length; j++) {
    const ret = out[j];
    const earlier = out.slice(0, j).filter((r) => r.kind === ret.kind && r.records.length && spansMeet(r, ret));
    if (!earlier.length || !ret.records.length) continue;
    const fields = ret.kind.fields;
    const sink = new FindingSink(ret.file, ret.sheet);
    let records = ret.records;
    let rejected = 0;
    for (const rule of ret.kind.unique ?? []) {
      const idx = rule.fields.map((id) => fields.findIndex((f) => f.id === id));
      if (idx.some((i) => i < 0 || !ret.columns.has(fields[i].id))) continue;
      const seen = new Map<string, { file: string; row: number }>();
      for (const e of earlier) {
        if (!e.columns.has(fields[idx[0]].id)) continue;
        for (let i = 0; i < e.records.length; i++) {
          const k = uniqueKey(e.records, i, idx);
          if (k !== undefined && !seen.has(k)) seen.set(k, { file: e.file, row: e.records.row(i) });
        }
      }
      const keep: number[] = [];
      for (let i = 0; i < records.length; i++) {
        const k = uniqueKey(records, i, idx);
        const first = k === undefined ? undefined : seen.get(k);
        if (!first) {
          keep.push(i);
          continue;
        }
        const row = records.row(i);
        if (rule.severity === "error") {
          sink.add(
            "duplicate-row",
            rowsAt(row),
            `Row ${row + 1} repeats ${keyInWords(records, i, idx, fields)} already given in row ${first.row + 1} of ${first.file}; counting both would double-count.`,
            "Keep one row for each across the files, adding the figures together if both are real.",
          );
        } else {
          keep.push(i);
          sink.group(
            "duplicate-reference",
            "across",
            rowsAt(row),
            (count, cells) =>
              `${plural(count, "row")} repeat${count === 1 ? "s" : ""} a reference already used in ${first.file} (${cells}); if they are the same incident it is counted twice.`,
            "Remove repeated rows, or give each incident its own reference.",
          );
        }
      }
      if (keep.length < records.length) {
        rejected += records.length - keep.length;
        records = records.select(keep);
      }
    }
    sink.flush();
    if (!sink.findings.length) continue;
    out[j] = {
      ...ret,
      records,
      accepted: records.length,
      rejected: ret.rejected + rejected,
      findings: [...ret.findings, ...sink.findings],
    };
  }
  return out;
}

function uniqueKey(records: Records, i: number, idx: readonly number[]): string | undefined {
  if (idx.length === 1) {
    const v = records.value(i, idx[0]);
    return v === undefined || v === "" ? undefined : String(v);
  }
  const parts = idx.map((f) => records.value(i, f));
  return parts.some((p) => p === undefined || p === "") ? undefined : parts.join("\u0001");
}

// ---- privacy ----

const PERSONAL_HEADERS: { words: string[][]; what: string; unless?: string[] }[] = [
  {
    words: [["name"], ["surname"], ["forename"], ["first", "name"]],
    what: "people's names",
    unless: [
      "ward",
      "lsoa",
      "village",
      "parish",
      "district",
      "area",
      "offence",
      "street",
      "road",
      "authority",
      "officer",
      "team",
      "location",
      "place",
      "site",
      "scheme",
      "estate",
    ],
  },
  { words: [["date", "of", "birth"], ["dob"], ["birth", "date"], ["birthdate"]], what: "dates of birth" },
  { words: [["postcode"], ["post", "code"]], what: "postcodes" },
  { words: [["phone"], ["telephone"], ["mobile"], ["tel"], ["contact", "number"]], what: "phone numbers" },
  { words: [["email"], ["e", "mail"]], what: "e-mail addresses" },
  { words: [["address"]], what: "addresses", unless: ["email", "e mail"] },
  {
    words: [
      ["ni", "number"],
      ["national", "insurance"],
    ],
    what: "National Insurance numbers",
  },
];

const FULL_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function personalHeader(header: string): string | undefined {
  const n = ` ${normaliseName(header)} `;
  for (const p of PERSONAL_HEADERS) {
    if (p.unless?.some((u) => n.includes(` ${u} `))) continue;
    if (p.words.some((set) => set.every((w) => n.includes(` ${w} `)))) return p.what;
  }
  return undefined;
}

/** Full postcodes or e-mail addresses in the first rows of a column no field reads. */
function personalValues(grid: Grid, headerRow: number, col: number): string | undefined {
  let postcodes = 0;
  let emails = 0;
  for (let r = headerRow + 1; r < Math.min(grid.length, headerRow + 201); r++) {
    const c = grid.cell(r, col);
    if (typeof c !== "string") continue;
    if (FULL_POSTCODE.test(c.trim())) postcodes++;
    else if (EMAIL.test(c.trim())) emails++;
  }
  return postcodes >= 3 ? "full postcodes" : emails >= 3 ? "e-mail addresses" : undefined;
}

function privacyFindings(sink: FindingSink, { grid, headerRow, match }: Layout): void {
  const used = new Set(match.columns.values());
  grid
    .row(headerRow)
    .map(cellText)
    .forEach((h, col) => {
      const what = personalHeader(h) ?? (used.has(col) ? undefined : personalValues(grid, headerRow, col));
      if (!what) return;
      sink.add(
        "personal-data",
        cellAt(headerRow, col),
        `The column "${h}" looks like it holds ${what}. The information sharing agreement allows aggregated or incident-level data without personal details for this work.`,
        "Delete the column before sending or sharing the return; the matrix does not need it.",
      );
    });
}

// ---- placing ----

/** The rows of one return that fall outside the district, summed into one finding. */
class OtherDistrictRows {
  count = 0;
  private first = -1;
  private readonly names = new Set<string>();

  add(row: number, area: string): void {
    this.count++;
    this.names.add(area);
    if (this.first < 0) this.first = row;
  }

  finding(sink: FindingSink, ret: ParsedReturn, district: string): void {
    if (!this.count) return;
    const n = this.count;
    const national = !!ret.kind.spansDistricts;
    const areas = listNames([...this.names], 4);
    sink.add(
      "other-district",
      rowsAt(this.first),
      `${plural(n, "row")} ${n === 1 ? "is" : "are"} for areas outside ${district} (${areas}) and ${n === 1 ? "is" : "are"} excluded (first: row ${this.first + 1}).`,
      national ? "Nothing to do: this file covers more than one district." : "Check the return is for the right district.",
      { severity: national ? "info" : "warning", params: { count: n, areas, district } },
    );
  }
}

const OTHER_DISTRICT = Symbol("other district");

/** A record's small area (LSOA or village), which a lookup places in a ward. */
interface SmallArea {
  type: "lsoa" | "village";
  text: string;
  col: number;
}

/** Places records one by one, reporting what it cannot place. */
class Placer {
  private readonly roles: FieldRoles;
  private readonly districtI: number;
  readonly other = new OtherDistrictRows();
  private splitExample: string | undefined;
  private vintageExample: string | undefined;
  private readonly lsoaCol: number;
  private readonly villageCol: number;

  constructor(
    private readonly sink: FindingSink,
    private readonly ret: ParsedReturn,
    private readonly geography: Geography,
  ) {
    this.roles = fieldRoles(ret.kind);
    this.districtI = ret.kind.fields.findIndex((f) => f.id === "district");
    this.lsoaCol = this.col(this.roles.lsoa);
    this.villageCol = this.col(this.roles.village);
    this.countyWide = this.spansDistricts();
  }

  /**
   * Whether the return holds rows of other districts by ward name (a fire service's county-wide
   * list): in such a return a ward name that other districts also have cannot be placed by name alone.
   */
  private readonly countyWide: boolean;

  private spansDistricts(): boolean {
    if (this.roles.ward < 0 || (this.districtI >= 0 && this.ret.columns.has("district"))) return false;
    const records = this.ret.records;
    for (let i = 0; i < records.length; i++) {
      const w = records.text(i, this.roles.ward);
      if (w && !this.geography.resolveWard(w) && this.geography.districtsWithWard(w).length) return true;
    }
    return false;
  }

  private col(i: number): number {
    return i >= 0 ? (this.ret.columns.get(this.ret.kind.fields[i].id) ?? -1) : -1;
  }

  private text(rec: number, i: number): string | undefined {
    return i >= 0 ? this.ret.records.text(rec, i) : undefined;
  }

  /** The record's ward, OTHER_DISTRICT for another district's row, or undefined when it cannot be placed. */
  place(rec: number): string | typeof OTHER_DISTRICT | undefined {
    const geography = this.geography;
    const row = this.ret.records.row(rec);
    const districtText = this.text(rec, this.districtI);
    if (districtText && !geography.isDistrict(districtText)) {
      this.other.add(row, districtText);
      return OTHER_DISTRICT;
    }
    const wardText = this.text(rec, this.roles.ward);
    const byName = wardText ? geography.resolveWard(wardText) : undefined;
    const lsoa = this.text(rec, this.roles.lsoa);
    const village = this.text(rec, this.roles.village);
    const small: SmallArea | undefined = lsoa
      ? { type: "lsoa", text: lsoa, col: this.lsoaCol }
      : village
        ? { type: "village", text: village, col: this.villageCol }
        : undefined;
    if (small && geography.hasLookup(small.type)) return this.placeByLookup(row, small, wardText, byName?.name);
    if (byName && (!this.countyWide || districtText)) return byName.name;
    const elsewhere = wardText ? geography.districtsWithWard(wardText) : [];
    if (byName) {
      if (!elsewhere.length) return byName.name;
      this.sink.add(
        "ambiguous-ward",
        cellAt(row, this.col(this.roles.ward)),
        `"${wardText}" in row ${row + 1} is a ward of ${geography.district} and of ${listNames([...elsewhere], 3)}; this return holds rows of other districts and no district column, so the row is not placed.`,
        "Add a district column (Local Authority District name) to the return, or give LSOA codes.",
      );
      return undefined;
    }
    if (elsewhere.length) {
      this.other.add(row, elsewhere.length === 1 ? elsewhere[0] : wardText!);
      return OTHER_DISTRICT;
    }
    this.unplaced(row, wardText, small);
    return undefined;
  }

  private placeByLookup(
    row: number,
    small: SmallArea,
    wardText: string | undefined,
    ward: string | undefined,
  ): string | typeof OTHER_DISTRICT | undefined {
    const geography = this.geography;
    const r = geography.resolveArea(small.type, small.text);
    if (r.status === "ward") {
      if (ward && ward !== r.ward.name) {
        this.sink.add(
          "ward-disagrees",
          cellAt(row, this.col(this.roles.ward)),
          `Row ${row + 1} gives the ward "${wardText}", but the lookup puts ${small.type === "lsoa" ? "LSOA" : "village"} ${small.text} in ${r.ward.name}; the lookup's ward is used.`,
          "Correct the Ward column, or the lookup if the boundary has changed.",
        );
      }
      return r.ward.name;
    }
    if (r.status === "other-district") {
      this.other.add(row, r.district);
      return OTHER_DISTRICT;
    }
    if (ward) return ward;
    if (r.status === "split") {
      this.splitExample ??= `${small.text} lies in ${listNames(r.wards)}`;
      const example = this.splitExample;
      this.sink.group(
        "split-lsoa",
        "",
        cellAt(row, small.col),
        (n, cells) =>
          `${plural(n, "row")} name${n === 1 ? "s" : ""} an LSOA that changed from ${r.via} and now lies in more than one ward (${example}); ${n === 1 ? "it is" : "they are"} not placed, never guessed: ${cells}.`,
        "Add a Ward column for these rows, or ask the partner for the return with current LSOA codes.",
      );
      return undefined;
    }
    const theirs = small.type === "lsoa" ? geography.otherVintageOf(small.text) : undefined;
    if (theirs) {
      const ours = geography.lsoaVintage?.lsoa;
      this.vintageExample ??= small.text;
      const example = this.vintageExample;
      this.sink.group(
        "lsoa-vintage",
        "",
        cellAt(row, small.col),
        (n, cells) =>
          `${plural(n, "row")} give${n === 1 ? "s" : ""} LSOA codes of the ${theirs} census (such as ${example}) that the lookup (${geography.describeLsoaLookup()}) does not hold: the return uses ${theirs} LSOAs and the lookup ${ours} LSOAs. Rows: ${cells}.`,
        `Give the ONS "LSOA (2011) to LSOA (2021) to Local Authority District (2022)" lookup from the Open Geography Portal as one more lookup, so ${theirs} codes are placed in the ${ours}-based wards; or use an LSOA-to-ward lookup of the return's own vintage.`,
      );
      return undefined;
    }
    const what = small.type === "lsoa" ? "LSOA" : "Village";
    this.sink.add(
      small.type === "lsoa" ? "unknown-lsoa" : "unknown-village",
      cellAt(row, small.col),
      `${what} "${small.text}" in row ${row + 1} is not in the lookup${wardText ? ` and the ward "${wardText}" is not a ward of ${geography.district}` : ""}, so the row cannot be placed in a ward.`,
      small.type === "lsoa"
        ? "Check the code against the ONS LSOA-to-ward lookup, or add a Ward column."
        : "Add the village to the village lookup, or fill in the Ward column.",
    );
    return undefined;
  }

  private unplaced(row: number, wardText: string | undefined, small: SmallArea | undefined): void {
    const geography = this.geography;
    if (wardText) {
      const near = geography.nearestWards(wardText);
      this.sink.add(
        "unknown-ward",
        cellAt(row, this.col(this.roles.ward)),
        `"${wardText}" in row ${row + 1} is not a ward of ${geography.district}${near.length ? `; nearest: ${listNames(near)}` : ""}.`,
        near.length
          ? `Correct the spelling (did you mean ${near[0]}?), or add an alias for it in the criteria file.`
          : `Use one of the ${geography.wards.length} wards of ${geography.district}.`,
      );
    } else if (small) {
      const what = small.type === "lsoa" ? "LSOA" : "village";
      this.sink.add(
        "no-lookup",
        cellAt(row, small.col),
        `Row ${row + 1} names ${what} "${small.text}" but no ${what} lookup was given and the row has no ward.`,
        `Give a lookup (for LSOAs, the ONS LSOA-to-ward file), or add a Ward column.`,
        { remedies: [{ action: "give-lookup" }] },
      );
    } else {
      this.sink.add("missing-area", rowsAt(row), `Row ${row + 1} has no ward or area.`, "Fill in the ward.");
    }
  }
}

/**
 * Places every record in a ward of the district, reporting (never guessing) those it cannot.
 * The return read is left as it is (one read serves every district of a county-wide run); the
 * placed return is new, with its own records, counts and findings.
 */
export function placeReturn(ret: ParsedReturn, geography: Geography): ParsedReturn {
  const sink = new FindingSink(ret.file, ret.sheet);
  const placer = new Placer(sink, ret, geography);
  const keep: number[] = [];
  const wards: string[] = [];
  let rejected = 0;
  for (let i = 0; i < ret.records.length; i++) {
    const ward = placer.place(i);
    if (ward === undefined) rejected++;
    else if (ward !== OTHER_DISTRICT) {
      keep.push(i);
      wards.push(ward);
    }
  }
  placer.other.finding(sink, ret, geography.district);
  sink.flush();
  return {
    ...ret,
    records: ret.records.select(keep, wards),
    findings: [...ret.findings, ...sink.findings],
    accepted: keep.length,
    rejected: ret.rejected + rejected,
    leftOut: ret.leftOut + rejected,
    excluded: ret.excluded + placer.other.count,
  };
}
