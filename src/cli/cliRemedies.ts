import type { Finding, Remedy } from "../engine/findings/findings";
import { fixInWords } from "../app/present";
import type { Problem } from "../engine/findings/outcome";
import { InputError, UsageError } from "../common/errors";

/** A remedy as the command line offers it: the flag or argument that applies it. */
export function remedyInFlags(r: Remedy): string {
  switch (r.action) {
    case "map-field":
      if (r.field) return `Or map your own header with --map ${r.kind}.${r.field}=HEADER.`;
      if (r.header) return `Or map it with --map ${r.kind}.FIELD="${r.header}" if it holds one of those fields.`;
      return "Headers are mapped with --map KIND.FIELD=HEADER.";
    case "name-kind":
      return `Name the kind before the file: ${r.kind}=${r.file}.`;
    case "use-template":
      return "Templates: riskmatrix template KIND.";
    case "give-lookup":
      return "Lookups are given with --lookup FILE.";
    case "name-district":
      return 'Give --district NAME (e.g. --district "South Cambridgeshire").';
    case "give-weights":
      return "Give the table with --weights FILE.";
    case "add-return":
      return `Give it as ${r.kind}=FILE.xlsx.`;
    case "give-end":
      return "Give the last month of the data with --end YYYY-MM (e.g. --end 2025-09).";
    case "write-criteria":
      return "To edit them first: riskmatrix criteria --district NAME --lookup FILE --end YYYY-MM --out FILE.";
    case "allow-overlap":
      return "If they are meant to be summed, add --allow-overlap.";
  }
}

export const fixForCli = (f: Finding): string => fixInWords(f, remedyInFlags);

/** A problem with the command line's words for its remedies. */
export function problemForCli(p: Problem): { message: string; fix: string } {
  return { message: [p.message, ...(p.details ?? []).map((d) => `  ${d}`)].join("\n"), fix: fixInWords(p, remedyInFlags) };
}

/** How a run that failed ends: its exit status, the words for the terminal, and the `error` object of --json. */
export interface CliFailure {
  exit: number;
  text: string;
  json: Record<string, unknown>;
}

/**
 * Any failure of a run in the command line's words: a usage mistake (exit 2, with the usage), a
 * problem with the request (exit 1, its code, words and fix), or a defect nobody foresaw (exit
 * 70, one line asking for a report, never a stack trace).
 */
export function failureForCli(e: unknown, usage: string): CliFailure {
  if (e instanceof UsageError) return { exit: 2, text: `${e.message}\n\n${usage}`, json: { message: e.message, usage } };
  if (e instanceof InputError) {
    const { message, fix } = problemForCli(e.problem);
    return {
      exit: 1,
      text: `${message}${fix ? `\n  Fix: ${fix}` : ""}`,
      json: { code: e.problem.code, message, fix, params: e.problem.params },
    };
  }
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const message = `riskmatrix stopped on an unexpected problem (${what.replace(/\s+/g, " ").slice(0, 300)}). Nothing was written. Please report it, with the command you ran.`;
  return { exit: 70, text: message, json: { message, internal: true } };
}
