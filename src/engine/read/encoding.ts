/**
 * Which encoding a text file's bytes are in, from the bytes alone (the decoding itself is the
 * reader's: iconv-lite on the command line, the browser's TextDecoder in the pane).
 */
export type TextEncoding = "UTF-8" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1252";

/** Each encoding's WHATWG label, which the browser's TextDecoder and iconv-lite both take. */
export const ENCODING_LABEL: Record<TextEncoding, string> = {
  "UTF-8": "utf-8",
  "UTF-16 LE": "utf-16le",
  "UTF-16 BE": "utf-16be",
  "Windows-1252": "windows-1252",
};

/** Bytes looked at to tell UTF-8 from Windows-1252. */
const SNIFF_BYTES = 65_536;

/** A byte-order mark, or UTF-16 text of Latin letters (a zero byte in every pair: odd places for LE, even for BE). */
export function encodingFromStart(b: Uint8Array): TextEncoding | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "UTF-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16 LE";
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16 BE";
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even < pairs * 0.05) return "UTF-16 LE";
  if (even > pairs * 0.4 && odd < pairs * 0.05) return "UTF-16 BE";
  return undefined;
}

export function firstNonAscii(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return i;
  return -1;
}

/** How many bytes a UTF-8 sequence starting with this lead byte has, or 0 when it cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * UTF-8 when the non-ASCII bytes from `from` on mostly form valid sequences (a stray bad byte in
 * a UTF-8 file is reported, not a reason to misread every accented letter); otherwise
 * Windows-1252, whose accented letters and curly quotes are almost never valid UTF-8.
 */
export function utf8OrWindows1252(b: Uint8Array, from: number): TextEncoding {
  const end = Math.min(b.length, from + SNIFF_BYTES);
  let good = 0;
  let bad = 0;
  for (let i = from; i < end;) {
    const lead = b[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(lead);
    if (n === 0) {
      bad++;
      i++;
      continue;
    }
    if (i + n > end) break;
    let ok = true;
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      good++;
      i += n;
    } else {
      bad++;
      i++;
    }
  }
  return good >= bad ? "UTF-8" : "Windows-1252";
}

/** The encoding of a whole file's bytes; plain ASCII is UTF-8. */
export function sniffEncoding(b: Uint8Array): TextEncoding {
  const start = encodingFromStart(b);
  if (start) return start;
  const first = firstNonAscii(b);
  return first < 0 ? "UTF-8" : utf8OrWindows1252(b, first);
}
