/*
 * The Word report: Table 4 as a real Word table with the workbook's shading, the risk key, the
 * criteria, the notes, and the marking in header and footer.
 */
import * as fs from "fs";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { DEMO } from "../helpers/publicData";
import { run, tempDir } from "./helpers";
import { STYLE_FORMATS } from "../../src/engine/matrix/render";

const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

describe("build --docx FILE.docx", () => {
  it("writes Table 4 as a shaded Word table with its key, criteria, notes and marking", async () => {
    const dir = tempDir();
    const out = path.join(dir, "Table 4.docx");
    const r = await run("build", DEMO, "--docx", out, "--marking", "OFFICIAL-SENSITIVE");
    expect(r.code).toBe(0);
    const json = JSON.parse((await run("build", DEMO, "--json")).stdout) as { wards: { ward: string; risk: string; total: number }[] };
    const parts = unzipSync(new Uint8Array(fs.readFileSync(out)));
    const doc = strFromU8(parts["word/document.xml"]);
    expect(doc).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const tables = [...doc.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
    const matrix = tables.find((t) => textOf(t).startsWith("Ward"))!;
    const rows = [...matrix.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(json.wards.length + 1);
    // The header row repeats on every page; each ward's risk cell is shaded by its level.
    expect(rows[0]).toMatch(/<w:tblHeader\/>/);
    const fill: Record<string, string> = {
      Low: STYLE_FORMATS["risk-low"].fill!,
      Medium: STYLE_FORMATS["risk-medium"].fill!,
      High: STYLE_FORMATS["risk-high"].fill!,
    };
    for (const w of json.wards) {
      const row = rows.find((x) => textOf(x).startsWith(w.ward.replace(/&/g, "&amp;")))!;
      const cells = [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => m[1]);
      const riskCell = cells.find((c) => textOf(c) === w.risk)!;
      expect(riskCell).toMatch(new RegExp(`w:fill="${fill[w.risk]}"`));
    }
    const text = textOf(doc);
    expect(text).toMatch(/Risk key/);
    expect(text).toMatch(/High = 3\+ flags/);
    expect(text).toMatch(/Criteria for a risk flag/);
    expect(text).toMatch(/Data compiled: January 2020/);
    for (const part of ["word/header1.xml", "word/footer1.xml"]) expect(textOf(strFromU8(parts[part]))).toBe("OFFICIAL-SENSITIVE");
  });

  it("is refused where the output is not a .docx, writing nothing there", async () => {
    const before = fs.statSync(path.join(DEMO, "fires.xlsx")).mtimeMs;
    const r = await run("build", DEMO, "--docx", path.join(DEMO, "fires.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--docx/);
    expect(fs.statSync(path.join(DEMO, "fires.xlsx")).mtimeMs).toBe(before);
  });
});
