/*
 * Reading a return from a sheet: a chain of named steps, each in its own file (structure, how a CSV was written, date order, row classes, fields, scope, repeats, privacy), then placing.
 */
import { cellText, isBlank, isBlankRow, SheetData } from "../read/cells";
import { DateOrder } from "../read/dates";
import { Finding, rowsAt } from "../findings/findings";
import { findHeaderRow, HEADER_SEARCH_ROWS } from "./headers";
import { fieldRoles, numericFields, ReturnKind } from "./returnKinds";
import { hashText } from "../read/hash";
import { Records, RecordsBuilder, RowTexts } from "./records";
import { cellOf, gridOf, headRows, idAt, rowsWithCells } from "../read/grid";
import { CsvRowCheck, csvFindings } from "./csvShape";
import { dateOrders } from "./dateOrder";
import { FieldParser } from "./fields";
import { rowCellsOf } from "./rowCells";
import { privacyFindings } from "./privacy";
import { FindingSink, Layout, ParsedReturn, ReadOptions, layoutOf } from "./returnTypes";
import { RowClassifier, lastNonBlankRow, rowClassFindings } from "./rowClasses";
import { RowScope } from "./scope";
import { hiddenFindings, mapFindings, structureFindings } from "./structure";
import { dropRepeats } from "./uniqueness";
export { placeReturn } from "./placing";
export type { ParsedReturn, Period, ReadOptions } from "./returnTypes";
export { dropRepeatsAcross, spanInDays } from "./uniqueness";
export type { FieldValueOf } from "./records";

function emptyReturn(sheet: SheetData, kind: ReturnKind, headerRow: number, findings: Finding[]): ParsedReturn {
  return {
    file: sheet.file,
    sheet: sheet.sheet,
    kind,
    headerRow,
    columns: new Map(),
    records: Records.empty(numericFields(kind)),
    rowsRead: 0,
    accepted: 0,
    excluded: 0,
    rejected: 0,
    leftOut: 0,
    findings,
    wardNames: new Set(),
    granularity: kind.fields.some((f) => f.type === "month") ? "month" : "day",
  };
}

function noHeaderFinding(sink: FindingSink, rowCount: number, kind: ReturnKind): void {
  sink.add("no-header-row", rowsAt(0, Math.max(Math.min(rowCount, HEADER_SEARCH_ROWS), 1) - 1), {
    kind: kind.label,
    searched: HEADER_SEARCH_ROWS,
    required: kind.fields.filter((f) => f.required).map((f) => f.header),
  });
}

/**
 * Reads one sheet as a return of the given kind. Every row below the header is accounted for
 * (accepted, excluded with a reason, or rejected with a finding); nothing is dropped silently.
 */
export function readReturn(sheet: SheetData, kind: ReturnKind, options: ReadOptions = {}): ParsedReturn {
  const sink = new FindingSink(sheet.file, sheet.sheet);
  const grid = gridOf(sheet);
  const headerRow = findHeaderRow(kind, headRows(sheet, HEADER_SEARCH_ROWS), options.map);
  const result = emptyReturn(sheet, kind, headerRow, sink.findings);
  if (headerRow < 0) {
    noHeaderFinding(sink, grid.length, kind);
    return result;
  }
  const layout = layoutOf(sheet, grid, kind, headerRow, options.map);
  result.columns = layout.match.columns;
  mapFindings(sink, layout, options.map);
  const structurallyOk = structureFindings(sink, layout);
  privacyFindings(sink, layout);
  hiddenFindings(sink, layout);
  const csvRows = csvFindings(sink, layout);
  if (!structurallyOk) {
    for (let r = headerRow + 1; r < grid.length; r++) if (!isBlankRow(grid.row(r))) result.rowsRead++;
    result.rejected = result.leftOut = result.rowsRead;
    sink.flush();
    return result;
  }
  const read = readRows(sink, layout, dateOrders(sink, layout), new RowScope(kind, options.periods ?? [], result.granularity), csvRows);
  const unique = dropRepeats(sink, { ...result, records: read.records });
  if (read.rowsRead === 0) {
    sink.add("no-rows", rowsAt(headerRow), { sheet: sheet.sheet, kind: kind.label, headerRow: headerRow + 1 });
  }
  sink.flush();
  return {
    ...result,
    ...read,
    records: unique.records,
    rejected: read.rejected + unique.rejected,
    accepted: unique.records.length,
  };
}

/** Classifies, parses and scopes every row below the header. */
function readRows(sink: FindingSink, layout: Layout, orders: readonly DateOrder[], scope: RowScope, csvRows: CsvRowCheck | undefined) {
  const { grid, kind, headerRow, cols } = layout;
  const classifier = new RowClassifier(layout, lastNonBlankRow(grid, headerRow));
  const countCols = new Set(kind.fields.flatMap((f, i) => (f.type === "count" && cols[i] >= 0 ? [cols[i]] : [])));
  // A sheet held in columns is read by value ids, without making its rows.
  const cells = rowCellsOf(grid, countCols);
  const fromRows = grid.columns ? textsFromRows(layout) : [];
  const parser = new FieldParser(sink, layout, orders, fromRows);
  const { count } = fieldRoles(kind);
  const records = new RecordsBuilder(
    numericFields(kind),
    fromRows,
    rowsWithCells(grid, headerRow + 1, classifier.lastRow),
    cols.map((c) => c >= 0),
  );
  let rowsRead = 0;
  let excluded = 0;
  let rejected = 0;
  let leftOut = 0;
  for (let r = headerRow + 1; r <= classifier.lastRow; r++) {
    const kindOfRow = classifier.classify(cells, r);
    if (kindOfRow === "blank") continue;
    rowsRead++;
    if (csvRows?.rejects(sink, grid, r, kindOfRow === "data")) {
      rejected++;
      leftOut++;
      continue;
    }
    if (kindOfRow !== "data") {
      rowClassFindings(sink, kindOfRow, grid.row(r), r, headerRow);
      if (kindOfRow === "second-header") rejected++;
      else excluded++;
      continue;
    }
    if (classifier.gap) {
      const { first, last } = classifier.gap;
      sink.add("blank-rows", rowsAt(first, last), { first: first + 1, last: last + 1 });
    }
    const ok = parser.parse(cells, r, records);
    cells.formulaFindings(sink, r);
    if (!ok) {
      rejected++;
      leftOut++;
      continue;
    }
    if (!scope.admits(records, r)) continue;
    if (count >= 0 && cols[count] < 0) records.set(count, 1);
    records.commit(r);
  }
  scope.findings(sink);
  return {
    records: records.build(),
    rowsRead,
    excluded: excluded + scope.excluded,
    rejected,
    leftOut,
    wardNames: parser.wardNames,
    span: scope.span,
  };
}

/**
 * Plain text fields in packed columns of identifiers, read from the sheet when a record is asked
 * for them rather than held as a string per record. Their reading is the cell's text, as
 * FieldParser gives it. Not the fields the row scope reads while rows are being read.
 */
function textsFromRows({ grid, kind, cols }: Layout): (RowTexts | undefined)[] {
  const roles = fieldRoles(kind);
  const scoped = new Set([roles.time, ...(kind.excludeRowsWithout ?? []).map((x) => kind.fields.findIndex((f) => f.id === x.field))]);
  return kind.fields.map((f, i) => {
    const column = grid.columns?.columns[cols[i]];
    if (!column?.packed || f.type !== "text" || f.values || scoped.has(i)) return undefined;
    const at = (row: number) => {
      const cell = cellOf(column, idAt(column, row));
      return isBlank(cell) ? undefined : cellText(cell);
    };
    const hashAt = (row: number) => {
      const id = idAt(column, row);
      const packed = id >= column.values.length ? column.packed!.trimmedHash(id - column.values.length) : undefined;
      if (packed !== undefined) return packed;
      const text = at(row);
      return text === undefined ? undefined : hashText(text);
    };
    return new RowTexts(at, hashAt);
  });
}
