/*
 * Last quarter beside this one: `build --compare EARLIER.xlsx` lists each ward's flags gained and
 * lost since an earlier Table 4 (one this product wrote, then edited by officers), carries its
 * notes forward, and writes the changes beside the new table.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEMO } from "../helpers/publicData";
import { run, tempDir } from "./helpers";

interface Report {
  wards: { ward: string; flags: Record<string, boolean>; concern: string | null }[];
  comparison: {
    against: string;
    changes: { ward: string; gained: string[]; lost: string[]; riskAfter: string }[];
    criteriaChanged: unknown[];
  } | null;
}

/** Last quarter's Table 4, as officers left it: Girton's first flag the other way round and a concern noted for Balsham. */
async function earlierTable4(dir: string): Promise<{ file: string; column: string; girtonHasItNow: boolean }> {
  const now = path.join(dir, "now.xlsx");
  expect((await run("build", DEMO, "--out", now)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(now);
  const ws = wb.getWorksheet("Table 4")!;
  let header = 0;
  ws.eachRow((row, r) => {
    if (!header && row.getCell(1).text === "Ward") header = r;
  });
  const headings: string[] = [];
  ws.getRow(header).eachCell((c, col) => (headings[col] = c.text));
  const concernCol = headings.indexOf("Professional concern raised");
  let girtonHasItNow = false;
  ws.eachRow((row, r) => {
    if (r <= header) return;
    if (row.getCell(1).text === "Girton") {
      girtonHasItNow = row.getCell(2).text !== "";
      row.getCell(2).value = girtonHasItNow ? null : 1;
    }
    if (row.getCell(1).text === "Balsham") row.getCell(concernCol).value = "Speeding on the High Street";
  });
  const file = path.join(dir, "last quarter.xlsx");
  await wb.xlsx.writeFile(file);
  return { file, column: headings[2], girtonHasItNow };
}

describe("build --compare", () => {
  it("lists the flags each ward gained and lost, carries notes forward, and writes the changes on a Changes sheet", async () => {
    const dir = tempDir();
    const earlier = await earlierTable4(dir);
    const out = path.join(dir, "this quarter.xlsx");
    const r = await run("build", DEMO, "--compare", earlier.file, "--out", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Report;
    expect(json.comparison?.against).toBe("Table 4");
    expect(json.comparison?.criteriaChanged).toEqual([]);
    const girton = json.comparison?.changes.find((c) => c.ward === "Girton");
    // Last quarter Girton's flag was the other way round from the demo's now.
    expect(girton).toMatchObject(earlier.girtonHasItNow ? { gained: [earlier.column], lost: [] } : { lost: [earlier.column], gained: [] });
    expect(json.comparison?.changes.map((c) => c.ward)).toEqual(["Girton"]);
    expect(json.wards.find((w) => w.ward === "Balsham")?.concern).toBe("Speeding on the High Street");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts = (sheet: string) => {
      const out: string[] = [];
      wb.getWorksheet(sheet)!.eachRow((row) => row.eachCell((c) => out.push(c.text)));
      return out;
    };
    expect(texts("Table 4")).toContain("Speeding on the High Street");
    const changes = texts("Changes");
    expect(changes[0]).toBe("Changes since Table 4");
    expect(changes).toEqual(expect.arrayContaining(["Ward", "Flags gained", "Flags lost", "Risk", "Girton"]));
    expect(wb.getWorksheet("Table 4")!.pageSetup.paperSize).toBe(9);

    const text = await run("build", DEMO, "--compare", earlier.file);
    expect(text.stdout).toMatch(/Changes since Table 4\n(.*\n)*Ward +Flags gained +Flags lost +Risk\nGirton /);
  });

  it("refuses a workbook that holds no Table 4, naming it, and builds nothing", async () => {
    const dir = tempDir();
    const out = path.join(dir, "t4.xlsx");
    const notTable4 = path.join(dir, "returns.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Fires").addRows([
      ["Date", "Cause", "Ward"],
      ["01/02/2019", "Deliberate", "Girton"],
    ]);
    await wb.xlsx.writeFile(notTable4);
    const r = await run("build", DEMO, "--compare", notTable4, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/returns\.xlsx holds no Table 4/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
