import { SheetData } from "./cells";
import { Criteria, periodsForKind } from "./criteria";
import { Finding, hasErrors } from "./findings";
import { Geography, Lookup, Ward } from "./geography";
import { recogniseKind } from "./headers";
import { buildMatrix, Matrix } from "./matrix";
import { coverageFindings, ParsedReturn, readReturn, resolveGeography } from "./returns";
import { returnKind, RETURN_KINDS, ReturnKind } from "./returnKinds";
import { editDistance, listNames, normaliseName } from "./text";

/** One input file: its sheets, and the kind the user named for it (KIND=FILE), if any. */
export interface InputFile {
  file: string;
  kind?: string;
  sheets: SheetData[];
}

export interface PipelineOptions {
  criteria: Criteria;
  lookups?: readonly Lookup[];
  /** The district to build for; defaults to the criteria's. */
  district?: string;
  /** kind -> field -> header, from --map KIND.FIELD=HEADER. */
  map?: Record<string, Record<string, string>>;
  compiled?: string;
}

export interface CheckedInputs {
  returns: ParsedReturn[];
  findings: Finding[];
  geography?: Geography;
  district?: string;
}

function fileFinding(file: string, sheet: string, severity: Finding["severity"], code: string, message: string, fix: string): Finding {
  return { severity, code, file, sheet, cell: "", message, fix };
}

/** Decides each sheet's kind: the one the user named, or the one its headers show. */
export function recogniseSheets(inputs: readonly InputFile[]): { sheets: { sheet: SheetData; kind: ReturnKind }[]; findings: Finding[] } {
  const sheets: { sheet: SheetData; kind: ReturnKind }[] = [];
  const findings: Finding[] = [];
  for (const input of inputs) {
    if (input.kind) {
      const kind = returnKind(input.kind);
      if (!kind) {
        findings.push(fileFinding(input.file, "", "error", "unknown-kind", `"${input.kind}" is not a kind of return.`, `Use one of: ${RETURN_KINDS.map((k) => k.id).join(", ")}.`));
        continue;
      }
      const nonEmpty = input.sheets.filter((s) => s.rows.some((r) => r && r.length));
      const candidates = nonEmpty.length > 1 ? nonEmpty.filter((s) => recogniseKind(s, [kind]).status === "recognised") : nonEmpty;
      for (const sheet of candidates.length ? candidates : nonEmpty.slice(0, 1)) sheets.push({ sheet, kind });
      continue;
    }
    let found = 0;
    const skipped: string[] = [];
    const partial: { sheet: string; kind: ReturnKind }[] = [];
    for (const sheet of input.sheets) {
      if (!sheet.rows.some((r) => r && r.some((c) => c !== null && c !== undefined && c !== ""))) continue;
      const r = recogniseKind(sheet);
      if (r.status === "recognised") {
        sheets.push({ sheet, kind: r.guess.kind });
        found++;
      } else if (r.status === "ambiguous") {
        found++;
        const names = r.candidates.map((c) => c.kind.id);
        findings.push(fileFinding(input.file, sheet.sheet, "error", "ambiguous-kind",
          `The headers of ${sheet.sheet} fit more than one kind of return: ${listNames(names)}.`,
          `Say which it is: ${names[0]}=${input.file}.`));
      } else {
        skipped.push(sheet.sheet);
        // A sheet naming two or more of a kind's columns was probably meant as a return; notes are not.
        if (r.best && r.best.match.columns.size >= 2) partial.push({ sheet: sheet.sheet, kind: r.best.kind });
      }
    }
    if (found === 0 && partial.length === 0) {
      findings.push(fileFinding(input.file, skipped[0] ?? "", "error", "unrecognised-return",
        `No sheet of ${input.file} has the headers of a return (${RETURN_KINDS.map((k) => k.id).join(", ")}).`,
        `Name the kind (e.g. fires=${input.file}) and map headers with --map KIND.FIELD=HEADER, or start from a template (riskmatrix template KIND).`));
    }
    for (const p of partial) {
      const missing = p.kind.fields.filter((f) => f.required).map((f) => f.header);
      findings.push(fileFinding(input.file, p.sheet, found === 0 ? "error" : "warning", "sheet-not-read",
        `Sheet ${p.sheet} has some columns of a ${p.kind.label} return but not all it needs (${missing.join(", ")}${p.kind.oneOf ? `, and one of ${p.kind.oneOf.map((g) => g.join("/")).join("; ")}` : ""}), so it was not read.`,
        `Name its kind (${p.kind.id}=${input.file}) to see exactly what is missing, or fix its headers.`));
    }
  }
  return { sheets, findings };
}

/**
 * Reads, checks and places every return in the district's wards. This is the validation that
 * both `riskmatrix validate` and `riskmatrix build` run.
 */
export function checkInputs(inputs: readonly InputFile[], options: PipelineOptions): CheckedInputs {
  const { criteria } = options;
  const { sheets, findings } = recogniseSheets(inputs);
  const returns = sheets.map(({ sheet, kind }) =>
    readReturn(sheet, kind, { map: options.map?.[kind.id], periods: periodsForKind(criteria, kind.id) }));
  for (const r of returns) findings.push(...r.findings);
  const district = options.district ?? criteria.district?.name ?? inferDistrict(options.lookups);
  if (!district) {
    findings.push(fileFinding("", "", "error", "no-district", "No district was named, and the criteria name none.", "Give --district NAME (e.g. --district \"South Cambridgeshire\")."));
    return { returns, findings };
  }
  const sameDistrict = criteria.district && normaliseName(criteria.district.name) === normaliseName(district);
  const wards: Ward[] | undefined = sameDistrict ? criteria.district!.wards : undefined;
  const geography = new Geography({
    district,
    lookups: options.lookups,
    wards,
    aliases: sameDistrict ? criteria.district!.aliases : undefined,
    wardsFromReturns: returns.flatMap((r) => [...r.wardNames]),
  });
  if (geography.wards.length === 0) {
    findings.push(fileFinding("", "", "error", "no-wards",
      `No wards of ${district} are known: the lookups list none for it and no return names any.`,
      "Check the district's name (as the lookup writes it, e.g. \"South Cambridgeshire\"), or give a lookup with --lookup."));
    return { returns, findings, district };
  }
  if (geography.wardSource === "returns") findings.push(...similarWardFindings(geography));
  for (const r of returns) {
    const before = r.findings.length;
    resolveGeography(r, geography);
    findings.push(...r.findings.slice(before));
    const periods = periodsForKind(criteria, r.kind.id);
    if (periods) {
      const cov = coverageFindings(r, periods);
      r.findings.push(...cov);
      findings.push(...cov);
    }
  }
  for (const col of criteria.columns) {
    if (!returns.some((r) => r.kind.id === col.kind.id)) {
      findings.push(fileFinding("", "", "error", "no-return-for-column",
        `No ${col.kind.label} return was given, so the "${col.label}" column cannot be computed.`,
        `Add the ${col.kind.id} return (e.g. ${col.kind.id}=FILE.xlsx), or remove the column from the criteria.`));
    }
  }
  return { returns, findings, geography, district };
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
        out.push(fileFinding("", "", "warning", "similar-ward-names",
          `"${names[i]}" and "${names[j]}" are both counted as wards of ${geography.district}, but their names differ by a letter or two.`,
          "If they are one ward, correct the spelling in the return, list the wards in the criteria file, or give a lookup with --lookup."));
      }
    }
  }
  return out;
}

function inferDistrict(lookups: readonly Lookup[] | undefined): string | undefined {
  const names = new Set<string>();
  for (const l of lookups ?? []) for (const e of l.entries) if (e.district) names.add(e.district);
  return names.size === 1 ? [...names][0] : undefined;
}

export interface BuildResult extends CheckedInputs {
  matrix?: Matrix;
}

/** Checks every input, then builds the matrix unless errors were found (or partial building was asked for). */
export function buildFromInputs(inputs: readonly InputFile[], options: PipelineOptions & { allowPartial?: boolean }): BuildResult {
  const checked = checkInputs(inputs, options);
  if (!checked.geography) return checked;
  if (hasErrors(checked.findings) && !options.allowPartial) return checked;
  const matrix = buildMatrix({ criteria: options.criteria, geography: checked.geography, returns: checked.returns, compiled: options.compiled });
  matrix.findings = checked.findings;
  return { ...checked, matrix };
}
