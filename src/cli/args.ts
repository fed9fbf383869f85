/** A tiny argument reader: repeated options collect into lists; anything unknown is a usage error. */
import { UsageError } from "../common/errors";

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (flags.includes(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
        out.flags.add(name);
      } else if (valued.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError(`--${name} needs a value.`);
        out.options.set(name, [...(out.options.get(name) ?? []), value]);
      } else {
        throw new UsageError(`Unknown option --${name}.`);
      }
    } else out.positionals.push(a);
  }
  return out;
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} is given more than once.`);
  return v?.[0];
}

/** A line of text for the workbook (a date compiled, a protective marking): one short line, as a cell's heading holds. */
export function singleLine(args: ParsedArgs, name: string, maxChars = 200): string | undefined {
  const v = single(args, name);
  if (v !== undefined && (v.length > maxChars || /[\r\n]/.test(v)))
    throw new UsageError(`--${name} takes one line of at most ${maxChars} characters; this is ${v.length.toLocaleString("en-GB")}.`);
  return v;
}
