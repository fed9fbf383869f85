/*
 * What one run may read across all its files, wherever it reads them (the command line, the
 * pane's worker): files, bytes inflated from zips and workbooks, rows and cells. Each is spent as
 * the bytes and rows arrive, so a limit is met, and named, before time or memory runs out.
 */
import { CSV_LIMITS, CsvRead, CsvReader } from "../engine/read/csv";
import { InputError } from "./errors";
import { problem } from "../engine/findings/outcome";

export interface RunLimits {
  /** Files read, counting each entry of a zip. */
  files: number;
  /** Bytes inflated from zips and workbooks, all told. */
  inflatedBytes: number;
  rows: number;
  cells: number;
}

/** A run's stated limits: three years of one force's data.police.uk files fit well within each. */
export const RUN_LIMITS: RunLimits = {
  files: 10_000,
  inflatedBytes: 3 * 1024 ** 3,
  rows: 4_000_000,
  cells: CSV_LIMITS.cells,
};

const count = (n: number) => n.toLocaleString("en-GB");
const size = (n: number) => (n >= 1024 ** 3 ? `${count(n / 1024 ** 3)} GB` : `${count(Math.round(n / 1024 ** 2))} MB`);

export class ReadBudget {
  private files = 0;
  private inflatedBytes = 0;
  private rows = 0;
  private cells = 0;

  constructor(readonly limits: RunLimits = RUN_LIMITS) {}

  /** One more file (or zip entry) to read. */
  file(label: string): void {
    if (++this.files > this.limits.files)
      throw this.past(
        label,
        `${count(this.limits.files)} files`,
        "Give the files a few folders at a time, or check that the archive is what it says.",
      );
  }

  /** Bytes inflated while reading `label`. */
  inflate(label: string, bytes: number): void {
    this.inflatedBytes += bytes;
    if (this.inflatedBytes > this.limits.inflatedBytes)
      throw this.past(
        label,
        `${size(this.limits.inflatedBytes)} unzipped`,
        "Give fewer or smaller files at a time, or check that the file is what it says (a small file that unzips to gigabytes is not a return).",
      );
  }

  /** Bytes that may still be inflated in this run. */
  get inflateLeft(): number {
    return this.limits.inflatedBytes - this.inflatedBytes;
  }

  /** Rows and cells read from `label`. */
  spend(label: string, rows: number, cells: number): void {
    this.rows += rows;
    this.cells += cells;
    if (this.rows > this.limits.rows || this.cells > this.limits.cells)
      throw this.past(
        label,
        this.rows > this.limits.rows ? `${count(this.limits.rows)} rows` : `${count(this.limits.cells)} cells`,
        "Give fewer or smaller files at a time (three years of one force's data.police.uk files fit well within it), or check that the file is what it says.",
      );
  }

  private past(label: string, limit: string, advice: string): InputError {
    return new InputError(problem("run-limit", { file: label, limit, advice }));
  }
}

/**
 * A CSV read as its text arrives, wherever it comes from (a file streaming from disk, a file
 * opened in the pane): its rows and cells spent from the run's budget, and a stated limit crossed
 * ending the read at once rather than at the end of the file.
 */
export class BudgetedCsv {
  private readonly reader = new CsvReader();
  private spent = { rows: 0, cells: 0 };

  constructor(
    private readonly label: string,
    private readonly budget: ReadBudget,
  ) {}

  push(text: string): void {
    this.reader.push(text);
    if (this.reader.stopped) this.read();
    this.spend();
  }

  /** The rows read, or the problem as the user's, the file named. */
  finish(): CsvRead {
    const read = this.read();
    this.spend();
    return read;
  }

  private read(): CsvRead {
    const done = this.reader.finish();
    if (!done.ok) throw new InputError(problem("csv-limit", { file: this.label, stopped: done.stopped }));
    return done.read;
  }

  private spend(): void {
    const now = this.reader.size;
    this.budget.spend(this.label, now.rows - this.spent.rows, now.cells - this.spent.cells);
    this.spent = now;
  }
}
