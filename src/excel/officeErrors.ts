/*
 * Office.js rejects with an error carrying a code (Excel.ErrorCodes) and a message written for
 * developers. The pane shows what happened in plain words, chosen by the code, and keeps the
 * code and Excel's own message for a details line that support can ask for.
 */
import { WorkbookError } from "../common/errors";
import { isPayloadError } from "./payload";

const IN_WORDS: Record<string, string> = {
  ItemNotFound:
    "Something the add-in was using is no longer in the workbook: a sheet, cell or comment was deleted or renamed meanwhile. Refresh the list of sheets and try again.",
  InvalidArgument: "Excel did not accept what the add-in asked of it (an address, a name or a value it cannot hold).",
  InvalidReference: "A reference the add-in used does not point at cells this workbook has.",
  InvalidSelection: "This needs one range selected; select a single cell or range and try again.",
  ItemAlreadyExists: "A sheet or item of that name already exists in the workbook.",
  InvalidOperationInCellEditMode: "Excel is editing a cell. Press Enter or Esc to finish, then try again.",
  InvalidOperation:
    "Excel cannot do this in the workbook's present state (a protected, shared or filtered sheet, or a merged range in the way).",
  AccessDenied:
    "The workbook or the sheet is protected or read-only, so the add-in cannot change it. Unprotect it (Review > Unprotect) or save a copy, then try again.",
  UnsupportedSheet: "This kind of sheet (e.g. a chart or macro sheet) cannot be read as cells.",
  ApiNotFound: "This version of Excel does not have a feature this needs. Update Office, or use Excel on the web.",
  NotImplemented: "This version of Excel does not have a feature this needs. Update Office, or use Excel on the web.",
  UnsupportedOperation: "This version of Excel does not support this operation.",
  Conflict: "Someone else changed the workbook at the same moment. Try again.",
  InsertDeleteConflict: "Rows or columns were inserted or deleted at the same moment. Try again.",
  MergedRangeConflict: "A merged range is in the way. Unmerge the cells and try again.",
  FilteredRangeConflict: "A filter is in the way. Clear the filter and try again.",
  ActivityLimitReached: "Excel has reached a limit on how much it can do at once. Wait a moment and try again.",
  RequestAborted: "Excel stopped the request before it finished. Try again.",
  ServiceNotAvailable: "Excel's service is not available just now. Wait a moment and try again.",
  Timeout: "Excel took too long to answer. Try again; for a very large sheet, close other workbooks first.",
  Unauthenticated: "You are not signed in to the place this workbook is stored. Sign in and try again.",
  GeneralException: "Excel could not complete the request. Try again; if it keeps failing, close and reopen the workbook.",
};

const PAYLOAD =
  "The data was more than Excel (on the web) accepts in one request, even in smaller pieces. Close other workbooks or work on a smaller sheet.";

/** An Office error as a WorkbookError worded by its code; anything else is returned as it was. */
export function inPlainWords(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || e instanceof WorkbookError) return e;
  const said = (e as { message?: unknown }).message;
  const words = isPayloadError(e) ? PAYLOAD : (IN_WORDS[code] ?? "Excel could not complete the request.");
  return new WorkbookError(words, code, typeof said === "string" ? said : undefined);
}
