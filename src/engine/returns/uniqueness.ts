/*
 * Reading a return, repeats: the same incident or area-and-month twice, within a file and across files.
 */
import { DayNumber, firstDayOfMonth, formatMonth, lastDayOfMonth } from "../read/dates";
import { rowsAt } from "../findings/findings";
import { FieldDef } from "./returnKinds";
import { findRepeats, findRepeatsBy } from "./repeats";
import { Records } from "./records";
import { FindingSink, ParsedReturn } from "./returnTypes";

/** Rows repeating a key the kind declares unique: an error drops the repeat, a warning keeps it. */
export function dropRepeats(sink: FindingSink, ret: ParsedReturn): { records: Records; rejected: number } {
  const fields = ret.kind.fields;
  let records = ret.records;
  let rejected = 0;
  for (const rule of ret.kind.unique ?? []) {
    const idx = rule.fields.map((id) => fields.findIndex((f) => f.id === id));
    if (idx.some((i) => i < 0 || !ret.columns.has(fields[i].id))) continue;
    const from = records;
    const drop = new Uint8Array(from.length);
    let dropped = 0;
    const keyAt = (i: number) => uniqueKey(from, i, idx);
    const hashes = idx.length === 1 ? from.textHashes(idx[0]) : undefined;
    const repeats = hashes ? findRepeatsBy(from.length, hashes, (i, j) => keyAt(i) === keyAt(j)) : findRepeats(from.length, keyAt);
    for (const [i, firstIndex] of repeats) {
      const row = from.row(i);
      const first = from.row(firstIndex);
      if (rule.severity === "error") {
        drop[i] = 1;
        dropped++;
        const what = keyInWords(from, i, idx, fields);
        sink.add("duplicate-row", rowsAt(row), { row: row + 1, key: what, first: first + 1 });
      } else {
        sink.group("duplicate-reference", "", rowsAt(row), {});
      }
    }
    if (dropped) {
      rejected += dropped;
      const keep: number[] = [];
      for (let i = 0; i < drop.length; i++) if (!drop[i]) keep.push(i);
      records = from.select(keep);
    }
  }
  return { records, rejected };
}

/** The first and last day of a return's rows read with a time (a monthly return's whole months), if any. */
export function spanInDays(r: ParsedReturn): { first: DayNumber; last: DayNumber } | undefined {
  if (!r.span) return undefined;
  return r.granularity === "month" ? { first: firstDayOfMonth(r.span.first), last: lastDayOfMonth(r.span.last) } : r.span;
}

/** Whether two returns' rows (read, with a time) span any common time: only then can they repeat one incident. */
function spansMeet(a: ParsedReturn, b: ParsedReturn): boolean {
  const x = spanInDays(a);
  const y = spanInDays(b);
  return !x || !y || (x.first <= y.last && y.first <= x.last);
}

/** A unique key's values in words ("LSOA E01018226, Month Apr 2019"). */
function keyInWords(records: Records, i: number, idx: readonly number[], fields: readonly FieldDef[]): string {
  return idx
    .map((k) => `${fields[k].header} ${fields[k].type === "month" ? formatMonth(records.value(i, k) as number) : records.value(i, k)}`)
    .join(", ");
}

/**
 * The same key the kind declares unique, repeated across files of one kind (a benefits LSOA and
 * month re-sent in a second file, one incident reference in two extracts), is the same finding as
 * within one file: an error drops the later row, a warning keeps it. Files whose rows span no
 * common time are not compared (a data.police.uk download's monthly files).
 */
export function dropRepeatsAcross(returns: readonly ParsedReturn[]): ParsedReturn[] {
  const out = [...returns];
  for (let j = 1; j < out.length; j++) {
    const ret = out[j];
    const earlier = out.slice(0, j).filter((r) => r.kind === ret.kind && r.records.length && spansMeet(r, ret));
    if (!earlier.length || !ret.records.length) continue;
    const fields = ret.kind.fields;
    const sink = new FindingSink(ret.file, ret.sheet);
    let records = ret.records;
    let rejected = 0;
    for (const rule of ret.kind.unique ?? []) {
      const idx = rule.fields.map((id) => fields.findIndex((f) => f.id === id));
      if (idx.some((i) => i < 0 || !ret.columns.has(fields[i].id))) continue;
      const seen = new Map<string, { file: string; row: number }>();
      for (const e of earlier) {
        if (!e.columns.has(fields[idx[0]].id)) continue;
        for (let i = 0; i < e.records.length; i++) {
          const k = uniqueKey(e.records, i, idx);
          if (k !== undefined && !seen.has(k)) seen.set(k, { file: e.file, row: e.records.row(i) });
        }
      }
      const keep: number[] = [];
      for (let i = 0; i < records.length; i++) {
        const k = uniqueKey(records, i, idx);
        const first = k === undefined ? undefined : seen.get(k);
        if (!first) {
          keep.push(i);
          continue;
        }
        const row = records.row(i);
        if (rule.severity === "error") {
          sink.add("duplicate-row", rowsAt(row), {
            row: row + 1,
            key: keyInWords(records, i, idx, fields),
            first: first.row + 1,
            firstFile: first.file,
          });
        } else {
          keep.push(i);
          sink.group("duplicate-reference", "across", rowsAt(row), { firstFile: first.file });
        }
      }
      if (keep.length < records.length) {
        rejected += records.length - keep.length;
        records = records.select(keep);
      }
    }
    sink.flush();
    if (!sink.findings.length) continue;
    out[j] = {
      ...ret,
      records,
      accepted: records.length,
      rejected: ret.rejected + rejected,
      findings: [...ret.findings, ...sink.findings],
    };
  }
  return out;
}

function uniqueKey(records: Records, i: number, idx: readonly number[]): string | undefined {
  if (idx.length === 1) {
    const v = records.value(i, idx[0]);
    return v === undefined || v === "" ? undefined : String(v);
  }
  const parts = idx.map((f) => records.value(i, f));
  return parts.some((p) => p === undefined || p === "") ? undefined : parts.join("\u0001");
}
