import { isAscii } from "buffer";
import iconv from "iconv-lite";

/** The encodings a CSV from a partner's machine arrives in. */
export type TextEncoding = "UTF-8" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1252";

const ICONV_NAME: Record<TextEncoding, string> = {
  "UTF-8": "utf8",
  "UTF-16 LE": "utf16le",
  "UTF-16 BE": "utf16be",
  "Windows-1252": "win1252",
};

/** Bytes looked at to tell UTF-16 without a byte-order mark, or UTF-8 from Windows-1252. */
const SNIFF_BYTES = 65_536;

function fromByteOrderMark(b: Uint8Array): TextEncoding | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "UTF-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16 LE";
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16 BE";
  return undefined;
}

/** UTF-16 text of Latin letters has a zero byte in every pair: odd places for LE, even for BE. */
function utf16WithoutMark(b: Uint8Array): TextEncoding | undefined {
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

/**
 * Whether the bytes from the first non-ASCII one on are UTF-8: mostly valid sequences, so a stray
 * bad byte in a UTF-8 file is reported, not a reason to misread every accented letter.
 * Windows-1252 text read as UTF-8 is almost all invalid sequences.
 */
function readsAsUtf8(b: Uint8Array, from: number): boolean {
  const text = new TextDecoder("utf-8").decode(b.subarray(from, from + SNIFF_BYTES), { stream: true });
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  return good >= bad;
}

/**
 * Decodes a file's bytes as they stream in. The encoding is chosen once: a byte-order mark says
 * UTF-8 or UTF-16; zero bytes in every pair say UTF-16; otherwise the first non-ASCII bytes say
 * UTF-8 if they are valid UTF-8, else Windows-1252 (Excel's "CSV" on a UK PC). Bytes that cannot
 * be decoded become U+FFFD, which the CSV reader reports by cell. iconv-lite rather than
 * TextDecoder, whose Windows-1252 in Node loses 0x80-0x9F (curly quotes, en dashes, the euro).
 */
export class TextStreamDecoder {
  encoding: TextEncoding | undefined;
  private decoder: { write(b: Buffer): string; end(): string | undefined } | undefined;
  private start = Buffer.alloc(0);

  write(chunk: Buffer, final = false): string {
    if (this.decoder) return this.decoder.write(chunk);
    if (!final && !this.encoding && this.start.length + chunk.length < 4) {
      this.start = Buffer.concat([this.start, chunk]);
      return "";
    }
    const bytes = this.start.length ? Buffer.concat([this.start, chunk]) : chunk;
    this.start = Buffer.alloc(0);
    this.encoding ??= fromByteOrderMark(bytes) ?? utf16WithoutMark(bytes);
    if (!this.encoding) {
      // Plain ASCII reads the same in every candidate: wait for the first byte that tells them apart.
      if (isAscii(bytes)) return bytes.toString("latin1");
      const first = bytes.findIndex((b) => b >= 0x80);
      this.encoding = readsAsUtf8(bytes, first) ? "UTF-8" : "Windows-1252";
    }
    this.decoder = iconv.getDecoder(ICONV_NAME[this.encoding], { stripBOM: true });
    return this.decoder.write(bytes);
  }

  end(): string {
    const rest = !this.decoder && this.start.length ? this.write(Buffer.alloc(0), true) : "";
    return rest + (this.decoder?.end() ?? "");
  }
}
