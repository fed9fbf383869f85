/*
 * Reading at the limit: a 1,048,576-row .xlsx read and validated against the floor of inflating
 * it and passing once over its bytes, and the same fires as a CSV built into their column against
 * DuckDB answering the same question from the same file. Each reading runs in a child process so
 * its peak memory is the process's own (a synchronous read leaves no turn for a sampler).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Zip, ZipDeflate, strToU8 } from "fflate";
import { Cell, cellText, RowSheet } from "../engine/read/cells";
import { toCsv } from "../engine/read/csvWrite";
import { dayFromExcelSerial, formatDay } from "../engine/read/dates";

type Line = (label: string, figure: string, target?: string) => void;

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Columns `dateColumns` hold Excel serial dates, shown with the built-in date format as Excel saves them. */
export function writeExcelShapedXlsx(file: string, sheet: RowSheet, dateColumns: ReadonlySet<number>): void {
  const fd = fs.openSync(file, "w");
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    fs.writeSync(fd, chunk);
  });
  const add = (name: string, text: string) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  };
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"`;
  add(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  add(
    "_rels/.rels",
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  add("xl/workbook.xml", `<workbook ${ns}><sheets><sheet name="${sheet.sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  add(
    "xl/_rels/workbook.xml.rels",
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  // Excel writes the sheet before its shared strings and styles.
  const strings = new Map<string, number>();
  const body = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 6 });
  zip.add(body);
  body.push(strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${ns}><sheetData>`));
  let part = "";
  sheet.rows.forEach((row = [], r) => {
    part += `<row r="${r + 1}">`;
    row.forEach((c: Cell, col) => {
      const ref = `${String.fromCharCode(65 + col)}${r + 1}`;
      if (typeof c === "number") part += `<c r="${ref}"${dateColumns.has(col) && r > 0 ? ' s="1"' : ""}><v>${c}</v></c>`;
      else if (c !== null && c !== undefined) {
        const text = cellText(c);
        let id = strings.get(text);
        if (id === undefined) strings.set(text, (id = strings.size));
        part += `<c r="${ref}" t="s"><v>${id}</v></c>`;
      }
    });
    part += "</row>";
    if (part.length > 1 << 20) {
      body.push(strToU8(part));
      part = "";
    }
  });
  body.push(strToU8(`${part}</sheetData></worksheet>`), true);
  add(
    "xl/styles.xml",
    `<styleSheet ${ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  add(
    "xl/sharedStrings.xml",
    `<sst ${ns} count="${strings.size}" uniqueCount="${strings.size}">${Array.from(strings.keys(), (s) => `<si><t>${xmlText(s)}</t></si>`).join("")}</sst>`,
  );
  zip.end();
  fs.closeSync(fd);
}

interface ChildFigures {
  ms: number;
  peakRss: number;
  baseRss: number;
  rows: number;
  result?: string;
}

function child(mode: string, file: string): ChildFigures {
  const out = execFileSync(process.execPath, ["--expose-gc", path.join(__dirname, "readChild.js"), mode, file], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out) as ChildFigures;
}

function bestOf(runs: number, mode: string, file: string): ChildFigures {
  let best = child(mode, file);
  for (let i = 1; i < runs; i++) {
    const r = child(mode, file);
    if (r.ms < best.ms) best = r;
  }
  return best;
}

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

export function xlsxBench(line: Line, wide: RowSheet): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-xlsx-"));
  try {
    const file = path.join(dir, "fires-max.xlsx");
    writeExcelShapedXlsx(file, wide, new Set([1]));
    const floor = bestOf(3, "floor", file);
    const read = bestOf(3, "read", file);
    const validated = bestOf(3, "xlsx", file);
    line(
      `.xlsx of ${(wide.rows.length - 1).toLocaleString("en-GB")} fires (${mb(fs.statSync(file).size)}): inflate + one pass over the bytes`,
      `${(floor.ms / 1000).toFixed(2)} s`,
      "the floor",
    );
    line("  read with the project's reader", `${(read.ms / 1000).toFixed(2)} s`, `${(read.ms / floor.ms).toFixed(2)}x the floor`);
    line("  reader's peak resident memory (whole process)", mb(read.peakRss), "target < 400 MB");
    line("  read and validate as a fires return", `${(validated.ms / 1000).toFixed(2)} s`);
    line("  read and validate / floor (time ratio)", `${(validated.ms / floor.ms).toFixed(2)}x`, "target <= 3x");
    line("  peak resident memory, read and validated (whole process)", mb(validated.peakRss));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same fires as a CSV of dates written day/month/year, as partners' exports write them. */
export function writeFiresCsv(file: string, wide: RowSheet): void {
  const fd = fs.openSync(file, "w");
  for (let i = 0; i < wide.rows.length; i += 50_000) {
    const block = wide.rows.slice(i, i + 50_000).map((row = [], k) =>
      row.map((c, col) => {
        if (col !== 1 || (i === 0 && k === 0) || typeof c !== "number") return cellText(c);
        const iso = formatDay(dayFromExcelSerial(c)!);
        return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      }),
    );
    fs.writeSync(fd, toCsv(block) + "\r\n");
  }
  fs.closeSync(fd);
}

export function csvBench(line: Line, wide: RowSheet, duckdbDir: string | undefined): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-csv-"));
  try {
    const file = path.join(dir, "fires.csv");
    writeFiresCsv(file, wide);
    const ours = bestOf(3, "csv", file);
    line(
      `CSV of ${ours.rows.toLocaleString("en-GB")} fires (${mb(fs.statSync(file).size)}): the fires column built`,
      `${(ours.ms / 1000).toFixed(2)} s`,
    );
    line("  parse, validate, place and count: peak resident memory", mb(ours.peakRss));
    if (!duckdbDir) {
      line("  DuckDB comparison", "skipped", "@duckdb/node-api could not be installed");
      return;
    }
    const duck = bestOf(3, `duckdb:${duckdbDir}`, file);
    line("  DuckDB read_csv + filter + group by ward, same file", `${(duck.ms / 1000).toFixed(2)} s`);
    line("  riskmatrix / DuckDB (time ratio)", `${(ours.ms / duck.ms).toFixed(2)}x`, "target <= 2x");
    if (duck.result !== ours.result) line("  the two answers differ", "CHECK", `${ours.result} vs ${duck.result}`);
    else line("  the two answers agree, ward by ward", "yes");
    // How far from the limit: DuckDB held to one core, and the least a reader in JavaScript can do on one.
    const oneThread = bestOf(3, `duckdb1:${duckdbDir}`, file);
    const floor = bestOf(3, "csv-floor", file);
    line(
      "  DuckDB on one thread, for reference",
      `${(oneThread.ms / 1000).toFixed(2)} s`,
      `riskmatrix ${(ours.ms / oneThread.ms).toFixed(2)}x`,
    );
    line(
      "  decode + one pass finding and hashing fields (one core)",
      `${(floor.ms / 1000).toFixed(2)} s`,
      `${(floor.ms / duck.ms).toFixed(2)}x DuckDB; riskmatrix ${(ours.ms / floor.ms).toFixed(2)}x this`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
