import { Cell, isCellError } from "../read/cells";
import { FieldValue } from "./returnKinds";
import { normaliseName } from "../read/text";

/** A count, or why not; a suppressed count says how large it may be (`upTo`: 4 for "<5", Infinity for "*"). */
/** The largest count one row of a return may hold: a million incidents in one row is a typo, and 1e308 would print as ∞. */
export const MAX_COUNT = 1_000_000;

export type CountParse = { ok: true; value: number } | { ok: false; suppressed?: { upTo: number }; reason: string };

const SUPPRESSED = /^(<\s*\d+|\*+|-|–|x|c|~|\.\.|\[c\]|\[x\]|suppressed|redacted)$/i;
const GROUPED_INTEGER = /^\d{1,3}(,\d{3})+$/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function isSuppressed(text: string): boolean {
  return SUPPRESSED.test(text.trim());
}

const BELOW = /^<\s*(\d+)$/;

/** The largest value a suppressed count may stand for: "<5" is 0 to 4; "*", "c" or ".." say nothing. */
export function suppressedUpTo(text: string): number {
  const m = BELOW.exec(text.trim());
  return m ? Math.max(0, Number(m[1]) - 1) : Infinity;
}

/** Reads a number written as a number or as text ("29,199", " 12 "). */
export function parseNumber(cell: Cell): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  const t = cell.trim();
  if (GROUPED_INTEGER.test(t)) return Number(t.replace(/,/g, ""));
  if (PLAIN_NUMBER.test(t)) return Number(t);
  return undefined;
}

/** A whole, non-negative count; "1,234" and " 12 " are fine, "-3", "12.5" and "n/a" are not. */
export function parseCount(cell: Cell): CountParse {
  if (isCellError(cell)) return { ok: false, reason: `is the error ${cell.error}` };
  if (typeof cell === "string" && isSuppressed(cell))
    return { ok: false, suppressed: { upTo: suppressedUpTo(cell) }, reason: `"${cell.trim()}" is a suppressed value` };
  const n = parseNumber(cell);
  if (n === undefined) {
    if (cell instanceof Date) return { ok: false, reason: "is a date, not a count" };
    return { ok: false, reason: `"${String(cell).trim()}" is not a number` };
  }
  if (n < 0) return { ok: false, reason: `${n} is negative` };
  if (!Number.isInteger(n)) return { ok: false, reason: `${n} is not a whole number` };
  if (n > MAX_COUNT)
    return {
      ok: false,
      reason: `${n.toLocaleString("en-GB")} is more than any return's row holds (at most ${MAX_COUNT.toLocaleString("en-GB")})`,
    };
  return { ok: true, value: n };
}

export function parseDecile(cell: Cell): number | undefined {
  const n = parseNumber(cell);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 10 ? n : undefined;
}

/** Words that turn a category into its opposite or leave it open: "not deliberate", "arson ruled out". */
const NEGATIONS = [" not ", " non ", " no ", " never ", " ruled out ", " excluded ", " unlikely "];

/**
 * The canonical value ("Deliberate") a cell's text stands for, when the field has a list: the one
 * category whose phrases it holds. Text naming two categories ("Accidental - not deliberate") or
 * negating one ("Non-deliberate", "Arson ruled out") stands for none, and is reported, never counted.
 */
export function canonicalValue(values: readonly FieldValue[], text: string): string | undefined {
  let rest = ` ${normaliseName(text)} `;
  const found = new Set<string>();
  for (const v of values) {
    for (const m of v.match) {
      const at = rest.indexOf(` ${m}`);
      if (at < 0) continue;
      found.add(v.value);
      // The category's own words ("not known") are no negation of it.
      const end = rest.indexOf(" ", at + m.length + 1);
      rest = `${rest.slice(0, at)}${rest.slice(end < 0 ? rest.length : end)}`;
    }
  }
  if (found.size !== 1 || NEGATIONS.some((n) => rest.includes(n))) return undefined;
  return [...found][0];
}
