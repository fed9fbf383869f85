/*
 * The .xlsx reader, merged ranges: Excel keeps a merged range's value in its first cell only, so
 * every other cell of it reads as empty.
 */
import { Cell, columnLetter } from "./cells";

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/**
 * Empties every cell of a merged range but its first. Rows are swept once in order with the
 * ranges open at each, kept by first column, so the work is the cells that exist, however many
 * ranges and however tall. Ranges that overlap (which Excel would repair) are refused: the reason
 * is returned, and the rows are then not to be used.
 */
export function blankMergedCells(rows: readonly (Cell[] | undefined)[], merges: readonly string[]): string | undefined {
  const ranges = merges
    .map(mergeOf)
    .filter((m): m is Merge => !!m && (m.r2 > m.r1 || m.c2 > m.c1))
    .sort((a, b) => a.r1 - b.r1);
  if (!ranges.length) return undefined;
  let next = 0;
  const open: Merge[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (; next < ranges.length && ranges[next].r1 <= r; next++) {
      if (ranges[next].r2 < r) continue;
      const clash = openRange(open, ranges[next], r);
      if (clash) return clash;
    }
    // Only ranges starting within the row touch its cells; ranges past its end wait, whatever their number.
    let kept = 0;
    let i = 0;
    for (; i < open.length && open[i].c1 < row.length; i++) {
      const m = open[i];
      if (m.r2 < r) continue;
      open[kept++] = m;
      for (let c = m.c1; c <= m.c2 && c < row.length; c++) if (r !== m.r1 || c !== m.c1) row[c] = null;
    }
    if (kept < i) open.splice(kept, i - kept);
  }
  return undefined;
}

function mergeOf(ref: string): Merge | undefined {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref);
  if (!m || !m[3]) return undefined;
  const [c1, c2] = [columnOfLetters(m[1]), columnOfLetters(m[3])];
  const [r1, r2] = [Number(m[2]) - 1, Number(m[4]) - 1];
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2) };
}

/** Adds a range to those open at row `r`, in order of first column; an overlap with an open range is refused, with why. */
function openRange(open: Merge[], m: Merge, r: number): string | undefined {
  let lo = 0;
  let hi = open.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (open[mid].c1 < m.c1) lo = mid + 1;
    else hi = mid;
  }
  const live = (i: number) => {
    while (i >= 0 && i < open.length && open[i].r2 < r) open.splice(i, 1);
    return open[i];
  };
  const after = live(lo);
  let before = lo > 0 ? open[lo - 1] : undefined;
  while (before && before.r2 < r) {
    open.splice(--lo, 1);
    before = lo > 0 ? open[lo - 1] : undefined;
  }
  const clash = (before && before.c2 >= m.c1 ? before : undefined) ?? (after && after.c1 <= m.c2 ? after : undefined);
  if (clash) return `its merged ranges ${rangeName(clash)} and ${rangeName(m)} overlap, which Excel would repair`;
  open.splice(lo, 0, m);
  return undefined;
}

function rangeName(m: Merge): string {
  return `${columnLetter(m.c1)}${m.r1 + 1}:${columnLetter(m.c2)}${m.r2 + 1}`;
}

function columnOfLetters(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}
