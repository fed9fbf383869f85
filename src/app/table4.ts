import { builtInCriteria, ColumnPeriods, Criteria } from "../engine/rules/criteria";
import { Outcome } from "../engine/findings/outcome";
import { fieldRoles } from "../engine/returns/returnKinds";
import { MonthNumber } from "../engine/read/dates";
import { AnyLookup, districtsInLookups, isLsoaChanges, isLsoaCode } from "../engine/geography/lookups";
import { Matrix } from "../engine/matrix/matrix";
import { carryForwardNotes, compareMatrices, MatrixComparison, MatrixSnapshot, readMatrixSnapshot } from "../engine/matrix/compare";
import { SheetData } from "../engine/read/cells";
import { sheetRows } from "../engine/read/grid";
import { Finding } from "../engine/findings/findings";
import { BuildResult, buildFromChecked, InputFile, placeInputs, readInputs, ReadInputs } from "../engine/matrix/pipeline";
import { filterMatches } from "../engine/returns/coverage";
import { normaliseName } from "../engine/read/text";
import { CRITERIA_PRESETS, District, findDistrict, standardCriteria, standardPeriods } from "./districtCriteria";
import { failed } from "../engine/findings/outcome";
import type { Population } from "../engine/geography/population";
import { populationAmongInputs } from "./populationFile";

/** What "build Table 4" is asked: the inputs and the choices a front end gathered. */
export interface Table4Request {
  inputs: readonly InputFile[];
  lookups: readonly AnyLookup[];
  /** Criteria the user chose (a file or a preset); without them, the standard ones for each district. */
  criteria?: Criteria;
  /** Districts by name or code; empty means the criteria's district, or the lookup's only one. */
  districts: readonly string[];
  /** Every district the returns and the lookup cover. */
  allDistricts?: boolean;
  /** The last month of every period, for the standard criteria. */
  end?: MonthNumber;
  /** This month, for "Data compiled". */
  today: MonthNumber;
  map?: Record<string, Record<string, string>>;
  compiled?: string;
  allowPartial?: boolean;
  allowOverlap?: boolean;
  /**
   * Earlier Table 4s (last quarter's, last year's): each district is compared with its own, and
   * officers' notes on its wards are carried forward.
   */
  earlier?: readonly MatrixSnapshot[];
  /** What gathering the inputs found (a sheet chosen for a column of another kind); it counts as any finding does. */
  gathered?: readonly Finding[];
  /** Residents per LSOA (IoD File 7, ONS mid-year estimates), for populations and rates per 1,000. */
  population?: Population;
}

export interface DistrictTable4 {
  district: string;
  criteria: Criteria;
  /** The matrix in `result` has the earlier Table 4's notes carried forward. */
  result: BuildResult;
  comparison?: MatrixComparison;
}

/** Not ok when the request cannot be carried out as asked (no criteria for a district, an unknown district). */
export type Table4Outcome = Outcome<{
  tables: DistrictTable4[];
  /** With every district asked for: those whose few rows are strays, not built. */
  districtsLeftOut: DistrictLeftOut[];
}>;

const PRESET_NAME = "south-cambridgeshire-2020";

function presetCriteria(): Criteria {
  return builtInCriteria(CRITERIA_PRESETS[PRESET_NAME], PRESET_NAME);
}

/** A district's share of a kind's rows below which its rows are strays (a neighbouring force's boundary crimes). */
export const STRAY_SHARE = 0.01;

/** A district the returns touch but do not cover, and why. */
export interface DistrictLeftOut {
  district: string;
  rows: number;
  /** Its largest share of any one kind's rows placed in the lookup's districts. */
  share: number;
}

/**
 * The districts a county-wide run covers: those of the lookup that hold at least STRAY_SHARE
 * (1%) of the rows some return kind places in any district. A few rows of a neighbouring
 * district in a force's download do not make a Table 4. National datasets (the IoD) cover
 * every district and do not count.
 */
export function districtsCovered(read: ReadInputs, lookups: readonly AnyLookup[]): { covered: District[]; leftOut: DistrictLeftOut[] } {
  const lsoaDistrict = new Map<string, string>();
  const wardDistricts = new Map<string, Set<string>>();
  for (const l of lookups) {
    if (isLsoaChanges(l)) continue;
    for (const e of l.entries) {
      const d = e.districtCode ?? e.district;
      if (!d) continue;
      if (l.areaType === "lsoa") lsoaDistrict.set(e.area.trim().toUpperCase(), d);
      for (const w of [e.ward, e.wardCode]) {
        if (!w) continue;
        const set = wardDistricts.get(normaliseName(w)) ?? new Set<string>();
        set.add(d);
        wardDistricts.set(normaliseName(w), set);
      }
    }
  }
  // Rows per kind and district, and per kind in all.
  const rows = new Map<string, Map<string, number>>();
  for (const ret of read.returns) {
    if (ret.kind.coverage) continue;
    const { lsoa: lsoaI, ward: wardI } = fieldRoles(ret.kind);
    const byDistrict = rows.get(ret.kind.id) ?? new Map<string, number>();
    rows.set(ret.kind.id, byDistrict);
    const add = (d: string) => byDistrict.set(d, (byDistrict.get(d) ?? 0) + 1);
    for (let i = 0; i < ret.records.length; i++) {
      const lsoa = lsoaI >= 0 ? ret.records.text(i, lsoaI) : undefined;
      if (lsoa && isLsoaCode(lsoa)) {
        const d = lsoaDistrict.get(lsoa);
        if (d) add(d);
        continue;
      }
      const ward = wardI >= 0 ? ret.records.text(i, wardI) : undefined;
      const ds = ward ? wardDistricts.get(normaliseName(ward)) : undefined;
      if (ds && ds.size === 1) add([...ds][0]);
    }
  }
  const kinds = [...rows.values()].map((byDistrict) => ({ byDistrict, total: [...byDistrict.values()].reduce((a, b) => a + b, 0) }));
  const covered: District[] = [];
  const leftOut: DistrictLeftOut[] = [];
  for (const d of districtsInLookups(lookups)) {
    const key = d.code ?? d.name;
    let share = 0;
    let count = 0;
    for (const { byDistrict, total } of kinds) {
      const n = byDistrict.get(key) ?? 0;
      if (!n) continue;
      share = Math.max(share, n / total);
      count += n;
    }
    if (share >= STRAY_SHARE) covered.push(d);
    else if (count) leftOut.push({ district: d.name, rows: count, share });
  }
  return { covered, leftOut };
}

/** The criteria one district is built with, or why there are none. */
function criteriaFor(
  district: District | undefined,
  name: string,
  request: Table4Request,
  preset: Criteria,
): Outcome<{ criteria: Criteria }> {
  if (request.criteria) return { ok: true, criteria: request.criteria };
  const isPresetDistrict =
    normaliseName(name) === normaliseName(preset.district!.name) || (!!district?.code && district.code === preset.district!.code);
  if (request.end === undefined) {
    if (isPresetDistrict) return { ok: true, criteria: preset };
    return failed("no-criteria-for-district", { district: name }, { remedies: [{ action: "give-end" }, { action: "write-criteria" }] });
  }
  const wards = district?.wards ?? (isPresetDistrict ? preset.district!.wards : undefined);
  if (!wards || !wards.length) {
    return failed("district-wards-unknown", { district: name }, { remedies: [{ action: "give-lookup" }] });
  }
  const spec = standardCriteria({
    district: { name: district?.name ?? name, code: district?.code ?? preset.district!.code, wards },
    end: request.end,
    today: request.today,
  });
  return { ok: true, criteria: builtInCriteria(spec, "standard") };
}

/**
 * Builds Table 4 for one district or several from one reading of the returns: each district gets
 * its own criteria (the user's, the preset for its own district, or the standard ones ending at
 * the chosen month) and its own placing of the same rows.
 */
export function buildTable4(request: Table4Request): Table4Outcome {
  const preset = presetCriteria();
  // Every district's criteria share one set of periods (the user's, the preset's, or the standard
  // ones ending at one month), so one reading of the returns serves all of them.
  const read = readInputs(request.inputs, { periods: periodsOf(request, preset), map: request.map });
  const known = districtsInLookups(request.lookups);
  let names = [...request.districts];
  let districtsLeftOut: DistrictLeftOut[] = [];
  if (request.allDistricts) {
    const { covered, leftOut } = districtsCovered(read, request.lookups);
    districtsLeftOut = leftOut;
    if (!covered.length) {
      return failed("no-district-covered", {}, { remedies: [{ action: "give-lookup" }] });
    }
    names = covered.map((d) => d.name);
  }
  if (!names.length)
    names = [request.criteria?.district?.name ?? (known.length === 1 ? known[0].name : undefined) ?? preset.district!.name];
  const plans: { name: string; district?: District; criteria: Criteria }[] = [];
  for (const name of names) {
    // A lookup that names no districts (villages to wards) cannot say a district is unknown.
    const found = known.length ? findDistrict(known, name) : undefined;
    if (found && !found.ok) return found;
    const district = found?.ok ? found.district : undefined;
    const c = criteriaFor(district, district?.name ?? name, request, preset);
    if (!c.ok) return c;
    plans.push({ name: district?.name ?? name, district, criteria: c.criteria });
  }
  const population = request.population ?? populationAmongInputs(request.inputs);
  const placed = plans.map((p) => {
    const options = {
      criteria: p.criteria,
      lookups: request.lookups,
      district: p.name,
      map: request.map,
      compiled: request.compiled,
      allowPartial: request.allowPartial,
      allowOverlap: request.allowOverlap,
      population,
    };
    return { plan: p, options, checked: placeInputs(read, options) };
  });
  // A filter that matches rows of some district is no typo, though one district may have none.
  const filtersMatched = new Set(
    placed.flatMap(({ plan, checked }) =>
      plan.criteria.columns.filter((c) => c.filter.length && filterMatches(c, checked.returns)).map((c) => c.id),
    ),
  );
  const tables = placed.map(({ plan, options, checked }) => {
    const gathered = { ...checked, findings: [...(request.gathered ?? []), ...checked.findings] };
    const table = { district: plan.name, criteria: plan.criteria, result: buildFromChecked(gathered, { ...options, filtersMatched }) };
    return withEarlier(table, earlierFor(plan.name, placed.length, request.earlier));
  });
  return { ok: true, tables, districtsLeftOut };
}

/**
 * The earlier Table 4 a district is compared with: the only one given for a single district, or
 * the one on a sheet named after the district (as a county workbook names them).
 */
function earlierFor(district: string, districts: number, earlier: readonly MatrixSnapshot[] = []): MatrixSnapshot | undefined {
  return earlier.find((s) => normaliseName(s.sheet) === normaliseName(district)) ?? (districts === 1 ? earlier[0] : undefined);
}

/** The Table 4s a workbook of an earlier quarter holds (one, or a county workbook's one per district), or why it holds none. */
export function earlierTable4s(file: string, sheets: readonly SheetData[]): Outcome<{ earlier: MatrixSnapshot[] }> {
  // A Table 4 is a few hundred rows: a CSV of one is made into rows to be searched.
  const earlier = sheets.flatMap((s) => readMatrixSnapshot(s.sheet, sheetRows(s)) ?? []);
  if (earlier.length) return { ok: true, earlier };
  return failed("no-table4", { file });
}

/** For each district compared, the districts whose earlier Table 4 was not found. */
export function districtsNotCompared(tables: readonly DistrictTable4[]): string[] {
  return tables.filter((t) => t.result.matrix && !t.comparison).map((t) => t.district);
}

function withEarlier(table: DistrictTable4, before: MatrixSnapshot | undefined): DistrictTable4 {
  const built = table.result.matrix;
  if (!built || !before) return table;
  const matrix = carryForwardNotes(built, before);
  return { ...table, result: { ...table.result, matrix }, comparison: compareMatrices(before, matrix) };
}

/** The periods every district of the request will count: the user's criteria's, the preset's, or the standard columns' ending at one month. */
function periodsOf(request: Table4Request, preset: Criteria): ColumnPeriods {
  if (request.criteria) return request.criteria;
  if (request.end === undefined) return preset;
  return standardPeriods(request.end);
}

/**
 * The criteria a return is checked against: the user's; South Cambridgeshire's preset for that
 * district; else the standard columns, with periods ending at `end` when given and none
 * otherwise (a partner checking this year's return is not held to another district's periods).
 */
export function criteriaForCheck(options: {
  criteria?: Criteria;
  district?: string;
  lookups: readonly AnyLookup[];
  end?: MonthNumber;
  today: MonthNumber;
}): Criteria {
  if (options.criteria) return options.criteria;
  const preset = presetCriteria();
  const name = options.district ?? onlyDistrict(options.lookups);
  if (!name || normaliseName(name) === normaliseName(preset.district!.name)) {
    if (options.end === undefined) return preset;
  }
  const known = districtsInLookups(options.lookups);
  const found = name && known.length ? findDistrict(known, name) : undefined;
  const district: District = found?.ok ? found.district : { name: name ?? preset.district!.name, wards: [] };
  const spec = standardCriteria({ district, end: options.end ?? options.today, today: options.today });
  if (options.end === undefined) for (const c of spec.columns) delete c.period;
  return builtInCriteria(spec, "standard");
}

function onlyDistrict(lookups: readonly AnyLookup[]): string | undefined {
  const ds = districtsInLookups(lookups);
  return ds.length === 1 ? ds[0].name : undefined;
}

/** A ward of the county summary: High, or High for all the data can tell. */
export interface HighWard {
  district: string;
  ward: string;
  total: number;
  /** Flags not known: the ward is High only if enough of them are flags. */
  unknown: number;
  risk: string;
  flags: string[];
}

/** Every ward of every district that is High, or could be, for the county summary sheet. */
export function highWards(matrices: readonly Matrix[]): HighWard[] {
  const out: HighWard[] = [];
  for (const m of matrices) {
    const high = m.riskKey[m.riskKey.length - 1]?.label;
    for (const r of m.rows) {
      if (r.riskTo !== high) continue;
      out.push({
        district: m.district,
        ward: r.ward,
        total: r.total,
        unknown: r.unknown,
        risk: r.risk,
        flags: m.columns.filter((c) => r.flags[c.id]).map((c) => c.label),
      });
    }
  }
  return out;
}
