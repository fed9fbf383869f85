/*
 * A workbook read by exceljs, the well-kept reader the project's own is held to: every cell as
 * exceljs gives it, turned into an engine cell the way the project read workbooks before it had
 * its own reader (formulas give their cached result, rich text its runs joined, a merged range's
 * value in its first cell only).
 */
import ExcelJS from "exceljs";
import { Cell, SheetData } from "../../src/engine/read/cells";

function cellFromExcel(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  const v = value as unknown as Record<string, unknown>;
  if (typeof v.error === "string") return { error: v.error };
  if (Array.isArray(v.richText))
    return (v.richText as { text?: unknown }[]).map((t) => (typeof t.text === "string" ? t.text : "")).join("");
  if ("formula" in v || "sharedFormula" in v) return cellFromExcel((v.result ?? null) as ExcelJS.CellValue);
  if (typeof v.text === "string") return v.text;
  return null;
}

export async function readWithExceljs(bytes: Uint8Array, file: string): Promise<SheetData[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: SheetData[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        values[col - 1] = cell.isMerged && cell.master !== cell ? null : cellFromExcel(cell.value);
      });
      rows[n - 1] = values;
    });
    const merges = ((ws as unknown as { model: { merges?: string[] } }).model.merges ?? []).slice();
    sheets.push({ file, sheet: ws.name, rows, merges });
  });
  return sheets;
}

/** Rows as comparable values: dates as ISO text, errors as their code, empty cells and trailing blanks dropped. */
export function comparable(rows: readonly (readonly Cell[] | undefined)[]): unknown[][] {
  const out = Array.from(rows, (row) => {
    const r = Array.from(row ?? [], (c) =>
      c === undefined || c === null || c === ""
        ? null
        : c instanceof Date
          ? `date ${c.toISOString()}`
          : typeof c === "object"
            ? `error ${c.error}`
            : c,
    );
    while (r.length && r[r.length - 1] === null) r.pop();
    return r;
  });
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}
