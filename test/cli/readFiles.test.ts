import * as fs from "fs";
import * as path from "path";
import { readXlsx } from "../../src/io/readFiles";
import { comparable, readWithExceljs } from "../helpers/exceljsReader";
import { DEMO } from "../helpers/publicData";
import { sheetRows } from "../../src/engine/read/grid";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "returns");

/** Every .xlsx the project ships: the validation fixtures and the bundled example. */
const CORPUS = [
  ...fs.readdirSync(FIXTURES).map((f) => path.join(FIXTURES, f)),
  ...fs.readdirSync(DEMO).map((f) => path.join(DEMO, f)),
].filter((f) => f.endsWith(".xlsx"));

describe("the project's .xlsx reader against exceljs", () => {
  it("covers every fixture and the example", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(13);
  });

  it.each(CORPUS.map((f) => [path.relative(path.resolve(__dirname, "..", ".."), f), f]))(
    "reads %s cell by cell as exceljs does",
    async (_, file) => {
      const ours = await readXlsx(file);
      const theirs = await readWithExceljs(fs.readFileSync(file), file);
      expect(ours.map((s) => s.sheet)).toEqual(theirs.map((s) => s.sheet));
      ours.forEach((sheet, i) => {
        expect(comparable(sheetRows(sheet))).toEqual(comparable(sheetRows(theirs[i])));
        expect(sheet.merges ?? []).toEqual(theirs[i].merges ?? []);
      });
    },
  );
});
