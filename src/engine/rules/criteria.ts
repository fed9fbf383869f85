import { Outcome } from "../findings/outcome";
import { DayNumber, parsePeriodBound } from "../read/dates";
import { Ward } from "../geography/lookups";
import { fieldIndex, returnKind, ReturnKind } from "../returns/returnKinds";
import { DEFAULT_RISK_KEY, parseRiskKey, RiskBand } from "./riskKey";
import { parseRule, Rule } from "./rules";
import { normaliseName } from "../read/text";
import { criteriaShapeErrors } from "./criteriaSchema";
import southCambridgeshire2020 from "./criteria/south-cambridgeshire-2020.json";
import { failed } from "../findings/outcome";

export type Aggregate = "count" | "sum" | "monthly-average" | "min" | "max";
export type UnitGeography = "ward" | "village" | "lsoa";

/** One matrix column, as a criteria file writes it. */
export interface ColumnSpec {
  id: string;
  label: string;
  kind: string;
  criterion?: string;
  filter?: Record<string, string | string[]>;
  /** Values that rule a row out, e.g. {"offence": ["Anti-social behaviour"]}. */
  exclude?: Record<string, string | string[]>;
  period?: { from: string; to: string };
  geography?: UnitGeography;
  measure?: Aggregate | { aggregate: Aggregate; field?: string };
  rule: string;
  footnote?: string;
}

export interface CriteriaSpec {
  title?: string;
  district?: { name: string; code?: string; wards?: (string | Ward)[]; aliases?: Record<string, string> };
  compiled?: string;
  riskKey?: string;
  columns: ColumnSpec[];
  footnotes?: string[];
}

/** A column ready to evaluate: the text of the file checked and turned into values. */
export interface Column {
  id: string;
  label: string;
  kind: ReturnKind;
  criterion: string;
  filter: { field: number; values: string[]; exclude?: boolean }[];
  period?: { from: DayNumber; to: DayNumber; text: string };
  geography: UnitGeography;
  aggregate: Aggregate;
  /** Index of the field measured (count or value). */
  field: number;
  rule: Rule;
  footnote?: string;
}

export interface Criteria {
  title: string;
  district?: { name: string; code?: string; wards: Ward[]; aliases: Record<string, string> };
  compiled?: string;
  riskKey: RiskBand[];
  columns: Column[];
  footnotes: string[];
  spec: CriteriaSpec;
}

export type CriteriaRead = Outcome<{ criteria: Criteria }>;

export const DEFAULT_CRITERIA_SPEC: CriteriaSpec = southCambridgeshire2020 as CriteriaSpec;

function columnFromSpec(spec: ColumnSpec, where: string, errors: string[]): Column | undefined {
  const before = errors.length;
  if (!spec || typeof spec !== "object") {
    errors.push(`${where}: a column must be an object with id, label, kind and rule.`);
    return undefined;
  }
  for (const key of ["id", "label", "kind", "rule"] as const) {
    if (typeof spec[key] !== "string" || !spec[key].trim())
      errors.push(`${where}.${key}: missing; every column needs id, label, kind and rule.`);
  }
  if (errors.length > before) return undefined;
  const kind = returnKind(spec.kind);
  if (!kind || !kind.data) {
    errors.push(
      `${where}.kind: "${spec.kind}" is not a kind of return. Use one of: police-crime, police-asb, council-asb, fires, benefits, imd.`,
    );
    return undefined;
  }
  const rule = parseRule(spec.rule);
  if (!rule.ok) errors.push(`${where}.rule: ${rule.message}`);
  const geography = spec.geography ?? "ward";
  if (!["ward", "village", "lsoa"].includes(geography)) errors.push(`${where}.geography: "${geography}" must be ward, village or lsoa.`);
  const geoField = geography === "ward" ? undefined : kind.fields.find((f) => f.type === geography);
  if (geography !== "ward" && !geoField) errors.push(`${where}.geography: a ${kind.label} return has no ${geography} column.`);
  const m = spec.measure ?? "count";
  const aggregate: Aggregate = typeof m === "string" ? m : m.aggregate;
  if (!["count", "sum", "monthly-average", "min", "max"].includes(aggregate)) {
    errors.push(`${where}.measure: "${aggregate}" must be count, sum, monthly-average, min or max.`);
  }
  const fieldId = typeof m === "string" || !m.field ? kind.fields.find((f) => f.type === "count")?.id : m.field;
  const field = fieldId ? fieldIndex(kind, fieldId) : -1;
  if (aggregate !== "count" && field < 0)
    errors.push(
      `${where}.measure.field: name the ${kind.label} column to measure (${kind.fields
        .filter((f) => ["count", "decile"].includes(f.type))
        .map((f) => f.id)
        .join(", ")}).`,
    );
  if (
    rule.ok &&
    rule.rule.type === "threshold" &&
    rule.rule.perThousand &&
    (geography !== "ward" || (aggregate !== "count" && aggregate !== "sum"))
  )
    errors.push(
      `${where}.rule: "${rule.rule.text}" is a rate per 1,000 residents, which only a ward's count or sum has (this column measures ${geography === "ward" ? `a ${aggregate}` : `each ${geography}`}).`,
    );
  if (aggregate === "monthly-average" && !kind.fields.some((f) => f.type === "month" || f.type === "date")) {
    errors.push(`${where}.measure: a monthly average needs a return with dates or months.`);
  }
  const filter: Column["filter"] = [];
  for (const [key, exclude] of [
    ["filter", false],
    ["exclude", true],
  ] as const) {
    for (const [fid, v] of Object.entries(spec[key] ?? {})) {
      const i = fieldIndex(kind, fid);
      if (i < 0) {
        errors.push(`${where}.${key}: a ${kind.label} return has no field "${fid}" (fields: ${kind.fields.map((f) => f.id).join(", ")}).`);
        continue;
      }
      const values = (Array.isArray(v) ? v : [v]).map((s) => String(s));
      // A field with a list of categories can only take those: a typo would filter every row out.
      const known = kind.fields[i].values?.map((x) => x.value);
      const unknown = known ? values.filter((x) => !known.some((k) => normaliseName(k) === normaliseName(x))) : [];
      if (unknown.length) {
        errors.push(
          `${where}.${key}.${fid}: ${unknown.map((x) => `"${x}"`).join(", ")} is not a value the ${kind.fields[i].header} can take (${known!.join(", ")}).`,
        );
        continue;
      }
      filter.push({ field: i, values, exclude });
    }
  }
  let period: Column["period"];
  if (spec.period) {
    const from = parsePeriodBound(String(spec.period.from ?? ""), "from");
    const to = parsePeriodBound(String(spec.period.to ?? ""), "to");
    if (from === undefined || to === undefined)
      errors.push(`${where}.period: from and to must be dates ("2018-11-01") or months ("2019-04").`);
    else if (to < from) errors.push(`${where}.period: "to" (${spec.period.to}) is before "from" (${spec.period.from}).`);
    else period = { from, to, text: `${spec.period.from} to ${spec.period.to}` };
    if (!kind.fields.some((f) => f.type === "date" || f.type === "month"))
      errors.push(`${where}.period: a ${kind.label} return has no dates to apply a period to.`);
  }
  if (errors.length > before || !rule.ok) return undefined;
  return {
    id: spec.id,
    label: spec.label,
    kind,
    criterion: spec.criterion ?? `${spec.label}: ${spec.rule}`,
    filter,
    period,
    geography,
    aggregate,
    field: aggregate === "count" ? fieldIndex(kind, kind.fields.find((f) => f.type === "count")?.id ?? "") : field,
    rule: rule.rule,
    footnote: spec.footnote,
  };
}

/** Checks a criteria file and turns it into columns; every problem is reported, with where it is. */
export function readCriteria(spec: unknown): CriteriaRead {
  const errors: string[] = [];
  if (!spec || typeof spec !== "object" || !Array.isArray((spec as CriteriaSpec).columns)) {
    return failed("criteria-invalid", { problems: [] });
  }
  errors.push(...criteriaShapeErrors(spec));
  const s = spec as CriteriaSpec;
  const columns: Column[] = [];
  s.columns.forEach((c, i) => {
    // A column whose shape is wrong is reported as such; its meaning is checked once its shape is right.
    if (errors.some((e) => e.startsWith(`columns[${i}].`) || e.startsWith(`columns[${i}]:`))) return;
    const col = columnFromSpec(c, `columns[${i}]`, errors);
    if (!col) return;
    columns.push(col);
  });
  let riskKey = DEFAULT_RISK_KEY;
  if (typeof s.riskKey === "string") {
    const k = parseRiskKey(s.riskKey);
    if (!k.ok) errors.push(`riskKey: ${k.message}`);
    else riskKey = k.key;
  }
  let district: Criteria["district"];
  if (s.district && typeof s.district === "object") {
    if (typeof s.district.name !== "string" || !s.district.name.trim())
      errors.push("district.name: give the district's name, e.g. South Cambridgeshire.");
    else {
      const wards = (Array.isArray(s.district.wards) ? s.district.wards : []).map((w) => (typeof w === "string" ? { name: w } : w));
      const aliases = Object.assign(Object.create(null) as Record<string, string>, s.district.aliases ?? {});
      district = { name: s.district.name, code: s.district.code, wards, aliases };
    }
  }
  if (errors.length) return failed("criteria-invalid", { problems: errors }, { details: errors });
  return {
    ok: true,
    criteria: {
      title: s.title ?? "Summary table of high risk flags across datasets by ward",
      district,
      compiled: s.compiled,
      riskKey,
      columns,
      footnotes: [...columns.filter((c) => c.footnote).map((c) => c.footnote!), ...(s.footnotes ?? [])],
      spec: s,
    },
  };
}

/** Criteria the product itself writes (presets, the standard ones): a problem there is a defect, not the user's. */
export function builtInCriteria(spec: unknown, name: string): Criteria {
  const r = readCriteria(spec);
  if (!r.ok) throw new Error(`The ${name} criteria are invalid: ${r.details?.join("; ") ?? r.message}`);
  return r.criteria;
}

export function defaultCriteria(): Criteria {
  return builtInCriteria(DEFAULT_CRITERIA_SPEC, "built-in");
}

/** The periods criteria count, column by column: all that reading a return needs of them. */
export interface ColumnPeriods {
  columns: readonly { kind: { id: string }; period?: { from: DayNumber; to: DayNumber } }[];
}

/** The periods of the columns a kind feeds (itself, or through `feeds`): rows outside all of them are excluded. */
export function periodsForKind(criteria: ColumnPeriods, kind: ReturnKind): { from: DayNumber; to: DayNumber }[] | undefined {
  const ids = new Set([kind.id, ...(kind.feeds ?? []).map((f) => f.kind)]);
  const cols = criteria.columns.filter((c) => ids.has(c.kind.id));
  if (!cols.length || cols.some((c) => !c.period)) return undefined;
  const seen = new Set<string>();
  return cols
    .map((c) => ({ from: c.period!.from, to: c.period!.to }))
    .filter((p) => !seen.has(`${p.from}:${p.to}`) && !!seen.add(`${p.from}:${p.to}`));
}
