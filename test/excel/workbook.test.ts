import {
  clearMarks,
  CELLS_PER_CHUNK,
  emptyMarkRecord,
  freeSheetName,
  listSheets,
  markFindings,
  readSheet,
  refsOfAddress,
  rowsPerChunk,
  selectedAddress,
  writeDataSheet,
  writeMatrixSheet,
} from "../../src/excel/officeWorkbook";
import { planBlocks, splitBlock, valueBytes } from "../../src/excel/payload";
import { table4Layout } from "../../src/engine/matrix/render";
import { quoteSheetName } from "../../src/engine/read/cells";
import { harmFormula } from "../../src/app/weighHarm";
import { Matrix } from "../../src/engine/matrix/matrix";
import { DEFAULT_RISK_KEY } from "../../src/engine/rules/riskKey";

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
      reasons: {},
      total: 2,
      unknown: 0,
      incomplete: false,
      risk: "Medium",
      riskFrom: "Medium",
      riskTo: "Medium",
      concern: '=HYPERLINK("http://x")',
    },
    {
      ward: "Girton",
      flags: { crime: false, fires: false },
      evidence: {},
      reasons: {},
      total: 0,
      unknown: 0,
      incomplete: false,
      risk: "Low",
      riskFrom: "Low",
      riskTo: "Low",
    },
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
    expect(data.rows[25_001]?.[2]).toBe(24_999);
    // A small first block measures the rows; then as many rows as the cell cap allows (these rows are small).
    expect(progress[0]).toBe(200);
    expect(progress.at(-1)).toBe(25_000);
    expect(progress.slice(1).every((p, i) => p - (i ? progress[i] : 200) <= rowsPerChunk(5))).toBe(true);
    // One more to size the sheet, and one for its layout (merged areas and hidden rows).
    expect(h.host.stats.syncs).toBe(progress.length + 2);
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

describe("Excel on the web's 5 MB per request", () => {
  const text = (i: number, c: number) => `${String(i).padStart(6, "0")}-${c}-${"é".repeat(26)}${"x".repeat(26)}`;
  const heavy = () => Array.from({ length: 9_000 }, (_, i) => Array.from({ length: 12 }, (_, c) => text(i, c)));

  it("reads a 9,000 x 12 return of 60-character text under the limit, measured in bytes", async () => {
    const h = host([{ name: "Return", values: heavy() }]);
    const data = await run(h, (ctx) => readSheet(ctx, "Return"));
    expect(data.rows).toHaveLength(9_000);
    expect(data.rows[8_999]?.[11]).toBe(text(8_999, 11));
    expect(h.host.stats.largestResponse).toBeLessThanOrEqual(5 * 1024 * 1024);
    // Cutting by cells alone would have asked for 8,333 rows (over 7 MB) in one response.
    expect(rowsPerChunk(12) * 12 * 60).toBeGreaterThan(5 * 1024 * 1024);
  });
  it("splits and retries a read that Excel still refuses as too large", async () => {
    const h = host([{ name: "Return", values: heavy() }]);
    h.host.limits.responseBytes = 300_000; // a stricter client: every planned block is refused at first
    const data = await run(h, (ctx) => readSheet(ctx, "Return"));
    expect(data.rows.map((r) => r?.[11])).toEqual(heavy().map((r) => r[11]));
    expect(h.host.stats.largestResponse).toBeGreaterThan(300_000); // it was refused, then split
  });
  it("splits a single row wider than the limit by columns", async () => {
    const wide = [Array.from({ length: 400 }, (_, c) => `${c}:${"w".repeat(30_000)}`)];
    const h = host([{ name: "Wide", values: wide }]);
    const data = await run(h, (ctx) => readSheet(ctx, "Wide"));
    expect(data.rows[0]).toEqual(wide[0]);
  });
  it("writes a text-heavy lookup under the limit, and splits a write that is refused", async () => {
    const rows = heavy();
    const h = host([{ name: "Sheet1", values: [["x"]] }]);
    const name = await run(h, (ctx) => writeDataSheet(ctx, "Lookup", rows));
    expect(h.host.store.values(name)).toEqual(rows);
    expect(h.host.stats.largestRequest).toBeLessThanOrEqual(5 * 1024 * 1024);
    const strict = host([{ name: "Sheet1", values: [["x"]] }]);
    strict.host.limits.requestBytes = 200_000;
    const again = await run(strict, (ctx) => writeDataSheet(ctx, "Lookup", rows));
    expect(strict.host.store.values(again)).toEqual(rows);
  });
  it("plans blocks by bytes: multi-byte text and escapes count", () => {
    expect(valueBytes("abc")).toBeLessThan(valueBytes("ééé"));
    expect(valueBytes('a"b')).toBeGreaterThan(valueBytes("abc"));
    const blocks = planBlocks(10, 2, () => 100, 450);
    expect(blocks.map((b) => b.rows)).toEqual([2, 2, 2, 2, 2]);
    const wide = planBlocks(1, 10, () => 100, 450);
    expect(wide.map((b) => [b.left, b.columns])).toEqual([
      [0, 4],
      [4, 4],
      [8, 2],
    ]);
    expect(splitBlock({ top: 0, rows: 1, left: 0, columns: 1 })).toBeUndefined();
  });
  it("refuses a cell longer than Excel allows before writing anything", async () => {
    const h = host([{ name: "Sheet1", values: [["x"]] }]);
    const before = h.host.store.snapshot();
    await expect(run(h, (ctx) => writeDataSheet(ctx, "Lookup", [["a"], ["b".repeat(40_000)]]))).rejects.toThrow(
      /Row 2, column A .* 40,000 characters; an Excel cell holds at most 32,767/,
    );
    expect(h.host.store.snapshot()).toBe(before);
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
      { name: "A", id: "{sheet-1}", active: true, rows: 2, columns: 2 },
      { name: "B", id: "{sheet-2}", active: false, rows: 0, columns: 0 },
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

describe("marks survive what the user does in between", () => {
  const sheet = () => [
    {
      name: "Fires",
      values: [
        ["Date", "Ward"],
        ["x", "Melbourne"],
        ["y", "Nowhere"],
      ],
    },
  ];
  it("gives a cell one comment listing all its findings", async () => {
    const h = host(sheet());
    await run(h, (ctx) =>
      markFindings(ctx, "Fires", [
        { address: "B2", note: "unknown ward" },
        { address: "b2", note: "ward misspelt" },
        { address: "B3", note: "unknown ward" },
      ]),
    );
    const comments = [...h.host.store.comments.values()];
    expect(comments).toHaveLength(2);
    expect(comments.find((c: { cell: string }) => c.cell === "B2").content).toBe("unknown ward\n\nward misspelt");
  });
  it("removes the marks when the user has deleted some comments, renamed the sheet, or deleted it", async () => {
    const h = host(sheet());
    const record = await run(h, (ctx) =>
      markFindings(ctx, "Fires", [
        { address: "B2", note: "a" },
        { address: "B3", note: "b" },
      ]),
    );
    const first = [...h.host.store.comments.keys()][0];
    await run(h, async (ctx) => {
      ctx.workbook.comments.getItem(first).delete();
      ctx.workbook.worksheets.getItem("Fires").name = "Fires (checked)";
      await ctx.sync();
    });
    await run(h, (ctx) => clearMarks(ctx, record));
    expect(h.host.store.comments.size).toBe(0);
    expect(h.host.store.sheet("Fires (checked)").cells.get("2,1").format?.fill).toBeUndefined();
    const gone = host([...sheet(), { name: "Other", values: [["x"]] }]);
    const r2 = await run(gone, (ctx) => markFindings(ctx, "Fires", [{ address: "B2", note: "a" }]));
    await run(gone, async (ctx) => {
      ctx.workbook.worksheets.getItem("Fires").delete();
      await ctx.sync();
    });
    await expect(run(gone, (ctx) => clearMarks(ctx, r2))).resolves.toBeUndefined();
  });
  it("leaves a comment the user already had on a cell untouched", async () => {
    const h = host(sheet());
    await run(h, async (ctx) => {
      ctx.workbook.comments.add("Fires!B2", "Checked with the fire service");
      await ctx.sync();
    });
    const record = await run(h, (ctx) => markFindings(ctx, "Fires", [{ address: "B2", note: "unknown ward" }]));
    expect([...h.host.store.comments.values()].map((c: { content: string }) => c.content)).toEqual(["Checked with the fire service"]);
    await run(h, (ctx) => clearMarks(ctx, record));
    expect([...h.host.store.comments.values()].map((c: { content: string }) => c.content)).toEqual(["Checked with the fire service"]);
  });
  it("restores each cell of a marked range, mixed fills included", async () => {
    const h = host(sheet());
    await run(h, async (ctx) => {
      ctx.workbook.worksheets.getItem("Fires").getRange("A1").format.fill.color = "#00FF00";
      await ctx.sync();
    });
    const record = await run(h, (ctx) => markFindings(ctx, "Fires", [{ address: "A1:B1", note: "merged header" }]));
    expect(h.host.store.sheet("Fires").cells.get("0,1").format.fill).toBe("#FFD966");
    await run(h, (ctx) => clearMarks(ctx, record));
    expect(h.host.store.sheet("Fires").cells.get("0,0").format.fill).toBe("#00FF00");
    expect(h.host.store.sheet("Fires").cells.get("0,1").format?.fill).toBeUndefined();
  });
});

describe("the host double is as strict as Excel", () => {
  const attempt = (h: Host, fn: (ctx: Excel.RequestContext) => void) =>
    run(h, async (ctx) => {
      fn(ctx);
      await ctx.sync();
    });
  it.each(["", "   ", "x".repeat(32), "a/b", "a[1]", "Q1:Q2", "what?", "History", "'quoted", "quoted'"])(
    "refuses the sheet name %p, on adding and on renaming",
    async (name) => {
      const h = host([{ name: "Sheet1", values: [["x"]] }]);
      await expect(attempt(h, (ctx) => ctx.workbook.worksheets.add(name))).rejects.toMatchObject({ code: "InvalidArgument" });
      await expect(attempt(h, (ctx) => (ctx.workbook.worksheets.getItem("Sheet1").name = name))).rejects.toMatchObject({
        code: "InvalidArgument",
      });
    },
  );
  it("refuses ranges outside the grid, deleting the last sheet, and comments on ranges or on commented cells", async () => {
    const h = host([{ name: "Only", values: [["x"]] }]);
    const ws = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Only");
    await expect(attempt(h, (ctx) => ws(ctx).getRangeByIndexes(-1, 0, 1, 1).load("values"))).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    await expect(attempt(h, (ctx) => ws(ctx).getRangeByIndexes(0, 16_380, 1, 10).load("values"))).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    await expect(attempt(h, (ctx) => ws(ctx).delete())).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(attempt(h, (ctx) => ctx.workbook.comments.add("Only!A1:B2", "x"))).rejects.toMatchObject({ code: "InvalidArgument" });
    await attempt(h, (ctx) => ctx.workbook.comments.add("Only!A1", "x"));
    await expect(attempt(h, (ctx) => ctx.workbook.comments.add("Only!A1", "y"))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(attempt(h, (ctx) => (ws(ctx).getRange("A2").values = [["z".repeat(32_768)]]))).rejects.toMatchObject({
      code: "InvalidArgument",
    });
  });
  it("refuses APIs newer than its ExcelApi version, and the adapter does without them", async () => {
    const h = host(
      [
        {
          name: "Merged",
          values: [
            ["Header", ""],
            [1, 2],
          ],
        },
      ],
      { excelApi: "1.10" },
    );
    h.host.store.sheet("Merged").merges.push({ r1: 0, c1: 0, r2: 0, c2: 1 });
    await expect(
      attempt(h, (ctx) => ctx.workbook.worksheets.getItem("Merged").getRange("A1:B2").getMergedAreasOrNullObject().load("address")),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    (globalThis as Record<string, unknown>).Office = h.Office;
    try {
      const data = await run(h, (ctx) => readSheet(ctx, "Merged"));
      expect(data.merges).toBeUndefined();
      const newer = host([
        {
          name: "Merged",
          values: [
            ["Header", ""],
            [1, 2],
          ],
        },
      ]);
      newer.host.store.sheet("Merged").merges.push({ r1: 0, c1: 0, r2: 0, c2: 1 });
      (globalThis as Record<string, unknown>).Office = newer.Office;
      expect((await run(newer, (ctx) => readSheet(ctx, "Merged"))).merges).toEqual(["A1:B1"]);
    } finally {
      delete (globalThis as Record<string, unknown>).Office;
    }
  });
  it("cannot read a multi-area selection with getSelectedRange; the adapter takes the first area", async () => {
    const h = host([{ name: "Q1, draft", values: [["x"]] }]);
    h.host.store.selection = { sheet: "Q1, draft", address: "B2:B4,D7" };
    await expect(attempt(h, (ctx) => ctx.workbook.getSelectedRange().load("address"))).rejects.toMatchObject({ code: "InvalidSelection" });
    expect(await run(h, (ctx) => selectedAddress(ctx))).toEqual({ sheet: "Q1, draft", address: "B2:B4" });
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

describe("the 1904 date system (a workbook made on an old Mac)", () => {
  // 15 March 2019 is serial 43539 in the 1900 system and 42077 in the 1904 one.
  const dated = (serial: number) => [
    ["Date", "Count"],
    [serial, 3],
  ];
  const formatDates = (h: Host, sheet: string) => (h.host.store.sheet(sheet).cells.getRC(1, 0).numberFormat = "dd/mm/yyyy");
  it("reads a date cell as the day Excel shows, in either system; counts stay numbers", async () => {
    for (const [system, serial] of [
      [1900, 43539],
      [1904, 42077],
    ] as const) {
      const h = host([{ name: "Return", values: dated(serial) }], { date1904: system === 1904 });
      formatDates(h, "Return");
      const data = await run(h, (ctx) => readSheet(ctx, "Return"));
      const cell = data.rows[1]![0];
      const day = cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
      // The 1900 system's serial is read by the engine as it is; the 1904 one arrives as the date itself.
      expect(system === 1904 ? day : new Date(Date.UTC(1899, 11, 30) + (cell as number) * 86400000).toISOString().slice(0, 10)).toBe(
        "2019-03-15",
      );
      expect(data.rows[1]![1]).toBe(3);
    }
  });
  it("writes a copied return's dates as the same days in a 1904 workbook", async () => {
    const h = host([{ name: "Sheet1", values: [["x"]] }], { date1904: true });
    const name = await run(h, (ctx) => writeDataSheet(ctx, "Copy", [["Date"], [{ date: 43539 }]]));
    expect(h.host.store.values(name)[1][0]).toBe(42077);
    const plain = host([{ name: "Sheet1", values: [["x"]] }]);
    const again = await run(plain, (ctx) => writeDataSheet(ctx, "Copy", [["Date"], [{ date: 43539 }]]));
    expect(plain.host.store.values(again)[1][0]).toBe(43539);
  });
  it("refuses to read when Excel numbers a date as neither system", async () => {
    const h = host([{ name: "Return", values: dated(43539) }]);
    h.host.store.date1904 = null;
    await expect(run(h, (ctx) => readSheet(ctx, "Return"))).rejects.toThrow(/neither the 1900 date system/);
  });
});

describe("rows hidden by hand or filtered out of an open sheet", () => {
  it("are reported as they are for a file, and counted like any other", async () => {
    const values = [["Ward", "Count"], ...Array.from({ length: 8 }, (_, i) => [`W${i}`, i])];
    const h = createHost({ sheets: [{ name: "Return", values, hiddenRows: [2, 3, 7] }] });
    const data = await run(h, (ctx) => readSheet(ctx, "Return"));
    expect(data.hiddenRows).toEqual([2, 3, 7]);
    expect(data.rows).toHaveLength(9);
    const shown = await run(host([{ name: "Plain", values }]), (ctx) => readSheet(ctx, "Plain"));
    expect(shown.hiddenRows).toBeUndefined();
  });
  it("reads an areas' address however Excel writes it", () => {
    expect(refsOfAddress("'Q1, draft'!A1:B2,'Q1, draft'!D4")).toEqual(["A1:B2", "D4"]);
    expect(refsOfAddress("Return!$A$1:$F$2,$A$5:$F$9")).toEqual(["A1:F2", "A5:F9"]);
    expect(refsOfAddress("Return!A1:F2, Return!A5:F9")).toEqual(["A1:F2", "A5:F9"]);
  });
});

describe("marks are undone exactly, whatever happened in between", () => {
  const fills = (h: Host, name = "Fires") =>
    [...h.host.store.sheet(name).cells.entries()]
      .filter(([, c]: [string, { format?: { fill?: string } }]) => c.format?.fill)
      .map(([k, c]: [string, { value: unknown; format: { fill: string } }]) => `${k}=${String(c.value)}:${c.format.fill}`);
  const rows = (n: number) => [["Date", "Ward"], ...Array.from({ length: n }, (_, i) => [i, `W${i}`])];
  const insertRows = (h: Host, address: string) =>
    run(h, async (ctx) => {
      ctx.workbook.worksheets.getItem("Fires").getRange(address).insert("Down");
      await ctx.sync();
    });

  it("follows the marked cells when rows are inserted above them, and leaves the cells now at the old places alone", async () => {
    const h = host([{ name: "Fires", values: rows(6) }]);
    await run(h, async (ctx) => {
      ctx.workbook.worksheets.getItem("Fires").getRange("B3").format.fill.color = "#00FF00";
      await ctx.sync();
    });
    const record = await run(h, (ctx) =>
      markFindings(ctx, "Fires", [
        { address: "B3", note: "unknown ward" },
        { address: "B5", note: "unknown ward" },
      ]),
    );
    await insertRows(h, "2:3");
    await run(h, async (ctx) => {
      ctx.workbook.worksheets.getItem("Fires").getRange("B3").format.fill.color = "#0000FF";
      await ctx.sync();
    });
    await run(h, (ctx) => clearMarks(ctx, record));
    // The marked B3 is now B5 (its green back) and B5 is now B7 (plain again); the new B3 keeps the user's blue.
    expect(fills(h)).toEqual(["2,1=:#0000FF", "4,1=W1:#00FF00"]);
    expect(h.host.store.comments.size).toBe(0);
    expect(h.host.store.names.size).toBe(0);
  });

  it("keeps what a failed marking did, so Remove undoes it exactly", async () => {
    const h = host([{ name: "Fires", values: rows(250) }]);
    const before = fills(h);
    const marks = Array.from({ length: 250 }, (_, i) => ({ address: `B${i + 2}`, note: "unknown ward" }));
    h.host.failAtWriteSync = 2;
    const record = emptyMarkRecord();
    await expect(run(h, (ctx) => markFindings(ctx, "Fires", marks, record))).rejects.toThrow(/connection to Excel was lost/);
    expect(fills(h).length).toBeGreaterThan(0);
    expect(record.chunks.length).toBeGreaterThan(0);
    h.host.failAtWriteSync = undefined;
    await run(h, (ctx) => clearMarks(ctx, record));
    expect(fills(h)).toEqual(before);
    expect(h.host.store.names.size).toBe(0);
  });

  it("fills a cell with a legacy note without a comment, and says which; a protected sheet fails with nothing left marked", async () => {
    const h = host([{ name: "Fires", values: rows(4) }]);
    h.host.store.sheet("Fires").notes.add("B3");
    const record = await run(h, (ctx) =>
      markFindings(ctx, "Fires", [
        { address: "B2", note: "a" },
        { address: "B3", note: "b" },
        { address: "B4", note: "c" },
      ]),
    );
    expect(record.uncommented).toEqual(["B3"]);
    expect([...h.host.store.comments.values()].map((c: { cell: string }) => c.cell).sort()).toEqual(["B2", "B4"]);
    expect(fills(h)).toHaveLength(3);
    await run(h, (ctx) => clearMarks(ctx, record));
    expect(fills(h)).toEqual([]);
    expect(h.host.store.comments.size).toBe(0);

    const locked = host([{ name: "Fires", values: rows(4) }]);
    locked.host.store.sheet("Fires").protected = true;
    const partial = emptyMarkRecord();
    await expect(run(locked, (ctx) => markFindings(ctx, "Fires", [{ address: "B2", note: "a" }], partial))).rejects.toThrow(/protected/);
    locked.host.store.sheet("Fires").protected = false;
    await run(locked, (ctx) => clearMarks(ctx, partial));
    expect(fills(locked)).toEqual([]);
    expect(locked.host.store.names.size).toBe(0);
  });

  it("hides the names it keeps the marks in", async () => {
    const h = host([{ name: "Fires", values: rows(3) }]);
    await run(h, (ctx) => markFindings(ctx, "Fires", [{ address: "B2", note: "a" }]));
    expect([...h.host.store.names.values()].map((n: { visible: boolean; formula: string }) => [n.visible, n.formula])).toEqual([
      [false, "=Fires!$B$2"],
    ]);
  });
});

describe("requests measured per action, as Office.js builds them", () => {
  it("refuses a batch of 10,000 small loads (each carries its object's path), and marking 2,000 cells stays in chunks under the limit", async () => {
    const values = [["Ward"], ...Array.from({ length: 2000 }, (_, i) => [`W${i}`])];
    const h = host([{ name: "Return", values }]);
    await expect(
      run(h, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Return");
        for (let r = 1; r <= 10_000; r++) ws.getRange(`A${r}`).format.fill.load("color");
        await ctx.sync();
      }),
    ).rejects.toThrow(/request payload size/);
    const marks = Array.from({ length: 2000 }, (_, i) => ({ address: `A${i + 2}`, note: "unknown ward" }));
    const fresh = host([{ name: "Return", values }]);
    await run(fresh, (ctx) => markFindings(ctx, "Return", marks));
    expect(fresh.host.store.comments.size).toBe(2000);
    expect(fresh.host.stats.largestRequest).toBeLessThan(200_000);
  });
});

describe("the double calculates ordinary formulas, or says it cannot", () => {
  it("gives a reference, SUM and COUNT their values, an error its error, and anything else #CALC!, never #BUSY!", async () => {
    const h = host([
      { name: "Counts", values: [[5, "=A1", "=SUM(A1:A3)", "=COUNT(A1:A3)", "=VLOOKUP(A1,A1:A3,1)", "=A4"], [7], ["x"], ["#N/A"]] },
    ]);
    h.host.recalculate();
    await h.host.settled();
    expect(h.host.store.values("Counts")[0].slice(1)).toEqual([5, 12, 2, "#CALC!", "#N/A"]);
  });
});
