import { hasErrors, imdProfileText, plural } from "../app/present";
import { districtsInLookups } from "../app/lookupFiles";
import { returnKind, RETURN_KINDS } from "../app/kinds";
import { ReadBudget, readSheets } from "../io/readFiles";
import { checkOutput } from "../io/outputPath";
import { writeFileAtomically } from "../io/saveWorkbook";
import { InputError, UsageError } from "../common/errors";
import { writeTemplate } from "../io/writeTemplate";
import { parseArgs, single, singleLine } from "./args";
import { CRITERIA_PRESETS, findDistrict, lastWholeMonth, standardCriteria } from "../app/districtCriteria";
import { criteriaForCheck } from "../app/table4";
import { imdProfileFor } from "../app/profileImd";
import { checkReturns } from "../app/checkReturns";
import { harmFor } from "../app/weighHarm";
import { templatePlan } from "../app/templatePlan";
import { distributionText, proposeThresholds } from "../app/proposeThresholds";
import { harmTable, imdProfileTable } from "../app/reportTables";
import { writeReport } from "../io/writeReport";
import { checkReport, harmReportJson, imdProfileReport, reportedFinding } from "../app/reports";
import { failureForCli, fixForCli } from "./cliRemedies";

import type { Output } from "./output";
import { formatFindings, summaryLine, districtsLeftOutText, returnName, terminalSafe, consoleOutput } from "./output";
import { synopses, usageOf, USAGE, VERSION } from "./usage";
import { loadCriteria, loadLookups, parseMaps, loadInputs, endMonth, thisMonth, filesRead } from "./inputs";
import { runBuild } from "./build";

export { terminalSafe, formatFindings, districtsLeftOutText, usageOf, synopses, USAGE };
export type { Output };

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
  const args = parseArgs(argv, ["imd", "lookup", "district", "out", "marking"], ["json", "replace"]);
  const imdFile = single(args, "imd");
  const district = single(args, "district");
  const lookupFiles = args.options.get("lookup") ?? [];
  if (!imdFile || !district || lookupFiles.length === 0)
    throw new UsageError("imd-profile needs --imd FILE, --lookup FILE and --district NAME.");
  const out = single(args, "out");
  if (out !== undefined) checkOutput(out, "--out", [".xlsx"], [imdFile, ...lookupFiles], args.flags.has("replace"));
  const marking = singleLine(args, "marking");
  const lookups = await loadLookups(lookupFiles, budget);
  const { profile, findings } = imdProfileFor({ file: imdFile, sheets: await readSheets(imdFile, budget) }, lookups, district);
  if (!profile) {
    if (args.flags.has("json")) io.out(JSON.stringify({ findings: findings.map((f) => reportedFinding(f, fixForCli)) }, null, 2));
    else io.err(formatFindings(findings));
    return 1;
  }
  if (out) await writeReport(imdProfileTable(profile, [imdFile, ...lookupFiles]), out, marking);
  if (args.flags.has("json")) {
    io.out(JSON.stringify(imdProfileReport(profile), null, 2));
  } else io.out(imdProfileText(profile));
  if (out && !args.flags.has("json")) io.err(`Wrote ${out}`);
  return 0;
}

async function runHarm(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(argv, ["population", "weights", "out", "marking"], ["json", "replace"]);
  if (args.positionals.length !== 1) throw new UsageError("harm needs one FILE with Offence and Count columns (and optionally Period).");
  const out = single(args, "out");
  const weightsArg = single(args, "weights");
  if (out !== undefined)
    checkOutput(out, "--out", [".xlsx"], [args.positionals[0], ...(weightsArg ? [weightsArg] : [])], args.flags.has("replace"));
  const marking = singleLine(args, "marking");
  const popText = single(args, "population");
  const population = popText === undefined ? undefined : Number(popText.replace(/,/g, ""));
  if (population !== undefined && !(population > 0))
    throw new UsageError(`--population ${popText}: give the number of residents, e.g. --population 177352.`);
  const weights = weightsArg ? (await readSheets(weightsArg, budget))[0] : undefined;
  const sheets = await readSheets(args.positionals[0], budget);
  const harm = harmFor({ sheet: sheets[0], weights, population });
  if (!harm.ok) throw new InputError(harm);
  const report = harm.report;
  if (out) await writeReport(harmTable(report, args.positionals[0], population), out, marking);
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
    if (out) io.err(`Wrote ${out}`);
  }
  return hasErrors(report.findings) ? 1 : 0;
}

/** The partner page's address on the add-in's host (ADDIN_HOST, as for the build), when one is set. */
function checkPageOf(host: string | undefined): string | undefined {
  if (!host || !/^https:\/\//.test(host)) return undefined;
  return `${host.endsWith("/") ? host : `${host}/`}check.html`;
}

async function runTemplate(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(argv, ["district", "lookup", "criteria", "out", "end", "marking"], ["replace"]);
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
  await writeTemplate(kind, out, { ...plan, marking: singleLine(args, "marking"), checkPage: checkPageOf(process.env.ADDIN_HOST) });
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
    const lookups = await loadLookups(lookupFiles, budget);
    const found = findDistrict(districtsInLookups(lookups), districtName);
    if (!found.ok) throw new InputError(found);
    const today = thisMonth();
    const standard = standardCriteria({ district: found.district, end: endMonth(args) ?? lastWholeMonth(new Date()), today });
    spec = standard;
    if (args.positionals.length) {
      // The district's own returns: each count threshold from its own ward figures.
      const proposal = proposeThresholds({ spec: standard, inputs: await loadInputs(args.positionals, budget), lookups, today });
      if (!proposal.ok) throw new InputError(proposal);
      spec = proposal.spec;
      io.err(`Thresholds from ${found.district.name}'s own ward figures:\n${distributionText(proposal.columns)}`);
    }
  } else {
    if (args.options.has("end") || args.options.has("lookup") || args.positionals.length)
      throw new UsageError("--end, --lookup and returns go with --district NAME.");
    const name = presetName ?? "south-cambridgeshire-2020";
    spec = Object.hasOwn(CRITERIA_PRESETS, name) ? CRITERIA_PRESETS[name] : undefined;
    if (!spec) throw new UsageError(`--preset ${name}: the presets are ${Object.keys(CRITERIA_PRESETS).join(", ")}.`);
  }
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  const out = single(args, "out");
  if (out !== undefined) {
    checkOutput(out, "--out", [".json"], args.options.get("lookup") ?? [], args.flags.has("replace"));
    await writeFileAtomically(out, text);
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
