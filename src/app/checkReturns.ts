import { Criteria } from "../engine/criteria";
import { Finding } from "../engine/findings";
import { AnyLookup } from "../engine/geography";
import { checkInputs, InputFile } from "../engine/pipeline";
import { ParsedReturn } from "../engine/returns";

export interface CheckRequest {
  inputs: readonly InputFile[];
  criteria: Criteria;
  lookups: readonly AnyLookup[];
  district?: string;
  map?: Record<string, Record<string, string>>;
}

/** One return (or a file that is not one) with its rows accounted for and its findings, as reports show it. */
export interface ReturnReport {
  file: string;
  sheet: string;
  kind: string | null;
  rows: number;
  accepted: number;
  excluded: number;
  rejected: number;
  findings: Pick<Finding, "severity" | "code" | "cell" | "message" | "fix">[];
}

export interface CheckOutcome {
  /** The returns read (not those read out of them, such as police ASB out of a data.police.uk file). */
  returns: ParsedReturn[];
  findings: Finding[];
  files: ReturnReport[];
  /** Which lookup placed the LSOAs, in words, when one did. */
  geography?: string;
}

const shown = (f: Finding) => ({ severity: f.severity, code: f.code, cell: f.cell, message: f.message, fix: f.fix });

/**
 * Checks returns as a partner or analyst would before building: every check `build` runs on
 * them, without asking for the returns of other columns.
 */
export function checkReturns(request: CheckRequest): CheckOutcome {
  const checked = checkInputs(request.inputs, { criteria: request.criteria, lookups: request.lookups, map: request.map, district: request.district });
  const findings = checked.findings.filter((f) => f.code !== "no-return-for-column");
  const returns = checked.returns.filter((r) => !r.derivedFrom);
  const files: ReturnReport[] = returns.map((r) => ({
    file: r.file, sheet: r.sheet, kind: r.kind.id, rows: r.rowsRead, accepted: r.accepted, excluded: r.excluded, rejected: r.rejected,
    findings: findings.filter((f) => f.file === r.file && f.sheet === r.sheet).map(shown),
  }));
  const orphans = new Map<string, Finding[]>();
  for (const f of findings) {
    if (returns.some((r) => r.file === f.file && r.sheet === f.sheet)) continue;
    const key = `${f.file}\u0001${f.sheet}`;
    orphans.set(key, [...(orphans.get(key) ?? []), f]);
  }
  for (const list of orphans.values()) {
    files.push({ file: list[0].file, sheet: list[0].sheet, kind: null, rows: 0, accepted: 0, excluded: 0, rejected: 0, findings: list.map(shown) });
  }
  return { returns, findings, files, geography: checked.geography?.describeLsoaLookup() };
}
