/*
 * The task pane and the functions share one runtime (one window) but are separate bundles, so the
 * workbook's saved criteria reach =CSP.RISKFLAG's named rules ("Deliberate Fires") through a global.
 * Both sides import this neutral module; neither imports the other.
 */
import { Criteria, CriteriaSpec, readCriteria } from "../engine/criteria";

const KEY = "__cspRiskMatrixCriteria";

/** Called by the pane whenever the workbook's criteria are loaded or saved. */
export function publishCriteria(spec: CriteriaSpec): void {
  const r = readCriteria(spec);
  if (r.ok) (globalThis as Record<string, unknown>)[KEY] = r.criteria;
}

/** The workbook's criteria, once the pane has published them; otherwise the built-in ones are used. */
export function publishedCriteria(): Criteria | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as Criteria | undefined;
}
