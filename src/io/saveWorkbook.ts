import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

/** Writes a workbook to a temporary file first, then moves it into place: a failed write leaves nothing behind. */
export async function saveWorkbook(wb: ExcelJS.Workbook, out: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
