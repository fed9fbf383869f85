/*
 * =CSP.RISKFLAG's named rules ("Deliberate Fires") follow the criteria saved in the workbook's
 * settings. The function reads them itself (in the shared runtime a function may call Excel), so
 * a formula gives the same answer whether or not the pane has been opened. The pane and the
 * functions are separate bundles in one window: the copy read is kept on the window, and saving
 * new criteria forgets it before Excel recalculates.
 */
import { Criteria, CriteriaSpec, defaultCriteria, readCriteria } from "../engine/rules/criteria";

const KEY = "__cspRiskMatrixSavedCriteria";
/** The settings this window last read or saved: a co-author's change is compared with them. */
const SEEN = "__cspRiskMatrixSettingsSeen";

type Store = Record<string, Promise<Criteria> | string | undefined>;

/** The criteria of the workbook's settings (JSON), the built-in ones when none are saved; an error when they cannot be read. */
export function criteriaOfSettings(json: string | undefined): { ok: true; criteria: Criteria } | { ok: false; message: string } {
  if (json === undefined || json === "") return { ok: true, criteria: defaultCriteria() };
  let spec: CriteriaSpec | undefined;
  try {
    spec = (JSON.parse(json) as { criteria?: CriteriaSpec }).criteria;
  } catch {
    return {
      ok: false,
      message: "The criteria saved in this workbook cannot be read (its settings are not JSON): save them again from the pane.",
    };
  }
  if (spec === undefined) return { ok: true, criteria: defaultCriteria() };
  const r = readCriteria(spec);
  return r.ok
    ? { ok: true, criteria: r.criteria }
    : { ok: false, message: `The criteria saved in this workbook cannot be used: ${r.message}` };
}

/** The workbook's criteria, read once through `load` and kept until the pane saves new ones. */
export function savedCriteria(load: () => Promise<string | undefined>): Promise<Criteria> {
  const store = globalThis as unknown as Store;
  let pending = store[KEY] as Promise<Criteria> | undefined;
  if (!pending) {
    pending = load().then((json) => {
      rememberSettings(json);
      const r = criteriaOfSettings(json);
      if (!r.ok) throw new Error(r.message);
      return r.criteria;
    });
    // A failed read is not kept: the next calculation tries again.
    pending.catch(() => {
      if (store[KEY] === pending) store[KEY] = undefined;
    });
    store[KEY] = pending;
  }
  return pending;
}

/** Notes the settings this window has read or saved. */
export function rememberSettings(json: string | undefined): void {
  (globalThis as unknown as Store)[SEEN] = json;
}

export function settingsSeen(): string | undefined {
  return (globalThis as unknown as Store)[SEEN] as string | undefined;
}

/** Called when the saved criteria change, before the workbook recalculates. */
export function forgetSavedCriteria(): void {
  (globalThis as unknown as Store)[KEY] = undefined;
}

const WORDING = new Set(["compiled", "title", "footnotes", "criterion", "footnote"]);

/** Criteria without what is only printed: the values the rules depend on, in their order. */
function withoutWording(c: Record<string, unknown>): unknown {
  const kept = Object.entries(c).filter(([k]) => !WORDING.has(k));
  return Object.fromEntries(
    kept.map(([k, v]) => [k, k === "columns" && Array.isArray(v) ? v.map((col) => withoutWording(col as Record<string, unknown>)) : v]),
  );
}

/** Whether two versions of the settings differ in their criteria (so RISKFLAG's named rules must recalculate). */
export function criteriaDiffer(before: string | undefined, after: string): boolean {
  // What the functions' named rules read: the compiled date, the title and the printed wording change no cell.
  const criteriaText = (json: string | undefined) => {
    try {
      const c = (JSON.parse(json ?? "{}") as { criteria?: Record<string, unknown> }).criteria;
      return JSON.stringify(c ? withoutWording(c) : null);
    } catch {
      return undefined;
    }
  };
  return criteriaText(before) !== criteriaText(after);
}
