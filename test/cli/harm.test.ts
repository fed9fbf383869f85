import * as path from "path";
import ExcelJS from "exceljs";
import { run, tempDir, writeCsv } from "./helpers";

describe("riskmatrix harm", () => {
  const rows = [
    ["Offence", "Count", "Period"],
    ["Common assault and battery (incl. attempts)", 1000, "2017/18"],
    ["Assault – GBH cause grievous bodily harm (incl. assault police and attempts)", 50, "2017/18"],
    ["Common assault and battery", 1100, "2018/19"],
    ["assault - GBH cause grievous bodily harm", 60, "2018/19"],
  ];

  it("prints count, harm, rates per 1,000 and the change from the first period to the last", async () => {
    const file = writeCsv(tempDir(), "violence.csv", rows);
    const r = await run("harm", file, "--population", "100,000", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.periods).toEqual([
      { period: "2017/18", count: 1050, harm: 1000 + 50 * 1460, ratePer1000: 10.5, harmPer1000: 740 },
      { period: "2018/19", count: 1160, harm: 1100 + 60 * 1460, ratePer1000: 11.6, harmPer1000: 887 },
    ]);
    expect(json.change.ratePct).toBeCloseTo(((11.6 - 10.5) / 10.5) * 100, 9);
    expect(json.change.harmPct).toBeCloseTo(((887 - 740) / 740) * 100, 9);
    expect(json.unknown).toEqual([]);
    expect(json.offences.map((o: { score: number }) => o.score).sort((a: number, b: number) => a - b)).toEqual([1, 1, 1460, 1460]);
  });

  it("writes a report workbook: marking, title, the source by its file name, numbers as numbers, on A4", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "violence.csv", rows);
    const out = path.join(dir, "harm.xlsx");
    const r = await run("harm", file, "--population", "100,000", "--out", out, "--marking", "OFFICIAL");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Harm")!;
    const texts: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => (texts[r - 1] = row.getCell(1).text));
    expect(texts.slice(0, 3)).toEqual(["OFFICIAL", "Harm-weighted crime (Cambridge Crime Harm Index)", "Source: violence.csv"]);
    expect(texts.join("\n")).not.toContain(dir);
    const head = texts.indexOf("Period") + 1;
    expect((ws.getRow(head).values as unknown[]).slice(1)).toEqual([
      "Period",
      "Offences",
      "Harm (days)",
      "Rate per 1,000",
      "Harm per 1,000",
    ]);
    expect((ws.getRow(head + 1).values as unknown[]).slice(1)).toEqual(["2017/18", 1050, 74000, 10.5, 740]);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: `${head}:${head}` });
    expect(ws.headerFooter.oddHeader).toContain("OFFICIAL");
    expect((await run("harm", file, "--out", out)).code).toBe(1);
  });

  it("calls a file without periods 'all', and lists unknown offences with exit 1", async () => {
    const file = writeCsv(tempDir(), "x.csv", [
      ["Offence", "Count"],
      ["Threats to kill", 3],
      ["Shoplifting", 9],
    ]);
    const r = await run("harm", file, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.periods).toEqual([{ period: "all", count: 3, harm: 30, ratePer1000: null, harmPer1000: null }]);
    expect(json.unknown).toEqual(["Shoplifting"]);
  });

  it("takes a weights file that extends the table", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "x.csv", [
      ["Offence", "Count"],
      ["Shoplifting", 9],
    ]);
    const weights = writeCsv(dir, "chi.csv", [
      ["Offence", "Days"],
      ["Shoplifting", 2.5],
    ]);
    const r = await run("harm", file, "--weights", weights);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/all\t9\t22.5/);
  });
});
