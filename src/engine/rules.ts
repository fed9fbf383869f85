import { Outcome } from "./outcome";
/**
 * The rule grammar shared by the matrix criteria and =CSP.RISKFLAG:
 *   ">=400", ">120", "<=3", "=0", "400+"          a threshold (inclusive where it says so)
 *   "top 5", "top 10%", "bottom 5", "bottom 10%"  a rank among the areas, ties included
 *   "decile<=3"                                    a threshold on a decile (1 = most deprived)
 */
export type Rule =
  | { type: "threshold"; op: ">=" | ">" | "<=" | "<" | "="; value: number; text: string }
  | { type: "rank"; direction: "top" | "bottom"; n: number; percent: boolean; text: string };

export type RuleParse = Outcome<{ rule: Rule }>;

const THRESHOLD = /^(?:decile\s*)?(>=|=>|>|<=|=<|<|=|≥|≤)\s*(-?\d+(?:\.\d+)?)$/i;
const PLUS = /^(\d+(?:\.\d+)?)\s*\+$/;
const RANK = /^(top|bottom|highest|lowest)\s+(\d+(?:\.\d+)?)\s*(%?)$/i;

export function parseRule(text: string): RuleParse {
  const t = String(text ?? "")
    .trim()
    .replace(/\s+/g, " ");
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
  const present: number[] = [];
  values.forEach((v, i) => {
    if (v !== undefined && Number.isFinite(v) && (rule.direction === "bottom" || v > 0)) present.push(i);
  });
  const wanted = rule.percent ? Math.ceil((values.filter((v) => v !== undefined).length * rule.n) / 100) : rule.n;
  const sign = rule.direction === "top" ? -1 : 1;
  present.sort((a, b) => sign * (values[a]! - values[b]!));
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

/** Evaluates a rule over values: one flag per value (undefined stays undefined). */
export function evaluateRule(rule: Rule, values: readonly (number | undefined)[]): { flags: (boolean | undefined)[]; rank?: RankOutcome } {
  if (rule.type === "threshold") {
    return { flags: values.map((v) => (v === undefined ? undefined : meetsThreshold(rule, v))) };
  }
  const rank = applyRank(rule, values);
  return { flags: values.map((v, i) => (v === undefined ? undefined : rank.selected.has(i))), rank };
}
