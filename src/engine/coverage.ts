import { fieldRoles } from "./returnKinds";
import { Column, Criteria } from "./criteria";
import { formatDay, formatMonth, MonthNumber, monthOfDay, MonthSet } from "./dates";
import { Finding, FindingCode, finding } from "./findings";
import { Geography } from "./geography";
import { Period, ParsedReturn } from "./returns";
import { listNames, plural } from "./text";

/** The months in which the returns have accepted rows (all of them, whatever their filters). */
export function monthsCovered(returns: readonly ParsedReturn[]): MonthSet {
  const seen = new MonthSet();
  for (const ret of returns) seen.addAll(monthsOfReturn(ret));
  return seen;
}

/** Each return's months, worked out once: coverage and missing months both ask, of every record. */
const monthsOfReturns = new WeakMap<ParsedReturn, MonthSet>();

function monthsOfReturn(ret: ParsedReturn): MonthSet {
  let seen = monthsOfReturns.get(ret);
  if (seen) return seen;
  seen = new MonthSet();
  monthsOfReturns.set(ret, seen);
  const ti = fieldRoles(ret.kind).time;
  const times = ti >= 0 && ret.columns.has(ret.kind.fields[ti].id) ? ret.records.numbers(ti) : undefined;
  if (!times) return seen;
  let last = NaN;
  for (let i = 0; i < ret.records.length; i++) {
    const t = times[i];
    // NaN (no time) is never equal to itself, nor to last.
    if (t !== t || t === last) continue;
    last = t;
    seen.add(ret.granularity === "month" ? t : monthOfDay(t));
  }
  return seen;
}

function monthsOf(p: Period): MonthNumber[] {
  const out: MonthNumber[] = [];
  for (let m = monthOfDay(p.from); m <= monthOfDay(p.to); m++) out.push(m);
  return out;
}

function whereOf(returns: readonly ParsedReturn[]): { file: string; sheet: string } {
  const files = new Set(returns.map((r) => `${r.file}\u0001${r.sheet}`));
  return files.size === 1 ? { file: returns[0].file, sheet: returns[0].sheet } : { file: "", sheet: "" };
}

/**
 * Months of a period with no accepted rows in any of a kind's returns: a return that stops early
 * looks like a quiet ward. Monthly files (one per month) are taken together.
 */
export function missingMonthFindings(returns: readonly ParsedReturn[], periods: readonly Period[]): Finding[] {
  if (!returns.some((r) => r.records.length)) return [];
  const seen = monthsCovered(returns);
  if (!seen.size) return [];
  const out: Finding[] = [];
  for (const p of periods) {
    const missing = monthsOf(p).filter((m) => !seen.has(m));
    if (!missing.length) continue;
    out.push(
      finding("missing-months", {
        ...whereOf(returns),
        message: `No rows for ${listNames(missing.map(formatMonth), 8)} inside the period ${formatDay(p.from)} to ${formatDay(p.to)}: the return may stop early or miss months.`,
        fix: "Ask the partner for the missing months, or confirm there were no incidents.",
      }),
    );
  }
  return out;
}

/** Why a column's flags cannot be trusted; such a column reads "no data" in every ward. */
export interface NoData {
  column: string;
  reason: string;
}

export interface ColumnCoverage {
  findings: Finding[];
  noData: NoData[];
}

/** Where the returns' rows do fall, so the user sees which period they need. */
function describeSpan(returns: readonly ParsedReturn[]): string {
  let first = Infinity;
  let last = -Infinity;
  for (const r of returns) {
    if (!r.span) continue;
    const [a, b] = r.granularity === "month" ? [r.span.first, r.span.last] : [monthOfDay(r.span.first), monthOfDay(r.span.last)];
    first = Math.min(first, a);
    last = Math.max(last, b);
  }
  return Number.isFinite(first) ? `their rows run from ${formatMonth(first)} to ${formatMonth(last)}` : "they have no dated rows";
}

function describeCovered(months: readonly MonthNumber[]): string {
  if (!months.length) return "no month";
  return months.length === 1
    ? formatMonth(months[0])
    : `${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])} (${plural(months.length, "month")} with data)`;
}

/** The returns a column reads: those of its kind, including ones read out of another (police ASB from data.police.uk). */
export function sourcesOf(col: Column, returns: readonly ParsedReturn[]): ParsedReturn[] {
  return returns.filter((r) => r.kind.id === col.kind.id);
}

/**
 * Whether each column's returns can support its flags. A column whose returns have no rows in
 * its period (this year's data against last year's criteria), or cover fewer than half of its
 * months, would flag nothing and look like a quiet district: that is an error, never a table of
 * Low wards. So is a national dataset that does not cover the district at all.
 */
export function columnCoverage(criteria: Criteria, returns: readonly ParsedReturn[], geography: Geography): ColumnCoverage {
  const findings: Finding[] = [];
  const noData: NoData[] = [];
  const fail = (col: Column, code: FindingCode, reason: string, message: string, fix: string, where: { file: string; sheet: string }) => {
    noData.push({ column: col.id, reason });
    findings.push(finding(code, { ...where, message, fix }));
  };
  for (const col of criteria.columns) {
    const sources = sourcesOf(col, returns);
    if (!sources.length) {
      noData.push({ column: col.id, reason: `no ${col.kind.label} return was given` });
      continue;
    }
    const where = whereOf(sources);
    const coverage = col.kind.coverage;
    const prefix = (geography.districtCode ?? "").toUpperCase()[0];
    if (coverage && prefix && prefix !== coverage.districtCodePrefix.toUpperCase()) {
      fail(
        col,
        "outside-coverage",
        `the ${col.kind.label} cover ${coverage.area} only`,
        `${geography.district} (${geography.districtCode}) is outside ${coverage.area}: the ${col.kind.label} cover ${coverage.area} only, so the "${col.label}" column cannot be computed for it.`,
        coverage.elsewhere[prefix] ??
          `Remove the "${col.label}" column from the criteria, or give an equivalent dataset for the district's own country.`,
        where,
      );
      continue;
    }
    const accepted = sources.reduce((n, r) => n + r.records.length, 0);
    if (!col.period) {
      if (accepted === 0) {
        fail(
          col,
          "no-data-for-district",
          `its returns have no rows for ${geography.district}`,
          `The ${col.kind.label} returns have no rows for ${geography.district}, so the "${col.label}" column would flag no ward.`,
          "Check that the return covers the district (and that the lookup is of the same vintage as its codes).",
          where,
        );
      }
      continue;
    }
    const months = monthsOf(col.period);
    const seen = monthsCovered(sources);
    const inPeriod = months.filter((m) => seen.has(m));
    const period = `${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])}`;
    if (inPeriod.length === 0) {
      fail(
        col,
        "no-data-in-period",
        `its returns have no rows in ${period}`,
        `The "${col.label}" column counts ${period}, but its ${col.kind.label} returns have no rows for ${geography.district} in that period (${describeSpan(sources)}). Every ward would show no flag.`,
        "Use criteria whose periods match the returns (write new ones for the latest month), or give returns for the criteria's period.",
        where,
      );
    } else if (inPeriod.length * 2 < months.length) {
      fail(
        col,
        "period-not-covered",
        `its returns cover ${inPeriod.length} of the ${months.length} months of ${period}`,
        `The "${col.label}" column counts ${period}, but its ${col.kind.label} returns cover only ${plural(inPeriod.length, "month")} of those ${months.length} (${describeCovered(inPeriod)}): counts and averages over the period would be too low.`,
        "Give the missing months, or use criteria whose periods match the returns.",
        where,
      );
    }
  }
  return { findings, noData };
}
