import { ColumnPeriods, Criteria, periodsForKind } from "../rules/criteria";
import { Finding, FindingCode, finding, hasErrors } from "../findings/findings";
import { catalogueEntry, ParamsOf } from "../findings/findingCatalogue";
import { AnyLookup, districtsInLookups, isLsoaChanges, lookupVintageClash, Ward } from "../geography/lookups";
import { Geography } from "../geography/geography";
import { buildMatrix, Matrix } from "./matrix";
import { columnCoverage, missingMonthFindings, NoData, PartialColumn } from "../returns/coverage";
import { deriveReturns } from "../returns/derive";
import { dropRepeatsAcross, ParsedReturn, placeReturn, readReturn } from "../returns/returns";
import { fileFinding, InputFile, recogniseSheets } from "../returns/recognise";
export type { InputFile, RecognisedSheet } from "../returns/recognise";
import { editDistance, listNames, nearestNames, normaliseName, plural } from "../read/text";
import type { Population } from "../geography/population";

export interface PipelineOptions {
  criteria: Criteria;
  lookups?: readonly AnyLookup[];
  /** The district to build for; defaults to the criteria's. */
  district?: string;
  /** kind -> field -> header, from --map KIND.FIELD=HEADER. */
  map?: Record<string, Record<string, string>>;
  compiled?: string;
}

export interface CheckedInputs {
  /** Every return read, and those read out of them (police ASB out of a data.police.uk file, marked derivedFrom). */
  returns: ParsedReturn[];
  findings: Finding[];
  geography?: Geography;
  district?: string;
}

export interface ReadInputs {
  returns: ParsedReturn[];
  findings: Finding[];
}

/** Recognises and reads every sheet: the checks that need no geography. Of the criteria, reading needs only the periods each kind is counted over. */
export function readInputs(inputs: readonly InputFile[], options: { periods: ColumnPeriods; map?: PipelineOptions["map"] }): ReadInputs {
  const { sheets, findings } = recogniseSheets(inputs, options.map);
  const returns = dropRepeatsAcross(
    sheets.map(({ sheet, kind, how }) => ({
      ...readReturn(sheet, kind, { map: options.map?.[kind.id], periods: periodsForKind(options.periods, kind) }),
      recognisedBy: how,
    })),
  );
  for (const r of returns) findings.push(...r.findings);
  return { returns, findings };
}

/**
 * Places the returns read in one district's wards. A county-wide run reads once and places the
 * same returns in each district.
 */
export function placeInputs(read: ReadInputs, options: PipelineOptions): CheckedInputs {
  const { criteria } = options;
  const findings = [...read.findings];
  const returns = read.returns;
  const clash = lookupVintageClash(options.lookups ?? []);
  if (clash) {
    findings.push(fileFinding("lookup-vintages", "", "", { clash }, { remedies: [{ action: "give-lookup" }] }));
    return { returns, findings };
  }
  const district = options.district ?? criteria.district?.name ?? inferDistrict(options.lookups);
  if (!district) {
    findings.push(fileFinding("no-district", "", "", {}, { remedies: [{ action: "name-district" }] }));
    return { returns, findings };
  }
  const geography = geographyFor(
    criteria,
    district,
    options.lookups ?? [],
    returns.flatMap((r) => [...r.wardNames]),
  );
  if (geography.wards.length === 0) {
    const near = nearestNames(
      district,
      districtsInLookups(options.lookups ?? []).map((d) => d.name),
    );
    findings.push(
      fileFinding("no-wards", "", "", { district, nearest: near }, { remedies: [{ action: "name-district" }, { action: "give-lookup" }] }),
    );
    return { returns, findings, district };
  }
  if (geography.wardSource === "returns") findings.push(...similarWardFindings(geography));
  const placed = returns.map((r) => placeReturn(r, geography));
  findings.push(...placed.flatMap((r, i) => r.findings.slice(returns[i].findings.length)));
  const all = [...placed, ...placed.flatMap(deriveReturns)];
  for (const kind of new Set(placed.map((r) => r.kind))) {
    const periods = periodsForKind(criteria, kind);
    if (periods)
      findings.push(
        ...missingMonthFindings(
          placed.filter((r) => r.kind === kind),
          periods,
        ),
      );
  }
  for (const col of criteria.columns) {
    if (!all.some((r) => r.kind.id === col.kind.id)) {
      findings.push(
        fileFinding(
          "no-return-for-column",
          "",
          "",
          { kind: col.kind.label, column: col.label, columnId: col.id },
          { remedies: [{ action: "add-return", kind: col.kind.id }] },
        ),
      );
    }
  }
  return { returns: all, findings: summariseAcrossFiles(findings, placed), geography, district: geography.district };
}

/**
 * A district's geography: the criteria's wards and aliases when the criteria are that district's,
 * else the lookups' wards, else (with no lookup) the ward names the returns use.
 */
export function geographyFor(
  criteria: Criteria,
  district: string,
  lookups: readonly AnyLookup[],
  wardsFromReturns: readonly string[] = [],
): Geography {
  const sameDistrict = !!criteria.district && normaliseName(criteria.district.name) === normaliseName(district);
  const wards: Ward[] | undefined = sameDistrict ? criteria.district!.wards : undefined;
  return new Geography({ district, lookups, wards, aliases: sameDistrict ? criteria.district!.aliases : undefined, wardsFromReturns });
}

/**
 * Reads, checks and places every return in the district's wards. This is the validation that
 * both `riskmatrix validate` and `riskmatrix build` run.
 */
export function checkInputs(inputs: readonly InputFile[], options: PipelineOptions): CheckedInputs {
  return placeInputs(readInputs(inputs, { periods: options.criteria, map: options.map }), options);
}

/** Notes that a download repeats in every one of its files (one per month), summed into one line each. */
const SUMMED_ACROSS_FILES = new Set<FindingCode>(["other-district", "excluded-rows", "outside-period"]);

/**
 * A data.police.uk download is dozens of files; "20 rows have no location" once per file would
 * bury what matters. Notes of the same code from several files of one kind become one note.
 */
export function summariseAcrossFiles(findings: readonly Finding[], returns: readonly ParsedReturn[]): Finding[] {
  const kindOf = new Map(returns.map((r) => [`${r.file}\u0001${r.sheet}`, r.kind]));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const kind = kindOf.get(`${f.file}\u0001${f.sheet}`);
    if (!kind || f.severity !== "info" || !SUMMED_ACROSS_FILES.has(f.code) || !f.params) continue;
    const key = `${kind.id}\u0001${f.code}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const replaced = new Map<Finding, Finding | null>();
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    const kind = returns.find((r) => r.kind.id === key.split("\u0001")[0])!.kind;
    const total = list.reduce((n, f) => n + Number(f.params.count ?? 0), 0);
    const first = list[0];
    const params = { ...first.params, count: total, files: list.length, kindLabel: kind.label, firstFile: first.file };
    replaced.set(
      first,
      finding(first.code, { file: "", sheet: "", severity: first.severity, params: params as ParamsOf<typeof first.code> }),
    );
    for (const f of list.slice(1)) replaced.set(f, null);
  }
  if (!replaced.size) return [...findings];
  return findings.flatMap((f) => {
    const r = replaced.get(f);
    return r === undefined ? [f] : r === null ? [] : [r];
  });
}

/**
 * With no lookup and no criteria wards, the wards are whatever the returns name, so a misspelling
 * would become a ward of its own: names a letter or two apart are reported.
 */
function similarWardFindings(geography: Geography): Finding[] {
  const out: Finding[] = [];
  const names = geography.wards.map((w) => w.name);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = normaliseName(names[i]);
      const b = normaliseName(names[j]);
      if (Math.abs(a.length - b.length) <= 2 && editDistance(a, b) <= 2) {
        out.push(
          fileFinding(
            "similar-ward-names",
            "",
            "",
            { a: names[i], b: names[j], district: geography.district },
            { remedies: [{ action: "give-lookup" }] },
          ),
        );
      }
    }
  }
  return out;
}

function inferDistrict(lookups: readonly AnyLookup[] | undefined): string | undefined {
  const names = new Set<string>();
  for (const l of lookups ?? []) if (!isLsoaChanges(l)) for (const e of l.entries) if (e.district) names.add(e.district);
  return names.size === 1 ? [...names][0] : undefined;
}

export interface BuildOptions extends PipelineOptions {
  /** Build from the rows that are fine despite errors: flags the missing part could set are not known. */
  allowPartial?: boolean;
  /** Returns of one column whose periods overlap are meant to be summed. */
  allowOverlap?: boolean;
  /** Columns whose filters match rows in another district of the same run (a district may have none). */
  filtersMatched?: ReadonlySet<string>;
  /** Residents per LSOA, for wards' populations and rates per 1,000. */
  population?: Population;
}

export interface BuildResult extends CheckedInputs {
  matrix?: Matrix;
  /** Columns whose returns cannot support a flag; with a partial build they read "no data". */
  noData: NoData[];
  /** Columns whose returns miss part of their data; with a partial build, flags they cannot rule out are not known. */
  partial: PartialColumn[];
}

/**
 * Checks every input and every column's data, then builds the matrix unless errors were found
 * (or partial building was asked for, when columns without data read "no data", never "no flag").
 */
export function buildFromInputs(inputs: readonly InputFile[], options: BuildOptions): BuildResult {
  return buildFromChecked(checkInputs(inputs, options), options);
}

/** Builds one district's matrix from returns already placed in it. */
export function buildFromChecked(checked: CheckedInputs, options: BuildOptions): BuildResult {
  if (!checked.geography) return { ...checked, noData: [], partial: [] };
  const coverage = columnCoverage(options.criteria, checked.returns, checked.geography, options);
  const findings = [...checked.findings, ...coverage.findings];
  const result = { ...checked, findings, noData: coverage.noData, partial: coverage.partial };
  if (hasErrors(findings) && !options.allowPartial) return result;
  const matrix = buildMatrix({
    criteria: options.criteria,
    geography: checked.geography,
    returns: checked.returns,
    compiled: options.compiled,
    noData: coverage.noData,
    partial: coverage.partial,
    population: options.population,
  });
  matrix.findings = findings;
  matrix.incompleteness = incompletenessOf(matrix, findings, checked.returns);
  if (matrix.incompleteness) matrix.notes.unshift(matrix.incompleteness);
  return { ...result, matrix };
}

/**
 * One sentence for the top of the table when it was built from part of the data: how many rows
 * were left out and why, and how many flags are not known. Undefined for a complete table.
 */
export function incompletenessOf(matrix: Matrix, findings: readonly Finding[], returns: readonly ParsedReturn[]): string | undefined {
  const unknown = matrix.rows.reduce((n, r) => n + r.unknown, 0);
  const leftOut = returns.filter((r) => !r.derivedFrom).reduce((n, r) => n + r.leftOut, 0);
  const errors = findings.filter((f) => f.severity === "error");
  if (!unknown && !leftOut && !errors.length) return undefined;
  const why = [...groupCounts(errors.map((f) => catalogueEntry(f.code).title))].map(([title, n]) => `${n} ${title.toLowerCase()}`);
  const parts = [
    errors.length ? `built despite ${plural(errors.length, "error")} (${listNames(why, 6)})` : "",
    leftOut ? `${plural(leftOut, "row")} of the returns left out` : "",
    unknown ? `${plural(unknown, "flag")} not known, so totals and risk levels may be higher` : "",
  ].filter(Boolean);
  return `INCOMPLETE: ${parts.join("; ")}. See the notes.`;
}

function groupCounts(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
