/*
 * A partner's return opened from disk in the pane: read locally from its bytes with the same
 * readers as the command line, checked like a sheet of the workbook, and, when the user asks,
 * turned into rows to copy into the workbook. Nothing here touches the workbook or the network.
 */
import { Cell, SheetData } from "../engine/read/cells";
import { CsvRead, csvSheet } from "../engine/read/csv";
import { excelSerialFromDate } from "../engine/read/dates";
import { gridOf, rowCountOf } from "../engine/read/grid";
import { Finding } from "../engine/findings/findings";
import { Outcome } from "../engine/findings/outcome";
import { readXlsxBytes, XLSX_LIMITS } from "../engine/read/xlsx";
import { WrittenCell } from "../common/workbookPort";
import { InputError } from "../common/errors";
import { BudgetedCsv, ReadBudget } from "../common/readBudget";
import { ENCODING_LABEL, sniffEncoding } from "../engine/read/encoding";
import { checkSheet, kindOfSheet, SheetCheckRequest } from "./openWorkbook";
import { failed } from "../engine/findings/outcome";

/** What one file may hold when read in the pane: a return, not a data warehouse. */
export const PANE_FILE_LIMITS = {
  fileBytes: 512 * 1024 ** 2,
  ...XLSX_LIMITS,
};

export type FileFormat = "xlsx" | "csv";

/** The format a file's name says it is in, or why it cannot be read. */
export function fileFormat(name: string): Outcome<{ format: FileFormat }> {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) return { ok: true, format: "xlsx" };
  if ([".csv", ".txt", ".tsv"].some((e) => lower.endsWith(e))) return { ok: true, format: "csv" };
  if ([".xls", ".xlsb", ".ods"].some((e) => lower.endsWith(e))) return failed("old-workbook-format", { file: name });
  return failed("not-a-return-file", { file: name });
}

/** Decodes bytes a slice at a time, as the browser's TextDecoder does with `{ stream: true }`. */
export interface StreamDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

export interface FileReadRequest {
  name: string;
  bytes: Uint8Array;
  /** A decoder for CSV bytes: the browser's TextDecoder with the encoding the bytes show. */
  decoder: (bytes: Uint8Array) => StreamDecoder;
  onProgress?: (fraction: number) => void;
  /** What the read may spend; one file's read is one run of the pane's worker. */
  budget?: ReadBudget;
}

/** CSV text is decoded and read in slices this long: never one string of the whole file, which may be past what a string can hold. */
const CSV_SLICE = 1 << 20;

/** A CSV's bytes read a slice at a time, its rows and cells spent from the budget as they are read. */
export function readCsvBytes(
  name: string,
  bytes: Uint8Array,
  decoder: StreamDecoder,
  budget: ReadBudget,
  onProgress?: (fraction: number) => void,
): CsvRead {
  const csv = new BudgetedCsv(name, budget);
  for (let i = 0; i < bytes.length; i += CSV_SLICE) {
    csv.push(decoder.decode(bytes.subarray(i, i + CSV_SLICE), { stream: true }));
    onProgress?.(Math.min(1, (i + CSV_SLICE) / bytes.length));
  }
  csv.push(decoder.decode());
  const read = csv.finish();
  onProgress?.(1);
  return read;
}

/** The sheets of a return file, read from its bytes. */
export function readReturnFile(request: FileReadRequest): Outcome<{ sheets: SheetData[] }> {
  const format = fileFormat(request.name);
  if (!format.ok) return format;
  if (request.bytes.length > PANE_FILE_LIMITS.fileBytes)
    return failed("file-limit", {
      file: request.name,
      limit: `${PANE_FILE_LIMITS.fileBytes / 1024 ** 2} MB`,
      what: "the pane to read at once",
      advice: "Check it with the command line (riskmatrix validate), which reads files of any size.",
    });
  const budget = request.budget ?? new ReadBudget();
  try {
    if (format.format === "csv") {
      const read = readCsvBytes(request.name, request.bytes, request.decoder(request.bytes), budget, request.onProgress);
      const sheet = request.name.replace(/\.(csv|txt|tsv)$/i, "");
      return { ok: true, sheets: [csvSheet(request.name, sheet, read)] };
    }
    const read = readXlsxBytes(request.bytes, request.name, {
      limits: PANE_FILE_LIMITS,
      onProgress: request.onProgress,
      onRows: (rows, cells) => budget.spend(request.name, rows, cells),
      onInflated: (n) => budget.inflate(request.name, n),
    });
    if (!read.ok) return read;
    if (!read.sheets.length) return failed("no-worksheets", { file: request.name });
    return read;
  } catch (e) {
    if (e instanceof InputError) return { ok: false, ...e.problem };
    throw e;
  }
}

/**
 * The sheet of a file to check: the first visible one whose headers show the kind asked for (any
 * kind when none was), else such a hidden one (the check then says it is hidden), else the first
 * visible sheet.
 */
export function returnSheetOf(sheets: readonly SheetData[], kind?: string): SheetData {
  const fits = (s: SheetData) => (kind ? kindOfSheet(s) === kind : kindOfSheet(s) !== undefined);
  const visible = sheets.filter((s) => !s.hidden);
  return visible.find(fits) ?? sheets.find(fits) ?? visible[0] ?? sheets[0];
}

/** What the pane shows of a check: small enough to pass between threads, whatever the return's size. */
export interface CheckSummary {
  file?: string;
  sheet: string;
  /** Sheets of the file that were not checked. */
  otherSheets: string[];
  kind?: string;
  rows: number;
  rowsRead?: number;
  accepted?: number;
  excluded?: number;
  rejected?: number;
  findings: Finding[];
  geography?: string;
}

export function summariseCheck(
  sheet: SheetData,
  others: readonly SheetData[],
  checked: ReturnType<typeof checkSheet>,
): Outcome<{ summary: CheckSummary }> {
  if (!checked.ok) return checked;
  const ret = checked.check?.returns[0];
  return {
    ok: true,
    summary: {
      file: sheet.file,
      sheet: sheet.sheet,
      otherSheets: others.filter((s) => s !== sheet).map((s) => s.sheet),
      kind: checked.kind,
      rows: rowCountOf(sheet),
      rowsRead: ret?.rowsRead,
      accepted: ret?.accepted,
      excluded: ret?.excluded,
      rejected: ret?.rejected,
      findings: checked.check?.findings ?? [],
      geography: checked.check?.geography,
    },
  };
}

/** Checks the return in a file's sheets: the sheet chosen as `returnSheetOf` says. */
export function checkReturnFile(
  sheets: readonly SheetData[],
  request: Omit<SheetCheckRequest, "sheet">,
): Outcome<{ summary: CheckSummary }> {
  const sheet = returnSheetOf(sheets, request.kind);
  return summariseCheck(sheet, sheets, checkSheet({ ...request, sheet }));
}

/** A name Excel accepts for the sheet a file is copied into: none of []:*?/\, no apostrophe at either end, at most 31 characters. */
export function copySheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .slice(0, 31)
    .trim();
  return !cleaned || cleaned.toLowerCase() === "history" ? "Return" : cleaned;
}

/** A cell as it is copied into the workbook: dates as dates, errors and text as text (never a formula). */
/** Rows from..from+count of a sheet, as they are written into a sheet, and how many rows it has: a page at a time, never every row at once. */
export function copiedRows(sheet: SheetData | undefined, from: number, count: number): { rows: WrittenCell[][]; total: number } {
  if (!sheet) return { rows: [], total: 0 };
  const grid = gridOf(sheet);
  const rows: WrittenCell[][] = [];
  for (let r = from; r < Math.min(grid.length, from + count); r++) rows.push(Array.from(grid.row(r), copiedCell));
  return { rows, total: grid.length };
}

export function copiedCell(c: Cell): WrittenCell {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : { date: excelSerialFromDate(c) };
  if (typeof c === "object") return c.error;
  return c;
}

/** The WHATWG label of the encoding a text file's bytes show, for the browser's TextDecoder. */
export function encodingLabelOf(bytes: Uint8Array): string {
  return ENCODING_LABEL[sniffEncoding(bytes)];
}
