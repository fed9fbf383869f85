/*
 * Reading a return, its fields: each cell parsed as its field's type, with text a spreadsheet would run as a formula reported.
 */
import { Cell, cellText, isBlank, spreadsheetErrorOf } from "../read/cells";
import {
  DateOrder,
  dayFromExcelSerial,
  formatDayLong,
  formatMonth,
  isPlausibleMonth,
  monthOfDay,
  parseDate,
  parseMonth,
  plausibleYears,
} from "../read/dates";
import { cellAt, rowsAt } from "../findings/findings";
import { FieldDef } from "./returnKinds";
import { normaliseName } from "../read/text";
import { canonicalValue, MAX_COUNT, parseCount, parseDecile } from "./values";
import { FieldValueOf, RecordsBuilder, RowTexts } from "./records";
import { valueCount } from "../read/grid";
import { FindingSink, Layout, PLAIN_NUMBER_TEXT } from "./returnTypes";
import { CACHE_LIMIT, cached, normaliseCode } from "./returnTypes";
import { RowCells } from "./rowCells";

/** A text parsed cleanly to no value (a blank optional field), as the clean-parse memo holds it. */
const NO_VALUE = Symbol("no value");

/** Field types whose reading of a text is worth remembering: each costs a parse or a lookup. */
const PARSED_TYPES: ReadonlySet<string> = new Set(["date", "month", "count", "decile", "lsoa", "ward", "village"]);

/**
 * Reads the fields of data rows. A text read once without any finding reads the same again, so
 * each field remembers those clean readings: a million rows repeat a few thousand texts.
 */
export class FieldParser {
  private readonly caches: Map<string, unknown>[];
  private readonly clean: (Map<string, FieldValueOf | typeof NO_VALUE> | undefined)[];
  /** For a sheet held in columns: each field's clean readings by value id (none for a column of identifiers). */
  private readonly byId: (ReadingsById | undefined)[];
  private readonly oneOfGroups: number[][];
  /** Whether the last reading added no finding, so that it may be reused. */
  private cleanly = false;
  /** Ward names as the return writes them. */
  readonly wardNames = new Set<string>();

  constructor(
    private readonly sink: FindingSink,
    private readonly layout: Layout,
    private readonly orders: readonly DateOrder[],
    /** Fields whose records read them from the sheet by row: only their findings are looked for here. */
    private readonly fromRows: readonly (RowTexts | undefined)[] = [],
  ) {
    const { kind, cols } = layout;
    this.caches = kind.fields.map(() => new Map<string, unknown>());
    this.clean = kind.fields.map((f) => (PARSED_TYPES.has(f.type) || f.values ? new Map() : undefined));
    this.byId = cols.map((c) => {
      const column = layout.grid.columns?.columns[c];
      const ids = column ? valueCount(column) : 0;
      // Identifiers rarely repeat: remembering each would cost more than reading it.
      return column && ids * 2 <= column.length ? new ReadingsById(ids) : undefined;
    });
    this.oneOfGroups = (kind.oneOf ?? []).map((g) => g.map((id) => kind.fields.findIndex((f) => f.id === id)).filter((i) => cols[i] >= 0));
  }

  /**
   * Sets the row's values in the record being built; false when a finding rejects the row. A
   * reading without a finding is kept (by value id in a sheet held in columns, else by text) and
   * not read again.
   */
  parse(cells: RowCells, r: number, into: RecordsBuilder): boolean {
    const { kind, cols } = this.layout;
    let ok = true;
    into.begin();
    for (let i = 0; i < kind.fields.length; i++) {
      const c = cols[i];
      if (c < 0) continue;
      const f = kind.fields[i];
      if (this.fromRows[i]) {
        // Its reading is the cell's text; only a blank or an error written as text can add a finding.
        if (cells.mayReject(r, c) && this.read(f, i, cells.cell(r, c), r, c) === REJECTED) ok = false;
        continue;
      }
      const id = cells.id(r, c);
      const memo = id >= 0 ? this.byId[i] : undefined;
      if (memo?.kept[id]) {
        into.set(i, memo.values[id]);
        continue;
      }
      // A column of identifiers (ids, and no memo) rarely repeats a text: each is read as it comes.
      const v = id >= 0 ? this.read(f, i, cells.cell(r, c), r, c) : this.remembered(f, i, cells.cell(r, c), r, c);
      if (v === REJECTED) ok = false;
      else {
        setValue(into, i, v);
        if (memo && this.cleanly) memo.keep(id, v as FieldValueOf);
      }
    }
    for (const group of this.oneOfGroups) if (group.length && group.every((i) => cells.blank(r, cols[i]))) ok = this.noArea(group, r);
    return ok;
  }

  private readonly years = plausibleYears();

  /** A date years away from any return's (1905, 2030) is a typo: an error, not a row "outside the period". */
  private implausible(text: string, f: FieldDef, r: number, c: number): typeof REJECTED {
    this.sink.add(f.type === "month" ? "bad-month" : "bad-date", cellAt(r, c), {
      form: "implausible",
      header: f.header,
      row: r + 1,
      value: text,
      from: this.years.from,
      to: this.years.to,
    });
    return REJECTED;
  }

  private noArea(group: readonly number[], r: number): false {
    const fields = group.map((i) => this.layout.kind.fields[i].header).join(" or ");
    this.sink.add("missing-area", rowsAt(r), { fields, row: r + 1 });
    return false;
  }

  private remembered(f: FieldDef, i: number, cell: Cell, r: number, c: number): Reading {
    const clean = this.clean[i];
    if (!clean || typeof cell !== "string") return this.field(f, i, cell, r, c);
    const known = clean.get(cell);
    if (known !== undefined) return known === NO_VALUE ? undefined : known;
    const v = this.read(f, i, cell, r, c);
    if (this.cleanly && clean.size < CACHE_LIMIT) clean.set(cell, v === undefined ? NO_VALUE : (v as FieldValueOf));
    return v;
  }

  /** Reads a cell, noting in `cleanly` whether the reading added no finding. */
  private read(f: FieldDef, i: number, cell: Cell, r: number, c: number): Reading {
    const before = this.sink.added;
    const v = this.field(f, i, cell, r, c);
    this.cleanly = v !== REJECTED && this.sink.added === before;
    return v;
  }

  private field(f: FieldDef, i: number, cell: Cell, r: number, c: number): Reading {
    const sink = this.sink;
    if (isBlank(cell)) {
      if (f.required) {
        sink.add("missing-value", cellAt(r, c), { form: "required", header: f.header, description: f.description, row: r + 1 });
        return REJECTED;
      }
      if (f.type === "count") {
        sink.add("missing-value", cellAt(r, c), { form: "count", header: f.header, row: r + 1 });
        return REJECTED;
      }
      return undefined;
    }
    const errorValue = spreadsheetErrorOf(cell);
    if (errorValue) {
      sink.add("spreadsheet-error", cellAt(r, c), { header: f.header, error: errorValue, row: r + 1 });
      return REJECTED;
    }
    const cache = this.caches[i];
    switch (f.type) {
      case "date": {
        // The common case of an Excel date, read without building a result object.
        const serial = typeof cell === "number" ? dayFromExcelSerial(cell) : undefined;
        const order = this.orders[i];
        const d =
          serial !== undefined
            ? { ok: true as const, day: serial }
            : typeof cell === "string"
              ? cached(cache, cell, (k) => parseDate(k, order))
              : parseDate(cell, order);
        if (d.ok) return isPlausibleMonth(monthOfDay(d.day), this.years) ? d.day : this.implausible(formatDayLong(d.day), f, r, c);
        sink.add("bad-date", cellAt(r, c), { form: "unreadable", header: f.header, row: r + 1, reason: d.reason });
        return REJECTED;
      }
      case "month": {
        const m = typeof cell === "string" ? cached(cache, cell, parseMonth) : parseMonth(cell);
        if (m.ok) return isPlausibleMonth(m.month, this.years) ? m.month : this.implausible(formatMonth(m.month), f, r, c);
        sink.add("bad-month", cellAt(r, c), { form: "unreadable", header: f.header, row: r + 1, reason: m.reason });
        return REJECTED;
      }
      case "count": {
        if (typeof cell === "number" && cell >= 0 && Number.isInteger(cell) && cell <= MAX_COUNT) return cell;
        const n = parseCount(cell);
        if (n.ok) return n.value;
        if (n.suppressed) {
          sink.group("suppressed-value", String(c), cellAt(r, c), { header: f.header });
          return new Suppressed(n.suppressed.upTo);
        } else {
          sink.add("bad-count", cellAt(r, c), { form: "field", header: f.header, row: r + 1, reason: n.reason });
        }
        return REJECTED;
      }
      case "decile": {
        const d = parseDecile(cell);
        if (d !== undefined) return d;
        sink.add("bad-decile", cellAt(r, c), { header: f.header, row: r + 1, value: cellText(cell) });
        return REJECTED;
      }
      case "lsoa": {
        const code = typeof cell === "string" ? cached(cache, cell, normaliseCode) : cellText(cell);
        if (code) return code;
        sink.add("bad-lsoa", cellAt(r, c), { header: f.header, row: r + 1, value: cellText(cell) });
        return REJECTED;
      }
      default:
        return this.name(f, cell, cache, r, c);
    }
  }

  /** Text fields: names (wards, villages, listed values) are never numbers, so a number there is a column mix-up. */
  private name(f: FieldDef, cell: Cell, cache: Map<string, unknown>, r: number, c: number): string {
    const text = cellText(cell);
    const nameField = f.type === "ward" || f.type === "village" || !!f.values;
    if (nameField && (typeof cell === "number" || cell instanceof Date || PLAIN_NUMBER_TEXT.test(text))) {
      this.sink.group("number-in-text", String(c), cellAt(r, c), { header: f.header, description: f.description });
    }
    let value = text;
    if (f.values) {
      const canonical = cached(cache, text, (t) => canonicalValue(f.values!, t));
      if (canonical === undefined) {
        this.sink.group("unknown-value", `${c}|${normaliseName(text)}`, cellAt(r, c), {
          header: f.header,
          value: text,
          allowed: f.values.map((v) => v.value),
        });
      } else value = canonical;
    }
    if (f.type === "ward") this.wardNames.add(text);
    return value;
  }
}

const REJECTED = Symbol("rejected");

/** A count the return suppressed: the row stands, its value is not known beyond `upTo`. */
class Suppressed {
  constructor(readonly upTo: number) {}
}

/** What reading a cell gives: a value, a suppressed count, or the row's rejection. */
type Reading = FieldValueOf | Suppressed | typeof REJECTED;

function setValue(into: RecordsBuilder, field: number, v: FieldValueOf | Suppressed): void {
  if (v instanceof Suppressed) {
    into.set(field, undefined);
    into.suppress(v.upTo);
  } else into.set(field, v);
}

/** A field's clean readings of one column's values, by value id. */
class ReadingsById {
  readonly kept: Uint8Array;
  readonly values: FieldValueOf[];

  constructor(size: number) {
    this.kept = new Uint8Array(size);
    // Filled up front so that ids first met out of order do not turn the array into a dictionary.
    this.values = new Array<FieldValueOf>(size).fill(undefined);
  }

  keep(id: number, value: FieldValueOf): void {
    this.kept[id] = 1;
    this.values[id] = value;
  }
}
