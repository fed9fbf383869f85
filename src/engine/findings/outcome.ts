import type { Remedy } from "./findings";
import { FindingParams, ProblemCode, ProblemParamsOf, problemWords } from "./findingCatalogue";

/**
 * Why something asked of the engine cannot be done: a code of the catalogue's request room, the
 * facts it is worded from, words for the person who asked, what to do about it, and the
 * particulars when there are several. Findings are about the inputs' contents; a problem is
 * about the request itself (a criteria file that does not parse, an unknown district).
 */
export interface Problem {
  code: ProblemCode;
  params: FindingParams;
  message: string;
  fix?: string;
  /** Each of several problems, when `message` sums them up. */
  details?: string[];
  remedies?: Remedy[];
}

/** A problem of a catalogued code, worded from its facts. */
export function problem<C extends ProblemCode>(
  code: C,
  params: ProblemParamsOf<C>,
  extras: Pick<Problem, "details" | "remedies"> = {},
): Problem {
  return { code, params, ...problemWords(code, params), ...extras };
}

/** The same, as the failed side of an Outcome. */
export function failed<C extends ProblemCode>(
  code: C,
  params: ProblemParamsOf<C>,
  extras: Pick<Problem, "details" | "remedies"> = {},
): { ok: false } & Problem {
  return { ok: false, ...problem(code, params, extras) };
}
/**
 * The reading of a short text the user wrote (a rule, a risk key, a row of weights), or why it is
 * not one: its message becomes a detail of the request's problem (criteria with problems).
 */
export type TextCheck<T extends object> = ({ ok: true } & T) | { ok: false; message: string };

/** The one result shape of the engine's fallible steps: what was asked for, or the problem. */
export type Outcome<T extends object> = ({ ok: true } & T) | ({ ok: false } & Problem);

/** A problem as one paragraph: the message, each detail on its own line, then the fix. */
export function problemText(p: Problem, fix: string | undefined = p.fix): string {
  return [p.message, ...(p.details ?? []).map((d) => `  ${d}`), ...(fix ? [`Fix: ${fix}`] : [])].join("\n");
}
