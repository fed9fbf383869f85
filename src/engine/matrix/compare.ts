import { Cell, cellText } from "../read/cells";
import { Matrix } from "./matrix";
import { PRIORITY_HEADING, PROFESSIONAL_CONCERN } from "./render";
import { normaliseName } from "../read/text";

/** A matrix as read back from a sheet: what a previous quarter's Table 4 holds. */
export interface MatrixSnapshot {
  sheet: string;
  columns: string[];
  rows: { ward: string; flags: Record<string, boolean>; total?: number; risk?: string; concern?: string; priority?: string }[];
  /** Each column's criterion as the earlier table printed it (label -> criterion), when it did. */
  criteria: Record<string, string>;
}

/** The "Criteria for a risk flag" section below a Table 4: data source and criterion per row. */
function readCriteriaSection(rows: readonly (readonly Cell[] | undefined)[], from: number): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const start = rows.findIndex((r, i) => i >= from && r && cellText(r[0]) === "Data source" && cellText(r[1]) === "Criteria");
  if (start < 0) return out;
  for (let r = start + 1; r < rows.length; r++) {
    const label = cellText(rows[r]?.[0]);
    if (!label) break;
    out[label] = cellText(rows[r]?.[1]);
  }
  return out;
}

/**
 * Finds a Table 4 in a sheet's values (a header row starting "Ward" with "Total Flags") and reads its
 * ward rows, so officers' notes can be carried forward and quarters compared.
 */
export function readMatrixSnapshot(sheet: string, rows: readonly (readonly Cell[] | undefined)[]): MatrixSnapshot | undefined {
  const headerRow = rows.findIndex((r) => r && cellText(r[0]) === "Ward" && r.some((c) => cellText(c) === "Total Flags"));
  if (headerRow < 0) return undefined;
  const header = (rows[headerRow] ?? []).map(cellText);
  const totalCol = header.indexOf("Total Flags");
  const riskCol = header.indexOf("Risk");
  const concernCol = header.indexOf(PROFESSIONAL_CONCERN);
  const priorityCol = header.indexOf(PRIORITY_HEADING);
  const columns = header.slice(1, totalCol);
  const out: MatrixSnapshot = { sheet, columns, rows: [], criteria: readCriteriaSection(rows, headerRow) };
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const ward = cellText(row[0]);
    if (!ward) break;
    const flags = Object.create(null) as Record<string, boolean>;
    columns.forEach((c, i) => {
      const v = row[i + 1];
      flags[c] = v === 1 || v === true || cellText(v) === "1" || /^(x|yes|true|✓)$/i.test(cellText(v));
    });
    const total = typeof row[totalCol] === "number" ? row[totalCol] : Number(cellText(row[totalCol])) || 0;
    out.rows.push({
      ward,
      flags,
      total,
      risk: riskCol >= 0 ? cellText(row[riskCol]) || undefined : undefined,
      concern: concernCol >= 0 ? cellText(row[concernCol]) || undefined : undefined,
      priority: priorityCol >= 0 ? cellText(row[priorityCol]) || undefined : undefined,
    });
  }
  return out;
}

export interface WardChange {
  ward: string;
  gained: string[];
  lost: string[];
  /** Columns flagged before whose flag is now not known (part of the data missing): neither gained nor lost. */
  notKnown: string[];
  riskBefore?: string;
  riskAfter: string;
}

export interface MatrixComparison {
  against: string;
  changes: WardChange[];
  /**
   * Columns whose criterion changed (a threshold, a period, a rule): their gains and losses may
   * come from the criteria, not the data, and are said to.
   */
  criteriaChanged: { column: string; before: string; now: string }[];
  /** Wards in one matrix and not the other (boundary changes, another district). */
  onlyBefore: string[];
  onlyNow: string[];
}

/** Flags gained and lost per ward, and wards whose risk level moved, since an earlier matrix. */
export function compareMatrices(before: MatrixSnapshot, now: Matrix): MatrixComparison {
  const key = (s: string) => normaliseName(s);
  const previous = new Map(before.rows.map((r) => [key(r.ward), r]));
  const changes: WardChange[] = [];
  for (const row of now.rows) {
    const old = previous.get(key(row.ward));
    if (!old) continue;
    const gained: string[] = [];
    const lost: string[] = [];
    const notKnown: string[] = [];
    for (const c of now.columns) {
      const was = Object.entries(old.flags).find(([label]) => key(label) === key(c.label))?.[1];
      if (was === undefined) continue;
      const flag = row.flags[c.id];
      if (flag === null) {
        if (was) notKnown.push(c.label);
        continue;
      }
      if (flag && !was) gained.push(c.label);
      if (!flag && was) lost.push(c.label);
    }
    if (gained.length || lost.length || notKnown.length || (old.risk && old.risk !== row.risk)) {
      changes.push({ ward: row.ward, gained, lost, notKnown, riskBefore: old.risk, riskAfter: row.risk });
    }
  }
  const nowKeys = new Set(now.rows.map((r) => key(r.ward)));
  const criteriaChanged = now.columns.flatMap((c) => {
    const was = Object.entries(before.criteria).find(([label]) => key(label) === key(c.label))?.[1];
    return was !== undefined && key(was) !== key(c.criterion) ? [{ column: c.label, before: was, now: c.criterion }] : [];
  });
  return {
    against: before.sheet,
    changes,
    criteriaChanged,
    onlyBefore: before.rows.filter((r) => !nowKeys.has(key(r.ward))).map((r) => r.ward),
    onlyNow: now.rows.filter((r) => !previous.has(key(r.ward))).map((r) => r.ward),
  };
}

/** Officers' notes from an earlier matrix, for wards whose new row has none: they are never computed. */
export function carryForwardNotes(matrix: Matrix, before: MatrixSnapshot | undefined): Matrix {
  if (!before) return matrix;
  const notes = new Map(before.rows.map((r) => [normaliseName(r.ward), r]));
  return {
    ...matrix,
    rows: matrix.rows.map((r) => {
      const old = notes.get(normaliseName(r.ward));
      return { ...r, concern: r.concern ?? old?.concern, priority: r.priority ?? old?.priority };
    }),
  };
}

/** The comparison as rows of text, written beside the new matrix. */
export function comparisonRows(c: MatrixComparison): string[][] {
  const byCriteria = new Set(c.criteriaChanged.map((x) => x.column));
  // A change in a column whose criterion changed is the criteria's doing as much as the data's.
  const said = (labels: string[]) => labels.map((l) => (byCriteria.has(l) ? `${l} (criteria changed)` : l)).join(", ");
  const rows: string[][] = [
    [`Changes since ${c.against}`, "", "", ""],
    ...c.criteriaChanged.map((x) => [`Criteria changed for ${x.column}: was "${x.before}", now "${x.now}".`, "", "", ""]),
    ["Ward", "Flags gained", "Flags lost", "Risk"],
  ];
  for (const ch of c.changes) {
    rows.push([
      ch.ward,
      said(ch.gained),
      [said(ch.lost), ...ch.notKnown.map((l) => `${l} (now not known)`)].filter(Boolean).join(", "),
      ch.riskBefore && ch.riskBefore !== ch.riskAfter ? `${ch.riskBefore} → ${ch.riskAfter}` : ch.riskAfter,
    ]);
  }
  if (c.changes.length === 0) rows.push(["No ward's flags or risk changed.", "", "", ""]);
  if (c.onlyNow.length) rows.push([`New wards: ${c.onlyNow.join(", ")}`, "", "", ""]);
  if (c.onlyBefore.length) rows.push([`No longer present: ${c.onlyBefore.join(", ")}`, "", "", ""]);
  return rows;
}

/** The comparison as text for a terminal: its sentences as they are, the ward rows aligned. */
export function comparisonText(c: MatrixComparison): string {
  const rows = comparisonRows(c);
  const table = rows.filter((r) => r.slice(1).some((t) => t) || r[0] === "Ward");
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((r) => r[i].length)));
  return rows
    .map((r) =>
      table.includes(r)
        ? r
            .map((t, i) => t.padEnd(widths[i]))
            .join("  ")
            .trimEnd()
        : r[0],
    )
    .join("\n");
}
