/*
 * Checking a return where it is made, before it is sent: the partner page's use case. The return
 * is checked as the analyst's pane checks it; the criteria are the analyst's file when one is
 * given (its periods and district), otherwise the standard columns with no period, so that no
 * month is called outside a period the partner was never told.
 */
import type { CriteriaSpec } from "../engine/rules/criteria";
import type { Outcome } from "../engine/findings/outcome";
import { criteriaFromText, monthOfDate, standardCriteria } from "./districtCriteria";

export function partnerCriteria(file?: { name: string; text: string }, now = new Date()): Outcome<{ criteria: CriteriaSpec }> {
  if (file) {
    const read = criteriaFromText(file.text, file.name);
    return read.ok ? { ok: true, criteria: read.criteria.spec } : read;
  }
  const today = monthOfDate(now);
  const spec = standardCriteria({ district: { name: "your district", wards: [] }, end: today, today });
  for (const c of spec.columns) delete c.period;
  return { ok: true, criteria: spec };
}
