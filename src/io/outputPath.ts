import * as fs from "fs";
import * as path from "path";
import { InputError, UsageError } from "../common/errors";
import { problem } from "../engine/findings/outcome";

function identity(file: string): { dev: number; ino: number; real: string; folder: boolean } | undefined {
  try {
    const st = fs.statSync(file);
    return { dev: st.dev, ino: st.ino, real: fs.realpathSync(file), folder: st.isDirectory() };
  } catch {
    return undefined;
  }
}

/**
 * Refuses an output that is not a file of the expected type, that is one of the files being
 * read, or, the one rule for every output, that exists already unless `--replace` was given. Files are compared by identity (device and inode) and real path, so a symlink, a hard
 * link or another spelling on a case-insensitive disk is still the same file.
 */
export function checkOutput(out: string, option: string, extensions: readonly string[], inputs: readonly string[], replace = false): void {
  if (!out.trim()) throw new UsageError(`${option} needs a file name.`);
  if (!extensions.some((e) => out.toLowerCase().endsWith(e)))
    throw new UsageError(`${option} ${out}: the file must end in ${extensions.join(" or ")}; nothing else is written.`);
  const target = identity(out);
  if (!target) return;
  if (target.folder) throw new UsageError(`${option} ${out} is a folder; give a file name inside it.`);
  for (const input of inputs) {
    const other = identity(input);
    if (other && ((other.dev === target.dev && other.ino === target.ino) || other.real === target.real))
      throw new UsageError(
        `${option} ${out} is ${path.resolve(input)}, one of the files being read; inputs are never overwritten. Choose another name.`,
      );
  }
  if (!replace) throw new InputError(problem("output-exists", { file: out }));
}
