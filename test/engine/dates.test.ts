import {
  dayFromExcelSerial,
  dayFromYmd,
  excelSerialFromDay,
  formatDay,
  ymdOf,
  formatMonth,
  monthOfDay,
  parseDate,
  parseMonth,
  parsePeriodBound,
} from "../../src/engine/read/dates";

const d = (y: number, m: number, day: number) => dayFromYmd(y, m, day)!;

describe("parseDate", () => {
  it("reads Excel serial numbers (1900 system)", () => {
    expect(dayFromExcelSerial(43405)).toBe(d(2018, 11, 1));
    expect(parseDate(43405)).toEqual({ ok: true, day: d(2018, 11, 1) });
    expect(excelSerialFromDay(d(2018, 11, 1))).toBe(43405);
    expect(parseDate(43405.75)).toEqual({ ok: true, day: d(2018, 11, 1) });
  });
  it("reads ISO text, with or without a time", () => {
    expect(parseDate("2019-10-31")).toEqual({ ok: true, day: d(2019, 10, 31) });
    expect(parseDate("2019-10-31T13:45:00Z")).toEqual({ ok: true, day: d(2019, 10, 31) });
  });
  it("reads UK dd/mm/yyyy text by default, and 2-digit years", () => {
    expect(parseDate("01/11/2018")).toMatchObject({ ok: true, day: d(2018, 11, 1), ambiguous: true });
    expect(parseDate("31/10/2019")).toMatchObject({ ok: true, day: d(2019, 10, 31) });
    expect(parseDate("5-3-19")).toMatchObject({ ok: true, day: d(2019, 3, 5) });
  });
  it("reads month-first text when only that reading is possible", () => {
    expect(parseDate("11/25/2018")).toMatchObject({ ok: true, day: d(2018, 11, 25), usOnly: true });
    expect(parseDate("03/04/2019", "mdy")).toMatchObject({ ok: true, day: d(2019, 3, 4), ambiguous: true });
  });
  it("reads dates written with month names", () => {
    expect(parseDate("1 Nov 2018")).toMatchObject({ ok: true, day: d(2018, 11, 1) });
    expect(parseDate("14-March-2019")).toMatchObject({ ok: true, day: d(2019, 3, 14) });
    expect(parseDate("March 14, 2019")).toMatchObject({ ok: true, day: d(2019, 3, 14) });
  });
  it("reads Date values", () => {
    expect(parseDate(new Date(Date.UTC(2019, 0, 2)))).toEqual({ ok: true, day: d(2019, 1, 2) });
  });
  it.each(["31/02/2019", "yesterday", "2019-13-01", "", "n/a"])("rejects %p with a reason", (t) => {
    const r = parseDate(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(3);
  });
  it("rejects errors and impossible serials", () => {
    expect(parseDate({ error: "#N/A" }).ok).toBe(false);
    expect(parseDate(-5).ok).toBe(false);
  });
});

describe("parseMonth", () => {
  const april = 2019 * 12 + 3;
  it.each(["Apr 2019", "April 2019", "Apr-19", "2019-04", "04/2019", "2019/04", "15/04/2019"])("reads %p as April 2019", (t) => {
    expect(parseMonth(t)).toEqual({ ok: true, month: april });
  });
  it("reads dates and serials as their month", () => {
    expect(parseMonth(new Date(Date.UTC(2019, 3, 30)))).toEqual({ ok: true, month: april });
    expect(parseMonth(43556)).toEqual({ ok: true, month: april });
  });
  it("rejects text that is no month", () => {
    expect(parseMonth("Q2").ok).toBe(false);
    expect(parseMonth("2019-13").ok).toBe(false);
  });
  it("formats months", () => expect(formatMonth(april)).toBe("Apr 2019"));
});

describe("parsePeriodBound", () => {
  it("reads whole months as their first or last day", () => {
    expect(formatDay(parsePeriodBound("2019-04", "from")!)).toBe("2019-04-01");
    expect(formatDay(parsePeriodBound("2019-09", "to")!)).toBe("2019-09-30");
    expect(formatDay(parsePeriodBound("2020-02", "to")!)).toBe("2020-02-29");
  });
  it("reads days as they are", () => {
    expect(formatDay(parsePeriodBound("2018-11-01", "to")!)).toBe("2018-11-01");
  });
});

describe("calendar arithmetic", () => {
  it("gives the same calendar date as Date for every day from 1899 to 2101 and around the epoch", () => {
    const from = dayFromYmd(1900, 1, 1)! - 400;
    const to = dayFromYmd(2101, 12, 31)!;
    const wrong: number[] = [];
    for (let day = from; day <= to; day++) {
      const t = new Date(day * 86_400_000);
      const { y, m, d } = ymdOf(day);
      const month = t.getUTCFullYear() * 12 + t.getUTCMonth();
      if (y !== t.getUTCFullYear() || m !== t.getUTCMonth() + 1 || d !== t.getUTCDate() || monthOfDay(day) !== month) wrong.push(day);
    }
    expect(to - from).toBeGreaterThan(70_000);
    expect(wrong).toEqual([]);
  });
});
