/* The command line's output: what reaches the terminal, and findings and summaries in its words. */
import type { Finding } from "../engine/findings/findings";
import { countBySeverity, plural, sortFindings } from "../app/present";
import type { DistrictLeftOut } from "../app/table4";
import { STRAY_SHARE } from "../app/table4";
import { groupBy } from "../app/reports";
import { fixForCli } from "./cliRemedies";

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Control characters from a return never reach the terminal as commands, and invisible or
 * direction-changing ones (zero-width, right-to-left overrides) never hide or reorder what it
 * shows: they are shown as escapes (valid in JSON too).
 */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const line = (t: string) => terminalSafe(t.endsWith("\n") ? t : `${t}\n`);
export const consoleOutput: Output = {
  out: (t) => process.stdout.write(line(t)),
  err: (t) => process.stderr.write(line(t)),
};

const SHOWN_PER_CODE = 5;

/** Findings grouped by file and sheet, errors first; long runs of one warning or note are counted, not listed. */
export function formatFindings(findings: readonly Finding[]): string {
  const lines: string[] = [];
  const groups = groupBy(findings, (f) =>
    f.file ? `${f.file}${f.sheet && !f.file.toLowerCase().endsWith(".csv") ? ` [${f.sheet}]` : ""}` : "General",
  );
  for (const [where, list] of groups) {
    lines.push(where);
    const shown = new Map<string, number>();
    const hidden = new Map<string, { n: number; severity: string }>();
    for (const f of sortFindings(list)) {
      const n = shown.get(f.code) ?? 0;
      // Every error is listed; repeats of a warning or note are counted past the first few.
      if (n >= SHOWN_PER_CODE && f.severity !== "error") {
        const h = hidden.get(f.code) ?? { n: 0, severity: f.severity };
        h.n++;
        hidden.set(f.code, h);
        continue;
      }
      shown.set(f.code, n + 1);
      lines.push(`  ${f.severity.toUpperCase()} ${f.code}${f.cell ? ` at ${f.cell}` : ""}: ${f.message}`);
      lines.push(`    Fix: ${fixForCli(f)}`);
    }
    for (const [code, h] of hidden) lines.push(`  ... and ${plural(h.n, `more ${code} ${h.severity}`)} (use --json for the full list)`);
  }
  return lines.join("\n");
}

export function summaryLine(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return `${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${plural(c.info, "note")}`;
}

/** Why districts the returns touch were not built, in one sentence. */
export function districtsLeftOutText(leftOut: readonly DistrictLeftOut[]): string | undefined {
  if (!leftOut.length) return undefined;
  const list = leftOut.map((d) => `${d.district} (${d.rows.toLocaleString("en-GB")} rows)`);
  return `Not built: ${list.slice(0, 8).join(", ")}${list.length > 8 ? ` and ${list.length - 8} more` : ""}: each holds under ${STRAY_SHARE * 100}% of every return's rows, so its rows are strays of a neighbouring area, not a district the returns cover. Name a district with --district to build it anyway.`;
}

/** A return as the user knows it: its file, and its sheet where a file has sheets. */
export function returnName(r: { file: string; sheet: string }): string {
  return `${r.file}${r.file.toLowerCase().endsWith(".csv") ? "" : ` [${r.sheet}]`}`;
}
