/*
 * The charts of Table 4, as tables of cells each chart is drawn from, so that the charts stay live
 * on the workbook's own cells (officers restyle them, or change a figure and see it move). The
 * command line writes them as chart parts, the pane through Excel's chart API; both from these.
 */
import type { Matrix } from "./matrix";

export type ChartCell = string | number | null;

export interface ChartTable {
  /** The chart's title, also written above its table. */
  title: string;
  kind: "stacked-column" | "line";
  header: string[];
  rows: ChartCell[][];
  /** The table's columns drawn as series (0 is the categories). */
  series: number[];
  /** Each series' colour (RRGGBB), in the order of `series`. */
  colours: string[];
  /** The value axis's title. */
  valueAxis: string;
  /** Said under the table: what a blank means, what was left out. */
  notes: string[];
}

/** Distinct colours for a chart's series (Office's own palette, which officers know). */
const SERIES_COLOURS = ["C0504D", "4F81BD", "9BBB59", "8064A2", "F79646", "4BACC6", "7F7F7F", "2C4D75", "772C2A", "5F7530"];

/** Each ward's flags, one series per column, wards sorted by their total (most first), blanks where a flag is not known. */
function flagsByWard(matrix: Matrix): ChartTable {
  const rows = [...matrix.rows].sort((a, b) => b.total - a.total || b.unknown - a.unknown || a.ward.localeCompare(b.ward, "en-GB"));
  const anyUnknown = rows.some((r) => r.unknown > 0);
  return {
    title: `Flags by ward: ${matrix.district}`,
    kind: "stacked-column",
    header: ["Ward", ...matrix.columns.map((c) => c.label), "Total Flags", "Risk"],
    rows: rows.map((r) => [
      r.ward,
      ...matrix.columns.map((c) => (r.flags[c.id] === true ? 1 : r.flags[c.id] === false ? 0 : null)),
      r.total,
      r.risk,
    ]),
    series: matrix.columns.map((_, i) => i + 1),
    colours: matrix.columns.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]),
    valueAxis: "Flags",
    notes: [
      "1 is a flag, 0 no flag. Wards are sorted by Total Flags.",
      ...(anyUnknown ? ["A blank is a flag not known (its data is missing): the ward's bar may be too short."] : []),
    ],
  };
}

/** One column's district total by month over its period; a month no row falls in is blank, never 0. */
function monthlyCounts(matrix: Matrix, column: Matrix["columns"][number], colour: string): ChartTable | undefined {
  const months = column.monthly;
  if (!months?.length || months.every((m) => m.value === null)) return undefined;
  const suppressed = months.filter((m) => m.suppressed > 0);
  const blank = months.filter((m) => m.value === null);
  return {
    title: `${column.label}: by month, ${matrix.district}`,
    kind: "line",
    header: ["Month", column.label, "Suppressed counts"],
    rows: months.map((m) => [m.month, m.value, m.suppressed || null]),
    series: [1],
    colours: [colour],
    valueAxis: "Count",
    notes: [
      `${column.label} in the district each month of the column's period (${column.criterion}).`,
      ...(column.partial ? [`Built from part of its data (${column.partial}): a month's figure may be too low.`] : []),
      ...(blank.length
        ? [`A blank month has no rows in the return: not reported, or none (${blank.map((m) => m.month).join(", ")}).`]
        : []),
      ...(suppressed.length
        ? [`Months with suppressed counts leave them out, so their figure may be too low (${suppressed.map((m) => m.month).join(", ")}).`]
        : []),
    ],
  };
}

/** Table 4's charts: flags by ward, then each dated column's monthly counts. */
export function table4Charts(matrix: Matrix): ChartTable[] {
  const flags = flagsByWard(matrix);
  const monthly = matrix.columns.flatMap((c, i) => monthlyCounts(matrix, c, flags.colours[i]) ?? []);
  return [flags, ...monthly];
}

/** A chart's table as placed on the sheet of chart tables, and where the chart is drawn beside it (all 0-based). */
export interface PlacedChartTable {
  table: ChartTable;
  headerRow: number;
  lastRow: number;
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
}

/** How many rows a chart beside its table takes at the least, so that a short table's chart can still be read. */
const CHART_ROWS = 20;

/**
 * The sheet the charts are drawn from: a heading, then each chart's title, table and notes, one
 * below another, each chart beside its table. The rows are the sheet's cells from A1.
 */
export function chartSheetLayout(matrix: Matrix, marking?: string): { rows: ChartCell[][]; placed: PlacedChartTable[]; bold: number[] } {
  const rows: ChartCell[][] = [];
  const bold: number[] = [];
  if (marking) bold.push(rows.push([marking]) - 1);
  bold.push(rows.push([`Charts of ${matrix.title}: ${matrix.district}`]) - 1);
  rows.push(["Each chart is drawn from the table beside it: restyle it in Excel, or change a figure and the chart follows."], []);
  const placed: PlacedChartTable[] = [];
  for (const table of table4Charts(matrix)) {
    const top = rows.length;
    bold.push(rows.push([table.title]) - 1);
    const headerRow = rows.length;
    bold.push(rows.push(table.header) - 1);
    rows.push(...table.rows);
    const lastRow = rows.length - 1;
    for (const note of table.notes) rows.push([note]);
    const height = Math.max(CHART_ROWS, lastRow - top + 2);
    const fromCol = table.header.length + 1;
    placed.push({
      table,
      headerRow,
      lastRow,
      anchor: { fromCol, fromRow: top, toCol: fromCol + (table.kind === "stacked-column" ? 14 : 9), toRow: top + height },
    });
    while (rows.length < top + height + 1) rows.push([]);
  }
  return { rows, placed, bold };
}
