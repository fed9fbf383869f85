/*
 * A copy of a partner's return with its findings marked: the same cells (dates as dates, text as
 * text, never a formula), each finding's cell filled and noted, and a Findings sheet listing them
 * all. Written in the browser by the partner page; the original file is never touched.
 */
import ExcelJS from "exceljs";
import type { Mark, WrittenCell } from "../common/workbookPort";
import type { Finding } from "../engine/findings/findings";
import { dateFromExcelSerial } from "../engine/read/dates";
import { parseRange } from "../engine/read/cells";

export interface MarkedCopy {
  /** The return's sheet name, kept for the copy. */
  sheet: string;
  /** The file the return came from, named in the Findings sheet. */
  file: string;
  rows: WrittenCell[][];
  marks: Mark[];
  findings: readonly Finding[];
  fixOf: (f: Finding) => string;
}

const MARK_FILL = "FFFFD966";

function cellValue(v: WrittenCell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "object") return dateFromExcelSerial(v.date);
  return v;
}

/** Excel's sheet name rules: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Return";

export async function markedCopyXlsx(copy: MarkedCopy): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const name = sheetName(copy.sheet);
  const ws = wb.addWorksheet(name);
  copy.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = cellValue(v);
      if (typeof v === "object") cell.numFmt = "yyyy-mm-dd";
    }),
  );
  for (const m of copy.marks) {
    const b = parseRange(m.address);
    if (!b) continue;
    const cell = ws.getCell(b.r1 + 1, b.c1 + 1);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: MARK_FILL } };
    cell.note = m.note;
  }
  const list = wb.addWorksheet(name === "Findings" ? "Findings (check)" : "Findings");
  list.addRow([`Findings for ${copy.file}`]).font = { bold: true };
  list.addRow(["Severity", "Cell", "Finding", "Fix"]).font = { bold: true };
  for (const f of copy.findings) list.addRow([f.severity, f.cell ? f.cell.replace(/^.*!/, "") : "", f.message, copy.fixOf(f)]);
  list.columns.forEach((col, i) => (col.width = [10, 10, 70, 70][i]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
