import { SheetData } from "../engine/read/cells";
import { harmReport, HarmReport, HarmTable, readWeights } from "../engine/harm/harm";
import { Outcome } from "../engine/findings/outcome";

export interface HarmRequest {
  /** Offences with counts (and optionally periods). */
  sheet: SheetData;
  /** More CHI scores (offence, days) on top of the published ones. */
  weights?: SheetData;
  population?: number;
}

/** The strategic assessment's harm table for one sheet of offences, weighted by the Crime Harm Index. */
export function harmFor(request: HarmRequest): Outcome<{ report: HarmReport }> {
  const table = new HarmTable();
  if (request.weights) {
    const w = readWeights(request.weights.rows);
    if (!w.ok)
      return {
        ok: false,
        message: `${request.weights.file}: ${w.message}`,
        fix: "Give two columns: offence (title or Home Office code) and days.",
      };
    table.extend(w.entries);
  }
  return { ok: true, report: harmReport(request.sheet, table, request.population) };
}

/** The Crime Harm Index total of offences and counts, as =CSP.HARMWEIGHT gives it: the pane shows it before inserting the formula. */
export { harmWeight } from "../engine/rules/formulas";
