/* What a command reads: criteria, lookups, header mappings, an earlier Table 4 and the returns, with the files it reads. */
import * as fs from "fs";
import * as path from "path";
import type { Criteria } from "../engine/rules/criteria";
import { criteriaFromText, defaultCriteria, presetNamed } from "../app/districtCriteria";
import {} from "../app/present";
import type { AnyLookup } from "../engine/geography/lookups";
import { lookupsFromSheets } from "../app/lookupFiles";
import type { InputFile } from "../engine/matrix/pipeline";
import { headerMapFrom, returnKind, RETURN_KINDS, type HeaderMap } from "../app/kinds";
import type { ReadBudget } from "../io/readFiles";
import { expandInputs, readInputFiles, readSheets, whyUnreadable } from "../io/readFiles";
import { InputError, UsageError } from "../common/errors";
import type { ParsedArgs } from "./args";
import { single } from "./args";
import { CRITERIA_PRESETS, monthOfDate, parseEndMonth } from "../app/districtCriteria";
import { earlierTable4s } from "../app/table4";
import type { MatrixSnapshot } from "../engine/matrix/compare";
import { problem } from "../app/problems";
import { populationFromSheets, type Population } from "../app/populationFile";

export function loadCriteria(file: string | undefined): Criteria {
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

export async function loadLookups(files: readonly string[], budget: ReadBudget): Promise<AnyLookup[]> {
  const lookups: AnyLookup[] = [];
  for (const file of files) {
    const read = lookupsFromSheets(file, await readSheets(file, budget));
    if (!read.ok) throw new InputError(read);
    lookups.push(...read.lookups);
  }
  return lookups;
}

export function parseMaps(values: readonly string[]): HeaderMap {
  const read = headerMapFrom(values);
  if (!read.ok) throw new UsageError(`--map ${read.message}`);
  return read.map;
}

export async function loadPopulation(file: string, budget: ReadBudget): Promise<Population> {
  const read = populationFromSheets(file, await readSheets(file, budget));
  if (!read.ok) throw new InputError(read);
  return read.population;
}

export async function loadEarlier(file: string, budget: ReadBudget): Promise<MatrixSnapshot[]> {
  const read = earlierTable4s(file, await readSheets(file, budget));
  if (!read.ok) throw new InputError(read);
  return read.earlier;
}

export async function loadInputs(positionals: readonly string[], budget: ReadBudget): Promise<InputFile[]> {
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

export function endMonth(args: ParsedArgs): number | undefined {
  const text = single(args, "end");
  if (text === undefined) return undefined;
  const m = parseEndMonth(text);
  if (m === undefined) throw new UsageError(`--end ${text}: give the last month of the data as YYYY-MM, e.g. --end 2025-09.`);
  return m;
}

export const thisMonth = () => monthOfDate(new Date());

/** Every file a command reads: the returns (a folder's files, a kind's target), lookups and the criteria file. */
export function filesRead(args: ParsedArgs, criteriaArg: string | undefined): string[] {
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
  return [
    ...targets,
    ...returns,
    ...(args.options.get("lookup") ?? []),
    ...(criteriaArg ? [criteriaArg] : []),
    ...compared,
    ...(args.options.get("population") ?? []),
  ];
}
