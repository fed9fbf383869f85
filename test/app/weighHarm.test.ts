import type { RowSheet } from "../../src/engine/read/cells";
import { harmColumnsOf, harmFormula, harmOfColumns } from "../../src/app/weighHarm";
import { HUNTINGDONSHIRE_VIOLENCE } from "../helpers/sheets";

const sheet = (rows: RowSheet["rows"]): RowSheet => ({ file: "this workbook", sheet: "Violence", rows });

describe("weighing a sheet of offences by the Crime Harm Index (the pane's harm view)", () => {
  const violence = sheet([["Violence against the person, 2019"], ["Offence", "Number of offences"], ...HUNTINGDONSHIRE_VIOLENCE, []]);

  it("finds the headers below a title and guesses the offence and count columns by their names", () => {
    expect(harmColumnsOf(violence)).toMatchObject({ headerRow: 1, offence: 0, count: 1 });
    expect(harmColumnsOf(sheet([["Notes"]]))).toEqual({ headerRow: -1, headers: [] });
  });

  it("totals the published Huntingdonshire violence harm from the rows below the headers, and its rate", () => {
    expect(harmOfColumns(violence, 0, 1)).toEqual({ ok: true, total: 263239, rate: undefined });
    const rated = harmOfColumns(violence, 0, 1, 180_000);
    expect(rated.ok && rated.rate).toBeCloseTo((263239 / 180_000) * 1000, 3);
  });

  it("says why when an offence is not in the index", () => {
    expect(
      harmOfColumns(
        sheet([
          ["Offence", "Count"],
          ["Not an offence", 3],
        ]),
        0,
        1,
      ),
    ).toMatchObject({ ok: false });
  });

  it("writes the add-in's own formula over the columns, quoting the sheet's name", () => {
    expect(harmFormula("Q3 data", 1, 20, 0, 1, 180_000)).toBe("=CSP.HARMWEIGHT('Q3 data'!$A$3:$A$21,'Q3 data'!$B$3:$B$21,180000)");
  });
});
