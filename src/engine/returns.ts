import { Cell, cellRef, cellText, isBlank, isBlankRow, parseRange, quoteSheetName, rowRangeRef, SheetData, spreadsheetErrorOf } from "./cells";
import { DateOrder, dayFromExcelSerial, DayNumber, formatDay, formatMonth, monthOfDay, parseDate, parseMonth } from "./dates";
import { Finding, Severity } from "./findings";
import { Geography, isLsoaCode } from "./geography";
import { findHeaderRow, headerScore, HeaderMatch, matchHeaders, missingRequired } from "./headers";
import { FieldDef, ReturnKind } from "./returnKinds";
import { listNames, looksLikeFormula, normaliseName, plural } from "./text";
import { canonicalValue, parseCount, parseDecile, parseNumber } from "./values";
import { findRepeats } from "./repeats";

/** A field's parsed value: a day or month number, a count, a decile, or trimmed text. */
export type FieldValueOf = string | number | undefined;

export interface ReturnRecord {
  /** 0-based row in the sheet. */
  row: number;
  /** Parsed values, aligned with the kind's fields. */
  values: FieldValueOf[];
  /** The ward the record lies in, once geography is resolved. */
  ward?: string;
}

export interface Period {
  from: DayNumber;
  to: DayNumber;
}

export interface ReadOptions {
  /** Field id -> header text, from the user (--map), when recognition fails. */
  map?: Record<string, string>;
  /** Rows outside every one of these periods are excluded (and counted). */
  periods?: readonly Period[];
}

/** A return read from one sheet: its records and every problem found, with rows accounted for. */
export interface ParsedReturn {
  file: string;
  sheet: string;
  kind: ReturnKind;
  headerRow: number;
  columns: Map<string, number>;
  records: ReturnRecord[];
  /** Non-blank rows below the header. Always equals accepted + excluded + rejected. */
  rowsRead: number;
  accepted: number;
  excluded: number;
  rejected: number;
  findings: Finding[];
  /** Ward names as written in the return (for districts whose ward list comes from the returns). */
  wardNames: Set<string>;
  /** Whether the time field holds days or months (month numbers): periods of a monthly return apply by whole months. */
  granularity: "day" | "month";
  /** The first and last day or month of every row read with a valid time, inside the periods or not. */
  span?: { first: number; last: number };
  /** For a return read as part of another (police ASB out of a data.police.uk file): that file's return. */
  derivedFrom?: ParsedReturn;
}

const PLAIN_NUMBER_TEXT = /^[+-]?\d[\d,]*(\.\d+)?$/;

/** First characters of text a spreadsheet would run as a formula: = + - @ tab CR. */
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);

const TOTALS = /^(grand\s+)?(sub\s*-?\s*)?totals?\b|^sum$|^all\s+(wards|areas)$/i;

/** Repeats of one problem are summarised past this many in one finding's message. */
const CELLS_LISTED = 10;

class FindingSink {
  readonly findings: Finding[] = [];
  private readonly grouped = new Map<string, { severity: Severity; cells: string[]; rows: number[]; message: (n: number, cells: string) => string; fix: string; count: number }>();
  constructor(private readonly file: string, private readonly sheet: string) {}

  add(severity: Severity, code: string, cell: string, message: string, fix: string, params?: Finding["params"]): void {
    this.findings.push({ severity, code, file: this.file, sheet: this.sheet, cell, message, fix, ...(params ? { params } : {}) });
  }

  /** Many cells with one harmless problem become one finding that counts them all. */
  group(key: string, severity: Severity, cell: string, row: number, message: (n: number, cells: string) => string, fix: string): void {
    let g = this.grouped.get(key);
    if (!g) {
      g = { severity, cells: [], rows: [], message, fix, count: 0 };
      this.grouped.set(key, g);
    }
    g.count++;
    if (g.cells.length < CELLS_LISTED) g.cells.push(cell);
    g.rows.push(row);
  }

  flush(): void {
    for (const [key, g] of this.grouped) {
      const code = key.split("|")[0];
      const listed = g.cells.join(", ") + (g.count > g.cells.length ? ` and ${g.count - g.cells.length} more` : "");
      this.findings.push({ severity: g.severity, code, file: this.file, sheet: this.sheet, cell: g.cells[0], message: g.message(g.count, listed), fix: g.fix });
    }
    this.grouped.clear();
  }
}

/** Reads the date column once to learn whether it is written day-first (UK) or month-first (US). */
function dateOrderOf(rows: readonly Cell[][], start: number, col: number): { order: DateOrder; us: number; uk: number } {
  let us = 0;
  let uk = 0;
  for (let r = start; r < rows.length; r++) {
    const c = rows[r]?.[col];
    if (typeof c !== "string") continue;
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(c);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a <= 12 && b > 12) us++;
    else if (a > 12 && b <= 12) uk++;
  }
  return { order: us > 0 && uk === 0 ? "mdy" : "dmy", us, uk };
}

function describeSynonyms(f: FieldDef): string {
  return listNames([f.header, ...f.synonyms.filter((s) => normaliseName(s) !== normaliseName(f.header)).slice(0, 5)].map((s) => `"${s}"`), 6);
}

function structureFindings(sink: FindingSink, sheet: SheetData, kind: ReturnKind, headerRow: number, match: HeaderMatch): boolean {
  const name = sheet.sheet;
  const headers = (sheet.rows[headerRow] ?? []).map(cellText);
  const missing = missingRequired(kind, match);
  for (const f of missing.required) {
    sink.add("error", "missing-column", `${quoteSheetName(name)}!${headerRow + 1}:${headerRow + 1}`,
      `The ${kind.label} return has no ${f.header} column (${f.description}) in its header row (row ${headerRow + 1}).`,
      `Add a column headed "${f.header}". Headers accepted for it: ${describeSynonyms(f)}. Or map your own header with --map ${kind.id}.${f.id}=HEADER.`);
  }
  for (const group of missing.oneOf) {
    sink.add("error", "missing-column", `${quoteSheetName(name)}!${headerRow + 1}:${headerRow + 1}`,
      `The ${kind.label} return needs one of ${listNames(group.map((f) => `"${f.header}"`))} to place each row in a ward; row ${headerRow + 1} has none.`,
      `Add a ${group.map((f) => f.header).join(" or ")} column (accepted headers: ${group.map(describeSynonyms).join("; ")}).`);
  }
  if (headerRow > 0) {
    const above = sheet.rows.slice(0, headerRow).filter((r) => !isBlankRow(r)).length;
    if (above > 0) {
      sink.add("info", "header-not-first-row", cellRef(name, headerRow, 0),
        `The headers are in row ${headerRow + 1}; ${plural(above, "title row")} above them ${above === 1 ? "was" : "were"} skipped.`,
        "Nothing to do. For the cleanest return, put the headers in row 1 and titles on a notes sheet.");
    }
  }
  for (const d of match.duplicates) {
    sink.add("error", "duplicate-column", cellRef(name, headerRow, d.col),
      `The header "${headers[d.col]}" appears twice (columns ${cellRef(name, headerRow, d.first).split("!")[1]} and ${cellRef(name, headerRow, d.col).split("!")[1]}); only the first is read.`,
      "Delete or rename the second column so each field appears once.");
  }
  for (const col of match.blank) {
    const hasData = sheet.rows.slice(headerRow + 1, headerRow + 200).some((r) => !isBlank(r?.[col]));
    if (hasData) {
      sink.add("warning", "blank-header", cellRef(name, headerRow, col),
        `Column ${cellRef(name, headerRow, col).split("!")[1].replace(/\d+$/, "")} has data but no header, so it is not read.`,
        "Give the column a header, or delete it if it is not needed.");
    }
  }
  for (const col of match.unknown) {
    sink.add("warning", "unknown-column", cellRef(name, headerRow, col),
      `The column "${headers[col]}" is not part of a ${kind.label} return and is ignored.`,
      `Remove it before sending, or map it with --map ${kind.id}.FIELD="${headers[col]}" if it is one of: ${kind.fields.map((f) => f.header).join(", ")}.`);
  }
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    if (r && r.r1 <= headerRow && r.r2 >= headerRow && r.c2 > r.c1) {
      sink.add("error", "merged-header", `${quoteSheetName(name)}!${m}`,
        `Header cells ${m} are merged, so the columns under them have no header of their own.`,
        "Unmerge the cells and give each column its own header.");
    }
  }
  return missing.required.length === 0 && missing.oneOf.length === 0;
}

/**
 * Reads one sheet as a return of the given kind. Every row below the header is accounted for
 * (accepted, excluded with a reason, or rejected with a finding); nothing is dropped silently.
 */
export function readReturn(sheet: SheetData, kind: ReturnKind, options: ReadOptions = {}): ParsedReturn {
  const sink = new FindingSink(sheet.file, sheet.sheet);
  const rows = sheet.rows;
  const headerRow = findHeaderRow(kind, rows, options.map);
  const result: ParsedReturn = {
    file: sheet.file, sheet: sheet.sheet, kind, headerRow, columns: new Map(), records: [],
    rowsRead: 0, accepted: 0, excluded: 0, rejected: 0, findings: sink.findings, wardNames: new Set(),
    granularity: kind.fields.some((f) => f.type === "month") ? "month" : "day",
  };
  if (headerRow < 0) {
    sink.add("error", "no-header-row", `${quoteSheetName(sheet.sheet)}!1:${Math.min(rows.length, 30) || 1}`,
      `No header row naming the columns of a ${kind.label} return was found in the first 30 rows.`,
      `Put one header row above the data, with columns such as ${kind.fields.filter((f) => f.required).map((f) => `"${f.header}"`).join(", ")}.`);
    return result;
  }
  let width = 0;
  for (let r = headerRow; r < Math.min(rows.length, headerRow + 200); r++) width = Math.max(width, rows[r]?.length ?? 0);
  const match = matchHeaders(kind, rows[headerRow], options.map, width);
  result.columns = match.columns;
  for (const [fieldId, header] of Object.entries(options.map ?? {})) {
    if (!kind.fields.some((f) => f.id === fieldId)) {
      sink.add("error", "bad-map", "", `--map names the field "${fieldId}", which a ${kind.label} return does not have.`,
        `Use one of: ${kind.fields.map((f) => f.id).join(", ")}.`);
    } else if (match.columns.get(fieldId) === undefined || normaliseName(cellText(rows[headerRow][match.columns.get(fieldId)!])) !== normaliseName(header)) {
      sink.add("error", "bad-map", cellRef(sheet.sheet, headerRow, 0), `--map ${kind.id}.${fieldId}="${header}": no column headed "${header}" in row ${headerRow + 1}.`,
        `Check the header's spelling; the headers are: ${(rows[headerRow] ?? []).map(cellText).filter((h) => h).join(", ")}.`);
    }
  }
  const structurallyOk = structureFindings(sink, sheet, kind, headerRow, match);
  privacyFindings(sink, sheet, headerRow, match);
  if (!structurallyOk) {
    for (let r = headerRow + 1; r < rows.length; r++) if (!isBlankRow(rows[r])) result.rowsRead++;
    result.rejected = result.rowsRead;
    sink.flush();
    return result;
  }

  const fields = kind.fields;
  const cols = fields.map((f) => match.columns.get(f.id) ?? -1);
  const oneOfGroups = (kind.oneOf ?? []).map((g) => g.map((id) => fields.findIndex((f) => f.id === id)).filter((i) => cols[i] >= 0));
  const timeIndex = fields.findIndex((f) => f.type === "date" || f.type === "month");
  const countIndex = fields.findIndex((f) => f.type === "count");
  const dateOrders = fields.map((f, i) => (f.type === "date" && cols[i] >= 0 ? dateOrderOf(rows, headerRow + 1, cols[i]) : undefined));
  dateOrders.forEach((o, i) => {
    if (!o) return;
    if (o.us > 0 && o.uk > 0) {
      sink.add("error", "mixed-date-format", cellRef(sheet.sheet, headerRow, cols[i]),
        `The ${fields[i].header} column mixes day-first dates (${o.uk}) with month-first dates (${o.us}), so dates such as 03/04/2019 cannot be read safely.`,
        "Write every date the same way, preferably dd/mm/yyyy or as real Excel dates.");
    } else if (o.order === "mdy") {
      sink.add("warning", "us-date-format", cellRef(sheet.sheet, headerRow, cols[i]),
        `The ${fields[i].header} column is written month-first (American, e.g. 11/25/2018): ${plural(o.us, "date")} can only be read that way, so every date in it is read as mm/dd/yyyy.`,
        "Check a few dates; UK returns should use dd/mm/yyyy or real Excel dates.");
    }
  });
  const periods = options.periods ?? [];
  // A month is inside a period when any of its days is: compare month numbers, computed once.
  const bounds = result.granularity === "month" ? periods.map((p) => ({ from: monthOfDay(p.from), to: monthOfDay(p.to) })) : periods;
  const inSomePeriod = (t: number) => {
    for (const b of bounds) if (t >= b.from && t <= b.to) return true;
    return false;
  };
  const excludeWithout = (kind.excludeRowsWithout ?? [])
    .map((x) => ({ ...x, index: fields.findIndex((f) => f.id === x.field), count: 0, firstRow: undefined as number | undefined }))
    .filter((x) => x.index >= 0);
  // Returns repeat the same dates and values on many rows: each distinct text is read once.
  const caches = fields.map(() => new Map<string, unknown>());
  const lastNonBlank = (() => {
    for (let r = rows.length - 1; r > headerRow; r--) if (!isBlankRow(rows[r])) return r;
    return headerRow;
  })();
  const notesFrom = notesTailStart(rows, headerRow, lastNonBlank, cols);
  let blankStart = -1;
  let totalsSeen = -1;
  let excludedByPeriod = 0;
  let periodFirstRow = -1;
  const name = sheet.sheet;

  for (let r = headerRow + 1; r <= lastNonBlank; r++) {
    const row = rows[r] ?? [];
    let nonBlankCount = 0;
    let firstNonBlank: Cell = null;
    let firstText: string | undefined;
    let formulaLike = false;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (isBlank(cell)) continue;
      if (nonBlankCount++ === 0) firstNonBlank = cell;
      if (typeof cell === "string") {
        if (firstText === undefined) firstText = cell;
        if (FORMULA_START.has(cell.charCodeAt(0))) formulaLike = true;
      }
    }
    if (nonBlankCount === 0) {
      if (blankStart < 0) blankStart = r;
      continue;
    }
    // Blank rows are reported only when data follows them: a gap before notes is just layout.
    const gapStart = blankStart;
    blankStart = -1;
    result.rowsRead++;
    if (firstText !== undefined && TOTALS.test(firstText.trim())) {
      totalsSeen = r;
      result.excluded++;
      sink.add("warning", "totals-row", rowRangeRef(name, r, r),
        `Row ${r + 1} ("${firstText.trim()}") looks like a totals row; counting it would double-count, so it is excluded.`,
        "Delete totals rows from returns: the matrix adds the rows up itself.");
      continue;
    }
    let fieldCellsBlank = true;
    for (let i = 0; i < cols.length; i++) {
      if (cols[i] >= 0 && !isBlank(row[cols[i]])) {
        fieldCellsBlank = false;
        break;
      }
    }
    const notesLike = (nonBlankCount === 1 && typeof firstNonBlank === "string") || fieldCellsBlank;
    if (notesLike && (totalsSeen >= 0 || r >= notesFrom)) {
      result.excluded++;
      sink.add("warning", "notes-row", rowRangeRef(name, r, r),
        `Row ${r + 1} ("${cellText(firstNonBlank).slice(0, 60)}") is a note below the data, not a record; it is excluded.`,
        "Move notes to a separate sheet so the data ends at its last record.");
      continue;
    }
    if (r === headerRow + 1 && looksLikeSecondHeader(row, fields, cols)) {
      result.rejected++;
      sink.add("error", "two-header-rows", rowRangeRef(name, r, r),
        `Row ${r + 1} repeats or continues the header row ${headerRow + 1} (${row.filter((c) => !isBlank(c)).map(cellText).slice(0, 4).join(", ")}), so it is not data.`,
        "Combine the two header rows into one row with one header per column.");
      continue;
    }
    if (gapStart >= 0) {
      sink.add("warning", "blank-rows", rowRangeRef(name, gapStart, r - 1),
        `${r - gapStart === 1 ? `Row ${gapStart + 1} is` : `Rows ${gapStart + 1} to ${r} are`} blank inside the data.`,
        "Delete blank rows so nobody mistakes what follows for a separate table.");
    }
    let rejected = false;
    const values: FieldValueOf[] = new Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const c = cols[i];
      if (c < 0) continue;
      const f = fields[i];
      const cell = row[c];
      if (isBlank(cell)) {
        if (f.required) {
          rejected = true;
          sink.add("error", "missing-value", cellRef(name, r, c), `${f.header} is blank in row ${r + 1}.`, `Fill in the ${f.header} (${f.description.toLowerCase()}) or delete the row.`);
        } else if (f.type === "count") {
          rejected = true;
          sink.add("error", "missing-value", cellRef(name, r, c), `${f.header} is blank in row ${r + 1}, so the row's number of incidents is unknown.`, "Enter the count (0 if there were none) or delete the row.");
        }
        continue;
      }
      const errorValue = spreadsheetErrorOf(cell);
      if (errorValue) {
        rejected = true;
        sink.add("error", "spreadsheet-error", cellRef(name, r, c), `${f.header} holds the spreadsheet error ${errorValue} in row ${r + 1}.`,
          "Fix the formula that produced it, or paste the sheet as values and correct the cell.");
        continue;
      }
      switch (f.type) {
        case "date": {
          if (typeof cell === "number") {
            // The common case of an Excel date, read without building a result object.
            const day = dayFromExcelSerial(cell);
            if (day !== undefined) {
              values[i] = day;
              break;
            }
          }
          const d = typeof cell === "string" ? cachedDate(caches[i], cell, dateOrders[i]?.order ?? "dmy") : parseDate(cell, dateOrders[i]?.order ?? "dmy");
          if (!d.ok) {
            rejected = true;
            sink.add("error", "bad-date", cellRef(name, r, c), `${f.header} in row ${r + 1} ${d.reason}.`, "Enter a date as dd/mm/yyyy or as an Excel date.");
          } else values[i] = d.day;
          break;
        }
        case "month": {
          const m = typeof cell === "string" ? cached(caches[i], cell, parseMonth) : parseMonth(cell);
          if (!m.ok) {
            rejected = true;
            sink.add("error", "bad-month", cellRef(name, r, c), `${f.header} in row ${r + 1} ${m.reason}.`, 'Enter the month as "Apr 2019", "2019-04" or a date in that month.');
          } else values[i] = m.month;
          break;
        }
        case "count": {
          if (typeof cell === "number" && cell >= 0 && Number.isInteger(cell)) {
            values[i] = cell;
            break;
          }
          const n = parseCount(cell);
          if (n.ok) values[i] = n.value;
          else if (n.suppressed) {
            rejected = true;
            sink.group(`suppressed-value|${c}`, "warning", cellRef(name, r, c), r, (count, cells) =>
              `${plural(count, "suppressed value")} in ${f.header} (such as "<5" or "*"): ${cells}. They cannot be counted, so those rows are left out of every total.`,
              "Ask the partner for the unsuppressed figures: returns for this work are shared under the information sharing agreement and are not published as they are.");
          } else {
            rejected = true;
            sink.add("error", "bad-count", cellRef(name, r, c), `${f.header} in row ${r + 1}: ${n.reason}; a count must be a whole number of 0 or more.`, "Correct the count, or delete the row if it is not a record.");
          }
          break;
        }
        case "decile": {
          const d = parseDecile(cell);
          if (d === undefined) {
            rejected = true;
            sink.add("error", "bad-decile", cellRef(name, r, c), `${f.header} in row ${r + 1} is "${cellText(cell)}"; a decile is a whole number from 1 to 10.`, "Copy the decile from the published Indices of Deprivation file.");
          } else values[i] = d;
          break;
        }
        case "number": {
          const n = parseNumber(cell);
          if (n === undefined) {
            rejected = true;
            sink.add("error", "text-in-number", cellRef(name, r, c), `${f.header} in row ${r + 1} is "${cellText(cell)}", not a number.`, "Enter a number.");
          } else values[i] = n;
          break;
        }
        case "lsoa": {
          const text = typeof cell === "string" ? cached(caches[i], cell, normaliseCode) : cellText(cell);
          if (!text) {
            rejected = true;
            sink.add("error", "bad-lsoa", cellRef(name, r, c), `${f.header} in row ${r + 1} is "${cellText(cell)}", which is not an LSOA code (E01 followed by 6 digits).`,
              "Use the 2011 LSOA code, e.g. E01018226, not the LSOA name.");
          } else values[i] = text;
          break;
        }
        default: {
          const text = cellText(cell);
          // Names (wards, villages, listed values) are never numbers; a number there is a column mix-up.
          const nameField = f.type === "ward" || f.type === "village" || !!f.values;
          if (nameField && (typeof cell === "number" || cell instanceof Date || PLAIN_NUMBER_TEXT.test(text))) {
            sink.group(`number-in-text|${c}`, "warning", cellRef(name, r, c), r, (count, cells) =>
              `${f.header} should be text but holds ${count === 1 ? "a number or date" : `${plural(count, "number or date", "numbers or dates")}`}: ${cells}.`,
              `Check the column is really ${f.header}; enter ${f.description.toLowerCase()}`);
          }
          if (f.values) {
            const canonical = cached(caches[i], text, (t) => canonicalValue(f.values!, t));
            if (canonical === undefined) {
              sink.group(`unknown-value|${c}|${normaliseName(text)}`, "warning", cellRef(name, r, c), r, (count, cells) =>
                `${f.header} "${text}" is not one of ${listNames(f.values!.map((v) => v.value))} (${plural(count, "row")}: ${cells}); those rows match no filter on ${f.header}.`,
                `Use ${listNames(f.values!.map((v) => v.value))}.`);
              values[i] = text;
            } else values[i] = canonical;
          } else values[i] = text;
          if (f.type === "ward") result.wardNames.add(text);
        }
      }
    }
    for (const group of oneOfGroups) {
      if (group.length && group.every((i) => isBlank(row[cols[i]]))) {
        rejected = true;
        sink.add("error", "missing-area", rowRangeRef(name, r, r), `Row ${r + 1} has no ${group.map((i) => fields[i].header).join(" or ")}, so it cannot be placed in a ward.`,
          `Fill in the ${group.map((i) => fields[i].header).join(" or ")}.`);
      }
    }
    for (let c = 0; formulaLike && c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === "string" && looksLikeFormula(cell) && !(cols.includes(c) && fields[cols.indexOf(c)].type === "count")) {
        sink.group("formula-text", "warning", cellRef(name, r, c), r, (count, cells) =>
          `${plural(count, "cell")} hold${count === 1 ? "s" : ""} text that a spreadsheet would run as a formula (starting =, +, -, @): ${cells}. It is read and written only as text.`,
          "Check where the text came from; remove the leading character if it is not meant to be there.");
      }
    }
    if (rejected) {
      result.rejected++;
      continue;
    }
    const without = excludeWithout.find((x) => values[x.index] === undefined);
    if (without) {
      result.excluded++;
      without.count++;
      without.firstRow ??= r;
      continue;
    }
    if (timeIndex >= 0 && values[timeIndex] !== undefined) {
      const t = values[timeIndex] as number;
      if (!result.span) result.span = { first: t, last: t };
      else if (t < result.span.first) result.span.first = t;
      else if (t > result.span.last) result.span.last = t;
    }
    if (periods.length && timeIndex >= 0 && values[timeIndex] !== undefined) {
      if (!inSomePeriod(values[timeIndex] as number)) {
        result.excluded++;
        excludedByPeriod++;
        if (periodFirstRow < 0) periodFirstRow = r;
        continue;
      }
    }
    if (countIndex >= 0 && cols[countIndex] < 0) values[countIndex] = 1;
    result.records.push({ row: r, values });
  }
  if (excludedByPeriod > 0) {
    sink.add("info", "outside-period", rowRangeRef(name, periodFirstRow, periodFirstRow),
      `${plural(excludedByPeriod, "row")} fall${excludedByPeriod === 1 ? "s" : ""} outside the period${periods.length > 1 ? "s" : ""} of the criteria (${periods.map((p) => `${formatDay(p.from)} to ${formatDay(p.to)}`).join("; ")}) and ${excludedByPeriod === 1 ? "is" : "are"} excluded (first: row ${periodFirstRow + 1}).`,
      "Nothing to do if the return covers a longer span; otherwise check the dates.", { count: excludedByPeriod });
  }
  for (const x of excludeWithout) {
    if (!x.count) continue;
    sink.add("info", "excluded-rows", rowRangeRef(name, x.firstRow!, x.firstRow!),
      `${plural(x.count, "row")} ${x.reason} and ${x.count === 1 ? "is" : "are"} excluded: without ${fields[x.index].header} a row cannot be placed in a ward (first: row ${x.firstRow! + 1}).`,
      "Nothing to do: they are counted here so no row goes unaccounted for.", { count: x.count, reason: x.reason, field: fields[x.index].header });
  }
  uniquenessFindings(sink, result);
  sink.flush();
  result.accepted = result.records.length;
  return result;
}

const CACHE_LIMIT = 200_000;

function cached<T>(cache: Map<string, unknown>, key: string, compute: (key: string) => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute(key);
  if (cache.size < CACHE_LIMIT) cache.set(key, value);
  return value;
}

/** An LSOA code as the engine keys it (trimmed, upper case), or "" when it is not one. */
function normaliseCode(text: string): string {
  const t = text.trim().toUpperCase();
  return isLsoaCode(t) ? t : "";
}

function cachedDate(cache: Map<string, unknown>, key: string, order: DateOrder): ReturnType<typeof parseDate> {
  return cached(cache, key, (k) => parseDate(k, order));
}

/** Where the trailing run of note-like rows (no field filled in, or one line of text) begins. */
function notesTailStart(rows: readonly Cell[][], headerRow: number, last: number, cols: readonly number[]): number {
  let start = last + 1;
  for (let r = last; r > headerRow; r--) {
    const row = rows[r];
    if (isBlankRow(row)) continue;
    const nonBlank = row.filter((c) => !isBlank(c));
    const fieldCellsBlank = cols.every((c) => c < 0 || isBlank(row[c]));
    if (!(fieldCellsBlank || (nonBlank.length === 1 && typeof nonBlank[0] === "string"))) break;
    start = r;
  }
  return start;
}

const TYPED = ["date", "month", "count", "number", "decile", "lsoa"];

/** A row right under the header whose every cell is text that fits no field (units, a second header). */
function looksLikeSecondHeader(row: readonly Cell[], fields: readonly FieldDef[], cols: readonly number[]): boolean {
  let text = 0;
  let fitting = 0;
  for (let i = 0; i < fields.length; i++) {
    const c = cols[i];
    if (c < 0 || isBlank(row[c])) continue;
    const cell = row[c];
    if (typeof cell !== "string") return false;
    text++;
    const f = fields[i];
    if (f.type === "date" && parseDate(cell).ok) fitting++;
    else if (f.type === "month" && parseMonth(cell).ok) fitting++;
    else if ((f.type === "count" || f.type === "number" || f.type === "decile") && parseNumber(cell) !== undefined) fitting++;
    else if (f.type === "lsoa" && isLsoaCode(cell)) fitting++;
  }
  const typedCells = fields.filter((f, i) => cols[i] >= 0 && TYPED.includes(f.type) && !isBlank(row[cols[i]])).length;
  const headerLike = row.filter((c) => typeof c === "string" && fields.some((f) => headerScore(f, c) > 0)).length;
  return text >= 2 && fitting === 0 && (headerLike >= 1 || typedCells >= 2);
}

function uniquenessFindings(sink: FindingSink, ret: ParsedReturn): void {
  const fields = ret.kind.fields;
  for (const rule of ret.kind.unique ?? []) {
    const idx = rule.fields.map((id) => fields.findIndex((f) => f.id === id));
    if (idx.some((i) => i < 0 || !ret.columns.has(fields[i].id))) continue;
    const keyOf = (rec: ReturnRecord): string | undefined => {
      if (idx.length === 1) {
        const v = rec.values[idx[0]];
        return v === undefined || v === "" ? undefined : String(v);
      }
      const parts = idx.map((i) => rec.values[i]);
      return parts.some((p) => p === undefined || p === "") ? undefined : parts.join("\u0001");
    };
    const keys: (string | undefined)[] = ret.records.map(keyOf);
    const repeats = findRepeats(keys.length, (i) => keys[i]);
    const drop = new Set<ReturnRecord>();
    for (const [i, firstIndex] of repeats) {
      const rec = ret.records[i];
      const first = ret.records[firstIndex].row;
      const what = rule.fields.map((id, k) => {
        const v = rec.values[idx[k]];
        return `${fields[idx[k]].header} ${fields[idx[k]].type === "month" ? formatMonth(v as number) : v}`;
      }).join(", ");
      if (rule.severity === "error") {
        ret.rejected++;
        drop.add(rec);
        sink.add("error", "duplicate-row", rowRangeRef(ret.sheet, rec.row, rec.row),
          `Row ${rec.row + 1} repeats ${what} already given in row ${first + 1}; counting both would double-count.`,
          "Keep one row for each, adding the figures together if both are real.");
      } else {
        sink.group("duplicate-reference", "warning", rowRangeRef(ret.sheet, rec.row, rec.row), rec.row, (count, cells) =>
          `${plural(count, "row")} repeat${count === 1 ? "s" : ""} a reference already used above (${cells}); if they are the same incident it is counted twice.`,
          "Remove repeated rows, or give each incident its own reference.");
      }
    }
    const keep = drop.size ? ret.records.filter((x) => !drop.has(x)) : ret.records;
    ret.records = keep;
  }
}


const PERSONAL_HEADERS: { words: string[][]; what: string; unless?: string[] }[] = [
  { words: [["name"], ["surname"], ["forename"], ["first", "name"]], what: "people's names", unless: ["ward", "lsoa", "village", "parish", "district", "area", "offence", "street", "road", "authority", "officer", "team", "location", "place", "site", "scheme", "estate"] },
  { words: [["date", "of", "birth"], ["dob"], ["birth", "date"], ["birthdate"]], what: "dates of birth" },
  { words: [["postcode"], ["post", "code"]], what: "postcodes" },
  { words: [["phone"], ["telephone"], ["mobile"], ["tel"], ["contact", "number"]], what: "phone numbers" },
  { words: [["email"], ["e", "mail"]], what: "e-mail addresses" },
  { words: [["address"]], what: "addresses", unless: ["email", "e mail"] },
  { words: [["ni", "number"], ["national", "insurance"]], what: "National Insurance numbers" },
];

const FULL_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function privacyFindings(sink: FindingSink, sheet: SheetData, headerRow: number, match: HeaderMatch): void {
  const headers = (sheet.rows[headerRow] ?? []).map(cellText);
  const used = new Set(match.columns.values());
  headers.forEach((h, col) => {
    const n = ` ${normaliseName(h)} `;
    let what: string | undefined;
    for (const p of PERSONAL_HEADERS) {
      if (p.unless?.some((u) => n.includes(` ${u} `))) continue;
      if (p.words.some((set) => set.every((w) => n.includes(` ${w} `)))) {
        what = p.what;
        break;
      }
    }
    if (!what && !used.has(col)) {
      let postcodes = 0;
      let emails = 0;
      for (let r = headerRow + 1; r < Math.min(sheet.rows.length, headerRow + 201); r++) {
        const c = sheet.rows[r]?.[col];
        if (typeof c !== "string") continue;
        if (FULL_POSTCODE.test(c.trim())) postcodes++;
        else if (EMAIL.test(c.trim())) emails++;
      }
      if (postcodes >= 3) what = "full postcodes";
      else if (emails >= 3) what = "e-mail addresses";
    }
    if (what) {
      sink.add("warning", "personal-data", cellRef(sheet.sheet, headerRow, col),
        `The column "${h}" looks like it holds ${what}. The information sharing agreement allows aggregated or incident-level data without personal details for this work.`,
        "Delete the column before sending or sharing the return; the matrix does not need it.");
    }
  });
}

/**
 * Places every record in a ward of the district, reporting (never guessing) those it cannot.
 * The return read is left as it is (one read serves every district of a county-wide run); the
 * placed return is new, with its own records, counts and findings.
 */
export function placeReturn(ret: ParsedReturn, geography: Geography): ParsedReturn {
  const sink = new FindingSink(ret.file, ret.sheet);
  let rejected = 0;
  const fields = ret.kind.fields;
  const wardI = fields.findIndex((f) => f.type === "ward");
  const lsoaI = fields.findIndex((f) => f.type === "lsoa");
  const villageI = fields.findIndex((f) => f.type === "village");
  const districtI = fields.findIndex((f) => f.id === "district");
  const col = (i: number) => (i >= 0 ? ret.columns.get(fields[i].id) ?? -1 : -1);
  const keep: ReturnRecord[] = [];
  let otherDistrict = 0;
  let otherFirst = -1;
  const otherNames = new Set<string>();
  let splitExample: string | undefined;
  let vintageExample: string | undefined;
  for (const rec of ret.records) {
    const wardText = wardI >= 0 ? (rec.values[wardI] as string | undefined) : undefined;
    const lsoa = lsoaI >= 0 ? (rec.values[lsoaI] as string | undefined) : undefined;
    const village = villageI >= 0 ? (rec.values[villageI] as string | undefined) : undefined;
    const districtText = districtI >= 0 ? (rec.values[districtI] as string | undefined) : undefined;
    if (districtText && !geography.isDistrict(districtText)) {
      otherDistrict++;
      otherNames.add(districtText);
      if (otherFirst < 0) otherFirst = rec.row;
      continue;
    }
    const byName = wardText ? geography.resolveWard(wardText) : undefined;
    let ward = byName?.name;
    let failed = false;
    const small: { type: "lsoa" | "village"; text: string; i: number } | undefined =
      lsoa ? { type: "lsoa", text: lsoa, i: lsoaI } : village ? { type: "village", text: village, i: villageI } : undefined;
    if (small && geography.hasLookup(small.type)) {
      const r = geography.resolveArea(small.type, small.text);
      if (r.status === "ward") {
        if (byName && byName.name !== r.ward.name) {
          sink.add("warning", "ward-disagrees", cellRef(ret.sheet, rec.row, col(wardI)),
            `Row ${rec.row + 1} gives the ward "${wardText}", but the lookup puts ${small.type === "lsoa" ? "LSOA" : "village"} ${small.text} in ${r.ward.name}; the lookup's ward is used.`,
            "Correct the Ward column, or the lookup if the boundary has changed.");
        }
        ward = r.ward.name;
      } else if (r.status === "other-district") {
        otherDistrict++;
        otherNames.add(r.district);
        if (otherFirst < 0) otherFirst = rec.row;
        continue;
      } else if (r.status === "split" && !ward) {
        failed = true;
        splitExample ??= `${small.text} lies in ${listNames(r.wards)}`;
        const via = r.via;
        sink.group("split-lsoa", "error", cellRef(ret.sheet, rec.row, col(small.i)), rec.row, (n, cells) =>
          `${plural(n, "row")} name${n === 1 ? "s" : ""} an LSOA that changed from ${via} and now lies in more than one ward (${splitExample}); ${n === 1 ? "it is" : "they are"} not placed, never guessed: ${cells}.`,
          "Add a Ward column for these rows, or ask the partner for the return with current LSOA codes.");
      } else if (!ward && small.type === "lsoa" && geography.otherVintageOf(small.text)) {
        failed = true;
        const theirs = geography.otherVintageOf(small.text)!;
        const ours = geography.lsoaVintage?.lsoa;
        vintageExample ??= small.text;
        sink.group("lsoa-vintage", "error", cellRef(ret.sheet, rec.row, col(small.i)), rec.row, (n, cells) =>
          `${plural(n, "row")} give${n === 1 ? "s" : ""} LSOA codes of the ${theirs} census (such as ${vintageExample}) that the lookup (${geography.describeLsoaLookup()}) does not hold: the return uses ${theirs} LSOAs and the lookup ${ours} LSOAs. Rows: ${cells}.`,
          `Give the ONS "LSOA (2011) to LSOA (2021) to Local Authority District (2022)" lookup from the Open Geography Portal as one more lookup, so ${theirs} codes are placed in the ${ours}-based wards; or use an LSOA-to-ward lookup of the return's own vintage.`);
      } else if (!ward) {
        failed = true;
        sink.add("error", small.type === "lsoa" ? "unknown-lsoa" : "unknown-village", cellRef(ret.sheet, rec.row, col(small.i)),
          `${small.type === "lsoa" ? "LSOA" : "Village"} "${small.text}" in row ${rec.row + 1} is not in the lookup${wardText ? ` and the ward "${wardText}" is not a ward of ${geography.district}` : ""}, so the row cannot be placed in a ward.`,
          small.type === "lsoa" ? "Check the code against the ONS LSOA-to-ward lookup, or add a Ward column." : "Add the village to the village lookup, or fill in the Ward column.");
      }
    } else if (!ward) {
      failed = true;
      if (wardText) {
        const near = geography.nearestWards(wardText);
        sink.add("error", "unknown-ward", cellRef(ret.sheet, rec.row, col(wardI)),
          `"${wardText}" in row ${rec.row + 1} is not a ward of ${geography.district}${near.length ? `; nearest: ${listNames(near)}` : ""}.`,
          near.length ? `Correct the spelling (did you mean ${near[0]}?), or add an alias for it in the criteria file.` : `Use one of the ${geography.wards.length} wards of ${geography.district}.`);
      } else if (small) {
        sink.add("error", "no-lookup", cellRef(ret.sheet, rec.row, col(small.i)),
          `Row ${rec.row + 1} names ${small.type === "lsoa" ? "LSOA" : "village"} "${small.text}" but no ${small.type === "lsoa" ? "LSOA" : "village"} lookup was given and the row has no ward.`,
          `Give a lookup with --lookup (for LSOAs, the ONS LSOA-to-ward file), or add a Ward column.`);
      } else {
        sink.add("error", "missing-area", rowRangeRef(ret.sheet, rec.row, rec.row), `Row ${rec.row + 1} has no ward or area.`, "Fill in the ward.");
      }
    }
    if (failed) {
      rejected++;
      continue;
    }
    keep.push({ row: rec.row, values: rec.values, ward });
  }
  if (otherDistrict > 0) {
    const national = !!ret.kind.spansDistricts;
    sink.add(national ? "info" : "warning", "other-district", rowRangeRef(ret.sheet, otherFirst, otherFirst),
      `${plural(otherDistrict, "row")} ${otherDistrict === 1 ? "is" : "are"} for areas outside ${geography.district} (${listNames([...otherNames], 4)}) and ${otherDistrict === 1 ? "is" : "are"} excluded (first: row ${otherFirst + 1}).`,
      national ? "Nothing to do: this file covers more than one district." : "Check the return is for the right district.",
      { count: otherDistrict, areas: listNames([...otherNames], 4), district: geography.district });
  }
  sink.flush();
  return {
    ...ret,
    records: keep,
    findings: [...ret.findings, ...sink.findings],
    accepted: keep.length,
    rejected: ret.rejected + rejected,
    excluded: ret.excluded + otherDistrict,
  };
}
