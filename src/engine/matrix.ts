import { fieldRoles } from "./returnKinds";
import { Column, Criteria } from "./criteria";
import { DayNumber, formatMonth, monthOfDay, MonthSet } from "./dates";
import { NoData } from "./coverage";
import { recordFilter } from "./filters";
import { Finding } from "./findings";
import { Geography } from "./geography";
import { RiskBand, riskLevel } from "./riskKey";
import { ParsedReturn } from "./returns";
import { evaluateRule } from "./rules";
import { listNames, normaliseName, plural } from "./text";

export interface MatrixColumn {
  id: string;
  label: string;
  criterion: string;
  rule: string;
  footnote?: string;
  /** Why the column has no data, when it has none (a partial build). */
  noData?: string;
}

export interface MatrixRow {
  ward: string;
  code?: string;
  /** true flagged, false not flagged, null no data: the column's returns cannot say. */
  flags: Record<string, boolean | null>;
  /** Why each flag is set or not, in a few words ("697 offences", "Cottenham: 8"). */
  evidence: Record<string, string>;
  /** Flags counted; when `incomplete`, columns without data could add more. */
  total: number;
  incomplete: boolean;
  risk: string;
  concern?: string;
  priority?: string;
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
  findings: Finding[];
}

interface UnitTotal {
  ward: string;
  name: string;
  sum: number;
  min: number;
  max: number;
  rows: number;
}

/** The column's period as bounds on a return's time values: days, or month numbers for a monthly return. */
function periodBounds(col: Column, isMonth: boolean): { from: number; to: number } | undefined {
  if (!col.period) return undefined;
  return isMonth ? { from: monthOfDay(col.period.from), to: monthOfDay(col.period.to) } : col.period;
}

function monthsInPeriod(from: DayNumber, to: DayNumber): number {
  return monthOfDay(to) - monthOfDay(from) + 1;
}

/** Adds up a column's records per unit (ward, village or LSOA), with the months they fall in. */
function totalsByUnit(col: Column, returns: readonly ParsedReturn[]): { units: Map<string, UnitTotal>; months: MonthSet } {
  const units = new Map<string, UnitTotal>();
  const months = new MonthSet();
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
    const times = timeI >= 0 ? records.numbers(timeI) : undefined;
    for (let i = 0; i < records.length; i++) {
      const ward = records.ward(i);
      if (!ward) continue;
      const time = times ? times[i] : NaN;
      const t = time === time ? time : undefined;
      if ((bounds && (t === undefined || t < bounds.from || t > bounds.to)) || (col.filter.length && !passes(records, i))) continue;
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
      const v = col.aggregate === "count" ? (hasValue ? (records.number(i, col.field) ?? 1) : 1) : records.number(i, col.field);
      if (v === undefined) continue;
      let u = units.get(key);
      if (!u) {
        u = { ward, name, sum: 0, min: Infinity, max: -Infinity, rows: 0 };
        units.set(key, u);
      }
      u.sum += v;
      if (v < u.min) u.min = v;
      if (v > u.max) u.max = v;
      u.rows++;
      if (t !== undefined) months.add(isMonth ? t : monthOfDay(t));
    }
  }
  return { units, months };
}

function measureOf(col: Column, u: UnitTotal, monthCount: number): number {
  switch (col.aggregate) {
    case "count":
    case "sum":
      return u.sum;
    case "monthly-average":
      return u.sum / monthCount;
    case "min":
      return u.min;
    case "max":
      return u.max;
  }
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString("en-GB") : v.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

export interface ColumnOutcome {
  flaggedWards: Set<string>;
  evidence: Map<string, string>;
  note?: string;
  /** Every unit's measured value, for reports and checks. */
  units: { key: string; name: string; ward: string; value: number; flagged: boolean }[];
}

/** Evaluates one column: measure each unit, apply the rule, flag each ward holding a flagged unit. */
export function evaluateColumn(col: Column, returns: readonly ParsedReturn[], wards: readonly string[]): ColumnOutcome {
  const { units, months } = totalsByUnit(col, returns);
  const monthCount = col.period ? monthsInPeriod(col.period.from, col.period.to) : Math.max(1, months.size);
  const list = [...units.entries()].map(([key, u]) => ({ key, name: u.name, ward: u.ward, value: measureOf(col, u, monthCount) }));
  if (col.geography === "ward") {
    // Wards with no records are measured as 0: a quiet ward is still a ward.
    const seen = new Set(list.map((u) => u.ward));
    if (col.aggregate === "count" || col.aggregate === "sum" || col.aggregate === "monthly-average") {
      for (const w of wards) if (!seen.has(w)) list.push({ key: w, name: w, ward: w, value: 0 });
    }
  }
  const { flags, rank } = evaluateRule(
    col.rule,
    list.map((u) => u.value),
  );
  const outcome: ColumnOutcome = { flaggedWards: new Set(), evidence: new Map(), units: [] };
  const best = new Map<string, { name: string; value: number; flagged: boolean }>();
  const lowerIsWorse =
    (col.rule.type === "threshold" && (col.rule.op === "<=" || col.rule.op === "<")) ||
    (col.rule.type === "rank" && col.rule.direction === "bottom");
  list.forEach((u, i) => {
    const flagged = flags[i] === true;
    outcome.units.push({ ...u, flagged });
    if (flagged) outcome.flaggedWards.add(u.ward);
    const b = best.get(u.ward);
    const better = !b || (flagged && !b.flagged) || (flagged === b.flagged && (lowerIsWorse ? u.value < b.value : u.value > b.value));
    if (better) best.set(u.ward, { name: u.name, value: u.value, flagged });
  });
  for (const [ward, b] of best) {
    outcome.evidence.set(ward, col.geography === "ward" ? formatValue(b.value) : `${b.name}: ${formatValue(b.value)}`);
  }
  if (rank?.tied) {
    const atCut = outcome.units.filter((u) => u.flagged && u.value === rank.cutValue).map((u) => u.name);
    outcome.note = `${col.label}: ${plural(rank.selected.size, col.geography === "lsoa" ? "LSOA" : col.geography)} are flagged for "${col.rule.text}" because ${listNames(atCut)} tie at ${formatValue(rank.cutValue!)}; every tied area is included.`;
  }
  return outcome;
}

export interface MatrixInput {
  criteria: Criteria;
  geography: Geography;
  returns: readonly ParsedReturn[];
  compiled?: string;
  /** Columns whose returns cannot support a flag: they read "no data" in every ward. */
  noData?: readonly NoData[];
}

/** Builds Table 4: one row per ward, one flag per column, the total and the risk level. */
export function buildMatrix(input: MatrixInput): Matrix {
  const { criteria, geography, returns } = input;
  const wards = geography.wards.map((w) => w.name);
  const notes: string[] = [];
  const findings: Finding[] = [];
  const noData = new Map((input.noData ?? []).map((n) => [n.column, n.reason]));
  const outcomes = criteria.columns.map((col) => {
    const sources = returns.filter((r) => r.kind.id === col.kind.id);
    if (sources.length === 0 && !noData.has(col.id)) noData.set(col.id, `no ${col.kind.label} return was given`);
    const why = noData.get(col.id);
    if (why) {
      notes.push(`${col.label}: no data (${why}); the column's flags are unknown, so totals marked incomplete may be higher.`);
      return undefined;
    }
    const o = evaluateColumn(col, sources, wards);
    if (o.note) notes.push(o.note);
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
    criteria.columns.forEach((col, i) => {
      const o = outcomes[i];
      flags[col.id] = o ? o.flaggedWards.has(w.name) : null;
      evidence[col.id] = o ? (o.evidence.get(w.name) ?? (col.geography === "ward" ? "0" : "no data")) : "no data";
    });
    const total = Object.values(flags).filter((f) => f === true).length;
    const incomplete = Object.values(flags).some((f) => f === null);
    const c = concerns.get(w.name);
    return {
      ward: w.name,
      code: w.code,
      flags,
      evidence,
      total,
      incomplete,
      risk: riskLevel(total, criteria.riskKey) ?? "",
      concern: c?.concern,
      priority: c?.priority,
    };
  });
  const placing = geography.describeLsoaLookup();
  if (placing) notes.push(`Geography: ${placing}.`);
  return {
    title: criteria.title,
    district: geography.district,
    compiled: input.compiled ?? criteria.compiled ?? "",
    columns: criteria.columns.map((c) => ({
      id: c.id,
      label: c.label,
      criterion: c.criterion,
      rule: c.rule.text,
      footnote: c.footnote,
      noData: noData.get(c.id),
    })),
    rows,
    riskKey: criteria.riskKey,
    footnotes: criteria.footnotes,
    notes,
    findings,
  };
}
