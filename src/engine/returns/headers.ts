import { Cell, cellText, isBlank, SheetData } from "../read/cells";
import { RETURN_KINDS, FieldDef, ReturnKind } from "./returnKinds";
import { normaliseName } from "../read/text";
import { headRows } from "../read/grid";

/** How far down a sheet the header row is looked for (title rows sit above it). */
export const HEADER_SEARCH_ROWS = 30;

export interface HeaderMatch {
  /** Field id -> column index. */
  columns: Map<string, number>;
  /** Columns that matched no field and are not known-and-ignored. */
  unknown: number[];
  /** Columns whose header repeats one already matched to the same field. */
  duplicates: { field: string; col: number; first: number }[];
  /** Columns with no header text. */
  blank: number[];
}

function hasPhrase(header: string, phrase: string): boolean {
  return ` ${header} `.includes(` ${phrase} `);
}

const headerForms = new Map<string, string>();

/** A header in normal form; a sheet's first rows are scored against every field of every kind, so each text is normalised once. */
function normalisedHeader(header: string): string {
  let h = headerForms.get(header);
  if (h === undefined) {
    h = normaliseName(header);
    if (headerForms.size > 50_000) headerForms.clear();
    headerForms.set(header, h);
  }
  return h;
}

const synonymSets = new WeakMap<FieldDef, Set<string>>();

/** A field's synonyms in normal form, computed once per field. */
function normalisedSynonyms(field: FieldDef): Set<string> {
  let set = synonymSets.get(field);
  if (!set) synonymSets.set(field, (set = new Set(field.synonyms.map(normaliseName))));
  return set;
}

/** How well a header names a field: exact synonyms beat keywords; more words beat fewer. */
export function headerScore(field: FieldDef, header: string): number {
  const h = normalisedHeader(header);
  if (!h) return 0;
  if (normalisedSynonyms(field).has(h)) return 1000;
  if (field.notKeywords?.some((w) => hasPhrase(h, w))) return 0;
  // A sentence ("The electoral ward. Example: ...") is a note about a column, not a header.
  if (/\.\s|\.$/.test(header.trim()) && h.split(" ").length > 3) return 0;
  let best = 0;
  for (const set of field.keywords ?? []) {
    if (set.every((p) => hasPhrase(h, p))) {
      const words = set.reduce((n, p) => n + p.split(" ").length, 0);
      best = Math.max(best, words);
    }
  }
  return best;
}

function isIgnoredHeader(kind: ReturnKind, header: string): boolean {
  const h = normaliseName(header);
  return (kind.ignoredHeaders ?? []).some((set) => set.every((p) => hasPhrase(h, p)));
}

/**
 * Matches a header row to a kind's fields. `manual` (field id -> header text) comes from the
 * user's --map and wins over recognition.
 */
export function matchHeaders(
  kind: ReturnKind,
  headerRow: readonly Cell[],
  manual: Record<string, string> = {},
  width = headerRow.length,
): HeaderMatch {
  const headers = headerRow.map((c) => cellText(c));
  const columns = new Map<string, number>();
  const taken = new Set<number>();
  for (const [fieldId, header] of Object.entries(manual)) {
    const col = headers.findIndex((h) => normaliseName(h) === normaliseName(header));
    if (col >= 0 && kind.fields.some((f) => f.id === fieldId)) {
      columns.set(fieldId, col);
      taken.add(col);
    }
  }
  const candidates: { field: string; col: number; score: number }[] = [];
  headers.forEach((h, col) => {
    if (taken.has(col) || !h) return;
    for (const f of kind.fields) {
      if (columns.has(f.id)) continue;
      const score = headerScore(f, h);
      if (score > 0) candidates.push({ field: f.id, col, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const duplicates: HeaderMatch["duplicates"] = [];
  for (const c of candidates) {
    if (taken.has(c.col)) continue;
    const first = columns.get(c.field);
    if (first !== undefined) {
      if (normaliseName(headers[first]) === normaliseName(headers[c.col])) {
        duplicates.push({ field: c.field, col: c.col, first });
        taken.add(c.col);
      }
      continue;
    }
    columns.set(c.field, c.col);
    taken.add(c.col);
  }
  const unknown: number[] = [];
  const blank: number[] = [];
  for (let col = 0; col < Math.max(width, headers.length); col++) {
    const h = headers[col] ?? "";
    if (taken.has(col)) continue;
    if (!h) blank.push(col);
    else if (!isIgnoredHeader(kind, h)) unknown.push(col);
  }
  return { columns, unknown, duplicates, blank };
}

export function missingRequired(kind: ReturnKind, match: HeaderMatch): { required: FieldDef[]; oneOf: FieldDef[][] } {
  const required = kind.fields.filter((f) => f.required && !match.columns.has(f.id));
  const oneOf = (kind.oneOf ?? [])
    .filter((group) => !group.some((id) => match.columns.has(id)))
    .map((group) => group.map((id) => kind.fields.find((f) => f.id === id)!));
  return { required, oneOf };
}

function matchedCount(kind: ReturnKind, row: readonly Cell[]): number {
  return matchHeaders(kind, row).columns.size;
}

/** The row that holds the headers: the one (of the first rows) naming most of the kind's fields. */
export function findHeaderRow(
  kind: ReturnKind,
  rows: readonly (readonly Cell[] | undefined)[],
  manual: Record<string, string> = {},
): number {
  let best = -1;
  let bestCount = 0;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r] ?? [];
    if (row.every(isBlank)) continue;
    const n = Object.keys(manual).length ? matchHeaders(kind, row, manual).columns.size : matchedCount(kind, row);
    if (n > bestCount) {
      best = r;
      bestCount = n;
    }
  }
  return best;
}

export interface KindGuess {
  kind: ReturnKind;
  headerRow: number;
  match: HeaderMatch;
  /** Every column the kind needs, and something that makes it this kind. */
  complete: boolean;
  /** Every column the kind needs, though nothing says it is this kind (date and place columns only). */
  fits: boolean;
  /** What identified the kind ("its "Cause of fire" column"), when something did. */
  identifiedBy?: string;
  score: number;
}

function hintedByName(kind: ReturnKind, names: string): boolean {
  const n = normaliseName(names);
  return kind.nameHints.some((h) => ` ${n} `.includes(` ${normaliseName(h)}`) || n.replace(/ /g, "").includes(h.replace(/ /g, "")));
}

/**
 * What makes a sheet this kind, in words: the header of an identifying column (identifiedBy), or
 * else a file or sheet name that says the kind. Date and place columns alone never do.
 */
export function identifiedAs(kind: ReturnKind, match: HeaderMatch, headerRow: readonly Cell[], named: boolean): string | undefined {
  for (const { field, headerWords } of kind.identifiedBy) {
    const col = match.columns.get(field);
    if (col === undefined) continue;
    const header = cellText(headerRow[col]);
    const h = normaliseName(header);
    if (!headerWords || named || headerWords.some((set) => set.every((p) => hasPhrase(h, p)))) return `its "${header}" column`;
  }
  return named ? "its file or sheet name" : undefined;
}

/** Every kind ranked by how well the sheet fits it, best first. */
export function rankKinds(sheet: SheetData, kinds: readonly ReturnKind[] = RETURN_KINDS): KindGuess[] {
  const names = `${sheet.file.replace(/^.*[\\/]/, "")} ${sheet.sheet}`;
  const head = headRows(sheet, HEADER_SEARCH_ROWS);
  const guesses = kinds.map((kind) => {
    const headerRow = findHeaderRow(kind, head);
    const match = headerRow >= 0 ? matchHeaders(kind, head[headerRow]) : { columns: new Map(), unknown: [], duplicates: [], blank: [] };
    const missing = missingRequired(kind, match);
    const named = hintedByName(kind, names);
    const identifiedBy = headerRow >= 0 ? identifiedAs(kind, match, head[headerRow], named) : undefined;
    const fits = headerRow >= 0 && missing.required.length === 0 && missing.oneOf.length === 0;
    const complete = fits && identifiedBy !== undefined;
    // Unknown columns count against a kind so a sheet with more of its columns explained wins.
    const score = match.columns.size - match.unknown.length * 0.25 + (named ? 0.5 : 0);
    return { kind, headerRow, match, complete, fits, identifiedBy, score };
  });
  return guesses.sort((a, b) => Number(b.complete) - Number(a.complete) || b.score - a.score);
}

/**
 * "ambiguous": several kinds fit equally well, or (`unidentified`) kinds whose columns are all
 * there but nothing says which it is (date and place columns only).
 */
export type KindRecognition =
  | { status: "recognised"; guess: KindGuess }
  | { status: "ambiguous"; candidates: KindGuess[]; unidentified?: boolean; near?: { guess: KindGuess; missing: FieldDef[] }[] }
  | { status: "unrecognised"; best?: KindGuess };

/** Kinds a sheet has several columns of but one required column short: the likeliest to be meant. */
function nearKinds(ranked: readonly KindGuess[]): { guess: KindGuess; missing: FieldDef[] }[] {
  return ranked.flatMap((guess) => {
    if (guess.fits || guess.match.columns.size < 2) return [];
    const missing = missingRequired(guess.kind, guess.match);
    return missing.required.length === 1 && missing.oneOf.length === 0 ? [{ guess, missing: missing.required }] : [];
  });
}

export function recogniseKind(sheet: SheetData, kinds: readonly ReturnKind[] = RETURN_KINDS): KindRecognition {
  const ranked = rankKinds(sheet, kinds);
  const complete = ranked.filter((g) => g.complete);
  if (complete.length === 0) {
    const fitting = ranked.filter((g) => g.fits);
    if (fitting.length) return { status: "ambiguous", candidates: fitting, unidentified: true, near: nearKinds(ranked) };
    return { status: "unrecognised", best: ranked[0]?.match.columns.size ? ranked[0] : undefined };
  }
  const top = complete.filter((g) => g.score === complete[0].score);
  if (top.length > 1) return { status: "ambiguous", candidates: top };
  return { status: "recognised", guess: complete[0] };
}
