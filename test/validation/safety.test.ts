import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEMO } from "../helpers/publicData";
import { run, tempDir, writeCsv } from "../cli/helpers";
import { terminalSafe } from "../../src/cli/main";
import { finding } from "../../src/engine/findings/findings";
import { readCriteria } from "../../src/engine/rules/criteria";
import { toCsv } from "../../src/engine/read/csvWrite";
import { buildFromInputs } from "../../src/engine/matrix/pipeline";
import { matrixHtml, matrixPlainText } from "../../src/engine/matrix/render";
import { looksLikeFormula } from "../../src/engine/read/text";

describe("text from a return is always written as text, never as a formula", () => {
  it("in the Table 4 workbook", async () => {
    const dir = tempDir();
    const concerns = writeCsv(dir, "concerns.csv", [
      ["Ward", "Professional concern raised", "Priority"],
      ["Cambourne", '=HYPERLINK("http://example.org","x")', "Emerging"],
      ["Girton", "@SUM(A1:A2)", "Preventing"],
    ]);
    const demo = fs
      .readdirSync(DEMO)
      .filter((f) => !f.startsWith("professional") && !f.endsWith(".md"))
      .map((f) => path.join(DEMO, f));
    const out = path.join(dir, "t4.xlsx");
    const r = await run("build", ...demo, `concerns=${concerns}`, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/formula-text/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cells: ExcelJS.Cell[] = [];
    wb.getWorksheet("Table 4")!.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const injected = cells.filter((c) => typeof c.value === "string" && /^[=@]/.test(c.value));
    expect(injected.map((c) => c.value)).toEqual(['=HYPERLINK("http://example.org","x")', "@SUM(A1:A2)"]);
    for (const c of injected) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
  });
});

describe("one rule for formula-like text, in every output", () => {
  const criteria = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "fixtures", "criteria.json"), "utf8"));
  const hostile = ['=WEBSERVICE("http://x")', "-2+cmd|' /C calc'!A0", " @SUM(A1)", "\t=1+1"];

  it("the CSV writer, the HTML and plain-text copies and the text report all write it inert", () => {
    for (const text of hostile) {
      expect(looksLikeFormula(text)).toBe(true);
      expect(toCsv([[text]]).replace(/^"/, "")).toMatch(/^'/);
    }
    const spec = { ...criteria, columns: criteria.columns.map((c: object, i: number) => (i === 0 ? { ...c, label: hostile[0] } : c)) };
    const r = readCriteria(spec);
    if (!r.ok) throw new Error(r.message);
    const matrix = buildFromInputs([], { criteria: r.criteria, allowPartial: true }).matrix!;
    expect(matrixHtml(matrix)).toContain(`'${hostile[0].replace(/"/g, "&quot;")}`);
    expect(matrixPlainText(matrix).split(/[\t\n]/)).toContain(`'${hostile[0]}`);
    expect(matrixPlainText(matrix).split(/[\t\n]/)).not.toContain(hostile[0]);
  });

  it("control characters from a return reach the terminal only as escapes", () => {
    const shown = terminalSafe("Ward \u001b[2J\u009b31m\u0007 end\n");
    expect(shown).toBe("Ward \\u001b[2J\\u009b31m\\u0007 end\n");
    expect(JSON.parse(terminalSafe(JSON.stringify({ v: "a\u009bb" })))).toEqual({ v: "a\u009bb" });
  });

  it("zero-width and right-to-left characters reach the terminal only as escapes, and a cell's whole text is never echoed", () => {
    expect(terminalSafe("Mel\u200bbourn \u202eevil\u202c \u2066x\u2069")).toBe("Mel\\u200bbourn \\u202eevil\\u202c \\u2066x\\u2069");
    const ward = "x".repeat(5_000_000);
    const f = finding("unknown-ward", {
      file: "f.csv",
      sheet: "f",
      params: { ward, row: 2, district: "Testshire", nearest: [], wards: 3 },
    });
    const whole = `"${ward}" in row 2 is not a ward of Testshire.`;
    expect(f.message.length).toBeLessThan(1_100);
    expect(f.message).toBe(`${whole.slice(0, 1_000)}… (${(whole.length - 1_000).toLocaleString("en-GB")} more characters)`);
    expect(String(f.params.ward).length).toBeLessThan(1_100);
  });
});
