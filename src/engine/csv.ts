import { Cell } from "./cells";

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, commas and line breaks inside
 * quotes; CRLF or LF; a leading byte-order mark). Cells stay text: the reader of each column
 * decides what a value means, so "29,199" or "01/11/2018" are never misread here.
 * Hand-written rather than a library so the engine stays dependency-free in both bundles.
 */
export function parseCsv(text: string): Cell[][] {
  const rows: Cell[][] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let row: Cell[] = [];
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let out = "";
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          out += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          out += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        out += text.slice(start, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
      let end = i;
      while (end < n && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      value = out + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      value = text.slice(i, end);
      i = end;
    }
    row.push(value === "" ? null : value);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) row.push(null);
      continue;
    }
    if (c === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows;
}

/** Writes rows as CSV. Text a spreadsheet would run as a formula is prefixed with ' so it stays text. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return (
    rows
      .map((r) =>
        r
          .map((v) => {
            if (v === null || v === undefined) return "";
            let s = String(v);
            if (typeof v === "string" && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d/.test(s)) s = `'${s}`;
            return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
          })
          .join(","),
      )
      .join("\r\n") + "\r\n"
  );
}
