import { fieldRoles } from "../returns/returnKinds";
import { Column, Criteria } from "../rules/criteria";
import { DayNumber, formatMonth, formatMonthIso, MonthNumber, monthOfDay, MonthSet } from "../read/dates";
import { NoData, PartialColumn } from "../returns/coverage";
import { recordFilter } from "../returns/filters";
import { Finding } from "../findings/findings";
import { Geography } from "../geography/geography";
import { RiskBand, riskLevel } from "../rules/riskKey";
import { ParsedReturn } from "../returns/returns";
import { evaluateMeasures, Measure, Verdict } from "../rules/rules";
import { fileNameOf, listNames, normaliseName, plural } from "../read/text";
import { FlagReason, flagReason, noDataReason, perResidents, ranksOf } from "./evidence";
import { Population, wardPopulations } from "../geography/population";

export interface MatrixColumn {
  id: string;
  label: string;
  criterion: string;
  rule: string;
  footnote?: string;
  /** Why the column has no data, when it has none (a partial build): every ward's flag is not known. */
  noData?: string;
  /** Why the column was built from part of its data (a partial build): flags it cannot rule out are not known. */
  partial?: string;
  /**
   * The district's count (or sum) in each month of the column's period, for a column that counts
   * dated records: null for a month no row falls in (not reported, or none), and how many counts
   * in it were suppressed (the month's figure leaves them out).
   */
  monthly?: MonthTotal[];
}

export interface MonthTotal {
  /** YYYY-MM. */
  month: string;
  value: number | null;
  suppressed: number;
}

export interface MatrixRow {
  ward: string;
  code?: string;
  /** true flagged, false not flagged, null not known: the column's data cannot say (none, or part of it). */
  flags: Record<string, boolean | null>;
  /** Why each flag is set or not, in a few words ("697 offences", "Cottenham: 8"). */
  evidence: Record<string, string>;
  /** The figure each column's rule tested for the ward, and why its flag is set, not set or not known. */
  reasons: Record<string, FlagReason>;
  /** Flags counted (those known); `unknown` more could be flags. */
  total: number;
  unknown: number;
  /** Whether any flag is not known, so the total could be higher. */
  incomplete: boolean;
  /** The risk level; where unknown flags could change it, "Low to High" (see riskFrom and riskTo). */
  risk: string;
  riskFrom: string;
  riskTo: string;
  concern?: string;
  priority?: string;
  /** Residents (the sum over the ward's LSOAs) when populations were given; null when not known. */
  population?: number | null;
}

export interface Matrix {
  title: string;
  district: string;
  compiled: string;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  riskKey: RiskBand[];
  footnotes: string[];
  /** Notes the reader must see: ties in a rank, columns without data. */
  notes: string[];
  /**
   * Said above the table when any flag is not known or rows were left out: a table built from
   * part of the data must never look like one built from all of it.
   */
  incompleteness?: string;
  findings: Finding[];
}

interface UnitTotal {
  ward: string;
  name: string;
  sum: number;
  min: number;
  max: number;
  rows: number;
  /** Suppressed counts: how many, the most they may add up to, and the months they fall in. */
  suppressed: number;
  suppressedUpTo: number;
  suppressedMonths?: Set<MonthNumber>;
}

/** The column's period as bounds on a return's time values: days, or month numbers for a monthly return. */
function periodBounds(col: Column, isMonth: boolean): { from: number; to: number } | undefined {
  if (!col.period) return undefined;
  return isMonth ? { from: monthOfDay(col.period.from), to: monthOfDay(col.period.to) } : col.period;
}

function monthsInPeriod(from: DayNumber, to: DayNumber): number {
  return monthOfDay(to) - monthOfDay(from) + 1;
}

/** Whether a column counts one per row (each row left out could add at most one to an area). */
function countsRows(col: Column, returns: readonly ParsedReturn[]): boolean {
  return col.aggregate === "count" && returns.every((r) => !(col.field >= 0 && r.columns.has(r.kind.fields[col.field].id)));
}

/** Adds up a column's records per unit (ward, village or LSOA), with the months they fall in. */
function totalsByUnit(
  col: Column,
  returns: readonly ParsedReturn[],
): { units: Map<string, UnitTotal>; months: MonthSet; byMonth: Map<MonthNumber, { sum: number; suppressed: number }> } {
  const units = new Map<string, UnitTotal>();
  const months = new MonthSet();
  const byMonth = new Map<MonthNumber, { sum: number; suppressed: number }>();
  let lastMonth: MonthNumber | undefined;
  let monthTotal: { sum: number; suppressed: number } | undefined;
  const passes = recordFilter(col.filter);
  for (const ret of returns) {
    const fields = ret.kind.fields;
    const roles = fieldRoles(ret.kind);
    const timeI = roles.time;
    const isMonth = ret.granularity === "month";
    const bounds = periodBounds(col, isMonth);
    const unitI = col.geography === "ward" ? -1 : roles[col.geography];
    const hasValue = col.field >= 0 && (ret.columns.has(fields[col.field].id) || col.aggregate === "count");
    const records = ret.records;
    const suppressed = records.hasSuppressed;
    const times = timeI >= 0 ? records.numbers(timeI) : undefined;
    for (let i = 0; i < records.length; i++) {
      const ward = records.ward(i);
      if (!ward) continue;
      const time = times ? times[i] : NaN;
      const t = time === time ? time : undefined;
      if ((bounds && (t === undefined || t < bounds.from || t > bounds.to)) || (col.filter.length && !passes(records, i))) continue;
      const upTo = suppressed ? records.suppressedUpTo(i) : undefined;
      const v =
        upTo !== undefined
          ? undefined
          : col.aggregate === "count"
            ? hasValue
              ? (records.number(i, col.field) ?? 1)
              : 1
            : records.number(i, col.field);
      if (v === undefined && upTo === undefined) continue;
      const month = t === undefined ? undefined : isMonth ? t : monthOfDay(t);
      if (month !== undefined) {
        // Returns run in date order more often than not: the month before is the one most often wanted.
        if (month !== lastMonth) {
          lastMonth = month;
          monthTotal = byMonth.get(month) ?? byMonth.set(month, { sum: 0, suppressed: 0 }).get(month)!;
        }
        if (v === undefined) monthTotal!.suppressed++;
        else monthTotal!.sum += v;
      }
      let key: string;
      let name: string;
      if (unitI < 0) {
        key = ward;
        name = ward;
      } else {
        const u = records.text(i, unitI);
        if (!u) continue;
        name = u;
        key = col.geography === "lsoa" ? u : `${ward}\u0001${normaliseName(u)}`;
      }
      let u = units.get(key);
      if (!u) {
        u = { ward, name, sum: 0, min: Infinity, max: -Infinity, rows: 0, suppressed: 0, suppressedUpTo: 0 };
        units.set(key, u);
      }
      if (month !== undefined) months.add(month);
      if (v === undefined) {
        u.suppressed++;
        u.suppressedUpTo += upTo!;
        if (month !== undefined) (u.suppressedMonths ??= new Set()).add(month);
        continue;
      }
      u.sum += v;
      if (v < u.min) u.min = v;
      if (v > u.max) u.max = v;
      u.rows++;
    }
  }
  return { units, months, byMonth };
}

/**
 * The district's total in each month of a column's period (or of the months its rows span), for a
 * column that counts or sums dated records; undefined for one that does not.
 */
function monthlyTotals(
  col: Column,
  byMonth: ReadonlyMap<MonthNumber, { sum: number; suppressed: number }>,
  months: MonthSet,
): MonthTotal[] | undefined {
  if ((col.aggregate !== "count" && col.aggregate !== "sum") || (!col.period && !months.size)) return undefined;
  const seen = [...byMonth.keys()];
  const first = col.period ? monthOfDay(col.period.from) : Math.min(...seen);
  const last = col.period ? monthOfDay(col.period.to) : Math.max(...seen);
  if (!(last >= first) || last - first > 240) return undefined;
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const m = byMonth.get(first + i);
    return { month: formatMonthIso(first + i), value: m ? m.sum : null, suppressed: m?.suppressed ?? 0 };
  });
}

/** An area's measure and, where part of it is not known, what its range rests on. */
interface UnitMeasure extends Measure {
  /** Words for the unknown part ("1 suppressed", "5 of 6 months reported"). */
  unknown?: string;
}

/**
 * What the rule tests for one area. `extra` is how much the column's missing part may add to
 * one area's count (0 when the column is complete). A sum only grows with more rows and a
 * suppressed count lies between 0 and its bound; an average is taken over the months reported.
 */
function measureOf(col: Column, u: UnitTotal, monthCount: number, extra: number): UnitMeasure {
  const partial = extra > 0;
  switch (col.aggregate) {
    case "count":
    case "sum": {
      const hi = u.sum + u.suppressedUpTo + extra;
      return { value: u.sum, lo: u.sum, hi, unknown: u.suppressed ? `${plural(u.suppressed, "suppressed count")}` : undefined };
    }
    case "monthly-average": {
      const suppressedMonths = u.suppressedMonths?.size ?? 0;
      const reported = monthCount - suppressedMonths;
      const value = reported > 0 ? u.sum / reported : 0;
      const unknown = suppressedMonths ? `the average of the ${reported} of ${monthCount} months reported` : undefined;
      if (reported <= 0) return { value, lo: 0, hi: Infinity, unknown: "every month suppressed" };
      return { value, lo: value, hi: partial ? Infinity : value, unknown };
    }
    case "min":
      return { value: u.min, lo: partial ? -Infinity : u.min, hi: u.min };
    case "max":
      return { value: u.max, lo: u.max, hi: partial ? Infinity : u.max };
  }
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString("en-GB") : v.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

/** A measure in a few words: "19", "19 to 23", "19 or more", with what is not known. */
function describeMeasure(m: UnitMeasure): string {
  const range =
    m.lo === m.hi
      ? formatValue(m.value)
      : m.hi === Infinity
        ? `${formatValue(m.lo)} or more`
        : m.lo === -Infinity
          ? `${formatValue(m.hi)} or less`
          : `${formatValue(m.lo)} to ${formatValue(m.hi)}`;
  return m.unknown ? `${range} (${m.unknown})` : range;
}

/**
 * A ward's measure per 1,000 of its residents, for a rate rule. A ward whose residents are not
 * known has a rate that could be anything: its flag is not known, never 0.
 */
function perThousandOf(m: UnitMeasure, residents: number | null | undefined): UnitMeasure {
  if (!residents) return { value: 0, lo: 0, hi: Infinity, unknown: "the ward's residents are not known" };
  const scale = (v: number) => (v === Infinity ? Infinity : (v * 1000) / residents);
  return { ...m, value: scale(m.value), lo: scale(m.lo), hi: scale(m.hi) };
}

export interface ColumnOutcome {
  /** Per ward: flagged, not flagged, or not known (null). */
  verdicts: Map<string, Verdict>;
  evidence: Map<string, string>;
  reasons: Map<string, FlagReason>;
  note?: string;
  monthly?: MonthTotal[];
  /** Every unit's measure and verdict, for reports and checks. */
  units: { key: string; name: string; ward: string; measure: UnitMeasure; flag: Verdict }[];
}

/**
 * Evaluates one column: measure each unit, apply the rule, flag each ward holding a flagged unit.
 * `extraRows` is what the column's missing part may add to one area's count (0: complete).
 */
export function evaluateColumn(
  col: Column,
  returns: readonly ParsedReturn[],
  wards: readonly string[],
  extraRows = 0,
  residents?: ReadonlyMap<string, number | null>,
): ColumnOutcome {
  const { units, months, byMonth } = totalsByUnit(col, returns);
  const monthCount = col.period ? monthsInPeriod(col.period.from, col.period.to) : Math.max(1, months.size);
  const extra = extraRows === 0 ? 0 : countsRows(col, returns) ? extraRows : Infinity;
  const list = [...units.entries()].map(([key, u]) => ({ key, name: u.name, ward: u.ward, measure: measureOf(col, u, monthCount, extra) }));
  const empty: UnitTotal = { ward: "", name: "", sum: 0, min: Infinity, max: -Infinity, rows: 0, suppressed: 0, suppressedUpTo: 0 };
  if (col.geography === "ward") {
    // Wards with no records are measured as 0: a quiet ward is still a ward.
    const seen = new Set(list.map((u) => u.ward));
    if (col.aggregate === "count" || col.aggregate === "sum" || col.aggregate === "monthly-average") {
      for (const w of wards) if (!seen.has(w)) list.push({ key: w, name: w, ward: w, measure: measureOf(col, empty, monthCount, extra) });
    }
  }
  if (perResidents(col)) for (const u of list) u.measure = perThousandOf(u.measure, residents?.get(u.ward));
  const { flags, rank } = evaluateMeasures(
    col.rule,
    list.map((u) => u.measure),
  );
  // With part of the data missing, a ward may hold an area (a village, an LSOA) the data never showed.
  const unseen: Verdict =
    extra === 0
      ? false
      : col.rule.type === "rank"
        ? null
        : evaluateMeasures(col.rule, [measureOf(col, empty, monthCount, extra)]).flags[0] === false
          ? false
          : null;
  // A ward measured as a whole has no unseen part beyond its own range.
  const wardVerdict = (b: { flag: Verdict } | undefined): Verdict => {
    if (b?.flag === true || b?.flag === null) return b.flag;
    return b && col.geography === "ward" ? false : unseen;
  };
  const outcome: ColumnOutcome = {
    verdicts: new Map(),
    evidence: new Map(),
    reasons: new Map(),
    units: [],
    monthly: monthlyTotals(col, byMonth, months),
  };
  const best = new Map<string, { name: string; measure: UnitMeasure; flag: Verdict; rank?: number }>();
  const ranks =
    col.rule.type === "rank"
      ? ranksOf(
          list.map((u) => u.measure.value),
          col.rule.direction,
        )
      : [];
  const lowerIsWorse =
    (col.rule.type === "threshold" && (col.rule.op === "<=" || col.rule.op === "<")) ||
    (col.rule.type === "rank" && col.rule.direction === "bottom");
  const order = (f: Verdict) => (f === true ? 2 : f === null ? 1 : 0);
  list.forEach((u, i) => {
    const flag = flags[i];
    outcome.units.push({ ...u, flag });
    const b = best.get(u.ward);
    const better =
      !b ||
      order(flag) > order(b.flag) ||
      (flag === b.flag && (lowerIsWorse ? u.measure.value < b.measure.value : u.measure.value > b.measure.value));
    if (better) best.set(u.ward, { name: u.name, measure: u.measure, flag, rank: ranks[i] });
  });
  for (const w of wards) {
    const b = best.get(w);
    const verdict = wardVerdict(b);
    outcome.verdicts.set(w, verdict);
    if (b) outcome.evidence.set(w, col.geography === "ward" ? describeMeasure(b.measure) : `${b.name}: ${describeMeasure(b.measure)}`);
    const tested = b && { ...b, figure: describeMeasure(b.measure) };
    outcome.reasons.set(w, flagReason(col, verdict, tested, list.length, lowerIsWorse, residents?.get(w)));
  }
  if (rank?.tied) {
    const atCut = outcome.units.filter((u) => u.flag === true && u.measure.value === rank.cutValue).map((u) => u.name);
    outcome.note = `${col.label}: ${plural(rank.selected.size, col.geography === "lsoa" ? "LSOA" : col.geography)} are flagged for "${col.rule.text}" because ${listNames(atCut)} tie at ${formatValue(rank.cutValue!)}; every tied area is included.`;
  }
  return outcome;
}

/** What a column's evidence says where the ward has no area to measure: a count of none is 0. */
function nothingMeasured(col: Column): string {
  return col.aggregate === "min" || col.aggregate === "max" ? NO_DATA : "0";
}

/** Written where the data cannot say: never a blank or a 0, which would read as "no flag". */
export const NO_DATA = "no data";

export interface MatrixInput {
  criteria: Criteria;
  geography: Geography;
  returns: readonly ParsedReturn[];
  compiled?: string;
  /** Columns whose returns cannot support a flag: they read "no data" in every ward. */
  noData?: readonly NoData[];
  /** Columns built from part of their data: flags they cannot rule out read "not known". */
  partial?: readonly PartialColumn[];
  /** Residents per LSOA, for each ward's population and its rates per 1,000. */
  population?: Population;
}

/** Builds Table 4: one row per ward, one flag per column, the total and the risk level. */
export function buildMatrix(input: MatrixInput): Matrix {
  const { criteria, geography, returns } = input;
  const wards = geography.wards.map((w) => w.name);
  const notes: string[] = [];
  const findings: Finding[] = [];
  const noData = new Map((input.noData ?? []).map((n) => [n.column, n.reason]));
  const partial = new Map((input.partial ?? []).map((p) => [p.column, p]));
  const residents = input.population ? wardPopulations(geography, input.population) : undefined;
  const outcomes = criteria.columns.map((col) => {
    const sources = returns.filter((r) => r.kind.id === col.kind.id);
    if (sources.length === 0 && !noData.has(col.id)) noData.set(col.id, `no ${col.kind.label} return was given`);
    if (perResidents(col) && !residents && !noData.has(col.id))
      noData.set(
        col.id,
        `its rule is a rate per 1,000 residents and no populations were given (an IoD File 7 among the inputs, or a population file)`,
      );
    const why = noData.get(col.id);
    if (why) {
      notes.push(`${col.label}: no data (${why}); the column's flags are unknown, so totals marked incomplete may be higher.`);
      return undefined;
    }
    const part = partial.get(col.id);
    const o = evaluateColumn(col, sources, wards, part?.extraRows ?? 0, residents);
    if (o.note) notes.push(o.note);
    if (part) {
      notes.push(
        `${col.label}: built from part of its data (${part.reason}); a ward it does not flag reads "not known" where the missing part could flag it.`,
      );
    }
    if (col.period && sources.some((r) => r.granularity === "month") && col.kind.fields.some((f) => f.type === "date")) {
      notes.push(
        `${col.label}: ${listNames([...new Set(sources.filter((r) => r.granularity === "month").map((r) => r.derivedFrom?.kind.label ?? r.kind.label))])} give${sources.length === 1 ? "s" : ""} months, not days, so its period is applied by whole months (${formatMonth(monthOfDay(col.period.from))} to ${formatMonth(monthOfDay(col.period.to))}).`,
      );
    }
    return o;
  });
  const concerns = new Map<string, { concern?: string; priority?: string }>();
  for (const ret of returns.filter((r) => !r.kind.data)) {
    const ci = ret.kind.fields.findIndex((f) => f.id === "concern");
    const pi = ret.kind.fields.findIndex((f) => f.id === "priority");
    const records = ret.records;
    for (let i = 0; i < records.length; i++) {
      const ward = records.ward(i);
      if (!ward) continue;
      concerns.set(ward, {
        concern: records.text(i, ci),
        priority: pi >= 0 ? records.text(i, pi) : undefined,
      });
    }
  }
  const rows: MatrixRow[] = geography.wards.map((w) => {
    // Null-prototype records: a column id is data, never a property of Object.
    const flags = Object.create(null) as Record<string, boolean | null>;
    const evidence = Object.create(null) as Record<string, string>;
    const reasons = Object.create(null) as Record<string, FlagReason>;
    criteria.columns.forEach((col, i) => {
      const o = outcomes[i];
      // Every ward has a verdict, and null (not known) must not fall back to false.
      flags[col.id] = o ? o.verdicts.get(w.name)! : null;
      evidence[col.id] = o ? (o.evidence.get(w.name) ?? nothingMeasured(col)) : NO_DATA;
      reasons[col.id] = o ? o.reasons.get(w.name)! : noDataReason(noData.get(col.id) ?? "the column has no data");
    });
    const total = Object.values(flags).filter((f) => f === true).length;
    const unknown = Object.values(flags).filter((f) => f === null).length;
    const riskFrom = riskLevel(total, criteria.riskKey) ?? "";
    const riskTo = riskLevel(total + unknown, criteria.riskKey) ?? "";
    const c = concerns.get(w.name);
    return {
      ward: w.name,
      code: w.code,
      flags,
      evidence,
      reasons,
      total,
      unknown,
      incomplete: unknown > 0,
      risk: riskFrom === riskTo ? riskFrom : `${riskFrom} to ${riskTo}`,
      riskFrom,
      riskTo,
      ...(residents ? { population: residents.get(w.name) ?? null } : {}),
      concern: c?.concern,
      priority: c?.priority,
    };
  });
  const placing = geography.describeLsoaLookup();
  if (placing) notes.push(`Geography: ${placing}.`);
  if (input.population) {
    const unknown = rows.filter((r) => r.population === null).map((r) => r.ward);
    notes.push(
      `Rates per 1,000 residents: ${input.population.column} from ${fileNameOf(input.population.source)}, summed over each ward's LSOAs${unknown.length ? `; not known for ${listNames(unknown, 5)}, whose LSOAs the file does not all give` : ""}.`,
    );
  }
  return {
    title: criteria.title,
    district: geography.district,
    compiled: input.compiled ?? criteria.compiled ?? "",
    columns: criteria.columns.map((c, i) => ({
      id: c.id,
      label: c.label,
      criterion: c.criterion,
      rule: c.rule.text,
      footnote: c.footnote,
      noData: noData.get(c.id),
      partial: partial.get(c.id)?.reason,
      ...(outcomes[i]?.monthly ? { monthly: outcomes[i].monthly } : {}),
    })),
    rows,
    riskKey: criteria.riskKey,
    footnotes: criteria.footnotes,
    notes,
    findings,
  };
}
