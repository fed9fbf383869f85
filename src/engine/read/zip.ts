/*
 * The parts of a zip archive (an .xlsx is one) found through its central directory, and inflated
 * one at a time with fflate while their size is counted: a zip may say anything of itself, so
 * sizes are trusted only as they are inflated.
 */
import { Inflate, strFromU8 } from "fflate";

/** What is wrong with an archive (to follow the file's name) and what to do. */
export interface ArchiveProblem {
  problem: string;
  fix: string;
}

/** A step on an archive: its result, or the problem with the archive. The archive functions never throw for a bad archive. */
export type ArchiveOutcome<T extends object = object> = ({ ok: true } & T) | ({ ok: false } & ArchiveProblem);

/**
 * Inside the engine's readers, a problem with an archive ends the read at once; the readers' own
 * entry points turn it into an outcome, so it never leaves the engine.
 */
export class ZipProblem extends Error implements ArchiveProblem {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(problem);
  }
}

/** Runs a read that may end in a ZipProblem, as an outcome; anything else thrown (a caller's budget, a defect) goes on. */
export function attempt<T extends object>(read: () => T): ArchiveOutcome<T> {
  try {
    return { ok: true, ...read() };
  } catch (e) {
    if (e instanceof ZipProblem) return { ok: false, problem: e.problem, fix: e.fix };
    throw e;
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** Where its compressed bytes start. */
  dataStart: number;
}

const DAMAGED_FIX = "Download or save it again; an interrupted download or copy leaves a damaged file.";

function damaged(why: string): ZipProblem {
  return new ZipProblem(`is damaged or cut short (${why})`, DAMAGED_FIX);
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;

function endOfDirectory(bytes: Uint8Array): number {
  const last = bytes.length - 22;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--)
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  throw damaged("no zip directory at its end");
}

/**
 * The directory's position and size, from the zip64 record when the classic one overflows, and
 * how far the archive lies after the file's start: bytes written before it (another archive
 * joined in front, a self-extractor) shift every offset, as unzip tools allow for.
 */
function directory(bytes: Uint8Array): { offset: number; count: number; shift: number } {
  const end = endOfDirectory(bytes);
  let count = u16(bytes, end + 10);
  let size = u32(bytes, end + 12);
  let offset = u32(bytes, end + 16);
  let directoryEnd = end;
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw damaged("a large zip without its zip64 record");
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== 0x06064b50) throw damaged("its zip64 record is missing");
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
    directoryEnd = record;
  }
  const shift = directoryEnd - size - offset;
  if (shift > 0 && u32(bytes, offset + shift) === 0x02014b50) return { offset: offset + shift, count, shift };
  if (offset >= bytes.length) throw damaged("its directory lies past the end of the file");
  return { offset, count, shift: 0 };
}

/** Sizes that overflow 32 bits are in the entry's zip64 extra field. */
function zip64Sizes(bytes: Uint8Array, extra: number, extraEnd: number, size: number, compressed: number, local: number) {
  for (let i = extra; i + 4 <= extraEnd;) {
    const id = u16(bytes, i);
    const len = u16(bytes, i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      if (size === 0xffffffff) p += 8;
      if (compressed === 0xffffffff) {
        compressed = u64(bytes, p);
        p += 8;
      }
      if (local === 0xffffffff) local = u64(bytes, p);
      break;
    }
    i += 4 + len;
  }
  return { compressed, local };
}

function entryName(raw: Uint8Array): string {
  return strFromU8(raw);
}

/** Every entry of the archive by name, read from its central directory. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  return zipLayout(bytes).entries;
}

/**
 * The archive's entries as its central directory lists them (the entries unzip tools and Excel
 * show), and how many bytes come before the archive and are not part of it.
 */
export function zipLayout(bytes: Uint8Array): { entries: Map<string, ZipEntry>; before: number } {
  const { offset, count, shift } = directory(bytes);
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw damaged("its directory is cut short");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    const extra = p + 46 + nameLength;
    const sizes = zip64Sizes(bytes, extra, extra + extraLength, u32(bytes, p + 24), u32(bytes, p + 20), u32(bytes, p + 42));
    let name: string;
    try {
      name = entryName(bytes.subarray(p + 46, extra));
    } catch {
      throw damaged("an entry's name is not readable");
    }
    const local = sizes.local + shift;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw damaged(`the part ${name} is missing`);
    const dataStart = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (dataStart + sizes.compressed > bytes.length) throw damaged(`the part ${name} is cut short`);
    if (entries.has(name))
      throw new ZipProblem(
        `holds two entries named ${name}, which unzip tools and Excel cannot tell apart`,
        "Unzip it, check which copy is right, and give that file on its own.",
      );
    entries.set(name, { name, method, encrypted: (flags & 1) === 1, compressedSize: sizes.compressed, dataStart });
    p = extra + extraLength + commentLength;
  }
  return { entries, before: shift };
}

/** Compression methods archivers offer beyond deflate, by their number in the zip format. */
const METHOD_NAMES: Record<number, string> = {
  1: "shrink",
  6: "implode",
  9: "Deflate64",
  12: "bzip2",
  14: "LZMA",
  19: "LZ77",
  93: "Zstandard",
  95: "XZ",
  96: "JPEG",
  97: "WavPack",
  98: "PPMd",
};

/** Compressed bytes are fed in slices this long: deflate can inflate a thousandfold, and each slice inflates at once. */
const SLICE = 1 << 16;

/**
 * Inflates one entry, handing each inflated chunk to `onChunk` and `onSlice` the share of its
 * compressed bytes done so far; stops with `overLimit()` once it inflates past `limit` bytes.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
  overLimit: () => ArchiveProblem,
  onChunk: (chunk: Uint8Array) => void,
  onSlice: (done: number) => void = () => undefined,
): void {
  if (entry.encrypted)
    throw new ZipProblem(
      "is password-protected (its parts are encrypted)",
      "Open it, remove the password, save it again and give that copy.",
    );
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > limit) throw problemOf(overLimit());
    for (let i = 0; i < data.length; i += SLICE) {
      onChunk(data.subarray(i, i + SLICE));
      onSlice(Math.min(data.length, i + SLICE));
    }
    return;
  }
  if (entry.method === 99)
    throw new ZipProblem(
      `is password-protected (${entry.name} is encrypted)`,
      "Unzip it with its password, and give the files, or a copy zipped without one.",
    );
  if (entry.method !== 8)
    throw new ZipProblem(
      `holds ${entry.name} compressed with ${METHOD_NAMES[entry.method] ?? `method ${entry.method}`}, which this reader does not read (Excel and data.police.uk use deflate)`,
      "Unzip it with 7-Zip or Windows' Extract All and give the folder, or zip it again with ordinary (deflate) compression.",
    );
  let size = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > limit) throw problemOf(overLimit());
    onChunk(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < data.length; i += SLICE) {
      inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
      onSlice(Math.min(data.length, i + SLICE));
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipProblem || !(e instanceof Error) || !("code" in e)) throw e;
    throw damaged(`${entry.name}: ${e.message}`);
  }
  if (!ended) throw damaged(`the part ${entry.name} ends early`);
}

/** One entry whole (the workbook's small parts: its list of sheets, styles, shared strings). */
export function entryBytes(bytes: Uint8Array, entry: ZipEntry, limit: number, overLimit: () => ArchiveProblem): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  inflateEntry(bytes, entry, limit, overLimit, (c) => {
    chunks.push(c);
    total += c.length;
  });
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function problemOf(p: ArchiveProblem): ZipProblem {
  return p instanceof ZipProblem ? p : new ZipProblem(p.problem, p.fix);
}

/** The archive's entries, as `zipLayout`, or the problem with it. */
export function readZipLayout(bytes: Uint8Array): ArchiveOutcome<ReturnType<typeof zipLayout>> {
  return attempt(() => zipLayout(bytes));
}

/** One entry inflated as it streams, as `inflateEntry`, or the problem with it. */
export function unzipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
  overLimit: () => ArchiveProblem,
  onChunk: (chunk: Uint8Array) => void,
): ArchiveOutcome {
  return attempt(() => {
    inflateEntry(bytes, entry, limit, overLimit, onChunk);
    return {};
  });
}

/** One entry inflated whole, or the problem with it. */
export function unzipWhole(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
  overLimit: () => ArchiveProblem,
): ArchiveOutcome<{ bytes: Uint8Array }> {
  return attempt(() => ({ bytes: entryBytes(bytes, entry, limit, overLimit) }));
}
