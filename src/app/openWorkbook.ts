/*
 * The use cases of the task pane, over sheets its adapter has already read: check one sheet as a
 * return, and build Table 4 from the sheets chosen for each column (with an earlier matrix's notes
 * carried forward and the changes since it). Nothing here touches the workbook.
 */
import { RowSheet, SheetData } from "../engine/read/cells";
import { proposeThresholds, type ThresholdProposal } from "./proposeThresholds";
import { sheetRows } from "../engine/read/grid";
import type { WorkbookActions } from "../common/workbookPort";
import { MatrixComparison, readMatrixSnapshot } from "../engine/matrix/compare";
import { CriteriaSpec, readCriteria } from "../engine/rules/criteria";
import { recogniseKind } from "../engine/returns/headers";
import { AnyLookup, readLookup } from "../engine/geography/lookups";
import { MonthNumber } from "../engine/read/dates";
import { Matrix } from "../engine/matrix/matrix";
import { Outcome } from "../engine/findings/outcome";
import { Column } from "../engine/rules/criteria";
import { Finding, finding } from "../engine/findings/findings";
import { BuildResult, InputFile } from "../engine/matrix/pipeline";
import { returnKind } from "../engine/returns/returnKinds";
import { readReturn } from "../engine/returns/returns";
import { lastMonthOf } from "../engine/returns/coverage";
import { checkReturns, CheckOutcome } from "./checkReturns";
import { lookupsFromSheets } from "./lookupFiles";
import { buildTable4 } from "./table4";
import { monthOfDate } from "./districtCriteria";

/** Returns checked in the pane all come from the open workbook. */
export const THIS_WORKBOOK = "this workbook";

/** The kind a sheet's first rows show, if exactly one fits. */
export function kindOfSheet(head: SheetData): string | undefined {
  const r = recogniseKind(head);
  return r.status === "recognised" ? r.guess.kind.id : undefined;
}

/**
 * The last month the returns among these sheets have rows for: what "Last month of the data" and
 * "Data compiled" start at. A sample of a sheet (its first and last rows) is enough when its rows
 * run in date order, as returns do; the user sees the month and can change it.
 */
export function lastMonthOfSheets(samples: readonly SheetData[]): MonthNumber | undefined {
  let last: MonthNumber | undefined;
  for (const sample of samples) {
    const kind = returnKind(kindOfSheet(sample) ?? "");
    if (!kind?.data) continue;
    const month = lastMonthOf(readReturn(sample, kind));
    if (month !== undefined && (last === undefined || month > last)) last = month;
  }
  return last;
}

/** Whether a sheet of `kind` can feed a column of `columnKind`: its own kind, or one that stands for it. */
export function feedsKind(kind: string | undefined, columnKind: string): boolean {
  return !!kind && (kind === columnKind || !!returnKind(kind)?.feeds?.some((f) => f.kind === columnKind));
}

/** The kind a sheet is read as for a column: its own when it stands for the column's (a data.police.uk sheet for police ASB). */
function feedingKind(sheet: SheetData, columnKind: string): string {
  const own = kindOfSheet(sheet);
  return own && own !== columnKind && feedsKind(own, columnKind) ? own : columnKind;
}

function wrongKindFinding(sheet: SheetData, own: string, col: Column): Finding {
  const label = returnKind(own)?.label ?? own;
  return finding("wrong-kind-sheet", {
    file: THIS_WORKBOOK,
    sheet: sheet.sheet,
    params: { sheet: sheet.sheet, column: col.label, kind: label, columnKind: col.kind.label },
    remedies: [{ action: "add-return", kind: col.kind.id }],
  });
}

/** The lookup sheet's lookups, worded as the command line words a lookup file that is none. */
function lookupsOf(sheet: SheetData | undefined): Outcome<{ lookups: AnyLookup[] }> {
  return sheet ? lookupsFromSheets(`The lookup sheet ${sheet.sheet}`, [sheet]) : { ok: true, lookups: [] };
}

function criteriaOf(spec: CriteriaSpec) {
  const r = readCriteria(spec);
  return r.ok ? r : { ...r, message: `The saved criteria have problems: ${r.message}` };
}

export interface SheetCheckRequest {
  sheet: SheetData;
  /** The kind the user chose; recognised from the headers when absent. */
  kind?: string;
  criteria: CriteriaSpec;
  /** The lookup sheet, unless it is the sheet being checked. */
  lookup?: SheetData;
}

/** One sheet checked as a return; `kind` is absent when the sheet fits no kind of return. */
export function checkSheet(request: SheetCheckRequest): Outcome<{ kind?: string; check?: CheckOutcome }> {
  const kind = request.kind ?? kindOfSheet(request.sheet);
  if (!kind) return { ok: true };
  const criteria = criteriaOf(request.criteria);
  if (!criteria.ok) return criteria;
  // A lookup sheet that is not one does not stop a check: rows it would place are reported instead.
  const lookup = request.lookup ? readLookup(request.lookup) : undefined;
  const lookups = lookup?.ok ? [lookup.lookup] : [];
  return {
    ok: true,
    kind,
    check: checkReturns({ inputs: [{ file: THIS_WORKBOOK, kind, sheets: [request.sheet] }], criteria: criteria.criteria, lookups }),
  };
}

export interface SheetsTable4Request {
  criteria: CriteriaSpec;
  /** Matrix column id -> the sheet chosen for it. */
  sources: Record<string, string>;
  /** The chosen sheets, read, by name. */
  sheets: Record<string, SheetData>;
  lookup?: SheetData;
  /** Officers' concerns and priorities per ward. */
  concerns?: SheetData;
  /** An earlier Table 4 sheet, whose notes are carried forward and against which changes are listed. */
  earlier?: SheetData;
  allowPartial?: boolean;
  compiled?: string;
}

export interface SheetsTable4 {
  result: BuildResult;
  /** Absent when the returns have errors and a partial build was not asked for. */
  matrix?: Matrix;
  comparison?: MatrixComparison;
}

/**
 * Table 4 from the workbook's sheets: the sheets chosen for the columns become the inputs of the
 * one "build Table 4" use case the command line calls too.
 */
export function table4FromSheets(request: SheetsTable4Request, today: MonthNumber = monthOfDate(new Date())): Outcome<SheetsTable4> {
  const criteria = criteriaOf(request.criteria);
  if (!criteria.ok) return criteria;
  const lookups = lookupsOf(request.lookup);
  if (!lookups.ok) return lookups;
  const { inputs, wrong } = inputsFromSources(criteria.criteria.columns, request);
  if (request.concerns) inputs.push({ file: THIS_WORKBOOK, kind: "concerns", sheets: [request.concerns] });
  const before = request.earlier ? readMatrixSnapshot(request.earlier.sheet, sheetRows(request.earlier)) : undefined;
  const built = buildTable4({
    inputs,
    lookups: lookups.lookups,
    criteria: criteria.criteria,
    districts: [],
    today,
    compiled: request.compiled,
    allowPartial: request.allowPartial,
    earlier: before ? [before] : [],
    gathered: wrong,
  });
  if (!built.ok) return built;
  const [table] = built.tables;
  return { ok: true, result: table.result, matrix: table.result.matrix, comparison: table.comparison };
}

/**
 * Each count threshold of the criteria proposed from the district's own ward figures in the
 * workbook's sheets, with the distribution it came from: the pane's side of `riskmatrix criteria`.
 */
export function thresholdsFromSheets(
  request: SheetsTable4Request,
  today: MonthNumber = monthOfDate(new Date()),
): Outcome<ThresholdProposal> {
  const criteria = criteriaOf(request.criteria);
  if (!criteria.ok) return criteria;
  const lookups = lookupsOf(request.lookup);
  if (!lookups.ok) return lookups;
  const { inputs } = inputsFromSources(criteria.criteria.columns, request);
  return proposeThresholds({ spec: request.criteria, inputs, lookups: lookups.lookups, today });
}

/** Each column's chosen sheet as an input, read once per kind; a sheet of another kind is refused, never read. */
function inputsFromSources(columns: readonly Column[], request: SheetsTable4Request): { inputs: InputFile[]; wrong: Finding[] } {
  const inputs: InputFile[] = [];
  const used = new Set<string>();
  const wrong: Finding[] = [];
  for (const col of columns) {
    const name = request.sources[col.id];
    const sheet = name ? request.sheets[name] : undefined;
    if (!sheet) continue;
    const own = kindOfSheet(sheet);
    if (own && !feedsKind(own, col.kind.id)) {
      wrong.push(wrongKindFinding(sheet, own, col));
      continue;
    }
    const kind = feedingKind(sheet, col.kind.id);
    if (used.has(`${kind}|${name}`)) continue;
    used.add(`${kind}|${name}`);
    inputs.push({ file: THIS_WORKBOOK, kind, sheets: [sheet] });
  }
  return { inputs, wrong };
}

/** Whether a sheet's rows hold a Table 4 (an earlier quarter to compare with). */
export { readMatrixSnapshot };

/** The sheets a build from the workbook reads: each column's, the lookup, the concerns and the earlier matrix, each once. */
export async function sheetsForBuild(
  actions: Pick<WorkbookActions, "readSheet">,
  wanted: { sources: Record<string, string | undefined>; lookup?: string; concerns?: string; earlier?: string },
  progress: (label: string) => void,
): Promise<{ sheets: Record<string, RowSheet>; lookup?: RowSheet; concerns?: RowSheet; earlier?: RowSheet }> {
  const needed = new Set(Object.values(wanted.sources).filter((n): n is string => !!n));
  const sheets: Record<string, RowSheet> = {};
  let i = 0;
  for (const name of needed) {
    progress(`Reading ${name} (${++i} of ${needed.size})`);
    sheets[name] = await actions.readSheet(name);
  }
  const read = (name: string | undefined) => (name ? actions.readSheet(name) : Promise.resolve(undefined));
  return { sheets, lookup: await read(wanted.lookup), concerns: await read(wanted.concerns), earlier: await read(wanted.earlier) };
}
