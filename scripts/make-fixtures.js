#!/usr/bin/env node
/*
 * Writes the validation corpus (test/fixtures/cases.js) into test/fixtures/returns/ as .csv and
 * .xlsx files, exactly as partners might send them. Deterministic. Run: npm run fixtures
 */
"use strict";
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");
const cases = require("../test/fixtures/cases.js");

const dir = path.resolve(__dirname, "..", "test", "fixtures", "returns");

function csvCell(v) {
  if (v === null || v === undefined) return "";
  const s = typeof v === "object" && v.error ? v.error : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function addSheet(wb, name, rows, merges = [], { hiddenRows = [], state } = {}) {
  const ws = wb.addWorksheet(name, state ? { state } : undefined);
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
    }),
  );
  for (const m of merges) ws.mergeCells(m);
  for (const r of hiddenRows) ws.getRow(r).hidden = true;
}

async function write(c) {
  const file = path.join(dir, c.name);
  if (c.name.endsWith(".csv")) {
    const text = c.rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
    fs.writeFileSync(file, (c.bom ? "\ufeff" : "") + text);
    return;
  }
  const wb = new ExcelJS.Workbook();
  // A fixed date keeps the file's bytes the same from run to run.
  wb.created = wb.modified = new Date(Date.UTC(2020, 0, 31));
  addSheet(wb, c.sheet || "Fires", c.rows, c.merges, { hiddenRows: c.hiddenRows, state: c.state });
  for (const s of c.sheets || []) addSheet(wb, s.name, s.rows);
  await wb.xlsx.writeFile(file);
}

(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const c of cases) await write(c);
  console.log(`Wrote ${cases.length} returns to ${path.relative(process.cwd(), dir)}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
