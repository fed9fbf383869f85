import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEMO } from "../helpers/publicData";
import { PUBLISHED_TABLE_4 } from "../helpers/sheets";
import { run, tempDir } from "./helpers";

/** The published Table 4's dataset columns, in its order. */
const PUBLISHED_COLUMNS = ["Police recorded crime", "Police recorded ASB", "SCDC ASB*", "Benefits", "Deliberate Fires", "IMD"];

describe("the South Cambridgeshire demo reproduces the published Table 4", () => {
  let json: {
    district: string;
    columns: { id: string; label: string; criterion: string }[];
    wards: { ward: string; flags: Record<string, boolean>; total: number; risk: string; concern: string | null }[];
    findings: { severity: string }[];
  };

  beforeAll(async () => {
    const r = await run("build", DEMO, "--json");
    expect(r.code).toBe(0);
    json = JSON.parse(r.stdout);
  });

  it("has the six published columns with their verbatim criteria", () => {
    expect(json.district).toBe("South Cambridgeshire");
    expect(json.columns.map((c) => c.label)).toEqual(PUBLISHED_COLUMNS);
    expect(json.columns[0].criterion).toBe("Highest number of offences (400+) between November 18 and October 19");
    expect(json.columns[5].criterion).toBe("Wards which contained at least 1 LSOA in the top 30% most deprived nationally");
  });

  it("gives all 26 wards, in order, with the published flags, totals and risk levels", () => {
    expect(json.wards.map((w) => w.ward)).toEqual(PUBLISHED_TABLE_4.map((w) => w.ward));
    for (const expected of PUBLISHED_TABLE_4) {
      const got = json.wards.find((w) => w.ward === expected.ward)!;
      const flagged = Object.entries(got.flags)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .sort();
      expect({ ward: got.ward, flagged, total: got.total, risk: got.risk }).toEqual({
        ward: expected.ward,
        flagged: [...expected.flags].sort(),
        total: expected.total,
        risk: expected.risk,
      });
    }
  });

  it("carries officers' concerns into the matrix", () => {
    expect(json.wards.find((w) => w.ward === "Longstanton")!.concern).toMatch(/Northstowe/);
    expect(json.wards.find((w) => w.ward === "Balsham")!.concern).toBeNull();
  });

  it("reads the returns without errors or warnings", () => {
    expect(json.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("writes the Table 4 workbook: shaded flags, totals, coloured risk, key, criteria, footnote, compiled date", async () => {
    const dir = tempDir();
    const out = path.join(dir, "table4.xlsx");
    const r = await run("build", DEMO, "--out", out, "--marking", "NOT PROTECTIVELY MARKED");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Cambourne\s+X\s+X\s+X\s+X\s+4\s+High/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Table 4")!;
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1)));
    expect(rows[0][0]).toBe("NOT PROTECTIVELY MARKED");
    expect(String(rows[1][0])).toBe("Summary table of high risk flags across datasets by ward – Data compiled January 2020");
    const header = rows.findIndex((r) => r && r[0] === "Ward");
    expect(rows[header]).toEqual(["Ward", ...PUBLISHED_COLUMNS, "Total Flags", "Risk", "Professional concern raised", "Priority heading"]);
    for (let i = 0; i < 26; i++) {
      const row = rows[header + 1 + i];
      const expected = PUBLISHED_TABLE_4[i];
      expect([row[0], row[7], row[8]]).toEqual([expected.ward, expected.total, expected.risk]);
    }
    const cambourne = ws.getRow(header + 1 + 6);
    expect(cambourne.getCell(1).value).toBe("Cambourne");
    expect((cambourne.getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFF4B183");
    expect(cambourne.getCell(2).value).toBe(1);
    expect(cambourne.getCell(4).value).toBeNull();
    expect((cambourne.getCell(9).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    const text = rows.flat().map(String).join("\n");
    expect(text).toMatch(/High = 3\+ flags/);
    expect(text).toMatch(/Criteria for a risk flag/);
    expect(text).toMatch(/\*Use with caution as only currently reflects SCDC housing stock/);
    expect(text).toMatch(/Data compiled: January 2020/);
    expect(fs.readdirSync(dir)).toEqual(["table4.xlsx"]);
    expect(ws.pageSetup.printTitlesRow).toBe(`${header + 1}:${header + 1}`);
    const evidence = wb.getWorksheet("Evidence")!;
    // The marking first, as on the Table 4 sheet, then the title and the district.
    expect(evidence.getCell(1, 1).text).toBe(ws.getCell(1, 1).text);
    expect(evidence.getCell(2, 1).text).toBe(
      "Evidence behind Summary table of high risk flags across datasets by ward – Data compiled January 2020",
    );
    expect(evidence.getCell(3, 1).text).toBe("South Cambridgeshire");
    expect(evidence.headerFooter.oddFooter).toContain(ws.getCell(1, 1).text);
    let head = 0;
    evidence.eachRow((row, r) => {
      if (!head && row.getCell(1).text === "Ward") head = r;
    });
    expect(evidence.pageSetup).toMatchObject({ printTitlesRow: `${head}:${head}`, paperSize: 9 });
    expect(Object.keys((evidence as unknown as { tables: object }).tables)).toHaveLength(1);
    const headings = (evidence.getRow(head).values as unknown[]).slice(1);
    const balsham = (evidence.getRow(head + 1).values as unknown[]).slice(1);
    expect(balsham[0]).toBe("Balsham");
    // Numbers as numbers, the village a figure is of beside it.
    expect(balsham[headings.indexOf("Police recorded crime (>=400)")]).toBe(96);
    expect(balsham[headings.indexOf("SCDC ASB* (>=6)")]).toBe(3);
    expect(balsham[headings.indexOf("SCDC ASB*: area")]).toBe("Balsham");
    expect(evidence.getColumn(1).width).toBeGreaterThan(10);
    const criteria: string[] = [];
    evidence.eachRow((row, r) => r > head + json.wards.length && criteria.push(row.getCell(2).text));
    expect(criteria).toContain("Highest number of offences (400+) between November 18 and October 19");
  });
});
