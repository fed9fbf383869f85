/** The part of Excel's CustomFunctions runtime the functions use: an Error carrying a code and a message. */
class StubError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export function installCustomFunctionsStub(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: StubError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      invalidNumber: "#NUM!",
      divisionByZero: "#DIV/0!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
    associate: () => undefined,
  };
}

/** Runs a function and returns the Excel error it raised (code and message). */
export function excelError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error("expected an Excel error");
}

/** Awaits a function's promise and returns the Excel error it was rejected with. */
export async function rejection(result: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await result;
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error("expected an Excel error");
}
