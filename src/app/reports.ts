import { Finding } from "../engine/findings/findings";
import { HarmReport } from "../engine/harm/harm";
import { ImdProfile } from "../engine/geography/imdProfile";
import { BuildResult } from "../engine/matrix/pipeline";
import type { Matrix } from "../engine/matrix/matrix";
import type { FlagReason } from "../engine/matrix/evidence";
import { CheckOutcome } from "./checkReturns";
import { DistrictLeftOut, DistrictTable4 } from "./table4";

/**
 * The shapes of the machine-readable reports (the command line's --json). Each front end words a
 * finding's fix its own way, so the report takes the words as `fixText`.
 */
export type FixText = (f: Finding) => string;

export interface ReportedFinding {
  severity: Finding["severity"];
  code: Finding["code"];
  /** Where, as the reader of a report looks for it: the sheet's A1 reference, or "" for the whole file. */
  cell: string;
  message: string;
  fix: string;
  file: string;
  sheet: string;
  /** Where, for a program: 0-based row and column indexes in the sheet. */
  at?: Finding["at"];
  /** The facts behind the message. */
  params?: Finding["params"];
  /** What the front ends offer to put it right, by action. */
  remedies?: Finding["remedies"];
}

export function reportedFinding(f: Finding, fixText: FixText): ReportedFinding {
  const reported: ReportedFinding = {
    severity: f.severity,
    code: f.code,
    cell: f.cell,
    message: f.message,
    fix: fixText(f),
    file: f.file,
    sheet: f.sheet,
  };
  if (f.at) reported.at = f.at;
  if (f.params) reported.params = f.params;
  if (f.remedies?.length) reported.remedies = f.remedies;
  return reported;
}

/** One return (or a file that is not one) with its rows accounted for and its findings. */
export interface ReturnReport {
  file: string;
  sheet: string;
  kind: string | null;
  /** What said it is that kind. */
  recognisedBy: string | null;
  rows: number;
  accepted: number;
  excluded: number;
  rejected: number;
  findings: ReportedFinding[];
}

const sheetKey = (x: { file: string; sheet: string }) => `${x.file}\u0001${x.sheet}`;

/** Items by key, in their order, in one pass. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The check of some returns: each return's counts and findings, then files that held none. */
export function checkReport(outcome: CheckOutcome, fixText: FixText): { files: ReturnReport[]; geography: string | null } {
  const { returns, findings } = outcome;
  const bySheet = groupBy(findings, sheetKey);
  const files: ReturnReport[] = returns.map((r) => ({
    file: r.file,
    sheet: r.sheet,
    kind: r.kind.id,
    recognisedBy: r.recognisedBy ?? null,
    rows: r.rowsRead,
    accepted: r.accepted,
    excluded: r.excluded,
    rejected: r.rejected,
    findings: (bySheet.get(sheetKey(r)) ?? []).map((f) => reportedFinding(f, fixText)),
  }));
  for (const r of returns) bySheet.delete(sheetKey(r));
  const orphans = bySheet;
  for (const list of orphans.values()) {
    files.push({
      file: list[0].file,
      sheet: list[0].sheet,
      kind: null,
      recognisedBy: null,
      rows: 0,
      accepted: 0,
      excluded: 0,
      rejected: 0,
      findings: list.map((f) => reportedFinding(f, fixText)),
    });
  }
  return { files, geography: outcome.geography ?? null };
}

/** One district's Table 4, and its changes since an earlier one when it was compared. */
export function matrixReport(
  district: string | undefined,
  result: BuildResult,
  fixText: FixText,
  comparison?: DistrictTable4["comparison"],
) {
  const findings = result.findings.map((f) => reportedFinding(f, fixText));
  const m = result.matrix;
  if (!m) return { district: district ?? null, columns: [], wards: [], findings };
  return {
    district: m.district,
    compiled: m.compiled,
    incompleteness: m.incompleteness ?? null,
    columns: m.columns.map((c) => ({
      id: c.id,
      label: c.label,
      criterion: c.criterion,
      noData: c.noData ?? null,
      partial: c.partial ?? null,
      monthly: c.monthly ?? null,
    })),
    wards: m.rows.map((r) => ({
      ward: r.ward,
      flags: r.flags,
      total: r.total,
      unknown: r.unknown,
      incomplete: r.incomplete,
      risk: r.risk,
      riskFrom: r.riskFrom,
      riskTo: r.riskTo,
      ...(r.population !== undefined ? { population: r.population } : {}),
      evidence: evidenceOf(m.columns, r),
      concern: r.concern ?? null,
    })),
    notes: m.notes,
    comparison: comparison ?? null,
    findings,
  };
}

/**
 * Each column's figure for a ward as --json gives it: the number the rule tested (`value`, with its
 * `range` where part of it is not known), the village or LSOA it is of, its rank for a rank rule,
 * the reason in one sentence, and the figure as the Evidence sheet writes it.
 */
function evidenceOf(columns: readonly { id: string }[], row: Matrix["rows"][number]) {
  const out = Object.create(null) as Record<string, FlagReason & { figure: string }>;
  for (const c of columns) out[c.id] = { ...row.reasons[c.id], figure: row.evidence[c.id] };
  return out;
}

/** Table 4 for one district, or for several under "districts" (with those left out as strays). */
export function table4Report(
  tables: readonly Pick<DistrictTable4, "district" | "result" | "comparison">[],
  fixText: FixText,
  districtsLeftOut: readonly DistrictLeftOut[] = [],
) {
  return tables.length === 1 && !districtsLeftOut.length
    ? matrixReport(tables[0].district, tables[0].result, fixText, tables[0].comparison)
    : {
        districts: tables.map((t) => matrixReport(t.district, t.result, fixText, t.comparison)),
        districtsLeftOut: districtsLeftOut.map((d) => ({ ...d })),
      };
}

export function imdProfileReport(profile: ImdProfile) {
  return { district: profile.district, wards: profile.rows.map((r) => ({ ward: r.ward, lsoas: r.lsoas, ...r.counts })) };
}

export function harmReportJson(report: HarmReport) {
  return {
    periods: report.periods.map((p) => ({
      period: p.period,
      count: p.count,
      harm: p.harm,
      ratePer1000: p.ratePer1000 ?? null,
      harmPer1000: p.harmPer1000 ?? null,
    })),
    change: report.change ?? null,
    offences: report.offences,
    unknown: report.unknown.map((u) => u.offence),
  };
}
