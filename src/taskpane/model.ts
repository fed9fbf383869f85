/* The pane's logic that is not drawing: pure functions over the engine, tested without a browser. */
import { SheetData, cellText, columnLetter, quoteSheetName } from "../engine/cells";
import { CriteriaSpec, DEFAULT_CRITERIA_SPEC, readCriteria } from "../engine/criteria";
import { Finding } from "../engine/findings";
import { readLookup, AnyLookup, districtsInLookups } from "../engine/geography";
import { formatMonthIso } from "../engine/dates";
import { District, lastWholeMonth, parseEndMonth, standardCriteria } from "../app/criteria";
import { recogniseKind } from "../engine/headers";
import { buildFromInputs, BuildResult, InputFile } from "../engine/pipeline";
import { returnKind } from "../engine/returnKinds";

export const MARKINGS = ["NOT PROTECTIVELY MARKED", "OFFICIAL", "OFFICIAL-SENSITIVE", "RESTRICTED"];

/** What the workbook keeps between sessions (in its settings): the rules and choices of the last build. */
export interface StoredSettings {
  criteria: CriteriaSpec;
  marking: string;
  /** Matrix column id -> sheet name. */
  sources: Record<string, string>;
  lookupSheet?: string;
}

export function defaultSettings(): StoredSettings {
  return { criteria: JSON.parse(JSON.stringify(DEFAULT_CRITERIA_SPEC)), marking: MARKINGS[0], sources: {} };
}

export function parseSettings(json: string | undefined): StoredSettings {
  if (!json) return defaultSettings();
  try {
    const s = JSON.parse(json) as Partial<StoredSettings>;
    const base = defaultSettings();
    const criteria = s.criteria && readCriteria(s.criteria).ok ? s.criteria : base.criteria;
    return { criteria, marking: s.marking ?? base.marking, sources: s.sources ?? {}, lookupSheet: s.lookupSheet };
  } catch {
    return defaultSettings();
  }
}

/** The kind a sheet's first rows show, if exactly one fits. */
export function kindOfSheet(head: SheetData): string | undefined {
  const r = recogniseKind(head);
  return r.status === "recognised" ? r.guess.kind.id : undefined;
}

/** The kind a sheet is read as for a column: its own when it stands for the column's (a data.police.uk sheet for police ASB). */
function feedingKind(sheet: SheetData, columnKind: string): string {
  const own = kindOfSheet(sheet);
  return own && own !== columnKind && feedsKind(own, columnKind) ? own : columnKind;
}

function feedsKind(kind: string | undefined, columnKind: string): boolean {
  return !!kind && (kind === columnKind || !!returnKind(kind)?.feeds?.some((f) => f.kind === columnKind));
}

/** The districts a lookup sheet covers, for the pane's district picker; empty when it is no area lookup. */
export function districtsOfLookup(sheet: SheetData | undefined): District[] {
  if (!sheet) return [];
  const r = readLookup(sheet);
  return r.ok ? districtsInLookups([r.lookup]) : [];
}

/** Standard criteria for a district picked in the pane, ending at a month typed as YYYY-MM. */
export function criteriaForDistrict(district: District, endText: string, now = new Date()): { ok: true; criteria: CriteriaSpec } | { ok: false; message: string } {
  const end = parseEndMonth(endText);
  if (end === undefined) return { ok: false, message: `"${endText}" is not a month: write the last month of the data as YYYY-MM, e.g. 2025-09.` };
  return { ok: true, criteria: standardCriteria({ district, end, today: now.getUTCFullYear() * 12 + now.getUTCMonth() }) };
}

export function defaultEndMonth(now = new Date()): string {
  return formatMonthIso(lastWholeMonth(now));
}

/** Fills in, for every matrix column without a chosen sheet, a sheet recognised as its kind (or one that stands for it). */
export function prefillSources(criteria: CriteriaSpec, kinds: Record<string, string | undefined>, chosen: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of criteria.columns) {
    const current = chosen[col.id];
    if (current && current in kinds) out[col.id] = current;
    else {
      const found = Object.entries(kinds).find(([, k]) => k === col.kind)?.[0] ?? Object.entries(kinds).find(([, k]) => feedsKind(k, col.kind))?.[0];
      if (found) out[col.id] = found;
    }
  }
  return out;
}

/** Builds the matrix from sheets already read: the same checks and rules as the command line. */
export function buildInPane(settings: StoredSettings, sheets: Record<string, SheetData>, options: { allowPartial?: boolean; compiled?: string; lookup?: SheetData; concerns?: SheetData }): BuildResult & { criteriaErrors?: string[]; lookupError?: string } {
  const criteria = readCriteria(settings.criteria);
  if (!criteria.ok) return { returns: [], findings: [], noData: [], criteriaErrors: criteria.errors };
  const inputs: InputFile[] = [];
  const used = new Set<string>();
  for (const col of criteria.criteria.columns) {
    const name = settings.sources[col.id];
    if (!name || !sheets[name]) continue;
    const kind = feedingKind(sheets[name], col.kind.id);
    if (used.has(`${kind}|${name}`)) continue;
    used.add(`${kind}|${name}`);
    inputs.push({ file: "this workbook", kind, sheets: [sheets[name]] });
  }
  if (options.concerns) inputs.push({ file: "this workbook", kind: "concerns", sheets: [options.concerns] });
  let lookups: AnyLookup[] = [];
  if (options.lookup) {
    const l = readLookup(options.lookup);
    if (!l.ok) return { returns: [], findings: [], noData: [], lookupError: `${l.message} ${l.fix}` };
    lookups = [l.lookup];
  }
  return buildFromInputs(inputs, { criteria: criteria.criteria, lookups, allowPartial: options.allowPartial, compiled: options.compiled });
}

export function monthYear(now = new Date()): string {
  return now.toLocaleDateString("en-GB", { month: "long", year: "numeric" });
}

/** The first A1 cell of a finding's reference, to select it ("Fires!C14" -> "C14"; "Fires!20:25" -> "A20:Z25"). */
export function findingAddress(f: Finding): { sheet: string; address: string } | undefined {
  if (!f.cell) return undefined;
  const bang = f.cell.lastIndexOf("!");
  const sheet = bang > 0 ? f.cell.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'") : f.sheet;
  const address = bang > 0 ? f.cell.slice(bang + 1) : f.cell;
  if (/^\d+:\d+$/.test(address)) {
    const [a, b] = address.split(":");
    return { sheet, address: `${a}:${b}` };
  }
  return { sheet, address };
}

/** The headers of a sheet (first non-blank row), with their columns, for the harm view. */
export function headersOf(head: SheetData): { row: number; headers: { col: number; text: string }[] } {
  const row = head.rows.findIndex((r) => r && r.filter((c) => cellText(c)).length >= 2);
  if (row < 0) return { row: -1, headers: [] };
  return { row, headers: head.rows[row].map((c, col) => ({ col, text: cellText(c) })).filter((h) => h.text) };
}

/** =CSP.HARMWEIGHT over two columns of a sheet: the add-in's own formula, from sheet and column positions only. */
export function harmFormula(sheet: string, headerRow: number, lastRow: number, offenceCol: number, countCol: number, population?: number): string {
  const ref = (col: number) => `${quoteSheetName(sheet)}!$${columnLetter(col)}$${headerRow + 2}:$${columnLetter(col)}$${Math.max(headerRow + 2, lastRow + 1)}`;
  return `=CSP.HARMWEIGHT(${ref(offenceCol)},${ref(countCol)}${population ? `,${Math.round(population)}` : ""})`;
}

export function kindLabel(id: string | undefined): string {
  return (id && returnKind(id)?.label) || "Not recognised";
}
