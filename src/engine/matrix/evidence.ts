/*
 * The figure behind each flag, and why it is set or not, in one sentence: the ward's count, its
 * busiest village, its most deprived LSOA and that LSOA's rank, as the rule tested them.
 */
import type { Column } from "../rules/criteria";
import { rankOrder, type Measure, type Rule, type Verdict } from "../rules/rules";

export interface FlagReason {
  /** The number the rule tested (the ward's count, the top village's cases, an LSOA's value); null where there is no data. */
  value: number | null;
  /** Where part of the data is missing or suppressed: the least and the most it may be (most null: no bound). */
  range?: { lo: number; hi: number | null };
  /** The area within the ward the value is of, where the rule tests areas (a village, an LSOA). */
  area?: string;
  /** Its place among every area of the district, for a rank rule ("top 5"). */
  rank?: number;
  /** The ward's count per 1,000 residents, where its population is known and the column counts or sums. */
  rate?: number;
  /** Why the flag is set, not set, or not known. */
  reason: string;
}

const ORDINAL = ["th", "st", "nd", "rd"];

export function ordinal(n: number): string {
  const tens = n % 100;
  return `${n.toLocaleString("en-GB")}${tens >= 11 && tens <= 13 ? "th" : (ORDINAL[n % 10] ?? "th")}`;
}

const AGGREGATE_WORDS: Record<Column["aggregate"], string> = {
  count: "count",
  sum: "total",
  "monthly-average": "monthly average",
  min: "lowest value",
  max: "highest value",
};

/** A rule in words ("400 or more", "3 or less", "the top 5"), as a reason says it. */
export function ruleWords(rule: Rule): string {
  if (rule.type === "rank") return `the ${rule.direction} ${rule.n}${rule.percent ? "%" : ""}`;
  if (rule.perThousand) return `${ruleWords({ ...rule, perThousand: undefined, text: "" })} per 1,000 residents`;
  const v = rule.value.toLocaleString("en-GB");
  const what = /decile/i.test(rule.text) ? `decile ${v}` : v;
  switch (rule.op) {
    case ">=":
      return `${what} or more`;
    case ">":
      return `more than ${what}`;
    case "<=":
      return `${what} or less`;
    case "<":
      return `less than ${what}`;
    case "=":
      return `exactly ${what}`;
  }
}

/** The tested figure's own words ("19 to 20", "12 (1 suppressed)"), as the Evidence sheet writes it. */
export interface TestedArea {
  name: string;
  measure: Measure;
  figure: string;
  /** Its place among the district's areas, for a rank rule; undefined when it is not ranked (none at all). */
  rank?: number;
}

/** The reason for one ward and column, from the area the rule found most telling in it. */
export function flagReason(
  col: Column,
  flag: Verdict,
  best: TestedArea | undefined,
  areas: number,
  lowerIsWorse: boolean,
  residents?: number | null,
): FlagReason {
  const ruleText = ruleWords(col.rule);
  if (!best) {
    const value = col.aggregate === "min" || col.aggregate === "max" ? null : 0;
    return {
      value,
      reason:
        value === null
          ? `No ${col.geography} of this ward is in the data, so it has no value to test against ${ruleText}.`
          : flag === null
            ? `Nothing was counted in this ward, but with part of the data missing it may meet ${ruleText}, so the flag is not known.`
            : `Nothing was counted in this ward (0), ${col.rule.type === "rank" ? "so it is outside" : "which does not meet"} ${ruleText}.`,
    };
  }
  const { measure } = best;
  if (perResidents(col) && !residents)
    return {
      value: null,
      reason: `The ward's residents are not known (an LSOA of it has no population), so its rate per 1,000 cannot be tested against ${ruleText}: the flag is not known.`,
    };
  const rate = rateOf(col, measure, residents);
  const perThousand = rate === undefined ? "" : ` (${rate.toLocaleString("en-GB")} per 1,000 residents)`;
  const whose = perResidents(col)
    ? `The ward's rate is ${best.figure} per 1,000 residents`
    : col.geography === "ward"
      ? `The ward's ${AGGREGATE_WORDS[col.aggregate]} is ${best.figure}${perThousand}`
      : `${best.name}, the ward's ${lowerIsWorse ? "lowest" : "highest"} ${col.geography === "lsoa" ? "LSOA" : col.geography}, has ${best.figure}`;
  const verdict =
    flag === null
      ? `; with part of the data missing it may or may not meet ${ruleText}, so the flag is not known`
      : col.rule.type === "rank"
        ? best.rank === undefined
          ? `, and an area with none is never ranked, so it is outside ${ruleText}`
          : `, ${ordinal(best.rank)} of ${areas.toLocaleString("en-GB")}, ${flag ? "within" : "outside"} ${ruleText}`
        : flag
          ? `, which meets ${ruleText}`
          : `, which does not meet ${ruleText}`;
  return {
    value: measure.value,
    ...(measure.lo !== measure.hi ? { range: { lo: measure.lo, hi: measure.hi === Infinity ? null : measure.hi } } : {}),
    ...(col.geography === "ward" ? {} : { area: best.name }),
    ...(best.rank !== undefined ? { rank: best.rank } : {}),
    ...(rate !== undefined ? { rate } : {}),
    reason: `${whose}${verdict}.`,
  };
}

/** The column's rule tests a rate per 1,000 residents, not the count itself. */
export const perResidents = (col: Column): boolean => col.rule.type === "threshold" && col.rule.perThousand === true;

/** A ward's count or sum per 1,000 of its residents, to one decimal place; none where either is not known exactly. */
function rateOf(col: Column, measure: Measure, residents: number | null | undefined): number | undefined {
  // Under a rate rule the measure is the rate already.
  if (perResidents(col)) return measure.lo === measure.hi ? Math.round(measure.value * 10) / 10 : undefined;
  if (col.geography !== "ward" || (col.aggregate !== "count" && col.aggregate !== "sum")) return undefined;
  if (!residents || measure.lo !== measure.hi) return undefined;
  return Math.round((measure.value / residents) * 10_000) / 10;
}

/** A column whose data cannot support a flag: no value, and why. */
export function noDataReason(why: string): FlagReason {
  return { value: null, reason: `No data: ${why}.` };
}

/** Each area's place among all of them for a rank rule, best first; areas with none are not ranked in a top rank. */
export function ranksOf(values: readonly number[], direction: "top" | "bottom"): (number | undefined)[] {
  const order = rankOrder(values, direction);
  const ranks: (number | undefined)[] = new Array<number | undefined>(values.length).fill(undefined);
  order.forEach((i, k) => {
    // Tied values share the better place, as a published league table writes them.
    ranks[i] = k > 0 && values[order[k - 1]] === values[i] ? ranks[order[k - 1]] : k + 1;
  });
  return ranks;
}
