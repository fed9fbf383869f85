import * as fs from "fs";
import * as path from "path";
import { randomBytes } from "crypto";
import ExcelJS from "exceljs";
import { InputError } from "../common/errors";
import { problem } from "../engine/findings/outcome";

/** Temporary files being written now: removed however the program ends. */
const pending = new Set<string>();

function removePending(): void {
  for (const tmp of pending) fs.rmSync(tmp, { force: true });
  pending.clear();
}

let cleanupRegistered = false;

/** Removes half-written files on any exit, including Ctrl+C and a polite kill (a hard kill leaves nothing to run). */
function registerCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.once("exit", removePending);
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)
    process.once(signal, () => {
      removePending();
      process.exit(code);
    });
}

/** A failed write as the user's problem: which file, why, what to do. */
export function writeProblem(out: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "the folder may not be written to"
      : code === "EISDIR"
        ? "it is a folder"
        : code === "ENOSPC"
          ? "the disk is full"
          : code === "ENOENT" || code === "ENOTDIR"
            ? "its folder does not exist"
            : code === "ENAMETOOLONG"
              ? "its name is longer than the file system allows"
              : (e as Error).message;
  return new InputError(problem("output-unwritable", { file: out, why }));
}

/** Writes a file beside its final place under a temporary name, then moves it there: a failed or interrupted write leaves nothing behind. */
export async function writeAtomically(out: string, write: (tmp: string) => Promise<void> | void): Promise<void> {
  registerCleanup();
  const dir = path.dirname(path.resolve(out));
  // A short name of its own, so an output's name as long as the file system allows still has room beside it.
  const tmp = path.join(dir, `.riskmatrix-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  pending.add(tmp);
  try {
    fs.mkdirSync(dir, { recursive: true });
    await write(tmp);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e instanceof InputError ? e : writeProblem(out, e);
  } finally {
    pending.delete(tmp);
  }
}

/** Writes text or bytes to a file as writeAtomically does: all of it, or nothing. */
export async function writeFileAtomically(out: string, content: string | Uint8Array): Promise<void> {
  await writeAtomically(out, (tmp) => fs.writeFileSync(tmp, content, { flag: "wx" }));
}

export async function saveWorkbook(wb: ExcelJS.Workbook, out: string): Promise<void> {
  await writeAtomically(out, (tmp) => wb.xlsx.writeFile(tmp));
}
