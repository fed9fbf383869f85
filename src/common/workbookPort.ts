import { RowSheet } from "../engine/read/cells";
import { Table4Layout } from "../engine/matrix/render";
import type { ChartCell, PlacedChartTable } from "../engine/matrix/charts";

/** The sheet of chart tables and the charts drawn beside them (see chartSheetLayout). */
export interface ChartSheet {
  rows: ChartCell[][];
  placed: PlacedChartTable[];
  bold: number[];
}

/** A picture put on a sheet: PNG as base64, its size in pixels, and its alternative text. */
export interface SheetPicture {
  png: string;
  width: number;
  height: number;
  title: string;
  description: string;
}

export interface SheetInfo {
  name: string;
  /** Excel's id for the sheet: it stays when the sheet is renamed. */
  id: string;
  active: boolean;
  rows: number;
  columns: number;
}

export interface Progress {
  onProgress?: (done: number, total: number) => void;
  signal?: { aborted: boolean };
}

/** A value written into a new sheet: text is written as text (never a formula); a date as Excel's serial number, shown as a date. */
export type WrittenCell = string | number | boolean | null | { date: number };

/** A cell to mark on a sheet, with the note its comment carries. */
export interface Mark {
  address: string;
  note: string;
}

/**
 * Everything the pane asks of the workbook: the port the Office adapter (src/excel) implements and
 * the browser tests' host double stands behind. Components receive it by props and never touch Excel.
 */
export interface WorkbookActions {
  listSheets(): Promise<SheetInfo[]>;
  readSheet(name: string, options?: Progress & { maxRows?: number; tailRows?: number }): Promise<RowSheet>;
  selectCells(sheet: string, address: string): Promise<void>;
  /**
   * Marks the cells, replacing the marks made before; gives how many were marked and the cells
   * filled without a comment (Excel refused one: a legacy note). If marking fails part way, what
   * was done stays recorded and clearMarks removes it.
   */
  markFindings(sheet: string, marks: Mark[]): Promise<{ marked: number; uncommented: string[] }>;
  clearMarks(): Promise<void>;
  hasMarks(): boolean;
  loadSettings(): Promise<string | undefined>;
  saveSettings(json: string): Promise<void>;
  writeMatrix(layout: Table4Layout, options: { baseName: string; beside?: string[][] }): Promise<{ sheet: string }>;
  writeDataSheet(baseName: string, rows: WrittenCell[][], options?: Progress): Promise<string>;
  picture(sheet: string): Promise<string | undefined>;
  /** Writes the chart tables as a new sheet and draws Excel's own charts beside them; gives the sheet and how many charts. */
  writeCharts(baseName: string, layout: ChartSheet): Promise<{ sheet: string; charts: number }>;
  /**
   * Puts a picture on a sheet to the right of what it holds; false where this Excel cannot insert
   * pictures (before ExcelApi 1.9).
   */
  insertPicture(sheet: string, picture: SheetPicture): Promise<boolean>;
  selectedAddress(): Promise<{ sheet: string; address: string }>;
  insertFormula(sheet: string, address: string, formula: string): Promise<void>;
  /**
   * Calls `onChange` when sheets are added or deleted, or the pane is shown again; gives the
   * function that stops watching.
   */
  watchWorkbook(onChange: () => void): Promise<() => Promise<void>>;
}
