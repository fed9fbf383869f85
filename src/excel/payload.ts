/*
 * Excel on the web refuses any request or response over 5 MB (ResponsePayloadSizeLimitExceeded /
 * RequestPayloadSizeLimitExceeded). Reads and writes are therefore cut into blocks measured in
 * bytes as Excel serialises them, and a block that is still refused is split and tried again.
 */

/** Excel on the web's limit is 5 MB a request; the rest is left for the request's own framing. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Each cell costs its separators and the batch's bookkeeping besides its value. */
const CELL_OVERHEAD = 4;

/** The bytes one value takes in Excel's JSON: UTF-8 text with its escapes, or a number's digits. */
export function valueBytes(v: unknown): number {
  if (v === null || v === undefined || v === "") return 2 + CELL_OVERHEAD;
  if (typeof v === "number") return 24 + CELL_OVERHEAD;
  if (typeof v === "boolean") return 5 + CELL_OVERHEAD;
  const s = typeof v === "string" ? v : JSON.stringify(v);
  let n = 2 + CELL_OVERHEAD;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += 6;
    else if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else n += 3; // a surrogate pair is two of these: 6 bytes where UTF-8 needs 4, an overestimate that errs safe
  }
  return n;
}

export function rowBytes(row: readonly unknown[]): number {
  let n = 2;
  for (const v of row) n += valueBytes(v);
  return n;
}

/** A rectangle of a sheet to read or write in one request: rows from top, columns from left. */
export interface Block {
  top: number;
  rows: number;
  left: number;
  columns: number;
}

/**
 * Cuts rows into blocks of at most `budget` bytes; a single row wider than the budget is cut into
 * column slices. `bytesOf(r, c)` gives a cell's bytes (values and number formats together for a write).
 */
export function planBlocks(
  rowCount: number,
  columns: number,
  bytesOf: (r: number, c: number) => number,
  budget = MAX_REQUEST_BYTES,
): Block[] {
  const blocks: Block[] = [];
  let top = 0;
  let size = 0;
  const flush = (end: number) => {
    if (end > top) blocks.push({ top, rows: end - top, left: 0, columns });
    top = end;
    size = 0;
  };
  for (let r = 0; r < rowCount; r++) {
    let row = 2;
    for (let c = 0; c < columns; c++) row += bytesOf(r, c);
    if (row > budget) {
      flush(r);
      let left = 0;
      let slice = 0;
      for (let c = 0; c < columns; c++) {
        const b = bytesOf(r, c);
        if (slice + b > budget && c > left) {
          blocks.push({ top: r, rows: 1, left, columns: c - left });
          left = c;
          slice = 0;
        }
        slice += b;
      }
      blocks.push({ top: r, rows: 1, left, columns: columns - left });
      top = r + 1;
      continue;
    }
    if (size + row > budget) flush(r);
    size += row;
  }
  flush(rowCount);
  return blocks;
}

/** Halves a block that Excel refused: by rows while it has more than one, then by columns. */
export function splitBlock(b: Block): [Block, Block] | undefined {
  if (b.rows > 1) {
    const half = Math.ceil(b.rows / 2);
    return [
      { ...b, rows: half },
      { ...b, top: b.top + half, rows: b.rows - half },
    ];
  }
  if (b.columns > 1) {
    const half = Math.ceil(b.columns / 2);
    return [
      { ...b, columns: half },
      { ...b, left: b.left + half, columns: b.columns - half },
    ];
  }
  return undefined;
}

/** Office.js's error codes for a request or response over the limit. */
export function isPayloadError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /PayloadSizeLimitExceeded|PayloadTooLarge/i.test(code);
}

/**
 * Rows to ask for in the next read: what the budget allows at the largest bytes per row seen so
 * far (with room to spare, as rows further down may be wider), never more than `cap`.
 */
export function nextReadRows(bytesPerRow: number, cap: number, budget = MAX_REQUEST_BYTES): number {
  return Math.max(1, Math.min(cap, Math.floor(budget / Math.max(1, bytesPerRow * 1.5))));
}
