import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { Cell, SheetData } from "../engine/cells";
import { parseCsv } from "../engine/csv";
import { InputError } from "../shared/errors";

/** Above this size an .xlsx is streamed row by row instead of loaded whole (merges are then unknown). */
const STREAM_ABOVE_BYTES = 20 * 1024 * 1024;

/** Converts what exceljs holds in a cell to an engine cell: formulas give their cached result. */
export function cellFromExcel(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  const v = value as unknown as Record<string, unknown>;
  if (typeof v.error === "string") return { error: v.error };
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) return cellFromExcel((v.result ?? null) as ExcelJS.CellValue);
  if (typeof v.text === "string") return v.text;
  return null;
}

function rowValues(row: ExcelJS.Row): Cell[] {
  // exceljs's row.values is 1-based; index 0 is always empty.
  const values = row.values as ExcelJS.CellValue[];
  const out = new Array<Cell>(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) out[i - 1] = cellFromExcel(values[i]);
  return out;
}

export async function readXlsx(file: string, label = file): Promise<SheetData[]> {
  const size = fs.statSync(file).size;
  if (size > STREAM_ABOVE_BYTES) return readXlsxStreaming(file, label);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new InputError(
      `${label} could not be read as an .xlsx workbook (${(e as Error).message}).`,
      "Save it from Excel as an .xlsx workbook (not .xls or .xlsb) and try again.",
    );
  }
  const sheets: SheetData[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = rowValues(row);
      // exceljs repeats a merged range's value in every cell of it; Excel keeps it in the first only.
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.isMerged && cell.master !== cell) values[col - 1] = null;
      });
      rows[n - 1] = values;
    });
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    const merges = ((ws as unknown as { model: { merges?: string[] } }).model.merges ?? []).slice();
    sheets.push({ file: label, sheet: ws.name, rows, merges });
  });
  return sheets;
}

/** Streams a workbook of any size (up to Excel's 1,048,576 rows) without building its model in memory. */
export async function readXlsxStreaming(file: string, label = file): Promise<SheetData[]> {
  const sheets: SheetData[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  for await (const ws of reader) {
    const rows: Cell[][] = [];
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) rows[row.number - 1] = rowValues(row);
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    const name = (ws as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`;
    sheets.push({ file: label, sheet: name, rows });
  }
  return sheets;
}

export function readCsvFile(file: string, label = file): SheetData[] {
  return csvSheets(fs.readFileSync(file), file, label);
}

function csvSheets(bytes: Buffer, name: string, label: string): SheetData[] {
  const buf = name.toLowerCase().endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes;
  const text = decodeText(buf);
  const base = path
    .basename(name)
    .replace(/\.gz$/i, "")
    .replace(/\.(csv|txt)$/i, "");
  return [{ file: label, sheet: base, rows: parseCsv(text) }];
}

/** What a .zip may inflate to: a force's three years of data.police.uk files are about 600 MB. */
const ZIP_INFLATED_LIMIT = 4 * 1024 * 1024 * 1024;

/** The returns inside a .zip (a data.police.uk download), each labelled zip/entry, in name order. */
export async function readZipEntries(file: string): Promise<{ file: string; sheets: SheetData[] }[]> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(fs.readFileSync(file), {
      filter: (f) => {
        if (!isInputFile(f.name) || f.name.toLowerCase().endsWith(".zip")) return false;
        total += f.originalSize;
        if (total > ZIP_INFLATED_LIMIT)
          throw new InputError(
            `${file} would inflate to more than 4 GB.`,
            "Unzip it yourself and give the folder, or download fewer months at a time.",
          );
        return true;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `${file} could not be read as a .zip archive (${(e as Error).message}).`,
      "Download it again; an interrupted download leaves a damaged archive.",
    );
  }
  const out: { file: string; sheets: SheetData[] }[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-zip-"));
  try {
    for (const name of Object.keys(entries).sort()) {
      const label = `${file}/${name}`;
      const bytes = Buffer.from(entries[name]);
      if (name.toLowerCase().endsWith(".xlsx")) {
        // exceljs reads workbooks from files; the entry is written to a private temporary folder for it.
        const xlsx = path.join(tmp, `${out.length}.xlsx`);
        fs.writeFileSync(xlsx, bytes);
        out.push({ file: label, sheets: await readXlsx(xlsx, label) });
      } else out.push({ file: label, sheets: csvSheets(bytes, name, label) });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

/** UTF-8 (with or without a byte-order mark), or Windows-1252 when the bytes are not valid UTF-8. */
function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder("windows-1252").decode(buf);
  }
}

export const INPUT_EXTENSIONS = [".csv", ".xlsx", ".csv.gz", ".zip"];

export function isInputFile(file: string): boolean {
  const f = file.toLowerCase();
  return INPUT_EXTENSIONS.some((e) => f.endsWith(e)) && !path.basename(f).startsWith("~$");
}

/** Reads a .csv (optionally gzipped) or .xlsx into sheets. */
export async function readSheets(file: string): Promise<SheetData[]> {
  if (!fs.existsSync(file)) throw new InputError(`${file} does not exist.`, "Check the path.");
  const lower = file.toLowerCase();
  if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) return readXlsx(file);
  if (lower.endsWith(".csv") || lower.endsWith(".csv.gz") || lower.endsWith(".txt")) return readCsvFile(file);
  if (lower.endsWith(".xls") || lower.endsWith(".xlsb") || lower.endsWith(".ods")) {
    throw new InputError(
      `${file} is an old or non-Excel workbook format.`,
      "Open it in Excel and save it as .xlsx (or export the sheet as .csv).",
    );
  }
  throw new InputError(`${file} is not a .csv or .xlsx file.`, "Give returns as .xlsx workbooks or .csv files.");
}

/**
 * A folder stands for the returns inside it and in its sub-folders (a quarter's returns, or a
 * data.police.uk download with one folder per month), in name order.
 */
export function expandInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (isInputFile(entry.name)) out.push(full);
    }
  };
  for (const p of paths) {
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/** Each file a path stands for, read into sheets: a folder's files, a .zip's entries, or the file itself. */
export async function readInputFiles(target: string): Promise<{ file: string; sheets: SheetData[] }[]> {
  const out: { file: string; sheets: SheetData[] }[] = [];
  for (const file of expandInputs([target])) {
    if (file.toLowerCase().endsWith(".zip")) out.push(...(await readZipEntries(file)));
    else out.push({ file, sheets: await readSheets(file) });
  }
  return out;
}
