import { TextCheck } from "../findings/outcome";
/**
 * The rule grammar shared by the matrix criteria and =CSP.RISKFLAG:
 *   ">=400", ">120", "<=3", "=0", "400+"          a threshold (inclusive where it says so)
 *   "top 5", "top 10%", "bottom 5", "bottom 10%"  a rank among the areas, ties included
 *   "decile<=3"                                    a threshold on a decile (1 = most deprived)
 *   "rate>=50", "rate 50+"                         a threshold on a ward's count per 1,000 residents
 *                                                  (Table 4's criteria only: RISKFLAG has no residents)
 */
export type Rule =
  | { type: "threshold"; op: ">=" | ">" | "<=" | "<" | "="; value: number; text: string; perThousand?: true }
  | { type: "rank"; direction: "top" | "bottom"; n: number; percent: boolean; text: string };

export type RuleParse = TextCheck<{ rule: Rule }>;

const THRESHOLD = /^(?:decile\s*)?(>=|=>|>|<=|=<|<|=|≥|≤)\s*(-?\d+(?:\.\d+)?)$/i;
const PLUS = /^(\d+(?:\.\d+)?)\s*\+$/;
const RANK = /^(top|bottom|highest|lowest)\s+(\d+(?:\.\d+)?)\s*(%?)$/i;
const RATE = /^rate\s*(.*)$/i;

export function parseRule(text: string): RuleParse {
  const t = String(text ?? "")
    .trim()
    .replace(/\s+/g, " ");
  const rate = RATE.exec(t);
  if (rate) return rateRule(t, rate[1]);
  let m = THRESHOLD.exec(t);
  if (m) {
    const op = ({ "=>": ">=", "=<": "<=", "≥": ">=", "≤": "<=" } as Record<string, string>)[m[1]] ?? m[1];
    return { ok: true, rule: { type: "threshold", op: op as ">=", value: Number(m[2]), text: t } };
  }
  m = PLUS.exec(t);
  if (m) return { ok: true, rule: { type: "threshold", op: ">=", value: Number(m[1]), text: t } };
  m = RANK.exec(t);
  if (m) {
    const n = Number(m[2]);
    const percent = m[3] === "%";
    if (n <= 0 || (percent && n > 100) || (!percent && !Number.isInteger(n))) {
      return { ok: false, message: `"${t}": the number after ${m[1]} must be a whole number above 0 (or a percentage up to 100%).` };
    }
    const direction = /top|highest/i.test(m[1]) ? "top" : "bottom";
    return { ok: true, rule: { type: "rank", direction, n, percent, text: t } };
  }
  return {
    ok: false,
    message: `"${t}" is not a rule. Write a threshold (">=400", ">120", "400+", "decile<=3") or a rank ("top 5", "top 10%").`,
  };
}

/** "rate>=50": a threshold on each ward's count per 1,000 residents. */
function rateRule(text: string, threshold: string): RuleParse {
  const inner = parseRule(threshold);
  if (!inner.ok || inner.rule.type !== "threshold" || /decile/i.test(threshold))
    return {
      ok: false,
      message: `"${text}" is not a rate rule. Write the rate per 1,000 residents that flags a ward, e.g. "rate>=50" or "rate 50+".`,
    };
  return { ok: true, rule: { ...inner.rule, text, perThousand: true } };
}

export function meetsThreshold(rule: Extract<Rule, { type: "threshold" }>, v: number): boolean {
  switch (rule.op) {
    case ">=":
      return v >= rule.value;
    case ">":
      return v > rule.value;
    case "<=":
      return v <= rule.value;
    case "<":
      return v < rule.value;
    case "=":
      return v === rule.value;
  }
}

export interface RankOutcome {
  /** Indexes (into the values given) that the rule selects. */
  selected: Set<number>;
  /** How many the rule asked for (after turning a percentage into a number). */
  wanted: number;
  /** The value at the cut: every area equal to it is selected. */
  cutValue?: number;
  /** True when ties at the cut brought in more areas than asked for. */
  tied: boolean;
}

/**
 * Ranks values and selects the top (or bottom) n. Every value tied with the last one selected
 * is selected too: an area is never left out by the order rows happened to come in. For "top",
 * zero is no achievement, so areas with 0 are never in a top rank.
 */
export function applyRank(rule: Extract<Rule, { type: "rank" }>, values: readonly (number | undefined)[]): RankOutcome {
  const present = rankOrder(values, rule.direction);
  const wanted = rule.percent ? Math.ceil((values.filter((v) => v !== undefined).length * rule.n) / 100) : rule.n;
  const selected = new Set<number>();
  if (wanted === 0 || present.length === 0) return { selected, wanted, tied: false };
  const cutIndex = Math.min(wanted, present.length) - 1;
  const cutValue = values[present[cutIndex]]!;
  for (const i of present) {
    const v = values[i]!;
    if (rule.direction === "top" ? v >= cutValue : v <= cutValue) selected.add(i);
  }
  return { selected, wanted, cutValue, tied: selected.size > wanted };
}

/** The indexes of the values a rank places, best first: for "top", zero is no achievement and is never placed. */
export function rankOrder(values: readonly (number | undefined)[], direction: "top" | "bottom"): number[] {
  const present: number[] = [];
  values.forEach((v, i) => {
    if (v !== undefined && Number.isFinite(v) && (direction === "bottom" || v > 0)) present.push(i);
  });
  const sign = direction === "top" ? -1 : 1;
  return present.sort((a, b) => sign * (values[a]! - values[b]!));
}

/** Evaluates a rule over values: one flag per value (undefined stays undefined). */
export function evaluateRule(rule: Rule, values: readonly (number | undefined)[]): { flags: (boolean | undefined)[]; rank?: RankOutcome } {
  if (rule.type === "threshold") {
    return { flags: values.map((v) => (v === undefined ? undefined : meetsThreshold(rule, v))) };
  }
  const rank = applyRank(rule, values);
  return { flags: values.map((v, i) => (v === undefined ? undefined : rank.selected.has(i))), rank };
}

/** A value as far as the data can tell: its best reading and the least and most it may be. */
export interface Measure {
  value: number;
  lo: number;
  hi: number;
}

/** true, false, or null: the rule's answer depends on what the data leaves unknown. */
export type Verdict = boolean | null;

function thresholdVerdict(rule: Extract<Rule, { type: "threshold" }>, m: Measure): Verdict {
  if (m.lo === m.hi) return meetsThreshold(rule, m.value);
  // Every operator but "=" is met on an interval when met at both of its ends.
  const atLo = meetsThreshold(rule, m.lo);
  const atHi = meetsThreshold(rule, m.hi);
  if (rule.op === "=") return rule.value < m.lo || rule.value > m.hi ? false : null;
  return atLo === atHi ? atLo : null;
}

/** How many of `sorted` (ascending) are above x. */
function countAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * A rank over measures some of which are ranges. The rank selects every area with fewer than
 * `wanted` others strictly beyond it (ties at the cut are in), so an area is surely in when it
 * is in at its worst with every other at its best, and surely out when it is out at its best
 * with every other at its worst.
 */
function rankVerdicts(rule: Extract<Rule, { type: "rank" }>, measures: readonly Measure[], wanted: number): Verdict[] {
  // "bottom" is "top" of the negated values; for "top", zero is no achievement.
  const sign = rule.direction === "top" ? 1 : -1;
  const worst = measures.map((m) => (sign > 0 ? m.lo : -m.hi));
  const best = measures.map((m) => (sign > 0 ? m.hi : -m.lo));
  const bests = Float64Array.from(best).sort();
  const worsts = Float64Array.from(worst).sort();
  return measures.map((_, i) => {
    const inAtWorst = (sign < 0 || worst[i] > 0) && countAbove(bests, worst[i]) - (best[i] > worst[i] ? 1 : 0) < wanted;
    if (inAtWorst) return true;
    const outAtBest = (sign > 0 && best[i] <= 0) || countAbove(worsts, best[i]) - (worst[i] > best[i] ? 1 : 0) >= wanted;
    return outAtBest ? false : null;
  });
}

/**
 * Evaluates a rule over measures: a flag where the rule holds whatever the unknown part is, no
 * flag where it fails whatever it is, and null where the answer depends on it.
 */
export function evaluateMeasures(rule: Rule, measures: readonly Measure[]): { flags: Verdict[]; rank?: RankOutcome } {
  const exact = measures.every((m) => m.lo === m.hi);
  if (rule.type === "threshold") return { flags: measures.map((m) => thresholdVerdict(rule, m)) };
  const rank = applyRank(
    rule,
    measures.map((m) => m.value),
  );
  if (exact) return { flags: measures.map((_, i) => rank.selected.has(i)), rank };
  return { flags: rankVerdicts(rule, measures, rank.wanted), rank };
}
