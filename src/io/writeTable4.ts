import ExcelJS from "exceljs";
import { printSetup } from "./writeReport";
import { Matrix } from "../engine/matrix/matrix";
import { HighWard } from "../app/table4";
import { LayoutOptions, STYLE_FORMATS, table4Layout } from "../engine/matrix/render";
import { NO_DATA } from "../engine/matrix/matrix";
import type { FlagReason } from "../engine/matrix/evidence";
import type { MapPicture } from "./mapPicture";
import { chartSheetLayout } from "../engine/matrix/charts";
import { addCharts, type PlacedChart, type SheetCharts } from "./chartParts";
import { writeFileAtomically } from "./saveWorkbook";

/** Applies a layout style to an exceljs cell. Values are written as values: text never becomes a formula. */
function styleCell(cell: ExcelJS.Cell, styleName: keyof typeof STYLE_FORMATS): void {
  const f = STYLE_FORMATS[styleName];
  if (f.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${f.fill}` } };
  cell.font = {
    name: "Calibri",
    size: f.size ?? 11,
    bold: f.bold,
    italic: f.italic,
    color: f.color ? { argb: `FF${f.color}` } : undefined,
  };
  if (f.align || f.wrap) cell.alignment = { horizontal: f.align, vertical: "middle", wrapText: f.wrap };
  if (f.border) {
    const thin = { style: "thin" as const, color: { argb: "FF808080" } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

/** Only text, numbers and booleans reach a cell: an object would be written as a formula or a link. */
function plainValue(v: unknown): string | number | boolean | null {
  return v === null || v === undefined
    ? null
    : typeof v === "number" || typeof v === "boolean" || typeof v === "string"
      ? v
      : JSON.stringify(v);
}

/** A district's Table 4 as written, with the changes since an earlier one (comparisonRows) when it was compared. */
export interface WrittenTable4 {
  matrix: Matrix;
  changes?: string[][];
  /** The ward map, drawn on a sheet of its own after Table 4. */
  map?: MapPicture;
}

/** One district's Table 4 workbook, with the tables its charts are drawn from (the charts are added as the file is written). */
export function table4Workbook(table: WrittenTable4, options: LayoutOptions = {}): { wb: ExcelJS.Workbook; charts: SheetCharts[] } {
  const wb = new ExcelJS.Workbook();
  wb.creator = "riskmatrix";
  const charts: SheetCharts[] = [];
  addTable4Sheets(
    wb,
    table,
    options,
    "Table 4",
    "Evidence",
    () => "Changes",
    () => "Charts",
    charts,
  );
  return { wb, charts };
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\. */
function sheetName(text: string, max = 31): string {
  return text
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/^'|'$/g, "")
    .trim()
    .slice(0, max)
    .trim();
}

/**
 * A county-wide workbook: a summary of every High ward first, then each district's Table 4 and
 * its evidence.
 */
export function countyWorkbook(
  tables: readonly WrittenTable4[],
  high: readonly HighWard[],
  options: LayoutOptions = {},
): { wb: ExcelJS.Workbook; charts: SheetCharts[] } {
  const matrices = tables.map((t) => t.matrix);
  const wb = new ExcelJS.Workbook();
  wb.creator = "riskmatrix";
  const summary = wb.addWorksheet("High wards", { views: [{ state: "frozen", ySplit: options.marking ? 4 : 3 }] });
  if (options.marking) summary.addRow([options.marking]).font = { bold: true, color: { argb: "FFC00000" } };
  summary.addRow([
    `High risk wards in ${matrices.length} districts${matrices[0]?.compiled ? ` – Data compiled ${matrices[0].compiled}` : ""}`,
  ]).font = { bold: true, size: 13 };
  summary.addRow([]);
  const incomplete = matrices.map((m) => m.incompleteness && `${m.district}: ${m.incompleteness}`).filter((t): t is string => !!t);
  for (const text of incomplete) summary.addRow([text]).font = { bold: true, color: { argb: "FFC00000" } };
  if (incomplete.length) summary.addRow([]);
  summary.addRow(["District", "Ward", "Total Flags", "Flags not known", "Risk", "Flags"]).font = { bold: true };
  for (const h of high) summary.addRow([h.district, h.ward, h.total, h.unknown, h.risk, h.flags.join(", ")]);
  if (!high.length)
    summary.addRow([
      incomplete.length ? "No ward is High risk in any district on the flags known." : "No ward is High risk in any district.",
    ]);
  summary.columns.forEach((c, i) => (c.width = [26, 30, 12, 14, 16, 70][i]));
  const used = new Set<string>(["high wards"]);
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; used.has(n.toLowerCase()); i++) n = `${name.slice(0, 27)} (${i})`;
    used.add(n.toLowerCase());
    return n;
  };
  const charts: SheetCharts[] = [];
  for (const t of tables)
    addTable4Sheets(
      wb,
      t,
      options,
      unique(sheetName(t.matrix.district)),
      unique(`${sheetName(t.matrix.district, 22)} evidence`),
      () => unique(`${sheetName(t.matrix.district, 23)} changes`),
      () => unique(`${sheetName(t.matrix.district, 24)} charts`),
      charts,
    );
  return { wb, charts };
}

export async function writeCountyWorkbook(
  tables: readonly WrittenTable4[],
  high: Parameters<typeof countyWorkbook>[1],
  out: string,
  options: LayoutOptions = {},
): Promise<void> {
  await saveWithCharts(countyWorkbook(tables, high, options), out);
}

function addTable4Sheets(
  wb: ExcelJS.Workbook,
  { matrix, changes, map }: WrittenTable4,
  options: LayoutOptions,
  tableName: string,
  evidenceName: string,
  changesName: () => string,
  chartsName: () => string,
  charts: SheetCharts[],
): void {
  const layout = table4Layout(matrix, options);
  const ws = wb.addWorksheet(tableName, { views: [{ state: "frozen", ySplit: layout.table.headerRow + 1, xSplit: 1 }] });
  layout.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  layout.cells.forEach((row, r) => {
    row.forEach((c, col) => {
      const cell = ws.getCell(r + 1, col + 1);
      cell.value = plainValue(c.value);
      if (c.style) styleCell(cell, c.style);
    });
  });
  for (const [r1, c1, r2, c2] of layout.merges) ws.mergeCells(r1 + 1, c1 + 1, r2 + 1, c2 + 1);
  ws.getRow(layout.table.headerRow + 1).height = 45;
  ws.autoFilter = {
    from: { row: layout.table.headerRow + 1, column: 1 },
    to: { row: layout.table.lastRow + 1, column: layout.table.lastCol + 1 },
  };
  printSetup(ws, { headerRow: layout.table.headerRow + 1, marking: options.marking });
  if (map) addMap(wb, map, tableName === "Table 4" ? "Ward map" : sheetName(`${tableName} map`), options);
  const chartsSheet = chartsName();
  charts.push({ sheet: chartsSheet, charts: addChartTables(wb, matrix, chartsSheet, options) });
  addEvidence(wb, matrix, evidenceName, options);
  if (changes) addChanges(wb, changes, changesName(), options);
}

/** The ward map as a picture on a sheet of its own, printed on one landscape page with the marking. */
function addMap(wb: ExcelJS.Workbook, map: MapPicture, name: string, options: LayoutOptions): void {
  const ws = wb.addWorksheet(name);
  const image = wb.addImage({ buffer: Buffer.from(map.png) as unknown as ExcelJS.Buffer, extension: "png" });
  // Shown at half its pixels: the picture is drawn at twice its size to print sharply.
  ws.addImage(image, { tl: { col: 0, row: 0 }, ext: { width: map.width / 2, height: map.height / 2 }, editAs: "oneCell" });
  printSetup(ws, { marking: options.marking });
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 1;
  ws.pageSetup.orientation = map.height > map.width ? "portrait" : "landscape";
}

/** The changes since an earlier Table 4 on a sheet of their own: each ward's flags gained and lost, and criteria that changed. */
function addChanges(wb: ExcelJS.Workbook, rows: readonly string[][], name: string, options: LayoutOptions): void {
  const ws = wb.addWorksheet(name);
  if (options.marking) ws.addRow([options.marking]).font = { bold: true, color: { argb: "FFC00000" } };
  for (const row of rows) ws.addRow(row.map((text) => text || null));
  const first = options.marking ? 2 : 1;
  ws.getRow(first).font = { bold: true, size: 13 };
  ws.getRow(first + rows.findIndex((r) => r[0] === "Ward")).font = { bold: true };
  [28, 40, 40, 22].forEach((w, c) => (ws.getColumn(c + 1).width = w));
  printSetup(ws, { marking: options.marking });
}

/** The sheet of tables Table 4's charts are drawn from, with where each chart goes: beside its table. */
function addChartTables(wb: ExcelJS.Workbook, matrix: Matrix, name: string, options: LayoutOptions): PlacedChart[] {
  const ws = wb.addWorksheet(name);
  const layout = chartSheetLayout(matrix, options.marking);
  for (const row of layout.rows) ws.addRow(row.map((v) => plainValue(v)));
  for (const r of layout.bold)
    ws.getRow(r + 1).font = { bold: true, ...(r === 0 && options.marking ? { color: { argb: "FFC00000" } } : {}) };
  for (const p of layout.placed)
    for (let r = p.lastRow + 1; r < p.lastRow + 1 + p.table.notes.length; r++) ws.getRow(r + 1).font = { italic: true };
  ws.getColumn(1).width = 28;
  for (let c = 2; c <= Math.max(...layout.placed.map((p) => p.table.header.length)); c++) ws.getColumn(c).width = 12;
  printSetup(ws, { marking: options.marking });
  return layout.placed.map((p) => ({
    table: p.table,
    place: { headerRow: p.headerRow + 1, lastRow: p.lastRow + 1, firstCol: 1 },
    anchor: p.anchor,
  }));
}

export async function writeTable4(table: WrittenTable4, out: string, options: LayoutOptions = {}): Promise<void> {
  await saveWithCharts(table4Workbook(table, options), out);
}

/** Writes a workbook with its charts' parts added (the workbook library writes none). */
async function saveWithCharts({ wb, charts }: { wb: ExcelJS.Workbook; charts: SheetCharts[] }, out: string): Promise<void> {
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  await writeFileAtomically(out, addCharts(bytes, charts));
}

/**
 * The figure a rule tested, as a cell: a number where it is one (so it sorts and sums), a range
 * ("19 to 20") where part of it is not known, "no data" only where there is none.
 */
function evidenceValue(reason: FlagReason | undefined, figure: string | undefined): string | number {
  if (!reason) return figure ?? "";
  if (reason.value === null) return NO_DATA;
  if (reason.range) return (figure ?? "").replace(/^[^:]*: /, "");
  return reason.value;
}

/**
 * The figures behind each flag, report-ready: title, district and marking above, an Excel table
 * with filters (a village or LSOA column beside each figure that is of one), the criteria and their
 * periods below, the marking in the header and footer of every printed page.
 */
function addEvidence(wb: ExcelJS.Workbook, matrix: Matrix, name: string, options: LayoutOptions): void {
  const ws = wb.addWorksheet(name);
  if (options.marking) ws.addRow([options.marking]).font = { bold: true, color: { argb: "FFC00000" } };
  ws.addRow([`Evidence behind ${matrix.title}${matrix.compiled ? ` – Data compiled ${matrix.compiled}` : ""}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([matrix.district]).font = { bold: true };
  if (matrix.incompleteness) {
    const cell = ws.addRow([matrix.incompleteness]).getCell(1);
    styleCell(cell, "warning");
    cell.alignment = { wrapText: false };
  }
  ws.addRow(["Each figure is the one the column's rule tested for the ward: its count, or its busiest village or most deprived LSOA."]);
  const top = ws.rowCount + 1;
  ws.views = [{ state: "frozen", ySplit: top, xSplit: 1 }];
  const areaColumn = (c: Matrix["columns"][number]) => matrix.rows.some((r) => r.reasons[c.id]?.area !== undefined);
  const seen = new Set<string>();
  // A table's column names must differ, even where two criteria share a label and rule.
  const headers = [
    "Ward",
    ...matrix.columns.flatMap((c) => [`${c.label} (${c.rule})`, ...(areaColumn(c) ? [`${c.label}: area`] : [])]),
  ].map((h) => {
    let n = h;
    for (let i = 2; seen.has(n.toLowerCase()); i++) n = `${h} (${i})`;
    seen.add(n.toLowerCase());
    return n;
  });
  const rows = matrix.rows.map((r) => [
    r.ward,
    ...matrix.columns.flatMap((c) => [
      evidenceValue(r.reasons[c.id], r.evidence[c.id]),
      ...(areaColumn(c) ? [r.reasons[c.id]?.area ?? ""] : []),
    ]),
  ]);
  ws.addTable({
    name: `Evidence${wb.worksheets.length}`,
    ref: `A${top}`,
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: headers.map((h) => ({ name: h, filterButton: true })),
    rows: rows.length ? rows : [headers.map(() => "")],
  });
  headers.forEach((h, i) => {
    const longest = Math.max(h.length, ...rows.map((r) => String(r[i]).length));
    ws.getColumn(i + 1).width = Math.min(Math.max(longest + 2, 10), i === 0 ? 32 : 28);
  });
  ws.getRow(top).alignment = { wrapText: true, vertical: "top" };
  printSetup(ws, { headerRow: top, marking: options.marking });
  ws.addRow([]);
  ws.addRow(["Data source", "Criteria"]).font = { bold: true };
  for (const c of matrix.columns) ws.addRow([c.label, c.criterion]);
}
