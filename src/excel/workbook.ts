/*
 * Every Office.js call of the add-in lives here. Each function receives the request context from
 * its caller (Excel.run in actions.ts, or a test double), loads what it reads before it reads it,
 * and syncs once per chunk of rows, never once per cell.
 */
/* global Excel */
import { Cell, columnLetter, quoteSheetName, SheetData, unquoteSheetName } from "../engine/cells";
import { CellStyle, STYLE_FORMATS, Table4Layout } from "../engine/render";
import { CancelledError } from "../shared/errors";
import { Mark, SheetInfo } from "../shared/workbookPort";

/** Cells per read or write: at ~20 bytes a cell in JSON this is about 2 MB a request, under Excel on the web's 5 MB. */
export const CELLS_PER_CHUNK = 100_000;
export const SETTINGS_KEY = "csp.riskmatrix";

export function rowsPerChunk(columns: number): number {
  return Math.max(1, Math.floor(CELLS_PER_CHUNK / Math.max(1, columns)));
}

export async function listSheets(context: Excel.RequestContext): Promise<SheetInfo[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const active = context.workbook.worksheets.getActiveWorksheet();
  active.load("name");
  await context.sync();
  const visible = sheets.items.filter((s) => s.visibility === "Visible");
  const used = visible.map((s) => {
    const r = s.getUsedRangeOrNullObject(true);
    r.load("rowCount,columnCount,rowIndex,columnIndex");
    return r;
  });
  await context.sync();
  return visible.map((s, i) => ({
    name: s.name,
    active: s.name === active.name,
    rows: used[i].isNullObject ? 0 : used[i].rowIndex + used[i].rowCount,
    columns: used[i].isNullObject ? 0 : used[i].columnIndex + used[i].columnCount,
  }));
}

/** Excel hands errors back as text ("#N/A") and blanks as ""; the engine takes null for blank. */
function toCell(v: unknown): Cell {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return JSON.stringify(v) ?? null;
}

export interface ReadOptions {
  /** Read at most this many rows (e.g. the first 30, to recognise a return's kind). */
  maxRows?: number;
  onProgress?: (rowsRead: number, rowsTotal: number) => void;
  signal?: { aborted: boolean };
}

/**
 * Reads a sheet's used range as values, in row chunks with one sync each. Rows and columns before
 * the used range are kept (as blanks) so that cell references in findings match the sheet.
 */
export async function readSheet(context: Excel.RequestContext, name: string, options: ReadOptions = {}): Promise<SheetData> {
  const ws = context.workbook.worksheets.getItem(name);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowCount,columnCount,rowIndex,columnIndex");
  await context.sync();
  if (used.isNullObject) return { file: "this workbook", sheet: name, rows: [] };
  const total = Math.min(used.rowCount, options.maxRows ?? Infinity);
  const columns = used.columnCount;
  const rows: Cell[][] = Array.from({ length: used.rowIndex }, () => []);
  const step = rowsPerChunk(columns);
  for (let start = 0; start < total; start += step) {
    if (options.signal?.aborted) throw new CancelledError();
    const count = Math.min(step, total - start);
    const range = ws.getRangeByIndexes(used.rowIndex + start, used.columnIndex, count, columns);
    range.load("values");
    await context.sync();
    for (const values of range.values) {
      const row = new Array<Cell>(used.columnIndex + values.length);
      for (let c = 0; c < used.columnIndex; c++) row[c] = null;
      for (let c = 0; c < values.length; c++) row[used.columnIndex + c] = toCell(values[c]);
      rows.push(row);
    }
    options.onProgress?.(start + count, total);
  }
  let merges: string[] | undefined;
  try {
    const areas = used.getMergedAreasOrNullObject();
    areas.load("address");
    await context.sync();
    merges = areas.isNullObject ? [] : areas.address.split(",").map((a) => a.replace(/^.*!/, "").replace(/\$/g, ""));
  } catch {
    merges = undefined; // ExcelApi 1.13 is older than some clients; merged headers then go unreported.
  }
  return { file: "this workbook", sheet: name, rows, merges };
}

export async function selectCells(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

/** What marking changed, so that removing the marks restores each cell exactly. */
export interface MarkRecord {
  sheet: string;
  cells: { address: string; fill: string | null }[];
  commentIds: string[];
}

const MARK_FILL = "#FFD966";

/** Fills each finding's cell and attaches a comment; records the original fills first. */
export async function markFindings(context: Excel.RequestContext, sheet: string, marks: readonly Mark[]): Promise<MarkRecord> {
  const ws = context.workbook.worksheets.getItem(sheet);
  const fills = marks.map((m) => {
    const f = ws.getRange(m.address).format.fill;
    f.load("color");
    return f;
  });
  await context.sync();
  const record: MarkRecord = {
    sheet,
    cells: marks.map((m, i) => ({ address: m.address, fill: fills[i].color === "#FFFFFF" ? null : fills[i].color })),
    commentIds: [],
  };
  const comments = marks.map((m) => {
    ws.getRange(m.address).format.fill.color = MARK_FILL;
    const c = context.workbook.comments.add(`${quoteSheetName(sheet)}!${m.address.split(":")[0]}`, m.note.slice(0, 2000));
    c.load("id");
    return c;
  });
  await context.sync();
  record.commentIds = comments.map((c) => c.id);
  return record;
}

export async function clearMarks(context: Excel.RequestContext, record: MarkRecord): Promise<void> {
  const ws = context.workbook.worksheets.getItem(record.sheet);
  for (const c of record.cells) {
    const fill = ws.getRange(c.address).format.fill;
    if (c.fill) fill.color = c.fill;
    else fill.clear();
  }
  for (const id of record.commentIds) context.workbook.comments.getItem(id).delete();
  await context.sync();
}

export async function loadSettings(context: Excel.RequestContext): Promise<string | undefined> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  await context.sync();
  return item.isNullObject ? undefined : String(item.value);
}

export async function saveSettings(context: Excel.RequestContext, json: string): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, json);
  await context.sync();
}

function address(r1: number, c1: number, r2 = r1, c2 = c1): string {
  const a = `${columnLetter(c1)}${r1 + 1}`;
  return r1 === r2 && c1 === c2 ? a : `${a}:${columnLetter(c2)}${r2 + 1}`;
}

async function existingNames(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  return sheets.items.map((s) => s.name);
}

/** "Table 4", or "Table 4 (2)", "(3)"...: an existing sheet is never overwritten. */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base.slice(0, 31 - ` (${i})`.length)} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * Writes rows of values as text where they are text: the range is formatted "@" (Text) before the
 * values arrive, so a return's "=..." can never become a formula.
 */
function writeBlock(ws: Excel.Worksheet, top: number, left: number, values: (string | number | null)[][]): void {
  const width = Math.max(...values.map((r) => r.length));
  const padded = values.map((r) => Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? "" : r[c])));
  const formats = padded.map((r) => r.map((v) => (typeof v === "string" ? "@" : "General")));
  const range = ws.getRangeByIndexes(top, left, padded.length, width);
  range.numberFormat = formats;
  range.values = padded;
}

export interface WriteResult {
  sheet: string;
  syncs: number;
}

export interface WriteOptions {
  baseName: string;
  /** Rows written to the right of the matrix (the changes since last quarter). */
  beside?: string[][];
  /** Called between syncs: tests inject failures here. */
  afterSync?: (syncs: number) => void;
}

/** Big writes go faster with calculation and screen updating paused until the next sync. */
function pauseUntilNextSync(context: Excel.RequestContext): void {
  context.application.suspendApiCalculationUntilNextSync();
  // ExcelApi 1.9; older clients simply redraw as they go.
  context.application.suspendScreenUpdatingUntilNextSync?.();
}

/**
 * Writes Table 4 as a new sheet, all or nothing: it is built under a temporary name and renamed
 * at the end; if anything fails the temporary sheet is deleted and the workbook is as before.
 */
export async function writeMatrixSheet(context: Excel.RequestContext, layout: Table4Layout, options: WriteOptions): Promise<WriteResult> {
  const names = await existingNames(context);
  const finalName = freeSheetName(options.baseName, names);
  const tempName = freeSheetName(`~building ${Date.now() % 100000}`, names);
  const ws = context.workbook.worksheets.add(tempName);
  let syncs = 0;
  const sync = async () => {
    await context.sync();
    syncs++;
    options.afterSync?.(syncs);
  };
  try {
    await sync();
    const width = layout.table.lastCol + 1;
    const values = layout.cells.map((row) => Array.from({ length: width }, (_, c) => row[c]?.value ?? null));
    const step = rowsPerChunk(width);
    for (let start = 0; start < values.length; start += step) {
      pauseUntilNextSync(context);
      writeBlock(ws, start, 0, values.slice(start, start + step));
      await sync();
    }
    // One range-areas proxy per style, not one proxy per cell.
    const byStyle = new Map<CellStyle, string[]>();
    layout.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell.style) return;
        const list = byStyle.get(cell.style) ?? [];
        list.push(address(r, c));
        byStyle.set(cell.style, list);
      }),
    );
    for (const [style, addresses] of byStyle) {
      const f = STYLE_FORMATS[style];
      for (let i = 0; i < addresses.length; i += 150) {
        const areas = ws.getRanges(addresses.slice(i, i + 150).join(","));
        if (f.fill) areas.format.fill.color = `#${f.fill}`;
        if (f.bold) areas.format.font.bold = true;
        if (f.italic) areas.format.font.italic = true;
        if (f.color) areas.format.font.color = `#${f.color}`;
        if (f.size) areas.format.font.size = f.size;
        if (f.align) areas.format.horizontalAlignment = f.align === "center" ? "Center" : f.align === "right" ? "Right" : "Left";
        if (f.wrap) areas.format.wrapText = true;
      }
    }
    for (const [r1, c1, r2, c2] of layout.merges) ws.getRange(address(r1, c1, r2, c2)).merge(false);
    layout.columnWidths.forEach((w, c) => (ws.getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.columnWidth = w * 6));
    const t = layout.table;
    const table = ws.tables.add(`${quoteSheetName(tempName)}!${address(t.headerRow, t.firstCol, t.lastRow, t.lastCol)}`, true);
    table.showFilterButton = true;
    table.style = "TableStyleLight1";
    ws.freezePanes.freezeRows(t.headerRow + 1);
    if (options.beside?.length) {
      writeBlock(ws, t.headerRow - 1, t.lastCol + 2, options.beside);
      ws.getRange(address(t.headerRow - 1, t.lastCol + 2)).format.font.bold = true;
      ws.getRange(address(t.headerRow, t.lastCol + 2, t.headerRow, t.lastCol + 5)).format.font.bold = true;
    }
    await sync();
    ws.name = finalName;
    ws.activate();
    await sync();
    return { sheet: finalName, syncs };
  } catch (e) {
    await deleteSheetIfPresent(context, tempName);
    throw e;
  }
}

export async function deleteSheetIfPresent(context: Excel.RequestContext, name: string): Promise<void> {
  try {
    const ws = context.workbook.worksheets.getItemOrNullObject(name);
    await context.sync();
    if (!ws.isNullObject) {
      ws.delete();
      await context.sync();
    }
  } catch {
    // The caller reports the original failure; a sheet that could not be removed is named there.
  }
}

/** Writes an imported lookup (e.g. the ONS LSOA-to-ward CSV) as a new sheet, in chunks. */
export async function writeDataSheet(context: Excel.RequestContext, baseName: string, rows: (string | number | null)[][]): Promise<string> {
  const names = await existingNames(context);
  const name = freeSheetName(baseName, names);
  const ws = context.workbook.worksheets.add(name);
  try {
    const width = Math.max(1, ...rows.slice(0, 100).map((r) => r.length));
    const step = rowsPerChunk(width);
    for (let start = 0; start < rows.length; start += step) {
      pauseUntilNextSync(context);
      writeBlock(
        ws,
        start,
        0,
        rows.slice(start, start + step).map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null)),
      );
      await context.sync();
    }
    return name;
  } catch (e) {
    await deleteSheetIfPresent(context, name);
    throw e;
  }
}

/** A picture of a sheet's used range, where the Excel version supports it (ExcelApi 1.7). */
export async function rangeImage(context: Excel.RequestContext, sheet: string): Promise<string | undefined> {
  try {
    const used = context.workbook.worksheets.getItem(sheet).getUsedRange(true);
    const image = used.getImage();
    await context.sync();
    return image.value;
  } catch {
    return undefined;
  }
}

export async function selectedAddress(context: Excel.RequestContext): Promise<{ sheet: string; address: string }> {
  const range = context.workbook.getSelectedRange();
  range.load("address");
  await context.sync();
  // A sheet name may itself hold "!": the address follows the last one.
  const bang = range.address.lastIndexOf("!");
  return { sheet: unquoteSheetName(range.address.slice(0, bang)), address: range.address.slice(bang + 1) };
}

/** Puts one of the add-in's own formulas (never text from a return) into a cell. */
export async function insertFormula(context: Excel.RequestContext, sheet: string, address: string, formula: string): Promise<void> {
  const cell = context.workbook.worksheets.getItem(sheet).getRange(address).getCell(0, 0);
  cell.formulas = [[formula]];
  await context.sync();
}
