/*
 * Reads an .xlsx workbook's cells as returns need them, in one pass over each sheet's bytes as
 * they inflate: shared and inline strings, numbers, booleans, errors, dates by number format
 * (built-in and custom, 1900 and 1904 date systems), formulas' cached values, merged ranges and
 * hidden rows and sheets. The sheet's XML is never decoded to text or built into a tree; the
 * workbook's small parts (its sheet list, styles, shared strings) are.
 */
import { strFromU8 } from "fflate";
import { RowSheet } from "./cells";
import { attempt, entryBytes, inflateEntry, ZipEntry, zipEntries, ZipProblem } from "./zip";
import type { Outcome } from "../findings/outcome";
import { Relationship, attribute, dateStyles, partsByName, relsPath, resolvePart, sharedStrings, tags } from "./xlsxParts";
import { SheetReadError, SheetScanner } from "./xlsxSheet";
import { failed } from "../findings/outcome";
export { isDateFormat } from "./numberFormats";

export interface XlsxLimits {
  /** Everything read from the workbook, inflated. */
  xmlBytes: number;
  /** Its shared strings, inflated: they are held in memory while the sheets are read. */
  sharedStringsBytes: number;
}

/** The stated limits on a workbook, wherever it is read (the command line, the pane). */
export const XLSX_LIMITS: XlsxLimits = {
  xmlBytes: 2 * 1024 ** 3,
  sharedStringsBytes: 256 * 1024 ** 2,
};

export interface XlsxReadOptions {
  limits: XlsxLimits;
  /** Rows and cells as they are read, so a run's budget can stop a read before memory runs out. */
  onRows?: (rows: number, cells: number) => void;
  /** Bytes as they inflate, so a run's budget on inflated bytes can stop a read. */
  onInflated?: (bytes: number) => void;
  /** The share of the sheets' compressed bytes read so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

const MiB = (n: number) => `${(n / 1024 ** 2).toLocaleString("en-GB")} MB`;
const GiB = (n: number) => `${(n / 1024 ** 3).toLocaleString("en-GB")} GB`;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Refuses what is not an .xlsx at all: an encrypted workbook, an old .xls, a CSV renamed. */
function checkKind(bytes: Uint8Array): void {
  if (startsWith(bytes, OLE_MAGIC))
    throw new ZipProblem(
      "is password-protected (encrypted), or an old .xls workbook with an .xlsx name",
      "Open it in Excel, remove the password (File > Info > Protect Workbook) or save it as .xlsx, and give that copy.",
    );
  if (!startsWith(bytes, ZIP_MAGIC))
    throw new ZipProblem(
      "is not an .xlsx workbook inside (it may be a CSV or another file renamed)",
      "Open it in Excel and save it as .xlsx, or give it with the extension it really has.",
    );
}

interface SheetEntry {
  name: string;
  part: string;
  hidden: boolean;
}

/** A workbook read from its bytes: the names and parts of its sheets, in tab order, and what reading their cells needs. */
class Workbook {
  private readonly entries: Map<string, ZipEntry>;
  private inflated = 0;
  readonly sheets: SheetEntry[] = [];
  private date1904 = false;
  private strings: string[] = [];
  private dates: boolean[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: XlsxLimits,
    private readonly onInflated: (bytes: number) => void = () => undefined,
  ) {
    checkKind(bytes);
    this.entries = partsByName(zipEntries(bytes));
    const workbookPart = this.officeDocument();
    const xml = this.text(workbookPart);
    if (xml === undefined)
      throw new ZipProblem(
        "is a zip archive but not an Excel workbook (it has no xl/workbook.xml)",
        "Give the workbook itself, saved from Excel as .xlsx.",
      );
    const pr = tags(xml, "workbookPr")[0];
    this.date1904 = pr?.date1904 === "1" || pr?.date1904 === "true";
    const rels = this.relationships(workbookPart);
    for (const s of tags(xml, "sheet")) {
      const rel = rels.get(attribute(s, "id") ?? "");
      // Chart sheets and dialog sheets hold no cells.
      if (!rel || !/\/worksheet$/.test(rel.type)) continue;
      this.sheets.push({
        name: s.name ?? `Sheet${this.sheets.length + 1}`,
        part: rel.target,
        hidden: s.state === "hidden" || s.state === "veryHidden",
      });
    }
    const styles = [...rels.values()].find((r) => /\/styles$/.test(r.type))?.target ?? "xl/styles.xml";
    this.dates = dateStyles(this.text(styles));
    const strings = [...rels.values()].find((r) => /\/sharedStrings$/.test(r.type))?.target ?? "xl/sharedStrings.xml";
    const stringsXml = this.text(
      strings,
      limits.sharedStringsBytes,
      () =>
        new ZipProblem(
          `has too much text: its shared strings inflate to more than ${MiB(limits.sharedStringsBytes)}, past the stated limit`,
          "Save the sheet as .csv and give that, or split the workbook.",
        ),
    );
    this.strings = stringsXml ? sharedStrings(stringsXml) : [];
  }

  private overLimit = () =>
    new ZipProblem(
      `inflates to more than ${GiB(this.limits.xmlBytes)}, past the stated limit`,
      "Save the sheet as .csv (or .csv.gz) and give that, or split the workbook.",
    );

  private officeDocument(): string {
    const root = this.text("_rels/.rels");
    const rel = root ? tags(root, "Relationship").find((r) => /\/officeDocument$/.test(r.Type ?? "")) : undefined;
    return rel?.Target ? resolvePart("", rel.Target) : "xl/workbook.xml";
  }

  private relationships(part: string): Map<string, Relationship> {
    const out = new Map<string, Relationship>();
    const xml = this.text(relsPath(part));
    if (xml)
      for (const r of tags(xml, "Relationship"))
        if (r.Id && r.Target && r.TargetMode !== "External") out.set(r.Id, { type: r.Type ?? "", target: resolvePart(part, r.Target) });
    return out;
  }

  /** A small part as text, within the workbook's limit and the part's own when it has one. */
  private text(part: string, partLimit = Infinity, overPartLimit = this.overLimit): string | undefined {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) return undefined;
    const left = this.limits.xmlBytes - this.inflated;
    const bytes = entryBytes(this.bytes, entry, Math.min(partLimit, left), partLimit < left ? overPartLimit : this.overLimit);
    this.inflated += bytes.length;
    this.onInflated(bytes.length);
    return strFromU8(bytes);
  }

  /** A sheet's compressed size: progress is counted in these bytes. */
  compressedSize(sheet: SheetEntry): number {
    return this.entries.get(sheet.part.toLowerCase())?.compressedSize ?? 0;
  }

  sheetBytes(): number {
    return this.sheets.reduce((n, s) => n + this.compressedSize(s), 0);
  }

  readSheet(sheet: SheetEntry, file: string, options: XlsxReadOptions, done: number, total: number): RowSheet {
    const entry = this.entries.get(sheet.part.toLowerCase());
    if (!entry) throw new ZipProblem(`is damaged: its sheet ${sheet.name} is missing`, "Open it in Excel and save it again.");
    const scanner = new SheetScanner(this.strings, this.dates, this.date1904);
    let rows = 0;
    let cells = 0;
    try {
      inflateEntry(
        this.bytes,
        entry,
        this.limits.xmlBytes - this.inflated,
        this.overLimit,
        (chunk) => {
          this.inflated += chunk.length;
          this.onInflated(chunk.length);
          scanner.push(chunk);
          if (options.onRows && scanner.rowsRead > rows) {
            options.onRows(scanner.rowsRead - rows, scanner.cellsRead - cells);
            rows = scanner.rowsRead;
            cells = scanner.cellsRead;
          }
        },
        (slice) => options.onProgress?.(total ? (done + slice) / total : 1),
      );
      scanner.finish();
    } catch (e) {
      if (e instanceof SheetReadError)
        throw new ZipProblem(
          `[${sheet.name}] is not a sheet Excel wrote: ${e.message}`,
          "Open it in Excel and save it again, or give the data as .csv.",
        );
      throw e;
    }
    const data: RowSheet = { file, sheet: sheet.name, rows: scanner.rows, merges: scanner.merges };
    if (sheet.hidden) data.hidden = true;
    if (scanner.hiddenRows.length) data.hiddenRows = scanner.hiddenRows;
    return data;
  }
}

/**
 * Every worksheet of an .xlsx, in tab order, read from its bytes; or, for anything that is not a
 * workbook Excel could have written or that would inflate past the limits, what is wrong with the
 * file (its name first) and what to do. Only a caller's own callbacks (a run's budget) may throw.
 */
export function readXlsxBytes(bytes: Uint8Array, file: string, options: XlsxReadOptions): Outcome<{ sheets: RowSheet[] }> {
  const read = attempt(() => ({ sheets: readSheets(bytes, file, options) }));
  return read.ok ? read : failed("damaged-file", { file, why: read.problem, advice: read.fix });
}

function readSheets(bytes: Uint8Array, file: string, options: XlsxReadOptions): RowSheet[] {
  const book = new Workbook(bytes, options.limits, options.onInflated);
  const total = book.sheetBytes();
  const out: RowSheet[] = [];
  let done = 0;
  for (const sheet of book.sheets) {
    out.push(book.readSheet(sheet, file, options, done, total));
    done += book.compressedSize(sheet);
  }
  options.onProgress?.(1);
  return out;
}
