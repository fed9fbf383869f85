/*
 * What every step of reading a return shares: the parsed return and its options, the layout found, the sink findings go to, and small rules (totals labels, cached parses).
 */
import { SheetData } from "../read/cells";
import { DayNumber } from "../read/dates";
import { Finding, FindingCode, finding, Location, referenceOf, Remedy, Severity } from "../findings/findings";
import { FindingParams, Grouped, ParamsOf } from "../findings/findingCatalogue";
import { HeaderMatch, matchHeaders } from "./headers";
import { FieldDef, ReturnKind } from "./returnKinds";
import { listNames, normaliseName } from "../read/text";
import { Records } from "./records";
import { Grid } from "../read/grid";
import { isLsoaCode } from "../geography/lookups";

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

export const PLAIN_NUMBER_TEXT = /^[+-]?\d[\d,]*(\.\d+)?$/;

/** First characters of text a spreadsheet may run as a formula (= + - @, or blanks before one): a cheap test before the rule. */
export const FORMULA_START = new Set([61, 43, 45, 64]);
export const mayBeFormula = (text: string) => {
  const c = text.charCodeAt(0);
  return FORMULA_START.has(c) || c <= 32;
};

export const TOTALS = /^(grand\s+)?(sub\s*-?\s*)?totals?\b|^sum$|^all\s+(wards|areas)$/i;
/** The first two letters of every text TOTALS matches once trimmed, in lower case, as pairOf gives them. */
export const TOTALS_START: ReadonlySet<number> = new Set(["gr", "su", "to", "al"].map((t) => pairOf(t.charCodeAt(0), t.charCodeAt(1))));

/** Two characters in lower case (for ASCII letters), as one number. */
export function pairOf(first: number, second: number): number {
  return ((first | 0x20) << 16) | ((second | 0x20) & 0xffff);
}

/** Repeats of one problem are summarised past this many in one finding's message. */
const CELLS_LISTED = 10;

interface FindingExtras {
  remedies?: Remedy[];
  severity?: Severity;
}

/** Collects one sheet's findings; repeats of a harmless problem are grouped into one. */
export class FindingSink {
  readonly findings: Finding[] = [];
  /** Findings added or grouped so far: a parse that added none is clean and may be reused. */
  added = 0;
  private readonly grouped = new Map<
    string,
    { code: FindingCode; cells: string[]; first: Location; count: number; params: FindingParams }
  >();
  constructor(
    private readonly file: string,
    private readonly sheet: string,
  ) {}

  add<C extends FindingCode>(code: C, at: Location | undefined, params: ParamsOf<C>, extras: FindingExtras = {}): void {
    this.added++;
    this.findings.push(finding(code, { file: this.file, sheet: this.sheet, at, params, ...extras }));
  }

  /**
   * Many cells with one problem become one finding that counts them all; `key` separates groups
   * of one code, and the first cell's facts word the group's message.
   */
  group<C extends FindingCode>(code: C, key: string, at: Location, params: Omit<ParamsOf<C>, keyof Grouped>): void {
    this.added++;
    const id = `${code}|${key}`;
    let g = this.grouped.get(id);
    if (!g) this.grouped.set(id, (g = { code, cells: [], first: at, count: 0, params: params }));
    g.count++;
    if (g.cells.length < CELLS_LISTED) g.cells.push(referenceOf(this.sheet, at));
  }

  flush(): void {
    for (const g of this.grouped.values()) {
      const cells = g.cells.join(", ") + (g.count > g.cells.length ? ` and ${g.count - g.cells.length} more` : "");
      this.add(g.code, g.first, { ...g.params, count: g.count, cells });
    }
    this.grouped.clear();
  }
}

/** Where a return's header and fields are in its sheet. */
export interface Layout {
  sheet: SheetData;
  grid: Grid;
  kind: ReturnKind;
  headerRow: number;
  match: HeaderMatch;
  /** Column of each of the kind's fields, -1 when absent. */
  cols: number[];
}

export function layoutOf(sheet: SheetData, grid: Grid, kind: ReturnKind, headerRow: number, map: ReadOptions["map"]): Layout {
  let width = 0;
  for (let r = headerRow; r < Math.min(grid.length, headerRow + 200); r++) width = Math.max(width, grid.width(r));
  const match = matchHeaders(kind, grid.row(headerRow), map, width);
  return { sheet, grid, kind, headerRow, match, cols: kind.fields.map((f) => match.columns.get(f.id) ?? -1) };
}

export function describeSynonyms(f: FieldDef): string {
  return listNames(
    [f.header, ...f.synonyms.filter((s) => normaliseName(s) !== normaliseName(f.header)).slice(0, 5)].map((s) => `"${s}"`),
    6,
  );
}

/** Totals rows start with "Total", "Grand total", "Sub-total", "Sum" or "All wards": the rule runs only on text that may start so. */
export function looksLikeTotals(text: string): boolean {
  return mayStartTotals(text.charCodeAt(0), text.charCodeAt(1)) && TOTALS.test(text.trim());
}

/** Whether a text starting with these two characters may be a totals label: any text starting with a blank or a character past ASCII may. */
export function mayStartTotals(first: number, second: number): boolean {
  return !(first > 32 && first < 127) || TOTALS_START.has(pairOf(first, second));
}

export const CACHE_LIMIT = 200_000;

export function cached<T>(cache: Map<string, unknown>, key: string, compute: (key: string) => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute(key);
  if (cache.size < CACHE_LIMIT) cache.set(key, value);
  return value;
}

/** An LSOA code as the engine keys it (trimmed, upper case), or "" when it is not one. */
export function normaliseCode(text: string): string {
  const t = text.trim().toUpperCase();
  return isLsoaCode(t) ? t : "";
}
