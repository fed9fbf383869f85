import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { Gunzip } from "fflate";
import { SheetData } from "../engine/read/cells";
import { readXlsxBytes, XLSX_LIMITS } from "../engine/read/xlsx";
import { ArchiveOutcome, ArchiveProblem, readZipLayout, unzipEntry, unzipWhole, ZipEntry } from "../engine/read/zip";
import { CSV_LIMITS, csvSheet } from "../engine/read/csv";
import { InputError } from "../common/errors";
import { BudgetedCsv, ReadBudget } from "../common/readBudget";
import { TextStreamDecoder } from "./decodeText";
import { problem } from "../engine/findings/outcome";

/** Stated limits on what a file may inflate to, checked while it streams, before memory runs out. */
export const FILE_LIMITS = {
  /** The text of one CSV, plain or gzipped. */
  csvBytes: 2 * 1024 ** 3,
  /** An .xlsx as it lies on disk, held in memory while it is read: Excel's largest sheet compresses to well under this. */
  xlsxFileBytes: 1024 ** 3,
  /** Everything inside one .xlsx, inflated. */
  xlsxXmlBytes: XLSX_LIMITS.xmlBytes,
  /** An .xlsx's shared strings, which are held in memory while its sheets are read. */
  sharedStringsBytes: XLSX_LIMITS.sharedStringsBytes,
  /** Fields in one row of a CSV: Excel's widest sheet. */
  fieldsPerRow: CSV_LIMITS.fieldsPerRow,
  /** A .zip as it lies on disk, held in memory while its entries are read. */
  zipFileBytes: 2 * 1024 ** 3,
};

export { ReadBudget } from "../common/readBudget";

const GiB = (n: number) => `${(n / 1024 ** 3).toLocaleString("en-GB")} GB`;

/** Why a gzipped CSV could not be read, as the problem's reason. */
function gzipDamaged(e: unknown): string {
  return `could not be read as a gzipped CSV: it is damaged or cut short (${messageOf(e)})`;
}

/** A file system error as the user's problem: the file named, what went wrong in words, what to do. */
function unreadable(file: string, e: unknown): InputError {
  const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
  return new InputError(problem("file-unreadable", { file, why: whyUnreadable(e), missing }));
}

/** A file's bytes, or the problem naming it when it cannot be read. */
export function fileBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw unreadable(file, e);
  }
}

/** Why a file could not be read, in words: "does not exist", "is a folder, not a file"... */
export function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  if (code === "EISDIR") return "is a folder, not a file";
  return `could not be read (${messageOf(e)})`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : typeof e === "string" ? e : "unknown error";
}

/** An .xlsx read from disk with the project's own reader; a file that is not a workbook Excel wrote is refused, naming the file. */
export function readXlsx(file: string, label = file, budget = new ReadBudget()): Promise<SheetData[]> {
  return new Promise((resolve) => resolve(readXlsxFile(file, label, budget)));
}

function readXlsxFile(file: string, label: string, budget: ReadBudget): SheetData[] {
  const bytes = wholeFile(
    file,
    label,
    FILE_LIMITS.xlsxFileBytes,
    "one workbook",
    "Save the sheet as .csv (or .csv.gz) and give that, or split the workbook.",
  );
  return readXlsxWithin(bytes, label, budget);
}

/** A file read whole into memory, refused by its size on disk when that is past `limit`. */
function wholeFile(file: string, label: string, limit: number, what: string, advice: string): Buffer {
  try {
    if (fs.statSync(file).size > limit) throw new InputError(problem("file-limit", { file: label, limit: GiB(limit), what, advice }));
    return fs.readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw unreadable(label, e);
  }
}

/** An .xlsx's sheets from its bytes, its inflated bytes, rows and cells spent from the run's budget. */
function readXlsxWithin(bytes: Uint8Array, label: string, budget: ReadBudget): SheetData[] {
  const read = readXlsxBytes(bytes, label, {
    limits: { xmlBytes: FILE_LIMITS.xlsxXmlBytes, sharedStringsBytes: FILE_LIMITS.sharedStringsBytes },
    onRows: (rows, cells) => budget.spend(label, rows, cells),
    onInflated: (n) => budget.inflate(label, n),
  });
  if (!read.ok) throw new InputError(read);
  return read.sheets;
}

/** The result of a step on an archive, or the problem with it as the user's, the archive named. */
function unzipped<T extends object>(read: ArchiveOutcome<T>, label: string): T {
  if (!read.ok) throw new InputError(problem("damaged-file", { file: label, why: read.problem, advice: read.fix }));
  return read;
}

/** The sheet a CSV stands for, named after the file without its extensions. */
function csvSheetName(name: string): string {
  return path
    .basename(name)
    .replace(/\.gz$/i, "")
    .replace(/\.(csv|txt|tsv)$/i, "");
}

/** Decodes and reads CSV bytes as they arrive, within the stated limits. */
class CsvBytes {
  private readonly decoder = new TextStreamDecoder();
  private readonly csv: BudgetedCsv;
  private bytes = 0;

  constructor(
    private readonly label: string,
    budget: ReadBudget,
  ) {
    this.csv = new BudgetedCsv(label, budget);
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > FILE_LIMITS.csvBytes)
      throw new InputError(
        problem("file-limit", {
          file: this.label,
          limit: GiB(FILE_LIMITS.csvBytes),
          what: "the text of one CSV",
          advice: "Split it into smaller files (a month or a quarter each) and give the folder.",
        }),
      );
    this.csv.push(this.decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)));
  }

  finish(sheet: string): SheetData {
    this.csv.push(this.decoder.end());
    const read = this.csv.finish();
    if (this.decoder.encoding && this.decoder.encoding !== "UTF-8") read.facts.encoding = this.decoder.encoding;
    return csvSheet(this.label, sheet, read);
  }
}

/** Reads a .csv, .txt (Excel's "Unicode Text") or .csv.gz as it streams from disk. */
export async function readCsvFile(file: string, label = file, budget = new ReadBudget()): Promise<SheetData[]> {
  const csv = new CsvBytes(label, budget);
  const gz = file.toLowerCase().endsWith(".gz");
  const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let stream: NodeJS.ReadableStream = source;
  if (gz) {
    const gunzip = zlib.createGunzip();
    source.on("error", (e) => gunzip.destroy(e));
    stream = source.pipe(gunzip);
  }
  try {
    for await (const chunk of stream) csv.push(chunk as Buffer);
  } catch (e) {
    source.destroy();
    if (e instanceof InputError) throw e;
    // File system codes start with E; zlib's (a damaged gzip) with Z_.
    if ((e as NodeJS.ErrnoException).code?.startsWith("E")) throw unreadable(label, e);
    throw new InputError(problem("damaged-file", { file: label, why: gzipDamaged(e) }));
  }
  return [csv.finish(csvSheetName(file))];
}

/** A file's read: its sheets, or why it was not read. */
export interface FileRead {
  file: string;
  sheets: SheetData[];
  skipped?: string;
}

/** How deep zips inside zips are opened: a download zipped once more, not an archive built to never end. */
const MAX_ZIP_DEPTH = 3;

/**
 * The returns inside a .zip (a data.police.uk download), each labelled zip/entry, in name order,
 * found through the archive's central directory as unzip tools and Excel find them (so entries
 * no unzip tool shows are never read). Everything is read in memory; nothing is written to disk.
 */
export async function readZipEntries(file: string, budget = new ReadBudget()): Promise<FileRead[]> {
  const bytes = wholeFile(
    file,
    file,
    FILE_LIMITS.zipFileBytes,
    "one archive",
    "Unzip it yourself and give the folder, or download fewer months at a time.",
  );
  return Promise.resolve(readZipBytes(bytes, file, budget, 1));
}

function readZipBytes(bytes: Uint8Array, label: string, budget: ReadBudget, depth: number): FileRead[] {
  const layout = unzipped(readZipLayout(bytes), label);
  const entries = [...layout.entries.values()];
  const out: FileRead[] = [];
  const skipped: FileRead[] = [];
  if (layout.before)
    skipped.push({
      file: `${label} (its first ${layout.before.toLocaleString("en-GB")} bytes)`,
      sheets: [],
      skipped:
        "bytes before the archive that unzip tools do not show (another archive joined in front?): unzip it, check, and give the files",
    });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = entry.name;
    if (name.endsWith("/")) continue;
    const entryLabel = `${label}/${name}`;
    const lower = name.toLowerCase();
    if (!lower.endsWith(".zip") && !isInputFile(name)) {
      skipped.push({ file: entryLabel, sheets: [], skipped: whySkipped(name) });
      continue;
    }
    budget.file(entryLabel);
    const at = { bytes, entry, zip: label, label: entryLabel };
    if (lower.endsWith(".zip")) {
      if (depth >= MAX_ZIP_DEPTH) {
        skipped.push({ file: entryLabel, sheets: [], skipped: `a zip inside ${MAX_ZIP_DEPTH} zips: unzip it and give its files` });
        continue;
      }
      out.push(...readZipBytes(wholeEntry(at, FILE_LIMITS.zipFileBytes, budget), entryLabel, budget, depth + 1));
    } else if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm"))
      out.push({ file: entryLabel, sheets: readXlsxWithin(wholeEntry(at, FILE_LIMITS.xlsxFileBytes, budget), entryLabel, budget) });
    else out.push({ file: entryLabel, sheets: [readCsvEntry(at, budget)] });
  }
  return [...out, ...skipped];
}

/** An entry of a zip: the archive's bytes, the entry, and the labels of both. */
interface EntryAt {
  bytes: Uint8Array;
  entry: ZipEntry;
  zip: string;
  label: string;
}

/**
 * Unzips an entry within `limit`. A limit reached is said of the entry; its own problems (its
 * compression, a password, damage) are the archive's, which names the entry.
 */
function unzipWithin<T extends object>(at: EntryAt, read: (overLimit: () => ArchiveProblem) => ArchiveOutcome<T>, over: ArchiveProblem): T {
  let reached = false;
  const outcome = read(() => {
    reached = true;
    return over;
  });
  return unzipped(outcome, reached ? at.label : at.zip);
}

/** A zip or workbook inside a zip, inflated whole within its own limit and what is left of the run's. */
function wholeEntry(at: EntryAt, limit: number, budget: ReadBudget): Uint8Array {
  const over =
    budget.inflateLeft < limit
      ? {
          problem: `unzips past what is left of this run's limit of ${GiB(budget.limits.inflatedBytes)} unzipped`,
          fix: "Give fewer or smaller files at a time.",
        }
      : { problem: `unzips to more than ${GiB(limit)}, past the stated limit for one file`, fix: "Unzip it yourself and give the folder." };
  const { bytes } = unzipWithin(at, (overLimit) => unzipWhole(at.bytes, at.entry, Math.min(limit, budget.inflateLeft), overLimit), over);
  budget.inflate(at.label, bytes.length);
  return bytes;
}

/** A CSV entry (gzipped or not) read as it inflates. */
function readCsvEntry(at: EntryAt, budget: ReadBudget): SheetData {
  const csv = new CsvBytes(at.label, budget);
  const gunzip = /\.gz$/i.test(at.entry.name)
    ? new Gunzip((chunk) => {
        budget.inflate(at.label, chunk.length);
        csv.push(chunk);
      })
    : undefined;
  const over = {
    problem: `unzips to more than ${GiB(FILE_LIMITS.csvBytes)}, past the stated limit for one CSV`,
    fix: "Unzip it yourself and give the folder.",
  };
  unzipWithin(
    at,
    (overLimit) =>
      unzipEntry(at.bytes, at.entry, FILE_LIMITS.csvBytes, overLimit, (chunk) => {
        budget.inflate(at.label, chunk.length);
        if (gunzip) gunzip.push(chunk);
        else csv.push(chunk);
      }),
    over,
  );
  if (gunzip)
    try {
      gunzip.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(problem("damaged-file", { file: at.label, why: gzipDamaged(e) }));
    }
  return csv.finish(csvSheetName(at.entry.name));
}

/** What a folder's returns may be; a .txt (Excel's "Unicode Text") is read only when named, never picked up from a folder. */
export const INPUT_EXTENSIONS = [".csv", ".xlsx", ".xlsm", ".csv.gz", ".zip", ".tsv", ".tsv.gz"];

export function isInputFile(file: string): boolean {
  const f = file.toLowerCase();
  return INPUT_EXTENSIONS.some((e) => f.endsWith(e)) && !path.basename(f).startsWith("~$");
}

/** Reads a .csv (optionally gzipped), .tsv, .txt or .xlsx into sheets. */
export async function readSheets(file: string, budget = new ReadBudget()): Promise<SheetData[]> {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    if (!st.isFile()) throw new InputError(problem("not-a-regular-file", { file }));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw unreadable(file, e);
  }
  budget.file(file);
  const lower = file.toLowerCase();
  if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) return readXlsx(file, file, budget);
  if ([".csv", ".csv.gz", ".txt", ".tsv", ".tsv.gz", ".txt.gz"].some((e) => lower.endsWith(e))) return readCsvFile(file, file, budget);
  if (lower.endsWith(".xls") || lower.endsWith(".xlsb") || lower.endsWith(".ods")) {
    throw new InputError(problem("old-workbook-format", { file }));
  }
  throw new InputError(problem("not-a-return-file", { file }));
}

/**
 * A folder stands for the returns inside it and in its sub-folders (a quarter's returns, or a
 * data.police.uk download with one folder per month), in name order.
 */
export function expandInputs(paths: readonly string[]): string[] {
  return walkInputs(paths).files;
}

/** Why a file found in a folder is not read as a return, by its name. */
function whySkipped(name: string): string {
  const n = name.toLowerCase();
  if (path.basename(n).startsWith("~$")) return "an Office lock file, not a return";
  if (n.endsWith(".txt")) return 'a .txt is read only when named (Excel\'s "Unicode Text"); name it to read it';
  if (n.endsWith(".xls")) return "an old Excel workbook (.xls): open it in Excel and save it as .xlsx";
  if (n.endsWith(".xlsb") || n.endsWith(".ods")) return "a binary or non-Excel workbook: open it in Excel and save it as .xlsx";
  return `not a return's file type (${path.extname(n) || "no extension"})`;
}

/**
 * The files paths stand for: a folder's returns (its sub-folders too, and folders it links to,
 * each once), and every other entry named with why it is not read: nothing found is passed over
 * without a word. Pipes, devices and sockets are never opened.
 */
export function walkInputs(paths: readonly string[]): { files: string[]; skipped: { file: string; reason: string }[] } {
  const files: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const visited = new Set<string>();
  const walk = (dir: string) => {
    const real = fs.realpathSync(dir);
    if (visited.has(real)) {
      skipped.push({ file: dir, reason: "a link to a folder already read" });
      return;
    }
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw unreadable(dir, e);
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      let st: fs.Stats | undefined;
      try {
        st = entry.isSymbolicLink() ? fs.statSync(full) : undefined;
      } catch {
        skipped.push({ file: full, reason: "a link to nothing" });
        continue;
      }
      const isDir = st ? st.isDirectory() : entry.isDirectory();
      const isFile = st ? st.isFile() : entry.isFile();
      if (isDir) walk(full);
      else if (!isFile) skipped.push({ file: full, reason: "not a regular file (a pipe, device or socket), so it was not opened" });
      else if (isInputFile(entry.name)) files.push(full);
      else skipped.push({ file: full, reason: whySkipped(entry.name) });
    }
  };
  for (const p of paths) {
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, skipped };
}

/** Each file a path stands for, read into sheets: a folder's files, a .zip's entries, or the file itself; and what was skipped, with why. */
export async function readInputFiles(
  target: string,
  budget = new ReadBudget(),
): Promise<{ file: string; sheets: SheetData[]; skipped?: string }[]> {
  const out: { file: string; sheets: SheetData[]; skipped?: string }[] = [];
  const { files, skipped } = walkInputs([target]);
  for (const file of files) {
    if (file.toLowerCase().endsWith(".zip")) out.push(...(await readZipEntries(file, budget)));
    else out.push({ file, sheets: await readSheets(file, budget) });
  }
  for (const s of skipped) out.push({ file: s.file, sheets: [], skipped: s.reason });
  return out;
}
