import * as fs from "fs";
import * as path from "path";
import type { Criteria } from "../engine/rules/criteria";
import { criteriaFromText, defaultCriteria, presetNamed } from "../app/districtCriteria";
import type { Finding } from "../engine/findings/findings";
import {
  comparisonRows,
  comparisonText,
  countBySeverity,
  hasErrors,
  imdProfileText,
  listNames,
  matrixText,
  plural,
  sortFindings,
} from "../app/present";
import type { AnyLookup } from "../engine/geography/lookups";
import { districtsInLookups, lookupsFromSheets } from "../app/lookups";
import type { InputFile } from "../engine/matrix/pipeline";
import { headerMapFrom, returnKind, RETURN_KINDS, type HeaderMap } from "../app/kinds";
import { expandInputs, FILE_LIMITS, ReadBudget, readInputFiles, readSheets, whyUnreadable } from "../io/readFiles";
import { RUN_LIMITS } from "../common/readBudget";
import { checkOutput } from "../io/outputPath";
import { writeAtomically } from "../io/saveWorkbook";
import { InputError, UsageError } from "../common/errors";
import { writeTemplate } from "../io/writeTemplate";
import { writeCountyWorkbook, writeTable4 } from "../io/writeTable4";
import type { ParsedArgs } from "./args";
import { parseArgs, single, singleLine } from "./args";
import { CRITERIA_PRESETS, findDistrict, lastWholeMonth, monthOfDate, parseEndMonth, standardCriteria } from "../app/districtCriteria";
import type { DistrictLeftOut } from "../app/table4";
import { STRAY_SHARE, buildTable4, criteriaForCheck, districtsNotCompared, earlierTable4s, highWards } from "../app/table4";
import type { MatrixSnapshot } from "../engine/matrix/compare";
import { imdProfileFor } from "../app/profileImd";
import { checkReturns } from "../app/checkReturns";
import { harmFor } from "../app/weighHarm";
import { templatePlan } from "../app/templatePlan";
import { checkReport, groupBy, harmReportJson, imdProfileReport, reportedFinding, table4Report } from "../app/reports";
import { failureForCli, fixForCli } from "./cliRemedies";
import { problem } from "../app/problems";

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Control characters from a return never reach the terminal as commands, and invisible or
 * direction-changing ones (zero-width, right-to-left overrides) never hide or reorder what it
 * shows: they are shown as escapes (valid in JSON too).
 */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const line = (t: string) => terminalSafe(t.endsWith("\n") ? t : `${t}\n`);
const consoleOutput: Output = {
  out: (t) => process.stdout.write(line(t)),
  err: (t) => process.stderr.write(line(t)),
};

/** The package's version, read once from package.json beside the built files. */
const VERSION: string = (() => {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
})();

const COMMAND_USAGE: Record<string, string> = {
  build: `riskmatrix build [KIND=]FILE... [--lookup FILE]... [--criteria FILE|PRESET] [--end YYYY-MM]
                 [--district NAME]... [--all-districts] [--out FILE.xlsx [--replace]] [--json]
                 [--map KIND.FIELD=HEADER]... [--allow-partial] [--allow-overlap] [--compiled TEXT] [--marking TEXT]
                 [--compare EARLIER.xlsx]
  Builds Table 4 from the returns; with --out, writes it as an .xlsx workbook (never over an input,
  and over an existing file only with --replace). With --compare, lists each ward's flags gained and
  lost since an earlier Table 4 and carries its officers' notes forward.`,
  validate: `riskmatrix validate [KIND=]FILE... [--lookup FILE]... [--criteria FILE] [--district NAME] [--end YYYY-MM]
                    [--json] [--map KIND.FIELD=HEADER]... [--allow-overlap]
  Checks returns and lists every finding with the cell and what to do.`,
  "imd-profile": `riskmatrix imd-profile --imd FILE --lookup FILE --district NAME [--json]
  The district's LSOAs by deprivation decile, from the English Indices of Deprivation.`,
  harm: `riskmatrix harm FILE [--population N] [--weights FILE] [--json]
  Harm-weighted crime (Cambridge Crime Harm Index) from Offence and Count columns.`,
  template: `riskmatrix template KIND [--district NAME] [--lookup FILE]... [--criteria FILE] [--end YYYY-MM] --out FILE.xlsx [--replace]
  A blank return for partners to fill in, with drop-downs and checks.`,
  criteria: `riskmatrix criteria --district NAME --lookup FILE [--end YYYY-MM] [--out FILE.json [--replace]]
riskmatrix criteria [--preset NAME] [--out FILE.json [--replace]]
  Criteria for any district (or a named preset) as JSON, to edit.`,
  kinds: `riskmatrix kinds
  The kinds of return and their columns.`,
};

/** The usage of one command, or of them all. */
export function usageOf(command: string | undefined): string {
  const one = command ? COMMAND_USAGE[command] : undefined;
  return one
    ? `Usage:\n  ${one.replace(/\n/g, "\n  ")}\n\nExit status: 0 success, 1 the inputs have errors (all are listed), 2 bad usage.`
    : USAGE;
}

/** Each command's synopsis: its usage without the line that describes it, one source for --help and the README. */
export function synopses(): string {
  return Object.values(COMMAND_USAGE)
    .map((u) =>
      u
        .split("\n")
        .filter((l) => !/^  \S/.test(l))
        .join("\n"),
    )
    .join("\n");
}

const count = (n: number) => n.toLocaleString("en-GB");

export const USAGE = `riskmatrix: ward risk flags (Table 4) from partner returns

Usage:
  ${synopses().replace(/\n/g, "\n  ")}

A FILE is .xlsx (every sheet is read), .csv or a .zip of them; a folder stands for the files in it
and its sub-folders (a data.police.uk download as it comes).
Without --criteria, South Cambridgeshire uses its January 2020 criteria; any district uses the
standard criteria with periods ending at --end.
KIND is one of: ${RETURN_KINDS.map((k) => k.id).join(", ")}.
Limits in one run: ${count(RUN_LIMITS.files)} files, ${RUN_LIMITS.inflatedBytes / 1024 ** 3} GB unzipped, ${count(RUN_LIMITS.rows)} rows and ${count(RUN_LIMITS.cells)} cells;
a CSV of up to ${FILE_LIMITS.csvBytes / 1024 ** 3} GB of text, rows of up to ${count(FILE_LIMITS.fieldsPerRow)} fields; an .xlsx of up to ${FILE_LIMITS.xlsxFileBytes / 1024 ** 3} GB on disk.
Exit status: 0 success, 1 the inputs have errors (all are listed), 2 bad usage,
70 an unexpected internal problem (please report it).
riskmatrix COMMAND --help shows one command's usage; riskmatrix --version its version.`;

function loadCriteria(file: string | undefined): Criteria {
  if (!file) return defaultCriteria();
  const preset = presetNamed(file);
  if (preset && !fs.existsSync(file)) return preset;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(problem("criteria-unreadable", { file, why: whyUnreadable(e), presets: Object.keys(CRITERIA_PRESETS) }));
  }
  const read = criteriaFromText(text, file);
  if (!read.ok) throw new InputError(read);
  return read.criteria;
}

async function loadLookups(files: readonly string[], budget: ReadBudget): Promise<AnyLookup[]> {
  const lookups: AnyLookup[] = [];
  for (const file of files) {
    const read = lookupsFromSheets(file, await readSheets(file, budget));
    if (!read.ok) throw new InputError(read);
    lookups.push(...read.lookups);
  }
  return lookups;
}

function parseMaps(values: readonly string[]): HeaderMap {
  const read = headerMapFrom(values);
  if (!read.ok) throw new UsageError(`--map ${read.message}`);
  return read.map;
}

async function loadEarlier(file: string, budget: ReadBudget): Promise<MatrixSnapshot[]> {
  const read = earlierTable4s(file, await readSheets(file, budget));
  if (!read.ok) throw new InputError(read);
  return read.earlier;
}

async function loadInputs(positionals: readonly string[], budget: ReadBudget): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const p of positionals) {
    const m = /^([a-z][a-z-]*)=(.+)$/.exec(p);
    let kind: string | undefined;
    let target = p;
    if (m && !fs.existsSync(p)) {
      if (!returnKind(m[1]))
        throw new UsageError(`"${m[1]}=" names no kind of return; use one of ${RETURN_KINDS.map((k) => k.id).join(", ")}.`);
      kind = m[1];
      target = m[2];
    }
    const files = await readInputFiles(target, budget);
    const skipped = files.filter((f) => f.skipped !== undefined);
    if (files.length === skipped.length)
      throw new InputError(
        problem("no-returns-in-folder", { target, notRead: skipped.map((f) => `${path.basename(f.file)}, ${f.skipped}`) }),
      );
    for (const f of files) inputs.push({ ...f, kind });
  }
  return inputs;
}

const SHOWN_PER_CODE = 5;

/** Findings grouped by file and sheet, errors first; long runs of one warning or note are counted, not listed. */
export function formatFindings(findings: readonly Finding[]): string {
  const lines: string[] = [];
  const groups = groupBy(findings, (f) =>
    f.file ? `${f.file}${f.sheet && !f.file.toLowerCase().endsWith(".csv") ? ` [${f.sheet}]` : ""}` : "General",
  );
  for (const [where, list] of groups) {
    lines.push(where);
    const shown = new Map<string, number>();
    const hidden = new Map<string, { n: number; severity: string }>();
    for (const f of sortFindings(list)) {
      const n = shown.get(f.code) ?? 0;
      // Every error is listed; repeats of a warning or note are counted past the first few.
      if (n >= SHOWN_PER_CODE && f.severity !== "error") {
        const h = hidden.get(f.code) ?? { n: 0, severity: f.severity };
        h.n++;
        hidden.set(f.code, h);
        continue;
      }
      shown.set(f.code, n + 1);
      lines.push(`  ${f.severity.toUpperCase()} ${f.code}${f.cell ? ` at ${f.cell}` : ""}: ${f.message}`);
      lines.push(`    Fix: ${fixForCli(f)}`);
    }
    for (const [code, h] of hidden) lines.push(`  ... and ${plural(h.n, `more ${code} ${h.severity}`)} (use --json for the full list)`);
  }
  return lines.join("\n");
}

function summaryLine(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return `${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${plural(c.info, "note")}`;
}

function endMonth(args: ParsedArgs): number | undefined {
  const text = single(args, "end");
  if (text === undefined) return undefined;
  const m = parseEndMonth(text);
  if (m === undefined) throw new UsageError(`--end ${text}: give the last month of the data as YYYY-MM, e.g. --end 2025-09.`);
  return m;
}

const thisMonth = () => monthOfDate(new Date());

/** Every file a command reads: the returns (a folder's files, a kind's target), lookups and the criteria file. */
function filesRead(args: ParsedArgs, criteriaArg: string | undefined): string[] {
  const compared = args.options.get("compare") ?? [];
  const targets = args.positionals.map((p) => {
    const m = /^([a-z][a-z-]*)=(.+)$/.exec(p);
    return m && !fs.existsSync(p) ? m[2] : p;
  });
  let returns: string[] = [];
  try {
    returns = expandInputs(targets);
  } catch {
    // A folder that cannot be listed is reported when it is read.
  }
  return [...targets, ...returns, ...(args.options.get("lookup") ?? []), ...(criteriaArg ? [criteriaArg] : []), ...compared];
}

async function runBuild(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(
    argv,
    ["lookup", "criteria", "district", "out", "map", "compiled", "marking", "end", "compare"],
    ["json", "allow-partial", "allow-overlap", "all-districts", "replace"],
  );
  const criteriaArg = single(args, "criteria");
  const out = single(args, "out");
  if (out !== undefined) checkOutput(out, "--out", [".xlsx"], filesRead(args, criteriaArg), args.flags.has("replace"));
  const marking = singleLine(args, "marking");
  const compiled = singleLine(args, "compiled");
  const criteria = criteriaArg ? loadCriteria(criteriaArg) : undefined;
  const lookups = await loadLookups(args.options.get("lookup") ?? [], budget);
  const map = parseMaps(args.options.get("map") ?? []);
  if (args.positionals.length === 0) throw new UsageError("Name at least one return file (or a folder of them).");
  const districts = args.options.get("district") ?? [];
  const allDistricts = args.flags.has("all-districts");
  if (allDistricts && districts.length) throw new UsageError("Give --district NAME... or --all-districts, not both.");
  if (allDistricts && !lookups.length)
    throw new UsageError("--all-districts needs the ONS LSOA-to-ward lookup (--lookup FILE) to know the districts.");
  const end = endMonth(args);
  const compare = single(args, "compare");
  const earlier = compare ? await loadEarlier(compare, budget) : undefined;
  const inputs = await loadInputs(args.positionals, budget);
  const outcome = buildTable4({
    inputs,
    lookups,
    criteria,
    districts,
    allDistricts,
    end,
    today: thisMonth(),
    map,
    compiled,
    allowPartial: args.flags.has("allow-partial"),
    allowOverlap: args.flags.has("allow-overlap"),
    earlier,
  });
  if (!outcome.ok) throw new InputError(outcome);
  const json = args.flags.has("json");
  const tables = outcome.tables;
  const built = tables.filter((t) => t.result.matrix);
  const errors = tables.some((t) => hasErrors(t.result.findings));
  if (built.length < tables.length) {
    if (json) io.out(JSON.stringify(table4Report(tables, fixForCli, outcome.districtsLeftOut), null, 2));
    else {
      for (const t of tables.filter((x) => !x.result.matrix)) {
        if (tables.length > 1) io.err(`\n== ${t.district}`);
        io.err(formatFindings(t.result.findings));
      }
      const which =
        tables.length === 1
          ? "No matrix was built"
          : `No matrix was built for ${listNames(tables.filter((t) => !t.result.matrix).map((t) => t.district))}`;
      io.err(
        `\n${which}: ${summaryLine(tables.flatMap((t) => t.result.findings))}. Fix the errors above (or use --allow-partial to build from the rows that are fine, with columns lacking data shown as "no data"). Nothing was written.`,
      );
    }
    return 1;
  }
  const matrices = built.map((t) => t.result.matrix!);
  if (out) {
    const written = built.map((t) => ({ matrix: t.result.matrix!, changes: t.comparison && comparisonRows(t.comparison) }));
    if (written.length === 1) await writeTable4(written[0], out, { marking });
    else await writeCountyWorkbook(written, highWards(matrices), out, { marking });
  }
  const notCompared = compare ? districtsNotCompared(tables) : [];
  if (json) {
    io.out(JSON.stringify(table4Report(tables, fixForCli, outcome.districtsLeftOut), null, 2));
  } else {
    for (const t of tables) {
      if (tables.length > 1) io.out(`\n== ${t.district}`);
      io.out(matrixText(t.result.matrix!));
      if (t.comparison) io.out(`\n${comparisonText(t.comparison)}`);
      const shown = t.result.findings.filter((f) => f.severity !== "info");
      if (shown.length) io.err(`\n${formatFindings(shown)}`);
    }
    if (notCompared.length)
      io.err(
        `\nNot compared: ${compare} holds no Table 4 on a sheet named ${listNames(notCompared)}, so ${notCompared.length === 1 ? "it was" : "they were"} not compared.`,
      );
    const leftOut = districtsLeftOutText(outcome.districtsLeftOut);
    if (leftOut) io.err(`\n${leftOut}`);
    if (tables.length > 1) {
      const high = highWards(matrices);
      io.out(`\nHigh risk wards: ${high.length ? high.map((h) => `${h.ward} (${h.district})`).join(", ") : "none"}`);
    }
    const all = tables.flatMap((t) => t.result.findings);
    const returns = tables[0].result.returns.filter((r) => !r.derivedFrom).length;
    io.err(
      `\nChecked ${plural(returns, "return")}: ${summaryLine(all)}.${errors ? " Built from the rows that are fine (--allow-partial): the matrix is incomplete." : ""}`,
    );
    if (out) io.err(`Wrote ${out}`);
  }
  return errors ? 1 : 0;
}

/** Why districts the returns touch were not built, in one sentence. */
export function districtsLeftOutText(leftOut: readonly DistrictLeftOut[]): string | undefined {
  if (!leftOut.length) return undefined;
  const list = leftOut.map((d) => `${d.district} (${d.rows.toLocaleString("en-GB")} rows)`);
  return `Not built: ${list.slice(0, 8).join(", ")}${list.length > 8 ? ` and ${list.length - 8} more` : ""}: each holds under ${STRAY_SHARE * 100}% of every return's rows, so its rows are strays of a neighbouring area, not a district the returns cover. Name a district with --district to build it anyway.`;
}

/** A return as the user knows it: its file, and its sheet where a file has sheets. */
function returnName(r: { file: string; sheet: string }): string {
  return `${r.file}${r.file.toLowerCase().endsWith(".csv") ? "" : ` [${r.sheet}]`}`;
}

async function runValidate(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(argv, ["lookup", "criteria", "district", "map", "end"], ["json", "allow-overlap"]);
  const criteriaArg = single(args, "criteria");
  const lookups = await loadLookups(args.options.get("lookup") ?? [], budget);
  const map = parseMaps(args.options.get("map") ?? []);
  if (args.positionals.length === 0) throw new UsageError("Name at least one return file (or a folder of them).");
  const district = single(args, "district");
  const criteria = criteriaForCheck({
    criteria: criteriaArg ? loadCriteria(criteriaArg) : undefined,
    district,
    lookups,
    end: endMonth(args),
    today: thisMonth(),
  });
  const inputs = await loadInputs(args.positionals, budget);
  const outcome = checkReturns({ inputs, criteria, lookups, map, district, allowOverlap: args.flags.has("allow-overlap") });
  if (args.flags.has("json")) {
    io.out(JSON.stringify(checkReport(outcome, fixForCli), null, 2));
  } else {
    for (const r of outcome.returns) io.out(`${returnName(r)}: read as ${r.kind.label} (${r.recognisedBy ?? "its headers"}).`);
    if (outcome.findings.length) io.out(formatFindings(outcome.findings));
    for (const r of outcome.returns) {
      io.out(
        `${returnName(r)}: ${r.kind.label}; ${plural(r.rowsRead, "row")} read, ${r.accepted.toLocaleString("en-GB")} accepted, ${r.excluded.toLocaleString("en-GB")} excluded, ${r.rejected.toLocaleString("en-GB")} rejected.`,
      );
    }
    if (outcome.geography) io.out(`Geography: ${outcome.geography}.`);
    io.out(`${summaryLine(outcome.findings)}.`);
  }
  return hasErrors(outcome.findings) ? 1 : 0;
}

async function runImdProfile(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(argv, ["imd", "lookup", "district"], ["json"]);
  const imdFile = single(args, "imd");
  const district = single(args, "district");
  const lookupFiles = args.options.get("lookup") ?? [];
  if (!imdFile || !district || lookupFiles.length === 0)
    throw new UsageError("imd-profile needs --imd FILE, --lookup FILE and --district NAME.");
  const lookups = await loadLookups(lookupFiles, budget);
  const { profile, findings } = imdProfileFor({ file: imdFile, sheets: await readSheets(imdFile, budget) }, lookups, district);
  if (!profile) {
    if (args.flags.has("json")) io.out(JSON.stringify({ findings: findings.map((f) => reportedFinding(f, fixForCli)) }, null, 2));
    else io.err(formatFindings(findings));
    return 1;
  }
  if (args.flags.has("json")) {
    io.out(JSON.stringify(imdProfileReport(profile), null, 2));
  } else io.out(imdProfileText(profile));
  return 0;
}

async function runHarm(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(argv, ["population", "weights"], ["json"]);
  if (args.positionals.length !== 1) throw new UsageError("harm needs one FILE with Offence and Count columns (and optionally Period).");
  const popText = single(args, "population");
  const population = popText === undefined ? undefined : Number(popText.replace(/,/g, ""));
  if (population !== undefined && !(population > 0))
    throw new UsageError(`--population ${popText}: give the number of residents, e.g. --population 177352.`);
  const weightsFile = single(args, "weights");
  const weights = weightsFile ? (await readSheets(weightsFile, budget))[0] : undefined;
  const sheets = await readSheets(args.positionals[0], budget);
  const harm = harmFor({ sheet: sheets[0], weights, population });
  if (!harm.ok) throw new InputError(harm);
  const report = harm.report;
  if (args.flags.has("json")) {
    io.out(JSON.stringify(harmReportJson(report), null, 2));
  } else {
    const r1 = (n: number | undefined) =>
      n === undefined ? "" : n.toLocaleString("en-GB", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    io.out(["Period", "Offences", "Harm (days)", "Rate per 1,000", "Harm per 1,000"].join("\t"));
    for (const p of report.periods)
      io.out([p.period, p.count.toLocaleString("en-GB"), p.harm.toLocaleString("en-GB"), r1(p.ratePer1000), r1(p.harmPer1000)].join("\t"));
    if (report.change)
      io.out(
        `Change from ${report.periods[0].period} to ${report.periods[report.periods.length - 1].period}: crime rate ${report.change.ratePct.toFixed(1)}%, harm-weighted rate ${report.change.harmPct.toFixed(1)}%`,
      );
    if (report.findings.length) io.err(formatFindings(report.findings));
  }
  return hasErrors(report.findings) ? 1 : 0;
}

async function runTemplate(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(argv, ["district", "lookup", "criteria", "out", "end"], ["replace"]);
  const kindId = args.positionals[0];
  const out = single(args, "out");
  if (!kindId || args.positionals.length > 1 || !out) throw new UsageError("template needs one KIND and --out FILE.xlsx.");
  const kind = returnKind(kindId);
  if (!kind) throw new UsageError(`"${kindId}" is not a kind of return (${RETURN_KINDS.map((k) => k.id).join(", ")}).`);
  if (kind.download) throw new UsageError(`${kind.label} is downloaded, not filled in, so it has no template: ${kind.download}.`);
  const criteriaArg = single(args, "criteria");
  checkOutput(out, "--out", [".xlsx"], filesRead({ ...args, positionals: [] }, criteriaArg), args.flags.has("replace"));
  const lookups = await loadLookups(args.options.get("lookup") ?? [], budget);
  const plan = templatePlan({
    criteria: criteriaArg ? loadCriteria(criteriaArg) : undefined,
    district: single(args, "district"),
    lookups,
    end: endMonth(args),
    today: thisMonth(),
  });
  await writeTemplate(kind, out, plan);
  io.err(`Wrote a blank ${kind.label} return to ${out}`);
  return 0;
}

async function runCriteria(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(argv, ["out", "district", "lookup", "end", "preset"], ["replace"]);
  const districtName = single(args, "district");
  const presetName = single(args, "preset");
  let spec: unknown;
  if (districtName) {
    const lookupFiles = args.options.get("lookup") ?? [];
    if (!lookupFiles.length)
      throw new UsageError("criteria --district NAME needs --lookup FILE (the ONS LSOA-to-ward lookup) for the district's wards.");
    const found = findDistrict(districtsInLookups(await loadLookups(lookupFiles, budget)), districtName);
    if (!found.ok) throw new InputError(found);
    const today = thisMonth();
    spec = standardCriteria({ district: found.district, end: endMonth(args) ?? lastWholeMonth(new Date()), today });
  } else {
    if (args.options.has("end") || args.options.has("lookup")) throw new UsageError("--end and --lookup go with --district NAME.");
    const name = presetName ?? "south-cambridgeshire-2020";
    spec = Object.hasOwn(CRITERIA_PRESETS, name) ? CRITERIA_PRESETS[name] : undefined;
    if (!spec) throw new UsageError(`--preset ${name}: the presets are ${Object.keys(CRITERIA_PRESETS).join(", ")}.`);
  }
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  const out = single(args, "out");
  if (out !== undefined) {
    checkOutput(out, "--out", [".json"], args.options.get("lookup") ?? [], args.flags.has("replace"));
    await writeAtomically(out, (tmp) => fs.writeFileSync(tmp, text, { flag: "wx" }));
    io.err(`Wrote ${out}`);
  } else io.out(text);
  return 0;
}

function runKinds(io: Output, json: boolean): number {
  if (json) {
    const kinds = RETURN_KINDS.map((k) => ({
      id: k.id,
      label: k.label,
      partner: k.partner,
      identifiedBy: k.identifiedBy.map((i) => i.field),
      oneOf: k.oneOf ?? [],
      fields: k.fields.map((f) => ({
        id: f.id,
        header: f.header,
        required: !!f.required,
        accepted: f.synonyms,
        description: f.description,
      })),
    }));
    io.out(JSON.stringify({ kinds }, null, 2));
    return 0;
  }
  for (const k of RETURN_KINDS) {
    io.out(`${k.id}: ${k.label} (${k.partner})`);
    for (const f of k.fields) io.out(`  ${f.required ? "*" : " "} ${f.header} [${f.id}]: ${f.description}`);
    if (k.oneOf) io.out(`    needs one of: ${k.oneOf.map((g) => g.join(" / ")).join("; ")}`);
  }
  io.out("* required");
  return 0;
}

/** A run that failed, said once: JSON under --json (a script reading it gets JSON whatever happened), and words. */
export function reportFailure(e: unknown, json: boolean, io: Output = consoleOutput, command?: string): number {
  const f = failureForCli(e, usageOf(command));
  if (json) io.out(JSON.stringify({ error: f.json }, null, 2));
  if (!json || f.exit !== 1) io.err(f.text);
  return f.exit;
}

export async function main(argv: readonly string[], io: Output = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes("--json");
  if (command === "--version" || command === "-V" || command === "version") {
    io.out(VERSION);
    return 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    // A script asking for --json gets JSON, whatever else it asked.
    io.out(json ? JSON.stringify({ command: command ?? null, usage: usageOf(command) }, null, 2) : usageOf(command));
    return 0;
  }
  try {
    switch (command) {
      case "build":
        return await runBuild(rest, io);
      case "validate":
        return await runValidate(rest, io);
      case "imd-profile":
        return await runImdProfile(rest, io);
      case "harm":
        return await runHarm(rest, io);
      case "template":
        return await runTemplate(rest, io);
      case "criteria":
        return await runCriteria(rest, io);
      case "kinds":
        return runKinds(io, json);
      case "help":
      case "--help":
      case "-h":
        io.out(rest[0] ? usageOf(rest[0]) : USAGE);
        return 0;
      default:
        throw new UsageError(command ? `Unknown command "${command}".` : "Name a command.");
    }
  } catch (e) {
    return reportFailure(e, json, io, command);
  }
}
