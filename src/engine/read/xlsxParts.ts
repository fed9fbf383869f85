/*
 * The .xlsx reader, its small parts read as text: entities and escapes, tags and attributes, part
 * names and relationships, which number formats show dates, the shared strings.
 */
import { isDateFormat } from "./numberFormats";
import { ZipEntry, ZipProblem } from "./zip";

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, e: string) => {
    if (e[0] !== "#") return ENTITY[e] ?? all;
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** Excel writes characters XML cannot hold (a carriage return, a control character) as _xHHHH_. */
export function decodeEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1]] = decodeEntities(m[2] ?? m[3]);
  }
  return out;
}

/** The attribute whatever its namespace prefix (r:id, or relationships written another way). */
export function attribute(attrs: Record<string, string>, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const k of Object.keys(attrs)) if (k.endsWith(`:${local}`)) return attrs[k];
  return undefined;
}

/** Every start tag of the element (any namespace prefix), as its attributes. */
export function tags(xml: string, local: string): Record<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}(?=[\\s/>])([^>]*)>`, "g");
  return Array.from(xml.matchAll(re), (m) => attributes(m[1]));
}

/**
 * The workbook's parts by name without case: part names in a package are compared without case
 * (a relationship may say "Sheet1.xml" of the part "sheet1.xml"), so two parts whose names differ
 * only in case are one name twice.
 */
export function partsByName(entries: Map<string, ZipEntry>): Map<string, ZipEntry> {
  const out = new Map<string, ZipEntry>();
  for (const [name, entry] of entries) {
    const key = name.toLowerCase();
    const other = out.get(key);
    if (other)
      throw new ZipProblem(
        `is damaged: it holds the parts ${other.name} and ${name}, one name twice to Excel`,
        "Open it in Excel and save it again, or give the data as .csv.",
      );
    out.set(key, entry);
  }
  return out;
}

/** A part's path inside the zip from a relationship's target (a URI, so percent-encoded), relative to the part that points to it. */
export function resolvePart(from: string, encoded: string): string {
  let target = encoded;
  try {
    target = decodeURIComponent(encoded);
  } catch {
    // Not percent-encoding after all: the name as written.
  }
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

export function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  type: string;
  target: string;
}

/** Number formats Excel builds in that show dates or times (14-22, 45-47, and the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73,
  74, 75, 76, 77, 78, 79, 80, 81,
]);

/** Which of the workbook's cell styles (the s attribute) show dates. */
export function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const f of tags(xml, "numFmt")) custom.set(Number(f.numFmtId), f.formatCode ?? "");
  const cellXfs = /<(?:[\w.-]+:)?cellXfs[\s>][\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!cellXfs) return [];
  return tags(cellXfs[0], "xf").map((xf) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/** The shared strings in order: each item's text runs joined, its phonetic guides left out. */
export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<(\/?)(?:[\w.-]+:)?(si|t|rPh)(?=[\s/>])[^>]*?(\/?)>/g;
  let text = "";
  let textFrom = -1;
  let phonetic = false;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const closing = m[1] === "/";
    const selfClosing = m[3] === "/";
    switch (m[2]) {
      case "si":
        if (closing) out.push(text);
        else if (selfClosing) out.push("");
        else text = "";
        break;
      case "rPh":
        phonetic = !closing && !selfClosing;
        break;
      case "t":
        if (phonetic || selfClosing) break;
        if (!closing) textFrom = re.lastIndex;
        else if (textFrom >= 0) {
          text += decodeEscapes(decodeEntities(xml.slice(textFrom, m.index)));
          textFrom = -1;
        }
        break;
    }
  }
  return out;
}
