import * as path from "path";
import { readXlsx, readXlsxStreaming } from "../../src/io/readFiles";
import { DEMO } from "../helpers/shared";

describe("reading .xlsx", () => {
  it("gives the same cells whether the workbook is loaded whole or streamed", async () => {
    for (const name of ["police-recorded-crime.xlsx", "fires.xlsx", "benefits-claims.xlsx"]) {
      const file = path.join(DEMO, name);
      const whole = await readXlsx(file);
      const streamed = await readXlsxStreaming(file);
      expect(streamed.map((s) => s.sheet)).toEqual(whole.map((s) => s.sheet));
      streamed.forEach((s, i) => {
        const norm = (rows: unknown[][]) => rows.map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : (c ?? null))));
        expect(norm(s.rows)).toEqual(norm(whole[i].rows));
      });
    }
  });
});
