export type Severity = "error" | "warning" | "info";

/**
 * One problem (or note) about an input, located precisely enough for the person who sent it
 * to find and fix it. `code` is stable: tests, the task pane and partners' own checks rely on it.
 */
export interface Finding {
  severity: Severity;
  code: string;
  file: string;
  sheet: string;
  /** An A1 reference such as Fires!C14, a row range such as Fires!20:25, or "" for the whole file. */
  cell: string;
  message: string;
  fix: string;
  /** The figures behind the message, where findings of many files are summed into one. */
  params?: Record<string, string | number>;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
