import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEMO } from "../helpers/shared";
import { run, tempDir, writeCsv } from "../cli/helpers";

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
