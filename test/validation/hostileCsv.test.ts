import * as fs from "fs";
import * as path from "path";
import { readSheets } from "../../src/io/readFiles";
import { cellText } from "../../src/engine/read/cells";
import { run, tempDir, writeCambridgeLookup } from "../cli/helpers";
import { CSV_CASES } from "./hostileCsv";
import { sniffEncoding } from "../../src/engine/read/encoding";
import { gridOf } from "../../src/engine/read/grid";

const CRITERIA = path.resolve(__dirname, "..", "fixtures", "criteria.json");

describe.each(CSV_CASES.map((c) => [c.name, c] as const))("%s", (name, c) => {
  it(`gives ${c.codes.join(", ") || "no finding"}, and accounts for every row`, async () => {
    const dir = tempDir();
    const file = path.join(dir, name);
    fs.writeFileSync(file, c.bytes());
    const r = await run("validate", `fires=${file}`, "--criteria", CRITERIA, "--json");
    const report = JSON.parse(r.stdout);
    const [ret] = report.files;
    const codes = [...new Set(report.files.flatMap((f: { findings: { code: string }[] }) => f.findings.map((x) => x.code)))];
    expect(codes.sort()).toEqual([...c.codes].sort());
    expect({ read: ret.rows, accepted: ret.accepted, rejected: ret.rejected }).toEqual(c.rows);
    expect(r.code).toBe(
      report.files.some((f: { findings: { severity: string }[] }) => f.findings.some((x) => x.severity === "error")) ? 1 : 0,
    );
    if (c.cell) {
      const [sheet] = await readSheets(file);
      expect(cellText(gridOf(sheet).cell(c.cell.row, c.cell.col))).toBe(c.cell.text);
    }
  });
});

describe("a stray quote in a return that feeds Table 4", () => {
  it("costs one row, not the rest of the file, and build says so with exit 1", async () => {
    const dir = tempDir();
    const file = path.join(dir, "fires.csv");
    fs.writeFileSync(file, CSV_CASES[0].bytes());
    const r = await run("build", `fires=${file}`, "--criteria", CRITERIA, "--allow-partial", "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(JSON.stringify(report)).toContain("unclosed-quote");
  });
});

describe("decimal commas", () => {
  it("are read in a semicolon file, and left as text in a comma file", async () => {
    const dir = tempDir();
    const semi = path.join(dir, "semi.csv");
    fs.writeFileSync(semi, "Offence;Count;Rate\nBurglary;1.234;12,5\n");
    const comma = path.join(dir, "comma.csv");
    fs.writeFileSync(comma, 'Offence,Count,Rate\nBurglary,"1,234","12,5"\n');
    expect(gridOf((await readSheets(semi))[0]).row(1)).toEqual(["Burglary", 1234, 12.5]);
    expect(gridOf((await readSheets(comma))[0]).row(1)).toEqual(["Burglary", "1,234", "12,5"]);
  });
});

describe("a Windows-1252 return against a real-shaped lookup", () => {
  it("matches Excel's curly apostrophe to the ward the ONS writes with a straight one", async () => {
    const dir = tempDir();
    const lookup = writeCambridgeLookup(dir);
    const ret = path.join(dir, "fires.csv");
    fs.writeFileSync(ret, Buffer.from("Date,Cause,Ward\r\n01/01/2025,Deliberate,King\x92s Hedges\r\n", "latin1"));
    const r = await run("validate", `fires=${ret}`, "--lookup", lookup, "--district", "Cambridge", "--end", "2025-06", "--json");
    const findings = JSON.parse(r.stdout).files.flatMap((f: { findings: { code: string }[] }) => f.findings.map((x) => x.code));
    expect(findings).not.toContain("unknown-ward");
    expect(findings).toContain("text-encoding");
  });
});

describe("the encoding, told from the bytes alone (as the pane reads an imported lookup)", () => {
  it.each([
    ["excel-uk.csv", "Windows-1252"],
    ["utf8-bom.csv", "UTF-8"],
    ["unicode-text.txt", "UTF-16 LE"],
    ["utf16-be.csv", "UTF-16 BE"],
    ["bad-bytes.csv", "UTF-8"],
    ["stray-quote.csv", "UTF-8"],
  ])("%s is %s", (name, encoding) => {
    expect(sniffEncoding(CSV_CASES.find((c) => c.name === name)!.bytes())).toBe(encoding);
  });
});
