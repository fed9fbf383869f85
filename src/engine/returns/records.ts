/** A field's parsed value: a day or month number, a count, a decile, or trimmed text. */
export type FieldValueOf = string | number | undefined;

/** One record as an object: for tests and for reading a few records, never for a whole return. */
export interface RecordView {
  row: number;
  values: FieldValueOf[];
  ward?: string;
}

/**
 * A text field read from the sheet only when asked for, by the record's row: a column of
 * identifiers would otherwise hold a string for every row.
 */
export class RowTexts {
  constructor(
    readonly at: (row: number) => string | undefined,
    /** hashText of the row's text (undefined: none), without making the string. */
    readonly hashAt: (row: number) => number | undefined,
  ) {}
}

export type Column = Float64Array | (string | undefined)[] | RowTexts;

/**
 * A return's accepted records, held column by column: numbers (days, months, counts, deciles)
 * in typed arrays with NaN for a blank, text in arrays of the strings the reader already holds
 * once per distinct value. A million rows cost a few dozen bytes each and no object of their own.
 */
export class Records {
  private constructor(
    readonly length: number,
    private readonly rowIndex: Int32Array,
    private readonly columns: readonly Column[],
    private readonly wards: readonly (string | undefined)[] | undefined,
    /** Per record, NaN or how large its suppressed count may be; absent when no count is suppressed. */
    private readonly suppressed: Float64Array | undefined = undefined,
  ) {}

  /** Records from columns built elsewhere (RecordsBuilder), which the records then own. */
  static fromColumns(length: number, rowIndex: Int32Array, columns: readonly Column[], suppressed?: Float64Array): Records {
    return new Records(length, rowIndex, columns, undefined, suppressed);
  }

  static empty(numeric: readonly boolean[]): Records {
    return new Records(
      0,
      new Int32Array(0),
      numeric.map((n) => (n ? new Float64Array(0) : [])),
      undefined,
    );
  }

  /** 0-based row of the sheet the record was read from. */
  row(i: number): number {
    return this.rowIndex[i];
  }

  value(i: number, field: number): FieldValueOf {
    const column = this.columns[field];
    if (!column) return undefined;
    if (column instanceof Float64Array) {
      const v = column[i];
      return v === v ? v : undefined;
    }
    if (column instanceof RowTexts) return column.at(this.rowIndex[i]);
    return column[i];
  }

  /** hashText of each record's text in a field, when the field can give it without making the texts. */
  textHashes(field: number): ((i: number) => number | undefined) | undefined {
    const column = this.columns[field];
    return column instanceof RowTexts ? (i) => column.hashAt(this.rowIndex[i]) : undefined;
  }

  /** A numeric field's column (NaN for a blank), for loops over every record. */
  numbers(field: number): Float64Array | undefined {
    const column = this.columns[field];
    return column instanceof Float64Array ? column : undefined;
  }

  number(i: number, field: number): number | undefined {
    const v = this.value(i, field);
    return typeof v === "number" ? v : undefined;
  }

  text(i: number, field: number): string | undefined {
    const v = this.value(i, field);
    return typeof v === "string" ? v : undefined;
  }

  /**
   * A record whose count was suppressed ("<5", "*"): the largest value it may stand for (Infinity
   * when the return does not say), else undefined. Its count field is blank: the record places a
   * row in a ward and a month, but its part of any total is not known.
   */
  suppressedUpTo(i: number): number | undefined {
    const v = this.suppressed?.[i];
    return v === undefined || v !== v ? undefined : v;
  }

  /** Whether any record's count is suppressed. */
  get hasSuppressed(): boolean {
    return this.suppressed !== undefined;
  }

  /** The ward the record lies in, once placed. */
  ward(i: number): string | undefined {
    return this.wards?.[i];
  }

  private view(i: number): RecordView {
    const values = this.columns.map((_, f) => this.value(i, f));
    const ward = this.ward(i);
    return ward === undefined ? { row: this.row(i), values } : { row: this.row(i), values, ward };
  }

  /** Every record as an object: for tests and small returns. */
  views(): RecordView[] {
    return Array.from({ length: this.length }, (_, i) => this.view(i));
  }

  /** The records at the given indexes (increasing), with the wards given (one per index) or their own. */
  select(indexes: ArrayLike<number>, wards?: readonly (string | undefined)[]): Records {
    // Indexes are increasing, so as many as there are records means every record: the columns are shared, not copied.
    const columns = indexes.length === this.length ? this.columns : this.columns.map((column) => pick(column, indexes));
    return this.withColumns(indexes, columns, wards);
  }

  /** The records at the given indexes with another kind's fields: field k takes this return's field from[k] (-1: none). */
  project(indexes: ArrayLike<number>, from: readonly number[], numeric: readonly boolean[]): Records {
    const columns = from.map((f, k) => (f >= 0 ? pick(this.columns[f], indexes) : blankColumn(numeric[k], indexes.length)));
    return this.withColumns(indexes, columns);
  }

  /** Records of the given columns (already picked), at the given indexes of these, with their rows and wards. */
  private withColumns(indexes: ArrayLike<number>, columns: readonly Column[], wards?: readonly (string | undefined)[]): Records {
    const n = indexes.length;
    const rowIndex = new Int32Array(n);
    for (let k = 0; k < n; k++) rowIndex[k] = this.rowIndex[indexes[k]];
    const ownWards = this.wards;
    return new Records(
      n,
      rowIndex,
      columns,
      wards ?? (ownWards ? (pick(ownWards as Column, indexes) as (string | undefined)[]) : undefined),
      this.suppressed && (indexes.length === this.length ? this.suppressed : (pick(this.suppressed, indexes) as Float64Array)),
    );
  }
}

function pick(column: Column, indexes: ArrayLike<number>): Column {
  // Read by the records' rows, which are picked with them.
  if (column instanceof RowTexts) return column;
  const n = indexes.length;
  if (column instanceof Float64Array) {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = column[indexes[k]];
    return out;
  }
  const out = new Array<string | undefined>(n);
  for (let k = 0; k < n; k++) out[k] = column[indexes[k]];
  return out;
}

function blankColumn(numeric: boolean, n: number): Column {
  return numeric ? new Float64Array(n).fill(NaN) : new Array<string | undefined>(n).fill(undefined);
}

/**
 * Builds records one at a time without an object per record: the values of the record being read
 * are written straight into the columns, one slot past the last record, then kept by commit or
 * left to be overwritten. Every field a reader sets is set on every record it commits; fields it
 * never sets are blank throughout.
 */
export class RecordsBuilder {
  private length = 0;
  private capacity: number;
  private rowIndex: Int32Array;
  private readonly numbers: (Float64Array | undefined)[];
  private readonly texts: ((string | undefined)[] | undefined)[];
  /** Made on the first suppressed count: most returns have none. */
  private suppressed: Float64Array | undefined;

  /**
   * `fromRows`: text fields read from the sheet by row (never set here), by field. `expected`:
   * how many records there may be, when known, so that the columns are made once. `present`:
   * by field, whether the sheet has its column; a text field it lacks is blank in every record
   * and costs no array.
   */
  constructor(
    private readonly numeric: readonly boolean[],
    private readonly fromRows: readonly (RowTexts | undefined)[] = [],
    expected = 0,
    private readonly present: readonly boolean[] = [],
  ) {
    this.capacity = Math.max(1024, expected + 1);
    this.rowIndex = new Int32Array(this.capacity);
    this.numbers = numeric.map((n) => (n ? new Float64Array(this.capacity).fill(NaN) : undefined));
    this.texts = numeric.map((n, f) =>
      n || fromRows[f] || present[f] === false ? undefined : new Array<string | undefined>(this.capacity).fill(undefined),
    );
  }

  /** Sets a field of the record being read. */
  set(field: number, value: FieldValueOf): void {
    const numbers = this.numbers[field];
    if (numbers !== undefined) numbers[this.length] = typeof value === "number" ? value : NaN;
    else {
      const texts = this.texts[field];
      // A field the sheet lacks (no array) stays blank.
      if (texts) texts[this.length] = typeof value === "number" ? String(value) : value;
    }
  }

  /** Marks the record being read as having a suppressed count that may be up to `upTo`. */
  suppress(upTo: number): void {
    if (!this.suppressed) this.suppressed = new Float64Array(this.capacity).fill(NaN);
    this.suppressed[this.length] = upTo;
  }

  /** A field of the record being read, once set. */
  get(field: number): FieldValueOf {
    const numbers = this.numbers[field];
    if (numbers === undefined) return this.texts[field]?.[this.length];
    const v = numbers[this.length];
    return v === v ? v : undefined;
  }

  /** Keeps the record being read, from the given sheet row, and starts the next. */
  commit(row: number): void {
    this.rowIndex[this.length++] = row;
    if (this.length === this.capacity) this.grow();
  }

  /** Starts a record: a mark left by a row that was not kept is cleared (fields are set on every row). */
  begin(): void {
    if (this.suppressed) this.suppressed[this.length] = NaN;
  }

  build(): Records {
    const n = this.length;
    const columns: Column[] = this.numeric.map((isNumber, f) => {
      if (isNumber) return this.numbers[f]!.slice(0, n);
      const fromRows = this.fromRows[f];
      if (fromRows) return fromRows;
      // An empty array reads as blank at every index.
      if (this.present[f] === false) return [];
      const texts = this.texts[f]!;
      texts.length = n;
      return texts;
    });
    return Records.fromColumns(n, this.rowIndex.slice(0, n), columns, this.suppressed?.slice(0, n));
  }

  private grow(): void {
    this.capacity *= 2;
    const rows = new Int32Array(this.capacity);
    rows.set(this.rowIndex);
    this.rowIndex = rows;
    if (this.suppressed) {
      const grown = new Float64Array(this.capacity).fill(NaN, this.suppressed.length);
      grown.set(this.suppressed);
      this.suppressed = grown;
    }
    for (let f = 0; f < this.numbers.length; f++) {
      const old = this.numbers[f];
      const texts = this.texts[f];
      if (old) {
        const grown = new Float64Array(this.capacity).fill(NaN, old.length);
        grown.set(old);
        this.numbers[f] = grown;
      } else if (texts) {
        const filled = texts.length;
        texts.length = this.capacity;
        texts.fill(undefined, filled);
      }
    }
  }
}
