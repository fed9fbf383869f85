/*
 * Reading a return, the sheet's structure: a header found (or mapped), merged cells over data, hidden rows and sheets.
 */
import { cellText, columnLetter, isBlank, isBlankRow, parseRange } from "../read/cells";
import { addressOf, cellAt, rowsAt } from "../findings/findings";
import { missingRequired } from "./headers";
import { normaliseName } from "../read/text";
import { FindingSink, Layout, ReadOptions, describeSynonyms } from "./returnTypes";

export function mapFindings(sink: FindingSink, { grid, kind, headerRow, match }: Layout, map: ReadOptions["map"]): void {
  const headers = grid.row(headerRow);
  for (const [fieldId, header] of Object.entries(map ?? {})) {
    const col = match.columns.get(fieldId);
    if (!kind.fields.some((f) => f.id === fieldId)) {
      sink.add("bad-map", undefined, {
        form: "no-field",
        mapping: `${kind.id}.${fieldId}`,
        field: fieldId,
        kind: kind.label,
        fields: kind.fields.map((f) => f.id),
      });
    } else if (col === undefined || normaliseName(cellText(headers[col])) !== normaliseName(header)) {
      sink.add("bad-map", cellAt(headerRow, 0), {
        form: "no-header",
        mapping: `${kind.id}.${fieldId}="${header}"`,
        headerRow: headerRow + 1,
        headers: headers.map(cellText).filter((h) => h),
      });
    }
  }
}

/** Findings about the header row and the columns; false when a column the return needs is missing. */
export function structureFindings(sink: FindingSink, { sheet, grid, kind, headerRow, match }: Layout): boolean {
  const headers = grid.row(headerRow).map(cellText);
  const missing = missingRequired(kind, match);
  for (const f of missing.required) {
    sink.add(
      "missing-column",
      rowsAt(headerRow),
      {
        form: "field",
        kind: kind.label,
        field: f.id,
        header: f.header,
        description: f.description,
        headerRow: headerRow + 1,
        accepted: describeSynonyms(f),
      },
      { remedies: [{ action: "map-field", kind: kind.id, field: f.id }] },
    );
  }
  for (const group of missing.oneOf) {
    sink.add("missing-column", rowsAt(headerRow), {
      form: "one-of",
      kind: kind.label,
      headers: group.map((f) => f.header),
      headerRow: headerRow + 1,
      accepted: group.map(describeSynonyms),
    });
  }
  if (headerRow > 0) {
    let above = 0;
    for (let r = 0; r < headerRow; r++) if (!isBlankRow(grid.row(r))) above++;
    if (above > 0) {
      sink.add("header-not-first-row", cellAt(headerRow, 0), { headerRow: headerRow + 1, above });
    }
  }
  for (const d of match.duplicates) {
    sink.add("duplicate-column", cellAt(headerRow, d.col), {
      header: headers[d.col],
      first: addressOf(cellAt(headerRow, d.first)),
      second: addressOf(cellAt(headerRow, d.col)),
    });
  }
  for (const col of match.blank) {
    let hasData = false;
    for (let r = headerRow + 1; r < Math.min(grid.length, headerRow + 200) && !hasData; r++) hasData = !isBlank(grid.cell(r, col));
    if (hasData) {
      sink.add("blank-header", cellAt(headerRow, col), { column: columnLetter(col) });
    }
  }
  for (const col of match.unknown) {
    sink.add(
      "unknown-column",
      cellAt(headerRow, col),
      { header: headers[col], kind: kind.label, fields: kind.fields.map((f) => f.header) },
      { remedies: [{ action: "map-field", kind: kind.id, header: headers[col] }] },
    );
  }
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    if (r && r.r1 <= headerRow && r.r2 >= headerRow && r.c2 > r.c1) {
      sink.add("merged-header", { kind: "range", ...r }, { range: m });
    }
  }
  return missing.required.length === 0 && missing.oneOf.length === 0;
}

/**
 * A sheet or rows hidden in the workbook: hiding a row does not take it out of a return, so an
 * analyst who filtered rows away must hear that they still count.
 */
export function hiddenFindings(sink: FindingSink, { sheet, grid, kind, headerRow }: Layout): void {
  if (sheet.hidden) sink.add("hidden-sheet", undefined, { sheet: sheet.sheet, kind: kind.label });
  for (const r of sheet.hiddenRows ?? []) {
    if (r <= headerRow || isBlankRow(grid.row(r))) continue;
    sink.group("hidden-rows", "", rowsAt(r), {});
  }
}
