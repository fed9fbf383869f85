/*
 * Every Office.js call of the add-in lives here. Each function receives the request context from
 * its caller (Excel.run in actions.ts, or a test double), loads what it reads before it reads it,
 * and syncs once per block of cells, never once per cell. Blocks are measured in bytes (see
 * payload.ts) so that no request or response passes Excel on the web's 5 MB.
 */
/* global Excel, Office */
import { Cell, columnLetter, parseRange, quoteSheetName, RowSheet } from "../engine/read/cells";
import { CellStyle, STYLE_FORMATS, Table4Layout } from "../engine/matrix/render";
import { CancelledError, InputError } from "../common/errors";
import { ChartSheet, Mark, SheetInfo, SheetPicture, WrittenCell } from "../common/workbookPort";
import { criteriaDiffer, forgetSavedCriteria, rememberSettings, settingsSeen } from "../common/criteriaChannel";
import { Block, isPayloadError, nextReadRows, planBlocks, rowBytes, splitBlock, valueBytes } from "./payload";
import { problem } from "../engine/findings/outcome";
import { dateFromExcelSerial } from "../engine/read/dates";
import { isDateFormat } from "../engine/read/numberFormats";

/** At most this many cells a read, whatever their size: Excel's own processing time grows with the count. */
export const CELLS_PER_CHUNK = 100_000;
/** The first read of a sheet is small: it measures how many bytes its rows take. */
const FIRST_READ_ROWS = 200;
export const SETTINGS_KEY = "csp.riskmatrix";
/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

export function rowsPerChunk(columns: number): number {
  return Math.max(1, Math.floor(CELLS_PER_CHUNK / Math.max(1, columns)));
}

/** Whether this Excel has an API set, e.g. ExcelApi 1.13 for merged areas; false outside Office. */
export function supports(set: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported(set, version);
  } catch {
    return false;
  }
}

export async function listSheets(context: Excel.RequestContext): Promise<SheetInfo[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility,items/id");
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
    id: s.id,
    active: s.name === active.name,
    rows: used[i].isNullObject ? 0 : used[i].rowIndex + used[i].rowCount,
    columns: used[i].isNullObject ? 0 : used[i].columnIndex + used[i].columnCount,
  }));
}

/** Excel hands errors back as text ("#N/A") and blanks as ""; the engine takes null for blank. */
function toCell(v: unknown): Cell {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  return JSON.stringify(v) ?? null;
}

/** A row as Excel gave its values, from `left`: the columns before the used range kept as blanks, so references match the sheet. */
function rowOfValues(values: readonly unknown[], left: number): Cell[] {
  const row = new Array<Cell>(left + values.length);
  for (let c = 0; c < left; c++) row[c] = null;
  for (let c = 0; c < values.length; c++) row[left + c] = toCell(values[c]);
  return row;
}

/** Days between the two date systems' serial numbers for one day. */
const DAYS_1900_TO_1904 = 1462;
/** 1 January 2000 as each date system numbers it. */
const SERIAL_OF_2000 = { 1900: 36526, 1904: 36526 - DAYS_1900_TO_1904 } as const;

export type DateSystem = 1900 | 1904;

/**
 * The workbook's date system, as Excel itself numbers a date (DATE(2000,1,1), ExcelApi 1.2): a
 * workbook made on an old Mac counts from 1904, and its serials read as 1900 ones would be four
 * years early. An answer that is neither system is refused, never guessed.
 */
export async function dateSystemOf(context: Excel.RequestContext): Promise<DateSystem> {
  const answer = askDateSystem(context);
  await context.sync();
  return answer();
}

/** Queues the question in the caller's next sync; the answer is read after it. */
function askDateSystem(context: Excel.RequestContext): () => DateSystem {
  const probe = context.workbook.functions.date(2000, 1, 1);
  probe.load("value");
  return () => {
    if (probe.value === SERIAL_OF_2000[1900]) return 1900;
    if (probe.value === SERIAL_OF_2000[1904]) return 1904;
    throw new InputError(problem("date-system-unknown", { serial: String(probe.value) }));
  };
}

/** A 1904 workbook's date cells, found by their number format, as dates; a 1900 workbook's serials are read by the engine as they are. */
function datedBlock(values: unknown[][], formats: unknown[][]): unknown[][] {
  return values.map((row, r) =>
    row.map((v, c) => (typeof v === "number" && isDateFormat(String(formats[r][c])) ? dateFromExcelSerial(v, true) : v)),
  );
}

export interface ReadOptions {
  /** Read at most this many rows (e.g. the first 30, to recognise a return's kind). */
  maxRows?: number;
  /** With maxRows, the last this many rows as well, at their own places (the rows between are holes). */
  tailRows?: number;
  onProgress?: (rowsRead: number, rowsTotal: number) => void;
  signal?: { aborted: boolean };
}

/**
 * Reads a block of values in one request; a block Excel refuses as too large is halved (rows
 * first, then columns) and read again.
 */
async function readBlock(context: Excel.RequestContext, ws: Excel.Worksheet, b: Block, system: DateSystem): Promise<unknown[][]> {
  const range = ws.getRangeByIndexes(b.top, b.left, b.rows, b.columns);
  range.load(system === 1904 ? "values,numberFormat" : "values");
  try {
    await context.sync();
    return system === 1904 ? datedBlock(range.values, range.numberFormat as unknown[][]) : range.values;
  } catch (e) {
    const halves = isPayloadError(e) ? splitBlock(b) : undefined;
    if (!halves) throw e;
    const first = await readBlock(context, ws, halves[0], system);
    const second = await readBlock(context, ws, halves[1], system);
    return halves[0].rows === b.rows ? first.map((row, i) => row.concat(second[i])) : first.concat(second);
  }
}

/**
 * Reads a sheet's used range as values, one sync per block of rows. The first block is small;
 * later ones are as many rows as fit the byte budget at the widest row seen. Rows and columns
 * before the used range are kept (as blanks) so that cell references in findings match the sheet.
 */
export async function readSheet(context: Excel.RequestContext, name: string, options: ReadOptions = {}): Promise<RowSheet> {
  const ws = context.workbook.worksheets.getItem(name);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowCount,columnCount,rowIndex,columnIndex");
  const dateSystem = askDateSystem(context);
  await context.sync();
  if (used.isNullObject) return { file: "this workbook", sheet: name, rows: [] };
  const system = dateSystem();
  const total = Math.min(used.rowCount, options.maxRows ?? Infinity);
  const columns = used.columnCount;
  const rows: Cell[][] = Array.from({ length: used.rowIndex }, () => []);
  let step = Math.min(FIRST_READ_ROWS, rowsPerChunk(columns));
  let widest = 0;
  for (let start = 0; start < total;) {
    if (options.signal?.aborted) throw new CancelledError();
    const count = Math.min(step, total - start);
    const block = await readBlock(context, ws, { top: used.rowIndex + start, rows: count, left: used.columnIndex, columns }, system);
    for (const values of block) {
      widest = Math.max(widest, rowBytes(values));
      rows.push(rowOfValues(values, used.columnIndex));
    }
    start += count;
    options.onProgress?.(start, total);
    step = nextReadRows(widest, rowsPerChunk(columns));
  }
  const tail = options.tailRows ? Math.min(options.tailRows, used.rowCount - total) : 0;
  if (tail > 0) {
    const top = used.rowIndex + used.rowCount - tail;
    const block = await readBlock(context, ws, { top, rows: tail, left: used.columnIndex, columns }, system);
    block.forEach((values, i) => (rows[top + i] = rowOfValues(values, used.columnIndex)));
  }
  // A sample of a sheet (its first rows) is for recognising it: its hidden rows are reported when it is read whole.
  const { merges, hiddenRows } = await layoutOf(context, used, options.maxRows === undefined);
  return { file: "this workbook", sheet: name, rows, merges, ...(hiddenRows.length ? { hiddenRows } : {}) };
}

/**
 * In one request: the merged areas, where the Excel version has them (ExcelApi 1.13; otherwise
 * merged headers go unreported), and the rows hidden by hand or by a filter, which are read and
 * counted like any other row and so are reported, as they are for a file.
 */
async function layoutOf(
  context: Excel.RequestContext,
  used: Excel.Range,
  withHidden: boolean,
): Promise<{ merges?: string[]; hiddenRows: number[] }> {
  const merged = supports("ExcelApi", "1.13") ? used.getMergedAreasOrNullObject() : undefined;
  merged?.load("address");
  const visible = withHidden ? used.getSpecialCellsOrNullObject("Visible") : undefined;
  visible?.load("address");
  if (!merged && !visible) return { hiddenRows: [] };
  await context.sync();
  const merges = merged ? (merged.isNullObject ? [] : refsOfAddress(merged.address)) : undefined;
  if (!visible) return { merges, hiddenRows: [] };
  const shown = new Set<number>();
  for (const ref of visible.isNullObject ? [] : refsOfAddress(visible.address)) {
    const b = parseRange(ref);
    if (b) for (let r = b.r1; r <= b.r2; r++) shown.add(r);
  }
  const hiddenRows: number[] = [];
  for (let r = used.rowIndex; r < used.rowIndex + used.rowCount; r++) if (!shown.has(r)) hiddenRows.push(r);
  return { merges, hiddenRows };
}

/**
 * "'Q1, draft'!A1:B2,'Q1, draft'!D4" -> ["A1:B2", "D4"]: the references, whatever the sheet's name
 * holds, and whether or not each area after the first repeats it.
 */
export function refsOfAddress(address: string): string[] {
  const area = /(?:^|,)\s*(?:(?:'(?:[^']|'')*'|[^,!']+)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?=\s*,|\s*$)/g;
  return [...address.matchAll(area)].map((m) => m[1].replace(/\$/g, ""));
}

export async function selectCells(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

/**
 * What marking changed, kept as it is done, so that removing the marks restores each cell exactly
 * even when marking stopped half-way. Each chunk of filled cells is also a hidden workbook name:
 * Excel moves a name's reference when rows are inserted or deleted, so the cells are found where
 * they are now, not where they were.
 */
export interface MarkRecord {
  /** The sheet's id: the marks are found again after the sheet is renamed. */
  sheetId: string;
  chunks: { name: string; addresses: string[]; fills: (string | null)[] }[];
  commentIds: string[];
  /** Cells Excel would not give a comment (a legacy note on the cell): they are filled only. */
  uncommented: string[];
}

export const emptyMarkRecord = (): MarkRecord => ({ sheetId: "", chunks: [], commentIds: [], uncommented: [] });

const MARK_FILL = "#FFD966";
/** A range mark wider than this has its fill recorded as one; narrower ones are recorded cell by cell. */
const CELLS_RECORDED_APART = 64;
/** Excel shows a long note badly; the pane lists every finding in full. */
const NOTE_CHARS = 2000;
/** Cells filled, and comments added, per request: a refusal costs at most one chunk's retry. */
const MARKS_PER_CHUNK = 100;
/** A name's reference is at most 8,192 characters. */
const NAME_REFERENCE_CHARS = 8000;

/** "B2:C3" -> ["B2", "B3", "C2", "C3"] when small enough; otherwise the range itself. */
function cellsOf(address: string): string[] {
  const b = parseRange(address);
  if (!b || !address.includes(":") || (b.c2 - b.c1 + 1) * (b.r2 - b.r1 + 1) > CELLS_RECORDED_APART) return [address];
  const out: string[] = [];
  for (let c = b.c1; c <= b.c2; c++) for (let r = b.r1; r <= b.r2; r++) out.push(`${columnLetter(c)}${r + 1}`);
  return out;
}

const firstCellOf = (address: string) => address.split(":")[0].replace(/\$/g, "").toUpperCase();
const absolute = (address: string) => address.replace(/([A-Z]+)(\d+)/gi, "$$$1$$$2").toUpperCase();

/** Chunks of cells whose names' references stay within Excel's limit. */
function markChunks(cells: readonly string[], sheetName: string): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chars = 1;
  for (const address of cells) {
    const ref = `${quoteSheetName(sheetName)}!${absolute(address)}`.length + 1;
    if (chunk.length && (chunk.length >= MARKS_PER_CHUNK || chars + ref > NAME_REFERENCE_CHARS)) {
      chunks.push(chunk);
      chunk = [];
      chars = 1;
    }
    chunk.push(address);
    chars += ref;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** Comments whose places are asked in one request: each location is an action of its own (about 550 bytes). */
const LOCATIONS_PER_REQUEST = 1000;

/** The workbook's comments on a sheet, by the cell each is on now. */
async function commentsByCell(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<Map<string, string>> {
  const comments = ws.comments;
  comments.load("items/id");
  await context.sync();
  const byCell = new Map<string, string>();
  for (let i = 0; i < comments.items.length; i += LOCATIONS_PER_REQUEST) {
    const some = comments.items.slice(i, i + LOCATIONS_PER_REQUEST);
    const locations = some.map((c) => {
      const where = c.getLocation();
      where.load("address");
      return where;
    });
    await context.sync();
    locations.forEach((l, j) => byCell.set(firstCellOf(l.address.slice(l.address.lastIndexOf("!") + 1)), some[j].id));
  }
  return byCell;
}

/**
 * Fills each finding's cell and gives each cell one comment listing all its findings, a chunk at a
 * time, writing into `record` what each chunk did before the next is asked for: if Excel refuses
 * part way (a protected sheet, the connection lost), the record still undoes exactly what was done.
 * A cell that already has a comment (the user's) keeps it untouched; a cell Excel will not comment
 * (it holds a legacy note) is filled and listed in `record.uncommented`.
 */
export async function markFindings(
  context: Excel.RequestContext,
  sheet: string,
  marks: readonly Mark[],
  record: MarkRecord = emptyMarkRecord(),
): Promise<MarkRecord> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.load("id,name");
  await context.sync();
  record.sheetId = ws.id;
  const commented = await commentsByCell(context, ws);
  const notes = new Map<string, { address: string; notes: string[] }>();
  for (const m of marks) {
    const key = firstCellOf(m.address);
    const entry = notes.get(key) ?? { address: m.address, notes: [] };
    entry.notes.push(m.note);
    notes.set(key, entry);
  }
  const cells = [...new Set([...notes.values()].flatMap((n) => cellsOf(n.address)))];
  const run = `CSP_Marks_${Date.now().toString(36)}`;
  for (const [i, chunk] of markChunks(cells, ws.name).entries()) {
    const fills = chunk.map((address) => {
      const f = ws.getRange(address).format.fill;
      f.load("color");
      return f;
    });
    await context.sync();
    const name = `${run}_${i + 1}`;
    const item = context.workbook.names.add(name, `=${chunk.map((a) => `${quoteSheetName(ws.name)}!${absolute(a)}`).join(",")}`);
    item.visible = false;
    // Recorded before Excel is asked: restoring a cell that was not filled sets it to what it already is.
    record.chunks.push({ name, addresses: chunk, fills: fills.map((f) => (f.color === "#FFFFFF" ? null : f.color)) });
    for (const address of chunk) ws.getRange(address).format.fill.color = MARK_FILL;
    await context.sync();
  }
  const toComment = [...notes].filter(([cell]) => !commented.has(cell));
  for (let i = 0; i < toComment.length; i += MARKS_PER_CHUNK)
    await addComments(context, ws, toComment.slice(i, i + MARKS_PER_CHUNK), record);
  return record;
}

/**
 * Adds a chunk's comments. When Excel refuses one, the comments it added before the refusal are
 * found by their cells (none of this chunk's cells had one before) and the rest tried one by one.
 */
async function addComments(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  chunk: [string, { notes: string[] }][],
  record: MarkRecord,
): Promise<void> {
  const add = (cell: string, notes: string[]) => {
    const text = notes.join("\n\n");
    const c = ws.comments.add(ws.getRange(cell), text.length > NOTE_CHARS ? `${text.slice(0, NOTE_CHARS - 1)}…` : text);
    c.load("id");
    return c;
  };
  const added = chunk.map(([cell, n]) => add(cell, n.notes));
  try {
    await context.sync();
    record.commentIds.push(...added.map((c) => c.id));
    return;
  } catch {
    // A batch is not a transaction: the comments before the refused one were added.
  }
  const now = await commentsByCell(context, ws);
  for (const [cell, n] of chunk) {
    const id = now.get(cell);
    if (id !== undefined) {
      record.commentIds.push(id);
      continue;
    }
    const c = add(cell, n.notes);
    try {
      await context.sync();
      record.commentIds.push(c.id);
    } catch (e) {
      if (!isNoteRefusal(e)) throw e;
      record.uncommented.push(cell);
    }
  }
}

/** Excel refuses a comment on a cell holding a legacy note; a protected sheet or a lost connection is another failure. */
function isNoteRefusal(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === "InvalidOperation" || code === "InvalidArgument";
}

/** A name's reference as its areas, in order; an area Excel has written as #REF! (its rows deleted) is undefined. */
function areasOfReference(formula: string): (string | undefined)[] {
  const areas = formula.replace(/^=/, "").match(/(?:'(?:[^']|'')*'|[^,'])+/g) ?? [];
  return areas.map((a) => {
    const ref = a.slice(a.lastIndexOf("!") + 1).replace(/\$/g, "");
    return parseRange(ref) ? ref : undefined;
  });
}

/**
 * Restores the fills and removes the comments that marking added, at the cells where they are now
 * (rows inserted or deleted since are followed). Comments the user has deleted since are skipped,
 * and a sheet deleted since leaves nothing to restore: this always succeeds.
 */
export async function clearMarks(context: Excel.RequestContext, record: MarkRecord): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(record.sheetId);
  const names = record.chunks.map((c) => {
    const item = context.workbook.names.getItemOrNullObject(c.name);
    item.load("formula");
    return item;
  });
  await context.sync();
  if (!ws.isNullObject) {
    const comments = ws.comments;
    comments.load("items/id");
    await context.sync();
    record.chunks.forEach((chunk, i) => {
      const where = names[i].isNullObject ? chunk.addresses : areasOfReference(String(names[i].formula));
      chunk.fills.forEach((original, j) => {
        const address = where[j];
        if (address === undefined) return;
        const fill = ws.getRange(address).format.fill;
        if (original) fill.color = original;
        else fill.clear();
      });
    });
    const ours = new Set(record.commentIds);
    for (const c of comments.items) if (ours.has(c.id)) c.delete();
  }
  for (const item of names) if (!item.isNullObject) item.delete();
  await context.sync();
}

export async function loadSettings(context: Excel.RequestContext): Promise<string | undefined> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  await context.sync();
  return item.isNullObject ? undefined : String(item.value);
}

/**
 * Saves the pane's settings. When the criteria change, =CSP.RISKFLAG's named rules must follow:
 * the kept copy is forgotten and Excel recalculates every formula (a full calculation is the one
 * way to reach a custom function whose inputs have not changed).
 */
export async function saveSettings(context: Excel.RequestContext, json: string): Promise<void> {
  const before = await loadSettings(context);
  context.workbook.settings.add(SETTINGS_KEY, json);
  await context.sync();
  await followCriteria(context, before, json);
}

/** Recalculates RISKFLAG's named rules when the criteria (not only their wording) changed from `before` to `after`. */
async function followCriteria(context: Excel.RequestContext, before: string | undefined, after: string | undefined): Promise<void> {
  rememberSettings(after);
  if (!criteriaDiffer(before, after ?? "")) return;
  forgetSavedCriteria();
  context.application.calculate("Full");
  await context.sync();
}

/**
 * A co-author's saved criteria reach this workbook's named rules: when Excel says the settings
 * changed (ExcelApi 1.4), they are read again and, if the rules changed, the functions recalculate.
 */
export async function followCoAuthors(context: Excel.RequestContext, run: typeof Excel.run): Promise<void> {
  if (!supports("ExcelApi", "1.4")) return;
  context.workbook.settings.onSettingsChanged.add(() =>
    run(async (ctx) => followCriteria(ctx, settingsSeen(), await loadSettings(ctx))).catch(() => undefined),
  );
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

type Written = WrittenCell;

/** Rows padded to one width, blanks as "" (Excel's blank), each text cell checked against Excel's cell limit. */
function padded(values: readonly (readonly Written[])[], sheet: string): Written[][] {
  let width = 1;
  for (const r of values) width = Math.max(width, r.length);
  return values.map((r, i) =>
    Array.from({ length: width }, (_, c) => {
      const v = r[c];
      if (typeof v === "string" && v.length > MAX_CELL_CHARS)
        throw new InputError(
          problem("cell-too-long", { sheet, row: i + 1, column: columnLetter(c), length: v.length, max: MAX_CELL_CHARS }),
        );
      return v === null || v === undefined ? "" : v;
    }),
  );
}

/** A text cell is written with the Text format ("@") before its value, so "=..." from a file can never become a formula. */
const formatOf = (v: Written) => (typeof v === "string" ? "@" : isDate(v) ? "yyyy-mm-dd" : "General");

function isDate(v: Written): v is { date: number } {
  return typeof v === "object" && v !== null;
}

/** What Excel is sent for a value: a date as its serial number in the workbook's date system. */
const excelValue = (v: Written, system: DateSystem = 1900) => (isDate(v) ? (system === 1904 ? v.date - DAYS_1900_TO_1904 : v.date) : v);

/**
 * Writes rows of values from (top, left), one sync per block of at most the byte budget (values
 * and their number formats together); a block Excel still refuses is halved and written again.
 */
async function writeRows(
  ws: Excel.Worksheet,
  top: number,
  left: number,
  rows: Written[][],
  sync: () => Promise<void>,
  signal?: { aborted: boolean },
  onProgress?: (done: number, total: number) => void,
  system: DateSystem = 1900,
): Promise<void> {
  const width = rows[0]?.length ?? 0;
  const bytesOf = (r: number, c: number) => valueBytes(excelValue(rows[r][c])) + 10;
  const write = async (b: Block): Promise<void> => {
    if (signal?.aborted) throw new CancelledError();
    const block = rows.slice(b.top, b.top + b.rows).map((r) => r.slice(b.left, b.left + b.columns));
    const range = ws.getRangeByIndexes(top + b.top, left + b.left, b.rows, b.columns);
    range.numberFormat = block.map((r) => r.map(formatOf));
    range.values = block.map((r) => r.map((v) => excelValue(v, system))) as (string | number | boolean)[][];
    try {
      await sync();
    } catch (e) {
      const halves = isPayloadError(e) ? splitBlock(b) : undefined;
      if (!halves) throw e;
      for (const half of halves) await write(half);
    }
  };
  for (const b of planBlocks(rows.length, width, bytesOf)) {
    await write(b);
    onProgress?.(b.top + b.rows, rows.length);
  }
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
    await writeRows(ws, 0, 0, padded(values, finalName), sync);
    // Once, for the formatting batch that follows: Microsoft advises against pausing in a loop (the window flickers).
    if (supports("ExcelApi", "1.9")) context.application.suspendScreenUpdatingUntilNextSync();
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
      const beside = padded(options.beside, finalName);
      const range = ws.getRangeByIndexes(t.headerRow - 1, t.lastCol + 2, beside.length, beside[0].length);
      range.numberFormat = beside.map((r) => r.map(formatOf));
      range.values = beside as (string | number)[][];
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

/** Writes an imported lookup (e.g. the ONS LSOA-to-ward CSV) as a new sheet, all or nothing. */
export async function writeDataSheet(
  context: Excel.RequestContext,
  baseName: string,
  rows: WrittenCell[][],
  progress?: { signal?: { aborted: boolean }; onProgress?: (done: number, total: number) => void },
): Promise<string> {
  const names = await existingNames(context);
  const name = freeSheetName(baseName, names);
  const values = padded(rows, name);
  const system = await dateSystemOf(context);
  const ws = context.workbook.worksheets.add(name);
  try {
    // The new sheet is made on its own: a first block refused as too large would take it down too.
    await context.sync();
    await writeRows(ws, 0, 0, values, () => context.sync(), progress?.signal, progress?.onProgress, system);
    return name;
  } catch (e) {
    await deleteSheetIfPresent(context, name);
    throw e;
  }
}

/**
 * Writes the tables Table 4's charts are drawn from as a new sheet and draws each chart beside its
 * table with Excel's chart API, so the charts are Excel's own, live on the sheet's cells. All or
 * nothing: a failure deletes the sheet.
 */
export async function writeChartSheet(
  context: Excel.RequestContext,
  baseName: string,
  layout: ChartSheet,
): Promise<{ sheet: string; charts: number }> {
  const name = await writeDataSheet(context, baseName, layout.rows);
  try {
    const ws = context.workbook.worksheets.getItem(name);
    for (const r of layout.bold) ws.getRangeByIndexes(r, 0, 1, Math.max(1, layout.rows[r].length)).format.font.bold = true;
    ws.getRange("A:A").format.columnWidth = 160;
    for (const p of layout.placed) {
      const width = Math.max(...p.table.series) + 1;
      const source = ws.getRangeByIndexes(p.headerRow, 0, p.lastRow - p.headerRow + 1, width);
      const chart = ws.charts.add(p.table.kind === "line" ? "LineMarkers" : "ColumnStacked", source, "Columns");
      chart.title.text = p.table.title;
      chart.name = p.table.title.slice(0, 250);
      chart.setPosition(address(p.anchor.fromRow, p.anchor.fromCol), address(p.anchor.toRow, p.anchor.toCol));
    }
    await context.sync();
    return { sheet: name, charts: layout.placed.length };
  } catch (e) {
    await deleteSheetIfPresent(context, name);
    throw e;
  }
}

/** Points in a pixel at 96 dots an inch, as Excel sizes shapes. */
const POINTS_PER_PIXEL = 0.75;

/**
 * Puts a PNG picture on a sheet, one column to the right of its used range, at half its pixels
 * (pictures are drawn at twice their size to print sharply). Excel's API inserts pictures, not
 * SVG, so a map comes as its PNG drawing.
 */
export async function insertPicture(context: Excel.RequestContext, sheet: string, picture: SheetPicture): Promise<boolean> {
  if (!supports("ExcelApi", "1.9")) return false;
  const ws = context.workbook.worksheets.getItem(sheet);
  const used = ws.getUsedRange(true);
  used.load("columnCount,columnIndex");
  await context.sync();
  const corner = ws.getRangeByIndexes(0, used.columnIndex + used.columnCount + 1, 1, 1);
  corner.load("left,top");
  await context.sync();
  const shape = ws.shapes.addImage(picture.png);
  shape.lockAspectRatio = true;
  shape.left = corner.left;
  shape.top = corner.top;
  shape.width = (picture.width / 2) * POINTS_PER_PIXEL;
  shape.name = picture.title.slice(0, 250);
  shape.altTextTitle = picture.title;
  shape.altTextDescription = picture.description;
  await context.sync();
  return true;
}

/**
 * A picture of a sheet's used range; undefined where the Excel version has no pictures of ranges
 * (before ExcelApi 1.7). Any other failure (the sheet deleted, the range too large) is Excel's own
 * error, reported as it is.
 */
export async function rangeImage(context: Excel.RequestContext, sheet: string): Promise<string | undefined> {
  if (!supports("ExcelApi", "1.7")) return undefined;
  const used = context.workbook.worksheets.getItem(sheet).getUsedRange(true);
  const image = used.getImage();
  await context.sync();
  return image.value;
}

/**
 * The selected cell's sheet and address. With several areas selected (Ctrl+click) the first area
 * is taken; its sheet is read from the range itself, so no sheet name is ever parsed out of an address.
 */
export async function selectedAddress(context: Excel.RequestContext): Promise<{ sheet: string; address: string }> {
  const first = context.workbook.getSelectedRanges().areas.getItemAt(0);
  first.load("address");
  first.worksheet.load("name");
  await context.sync();
  // A single area's address is "<sheet>!<reference>": the reference follows the last "!".
  return { sheet: first.worksheet.name, address: first.address.slice(first.address.lastIndexOf("!") + 1) };
}

/** Puts one of the add-in's own formulas (never text from a return) into a cell. */
export async function insertFormula(context: Excel.RequestContext, sheet: string, address: string, formula: string): Promise<void> {
  const cell = context.workbook.worksheets.getItem(sheet).getRange(address).getCell(0, 0);
  cell.formulas = [[formula]];
  await context.sync();
}

/**
 * Calls `onChange` when a sheet is added, deleted (ExcelApi 1.7) or renamed (1.17), or the pane is shown again
 * (Office.addin, shared runtime): the pane's list of sheets follows the workbook. Gives the
 * function that removes the handlers.
 */
export async function watchWorkbook(context: Excel.RequestContext, onChange: () => void): Promise<() => Promise<void>> {
  const handlers: OfficeExtension.EventHandlerResult<unknown>[] = [];
  if (supports("ExcelApi", "1.7")) {
    const sheets = context.workbook.worksheets;
    const changed = () => {
      onChange();
      return Promise.resolve();
    };
    handlers.push(sheets.onAdded.add(changed), sheets.onDeleted.add(changed));
    // A renamed sheet is followed at once where Excel tells it (ExcelApi 1.17); elsewhere it is found by its id at the next refresh.
    if (supports("ExcelApi", "1.17")) handlers.push(sheets.onNameChanged.add(changed));
    await context.sync();
  }
  let stopShown: (() => Promise<void>) | undefined;
  if (typeof Office !== "undefined" && Office.addin?.onVisibilityModeChanged) {
    stopShown = await Office.addin.onVisibilityModeChanged((args) => {
      if (args.visibilityMode === Office.VisibilityMode.taskpane) onChange();
    });
  }
  return async () => {
    await stopShown?.();
    if (!handlers.length) return;
    // Handlers are removed in the context that added them.
    await Excel.run(handlers[0].context, async (ctx) => {
      for (const h of handlers) h.remove();
      await ctx.sync();
    });
  };
}
