/*
 * Every finding the engine can report, each worded from its facts, gathered from the catalogue's
 * rooms. Codes are stable: partners' own checks, the tests and the JSON report rely on them. A new
 * check gets an entry in the room it is about, and the corpus test then demands a case that
 * produces it.
 */
import { CatalogueEntry } from "./catalogueEntry";
import { COVERAGE_FINDINGS } from "./catalogueCoverage";
import { FILE_FINDINGS } from "./catalogueFiles";
import { PLACE_FINDINGS } from "./cataloguePlaces";
import { ROW_FINDINGS } from "./catalogueRows";
import { STRUCTURE_FINDINGS } from "./catalogueStructure";
import { VALUE_FINDINGS } from "./catalogueValues";
import { REQUEST_PROBLEMS } from "./catalogueRequests";

export type { CatalogueEntry, FindingParams, FindingTag, Grouped, ParamValue } from "./catalogueEntry";

export const FINDING_CATALOGUE = {
  ...FILE_FINDINGS,
  ...STRUCTURE_FINDINGS,
  ...ROW_FINDINGS,
  ...VALUE_FINDINGS,
  ...PLACE_FINDINGS,
  ...COVERAGE_FINDINGS,
};

export type FindingCode = keyof typeof FINDING_CATALOGUE;

/** The facts a finding of a code is worded from. */
export type ParamsOf<C extends FindingCode> = (typeof FINDING_CATALOGUE)[C] extends CatalogueEntry<infer P> ? P : never;

export const FINDING_CODES = Object.keys(FINDING_CATALOGUE) as FindingCode[];

export function catalogueEntry<C extends FindingCode>(code: C): CatalogueEntry<ParamsOf<C>> {
  return FINDING_CATALOGUE[code] as unknown as CatalogueEntry<ParamsOf<C>>;
}

/** The problems a request itself can have (a file that cannot be read, an unknown district): the catalogue's request room. */
export const PROBLEM_CATALOGUE = REQUEST_PROBLEMS;

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

export type ProblemParamsOf<C extends ProblemCode> = (typeof PROBLEM_CATALOGUE)[C] extends CatalogueEntry<infer P> ? P : never;

/** A request problem's message and fix in words, from its facts. */
export function problemWords<C extends ProblemCode>(code: C, params: ProblemParamsOf<C>): { message: string; fix: string } {
  const e = PROBLEM_CATALOGUE[code] as unknown as CatalogueEntry<ProblemParamsOf<C>>;
  return { message: e.message(params), fix: e.fix(params) };
}

/** A code's message and fix in words, from its facts. */
export function wordsOf<C extends FindingCode>(code: C, params: ParamsOf<C>): { message: string; fix: string } {
  const e = catalogueEntry(code);
  return { message: e.message(params), fix: e.fix(params) };
}
