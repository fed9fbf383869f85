import { isAscii } from "buffer";
import iconv from "iconv-lite";
import { ENCODING_LABEL, encodingFromStart, firstNonAscii, TextEncoding, utf8OrWindows1252 } from "../engine/read/encoding";

/**
 * Decodes a file's bytes as they stream in. The encoding is chosen once (engine/encoding.ts), from
 * the first bytes that tell the candidates apart. Bytes that cannot
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
    this.encoding ??= encodingFromStart(bytes);
    if (!this.encoding) {
      // Plain ASCII reads the same in every candidate: wait for the first byte that tells them apart.
      if (isAscii(bytes)) return bytes.toString("latin1");
      this.encoding = utf8OrWindows1252(bytes, firstNonAscii(bytes));
    }
    this.decoder = iconv.getDecoder(ENCODING_LABEL[this.encoding], { stripBOM: true });
    return this.decoder.write(bytes);
  }

  end(): string {
    const rest = !this.decoder && this.start.length ? this.write(Buffer.alloc(0), true) : "";
    return rest + (this.decoder?.end() ?? "");
  }
}
