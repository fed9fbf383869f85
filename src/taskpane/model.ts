/* The pane's state and choices that are not drawing: pure functions, tested without a browser. */
import { addressOf, formatMonthIso, formatMonthLong } from "../app/present";
import type { CriteriaSpec } from "../engine/rules/criteria";
import { DEFAULT_CRITERIA_SPEC, readCriteria } from "../app/districtCriteria";
import type { Finding } from "../engine/findings/findings";
import type { District } from "../app/districtCriteria";
import { lastWholeMonth, monthOfDate, parseEndMonth, standardCriteria } from "../app/districtCriteria";
import { feedsKind } from "../app/openWorkbook";
import type { Mark, SheetInfo } from "../common/workbookPort";
import { fixForPane } from "./paneRemedies";
import { returnKind } from "../app/kinds";

/**
 * The Government Security Classifications (2014): OFFICIAL, with OFFICIAL-SENSITIVE for what needs
 * more care. The markings they retired stay at the end, to match an older paper's.
 */
export const MARKINGS = ["OFFICIAL", "OFFICIAL-SENSITIVE", "NOT PROTECTIVELY MARKED", "RESTRICTED"];

/** What the workbook keeps between sessions (in its settings): the rules and choices of the last build. */
export interface StoredSettings {
  criteria: CriteriaSpec;
  marking: string;
  /** Matrix column id -> sheet name. */
  sources: Record<string, string>;
  lookupSheet?: string;
  /** Sheet name -> the sheet's id, for the sheets named above: a sheet renamed since is found again by its id. */
  sheetIds?: Record<string, string>;
}

/** The settings with the ids of the sheets they name, as the workbook has them now. */
export function withSheetIds(s: StoredSettings, ids: Record<string, string>): StoredSettings {
  const named = [...Object.values(s.sources), s.lookupSheet].filter((n): n is string => !!n && n in ids);
  return { ...s, sheetIds: Object.fromEntries(named.map((n) => [n, ids[n]])) };
}

/**
 * The settings with every sheet renamed since they were saved under its new name, found by the id
 * kept beside the old one; a sheet neither named nor found stays as it was (and is reported missing).
 */
export function followRenamedSheets(s: StoredSettings, ids: Record<string, string>): StoredSettings {
  const nameOfId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  const current = (name: string | undefined) => {
    if (!name || name in ids) return name;
    const id = s.sheetIds?.[name];
    return (id !== undefined && nameOfId.get(id)) || name;
  };
  const sources = Object.fromEntries(Object.entries(s.sources).map(([col, name]) => [col, current(name) ?? name]));
  const lookupSheet = current(s.lookupSheet);
  const renamed = lookupSheet !== s.lookupSheet || Object.keys(sources).some((k) => sources[k] !== s.sources[k]);
  return renamed ? withSheetIds({ ...s, sources, lookupSheet }, ids) : s;
}

export function defaultSettings(): StoredSettings {
  return { criteria: publishedExample(), marking: MARKINGS[0], sources: {} };
}

export function parseSettings(json: string | undefined): StoredSettings {
  if (!json) return defaultSettings();
  try {
    const s = JSON.parse(json) as Partial<StoredSettings>;
    const base = defaultSettings();
    const criteria = s.criteria && readCriteria(s.criteria).ok ? s.criteria : base.criteria;
    return { criteria, marking: s.marking ?? base.marking, sources: s.sources ?? {}, lookupSheet: s.lookupSheet, sheetIds: s.sheetIds };
  } catch {
    return defaultSettings();
  }
}

/** Standard criteria for a district picked in the pane, ending at a month typed as YYYY-MM. */
export function criteriaForDistrict(
  district: District,
  endText: string,
  now = new Date(),
): { ok: true; criteria: CriteriaSpec } | { ok: false; message: string } {
  const end = parseEndMonth(endText);
  if (end === undefined)
    return { ok: false, message: `"${endText}" is not a month: write the last month of the data as YYYY-MM, e.g. 2025-09.` };
  // "Data compiled" is the data's last month, as the periods are.
  const criteria = standardCriteria({ district, end, today: monthOfDate(now) });
  return { ok: true, criteria: { ...criteria, compiled: formatMonthLong(end) } };
}

export function defaultEndMonth(now = new Date()): string {
  return formatMonthIso(lastWholeMonth(now));
}

/** The sheets that can feed a column of a kind: those recognised as it, else those that stand for it (data.police.uk). */
export function sheetsFitting(columnKind: string, kinds: Record<string, string | undefined>): string[] {
  const own = Object.keys(kinds).filter((n) => kinds[n] === columnKind);
  return own.length ? own : Object.keys(kinds).filter((n) => feedsKind(kinds[n], columnKind));
}

/**
 * Fills in, for every matrix column without a chosen sheet, the one sheet that fits it. Where
 * several fit (a draft beside the full return), none is taken: the user chooses.
 */
export function prefillSources(
  criteria: CriteriaSpec,
  kinds: Record<string, string | undefined>,
  chosen: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of criteria.columns) {
    const current = chosen[col.id];
    if (current && current in kinds) out[col.id] = current;
    else {
      const fitting = sheetsFitting(col.kind, kinds);
      if (fitting.length === 1) out[col.id] = fitting[0];
    }
  }
  return out;
}

/** What is wrong with the sheet chosen for a column, or undefined: a sheet of another kind, or several that fit and none chosen. */
export function sourceProblem(
  column: { label: string; kind: string },
  chosen: string | undefined,
  kinds: Record<string, string | undefined>,
  rows: Record<string, number> = {},
): { severity: "error" | "warning"; text: string } | undefined {
  if (chosen) {
    const kind = kinds[chosen];
    if (kind && !feedsKind(kind, column.kind)) {
      return {
        severity: "error",
        text: `${chosen} is a ${kindLabel(kind)} return, not ${kindLabel(column.kind)}: choose the sheet that holds the ${kindLabel(column.kind)} return.`,
      };
    }
    return undefined;
  }
  const fitting = sheetsFitting(column.kind, kinds);
  const described = fitting.map((n) => (rows[n] === undefined ? n : `${n}, ${rows[n].toLocaleString("en-GB")} rows`));
  return fitting.length > 1
    ? { severity: "warning", text: `${fitting.length} sheets fit this column (${described.join("; ")}): choose the one to use.` }
    : undefined;
}

export function monthYear(now = new Date()): string {
  return now.toLocaleDateString("en-GB", { month: "long", year: "numeric" });
}

/** Where to go for a finding: its sheet and the address of its cell, rows or range. */
export function findingAddress(f: Finding): { sheet: string; address: string } | undefined {
  return f.at ? { sheet: f.sheet, address: addressOf(f.at) } : undefined;
}

/** A finding said once, with how many times it was found and where. */
export interface FindingGroup {
  finding: Finding;
  count: number;
  /** The cells of every repeat, in order, without duplicates. */
  cells: string[];
}

/**
 * Findings whose words are the same (the same problem, the same fix) said once with a count and
 * their cells: one missing lookup is one problem, however many wards it touches.
 */
export function groupRepeats(findings: readonly Finding[], fixOf: (f: Finding) => string = fixForPane): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.severity}|${f.code}|${f.sheet}|${f.message}|${fixOf(f)}`;
    const g = groups.get(key) ?? { finding: f, count: 0, cells: [] };
    g.count++;
    const cell = f.at ? addressOf(f.at) : undefined;
    if (cell && !g.cells.includes(cell)) g.cells.push(cell);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Cells to mark are at most this many: comments beyond it would bury the sheet. */
export const MARKS_SHOWN = 500;

/** One mark per cell, its note listing every finding of that cell, in the pane's words (or another front end's). */
export function marksOf(findings: readonly Finding[], fixOf: (f: Finding) => string = fixForPane): Mark[] {
  const notes = new Map<string, string[]>();
  for (const f of findings) {
    if (f.at?.kind !== "cell") continue;
    const address = addressOf(f.at);
    const list = notes.get(address) ?? [];
    if (!list.length && notes.size >= MARKS_SHOWN) continue;
    list.push(`${f.severity.toUpperCase()}: ${f.message}\nFix: ${fixOf(f)}`);
    notes.set(address, list);
  }
  return [...notes].map(([address, list]) => ({ address, note: list.join("\n\n") }));
}

/** The sheet a view starts on: the active one, else the first. */
export function defaultSheet(sheets: readonly SheetInfo[]): string {
  return sheets.find((s) => s.active)?.name ?? sheets[0]?.name ?? "";
}

/** "; 120 rows read, 118 accepted, 1 excluded, 1 rejected." after a check's kind, or "." when no rows were read. */
export function rowsAccounted(summary: { rowsRead?: number; accepted?: number; excluded?: number; rejected?: number }): string {
  return summary.rowsRead !== undefined
    ? `; ${summary.rowsRead} rows read, ${summary.accepted} accepted, ${summary.excluded} excluded, ${summary.rejected} rejected.`
    : ".";
}

export function kindLabel(id: string | undefined): string {
  return (id && returnKind(id)?.label) || "Not recognised";
}

/** The criteria are still the built-in example (South Cambridgeshire, January 2020): the pane asks for the user's district first. */
export function stillTheExample(criteria: CriteriaSpec): boolean {
  return JSON.stringify(criteria) === JSON.stringify(DEFAULT_CRITERIA_SPEC);
}

/** A fresh copy of the published example's criteria (South Cambridgeshire, January 2020). */
export function publishedExample(): CriteriaSpec {
  return JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC)) as CriteriaSpec;
}
