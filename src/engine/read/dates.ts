import { Cell, isCellError } from "./cells";

/** Days since 1970-01-01 (UTC); every date in the engine is one of these. */
export type DayNumber = number;
/** year * 12 + (month - 1); every month in the engine is one of these. */
export type MonthNumber = number;

const MS_PER_DAY = 86_400_000;
/** Excel's serial 25569 is 1970-01-01 (the 1900 date system). */
const EXCEL_EPOCH_OFFSET = 25569;
const MAX_EXCEL_SERIAL = 2_958_465;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export type DateOrder = "dmy" | "mdy";

export type DateParse =
  | { ok: true; day: DayNumber; /** the text was d/m/y or m/d/y and both readings were possible */ ambiguous?: boolean; usOnly?: boolean }
  | { ok: false; reason: string };

export function dayFromYmd(y: number, m: number, d: number): DayNumber | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return Math.floor(t / MS_PER_DAY);
}

/**
 * The calendar date of a day number as one number, yyyymmdd, by arithmetic on the Gregorian
 * calendar's 400-year cycle (146,097 days) rather than through a Date: the matrix asks it of every
 * record, and a number costs no allocation.
 */
function packedYmdOf(day: DayNumber): number {
  const z = day + 719_468; // days from 1 March of year 0
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const m = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10_000 + m * 100 + d;
}

export function ymdOf(day: DayNumber): { y: number; m: number; d: number } {
  const p = packedYmdOf(day);
  return { y: Math.floor(p / 10_000), m: Math.floor(p / 100) % 100, d: p % 100 };
}

export function dayFromExcelSerial(serial: number): DayNumber | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_EXCEL_SERIAL) return undefined;
  const whole = Math.floor(serial);
  // Excel counts a 29 February 1900 that never was; serials before it are one day earlier.
  return whole < 61 ? whole - EXCEL_EPOCH_OFFSET + 1 : whole - EXCEL_EPOCH_OFFSET;
}

/** Days from 1900 to 1904: a workbook in the 1904 date system counts its serials from 1904. */
const DATE_1904_OFFSET = 1462;

/**
 * The moment an Excel serial number stands for, in UTC, rounded to the millisecond as exceljs
 * rounds it (so workbooks read either way agree).
 */
export function dateFromExcelSerial(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - EXCEL_EPOCH_OFFSET + (date1904 ? DATE_1904_OFFSET : 0)) * MS_PER_DAY));
}

/** Excel's serial number (1900 date system) for a moment, its time of day as the fraction. */
export function excelSerialFromDate(date: Date): number {
  return date.getTime() / MS_PER_DAY + EXCEL_EPOCH_OFFSET;
}

export function excelSerialFromDay(day: DayNumber): number {
  return day + EXCEL_EPOCH_OFFSET;
}

function dayFromDate(date: Date): DayNumber | undefined {
  const t = date.getTime();
  if (Number.isNaN(t)) return undefined;
  return Math.floor(t / MS_PER_DAY);
}

function fullYear(text: string): number {
  const n = Number(text);
  if (text.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return n;
}

function monthFromName(text: string): number | undefined {
  const i = MONTHS.indexOf(text.slice(0, 3).toLowerCase());
  if (i < 0) return undefined;
  const full = MONTH_NAMES[i].toLowerCase();
  const t = text.toLowerCase();
  if (t.length > 3 && !full.startsWith(t) && !(t === "sept")) return undefined;
  return i + 1;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const NAMED = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4}|\d{2})$/;
const NAMED_US = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

/**
 * Reads a date from a cell: a date value, an Excel serial number, ISO text, UK dd/mm/yyyy
 * text (or mm/dd/yyyy when the column is known to be American), or "1 Nov 2018".
 */
export function parseDate(cell: Cell, order: DateOrder = "dmy"): DateParse {
  if (cell instanceof Date) {
    const day = dayFromDate(cell);
    return day === undefined ? { ok: false, reason: "is not a valid date" } : { ok: true, day };
  }
  if (typeof cell === "number") {
    const day = dayFromExcelSerial(cell);
    return day === undefined ? { ok: false, reason: `is the number ${cell}, not a date` } : { ok: true, day };
  }
  if (isCellError(cell)) return { ok: false, reason: `is the error ${cell.error}` };
  if (typeof cell !== "string") return { ok: false, reason: "is not a date" };
  const text = cell.trim();
  let m = ISO.exec(text);
  if (m) {
    const day = dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    return day === undefined ? { ok: false, reason: `"${text}" is not a real date` } : { ok: true, day };
  }
  m = NUMERIC.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]);
    const ambiguous = a <= 12 && b <= 12 && a !== b;
    const usOnly = a <= 12 && b > 12;
    if (order === "mdy" || usOnly) {
      const day = dayFromYmd(y, a, b);
      if (day === undefined) return { ok: false, reason: `"${text}" is not a real date` };
      return { ok: true, day, ambiguous: order === "mdy" && ambiguous, usOnly };
    }
    const day = dayFromYmd(y, b, a);
    return day === undefined ? { ok: false, reason: `"${text}" is not a real date` } : { ok: true, day, ambiguous };
  }
  m = NAMED.exec(text);
  if (m) {
    const month = monthFromName(m[2]);
    const day = month === undefined ? undefined : dayFromYmd(fullYear(m[3]), month, Number(m[1]));
    return day === undefined ? { ok: false, reason: `"${text}" is not a real date` } : { ok: true, day };
  }
  m = NAMED_US.exec(text);
  if (m) {
    const month = monthFromName(m[1]);
    const day = month === undefined ? undefined : dayFromYmd(Number(m[3]), month, Number(m[2]));
    return day === undefined ? { ok: false, reason: `"${text}" is not a real date` } : { ok: true, day };
  }
  if (/^\d+(\.\d+)?$/.test(text)) return parseDate(Number(text), order);
  return { ok: false, reason: text ? `"${text}" is not a date` : "is blank" };
}

export type MonthParse = { ok: true; month: MonthNumber } | { ok: false; reason: string };

const MONTH_YEAR = /^([A-Za-z]{3,9})\.?[\s-]*'?(\d{4}|\d{2})$/;
const YEAR_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_SLASH_YEAR = /^(\d{1,2})[-/.](\d{4})$/;

/** Reads a month: a date or serial (its month), "Apr 2019", "April 2019", "Apr-19", "2019-04" or "04/2019". */
export function parseMonth(cell: Cell): MonthParse {
  if (typeof cell === "string") {
    const text = cell.trim();
    let m = MONTH_YEAR.exec(text);
    if (m) {
      const month = monthFromName(m[1]);
      if (month !== undefined) return { ok: true, month: fullYear(m[2]) * 12 + month - 1 };
    }
    m = YEAR_MONTH.exec(text);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { ok: true, month: Number(m[1]) * 12 + Number(m[2]) - 1 };
    m = MONTH_SLASH_YEAR.exec(text);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { ok: true, month: Number(m[2]) * 12 + Number(m[1]) - 1 };
  }
  const d = parseDate(cell);
  if (!d.ok) return { ok: false, reason: d.reason.replace("not a date", "not a month") };
  return { ok: true, month: monthOfDay(d.day) };
}

/** Records ask for the month of each day they hold, out of a few years of days: a direct-mapped cache answers most. */
const MONTH_CACHE_SLOTS = 4096;
const cachedDays = new Float64Array(MONTH_CACHE_SLOTS).fill(NaN);
const cachedMonths = new Float64Array(MONTH_CACHE_SLOTS);

export function monthOfDay(day: DayNumber): MonthNumber {
  const slot = day & (MONTH_CACHE_SLOTS - 1);
  if (cachedDays[slot] === day) return cachedMonths[slot];
  const p = packedYmdOf(day);
  const month = Math.floor(p / 10_000) * 12 + (Math.floor(p / 100) % 100) - 1;
  cachedDays[slot] = day;
  cachedMonths[slot] = month;
  return month;
}

/** A set of months cheap enough to add to for every record: a mark per month of years 0 to 9999. */
export class MonthSet {
  private readonly marks = new Uint8Array(12 * 10_000);
  private readonly others = new Set<MonthNumber>();
  size = 0;

  /** Whether a month is one the marks hold (years 0 to 9999), rather than the spare set. */
  private inMarks(month: MonthNumber): boolean {
    return (month | 0) === month && month >= 0 && month < this.marks.length;
  }

  add(month: MonthNumber): void {
    if (this.inMarks(month)) {
      if (this.marks[month]) return;
      this.marks[month] = 1;
      this.size++;
    } else if (!this.others.has(month)) {
      this.others.add(month);
      this.size++;
    }
  }

  addAll(other: MonthSet): void {
    for (let m = 0; m < other.marks.length; m++) if (other.marks[m]) this.add(m);
    for (const m of other.others) this.add(m);
  }

  has(month: MonthNumber): boolean {
    return this.inMarks(month) ? this.marks[month] === 1 : this.others.has(month);
  }

  /** The latest month held, or undefined when none is. */
  last(): MonthNumber | undefined {
    let last: MonthNumber | undefined;
    for (const m of this.others) if (last === undefined || m > last) last = m;
    for (let m = this.marks.length - 1; m >= 0; m--) if (this.marks[m]) return last === undefined || m > last ? m : last;
    return last;
  }
}

/** The first year a return's date may fall in: earlier dates are typos (a year 1905 for 2019, the serial 60). */
export const FIRST_PLAUSIBLE_YEAR = 1990;

/** The years a return's dates may fall in: from FIRST_PLAUSIBLE_YEAR to next year. */
export function plausibleYears(now = new Date()): { from: number; to: number } {
  return { from: FIRST_PLAUSIBLE_YEAR, to: now.getUTCFullYear() + 1 };
}

/** Whether a month number falls in the plausible years. */
export function isPlausibleMonth(month: MonthNumber, years = plausibleYears()): boolean {
  return month >= years.from * 12 && month < (years.to + 1) * 12;
}

export function firstDayOfMonth(month: MonthNumber): DayNumber {
  return dayFromYmd(Math.floor(month / 12), (month % 12) + 1, 1)!;
}

export function lastDayOfMonth(month: MonthNumber): DayNumber {
  return firstDayOfMonth(month + 1) - 1;
}

export function formatDay(day: DayNumber): string {
  const { y, m, d } = ymdOf(day);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "1 November 2018": how a report writes a date. */
export function formatDayLong(day: DayNumber): string {
  const { y, m, d } = ymdOf(day);
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

export function formatMonth(month: MonthNumber): string {
  return `${MONTH_NAMES[month % 12].slice(0, 3)} ${Math.floor(month / 12)}`;
}

/** "2019-04", as criteria files and data.police.uk write a month. */
export function formatMonthIso(month: MonthNumber): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** "April 2019". */
export function formatMonthLong(month: MonthNumber): string {
  return `${MONTH_NAMES[month % 12]} ${Math.floor(month / 12)}`;
}

/** A period bound from a criteria file: "2018-11-01", "2018-11" (a whole month) or "Nov 2018". */
export function parsePeriodBound(text: string, end: "from" | "to"): DayNumber | undefined {
  const t = text.trim();
  const asDay = parseDate(t);
  if (asDay.ok && /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|^\d{4}-\d{1,2}-\d{1,2}|^\d{1,2}\s+[A-Za-z]/.test(t)) return asDay.day;
  const asMonth = parseMonth(t);
  if (asMonth.ok) return end === "from" ? firstDayOfMonth(asMonth.month) : lastDayOfMonth(asMonth.month);
  return undefined;
}
