/*
 * Reading a return, the sheet's structure: a header found (or mapped), merged cells over data, hidden rows and sheets.
 */
import { cellText, columnLetter, isBlank, isBlankRow, parseRange } from "../read/cells";
import { addressOf, cellAt, rowsAt } from "../findings/findings";
import { missingRequired } from "./headers";
import { listNames, normaliseName, plural } from "../read/text";
import { FindingSink, Layout, ReadOptions, describeSynonyms } from "./returnTypes";

export function mapFindings(sink: FindingSink, { grid, kind, headerRow, match }: Layout, map: ReadOptions["map"]): void {
  const headers = grid.row(headerRow);
  for (const [fieldId, header] of Object.entries(map ?? {})) {
    const col = match.columns.get(fieldId);
    if (!kind.fields.some((f) => f.id === fieldId)) {
      sink.add(
        "bad-map",
        undefined,
        `The header mapping ${kind.id}.${fieldId} names the field "${fieldId}", which a ${kind.label} return does not have.`,
        `Use one of: ${kind.fields.map((f) => f.id).join(", ")}.`,
      );
    } else if (col === undefined || normaliseName(cellText(headers[col])) !== normaliseName(header)) {
      sink.add(
        "bad-map",
        cellAt(headerRow, 0),
        `The header mapping ${kind.id}.${fieldId}="${header}" names no column of row ${headerRow + 1}.`,
        `Check the header's spelling; the headers are: ${headers
          .map(cellText)
          .filter((h) => h)
          .join(", ")}.`,
      );
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
      `The ${kind.label} return has no ${f.header} column (${f.description}) in its header row (row ${headerRow + 1}).`,
      `Add a column headed "${f.header}". Headers accepted for it: ${describeSynonyms(f)}.`,
      { remedies: [{ action: "map-field", kind: kind.id, field: f.id }] },
    );
  }
  for (const group of missing.oneOf) {
    sink.add(
      "missing-column",
      rowsAt(headerRow),
      `The ${kind.label} return needs one of ${listNames(group.map((f) => `"${f.header}"`))} to place each row in a ward; row ${headerRow + 1} has none.`,
      `Add a ${group.map((f) => f.header).join(" or ")} column (accepted headers: ${group.map(describeSynonyms).join("; ")}).`,
    );
  }
  if (headerRow > 0) {
    let above = 0;
    for (let r = 0; r < headerRow; r++) if (!isBlankRow(grid.row(r))) above++;
    if (above > 0) {
      sink.add(
        "header-not-first-row",
        cellAt(headerRow, 0),
        `The headers are in row ${headerRow + 1}; ${plural(above, "title row")} above them ${above === 1 ? "was" : "were"} skipped.`,
        "Nothing to do. For the cleanest return, put the headers in row 1 and titles on a notes sheet.",
      );
    }
  }
  for (const d of match.duplicates) {
    sink.add(
      "duplicate-column",
      cellAt(headerRow, d.col),
      `The header "${headers[d.col]}" appears twice (columns ${addressOf(cellAt(headerRow, d.first))} and ${addressOf(cellAt(headerRow, d.col))}); only the first is read.`,
      "Delete or rename the second column so each field appears once.",
    );
  }
  for (const col of match.blank) {
    let hasData = false;
    for (let r = headerRow + 1; r < Math.min(grid.length, headerRow + 200) && !hasData; r++) hasData = !isBlank(grid.cell(r, col));
    if (hasData) {
      sink.add(
        "blank-header",
        cellAt(headerRow, col),
        `Column ${columnLetter(col)} has data but no header, so it is not read.`,
        "Give the column a header, or delete it if it is not needed.",
      );
    }
  }
  for (const col of match.unknown) {
    sink.add(
      "unknown-column",
      cellAt(headerRow, col),
      `The column "${headers[col]}" is not part of a ${kind.label} return and is ignored.`,
      `Remove it before sending if it is not needed; the fields of a ${kind.label} return are: ${kind.fields.map((f) => f.header).join(", ")}.`,
      { remedies: [{ action: "map-field", kind: kind.id, header: headers[col] }] },
    );
  }
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    if (r && r.r1 <= headerRow && r.r2 >= headerRow && r.c2 > r.c1) {
      sink.add(
        "merged-header",
        { kind: "range", ...r },
        `Header cells ${m} are merged, so the columns under them have no header of their own.`,
        "Unmerge the cells and give each column its own header.",
      );
    }
  }
  return missing.required.length === 0 && missing.oneOf.length === 0;
}

/**
 * A sheet or rows hidden in the workbook: hiding a row does not take it out of a return, so an
 * analyst who filtered rows away must hear that they still count.
 */
export function hiddenFindings(sink: FindingSink, { sheet, grid, kind, headerRow }: Layout): void {
  if (sheet.hidden)
    sink.add(
      "hidden-sheet",
      undefined,
      `The sheet "${sheet.sheet}" is hidden in its workbook; it was read as the ${kind.label} return.`,
      "Check that it is the sheet meant to be sent: a hidden sheet is easily overlooked or out of date.",
    );
  for (const r of sheet.hiddenRows ?? []) {
    if (r <= headerRow || isBlankRow(grid.row(r))) continue;
    sink.group(
      "hidden-rows",
      "",
      rowsAt(r),
      (n, rows) =>
        `${plural(n, "row")} ${n === 1 ? "is" : "are"} hidden in the workbook (filtered out or hidden by hand) and ${n === 1 ? "is" : "are"} read and counted like every other row: ${rows}.`,
      "If they were hidden to leave them out, delete them from the return; otherwise nothing to do.",
    );
  }
}
