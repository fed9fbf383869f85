import type { Finding, Remedy } from "../engine/findings/findings";
import { fixInWords } from "../app/present";
import type { Problem } from "../engine/findings/outcome";

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
