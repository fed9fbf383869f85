/*
 * One entry of the findings catalogue: what a code means, and how a finding of it is worded from
 * its facts. Call sites give the facts (params); the words are written here once, so the
 * command line, the pane and the JSON report all say the same thing of the same facts.
 */
import type { Severity } from "./findings";

/** What a finding is about, for filtering and for the documentation. */
export type FindingTag =
  | "file"
  | "structure"
  | "rows"
  | "values"
  | "dates"
  | "privacy"
  | "security"
  | "places"
  | "district"
  | "coverage"
  | "duplicates"
  | "harm"
  /** A problem with the request itself, which a front end refuses. */
  | "request";

/** A fact behind a finding, as the JSON report carries it. */
export type ParamValue = string | number | boolean | readonly string[] | readonly number[];

export type FindingParams = { readonly [name: string]: ParamValue | undefined };

/** What a finding grouped over many cells adds to its call site's facts: how many, and the first few listed. */
export type Grouped = {
  count: number;
  /** The first cells or rows, as A1 references, with "and N more". */
  cells: string;
};

export interface CatalogueEntry<P extends FindingParams = FindingParams> {
  /** The usual severity. */
  severity: Severity;
  /** The other severity some findings of this code take, and when. */
  otherwise?: { severity: Severity; when: string };
  title: string;
  description: string;
  tags: readonly FindingTag[];
  message(p: P): string;
  fix(p: P): string;
}

/** An entry whose message and fix are worded from facts of type P. */
export function entry<P extends FindingParams = Record<never, never>>(e: CatalogueEntry<P>): CatalogueEntry<P> {
  return e;
}
