import type { Remedy } from "./findings";

/**
 * Why something asked of the engine cannot be done: words for the person who asked, what to do
 * about it, and the particulars when there are several. Findings are about the inputs' contents;
 * a problem is about the request itself (a criteria file that does not parse, an unknown district).
 */
export interface Problem {
  message: string;
  fix?: string;
  /** Each of several problems, when `message` sums them up. */
  details?: string[];
  remedies?: Remedy[];
}

/** The one result shape of the engine's fallible steps: what was asked for, or the problem. */
export type Outcome<T extends object> = ({ ok: true } & T) | ({ ok: false } & Problem);

/** A problem as one paragraph: the message, each detail on its own line, then the fix. */
export function problemText(p: Problem, fix: string | undefined = p.fix): string {
  return [p.message, ...(p.details ?? []).map((d) => `  ${d}`), ...(fix ? [`Fix: ${fix}`] : [])].join("\n");
}
