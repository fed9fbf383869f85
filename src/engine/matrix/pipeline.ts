import { FNV_OFFSET, FNV_PRIME, hashText } from "../read/hash";
import { cellText, SheetData } from "../read/cells";
import { ColumnPeriods, Criteria, periodsForKind } from "../rules/criteria";
import { Finding, FindingCode, finding, FindingInput, hasErrors } from "../findings/findings";
import { catalogueEntry, ParamsOf } from "../findings/findingCatalogue";
import { AnyLookup, districtsInLookups, isLsoaChanges, lookupVintageClash, Ward } from "../geography/lookups";
import { Geography } from "../geography/geography";
import { findRow, gridOf, headRows, rowCountOf } from "../read/grid";
import { HEADER_SEARCH_ROWS, rankKinds, recogniseKind } from "../returns/headers";
import { buildMatrix, Matrix } from "./matrix";
import { columnCoverage, missingMonthFindings, NoData, PartialColumn } from "../returns/coverage";
import { deriveReturns } from "../returns/derive";
import { dropRepeatsAcross, ParsedReturn, placeReturn, readReturn } from "../returns/returns";
import { KNOWN_OTHER_FILES, returnKind, RETURN_KINDS, ReturnKind } from "../returns/returnKinds";
import { editDistance, listNames, nearestNames, normaliseName, plural } from "../read/text";

/** One input file: its sheets, and the kind the user named for it (KIND=FILE), if any. */
export interface InputFile {
  file: string;
  kind?: string;
  sheets: SheetData[];
  /** Found in a folder but not read, and why: it is named in the findings, never passed over. */
  skipped?: string;
}

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

/** A finding about a whole file, sheet or run rather than a cell. */
function fileFinding<C extends FindingCode>(
  code: C,
  file: string,
  sheet: string,
  params: ParamsOf<C>,
  extras: Pick<FindingInput<C>, "severity" | "remedies"> = {},
): Finding {
  return finding(code, { file, sheet, params, ...extras });
}

/** A sheet, its kind, and what said so ("its "Cause" column", "its kind named by the user"). */
export interface RecognisedSheet {
  sheet: SheetData;
  kind: ReturnKind;
  how: string;
}

/** Decides each sheet's kind: the one the user named, or the one its headers show. */
export function recogniseSheets(
  inputs: readonly InputFile[],
  map: PipelineOptions["map"] = {},
): { sheets: RecognisedSheet[]; findings: Finding[] } {
  const sheets: RecognisedSheet[] = [];
  const findings: Finding[] = [];
  const otherFiles = new Map<string, { label: string; why: string; files: string[] }>();
  for (const input of inputs) {
    if (input.skipped !== undefined) {
      findings.push(fileFinding("file-skipped", input.file, "", { file: input.file, why: input.skipped }));
      continue;
    }
    if (input.kind) {
      const kind = returnKind(input.kind);
      if (!kind) {
        findings.push(fileFinding("unknown-kind", input.file, "", { kind: input.kind, kinds: RETURN_KINDS.map((k) => k.id) }));
        continue;
      }
      const nonEmpty = input.sheets.filter((s) => findRow(s, (r) => r.length > 0));
      // Named, the kind needs no identifying column: a sheet that has every column it needs is one.
      const candidates = nonEmpty.length > 1 ? nonEmpty.filter((s) => rankKinds(s, [kind])[0].fits) : nonEmpty;
      for (const sheet of candidates.length ? candidates : nonEmpty.slice(0, 1))
        sheets.push({ sheet, kind, how: "its kind named by the user" });
      continue;
    }
    let found = 0;
    const skipped: string[] = [];
    const partial: { sheet: string; kind: ReturnKind }[] = [];
    for (const sheet of input.sheets) {
      if (!findRow(sheet, (r) => r.some((c) => c !== null && c !== undefined && c !== ""))) continue;
      const other = knownOtherFile(sheet);
      if (other) {
        found++;
        const o = otherFiles.get(other.id) ?? { label: other.label, why: other.why, files: [] };
        o.files.push(input.file);
        otherFiles.set(other.id, o);
        continue;
      }
      const mapped = kindsMappedIn(sheet, map);
      if (mapped.length === 1) {
        sheets.push({ sheet, kind: mapped[0], how: "a column the user mapped" });
        found++;
        continue;
      }
      const r = recogniseKind(sheet);
      if (r.status === "recognised") {
        sheets.push({ sheet, kind: r.guess.kind, how: r.guess.identifiedBy! });
        found++;
      } else if (r.status === "ambiguous") {
        found++;
        const names = r.candidates.map((c) => c.kind.id);
        findings.push(
          fileFinding(
            "ambiguous-kind",
            input.file,
            sheet.sheet,
            {
              sheet: sheet.sheet,
              unidentified: !!r.unidentified,
              candidates: r.unidentified ? r.candidates.map((c) => c.kind.label) : names,
              nearKinds: (r.near ?? []).map((n) => n.guess.kind.label),
              nearHeaders: (r.near ?? []).map((n) => n.missing[0].header),
              choices: [...names, ...(r.near ?? []).map((n) => n.guess.kind.id)],
            },
            {
              remedies: [
                { action: "name-kind", kind: names[0], file: input.file },
                ...(r.near ?? []).map((n) => ({ action: "map-field" as const, kind: n.guess.kind.id, field: n.missing[0].id })),
                ...(r.near?.length ? [] : [{ action: "map-field" as const, kind: names[0] }]),
              ],
            },
          ),
        );
      } else {
        skipped.push(sheet.sheet);
        // A sheet naming two or more of a kind's columns was probably meant as a return; notes are not.
        if (r.best && r.best.match.columns.size >= 2) partial.push({ sheet: sheet.sheet, kind: r.best.kind });
      }
    }
    if (found === 0 && partial.length === 0) {
      findings.push(
        fileFinding(
          "unrecognised-return",
          input.file,
          skipped[0] ?? "",
          { file: input.file, kinds: RETURN_KINDS.map((k) => k.id) },
          {
            remedies: [
              { action: "name-kind", kind: "fires", file: input.file },
              { action: "map-field", kind: "KIND" },
              { action: "use-template" },
            ],
          },
        ),
      );
    }
    for (const p of partial) {
      const missing = p.kind.fields.filter((f) => f.required).map((f) => f.header);
      findings.push(
        fileFinding(
          "sheet-not-read",
          input.file,
          p.sheet,
          { sheet: p.sheet, kind: p.kind.label, missing, oneOf: (p.kind.oneOf ?? []).map((g) => g.join("/")) },
          { severity: found === 0 ? "error" : "warning", remedies: [{ action: "name-kind", kind: p.kind.id, file: input.file }] },
        ),
      );
    }
  }
  findings.push(...dropRepeatedSheets(sheets));
  for (const o of otherFiles.values()) {
    findings.push(fileFinding("file-not-used", o.files.length === 1 ? o.files[0] : "", "", { files: o.files, label: o.label, why: o.why }));
  }
  return { sheets, findings };
}

const fingerprints = new WeakMap<SheetData, number>();

/** A hash of a sheet's cells as the checks read them: sheets that differ almost always differ in it, so most pairs are never compared cell by cell. */
function fingerprint(sheet: SheetData): number {
  let h = fingerprints.get(sheet);
  if (h !== undefined) return h;
  const grid = gridOf(sheet);
  h = FNV_OFFSET;
  for (let r = 0; r < grid.length; r++) {
    const width = grid.width(r);
    if (!width) continue;
    h = Math.imul(h ^ r, FNV_PRIME);
    for (let c = 0; c < width; c++) {
      const t = cellText(grid.cell(r, c));
      if (t) h = Math.imul(h ^ c ^ hashText(t), FNV_PRIME);
    }
  }
  fingerprints.set(sheet, h);
  return h;
}

/** Whether two sheets hold the same cells, compared as the checks read them. */
function sameCells(a: SheetData, b: SheetData): boolean {
  if (fingerprint(a) !== fingerprint(b)) return false;
  const ga = gridOf(a);
  const gb = gridOf(b);
  if (ga.length !== gb.length) return false;
  for (let r = 0; r < ga.length; r++) {
    const width = Math.max(ga.width(r), gb.width(r));
    for (let c = 0; c < width; c++) if (cellText(ga.cell(r, c)) !== cellText(gb.cell(r, c))) return false;
  }
  return true;
}

/**
 * Sheets of one kind that hold exactly the same cells (a file and its browser re-download
 * "fires (1).csv", a sheet copied as "Fires (2)", one file named twice) are read once, and each
 * repeat is named: summed, every row would count twice.
 */
function dropRepeatedSheets(sheets: RecognisedSheet[]): Finding[] {
  const findings: Finding[] = [];
  const kept: RecognisedSheet[] = [];
  for (const s of sheets) {
    const length = rowCountOf(s.sheet);
    const same = kept.find(
      (k) => k.kind === s.kind && rowCountOf(k.sheet) === length && (k.sheet === s.sheet || sameCells(k.sheet, s.sheet)),
    );
    if (!same) {
      kept.push(s);
      continue;
    }
    findings.push(
      fileFinding("repeated-input", s.sheet.file, s.sheet.sheet, { sheet: describeSheet(s.sheet), same: describeSheet(same.sheet) }),
    );
  }
  sheets.splice(0, sheets.length, ...kept);
  return findings;
}

function describeSheet(s: SheetData): string {
  return s.file.toLowerCase().endsWith(".csv") ? s.file : `${s.file} [${s.sheet}]`;
}

/**
 * The kinds whose --map KIND.FIELD=HEADER names headers that this sheet has: mapping a column of
 * a kind says the sheet is that kind.
 */
function kindsMappedIn(sheet: SheetData, map: NonNullable<PipelineOptions["map"]>): ReturnKind[] {
  const kinds = Object.keys(map).filter((k) => Object.keys(map[k]).length);
  if (!kinds.length) return [];
  const headers = new Set<string>();
  for (const row of headRows(sheet, HEADER_SEARCH_ROWS)) for (const c of row) if (typeof c === "string") headers.add(normaliseName(c));
  return kinds
    .filter((k) => Object.values(map[k]).every((h) => headers.has(normaliseName(h))))
    .map((k) => returnKind(k))
    .filter((k): k is ReturnKind => !!k);
}

/** A file that comes with a download but is not a return (data.police.uk outcomes...), by its first row. */
function knownOtherFile(sheet: SheetData) {
  const first = findRow(sheet, (r) => r.some((c) => typeof c === "string" && c.trim()));
  if (!first) return undefined;
  const headers = new Set(first.map((c) => normaliseName(typeof c === "string" ? c : "")));
  return KNOWN_OTHER_FILES.find((o) => o.headers.every((h) => headers.has(normaliseName(h))));
}

/** Every return read and checked on its own, before it is placed in any district. */
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
