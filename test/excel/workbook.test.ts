import {
  clearMarks,
  CELLS_PER_CHUNK,
  freeSheetName,
  listSheets,
  markFindings,
  readSheet,
  rowsPerChunk,
  selectedAddress,
  writeMatrixSheet,
} from "../../src/excel/workbook";
import { table4Layout } from "../../src/engine/render";
import { quoteSheetName } from "../../src/engine/cells";
import { harmFormula } from "../../src/taskpane/model";
import { Matrix } from "../../src/engine/matrix";
import { DEFAULT_RISK_KEY } from "../../src/engine/riskKey";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createHost } = require("../e2e/fakeExcel.js");

type Host = ReturnType<typeof createHost>;

function host(sheets: { name: string; values: unknown[][] }[], options = {}): Host {
  return createHost({ sheets }, options);
}

function run<T>(h: Host, fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  return h.Excel.run(fn);
}

const matrix: Matrix = {
  title: "Summary table of high risk flags across datasets by ward",
  district: "South Cambridgeshire",
  compiled: "January 2020",
  columns: [
    { id: "crime", label: "Police recorded crime", criterion: "400+", rule: ">=400" },
    { id: "fires", label: "Deliberate Fires", criterion: "20+", rule: ">=20" },
  ],
  rows: [
    {
      ward: "Cambourne",
      flags: { crime: true, fires: true },
      evidence: {},
      total: 2,
      incomplete: false,
      risk: "Medium",
      concern: '=HYPERLINK("http://x")',
    },
    { ward: "Girton", flags: { crime: false, fires: false }, evidence: {}, total: 0, incomplete: false, risk: "Low" },
  ],
  riskKey: DEFAULT_RISK_KEY,
  footnotes: ["*A footnote"],
  notes: [],
  findings: [],
};

describe("the fake host fails the way Excel fails", () => {
  it("refuses a property read before load and sync", async () => {
    const h = host([{ name: "S", values: [[1]] }]);
    await expect(
      run(h, (ctx) => {
        const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
        r.load("values");
        return Promise.resolve(r.values);
      }),
    ).rejects.toThrow(/not available/);
  });
  it("fails at sync for a sheet that does not exist", async () => {
    const h = host([{ name: "S", values: [[1]] }]);
    await expect(
      run(h, async (ctx) => {
        ctx.workbook.worksheets.getItem("Nope").getRange("A1").load("values");
        await ctx.sync();
      }),
    ).rejects.toThrow(/doesn't exist/);
  });
});

describe("readSheet", () => {
  it("reads in row chunks, one sync each, keeping cell positions", async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => [null, `r${i}`, i, "x", "y", "z"]);
    const h = host([{ name: "Big", values: [[], [], ...rows] }]);
    const progress: number[] = [];
    const data = await run(h, (ctx) => readSheet(ctx, "Big", { onProgress: (d) => progress.push(d) }));
    expect(data.rows).toHaveLength(25_002);
    expect(data.rows[2]).toEqual([null, "r0", 0, "x", "y", "z"]);
    expect(data.rows[25_001][2]).toBe(24_999);
    const chunks = Math.ceil(25_000 / rowsPerChunk(5));
    expect(progress).toHaveLength(chunks);
    expect(h.host.stats.syncs).toBe(chunks + 2);
    expect(h.host.stats.largestResponse).toBeLessThan(5 * 1024 * 1024);
    expect(rowsPerChunk(5) * 5).toBeLessThanOrEqual(CELLS_PER_CHUNK);
  });
  it("stops when cancelled", async () => {
    const h = host([{ name: "Big", values: Array.from({ length: 50_000 }, (_, i) => [i, i, i, i]) }]);
    const signal = { aborted: false };
    await expect(run(h, (ctx) => readSheet(ctx, "Big", { signal, onProgress: () => (signal.aborted = true) }))).rejects.toThrow(
      /Cancelled/,
    );
  });
  it("reads an empty sheet as no rows, and merged areas", async () => {
    const h = host([{ name: "Empty", values: [] }]);
    expect((await run(h, (ctx) => readSheet(ctx, "Empty"))).rows).toEqual([]);
  });
});

describe("listSheets", () => {
  it("names every visible sheet, the active one, and its size", async () => {
    const h = host([
      {
        name: "A",
        values: [
          [1, 2],
          [3, 4],
        ],
      },
      { name: "B", values: [] },
    ]);
    expect(await run(h, (ctx) => listSheets(ctx))).toEqual([
      { name: "A", active: true, rows: 2, columns: 2 },
      { name: "B", active: false, rows: 0, columns: 0 },
    ]);
  });
});

describe("writeMatrixSheet", () => {
  it("writes Table 4 under a free name, text as text, with its table and formats", async () => {
    const h = host([{ name: "Table 4", values: [["old"]] }]);
    const layout = table4Layout(matrix, { marking: "RESTRICTED" });
    const result = await run(h, (ctx) => writeMatrixSheet(ctx, layout, { baseName: "Table 4" }));
    expect(result.sheet).toBe("Table 4 (2)");
    expect(h.host.store.values("Table 4")).toEqual([["old"]]);
    const values = h.host.store.values("Table 4 (2)");
    expect(values[0][0]).toBe("RESTRICTED");
    const header = values.findIndex((r: unknown[]) => r[0] === "Ward");
    expect(values[header + 1].slice(0, 5)).toEqual(["Cambourne", 1, 1, 2, "Medium"]);
    const sheet = h.host.store.sheet("Table 4 (2)");
    const concern = sheet.cells.get(`${header + 1},5`);
    expect(concern.value).toBe('=HYPERLINK("http://x")');
    expect(concern.formula).toBeUndefined();
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.cells.get(`${header + 1},1`).format.fill).toBe("#F4B183");
    expect(h.host.store.active).toBe("Table 4 (2)");
  });

  it("leaves the workbook exactly as it was when a sync fails mid-write", async () => {
    for (const failAt of [3, 4, 5]) {
      const h = host([{ name: "Data", values: [["a", 1]] }], { failAtSync: failAt });
      const before = h.host.store.snapshot();
      await expect(run(h, (ctx) => writeMatrixSheet(ctx, table4Layout(matrix), { baseName: "Table 4" }))).rejects.toThrow(/simulated/);
      expect(h.host.store.snapshot()).toBe(before);
    }
  });

  it("finds free names", () => {
    expect(freeSheetName("Table 4", ["Table 4", "table 4 (2)"])).toBe("Table 4 (3)");
    expect(freeSheetName("Table 4", [])).toBe("Table 4");
  });
});

describe("marking findings", () => {
  it("fills and comments the cells, then restores them exactly", async () => {
    const h = host([
      {
        name: "Fires",
        values: [
          ["Date", "Ward"],
          ["x", "Melbourne"],
        ],
      },
    ]);
    await run(h, async (ctx) => {
      ctx.workbook.worksheets.getItem("Fires").getRange("A1").format.fill.color = "#00FF00";
      await ctx.sync();
    });
    const before = h.host.store.snapshot();
    const record = await run(h, (ctx) =>
      markFindings(ctx, "Fires", [
        { address: "B2", note: "unknown ward" },
        { address: "A1", note: "header" },
      ]),
    );
    expect(h.host.store.comments.size).toBe(2);
    expect(h.host.store.sheet("Fires").cells.get("1,1").format.fill).toBe("#FFD966");
    await run(h, (ctx) => clearMarks(ctx, record));
    expect(JSON.parse(h.host.store.snapshot()).comments).toEqual([]);
    const after = JSON.parse(h.host.store.snapshot()).sheets[0].cells.map(
      ([k, v]: [string, { value: unknown; format?: { fill?: string } }]) => [k, v.value, v.format?.fill],
    );
    const was = JSON.parse(before).sheets[0].cells.map(([k, v]: [string, { value: unknown; format?: { fill?: string } }]) => [
      k,
      v.value,
      v.format?.fill,
    ]);
    expect(after).toEqual(was);
  });
});

describe("sheet names a formula could misread", () => {
  it.each(["FY2020", "R1C1", "C3", "Q1!draft", "It's Q1", "TRUE", "2020 returns"])(
    "%s: the selected cell's sheet comes back whole, and a formula naming it reads the sheet",
    async (name) => {
      const h = host([
        {
          name,
          values: [
            ["Offence", "Count"],
            ["Burglary", 2],
          ],
        },
      ]);
      await run(h, async (ctx) => {
        ctx.workbook.worksheets.getItem(name).getRange("B2").select();
        await ctx.sync();
      });
      const where = await run(h, (ctx) => selectedAddress(ctx));
      expect(where).toEqual({ sheet: name, address: "B2" });
      // The add-in's rule quotes at least wherever Excel's does (the double's rule is written apart).
      if (h.quoteSheetName(name).startsWith("'")) expect(quoteSheetName(name).startsWith("'")).toBe(true);
      const formula = harmFormula(name, 0, 1, 0, 1);
      expect(formula).toContain(`${quoteSheetName(name)}!$A$2:$A$2`);
    },
  );
});
