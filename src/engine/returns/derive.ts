import { recordFilter, ValueFilter } from "./filters";
import { ParsedReturn } from "./returns";
import { numericFields, returnKind, RowCondition } from "./returnKinds";

function filtersOf(ret: ParsedReturn, where: RowCondition): ValueFilter[] {
  const field = ret.kind.fields.findIndex((f) => f.id === where.field);
  return [...(where.in ? [{ field, values: where.in }] : []), ...(where.notIn ? [{ field, values: where.notIn, exclude: true }] : [])];
}

/**
 * The returns a file stands for besides its own kind (a data.police.uk download is police
 * crime and police ASB at once), as its kind's `feeds` declare. Records keep their rows and
 * wards; findings stay with the file's own return.
 */
export function deriveReturns(ret: ParsedReturn): ParsedReturn[] {
  const out: ParsedReturn[] = [];
  for (const feed of ret.kind.feeds ?? []) {
    const kind = returnKind(feed.kind);
    if (!kind) continue;
    const from = kind.fields.map((f) => (feed.fields[f.id] ? ret.kind.fields.findIndex((g) => g.id === feed.fields[f.id]) : -1));
    const columns = new Map<string, number>();
    kind.fields.forEach((f, i) => {
      const col = from[i] >= 0 ? ret.columns.get(ret.kind.fields[from[i]].id) : undefined;
      if (col !== undefined) columns.set(f.id, col);
    });
    const passes = recordFilter(filtersOf(ret, feed.where));
    const picked: number[] = [];
    for (let i = 0; i < ret.records.length; i++) if (passes(ret.records, i)) picked.push(i);
    const records = ret.records.project(picked, from, numericFields(kind));
    out.push({
      file: ret.file,
      sheet: ret.sheet,
      kind,
      headerRow: ret.headerRow,
      columns,
      records,
      rowsRead: records.length,
      accepted: records.length,
      excluded: 0,
      rejected: 0,
      // Rows the file could not read may have been of this kind too.
      leftOut: ret.leftOut,
      findings: [],
      wardNames: new Set(),
      granularity: ret.granularity,
      span: ret.span,
      derivedFrom: ret,
    });
  }
  return out;
}
