/*
 * Table 4's charts and the ward map in the workbook, through the Office adapter: the chart tables
 * on a sheet of their own with Excel's charts drawn from their cells, and a picture placed beside
 * what a sheet holds, or refused plainly where this Excel cannot insert pictures.
 */
import { insertPicture, writeChartSheet } from "../../src/excel/officeWorkbook";
import { chartSheetLayout } from "../../src/engine/matrix/charts";
import type { Matrix } from "../../src/engine/matrix/matrix";
import { DEFAULT_RISK_KEY } from "../../src/engine/rules/riskKey";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createHost } = require("../e2e/fakeExcel.js");

type Host = ReturnType<typeof createHost>;
const run = <T>(h: Host, fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => h.Excel.run(fn);

const row = (ward: string, crime: boolean | null, fires: boolean) => {
  const flags = { crime, fires };
  const total = [crime, fires].filter((f) => f === true).length;
  return {
    ward,
    flags,
    evidence: {},
    reasons: {},
    total,
    unknown: crime === null ? 1 : 0,
    incomplete: crime === null,
    risk: "",
    riskFrom: "",
    riskTo: "",
  };
};

const matrix: Matrix = {
  title: "Summary table",
  district: "Testshire",
  compiled: "",
  columns: [
    {
      id: "crime",
      label: "Crime",
      criterion: "400+",
      rule: ">=400",
      monthly: [
        { month: "2024-01", value: 410, suppressed: 0 },
        { month: "2024-02", value: null, suppressed: 0 },
        { month: "2024-03", value: 390, suppressed: 2 },
      ],
    },
    { id: "fires", label: "=Fires", criterion: "20+", rule: ">=20" },
  ],
  rows: [row("Girton", false, false), row('=HYPERLINK("x")', true, true), row("Comberton", null, true)],
  riskKey: DEFAULT_RISK_KEY,
  footnotes: [],
  notes: [],
  findings: [],
};

describe("the pane's charts and map in the workbook", () => {
  afterEach(() => delete (globalThis as Record<string, unknown>).Office);

  it("writes the chart tables as text and numbers, and draws each chart from its table's cells beside it", async () => {
    const h = createHost({ sheets: [{ name: "Table 4", values: [["x"]] }] });
    const layout = chartSheetLayout(matrix, "OFFICIAL");
    const { sheet, charts } = await run(h, (ctx) => writeChartSheet(ctx, "Table 4 charts", layout));
    expect(sheet).toBe("Table 4 charts");
    expect(charts).toBe(2);
    const values = h.host.store.values(sheet) as unknown[][];
    // Sorted by total; a flag not known is a blank cell, never 0; text from a return stays text.
    const flags = layout.placed[0];
    expect(values[flags.headerRow].slice(0, 5)).toEqual(["Ward", "Crime", "=Fires", "Total Flags", "Risk"]);
    expect(values.slice(flags.headerRow + 1, flags.lastRow + 1).map((r) => r.slice(0, 3))).toEqual([
      ['=HYPERLINK("x")', 1, 1],
      ["Comberton", "", 1],
      ["Girton", 0, 0],
    ]);
    const stored = h.host.store.sheet(sheet);
    expect(stored.cells.getRC(flags.headerRow + 1, 0).formula).toBeUndefined();
    const [bars, line] = stored.charts;
    expect(bars).toMatchObject({ type: "ColumnStacked", seriesBy: "Columns", title: { text: "Flags by ward: Testshire" } });
    // The series are the columns' flags, not the total or the risk.
    expect(bars.source).toEqual({ sheet, r1: flags.headerRow, c1: 0, r2: flags.lastRow, c2: 2 });
    expect(line).toMatchObject({ type: "LineMarkers", title: { text: "Crime: by month, Testshire" } });
    const monthly = layout.placed[1];
    expect(values.slice(monthly.headerRow + 1, monthly.lastRow + 1).map((r) => r.slice(0, 3))).toEqual([
      ["2024-01", 410, ""],
      ["2024-02", "", ""],
      ["2024-03", 390, 2],
    ]);
    expect(line.position.start).toBe(`${String.fromCharCode(65 + monthly.anchor.fromCol)}${monthly.anchor.fromRow + 1}`);
  });

  it("puts the map's picture one column right of the sheet's contents, with its alternative text; refuses plainly before ExcelApi 1.9", async () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    const picture = { png, width: 1600, height: 1800, title: "Ward map", description: "Each ward shaded by its risk." };
    const h = createHost({ sheets: [{ name: "Table 4", values: [["a", "b", "c"]] }] });
    (globalThis as Record<string, unknown>).Office = h.Office;
    expect(await run(h, (ctx) => insertPicture(ctx, "Table 4", picture))).toBe(true);
    const [shape] = h.host.store.sheet("Table 4").shapes;
    expect(shape).toMatchObject({
      left: 4 * 48,
      top: 0,
      width: 600,
      lockAspectRatio: true,
      altTextDescription: "Each ward shaded by its risk.",
    });
    const old = createHost({ sheets: [{ name: "Table 4", values: [["a"]] }] }, { excelApi: "1.8" });
    (globalThis as Record<string, unknown>).Office = old.Office;
    expect(await run(old, (ctx) => insertPicture(ctx, "Table 4", picture))).toBe(false);
    expect(old.host.store.sheet("Table 4").shapes).toEqual([]);
  });
});
