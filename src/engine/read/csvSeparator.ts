/* Reading CSV, its separator: chosen from the first lines, as the one used most consistently. */

export const SEPARATORS = [",", ";", "\t", "|"] as const;
export type Separator = (typeof SEPARATORS)[number];

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Enough of the file's start to choose its separator. */
export const SNIFF_LINES = 30;
export const SNIFF_CHARS = 65_536;

/** Separator counts per line, outside quotes, for the first lines of a text. */
function separatorCounts(text: string, sep: number): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let n = 0;
  let seen = false;
  for (let i = 0; i < text.length && counts.length < SNIFF_LINES; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && c === sep) n++;
    else if (!inQuotes && (c === LF || c === CR)) {
      if (seen || n) counts.push(n);
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      n = 0;
      seen = false;
      continue;
    }
    if (c !== 32) seen = true;
  }
  if (seen || n) counts.push(n);
  return counts;
}

/** The separator used most consistently across the first lines; comma when nothing separates anything. */
export function sniffSeparator(text: string): Separator {
  let best: { sep: Separator; share: number; fields: number } = { sep: ",", share: 0, fields: 0 };
  for (const sep of SEPARATORS) {
    const counts = separatorCounts(text, sep.charCodeAt(0));
    if (!counts.length) continue;
    const tally = new Map<number, number>();
    for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [n, k] of tally) if (n > 0 && (k > modeCount || (k === modeCount && n > mode))) [mode, modeCount] = [n, k];
    if (!mode) continue;
    // Title lines above the header have fewer separators; the body agrees with itself.
    const share = modeCount / counts.length;
    if (share > best.share + 0.1 || (Math.abs(share - best.share) <= 0.1 && mode > best.fields)) best = { sep, share, fields: mode };
  }
  return best.sep;
}

/** Lines in a text, up to as many as the separator is chosen from. */
export function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && n < SNIFF_LINES; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
