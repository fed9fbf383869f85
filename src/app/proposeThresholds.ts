/*
 * Thresholds that fit the district: each count column's threshold proposed from the district's own
 * ward figures, by one method (the figure that flags the top fifth of its wards), with the
 * distribution it came from, so no district is held to another's absolute numbers.
 */
import { builtInCriteria, CriteriaSpec, ColumnSpec } from "../engine/rules/criteria";
import { parseRule } from "../engine/rules/rules";
import type { AnyLookup } from "../engine/geography/lookups";
import type { InputFile } from "../engine/matrix/pipeline";
import type { MonthNumber } from "../engine/read/dates";
import { buildTable4 } from "./table4";
import { rewordColumn } from "./districtCriteria";
import { failed, type Outcome } from "../engine/findings/outcome";

/** The share of a district's wards a proposed threshold flags: the top fifth. */
export const TOP_SHARE = 0.2;

export interface ColumnDistribution {
  column: string;
  label: string;
  /** The wards with a figure, and the figures in order, highest first. */
  wards: number;
  figures: number[];
  /** The rule proposed, or why the standard one stays. */
  rule: string;
  flagged?: number;
  kept?: string;
}

export interface ThresholdProposal {
  spec: CriteriaSpec;
  columns: ColumnDistribution[];
}

/** The figure at the top fifth of the wards (at least 1: a threshold of 0 would flag every ward). */
export function topShareThreshold(figures: readonly number[], share = TOP_SHARE): number {
  const sorted = [...figures].sort((a, b) => b - a);
  const k = Math.max(1, Math.ceil(sorted.length * share));
  return Math.max(1, sorted[k - 1] ?? 1);
}

/**
 * Proposes each count threshold of `spec` (the standard criteria for a district) from the
 * district's returns; rank and decile rules, which are relative already, stay as they are. A
 * column whose returns cannot support a figure for every ward keeps its rule, and says why.
 */
export function proposeThresholds(request: {
  spec: CriteriaSpec;
  inputs: readonly InputFile[];
  lookups: readonly AnyLookup[];
  today: MonthNumber;
}): Outcome<ThresholdProposal> {
  const criteria = builtInCriteria(request.spec, "standard");
  const built = buildTable4({
    inputs: request.inputs,
    lookups: request.lookups,
    criteria,
    districts: [],
    today: request.today,
    allowPartial: true,
  });
  if (!built.ok) return built;
  const matrix = built.tables[0]?.result.matrix;
  if (!matrix) return failed("thresholds-not-proposed", { district: request.spec.district?.name ?? "the district" });
  const columns: ColumnDistribution[] = [];
  const specColumns: ColumnSpec[] = request.spec.columns.map((col) => {
    const rule = parseRule(col.rule);
    const matrixColumn = matrix.columns.find((c) => c.id === col.id);
    const figures = matrix.rows
      .map((r) => r.reasons[col.id]?.value)
      .filter((v): v is number => typeof v === "number")
      .sort((a, b) => b - a);
    const keep = (kept: string) => {
      columns.push({ column: col.id, label: col.label, wards: figures.length, figures, rule: col.rule, kept });
      return col;
    };
    if (!rule.ok || rule.rule.type !== "threshold" || rule.rule.op !== ">=" || /decile/i.test(col.rule))
      return keep("its rule is relative, a rank or a national decile, which fits any district");
    if (rule.rule.perThousand) return keep("its rule is a rate per 1,000 residents, set by the analyst");
    if (matrixColumn?.noData) return keep(`no data: ${matrixColumn.noData}`);
    if (matrixColumn?.partial) return keep(`part of its data is missing: ${matrixColumn.partial}`);
    if (figures.length < matrix.rows.length) return keep("not every ward has a figure");
    const threshold = topShareThreshold(figures);
    const flagged = figures.filter((v) => v >= threshold).length;
    const proposed = `>=${threshold}`;
    columns.push({ column: col.id, label: col.label, wards: figures.length, figures, rule: proposed, flagged });
    const reworded = rewordColumn({ ...col, rule: proposed });
    return {
      ...reworded,
      criterion: `${reworded.criterion}; threshold set at the top fifth of ${matrix.district}'s ${figures.length} wards`,
    };
  });
  return { ok: true, spec: { ...request.spec, columns: specColumns }, columns };
}

/** The distribution behind each proposal, one line per column, as the command line prints it. */
export function distributionText(columns: readonly ColumnDistribution[]): string {
  return columns
    .map((c) => {
      const f = c.figures.map((v) => v.toLocaleString("en-GB", { maximumFractionDigits: 1 }));
      const median = f[Math.floor(f.length / 2)];
      const spread = f.length ? `ward figures from ${f[f.length - 1]} to ${f[0]} (median ${median})` : "no ward figures";
      return c.kept
        ? `${c.label}: ${c.rule} kept (${c.kept}); ${spread}.`
        : `${c.label}: ${c.rule} flags ${c.flagged} of ${c.wards} wards (the top fifth); ${spread}.`;
    })
    .join("\n");
}
