/*
 * Reading a return, its date order: day-first or month-first, decided by the column as a whole, never row by row.
 */
import { DateOrder } from "../read/dates";
import { cellAt } from "../findings/findings";
import { cellOf, Grid, idCounts } from "../read/grid";
import { FindingSink, Layout } from "./returnTypes";
import { cached } from "./returnTypes";

/** Reads a date column once to learn whether it is written day-first (UK) or month-first (US). */
function sniffDateOrder(grid: Grid, start: number, col: number): { order: DateOrder; us: number; uk: number } {
  let us = 0;
  let uk = 0;
  const tally = (order: DateOrder | "either", rows: number) => {
    if (order === "mdy") us += rows;
    else if (order === "dmy") uk += rows;
  };
  const column = grid.columns?.columns[col];
  if (column) {
    // Each distinct text is read once, with the number of rows holding it.
    const counts = idCounts(column, start);
    counts.forEach((rows, id) => {
      const v = rows ? cellOf(column, id) : undefined;
      if (typeof v === "string") tally(orderOfDateText(v), rows);
    });
  } else if (!grid.columns) {
    const seen = new Map<string, unknown>();
    for (let r = start; r < grid.length; r++) {
      const c = grid.cell(r, col);
      if (typeof c === "string") tally(cached(seen, c, orderOfDateText), 1);
    }
  }
  return { order: us > 0 && uk === 0 ? "mdy" : "dmy", us, uk };
}

/** Which order a date written with numbers only can be read in: "either" when both fields could be the month. */
function orderOfDateText(text: string): DateOrder | "either" {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(text);
  if (!m) return "either";
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a <= 12 && b > 12 ? "mdy" : a > 12 && b <= 12 ? "dmy" : "either";
}

/** The order each date field is read in, with a finding when a column is month-first or mixed. */
export function dateOrders(sink: FindingSink, { grid, kind, headerRow, cols }: Layout): DateOrder[] {
  return kind.fields.map((f, i) => {
    if (f.type !== "date" || cols[i] < 0) return "dmy";
    const o = sniffDateOrder(grid, headerRow + 1, cols[i]);
    if (o.us > 0 && o.uk > 0) {
      sink.add("mixed-date-format", cellAt(headerRow, cols[i]), { header: f.header, dayFirst: o.uk, monthFirst: o.us });
    } else if (o.order === "mdy") {
      sink.add("us-date-format", cellAt(headerRow, cols[i]), { header: f.header, monthFirst: o.us });
    }
    return o.order;
  });
}
