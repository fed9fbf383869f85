import ExcelJS from "exceljs";
import type { ReportTable } from "../app/reportTables";
import { saveWorkbook } from "./saveWorkbook";

/** The protective marking at the top and bottom of every printed page. */
export function markingHeaderFooter(marking: string): Partial<ExcelJS.HeaderFooter> {
  const text = `&C${marking.replace(/&/g, "&&")}`;
  return { oddHeader: text, oddFooter: text };
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
  ws.pageSetup = {
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${header.number}:${header.number}`,
  };
  if (marking) ws.headerFooter = markingHeaderFooter(marking);
  return wb;
}

export async function writeReport(table: ReportTable, out: string, marking?: string): Promise<void> {
  await saveWorkbook(reportWorkbook(table, marking), out);
}
