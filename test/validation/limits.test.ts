/*
 * Hostile and broken files, and outputs that would overwrite inputs: each ends in exit 1 or 2
 * with a message naming the file and what to do, within stated limits, never a crash.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { spawnSync } from "child_process";
import { strToU8, unzipSync, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { FILE_LIMITS, readXlsx } from "../../src/io/readFiles";
import { RUN_LIMITS } from "../../src/common/readBudget";
import { readReturn } from "../../src/engine/returns/returns";
import { returnKind } from "../../src/engine/returns/returnKinds";
import * as checkReturnsModule from "../../src/app/checkReturns";
import { writeAtomically } from "../../src/io/saveWorkbook";
import { run, tempDir } from "../cli/helpers";
import { firesLines } from "./hostileCsv";
import { rowCountOf } from "../../src/engine/read/grid";

const FIXTURES = path.resolve(__dirname, "..", "fixtures");
const CRITERIA = path.join(FIXTURES, "criteria.json");
const XLSX = path.join(
  FIXTURES,
  "returns",
  fs.readdirSync(path.join(FIXTURES, "returns")).find((f) => f.endsWith(".xlsx"))!,
);
const FIRES = `${firesLines(5).join("\r\n")}\r\n`;

async function refused(file: string, pattern: RegExp): Promise<void> {
  const r = await run("validate", file, "--criteria", CRITERIA, "--json");
  expect(r.code).toBe(1);
  const { error } = JSON.parse(r.stdout);
  expect(error.message).toContain(path.basename(file));
  expect(error.message).toMatch(pattern);
  expect(error.fix.length).toBeGreaterThan(10);
}

describe("files that are not what they say", () => {
  const dir = tempDir();
  const write = (name: string, bytes: Uint8Array | string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it("an encrypted workbook, an old .xls and a CSV renamed .xlsx are named as such", async () => {
    await refused(write("locked.xlsx", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])), /password-protected/);
    await refused(write("renamed.xlsx", FIRES), /not an \.xlsx workbook inside/);
    await refused(write("document.xlsx", zipSync({ "word/document.xml": strToU8("<w/>") })), /not an Excel workbook/);
  });

  it("a workbook, a gzip or a zip cut short by an interrupted download says so", async () => {
    const xlsx = fs.readFileSync(XLSX);
    await refused(write("cut.xlsx", xlsx.subarray(0, Math.floor(xlsx.length / 2))), /damaged or cut short/);
    const gz = zlib.gzipSync(Buffer.from(FIRES.repeat(200)));
    await refused(write("cut.csv.gz", gz.subarray(0, Math.floor(gz.length / 2))), /damaged or cut short/);
    const zip = zipSync({ "2019-01/fires.csv": strToU8(FIRES.repeat(200)) });
    await refused(write("cut.zip", zip.subarray(0, Math.floor(zip.length / 2))), /damaged or cut short/);
  });

  it("a line of millions of fields, or with no end, is refused at once", async () => {
    await refused(write("wide.csv", Array.from({ length: 20_000 }, () => "1").join(",")), /16,384 fields/);
    await refused(write("endless.csv.gz", zlib.gzipSync(Buffer.alloc(3 * 1024 * 1024, "0"))), /longer than 1,048,576 characters/);
  });

  it("shared strings that inflate past their limit are refused before they are read", async () => {
    const parts = unzipSync(fs.readFileSync(XLSX));
    const huge = Buffer.alloc(FILE_LIMITS.sharedStringsBytes + 1024, "A");
    parts["xl/sharedStrings.xml"] = Buffer.concat([Buffer.from("<sst><si><t>"), huge, Buffer.from("</t></si></sst>")]);
    await refused(write("bomb.xlsx", zipSync(parts, { level: 9 })), /shared strings inflate to more than 256 MB/);
  });

  it("one run reads at most the stated rows, whatever the files claim", async () => {
    const limit = RUN_LIMITS.rows;
    RUN_LIMITS.rows = 1_000;
    try {
      const lines = firesLines(1_500);
      await refused(write("many.csv.gz", zlib.gzipSync(Buffer.from(lines.join("\n")))), /past 1,000 rows/);
    } finally {
      RUN_LIMITS.rows = limit;
    }
  });

  it("one run opens at most the stated files and unzips at most the stated bytes", async () => {
    const saved = { ...RUN_LIMITS };
    try {
      RUN_LIMITS.files = 3;
      const many = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${i}.csv`, strToU8(FIRES)]));
      await refused(write("many.zip", zipSync(many)), /past 3 files, the stated limit for one run/);
      RUN_LIMITS.files = saved.files;
      RUN_LIMITS.inflatedBytes = 1024 ** 2;
      await refused(write("bomb.zip", zipSync({ "fires.csv": strToU8(FIRES + "\r\n".repeat(2 * 1024 ** 2)) })), /past 1 MB unzipped/);
      await refused(write("nested.zip", zipSync({ "inner.zip": zipSync({ "fires.csv": strToU8(FIRES.repeat(30_000)) }) })), /unzip/);
    } finally {
      Object.assign(RUN_LIMITS, saved);
    }
  });

  it("a pipe named as a return is refused by its type, never opened", async () => {
    const fifo = path.join(dir, "pipe.csv");
    if (spawnSync("mkfifo", [fifo]).status !== 0) throw new Error("mkfifo is needed for this test");
    await refused(fifo, /not a regular file \(a pipe, device or socket\), so it was not opened/);
  });

  it("a workbook of many sheets each reaching row 1,048,576 is read in the memory of the cells it has", async () => {
    const parts = unzipSync(fs.readFileSync(XLSX));
    const sheetXml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>';
    const names = Array.from({ length: 60 }, (_, i) => `S${i}`);
    names.forEach((_, i) => (parts[`xl/worksheets/sparse${i}.xml`] = strToU8(sheetXml)));
    const wb = new TextDecoder().decode(parts["xl/workbook.xml"]);
    const rels = new TextDecoder().decode(parts["xl/_rels/workbook.xml.rels"]);
    parts["xl/workbook.xml"] = strToU8(
      wb.replace("</sheets>", names.map((n, i) => `<sheet name="${n}" sheetId="${100 + i}" r:id="rSparse${i}"/>`).join("") + "</sheets>"),
    );
    parts["xl/_rels/workbook.xml.rels"] = strToU8(
      rels.replace(
        "</Relationships>",
        names
          .map(
            (_, i) =>
              `<Relationship Id="rSparse${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sparse${i}.xml"/>`,
          )
          .join("") + "</Relationships>",
      ),
    );
    const file = write("sparse.xlsx", zipSync(parts));
    const before = process.memoryUsage().heapUsed;
    const sheets = await readXlsx(file);
    expect(sheets.filter((s) => rowCountOf(s) === 1_048_576)).toHaveLength(60);
    // A million empty rows per sheet would be tens of megabytes each; the sheets' one cell each is not.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(400 * 1024 ** 2);
  });

  it("a folder or a missing file given as a return is named", async () => {
    const r = await run("harm", dir, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.message).toMatch(/is a folder/);
    const missing = await run("harm", path.join(dir, "nope.csv"), "--json");
    expect(JSON.parse(missing.stdout).error.message).toMatch(/does not exist/);
  });
});

describe("outputs never overwrite what is read", () => {
  const dir = tempDir();
  const ret = path.join(dir, "fires.csv");
  fs.writeFileSync(ret, FIRES);
  fs.copyFileSync(XLSX, path.join(dir, "lookup.xlsx"));
  const before = fs.readFileSync(ret);

  it.each([
    ["a symlink to the return", () => fs.symlinkSync(ret, path.join(dir, "link.xlsx")) ?? path.join(dir, "link.xlsx")],
    ["a hard link to the return", () => fs.linkSync(ret, path.join(dir, "hard.xlsx")) ?? path.join(dir, "hard.xlsx")],
    ["the lookup", () => path.join(dir, "lookup.xlsx")],
  ])("refuses --out as %s", async (_, target) => {
    const out = target();
    const r = await run(
      "build",
      `fires=${ret}`,
      "--criteria",
      CRITERIA,
      "--lookup",
      path.join(dir, "lookup.xlsx"),
      "--allow-partial",
      "--out",
      out,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one of the files being read; inputs are never overwritten/);
    expect(fs.readFileSync(ret)).toEqual(before);
  });

  it("refuses --out that is a folder, empty, or of another type, and the lookup as a template's --out", async () => {
    for (const out of [dir, "", path.join(dir, "table.csv")]) {
      const r = await run("build", `fires=${ret}`, "--criteria", CRITERIA, "--out", out);
      expect(r.code).toBe(2);
    }
    const lookup = path.join(dir, "lookup.xlsx");
    const t = await run("template", "fires", "--lookup", lookup, "--out", lookup);
    expect(t.code).toBe(2);
    const c = await run("criteria", "--out", path.join(dir, "criteria.xlsx"));
    expect(c.code).toBe(2);
  });
});

describe("one overwrite rule for every output", () => {
  it("build, template and criteria replace an existing file only with --replace", async () => {
    const dir = tempDir();
    const ret = path.join(dir, "fires.csv");
    fs.writeFileSync(ret, FIRES);
    const outputs: [string, string[]][] = [
      ["table.xlsx", ["build", `fires=${ret}`, "--criteria", CRITERIA, "--allow-partial", "--out"]],
      ["template.xlsx", ["template", "fires", "--out"]],
      ["criteria.json", ["criteria", "--out"]],
    ];
    for (const [name, argv] of outputs) {
      const out = path.join(dir, name);
      fs.writeFileSync(out, "an officer's own file");
      const refused = await run(...argv, out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`${name} already exists; nothing was written[\\s\\S]*--replace`));
      expect(fs.readFileSync(out, "utf8")).toBe("an officer's own file");
      const replaced = await run(...argv, out, "--replace");
      expect(replaced.stderr).not.toMatch(/already exists/);
      expect(fs.readFileSync(out, "utf8")).not.toBe("an officer's own file");
    }
  });

  it("takes --compiled and --marking as one short line, as the table's heading holds", async () => {
    for (const option of ["--compiled", "--marking"]) {
      const r = await run("build", `fires=${path.join(tempDir(), "none.csv")}`, option, "M".repeat(40_000));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${option} takes one line of at most 200 characters; this is 40,000`));
    }
  });

  it("writes an output whose name is as long as the disk allows, and explains one that is longer", async () => {
    const dir = tempDir();
    const longest = path.join(dir, `${"t".repeat(250)}.json`);
    expect((await run("criteria", "--out", longest)).code).toBe(0);
    expect(fs.existsSync(longest)).toBe(true);
    const tooLong = await run("criteria", "--out", path.join(dir, `${"t".repeat(300)}.json`));
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toMatch(/its name is longer than the file system allows/);
    expect(fs.readdirSync(dir)).toEqual([path.basename(longest)]);
  });
});

describe("temporary files", () => {
  it("are removed when a write fails", async () => {
    const dir = tempDir();
    const out = path.join(dir, "table.xlsx");
    await expect(
      writeAtomically(out, (tmp) => {
        fs.writeFileSync(tmp, "half");
        throw new Error("disk gone");
      }),
    ).rejects.toThrow(/could not be written/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("are removed when the program is stopped mid-write (Ctrl+C or kill)", () => {
    const dir = tempDir();
    const lib = path.resolve(__dirname, "..", "..", "lib", "io", "saveWorkbook.js");
    const script = `
      const fs = require("fs");
      require(${JSON.stringify(lib)}).writeAtomically(${JSON.stringify(path.join(dir, "t.xlsx"))}, (tmp) => {
        fs.writeFileSync(tmp, "half");
        setTimeout(() => process.kill(process.pid, "SIGTERM"), 50);
        // A write in progress keeps the program busy; this one never ends by itself.
        return new Promise(() => setInterval(() => {}, 1000));
      });`;
    const r = spawnSync(process.execPath, ["-e", script], { timeout: 20_000 });
    expect(r.status).toBe(143);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("criteria files from anywhere", () => {
  const dir = tempDir();
  const ret = path.join(dir, "fires.csv");
  fs.writeFileSync(ret, FIRES);
  const spec = JSON.parse(fs.readFileSync(CRITERIA, "utf8"));
  const criteria = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const validate = (file: string) => run("validate", `fires=${ret}`, "--criteria", file, "--json");

  it("accepts a byte-order mark", async () => {
    const r = await validate(criteria("bom.json", `\uFEFF${JSON.stringify(spec)}`));
    expect(JSON.parse(r.stdout).error).toBeUndefined();
  });

  it.each([
    ["an object where text belongs", { ...spec, footnotes: [{ formula: "WEBSERVICE(1)" }] }, /footnotes\[0\]: must be text/],
    ["a column id that is not a plain name", { ...spec, columns: [{ ...spec.columns[0], id: "__proto__" }] }, /columns\[0\]\.id/],
    [
      "two columns with one id",
      { ...spec, columns: [spec.columns[0], { ...spec.columns[1], id: spec.columns[0].id.toUpperCase() }] },
      /each column needs its own id/,
    ],
    [
      "one ward twice, spelt differently",
      { ...spec, district: { ...spec.district, wards: [...spec.district.wards, "caxton and  PAPWORTH"] } },
      /same ward as/,
    ],
    ["wards of the wrong type", { ...spec, district: { ...spec.district, wards: "Cottenham" } }, /district\.wards: must be a list/],
    ["aliases of the wrong type", { ...spec, district: { ...spec.district, aliases: ["x"] } }, /district\.aliases: must be an object/],
    ["a misspelt setting", { ...spec, riskkey: "0:Low" }, /riskkey: not a setting/],
    [
      "more columns than a Table 4 holds",
      { ...spec, columns: Array.from({ length: 10_000 }, (_, i) => ({ ...spec.columns[0], id: `c${i}` })) },
      /columns: has 10,000 entries; at most 100 fit a Table 4/,
    ],
    [
      "a label longer than a cell holds",
      { ...spec, columns: [{ ...spec.columns[0], label: "L".repeat(40_000) }] },
      /columns\[0\]\.label: is 40,000 characters long/,
    ],
  ])("refuses %s, naming where", async (_, content, pattern) => {
    const r = await validate(criteria("bad.json", JSON.stringify(content)));
    expect(r.code).toBe(1);
    expect(JSON.stringify(JSON.parse(r.stdout).error)).toMatch(pattern);
  });

  it("treats a preset's name only as a preset, never as a property", async () => {
    for (const name of ["constructor", "__proto__", "toString"]) {
      const r = await run("validate", `fires=${ret}`, "--criteria", name, "--json");
      expect([1, 2]).toContain(r.code);
      expect(JSON.parse(r.stdout).error.message).toMatch(/does not exist/);
    }
  });
});

describe("usage", () => {
  it("an unknown field in --map, an unknown option and an unknown command exit 2, with JSON under --json", async () => {
    const dir = tempDir();
    const ret = path.join(dir, "fires.csv");
    fs.writeFileSync(ret, FIRES);
    for (const args of [
      ["validate", ret, "--map", "fires.colour=Colour", "--json"],
      ["validate", ret, "--nonsense", "--json"],
      ["frobnicate", "--json"],
    ]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).error.message.length).toBeGreaterThan(5);
    }
  });
});

describe("a phone number typed into a date-formatted cell", () => {
  it("is a bad date at its cell, on the command line and read directly, never a crash", async () => {
    const dir = tempDir();
    const file = path.join(dir, "phone.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Fires");
    ws.addRow(["Date", "Cause", "Ward"]);
    ws.addRow([7700900123, "Deliberate", "Cottenham"]).getCell(1).numFmt = "dd/mm/yyyy";
    ws.addRow([new Date(Date.UTC(2019, 0, 3)), "Deliberate", "Melbourn"]).getCell(1).numFmt = "dd/mm/yyyy";
    await wb.xlsx.writeFile(file);
    const r = await run("validate", `fires=${file}`, "--criteria", CRITERIA, "--json");
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).files[0].findings;
    expect(findings.map((f: { code: string; cell: string }) => `${f.code} ${f.cell}`)).toEqual(["bad-date Fires!A2"]);
    const streamed = await readXlsx(file);
    const sheet = { ...streamed[0], file: "phone.xlsx" };
    const read = readReturn(sheet, returnKind("fires")!);
    expect(read.findings.map((f) => f.code)).toEqual(["bad-date"]);
  });
});

describe("a problem nobody foresaw", () => {
  it("is one line and a request to report it, exit 70, and JSON under --json: never a stack trace", async () => {
    const dir = tempDir();
    const ret = path.join(dir, "fires.csv");
    fs.writeFileSync(ret, FIRES);
    const spy = jest.spyOn(checkReturnsModule, "checkReturns").mockImplementation(() => {
      throw new TypeError("boom\n    at somewhere (file.ts:1:1)");
    });
    try {
      const r = await run("validate", `fires=${ret}`, "--criteria", CRITERIA, "--json");
      expect(r.code).toBe(70);
      expect(JSON.parse(r.stdout).error).toMatchObject({ internal: true });
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/unexpected problem \(TypeError: boom at somewhere.*Please report it/);
    } finally {
      spy.mockRestore();
    }
  });
});
