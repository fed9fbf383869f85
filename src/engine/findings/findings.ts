import { columnLetter, quoteSheetName } from "../read/cells";
import { catalogueEntry, FindingCode, FindingParams, ParamsOf, ParamValue, wordsOf } from "./findingCatalogue";

export type Severity = "error" | "warning" | "info";
export type { FindingCode } from "./findingCatalogue";

/** Where in its sheet a finding is, 0-based: one cell, a block of whole rows, or a range. */
export type Location =
  | { kind: "cell"; row: number; col: number }
  | { kind: "rows"; first: number; last: number }
  | { kind: "range"; r1: number; c1: number; r2: number; c2: number };

/**
 * Something a front end can offer to put a finding right. The engine names the action; the
 * command line words it as a flag and the task pane as a control.
 */
export type Remedy =
  | { action: "map-field"; kind: string; field?: string; header?: string }
  | { action: "name-kind"; kind: string; file: string }
  | { action: "use-template" }
  | { action: "give-lookup" }
  | { action: "name-district" }
  | { action: "give-weights" }
  | { action: "add-return"; kind: string }
  | { action: "give-end" }
  | { action: "write-criteria" }
  | { action: "allow-overlap" };

/**
 * One problem (or note) about an input, located precisely enough for the person who sent it
 * to find and fix it. `code` is one of the catalogue's and `params` its facts; `message` and
 * `fix` are the catalogue's words for those facts, free of any front end's controls, which
 * `remedies` name instead.
 */
export interface Finding {
  severity: Severity;
  code: FindingCode;
  file: string;
  sheet: string;
  at?: Location;
  /** `at` as an A1 reference (Fires!C14, Fires!20:25), or "" for the whole file. */
  cell: string;
  message: string;
  fix: string;
  /** The facts the message and fix are worded from. */
  params: FindingParams;
  remedies?: Remedy[];
}

export interface FindingInput<C extends FindingCode> {
  file: string;
  sheet: string;
  at?: Location;
  params: ParamsOf<C>;
  remedies?: Remedy[];
  /** Only the catalogue's other severity for the code. */
  severity?: Severity;
}

/** The longest message or fix a finding carries: a cell's whole text (10 MB) is never echoed. */
export const MESSAGE_LIMIT = 1_000;

/** The facts as the report carries them: each text clipped as a message is, a long list cut to its first hundred. */
function clippedParams(params: FindingParams): FindingParams {
  const out: Record<string, ParamValue | undefined> = {};
  for (const [k, v] of Object.entries(params))
    out[k] =
      typeof v === "string"
        ? clipped(v)
        : Array.isArray(v)
          ? ((v as readonly (string | number)[]).slice(0, 100).map((x) => (typeof x === "string" ? clipped(x) : x)) as ParamValue)
          : v;
  return out;
}

function clipped(text: string): string {
  return text.length <= MESSAGE_LIMIT
    ? text
    : `${text.slice(0, MESSAGE_LIMIT)}… (${(text.length - MESSAGE_LIMIT).toLocaleString("en-GB")} more characters)`;
}

/** "C14", "20:25" or "C1:D1". */
export function addressOf(at: Location): string {
  switch (at.kind) {
    case "cell":
      return `${columnLetter(at.col)}${at.row + 1}`;
    case "rows":
      return `${at.first + 1}:${at.last + 1}`;
    case "range":
      return `${columnLetter(at.c1)}${at.r1 + 1}:${columnLetter(at.c2)}${at.r2 + 1}`;
  }
}

export function referenceOf(sheet: string, at: Location | undefined): string {
  return at ? `${quoteSheetName(sheet)}!${addressOf(at)}` : "";
}

export const cellAt = (row: number, col: number): Location => ({ kind: "cell", row, col });
export const rowsAt = (first: number, last = first): Location => ({ kind: "rows", first, last });

/** A finding of a catalogued code, worded from its facts, with the catalogue's severity unless the code allows another. */
export function finding<C extends FindingCode>(code: C, input: FindingInput<C>): Finding {
  const entry = catalogueEntry(code);
  const severity = input.severity ?? entry.severity;
  if (severity !== entry.severity && severity !== entry.otherwise?.severity) {
    throw new Error(`The finding ${code} cannot be of severity ${severity}.`);
  }
  const { at, params, remedies } = input;
  const words = wordsOf(code, params);
  return {
    severity,
    code,
    file: input.file,
    sheet: input.sheet,
    ...(at ? { at } : {}),
    cell: referenceOf(input.sheet, at),
    message: clipped(words.message),
    fix: clipped(words.fix),
    params: clippedParams(params),
    ...(remedies?.length ? { remedies } : {}),
  };
}

/** A finding's (or a problem's) fix followed by a front end's words for its remedies. */
export function fixInWords(f: { fix?: string; remedies?: Remedy[] }, words: (r: Remedy) => string): string {
  return [f.fix, ...(f.remedies ?? []).map(words)].filter((t) => t).join(" ");
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
