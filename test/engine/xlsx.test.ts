/*
 * The project's .xlsx reader on workbooks written the way Excel and other programs write them,
 * not as exceljs does: shared strings after the sheets, rich text with phonetic guides, inline
 * strings, namespace prefixes, formulas' cached values, custom date formats, the 1904 date system,
 * merged ranges, hidden rows and sheets. Where exceljs reads the file right, both must agree.
 */
import { zipSync, Zippable } from "fflate";
import { workbook } from "../helpers/xlsxParts";
import { Cell, columnLetter } from "../../src/engine/read/cells";
import { isDateFormat, readXlsxBytes } from "../../src/engine/read/xlsx";
import { comparable, readWithExceljs } from "../helpers/exceljsReader";
import { sheetRows } from "../../src/engine/read/grid";

const LIMITS = { xmlBytes: 64 * 1024 ** 2, sharedStringsBytes: 16 * 1024 ** 2 };
/** Styles: 0 General, 1 builtin date 14, 2 custom dd/mm/yyyy;@, 3 "0.00", 4 custom [$-809]dd mmmm yyyy, 5 a number with a quoted d, 6 [h]:mm elapsed time, 7 custom DD/MM/YYYY. */
const STYLES =
  '<numFmts count="5"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="[$-809]dd\\ mmmm\\ yyyy"/><numFmt numFmtId="166" formatCode="0&quot; days&quot;"/><numFmt numFmtId="167" formatCode="[h]:mm"/><numFmt numFmtId="168" formatCode="DD/MM/YYYY"/></numFmts>' +
  '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="2"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/></cellXfs>';

function read(bytes: Uint8Array) {
  const r = readXlsxBytes(bytes, "book.xlsx", { limits: LIMITS });
  if (!r.ok) throw new Error(r.message);
  return r.sheets;
}

async function sameAsExceljs(bytes: Uint8Array): Promise<(Cell[] | undefined)[][]> {
  const ours = read(bytes);
  const theirs = await readWithExceljs(bytes, "book.xlsx");
  expect(ours.map((s) => s.sheet)).toEqual(theirs.map((s) => s.sheet));
  ours.forEach((s, i) => expect(comparable(s.rows)).toEqual(comparable(sheetRows(theirs[i]))));
  return ours.map((s) => s.rows);
}

/** The problem the reader says, as an outcome: it never throws for a bad workbook. */
function problem(bytes: Uint8Array, limits = LIMITS): string {
  const r = readXlsxBytes(bytes, "book.xlsx", { limits });
  if (r.ok) throw new Error("read without a problem");
  expect(r.message).toMatch(/^book\.xlsx .*\.$/s);
  expect(r.fix).toBeTruthy();
  return r.message;
}

describe("the .xlsx reader on workbooks as Excel writes them", () => {
  const excelStyle = workbook({
    styles: STYLES,
    strings: [
      "<si><t>Date</t></si>",
      '<si><r><rPr><b/></rPr><t xml:space="preserve">Bar </t></r><r><t>Hill</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>',
      "<si><t>Fish &amp; Chips &lt;Ltd&gt; &#8211; line_x000D_break</t></si>",
      "<si/>",
      "<si><t>Ward</t></si>",
    ],
    sheets: [
      {
        name: "Fires",
        xml:
          '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:F6"/><sheetData>' +
          '<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>4</v></c><c r="C1" t="inlineStr"><is><t>Cause</t></is></c><c r="D1" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><i/></rPr><t>inline</t></r></is></c></row>' +
          '<row r="2"><c r="A2" s="1"><v>43466</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="str"><f>UPPER("deliberate")</f><v>DELIBERATE</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2" s="3"><v>12.5</v></c></row>' +
          '<row r="3"><c r="A3" s="2"><v>43831.5</v></c><c r="B3" t="s"><v>2</v></c><c r="C3"><f>1+1</f><v>2</v></c><c r="D3" t="b"><v>0</v></c><c r="E3" s="4"><v>44000</v></c><c r="F3" s="5"><v>7</v></c></row>' +
          '<row r="5" hidden="1"><c r="A5" s="6"><v>1.25</v></c><c r="B5" t="s"><v>3</v></c><c r="C5"><f>NOW()</f></c><c r="D5" s="3"/><c r="F5"><v>-1.5E-3</v></c></row>' +
          '<row r="6"><c r="A6"><v>1E+21</v></c><c r="B6" t="inlineStr"><is><t>  spaced  </t></is></c></row>' +
          "</sheetData>" +
          '<mergeCells count="1"><mergeCell ref="D1:E1"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
      },
    ],
  });

  it("reads strings, numbers, booleans, errors, formulas' results and dates exactly as exceljs does", async () => {
    const [rows] = await sameAsExceljs(excelStyle);
    expect(rows[0]).toEqual(["Date", "Ward", "Cause", "Rich inline"]);
    expect(rows[1]).toEqual([new Date(Date.UTC(2019, 0, 1)), "Bar Hill", "DELIBERATE", true, { error: "#N/A" }, 12.5]);
    expect(rows[2]?.[0]).toEqual(new Date(Date.UTC(2020, 0, 1, 12)));
    expect(rows[2]?.slice(1, 4)).toEqual(["Fish & Chips <Ltd> – line\rbreak", 2, false]);
    expect(rows[2]?.[4]).toEqual(new Date(Date.UTC(2020, 5, 18)));
    expect(rows[2]?.[5]).toBe(7);
    expect(rows[3] ?? []).toEqual([]);
    expect(rows[5]).toEqual([1e21, "  spaced  "]);
  });

  it("knows the merged ranges, the hidden rows, and a formula with no cached value as empty", () => {
    const [sheet] = read(excelStyle);
    expect(sheet.merges).toEqual(["D1:E1"]);
    expect(sheet.hiddenRows).toEqual([4]);
    expect(sheet.rows[4]?.[2]).toBeNull();
    expect(sheet.rows[4]?.[5]).toBe(-0.0015);
  });

  it("reads the same whether the shared strings come before or after the sheets", () => {
    const before = workbook({
      strings: ["<si><t>a</t></si>"],
      stringsFirst: true,
      sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' }],
    });
    const after = workbook({
      strings: ["<si><t>a</t></si>"],
      sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' }],
    });
    expect(read(before)[0].rows).toEqual([["a"]]);
    expect(read(after)[0].rows).toEqual([["a"]]);
  });

  it("counts dates from 1904 in a workbook that uses the 1904 date system", async () => {
    const bytes = workbook({
      date1904: true,
      styles: STYLES,
      sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1" s="1"><v>42004</v></c></row></sheetData>' }],
    });
    const [rows] = await sameAsExceljs(bytes);
    expect(rows[0]?.[0]).toEqual(new Date(Date.UTC(2019, 0, 1)));
  });

  it("reads a date format written in capitals as Excel does (exceljs does not)", () => {
    const bytes = workbook({
      styles: STYLES,
      sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1" s="7"><v>43466</v></c></row></sheetData>' }],
    });
    expect(read(bytes)[0].rows[0]?.[0]).toEqual(new Date(Date.UTC(2019, 0, 1)));
  });

  it('reads a strict Open XML date cell (t="d") as the date it writes', () => {
    const bytes = workbook({
      sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1" t="d"><v>2019-03-04</v></c></row></sheetData>' }],
    });
    expect(read(bytes)[0].rows[0]?.[0]).toEqual(new Date(Date.UTC(2019, 2, 4)));
  });

  it("tells date formats from the others", () => {
    for (const f of ["dd/mm/yyyy", "d-mmm-yy", "[$-809]dd mmmm yyyy;@", "hh:mm", "[h]:mm:ss", "yyyy-mm-dd hh:mm", "DD/MM/YYYY", "mmm-yy"])
      expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of [
      "General",
      "0.00",
      '#,##0" days"',
      "0%",
      "[Red]#,##0;[Blue]-#,##0",
      "£#,##0.00",
      "@",
      "0.00E+00",
      '_-* #,##0_-;\\-* #,##0_-;_-* "-"??_-;_-@_-',
      "\\d0",
    ])
      expect([f, isDateFormat(f)]).toEqual([f, false]);
  });

  it("reads element names with a namespace prefix, rows and cells without references, and skips chart sheets", () => {
    const x = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const bytes = workbook({
      sheets: [
        {
          name: "Data",
          xml: `<x:sheetData ${x}><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>3</x:v></x:c></x:row></x:sheetData>`,
        },
      ],
      extra: {},
    });
    expect(read(bytes)[0].rows).toEqual([
      ["a", 2],
      [null, null, 3],
    ]);
  });

  it("marks a hidden sheet and reads it", () => {
    const bytes = workbook({
      sheets: [
        { name: "Visible", xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' },
        { name: "Lists", state: "hidden", xml: '<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>' },
      ],
    });
    const sheets = read(bytes);
    expect(sheets.map((s) => [s.sheet, !!s.hidden])).toEqual([
      ["Visible", false],
      ["Lists", true],
    ]);
  });

  it("reads a sheet far longer than one inflated chunk exactly as exceljs does", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 6000; r++)
      rows.push(
        `<row r="${r}"><c r="A${r}" s="1"><v>${43000 + (r % 900)}</v></c><c r="B${r}" t="s"><v>${r % 3}</v></c><c r="C${r}" t="inlineStr"><is><t>Café ${r} &amp; ward</t></is></c><c r="D${r}"><v>${r / 7}</v></c></row>`,
      );
    const bytes = workbook({
      styles: STYLES,
      strings: ["<si><t>x</t></si>", "<si><t>y</t></si>", "<si><t>z</t></si>"],
      sheets: [{ name: "Long", xml: `<sheetData>${rows.join("")}</sheetData>` }],
    });
    const [long] = await sameAsExceljs(bytes);
    expect(long).toHaveLength(6000);
    expect(long[5999]?.[2]).toBe("Café 6000 & ward");
  });
});

describe("the .xlsx reader on files that are not what they say", () => {
  const sheet = (xml: string) => workbook({ sheets: [{ name: "S", xml: `<sheetData>${xml}</sheetData>` }] });

  it("stops a sheet that inflates past the limit while it inflates", () => {
    const big = `<row r="1"><c r="A1" t="inlineStr"><is><t>${"a".repeat(3 * 1024 * 1024)}</t></is></c></row>`;
    expect(problem(sheet(big), { xmlBytes: 1024 * 1024, sharedStringsBytes: 1024 * 1024 })).toMatch(/inflates to more than/);
  });

  it("refuses rows past Excel's last row and cells past its last column", () => {
    expect(problem(sheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'))).toMatch(/rows past row 1,048,576/);
    expect(problem(sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'))).toMatch(/past column XFD/);
  });

  it("refuses a sheet whose XML stops short", () => {
    const cut = workbook({ sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1"><v>1' }] });
    expect(problem(cut)).toMatch(/ends inside an element/);
  });

  it("reads a number cell's text as a number only when it is wholly one", () => {
    const [s] = read(
      workbook({
        styles: STYLES,
        sheets: [
          {
            name: "S",
            xml: '<sheetData><row r="1"><c r="A1"><v>2 fires</v></c><c r="B1" s="1"><v>2019-05-04</v></c><c r="C1"><v>1e999</v></c><c r="D1"><v>-2.5E3</v></c><c r="E1"><v>Infinity</v></c></row></sheetData>',
          },
        ],
      }),
    );
    expect(s.rows[0]).toEqual(["2 fires", "2019-05-04", "1e999", -2500, "Infinity"]);
  });

  it("keeps a strict Open XML date that is not on the calendar as its text, never the day after", () => {
    const [s] = read(
      sheet(
        '<row r="1"><c r="A1" t="d"><v>2019-02-30</v></c><c r="B1" t="d"><v>2019-02-28T25:00:00</v></c><c r="C1" t="d"><v>2020-02-29</v></c></row>',
      ),
    );
    expect(s.rows[0]).toEqual(["2019-02-30", "2019-02-28T25:00:00", new Date(Date.UTC(2020, 1, 29))]);
  });

  it("refuses a row or a cell written twice or out of order, which would silently replace the first", () => {
    expect(problem(sheet('<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'))).toMatch(
      /row 2 is written twice/,
    );
    expect(problem(sheet('<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'))).toMatch(
      /row 2 is written after row 3/,
    );
    expect(problem(sheet('<row r="1"><c r="B1"><v>1</v></c><c r="B1"><v>2</v></c></row>'))).toMatch(/cell B1 is written twice/);
    expect(problem(sheet('<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c></row>'))).toMatch(/cell A1 is written out of order/);
  });

  it("refuses a cell pointing past the shared strings rather than reading it as empty", () => {
    const bytes = workbook({
      strings: ["<si><t>only</t></si>"],
      sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>' }],
    });
    expect(problem(bytes)).toMatch(/text number 5 of its shared strings/);
  });

  it("holds only the rows that have cells, so a cell on the last row costs one row", () => {
    const [s] = read(sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>'));
    expect(s.rows).toHaveLength(1_048_576);
    expect(Object.keys(s.rows)).toEqual(["0", "1048575"]);
  });

  it("applies merged ranges to the cells that exist, however tall, and refuses ranges that overlap", () => {
    const merges = Array.from({ length: 2000 }, (_, i) => `<mergeCell ref="${columnLetter(i + 2)}1:${columnLetter(i + 2)}1048576"/>`).join(
      "",
    );
    const tall = workbook({
      sheets: [
        {
          name: "S",
          xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="5"><c r="A5"><v>3</v></c><c r="B5"><v>4</v></c><c r="C5"><v>5</v></c></row></sheetData><mergeCells count="2000">${merges}</mergeCells>`,
        },
      ],
    });
    const [s] = read(tall);
    expect(s.rows[0]).toEqual([1, 2]);
    expect(s.rows[4]).toEqual([3, 4, null]);
    const overlapping = workbook({
      sheets: [
        {
          name: "S",
          xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
        },
      ],
    });
    expect(problem(overlapping)).toMatch(/merged ranges A1:B2 and B2:C3 overlap/);
  });

  it("reads one enormous row in time linear in its bytes, whatever the chunks", () => {
    const cells = Array.from(
      { length: 16_000 },
      (_, i) => `<c r="${columnLetter(i)}1" t="inlineStr"><is><t>${"x".repeat(200)}${i}</t></is></c>`,
    ).join("");
    const [s] = read(workbook({ stored: true, sheets: [{ name: "S", xml: `<sheetData><row r="1">${cells}</row></sheetData>` }] }));
    expect(s.rows[0]).toHaveLength(16_000);
    expect(s.rows[0]?.[15_999]).toBe(`${"x".repeat(200)}15999`);
    // A long cell near the end waits for the chunks after it, and is read whole when the sheet ends.
    const long = `<row r="1"><c r="A1" t="inlineStr"><is><t>${"y".repeat(5 * 1024 * 1024)}</t></is></c><c r="B1"><v>7</v></c></row>`;
    const [t] = read(workbook({ stored: true, sheets: [{ name: "S", xml: `<sheetData>${long}</sheetData>` }] }));
    expect(t.rows[0]?.[0]).toHaveLength(5 * 1024 * 1024);
    expect(t.rows[0]?.[1]).toBe(7);
  });

  it("refuses a single cell longer than Excel ever writes", () => {
    const big = `<row r="1"><c r="A1" t="inlineStr"><is><t>${"a".repeat(17 * 1024 * 1024)}</t></is></c></row>`;
    const stored = workbook({ stored: true, sheets: [{ name: "S", xml: `<sheetData>${big}</sheetData>` }] });
    expect(problem(stored)).toMatch(/single cell or tag longer than 16 MB in row 1/);
  });

  it("finds parts whatever the case or percent-encoding of their names, and refuses one name twice", () => {
    const parts = unzipAll(workbook({ sheets: [{ name: "S", xml: '<sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData>' }] }));
    const rels = new TextDecoder().decode(parts["xl/_rels/workbook.xml.rels"] as Uint8Array);
    parts["xl/_rels/workbook.xml.rels"] = new TextEncoder().encode(rels.replace("worksheets/sheet1.xml", "Worksheets/Sheet%201.XML"));
    parts["xl/worksheets/sheet 1.xml"] = parts["xl/worksheets/sheet1.xml"];
    delete parts["xl/worksheets/sheet1.xml"];
    expect(read(zipSync(parts))[0].rows[0]).toEqual([5]);
    parts["xl/Worksheets/Sheet 1.xml"] = parts["xl/worksheets/sheet 1.xml"];
    expect(problem(zipSync(parts))).toMatch(/holds the parts xl\/worksheets\/sheet 1\.xml and xl\/Worksheets\/Sheet 1\.xml/);
  });

  it("refuses an encrypted entry, a missing sheet and a cut-short file", () => {
    const bytes = sheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    const encrypted = bytes.slice();
    // Set the encrypted flag on every central directory entry.
    for (let i = 0; i + 4 < encrypted.length; i++)
      if (encrypted[i] === 0x50 && encrypted[i + 1] === 0x4b && encrypted[i + 2] === 0x01 && encrypted[i + 3] === 0x02)
        encrypted[i + 8] |= 1;
    expect(problem(encrypted)).toMatch(/password-protected/);
    expect(problem(bytes.subarray(0, bytes.length - 30))).toMatch(/damaged or cut short/);
    const noSheet = workbook({ sheets: [{ name: "S", xml: "" }] });
    const withoutPart = zipSync(Object.fromEntries(Object.entries(unzipAll(noSheet)).filter(([k]) => !k.includes("worksheets"))));
    expect(problem(withoutPart)).toMatch(/sheet S is missing/);
  });
});

function unzipAll(bytes: Uint8Array): Zippable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("fflate").unzipSync(bytes);
}
