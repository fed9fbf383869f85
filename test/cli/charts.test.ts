/*
 * Native charts in the Table 4 workbook: chart parts the workbook library does not write, added to
 * its zip. Each part is checked against the standard's chart schema (the elements written, in the
 * standard's order), every part of the package is well-formed and linked, and each chart's series
 * refer to cells that hold the figures it shows.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { DEMO } from "../helpers/publicData";
import { run, tempDir } from "./helpers";

const SCHEMA = path.resolve(__dirname, "..", "schemas", "dml-chart-subset.xsd");

async function xmlErrors(name: string, xml: string, schema?: string): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateXML } = require("xmllint-wasm") as typeof import("xmllint-wasm");
  const result = await validateXML({
    xml: [{ fileName: name, contents: xml }],
    ...(schema ? { schema: [{ fileName: "schema.xsd", contents: schema }] } : { normalization: "" }),
  } as Parameters<typeof validateXML>[0]);
  return result.errors.map((e) => e.rawMessage);
}

interface Built {
  columns: { id: string; label: string; monthly: { month: string; value: number | null }[] | null }[];
  wards: { ward: string; total: number; flags: Record<string, boolean | null>; evidence: Record<string, { value: number | null }> }[];
}

/** A reference such as 'Charts'!$B$6:$B$31 as its sheet and cell addresses. */
function cellsOf(ref: string): { sheet: string; cells: string[] } {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref)!;
  const [from, to] = [Number(m[3]), Number(m[5] ?? m[3])];
  return { sheet: m[1].replace(/''/g, "'"), cells: Array.from({ length: to - from + 1 }, (_, i) => `${m[2]}${from + i}`) };
}

const cached = (xml: string) =>
  [...xml.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => [Number(m[1]), m[2]] as const);

describe("build --out: native charts", () => {
  let parts: Record<string, Uint8Array>;
  let book: ExcelJS.Workbook;
  let built: Built;

  beforeAll(async () => {
    const dir = tempDir();
    const out = path.join(dir, "Table 4.xlsx");
    expect((await run("build", DEMO, "--out", out, "--marking", "OFFICIAL")).code).toBe(0);
    built = JSON.parse((await run("build", DEMO, "--json")).stdout) as Built;
    parts = unzipSync(new Uint8Array(fs.readFileSync(out)));
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
  });

  const charts = () =>
    Object.keys(parts)
      .filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k))
      .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));

  it("writes chart parts the chart schema accepts, in a package whose every part is well-formed and linked", async () => {
    const schema = fs.readFileSync(SCHEMA, "utf8");
    const monthly = built.columns.filter((c) => c.monthly?.some((m) => m.value !== null));
    expect(charts()).toHaveLength(1 + monthly.length);
    for (const chart of charts()) expect(await xmlErrors(chart, strFromU8(parts[chart]), schema)).toEqual([]);
    for (const part of Object.keys(parts).filter((k) => /\.(xml|rels)$/.test(k)))
      expect(await xmlErrors(part, strFromU8(parts[part]))).toEqual([]);
    const types = strFromU8(parts["[Content_Types].xml"]);
    for (const chart of charts())
      expect(types).toContain(
        `<Override PartName="/${chart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
    // The Charts sheet's drawing is linked, and each of its charts' ids resolves to a chart part.
    const sheetRels = Object.keys(parts).filter((k) => /^xl\/worksheets\/_rels\//.test(k));
    const drawingRel = sheetRels.map((k) => strFromU8(parts[k])).find((x) => x.includes("rIdCharts"))!;
    const drawing = `xl/drawings/${/Target="\.\.\/drawings\/([^"]+)"/.exec(drawingRel)![1]}`;
    const drawingXml = strFromU8(parts[drawing]);
    const rels = strFromU8(parts[drawing.replace("drawings/", "drawings/_rels/") + ".rels"]);
    const ids = [...drawingXml.matchAll(/<c:chart r:id="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(ids).toHaveLength(charts().length);
    for (const id of ids)
      expect(parts[`xl/charts/${new RegExp(`Id="${id}"[^>]*Target="../charts/([^"]+)"`).exec(rels)![1]}`]).toBeDefined();
    expect(await xmlErrors("sheet", strFromU8(parts["xl/workbook.xml"]))).toEqual([]);
  });

  it("draws flags by ward stacked by column and sorted by total, from the cells beside it", () => {
    const flags = strFromU8(parts[charts()[0]]);
    expect(flags).toMatch(/<c:barDir val="col"\/><c:grouping val="stacked"\/>/);
    const series = [...flags.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => m[1]);
    expect(series).toHaveLength(built.columns.length);
    const sorted = [...built.wards].sort((a, b) => b.total - a.total);
    series.forEach((ser, i) => {
      const column = built.columns[i];
      const [name, categories, values] = [...ser.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
      const sheet = book.getWorksheet(cellsOf(name).sheet)!;
      expect(sheet.getCell(cellsOf(name).cells[0]).value).toBe(column.label);
      const wards = cellsOf(categories).cells.map((c) => sheet.getCell(c).value);
      const figures = cellsOf(values).cells.map((c) => sheet.getCell(c).value);
      expect(wards).toHaveLength(built.wards.length);
      // Sorted by total, most first; each cell is the ward's flag (1, 0, blank where not known).
      expect(wards.map((w) => built.wards.find((x) => x.ward === w)!.total)).toEqual(sorted.map((w) => w.total));
      wards.forEach((w, j) => {
        const flag = built.wards.find((x) => x.ward === w)!.flags[column.id];
        expect(figures[j]).toBe(flag === true ? 1 : flag === false ? 0 : null);
      });
      const shown = new Map(cached(ser.slice(ser.indexOf("<c:val>"))));
      figures.forEach((f, j) => expect(shown.get(j)).toBe(typeof f === "number" ? String(f) : undefined));
    });
  });

  it("draws each dated column's monthly counts over its period, adding up to the wards' counts", () => {
    const crime = built.columns.find((c) => c.id === "crime")!;
    const line = charts()
      .map((c) => strFromU8(parts[c]))
      .find((x) => x.includes("<c:lineChart>") && x.includes(`${crime.label}: by month`))!;
    expect(line).toBeDefined();
    const [, months, values] = [...line.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    const sheet = book.getWorksheet(cellsOf(values).sheet)!;
    expect(cellsOf(months).cells.map((c) => sheet.getCell(c).value)).toEqual(crime.monthly!.map((m) => m.month));
    const counts = cellsOf(values).cells.map((c) => sheet.getCell(c).value as number);
    const wardTotal = built.wards.reduce((n, w) => n + (w.evidence[crime.id].value ?? 0), 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(wardTotal);
    expect(line).toMatch(/<c:dispBlanksAs val="gap"\/>/);
  });
});
