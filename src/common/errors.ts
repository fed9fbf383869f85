import { Problem } from "../engine/findings/outcome";

/**
 * The exceptions the front ends and the adapters throw. The engine throws none: it returns an
 * Outcome or findings. Anything else thrown is a defect.
 */

/** The user's inputs cannot be used as given; the problem (a code of the catalogue's request room) says why and what to do. */
export class InputError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** The command line was not called as its usage says. */
export class UsageError extends Error {}

/** The user cancelled a long read or write; nothing was changed. */
export class CancelledError extends Error {
  constructor() {
    super("Cancelled.");
  }
}

/**
 * Excel refused a request: the message says what happened in plain words, the code (ItemNotFound,
 * InvalidArgument, ...) and Excel's own message go in a details line.
 */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly excelMessage?: string,
  ) {
    super(message);
  }

  get details(): string {
    return `Excel's code: ${this.code}${this.excelMessage ? ` (${this.excelMessage})` : ""}`;
  }
}

export function isCancelled(e: unknown): e is CancelledError {
  return e instanceof CancelledError;
}
