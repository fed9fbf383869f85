import { Outcome } from "../engine/findings/outcome";
import {
  builtInCriteria,
  ColumnPeriods,
  ColumnSpec,
  Criteria,
  CriteriaSpec,
  DEFAULT_CRITERIA_SPEC,
  defaultCriteria,
  readCriteria,
} from "../engine/rules/criteria";
import {
  firstDayOfMonth,
  formatDay,
  formatMonthIso,
  formatMonthLong,
  lastDayOfMonth,
  MonthNumber,
  monthOfDay,
  parseMonth,
  parsePeriodBound,
} from "../engine/read/dates";
import { Ward } from "../engine/geography/lookups";
import { parseRule } from "../engine/rules/rules";
import { nearestNames, normaliseName } from "../engine/read/text";
import standard from "../engine/rules/criteria/standard.json";
import { failed } from "../engine/findings/outcome";

/** A column of the standard criteria: a column spec whose period is a number of months ending at the chosen month. */
export interface StandardColumn extends Omit<ColumnSpec, "period" | "criterion"> {
  months?: number;
  /** The criterion's wording, with {rule}, {from}, {to}, {months} and {years} filled in. */
  criterion: string;
}

export const STANDARD_COLUMNS: readonly StandardColumn[] = (standard as { columns: StandardColumn[] }).columns;

/** Named criteria that ship with the product; the demo uses the South Cambridgeshire 2020 ones. */
export const CRITERIA_PRESETS: Record<string, CriteriaSpec> = {
  "south-cambridgeshire-2020": DEFAULT_CRITERIA_SPEC,
};

export interface District {
  name: string;
  code?: string;
  wards: Ward[];
}

/** A rule as the criteria text says it: ">=400" is "400+", "decile<=3" is "top 30%". */
export function ruleInWords(rule: string): string {
  const r = parseRule(rule);
  if (!r.ok) return rule;
  const t = r.rule;
  if (t.type === "threshold" && t.perThousand) return `${ruleInWords(`${t.op}${t.value}`)} per 1,000 residents`;
  if (t.type === "threshold" && /decile/i.test(rule) && (t.op === "<=" || t.op === "<"))
    return `top ${(t.op === "<=" ? t.value : t.value - 1) * 10}%`;
  if (t.type === "threshold" && t.op === ">=") return `${t.value}+`;
  if (t.type === "threshold" && t.op === ">") return `more than ${t.value}`;
  return t.text;
}

/** The wording of a standard column for its rule and the months its period runs from and to. */
export function criterionText(col: StandardColumn, rule: string, end: MonthNumber, from = end - (col.months ?? 0) + 1): string {
  const months = end - from + 1;
  return col.criterion
    .replace(/\{rule\}/g, ruleInWords(rule))
    .replace(/\{from\}/g, formatMonthLong(from))
    .replace(/\{to\}/g, formatMonthLong(end))
    .replace(/\{months\}/g, String(months))
    .replace(/\{years\}/g, String(Math.round(months / 12)));
}

/**
 * A column edited in a form, its wording following the new rule and period when it is one of the
 * standard columns: a criterion that still said "400+" under a rule of ">=300" would mislead.
 */
export function rewordColumn(col: ColumnSpec): ColumnSpec {
  const std = STANDARD_COLUMNS.find((c) => c.id === col.id && c.kind === col.kind);
  if (!std) return col;
  // While the rule is still South Cambridgeshire's, the criterion keeps saying so.
  const notSet = col.rule === std.rule ? (NOT_SET.exec(col.criterion ?? "")?.[0] ?? "") : "";
  if (!std.months) return { ...col, criterion: criterionText(std, col.rule, 0, 0) + notSet };
  const from = col.period && parsePeriodBound(col.period.from, "from");
  const to = col.period && parsePeriodBound(col.period.to, "to");
  if (from === undefined || to === undefined || to < from) return col;
  return { ...col, criterion: criterionText(std, col.rule, monthOfDay(to), monthOfDay(from)) + notSet };
}

/** What a standard count threshold says while it is still South Cambridgeshire's, not the district's own. */
const NOT_SET = /; [^;]* is South Cambridgeshire's 2020 threshold, not yet set for [^;]*$/;

const PRESET_DISTRICT = "South Cambridgeshire";

/** A count threshold of the standard columns, as the district inherits it (">=400"): another district's number, until set. */
function inheritedThreshold(rule: string): boolean {
  const r = parseRule(rule);
  return r.ok && r.rule.type === "threshold" && r.rule.op === ">=" && !/decile/i.test(rule);
}

/** The period a standard column covers when it ends at `end`: whole months, as criteria files write them. */
export function periodEnding(end: MonthNumber, months: number): { from: string; to: string } {
  return { from: formatDay(firstDayOfMonth(end - months + 1)), to: formatDay(lastDayOfMonth(end)) };
}

/** The periods the standard columns count when they end at `end`, for reading returns before any district is chosen. */
export function standardPeriods(end: MonthNumber): ColumnPeriods {
  return {
    columns: STANDARD_COLUMNS.map((c) => ({
      kind: { id: c.kind },
      period: c.months ? { from: firstDayOfMonth(end - c.months + 1), to: lastDayOfMonth(end) } : undefined,
    })),
  };
}

export interface StandardCriteriaOptions {
  district: District;
  /** The last month of every period. */
  end: MonthNumber;
  /** The month the criteria were written, for "Data compiled ...". */
  today: MonthNumber;
}

/**
 * Criteria for any district: its wards, the method's columns with neutral labels, and periods
 * ending at the chosen month (12 months for crime and ASB, 36 for fires, 6 for benefits).
 */
export function standardCriteria(options: StandardCriteriaOptions): CriteriaSpec {
  const { district, end } = options;
  const columns: ColumnSpec[] = STANDARD_COLUMNS.map((c) => {
    const { months, ...spec } = c;
    const notSet =
      normaliseName(district.name) !== normaliseName(PRESET_DISTRICT) && inheritedThreshold(c.rule)
        ? `; ${ruleInWords(c.rule)} is South Cambridgeshire's 2020 threshold, not yet set for ${district.name}`
        : "";
    const col: ColumnSpec = { ...spec, criterion: criterionText(c, c.rule, end) + notSet };
    if (months) col.period = periodEnding(end, months);
    return col;
  });
  return {
    title: (standard as { title: string }).title,
    district: {
      name: district.name,
      code: district.code,
      wards: district.wards.map((w) => (w.code ? { name: w.name, code: w.code } : w.name)),
      aliases: {},
    },
    compiled: formatMonthLong(options.today),
    riskKey: (standard as { riskKey: string }).riskKey,
    columns,
    footnotes: [],
  };
}

export type DistrictChoice = Outcome<{ district: District }>;

/** A district of the lookups' districts (`districtsInLookups`) by name or code, or what to write instead. */
export function findDistrict(districts: readonly District[], nameOrCode: string): DistrictChoice {
  const key = normaliseName(nameOrCode);
  const d = districts.find((x) => normaliseName(x.name) === key || (x.code && normaliseName(x.code) === key));
  if (d) return { ok: true, district: d };
  if (!districts.length)
    return {
      ...failed("lookup-without-districts", {}),
    };
  const near = nearestNames(
    nameOrCode,
    districts.map((x) => x.name),
  );
  return {
    ...failed("unknown-district", { district: nameOrCode, nearest: near }),
  };
}

/** "2025-09" as a month, or undefined. */
export function parseEndMonth(text: string): MonthNumber | undefined {
  if (!/^\d{4}-\d{2}$/.test(text.trim())) return undefined;
  const m = parseMonth(text.trim());
  return m.ok ? m.month : undefined;
}

/** The month a day is in: "this month", for "Data compiled". */
export function monthOfDate(now: Date): MonthNumber {
  return now.getUTCFullYear() * 12 + now.getUTCMonth();
}

/** The last whole month before a day: the default end of every period. */
export function lastWholeMonth(now: Date): MonthNumber {
  return monthOfDate(now) - 1;
}

/** What the front ends need to read, check and start criteria, and to check a rule or a risk key as the user types it. */
export { builtInCriteria, defaultCriteria, readCriteria };
export { DEFAULT_CRITERIA_SPEC };
export { parseRule };
export { parseRiskKey } from "../engine/rules/riskKey";

/** Criteria from a criteria file's text (a byte-order mark allowed): read and checked, every problem listed with where it is. */
export function criteriaFromText(text: string, file: string): Outcome<{ criteria: Criteria }> {
  let spec: unknown;
  try {
    spec = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return {
      ...failed("criteria-not-json", { file, why: (e as Error).message }),
    };
  }
  const r = readCriteria(spec);
  if (!r.ok) return { ...r, message: `The criteria file ${file}: ${r.message}`, fix: "Correct them (start from `riskmatrix criteria`)." };
  return { ok: true, criteria: r.criteria };
}

/** A named preset's criteria, when the name is one. */
export function presetNamed(name: string): Criteria | undefined {
  const preset = Object.hasOwn(CRITERIA_PRESETS, name) ? CRITERIA_PRESETS[name] : undefined;
  return preset ? builtInCriteria(preset, name) : undefined;
}

/** The standard columns a criteria file does not have yet: those the form can add. */
export function columnsToAdd(spec: CriteriaSpec): StandardColumn[] {
  const have = new Set(spec.columns.map((c) => c.id));
  return STANDARD_COLUMNS.filter((c) => !have.has(c.id));
}

/**
 * A standard column added to criteria: its period ends where the criteria's other periods end
 * (or at `end`), and its criterion is worded from its rule and period.
 */
export function addedColumn(spec: CriteriaSpec, id: string, end: MonthNumber): ColumnSpec | undefined {
  const std = STANDARD_COLUMNS.find((c) => c.id === id);
  if (!std) return undefined;
  const ends = spec.columns.map((c) => c.period && parsePeriodBound(c.period.to, "to")).filter((d): d is number => d !== undefined);
  const last = ends.length ? monthOfDay(Math.max(...ends)) : end;
  const { months, ...rest } = std;
  // The criterion is worded below from the rule and period; the template's {rule} markers never show.
  const col: ColumnSpec = { ...rest, criterion: std.label, ...(months ? { period: periodEnding(last, months) } : {}) };
  return rewordColumn(col);
}

/** A period bound as the form's month picker shows it ("2019-09"), and back: the first or last day of that month. */
export function monthOfBound(text: string, end: "from" | "to"): string {
  const day = parsePeriodBound(text, end);
  return day === undefined ? "" : formatMonthIso(monthOfDay(day));
}

export function boundOfMonth(month: string, end: "from" | "to"): string | undefined {
  const m = parseEndMonth(month);
  if (m === undefined) return undefined;
  return formatDay(end === "from" ? firstDayOfMonth(m) : lastDayOfMonth(m));
}
