/**
 * The logic behind the workbook functions =CSP.RISKFLAG, =CSP.RISKLEVEL and =CSP.HARMWEIGHT,
 * over plain 2-D arrays as Excel passes ranges. The add-in's functions only wrap these, so the
 * rules are the engine's, and the tests exercise them without Excel.
 */
import { Criteria, defaultCriteria } from "./criteria";
import { HarmTable, readWeights } from "../harm/harm";
import { DEFAULT_RISK_KEY, parseRiskKey, riskKeyFromRows, RiskBand, riskLevel } from "./riskKey";
import { evaluateRule, parseRule, Rule } from "./rules";
import { normaliseName } from "../read/text";
import { parseNumber } from "../returns/values";

export type Scalar = string | number | boolean | null | undefined;
export type Grid = Scalar[][];

export type FormulaResult<T> = { ok: true; value: T } | { ok: false; error: "value" | "na" | "num"; message: string };

const fail = (error: "value" | "na" | "num", message: string): { ok: false; error: "value" | "na" | "num"; message: string } => ({
  ok: false,
  error,
  message,
});

/*
 * Empty cells reach the functions in three forms: null (Excel on the web, and Windows and Mac for a
 * range), "" (a formula that gives ""), and 0 (some Windows builds, for an empty cell passed to an
 * "any" parameter: office-js issues 4702 and 5262). They are treated one way everywhere:
 *   - null, undefined and blank text are empty: a blank flag, a blank level, a blank score;
 *   - 0 is a number where 0 can be meant (a count, a total of flags, a value to flag), and empty
 *     where it cannot (an offence, an area's name, a population, a risk key);
 *   - a decile must be 1 to 10, so a 0 under a decile rule is an error, never a flag.
 */
function isBlankScalar(v: Scalar): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Where 0 cannot be meant (an offence, an area, a population, a key), a 0 is an empty cell from a desktop build. */
function isBlankOrZero(v: Scalar): boolean {
  return isBlankScalar(v) || v === 0;
}

const DECILE_RULE = /^decile/i;

/** Cells in reading order, with their position for messages ("row 3, column 1"). */
function cells(grid: Grid): { v: Scalar; r: number; c: number }[] {
  const out: { v: Scalar; r: number; c: number }[] = [];
  grid.forEach((row, r) => row.forEach((v, c) => out.push({ v, r, c })));
  return out;
}

function position(grid: Grid, r: number, c: number): string {
  const wide = grid.some((row) => row.length > 1);
  return wide ? `row ${r + 1}, column ${c + 1}` : `row ${r + 1}`;
}

/** A rule written in the grammar, or the name (or id) of a column of the criteria, e.g. "Deliberate Fires". */
export function resolveRule(text: Scalar, criteria: Criteria = defaultCriteria()): FormulaResult<Rule> {
  const t = String(text ?? "").trim();
  const parsed = parseRule(t);
  if (parsed.ok) return { ok: true, value: parsed.rule };
  const key = normaliseName(t);
  const named = criteria.columns.find((c) => normaliseName(c.id) === key || normaliseName(c.label) === key);
  if (named) return { ok: true, value: named.rule };
  return fail("value", `${parsed.message} Or name a criteria column: ${criteria.columns.map((c) => c.label).join(", ")}.`);
}

/**
 * One flag per value. With areas, a row is flagged when any row of its area meets the rule
 * ("the ward contains an LSOA in the top 5"). Blank values give blank flags.
 */
export function riskFlag(values: Grid, ruleText: Scalar, areas?: Grid, criteria?: Criteria): FormulaResult<(boolean | "")[][]> {
  const rule = resolveRule(ruleText, criteria);
  if (!rule.ok) return rule;
  if (rule.value.type === "threshold" && rule.value.perThousand)
    return fail(
      "value",
      `RISKFLAG: "${rule.value.text}" is a rate per 1,000 residents, and the function is given counts without residents. Give it the rates (count / residents x 1,000) and the threshold alone, e.g. ">=${rule.value.value}".`,
    );
  const list = cells(values);
  const numbers = new Array<number | undefined>(list.length);
  for (let i = 0; i < list.length; i++) {
    const { v, r, c } = list[i];
    if (isBlankScalar(v)) continue;
    const n = typeof v === "number" ? v : typeof v === "boolean" ? undefined : parseNumber(v);
    if (n === undefined)
      return fail(
        "value",
        `RISKFLAG: the value at ${position(values, r, c)} ("${String(v)}") is not a number, so "${rule.value.text}" cannot be applied to it.`,
      );
    if (DECILE_RULE.test(rule.value.text) && !(Number.isInteger(n) && n >= 1 && n <= 10))
      return fail(
        "num",
        `RISKFLAG: the value at ${position(values, r, c)} (${String(v)}) is not a decile (1 to 10). An empty cell can reach the function as 0 in some Excel builds: give the deciles' range only.`,
      );
    numbers[i] = n;
  }
  const { flags } = evaluateRule(rule.value, numbers);
  if (areas && !(areas.length === 1 && areas[0].length === 1 && isBlankScalar(areas[0][0]))) {
    const areaCells = cells(areas);
    if (areaCells.length !== list.length) {
      return fail("value", `RISKFLAG: areas has ${areaCells.length} cells but values has ${list.length}; give one area per value.`);
    }
    const keys = new Map<string, string>();
    const areaKeyOf = (v: Scalar) => {
      const raw = String(v ?? "");
      let k = keys.get(raw);
      if (k === undefined) keys.set(raw, (k = normaliseName(raw)));
      return k;
    };
    // A row without an area stands alone: blank areas are not one area.
    const flaggedAreas = new Set<string>();
    areaCells.forEach((a, i) => {
      if (flags[i] && !isBlankOrZero(a.v)) flaggedAreas.add(areaKeyOf(a.v));
    });
    for (let i = 0; i < list.length; i++) {
      if (flags[i] === undefined || isBlankOrZero(areaCells[i].v)) continue;
      flags[i] = flaggedAreas.has(areaKeyOf(areaCells[i].v));
    }
  }
  let k = 0;
  return { ok: true, value: values.map((row) => row.map(() => flags[k++] ?? "")) };
}

function keyFrom(key: Grid | Scalar | undefined): FormulaResult<RiskBand[]> {
  if (key === undefined || key === null || (Array.isArray(key) && key.every((r) => r.every(isBlankOrZero))))
    return { ok: true, value: DEFAULT_RISK_KEY };
  if (Array.isArray(key)) {
    const flat = key.flat().filter((v) => !isBlankScalar(v));
    const parsed = flat.length === 1 ? parseRiskKey(String(flat[0])) : riskKeyFromRows(key);
    return parsed.ok ? { ok: true, value: parsed.key } : fail("value", `RISKLEVEL: ${parsed.message}`);
  }
  if (isBlankOrZero(key)) return { ok: true, value: DEFAULT_RISK_KEY };
  const parsed = parseRiskKey(String(key));
  return parsed.ok ? { ok: true, value: parsed.key } : fail("value", `RISKLEVEL: ${parsed.message}`);
}

/** "Low" / "Medium" / "High" for each total flag count, by the published key or the one given. */
export function riskLevels(totals: Grid, key?: Grid | Scalar): FormulaResult<string[][]> {
  const k = keyFrom(key);
  if (!k.ok) return k;
  const out: string[][] = [];
  for (let r = 0; r < totals.length; r++) {
    const row: string[] = [];
    for (let c = 0; c < totals[r].length; c++) {
      const v = totals[r][c];
      if (isBlankScalar(v)) {
        row.push("");
        continue;
      }
      const n = typeof v === "number" ? v : typeof v === "string" ? parseNumber(v) : undefined;
      if (n === undefined || n < 0 || !Number.isInteger(n)) {
        return fail("value", `RISKLEVEL: the total at ${position(totals, r, c)} ("${String(v)}") is not a whole number of flags.`);
      }
      row.push(riskLevel(n, k.value) ?? "");
    }
    out.push(row);
  }
  return { ok: true, value: out };
}

let builtIn: HarmTable | undefined;

function harmTable(weights?: Grid): FormulaResult<HarmTable> {
  if (!weights || weights.every((r) => r.every(isBlankScalar))) return { ok: true, value: (builtIn ??= new HarmTable()) };
  const w = readWeights(weights);
  if (!w.ok) return fail("value", `HARMWEIGHT weights: ${w.message}`);
  return { ok: true, value: new HarmTable().extend(w.entries) };
}

/**
 * With offences alone: each offence's Crime Harm Index score (days). With counts: the harm-weighted
 * total (sum of count x score). With a population too: harm per 1,000 population.
 * An offence missing from the table is an error naming it, never a silent 0.
 */
export function harmWeight(
  offences: Grid,
  counts?: Grid,
  population?: Scalar,
  weights?: Grid,
): FormulaResult<number[][] | (number | "")[][] | number> {
  const loaded = harmTable(weights);
  if (!loaded.ok) return loaded;
  const scores = new Map<string, number | undefined>();
  const table = {
    value: {
      score: (offence: string) => {
        if (scores.has(offence)) return scores.get(offence);
        const s = loaded.value.score(offence);
        scores.set(offence, s);
        return s;
      },
    },
  };
  const offenceCells = cells(offences);
  const hasCounts = counts !== undefined && !(counts.length === 1 && counts[0].length === 1 && isBlankScalar(counts[0][0]));
  if (!hasCounts) {
    const out: (number | "")[][] = [];
    for (let r = 0; r < offences.length; r++) {
      const row: (number | "")[] = [];
      for (let c = 0; c < offences[r].length; c++) {
        const v = offences[r][c];
        if (isBlankOrZero(v)) {
          row.push("");
          continue;
        }
        const s = table.value.score(String(v));
        if (s === undefined)
          return fail(
            "na",
            `HARMWEIGHT: "${String(v).trim()}" (${position(offences, r, c)}) is not in the Crime Harm Index table; add it with the weights argument.`,
          );
        row.push(s);
      }
      out.push(row);
    }
    return { ok: true, value: out };
  }
  const countCells = cells(counts);
  if (countCells.length !== offenceCells.length) {
    return fail(
      "value",
      `HARMWEIGHT: counts has ${countCells.length} cells but offences has ${offenceCells.length}; give one count per offence.`,
    );
  }
  let total = 0;
  for (let i = 0; i < offenceCells.length; i++) {
    const o = offenceCells[i];
    const n = countCells[i];
    // An empty count is no offences, as the 0 some builds pass for it is.
    if (isBlankScalar(n.v)) continue;
    const count = typeof n.v === "number" ? n.v : parseNumber(n.v);
    if (count === undefined || count < 0)
      return fail("value", `HARMWEIGHT: the count at ${position(counts, n.r, n.c)} ("${String(n.v ?? "")}") is not a number of 0 or more.`);
    if (count === 0) continue;
    if (isBlankOrZero(o.v))
      return fail("value", `HARMWEIGHT: the count at ${position(counts, n.r, n.c)} (${count}) has no offence beside it.`);
    const s = table.value.score(String(o.v ?? ""));
    if (s === undefined)
      return fail(
        "na",
        `HARMWEIGHT: "${String(o.v ?? "").trim()}" (${position(offences, o.r, o.c)}) is not in the Crime Harm Index table; add it with the weights argument.`,
      );
    total += count * s;
  }
  if (isBlankOrZero(population)) return { ok: true, value: total };
  const pop = typeof population === "number" ? population : parseNumber(String(population));
  if (pop === undefined || pop <= 0) return fail("num", `HARMWEIGHT: population "${String(population)}" must be a number above 0.`);
  return { ok: true, value: (total / pop) * 1000 };
}
