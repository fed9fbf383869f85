import ExcelJS from "exceljs";
import type { ReportTable } from "../app/reportTables";
import { saveWorkbook } from "./saveWorkbook";

/** The protective marking at the top and bottom of every printed page. */
function markingHeaderFooter(marking: string): Partial<ExcelJS.HeaderFooter> {
  const text = `&C${marking.replace(/&/g, "&&")}`;
  return { oddHeader: text, oddFooter: text };
}

/**
 * How every sheet prints: A4 (the paper councils print on; Excel's default is US Letter),
 * landscape, fitted to the page's width, with its header row on every page and the marking at the
 * top and bottom of each.
 */
export function printSetup(ws: ExcelJS.Worksheet, options: { headerRow?: number; marking?: string }): void {
  ws.pageSetup = {
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(options.headerRow ? { printTitlesRow: `${options.headerRow}:${options.headerRow}` } : {}),
  };
  if (options.marking) ws.headerFooter = markingHeaderFooter(options.marking);
}

/** A cell's value as written: text stays text (never a formula), numbers stay numbers. */
const plain = (v: string | number | null) => (v === null ? null : v);

/**
 * A report-ready workbook of one table: the marking, the title, the district and the source files
 * above it, notes below, the marking in header and footer, A4 landscape fitted to the page's width,
 * the header repeated on every page and each column as wide as its longest text.
 */
export function reportWorkbook(table: ReportTable, marking?: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "riskmatrix";
  const ws = wb.addWorksheet(table.sheet);
  if (marking) ws.addRow([marking]).font = { bold: true, color: { argb: "FFC00000" } };
  ws.addRow([table.title]).font = { bold: true, size: 13 };
  if (table.subtitle) ws.addRow([table.subtitle]).font = { bold: true };
  ws.addRow([`Source: ${table.sources.join(", ")}`]).font = { italic: true };
  ws.addRow([]);
  const header = ws.addRow(table.headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  for (const row of table.rows) ws.addRow(row.map(plain));
  ws.addRow([]);
  for (const note of table.notes) ws.addRow([note]).font = { italic: true };
  table.headers.forEach((h, i) => {
    const longest = Math.max(h.length, ...table.rows.map((r) => String(r[i] ?? "").length));
    ws.getColumn(i + 1).width = Math.min(Math.max(longest + 2, 10), 60);
  });
  ws.views = [{ state: "frozen", ySplit: header.number, xSplit: 1 }];
  printSetup(ws, { headerRow: header.number, marking });
  return wb;
}

export async function writeReport(table: ReportTable, out: string, marking?: string): Promise<void> {
  await saveWorkbook(reportWorkbook(table, marking), out);
}
