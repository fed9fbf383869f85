/*
 * The workbook functions =CSP.RISKFLAG, =CSP.RISKLEVEL and =CSP.HARMWEIGHT. Each is a thin
 * wrapper over the engine (src/engine/rules/formulas.ts); functions.json is generated from the JSDoc
 * below at build time, and the build adds the CustomFunctions.associate calls.
 */
/* global CustomFunctions, Excel, Office */
import { FormulaResult, Grid, harmWeight, riskFlag as engineRiskFlag, riskLevels } from "../engine/rules/formulas";
import { parseRule } from "../engine/rules/rules";
import { Criteria } from "../engine/rules/criteria";
import { followCoAuthors, loadSettings } from "../excel/officeWorkbook";
import { savedCriteria } from "../common/criteriaChannel";
import { plainGrid } from "./plainCells";

// A co-author's new criteria reach the named rules without the pane open.
if (typeof Office !== "undefined" && typeof Excel !== "undefined")
  void Office.onReady(() => Excel.run((context) => followCoAuthors(context, Excel.run.bind(Excel)))).catch(() => undefined);

function unwrap<T>(result: FormulaResult<T>): T {
  if (result.ok) return result.value;
  // Excel shows a custom function's own message only with #VALUE! and #N/A: a number out of range
  // (a decile of 0, a negative population) is #VALUE! so that the cell says which and why.
  const code = result.error === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  // A thrown CustomFunctions.Error is the cell's error; its type does not extend Error.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw new CustomFunctions.Error(code, result.message);
}

/** The workbook's saved criteria, read through the adapter; a failure is the function's #VALUE!, in words. */
async function workbookCriteria(): Promise<Criteria> {
  try {
    return await savedCriteria(() => Excel.run((context) => loadSettings(context)));
  } catch (e) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, (e as Error).message);
  }
}

/** A range as plain values (a data-typed cell by what it shows); a cell that shows nothing is the function's #VALUE!. */
function plain(value: unknown, argument: string): Grid {
  const grid = Array.isArray(value) ? (value as unknown[][]) : [[value]];
  const r = plainGrid(grid, argument);
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (!r.ok) throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, r.message);
  return r.grid;
}

/** An omitted optional range arrives as null or undefined, or as a single blank cell. */
function optionalGrid(value: unknown, argument: string): Grid | undefined {
  if (value === null || value === undefined) return undefined;
  return plain(value, argument);
}

/**
 * Flags each value that meets a risk rule: TRUE or FALSE per value; blank cells give blank flags.
 * @customfunction RISKFLAG
 * @param values The counts or values to test, e.g. crimes per ward or claims per LSOA.
 * @param rule The rule: ">=400", ">120", "400+", "top 5", "top 10%", "decile<=3", or a criteria column such as "Deliberate Fires" (the criteria saved in this workbook).
 * @param [areas] The area (e.g. ward) of each value: every row of an area is flagged when any of its rows meets the rule.
 * @returns One TRUE or FALSE per value.
 */
export async function riskFlag(values: any[][], rule: string, areas?: any[][]): Promise<any[][]> {
  // Only a named rule needs the workbook; ">=400" is answered without a round trip to Excel.
  const criteria = parseRule(String(rule ?? "")).ok ? undefined : await workbookCriteria();
  return unwrap(engineRiskFlag(plain(values, "values"), rule, optionalGrid(areas, "areas"), criteria));
}

/**
 * The risk level of each total of flags: Low (0), Medium (1-2) or High (3+), or by the key given.
 * @customfunction RISKLEVEL
 * @param totals The Total Flags of each ward.
 * @param [key] A key such as "0:Low;1-2:Medium;3+:High", or a range of (band, label) rows.
 * @returns One risk level per total.
 */
export function riskLevel(totals: any[][], key?: any[][]): any[][] {
  // Declared as a matrix so Excel can pass a range; text typed in the formula arrives as [[text]].
  return unwrap(riskLevels(plain(totals, "totals"), optionalGrid(key, "key")));
}

/**
 * Weighs offences by the Cambridge Crime Harm Index (days of imprisonment per offence).
 * @customfunction HARMWEIGHT
 * @param offences Offence titles or Home Office codes.
 * @param [counts] The number of each offence: gives the harm-weighted total (count x days, summed).
 * @param [population] The population: gives the harm-weighted rate per 1,000 population.
 * @param [weights] Two columns (offence or code, days) that extend or replace the built-in scores.
 * @returns Each offence's score in days; or, with counts, the harm total; with a population, the rate per 1,000.
 */
export function harmWeightFunction(offences: any[][], counts?: any[][], population?: number, weights?: any[][]): any[][] {
  const result = unwrap(
    harmWeight(plain(offences, "offences"), optionalGrid(counts, "counts"), population ?? undefined, optionalGrid(weights, "weights")),
  );
  return typeof result === "number" ? [[result]] : result;
}
