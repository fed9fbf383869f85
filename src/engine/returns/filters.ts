import type { Records } from "./records";
import { normaliseName } from "../read/text";

/** A condition on one field: its value, after normalising, is one of `values` (or, with `exclude`, none of them). */
export interface ValueFilter {
  field: number;
  values: readonly string[];
  exclude?: boolean;
}

/**
 * A test of a record's values against filters, all of which must pass. The wanted values are
 * normalised once, and each distinct text of the records once: the test runs on every row.
 * A record without the value fails an inclusive filter and passes an exclusive one.
 */
export function recordFilter(filters: readonly ValueFilter[]): (records: Records, i: number) => boolean {
  const compiled = filters.map((f) => ({
    field: f.field,
    exclude: !!f.exclude,
    values: new Set(f.values.map((v) => normaliseName(String(v)))),
  }));
  const keys = new Map<string, string>();
  return (records, i) => {
    for (const f of compiled) {
      const v = records.value(i, f.field);
      if (v === undefined || v === null) {
        if (f.exclude) continue;
        return false;
      }
      const text = String(v);
      let key = keys.get(text);
      if (key === undefined) {
        key = normaliseName(text);
        if (keys.size < 100_000) keys.set(text, key);
      }
      if (f.values.has(key) === f.exclude) return false;
    }
    return true;
  };
}
