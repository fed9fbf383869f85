import { Cell, cellText, isBlank, SheetData, spreadsheetErrorOf } from "../read/cells";
import { cellAt, Finding, FindingCode, finding, Location, Remedy, rowsAt } from "../findings/findings";
import { ParamsOf } from "../findings/findingCatalogue";
import { matchHeaders, findHeaderRow, HEADER_SEARCH_ROWS } from "../returns/headers";
import { gridOf, headRows } from "../read/grid";
import { ReturnKind } from "../returns/returnKinds";
import { MAX_COUNT, parseNumber } from "../returns/values";
import { TextCheck } from "../findings/outcome";

/**
 * The Cambridge Crime Harm Index: days of imprisonment (the sentencing guideline's starting
 * point for a first offender) per offence. These are the scores the Cambridgeshire strategic
 * assessments publish; analysts add the full table as a weights range or file.
 */
export const PUBLISHED_CHI_SCORES: readonly { offence: string; days: number }[] = [
  { offence: "Common assault and battery (incl. attempts)", days: 1 },
  { offence: "Assault – occasioning actual bodily harm (incl. attempts)", days: 10 },
  { offence: "Sending letters etc with intent to cause distress or anxiety (incl. attempts)", days: 10 },
  { offence: "Harassment (incl. attempts)", days: 10 },
  { offence: "Threats to kill", days: 10 },
  {
    offence:
      "Owner or person in charge allowing dog to be dangerously out of control in any place in England or Wales (whether or not a public place) injuring any person or assistance dog (incl. attempts)",
    days: 2,
  },
  { offence: "Assault – GBH cause grievous bodily harm (incl. assault police and attempts)", days: 1460 },
  { offence: "Racially or religiously aggravated intentional harassment, alarm or distress", days: 42 },
  { offence: "Racially or religiously aggravated common assault or beating", days: 10 },
  { offence: "Racially or religiously aggravated assault or assault occasioning actual bodily harm", days: 182 },
  { offence: "Racially or religiously aggravated fear or provocation of violence", days: 42 },
  { offence: "Racially or religiously aggravated wounding or grievous bodily harm", days: 547.5 },
  { offence: "Arson endangering life (incl. attempts)", days: 2190 },
  { offence: "Arson not endangering life (incl. attempts)", days: 18.75 },
];

/**
 * Offence titles are matched after normalising case, dashes, spacing and "(incl. attempts)"
 * (and other "(incl. ...)" notes), because every extract writes them slightly differently.
 */
export function offenceKey(text: string): string {
  return String(text)
    .toLowerCase()
    .replace(/\(\s*incl(?:uding|\.)?[^)]*\)/g, " ")
    .replace(/\bincl(?:uding|\.)?\s+attempts\b/g, " ")
    .replace(/&/g, " and ")
    .replace(/[\u2010-\u2015\u2212-]/g, " ")
    .replace(/[^a-z0-9.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export class HarmTable {
  private readonly scores = new Map<string, { offence: string; days: number }>();

  constructor(entries: readonly { offence: string; days: number }[] = PUBLISHED_CHI_SCORES) {
    this.extend(entries);
  }

  /** Adds or replaces scores (by offence title or Home Office code). */
  extend(entries: readonly { offence: string; days: number }[]): this {
    for (const e of entries) this.scores.set(offenceKey(e.offence), e);
    return this;
  }

  score(offence: string): number | undefined {
    return this.scores.get(offenceKey(offence))?.days;
  }

  get size(): number {
    return this.scores.size;
  }
}

export type WeightsRead = TextCheck<{ entries: { offence: string; days: number }[] }>;

/** Reads a weights table: rows of (offence title or Home Office code, days); a header row is allowed. */
export function readWeights(rows: readonly (readonly Cell[] | undefined)[]): WeightsRead {
  const entries: { offence: string; days: number }[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every(isBlank)) continue;
    const offence = cellText(row[0]);
    const days = parseNumber(row[1] ?? null);
    if (!offence) return { ok: false, message: `Row ${r + 1} of the weights has no offence.` };
    if (days === undefined || days < 0) {
      if (entries.length === 0 && r === rows.findIndex((x) => x && !x.every(isBlank))) continue; // a header row
      return {
        ok: false,
        message: `Row ${r + 1} of the weights ("${offence}") has "${cellText(row[1] ?? null)}" for days; give a number of 0 or more.`,
      };
    }
    entries.push({ offence, days });
  }
  return { ok: true, entries };
}

export interface HarmPeriod {
  period: string;
  count: number;
  harm: number;
  ratePer1000?: number;
  harmPer1000?: number;
}

export interface HarmReport {
  periods: HarmPeriod[];
  change?: { ratePct: number; harmPct: number };
  offences: { offence: string; score: number; count: number; harm: number }[];
  unknown: { offence: string; count: number; rows: number[] }[];
  findings: Finding[];
}

const HARM_KIND: ReturnKind = {
  id: "harm",
  label: "Offence counts",
  partner: "",
  description: "",
  identifiedBy: [{ field: "offence" }],
  nameHints: [],
  data: false,
  fields: [
    {
      id: "offence",
      header: "Offence",
      type: "text",
      required: true,
      synonyms: ["offence", "offence type", "offence title", "crime type", "home office code", "ho code", "offence code", "classification"],
      keywords: [["offence"]],
      notKeywords: ["count", "number"],
      description: "",
      example: "",
    },
    {
      id: "count",
      header: "Count",
      type: "count",
      required: true,
      synonyms: ["count", "offences", "number", "no of offences", "number of offences", "crimes", "total"],
      keywords: [["count"], ["number"]],
      description: "",
      example: "",
    },
    {
      id: "period",
      header: "Period",
      type: "text",
      synonyms: ["period", "year", "financial year", "month"],
      keywords: [["period"], ["year"]],
      description: "",
      example: "",
    },
  ],
};

function pctChange(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined || from === 0) return undefined;
  return ((to - from) / from) * 100;
}

/**
 * The strategic assessment's harm table: per period the count, the harm in days, the crime rate
 * and the harm-weighted rate per 1,000 population, and the change from the first period to the last.
 */
export function harmReport(sheet: SheetData, table: HarmTable, population?: number): HarmReport {
  const findings: Finding[] = [];
  const add = <C extends FindingCode>(code: C, at: Location | undefined, params: ParamsOf<C>, remedies?: Remedy[]) =>
    findings.push(finding(code, { file: sheet.file, sheet: sheet.sheet, at, params, remedies }));
  const report: HarmReport = { periods: [], offences: [], unknown: [], findings };
  const grid = gridOf(sheet);
  const headerRow = findHeaderRow(HARM_KIND, headRows(sheet, HEADER_SEARCH_ROWS));
  const match = headerRow >= 0 ? matchHeaders(HARM_KIND, grid.row(headerRow)) : undefined;
  const oc = match?.columns.get("offence");
  const cc = match?.columns.get("count");
  const pc = match?.columns.get("period");
  if (oc === undefined || cc === undefined) {
    add("missing-column", headerRow >= 0 ? rowsAt(headerRow) : undefined, { form: "harm", file: sheet.file });
    return report;
  }
  const periods = new Map<string, HarmPeriod>();
  const offences = new Map<string, { offence: string; score: number; count: number; harm: number }>();
  const unknown = new Map<string, { offence: string; count: number; rows: number[] }>();
  for (let r = headerRow + 1; r < grid.length; r++) {
    const row = grid.row(r);
    if (row.every(isBlank)) continue;
    const offence = cellText(row[oc]);
    const err = spreadsheetErrorOf(row[cc]);
    const count = parseNumber(row[cc]);
    if (!offence) {
      add("missing-value", cellAt(r, oc), { form: "offence", row: r + 1 });
      continue;
    }
    // Beyond any row's count (1e308) the harm would print as Infinity, and its JSON as null.
    if (err || count === undefined || count < 0 || count > MAX_COUNT) {
      add("bad-count", cellAt(r, cc), { form: "harm", row: r + 1, offence, value: cellText(row[cc]) });
      continue;
    }
    const period = pc !== undefined ? cellText(row[pc]) || "all" : "all";
    const score = table.score(offence);
    if (score === undefined) {
      const u = unknown.get(offence) ?? { offence, count: 0, rows: [] };
      u.count += count;
      u.rows.push(r + 1);
      unknown.set(offence, u);
      continue;
    }
    const p = periods.get(period) ?? { period, count: 0, harm: 0 };
    p.count += count;
    p.harm += count * score;
    periods.set(period, p);
    const o = offences.get(offence) ?? { offence, score, count: 0, harm: 0 };
    o.count += count;
    o.harm += count * score;
    offences.set(offence, o);
  }
  for (const u of unknown.values()) {
    add("unknown-offence", rowsAt(u.rows[0] - 1), { offence: u.offence, rows: u.rows, count: u.count }, [{ action: "give-weights" }]);
  }
  report.periods = [...periods.values()].sort((a, b) => a.period.localeCompare(b.period, "en-GB", { numeric: true }));
  if (population !== undefined && population > 0) {
    for (const p of report.periods) {
      p.ratePer1000 = (p.count / population) * 1000;
      p.harmPer1000 = (p.harm / population) * 1000;
    }
  }
  if (report.periods.length >= 2) {
    const first = report.periods[0];
    const last = report.periods[report.periods.length - 1];
    const ratePct = pctChange(first.ratePer1000 ?? first.count, last.ratePer1000 ?? last.count);
    const harmPct = pctChange(first.harmPer1000 ?? first.harm, last.harmPer1000 ?? last.harm);
    if (ratePct !== undefined && harmPct !== undefined) report.change = { ratePct, harmPct };
  }
  report.offences = [...offences.values()];
  report.unknown = [...unknown.values()];
  return report;
}
