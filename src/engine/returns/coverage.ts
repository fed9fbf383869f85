import { fieldRoles } from "./returnKinds";
import { Column, Criteria } from "../rules/criteria";
import { DayNumber, formatDay, formatMonth, formatMonthIso, MonthNumber, monthOfDay, MonthSet } from "../read/dates";
import { recordFilter } from "./filters";
import { Finding, FindingCode, finding } from "../findings/findings";
import { ParamsOf } from "../findings/findingCatalogue";
import { Geography } from "../geography/geography";
import { Period, ParsedReturn, spanInDays } from "./returns";
import { listNames, plural } from "../read/text";

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

/** The last month a return has rows for, or undefined when it has no dates or months. */
export function lastMonthOf(ret: ParsedReturn): MonthNumber | undefined {
  return monthsOfReturn(ret).last();
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

/** The first and last day with an accepted row inside a period, over returns of days. */
function daySpanIn(returns: readonly ParsedReturn[], p: Period): { first: DayNumber; last: DayNumber } | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const ret of returns) {
    const ti = fieldRoles(ret.kind).time;
    const times = ti >= 0 && ret.granularity === "day" ? ret.records.numbers(ti) : undefined;
    if (!times) continue;
    for (let i = 0; i < ret.records.length; i++) {
      const t = times[i];
      if (t < p.from || t > p.to) continue;
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  return Number.isFinite(first) ? { first, last } : undefined;
}

/** An incident list may be quiet for a month at either end of its period, no longer. */
const QUIET_DAYS_AT_AN_END = 31;

/** Where a period's months are missing from a column's returns, and how that was told. */
export interface MonthGaps {
  missing: MonthNumber[];
  /** Why those months count as missing, in words. */
  why: string;
}

/**
 * The months of a period the returns do not cover. A monthly source (a data.police.uk download, a
 * count by LSOA and month) has a row for every month it covers, so any month without one is
 * missing. An incident list has a row per incident, and a small source may have a quiet month,
 * so only its ends are held to the period: rows that start more than a month after the period
 * begins, or stop more than a month before it ends, mean the list was cut.
 */
export function monthGaps(returns: readonly ParsedReturn[], p: Period): MonthGaps | undefined {
  const months = monthsOf(p);
  if (returns.some((r) => r.granularity === "month")) {
    const seen = monthsCovered(returns);
    const missing = months.filter((m) => !seen.has(m));
    return missing.length ? { missing, why: "a monthly source has rows for every month it covers" } : undefined;
  }
  const span = daySpanIn(returns, p);
  if (!span) return { missing: months, why: "no row falls in the period" };
  const missing: MonthNumber[] = [];
  const reasons: string[] = [];
  if (span.first - p.from > QUIET_DAYS_AT_AN_END) {
    for (let m = monthOfDay(p.from); m < monthOfDay(span.first); m++) missing.push(m);
    reasons.push(`the rows start on ${formatDay(span.first)}, ${span.first - p.from} days after the period begins`);
  }
  if (p.to - span.last > QUIET_DAYS_AT_AN_END) {
    for (let m = monthOfDay(span.last) + 1; m <= monthOfDay(p.to); m++) missing.push(m);
    reasons.push(`the rows stop on ${formatDay(span.last)}, ${p.to - span.last} days before the period ends`);
  }
  return missing.length ? { missing, why: reasons.join(" and ") } : undefined;
}

/**
 * Months inside an incident list's span with no rows: a small source may be quiet for a month, so
 * this is a warning (a list cut short at either end is an error of the column's coverage).
 */
export function missingMonthFindings(returns: readonly ParsedReturn[], periods: readonly Period[]): Finding[] {
  if (!returns.some((r) => r.records.length) || returns.some((r) => r.granularity === "month")) return [];
  const seen = monthsCovered(returns);
  if (!seen.size) return [];
  const out: Finding[] = [];
  for (const p of periods) {
    const span = daySpanIn(returns, p);
    if (!span) continue;
    const missing: MonthNumber[] = [];
    for (let m = monthOfDay(span.first) + 1; m < monthOfDay(span.last); m++) if (!seen.has(m)) missing.push(m);
    if (!missing.length) continue;
    out.push(
      finding("missing-months", {
        ...whereOf(returns),
        params: { months: missing.map(formatMonth), from: formatDay(p.from), to: formatDay(p.to) },
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

/**
 * A column built from part of its data (with --allow-partial): a count met on the rows present
 * is a flag, one not met is not known. `extraRows` bounds what the missing part can add to one
 * area's count (rows left out of the returns); Infinity when whole months are missing.
 */
export interface PartialColumn {
  column: string;
  reason: string;
  extraRows: number;
}

export interface ColumnCoverage {
  findings: Finding[];
  noData: NoData[];
  partial: PartialColumn[];
}

/** A return as the user gave it: a police column read out of a data.police.uk file is that file. */
function givenAs(ret: ParsedReturn): string {
  const r = ret.derivedFrom ?? ret;
  return r.file.toLowerCase().endsWith(".csv") ? r.file : `${r.file} [${r.sheet}]`;
}

/** Where a return's rows that a column counts fall: days of an incident list, else months. */
function countedTimes(ret: ParsedReturn, col: Column): { days?: { first: number; last: number }; months: Set<MonthNumber> } {
  const p = col.period;
  if (p && !col.filter.length) {
    // Every row counts: the return's months, worked out once, and its days in the period.
    const covered = monthsOfReturn(ret);
    return {
      days: ret.granularity === "day" ? daySpanIn([ret], p) : undefined,
      months: new Set(monthsOf(p).filter((m) => covered.has(m))),
    };
  }
  const months = new Set<MonthNumber>();
  const ti = fieldRoles(ret.kind).time;
  const times = ti >= 0 ? ret.records.numbers(ti) : undefined;
  const passes = recordFilter(col.filter);
  const [fromMonth, toMonth] = p ? [monthOfDay(p.from), monthOfDay(p.to)] : [-Infinity, Infinity];
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < ret.records.length; i++) {
    if (col.filter.length && !passes(ret.records, i)) continue;
    const t = times ? times[i] : NaN;
    if (t !== t) continue;
    const month = ret.granularity === "month" ? t : monthOfDay(t);
    if (month < fromMonth || month > toMonth || (p && ret.granularity === "day" && (t < p.from || t > p.to))) continue;
    months.add(month);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return { days: ret.granularity === "day" && first <= last ? { first, last } : undefined, months };
}

/** Whether any row of the returns passes the column's filter inside its period. */
export function filterMatches(col: Column, returns: readonly ParsedReturn[]): boolean {
  return returns.some((r) => r.kind.id === col.kind.id && countedTimes(r, col).months.size > 0);
}

/** Whether two returns have rows a column counts in the same part of its period: the same days for incident lists, else the same months. */
function overlapIn(a: ReturnType<typeof countedTimes>, b: ReturnType<typeof countedTimes>): boolean {
  if (a.days && b.days) return a.days.first <= b.days.last && b.days.first <= a.days.last;
  for (const m of a.months) if (b.months.has(m)) return true;
  return false;
}

/**
 * Returns that feed one column with rows in the same part of its period: one file given twice,
 * or a force's own extract beside a data.police.uk download. Summed, they would count the same
 * incidents twice, so unless the user says the sum is meant, that is an error naming them.
 */
export function overlapFindings(col: Column, sources: readonly ParsedReturn[], allowed: boolean): Finding[] {
  const pairs: string[] = [];
  if (sources.length < 2) return [];
  const times = sources.map((r) => countedTimes(r, col));
  for (let i = 0; i < sources.length && pairs.length < 3; i++) {
    for (let j = i + 1; j < sources.length && pairs.length < 3; j++) {
      if (overlapIn(times[i], times[j])) pairs.push(`${givenAs(sources[i])} and ${givenAs(sources[j])}`);
    }
  }
  if (!pairs.length) return [];
  return [
    finding("overlapping-returns", {
      file: "",
      sheet: "",
      severity: allowed ? "info" : "error",
      params: { column: col.label, columnId: col.id, pairs, allowed },
      remedies: allowed ? [] : [{ action: "allow-overlap" }],
    }),
  ];
}

/** Whether returns with no rows in a district did have rows in the period, all placed elsewhere. */
function coversOtherDistricts(returns: readonly ParsedReturn[], p: Period): boolean {
  return returns.some((r) => {
    const span = r.excluded ? spanInDays(r) : undefined;
    return !!span && span.first <= p.to && span.last >= p.from;
  });
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

/** The returns a column reads: those of its kind, including ones read out of another (police ASB from data.police.uk). */
export function sourcesOf(col: Column, returns: readonly ParsedReturn[]): ParsedReturn[] {
  return returns.filter((r) => r.kind.id === col.kind.id);
}

/**
 * Whether each column's returns can support its flags. A column whose returns have no rows in
 * its period (this year's data against last year's criteria) would flag nothing and look like a
 * quiet district: it has no data. One whose returns miss months of its period (monthGaps), or
 * left rows out, is partial: an error, and with --allow-partial a column whose unmet flags are
 * not known. So is a national dataset that does not cover the district at all.
 */
export function columnCoverage(
  criteria: Criteria,
  returns: readonly ParsedReturn[],
  geography: Geography,
  options: {
    allowOverlap?: boolean;
    /** Columns whose filters match rows of the returns in another district of the same run. */
    filtersMatched?: ReadonlySet<string>;
  } = {},
): ColumnCoverage {
  const findings: Finding[] = [];
  const noData: NoData[] = [];
  const partial: PartialColumn[] = [];
  const fail = <C extends FindingCode>(
    col: Column,
    code: C,
    reason: string,
    params: ParamsOf<C>,
    where: { file: string; sheet: string },
  ) => {
    noData.push({ column: col.id, reason });
    findings.push(finding(code, { ...where, params }));
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
        {
          district: geography.district,
          districtCode: geography.districtCode ?? "",
          area: coverage.area,
          kind: col.kind.label,
          column: col.label,
          columnId: col.id,
          elsewhere: coverage.elsewhere[prefix],
        },
        where,
      );
      continue;
    }
    findings.push(...overlapFindings(col, sources, !!options.allowOverlap));
    const accepted = sources.reduce((n, r) => n + r.records.length, 0);
    const leftOut = sources.reduce((n, r) => n + r.leftOut, 0);
    const reasons: string[] = [];
    let extraRows = leftOut;
    if (!col.period) {
      if (accepted === 0 && leftOut === 0) {
        fail(
          col,
          "no-data-for-district",
          `its returns have no rows for ${geography.district}`,
          { kind: col.kind.label, district: geography.district, column: col.label, columnId: col.id },
          where,
        );
        continue;
      }
    } else {
      const months = monthsOf(col.period);
      const seen = monthsCovered(sources);
      const period = `${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])}`;
      if (!months.some((m) => seen.has(m))) {
        if (coversOtherDistricts(sources, col.period)) {
          fail(
            col,
            "no-data-in-period",
            `no ${col.kind.label} return covers ${geography.district}`,
            { elsewhere: true, kind: col.kind.label, district: geography.district, period, column: col.label, columnId: col.id },
            where,
          );
          continue;
        }
        fail(
          col,
          "no-data-in-period",
          `its returns have no rows in ${period}`,
          {
            elsewhere: false,
            kind: col.kind.label,
            district: geography.district,
            period,
            span: describeSpan(sources),
            column: col.label,
            columnId: col.id,
          },
          where,
        );
        continue;
      }
      if (col.filter.length && !options.filtersMatched?.has(col.id) && !filterMatches(col, sources)) {
        fail(
          col,
          "filter-matches-nothing",
          `its filter matches no row in ${period}`,
          { kind: col.kind.label, period, column: col.label, columnId: col.id },
          where,
        );
        continue;
      }
      const gaps = monthGaps(sources, col.period);
      if (gaps) {
        extraRows = Infinity;
        reasons.push(`its returns have no rows for ${listNames(gaps.missing.map(formatMonth), 8)}`);
        findings.push(
          finding("period-not-covered", {
            ...where,
            params: {
              column: col.label,
              columnId: col.id,
              kind: col.kind.label,
              period,
              missing: gaps.missing.map(formatMonth),
              months: gaps.missing.map(formatMonthIso),
              why: gaps.why,
            },
          }),
        );
      }
    }
    if (leftOut) reasons.push(`${plural(leftOut, "row")} of its returns could not be read or placed`);
    if (reasons.length) partial.push({ column: col.id, reason: reasons.join("; "), extraRows });
  }
  return { findings, noData, partial };
}
