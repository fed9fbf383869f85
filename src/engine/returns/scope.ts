/*
 * Reading a return, its scope: which accepted rows count (those with the fields that place them, inside one of the criteria's periods), the rest excluded and counted.
 */
import { formatDay, monthOfDay } from "../read/dates";
import { rowsAt } from "../findings/findings";
import { fieldRoles, ReturnKind } from "./returnKinds";
import { RecordsBuilder } from "./records";
import { FindingSink, Period } from "./returnTypes";

/** Which accepted rows count: those with the fields that place them, inside one of the criteria's periods. */
export class RowScope {
  private readonly bounds: readonly Period[];
  private readonly without: { index: number; reason: string; count: number; firstRow: number }[];
  private readonly time: number;
  outsidePeriod = 0;
  private outsideFirst = -1;
  span: { first: number; last: number } | undefined;

  constructor(
    private readonly kind: ReturnKind,
    private readonly periods: readonly Period[],
    granularity: "day" | "month",
  ) {
    // A month is inside a period when any of its days is: compare month numbers, computed once.
    this.bounds = granularity === "month" ? periods.map((p) => ({ from: monthOfDay(p.from), to: monthOfDay(p.to) })) : periods;
    this.time = fieldRoles(kind).time;
    this.without = (kind.excludeRowsWithout ?? [])
      .map((x) => ({ index: kind.fields.findIndex((f) => f.id === x.field), reason: x.reason, count: 0, firstRow: -1 }))
      .filter((x) => x.index >= 0);
  }

  /** Whether a row whose fields were read counts; rows left out are counted for the summary. */
  admits(values: RecordsBuilder, r: number): boolean {
    for (const without of this.without) {
      if (values.get(without.index) !== undefined) continue;
      without.count++;
      if (without.firstRow < 0) without.firstRow = r;
      return false;
    }
    const t = this.time >= 0 ? (values.get(this.time) as number | undefined) : undefined;
    if (t === undefined) return true;
    if (!this.span) this.span = { first: t, last: t };
    else if (t < this.span.first) this.span.first = t;
    else if (t > this.span.last) this.span.last = t;
    if (!this.bounds.length || this.inSomePeriod(t)) return true;
    this.outsidePeriod++;
    if (this.outsideFirst < 0) this.outsideFirst = r;
    return false;
  }

  private inSomePeriod(t: number): boolean {
    for (const b of this.bounds) if (t >= b.from && t <= b.to) return true;
    return false;
  }

  findings(sink: FindingSink): void {
    const n = this.outsidePeriod;
    if (n > 0) {
      const periods = this.periods;
      sink.add("outside-period", rowsAt(this.outsideFirst), {
        count: n,
        periods: periods.map((p) => `${formatDay(p.from)} to ${formatDay(p.to)}`),
        first: this.outsideFirst + 1,
      });
    }
    for (const x of this.without) {
      if (!x.count) continue;
      const field = this.kind.fields[x.index].header;
      sink.add("excluded-rows", rowsAt(x.firstRow), { count: x.count, reason: x.reason, field, first: x.firstRow + 1 });
    }
  }

  get excluded(): number {
    return this.outsidePeriod + this.without.reduce((n, x) => n + x.count, 0);
  }
}
