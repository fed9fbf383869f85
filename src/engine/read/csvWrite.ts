import { inertText } from "./text";

/** Writes rows as CSV. Text a spreadsheet would run as a formula is prefixed with ' so it stays text. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return (
    rows
      .map((r) =>
        r
          .map((v) => {
            if (v === null || v === undefined) return "";
            const s = typeof v === "string" ? inertText(v) : String(v);
            return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
          })
          .join(","),
      )
      .join("\r\n") + "\r\n"
  );
}
