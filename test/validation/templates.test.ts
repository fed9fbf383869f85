import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { defaultCriteria } from "../../src/engine/rules/criteria";
import { RETURN_KINDS } from "../../src/engine/returns/returnKinds";
import { TEMPLATE_LAST_ROW, templateFields, templateWorkbook } from "../../src/io/writeTemplate";
import { parseRange } from "../../src/engine/read/cells";
import { run, tempDir, writeCambridgeLookup } from "../cli/helpers";

const WARDS = ["Cottenham", "Melbourn", "Histon & Impington"];

/** One correct row per month of the period (or per area, for kinds without dates). */
function filledRows(kindId: string): (string | number | Date)[][] {
  const months = (from: [number, number], n: number) =>
    Array.from({ length: n }, (_, i) => new Date(Date.UTC(from[0], from[1] - 1 + i, 15)));
  switch (kindId) {
    case "police-crime":
      return months([2018, 11], 12).map((d, i) => [d, "Harassment", WARDS[i % 3], "", 2, `CC/${i}`]);
    case "police-asb":
      return months([2018, 11], 12).map((d, i) => [d, "Nuisance", WARDS[i % 3], "", 1, `A/${i}`]);
    case "council-asb":
      return months([2018, 11], 12).map((d, i) => [d, "Cottenham", "Cottenham", "Noise", 1, `S/${i}`]);
    case "fires":
      return months([2016, 12], 36).map((d, i) => [
        d,
        i % 2 ? "Deliberate" : "Accidental",
        WARDS[i % 3],
        "",
        "Secondary fire",
        1,
        `F/${i}`,
      ]);
    case "benefits":
      return ["Apr", "May", "Jun", "Jul", "Aug", "Sep"].map((m) => [`${m} 2019`, "E01018226", "Melbourn", 10]);
    case "imd":
      return [
        ["E01018226", "Melbourn", 3],
        ["E01018233", "Cottenham", 8],
      ];
    case "concerns":
      return [["Cambourne", "Growth and new communities", "Preventing"]];
  }
  throw new Error(kindId);
}

describe.each(RETURN_KINDS.filter((k) => !k.download).map((k) => [k.id, k] as const))("the %s template", (kindId, kind) => {
  let file: string;
  let wb: ExcelJS.Workbook;
  let sheetXml: string;
  beforeAll(async () => {
    file = path.join(tempDir(), `${kindId}.xlsx`);
    const r = await run("template", kindId, "--out", file);
    expect(r.code).toBe(0);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    sheetXml = strFromU8(unzipSync(fs.readFileSync(file))["xl/worksheets/sheet1.xml"]);
  });

  it(`checks every column to row ${TEMPLATE_LAST_ROW.toLocaleString("en-GB")} with one range each, none overlapping`, () => {
    const ranges = [...sheetXml.matchAll(/sqref="([^"]+)"/g)].map((m) => parseRange(m[1])!);
    expect(ranges.length).toBeGreaterThan(0);
    for (const r of ranges) expect([r.r1, r.r2, r.c1 === r.c2]).toEqual([1, TEMPLATE_LAST_ROW - 1, true]);
    expect(new Set(ranges.map((r) => r.c1)).size).toBe(ranges.length);
  });

  it("has the canonical headers, a notes sheet, and validation on its columns", () => {
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(templateFields(kind).map((f) => f.header));
    const notes = wb.getWorksheet("Notes")!;
    const text = notes
      .getSheetValues()
      .flat()
      .map((v) => (typeof v === "string" ? v : ""))
      .join(" ");
    expect(text).toMatch(/Period/);
    expect(text).toMatch(/Do not include names/);
    templateFields(kind).forEach((f, i) => {
      const v = ws.getCell(2, i + 1).dataValidation;
      if (f.type === "date") expect(v?.type).toBe("date");
      if (f.type === "count") expect(v).toMatchObject({ type: "whole", operator: "greaterThanOrEqual" });
      if (f.type === "decile") expect(v).toMatchObject({ type: "whole", formulae: [1, 10] });
      if (f.type === "ward") expect(v).toMatchObject({ type: "list" });
      if (f.values) expect(v?.type).toBe("list");
    });
  });

  it("lists the district's wards and the allowed causes in its drop-downs", () => {
    const lists = wb.getWorksheet("Lists")!;
    const values = lists.getSheetValues().flat().filter(Boolean);
    expect(values).toContain("Histon & Impington");
    expect(values.filter((v) => typeof v === "string" && ["Balsham", "Whittlesford"].includes(v))).toHaveLength(2);
    if (kindId === "fires") expect(values).toEqual(expect.arrayContaining(["Deliberate", "Accidental", "Unknown"]));
  });

  it("passes validation with no findings once filled in correctly", async () => {
    // Filled in memory: exceljs would expand each 50,000-row check cell by cell if the file were read back and saved.
    const template = templateWorkbook(kind, { criteria: defaultCriteria() });
    const ws = template.worksheets[0];
    filledRows(kindId).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 2, c + 1).value = v === "" ? null : v)));
    const filled = file.replace(".xlsx", "-filled.xlsx");
    await template.xlsx.writeFile(filled);
    const r = await run("validate", filled, "--json");
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { kind: string }) => f.kind)).toEqual([kindId]);
    expect(report.files[0].findings).toEqual([]);
    expect(report.files[0].accepted).toBe(filledRows(kindId).length);
    expect(r.code).toBe(0);
  });
});

describe("a template for another district", () => {
  it("gives examples and periods from that district and its criteria, never South Cambridgeshire's", async () => {
    const dir = tempDir();
    const lookup = writeCambridgeLookup(dir);
    const out = path.join(dir, "fires.xlsx");
    const r = await run("template", "fires", "--district", "Cambridge", "--lookup", lookup, "--end", "2025-06", "--out", out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const notes = wb
      .getWorksheet("Notes")!
      .getSheetValues()
      .flat()
      .map((v) => (typeof v === "string" ? v : ""))
      .join("\n");
    expect(notes).toMatch(/Example: Arbury/);
    // The first day of the fires column's three years to June 2025.
    expect(notes).toMatch(/Example: 01\/07\/2022/);
    expect(notes).not.toMatch(/Histon|Cottenham|South Cambridgeshire|2019/);
  });
});

describe("a template names the page partners check it on", () => {
  const before = process.env.ADDIN_HOST;
  afterEach(() => (before === undefined ? delete process.env.ADDIN_HOST : (process.env.ADDIN_HOST = before)));
  const notesOf = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const notes = wb.getWorksheet("Notes")!;
    const text: string[] = [];
    notes.eachRow((r) => text.push((r.values as unknown[]).map((v) => (typeof v === "string" ? v : "")).join(" ")));
    return text.join("\n");
  };
  it("when the add-in's host is set (ADDIN_HOST), and says nothing of it otherwise", async () => {
    const dir = tempDir();
    process.env.ADDIN_HOST = "https://addins.example.gov.uk/riskmatrix";
    expect((await run("template", "fires", "--out", path.join(dir, "fires.xlsx"))).code).toBe(0);
    expect(await notesOf(path.join(dir, "fires.xlsx"))).toMatch(
      /Open https:\/\/addins\.example\.gov\.uk\/riskmatrix\/check\.html in any current browser.*nothing is uploaded/,
    );
    delete process.env.ADDIN_HOST;
    expect((await run("template", "fires", "--out", path.join(dir, "plain.xlsx"))).code).toBe(0);
    expect(await notesOf(path.join(dir, "plain.xlsx"))).not.toMatch(/check\.html/);
  });
});
