import * as fs from "fs";
import * as path from "path";
import { strToU8, zipSync } from "fflate";
import { copiedCell, copySheetName, fileFormat, readReturnFile, returnSheetOf } from "../../src/app/returnFile";
import { SheetData } from "../../src/engine/read/cells";
import { DEMO } from "../helpers/publicData";
import { ReadBudget, RUN_LIMITS } from "../../src/common/readBudget";
import { sheetRows } from "../../src/engine/read/grid";

const decoder = () => new TextDecoder();

describe("a return file opened in the pane", () => {
  it("reads the demo's workbook from its bytes with its sheets, as the command line does", () => {
    const bytes = fs.readFileSync(path.join(DEMO, "fires.xlsx"));
    const read = readReturnFile({ name: "fires.xlsx", bytes, decoder });
    if (!read.ok) throw new Error(read.message);
    expect(sheetRows(read.sheets[0]).length).toBeGreaterThan(10);
    expect(read.sheets[0].file).toBe("fires.xlsx");
  });

  it("reads a CSV as one sheet named after the file", () => {
    const read = readReturnFile({
      name: "Q3 fires.csv",
      bytes: strToU8("Date,Cause,Ward\r\n01/01/2019,Deliberate,Cottenham\r\n"),
      decoder,
    });
    if (!read.ok) throw new Error(read.message);
    expect(read.sheets.map((s) => [s.sheet, sheetRows(s).length])).toEqual([["Q3 fires", 2]]);
  });

  it("reads a CSV a slice at a time, a character cut between slices whole, never as one string of the file", () => {
    const row = "01/01/2019,Deliberate,Caxton – Papworth £\r\n";
    const text = `Date,Cause,Ward\r\n${row.repeat(60_000)}`;
    const decoded: number[] = [];
    const read = readReturnFile({
      name: "big.csv",
      bytes: strToU8(text),
      decoder: () => {
        const d = new TextDecoder();
        return { decode: (b?: Uint8Array, o?: { stream?: boolean }) => (decoded.push(b?.length ?? 0), d.decode(b, o)) };
      },
    });
    if (!read.ok) throw new Error(read.message);
    const rows = sheetRows(read.sheets[0]);
    expect(rows).toHaveLength(60_001);
    expect(rows[60_000]?.[2]).toBe("Caxton – Papworth £");
    expect(Math.max(...decoded)).toBeLessThanOrEqual(1 << 20);
  });

  it("stops a file past the run's stated rows, as the command line does, with what to do", () => {
    const budget = new ReadBudget({ ...RUN_LIMITS, rows: 100 });
    const text = `Date,Cause,Ward\r\n${"01/01/2019,Deliberate,Cottenham\r\n".repeat(500)}`;
    const read = readReturnFile({ name: "many.csv", bytes: strToU8(text), decoder, budget });
    expect(read).toMatchObject({
      ok: false,
      message: expect.stringMatching(/many\.csv takes this run past 100 rows/),
      fix: expect.any(String),
    });
  });

  it("names what it cannot read and what to do", () => {
    expect(fileFormat("old.xls")).toMatchObject({ ok: false, message: "old.xls is an old or non-Excel workbook format." });
    expect(fileFormat("notes.docx")).toMatchObject({ ok: false });
    const cut = readReturnFile({ name: "cut.xlsx", bytes: zipSync({ "a.txt": strToU8("x") }).subarray(0, 20), decoder });
    expect(cut).toMatchObject({ ok: false, message: expect.stringMatching(/^cut\.xlsx is damaged or cut short/) });
  });

  it("checks the first visible sheet that looks like a return, or the kind asked for, else a hidden one that does", () => {
    const sheet = (name: string, header: string[], hidden = false): SheetData => ({ file: "f.xlsx", sheet: name, rows: [header], hidden });
    const notes = sheet("Notes", ["Read me"]);
    const lists = sheet("Lists", ["Date of Call", "Cause of fire", "Ward"], true);
    const fires = sheet("Fires", ["Date of Call", "Cause of fire", "Ward"]);
    expect(returnSheetOf([notes, lists, fires]).sheet).toBe("Fires");
    expect(returnSheetOf([notes, lists, fires], "police-crime").sheet).toBe("Notes");
    // A return found only on a hidden sheet is checked there, rather than a visible sheet that is none.
    expect(returnSheetOf([notes, lists]).sheet).toBe("Lists");
  });

  it("copies dates as dates and errors as their text, and names the new sheet as Excel allows", () => {
    expect(copiedCell(new Date(Date.UTC(2019, 0, 1)))).toEqual({ date: 43466 });
    expect(copiedCell({ error: "#N/A" })).toBe("#N/A");
    expect(copiedCell("=HYPERLINK(1)")).toBe("=HYPERLINK(1)");
    expect(copySheetName("fires: Q3 [final] 2019/2020 partner return")).toBe("fires Q3 final 2019 2020 partne");
    expect(copySheetName("'history'")).toBe("Return");
  });
});
