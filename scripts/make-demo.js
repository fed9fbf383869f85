#!/usr/bin/env node
/*
 * Builds examples/south-cambridgeshire-2020/ from the published figures (see the folder's README):
 * real ward totals for police recorded crime and deliberate fires, the real IMD 2019 deciles of the
 * district's 96 LSOAs (read from the ONS lookup and IoD2019 File 1 in data/public), and
 * illustrative values, chosen to give the published flags, where counts were never published.
 * Deterministic: running it twice writes the same rows.
 *   node scripts/make-demo.js [--data data/public]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const ExcelJS = require("exceljs");

const root = path.resolve(__dirname, "..");
const dataArg = process.argv.indexOf("--data");
const publicData = dataArg > 0 ? process.argv[dataArg + 1] : path.join(root, "data", "public");
const outDir = path.join(root, "examples", "south-cambridgeshire-2020");
fs.mkdirSync(outDir, { recursive: true });

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20200131);
const pick = (list) => list[Math.floor(random() * list.length)];
const utc = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const uk = (date) =>
  `${String(date.getUTCDate()).padStart(2, "0")}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${date.getUTCFullYear()}`;
function randomDay(from, to) {
  const a = from.getTime();
  const b = to.getTime();
  return new Date(a + Math.floor(random() * ((b - a) / 86400000 + 1)) * 86400000);
}
/** Splits a total over n parts, every part from a seeded draw, the parts adding up exactly. */
function split(total, n) {
  const w = Array.from({ length: n }, () => 0.6 + random());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((x / sum) * total));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) parts[i]++;
  return parts;
}

// Published: police recorded crime Nov 2018 - Oct 2019, deliberate fires in the 3 years to Nov 2019.
const PUBLISHED = {
  "Histon & Impington": [697, 19],
  "Milton & Waterbeach": [697, 19],
  "Fen Ditton & Fulbourn": [617, 24],
  Cambourne: [446, 31],
  "Caxton & Papworth": [398, 9],
  Melbourn: [378, 11],
  "Harston & Comberton": [346, 9],
  Cottenham: [336, 20],
  Shelford: [291, 6],
  "Bar Hill": [283, 1],
  Bassingbourn: [274, 9],
  "Over & Willingham": [270, 25],
  Linton: [264, 7],
  Longstanton: [261, 4],
  Sawston: [219, 2],
  Girton: [192, 3],
  Swavesey: [183, 3],
  Duxford: [177, 4],
  Gamlingay: [148, 3],
  "The Mordens": [146, 7],
  Caldecote: [131, 2],
  Whittlesford: [113, 4],
  Foxton: [99, 6],
  Hardwick: [98, 2],
  Balsham: [96, 7],
  Barrington: [89, 2],
};
const WARDS = Object.keys(PUBLISHED).sort((a, b) => a.localeCompare(b, "en-GB"));

const NOTE_ILLUSTRATIVE =
  "ILLUSTRATIVE DATA: the counts in this return were not published. They are invented so that the flags match the published Table 4 (January 2020); they describe no real incidents.";

async function writeXlsx(file, sheetName, titleRows, header, rows, notes) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const t of titleRows) ws.addRow([t]).font = { bold: true };
  if (titleRows.length) ws.addRow([]);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  header.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(12, h.length + 4)));
  const n = wb.addWorksheet("Notes");
  n.getColumn(1).width = 120;
  for (const line of notes) n.addRow([line]);
  await wb.xlsx.writeFile(path.join(outDir, file));
}

function writeCsv(file, header, rows) {
  const esc = (v) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  fs.writeFileSync(path.join(outDir, file), [header, ...rows].map((r) => r.map(esc).join(",")).join("\r\n") + "\r\n");
}

async function policeCrime() {
  const months = Array.from({ length: 12 }, (_, i) => (i < 2 ? utc(2018, 11 + i, 1) : utc(2019, i - 1, 1)));
  const rows = [];
  for (const ward of WARDS) {
    const parts = split(PUBLISHED[ward][0], 12);
    months.forEach((m, i) => rows.push([m, ward, "All recorded crime", parts[i]]));
  }
  await writeXlsx(
    "police-recorded-crime.xlsx",
    "Crime by ward",
    ["Cambridgeshire Constabulary", "Police recorded crime by ward and month, South Cambridgeshire, November 2018 to October 2019"],
    ["Date Recorded", "Ward name", "Offence group", "No. of offences"],
    rows,
    [
      "Ward totals for November 2018 to October 2019 are the published figures (South Cambridgeshire strategic assessment).",
      "Their split across months is illustrative: only the yearly totals were published.",
    ],
  );
}

async function policeAsb() {
  // Published: 120+ incidents in Cambourne, Histon & Impington and Milton & Waterbeach; counts were not published.
  const counts = {
    Cambourne: 164,
    "Histon & Impington": 131,
    "Milton & Waterbeach": 142,
    "Fen Ditton & Fulbourn": 119,
    Cottenham: 96,
    Melbourn: 88,
    "Caxton & Papworth": 84,
    Sawston: 77,
    "Over & Willingham": 74,
    Linton: 66,
    "Bar Hill": 63,
    Shelford: 61,
    "Harston & Comberton": 58,
    Longstanton: 57,
    Bassingbourn: 55,
    Girton: 49,
    Swavesey: 42,
    Gamlingay: 40,
    Duxford: 37,
    "The Mordens": 31,
    Caldecote: 29,
    Whittlesford: 26,
    Foxton: 24,
    Hardwick: 22,
    Balsham: 21,
    Barrington: 18,
  };
  const categories = ["Nuisance", "Nuisance", "Nuisance", "Personal", "Environmental"];
  const rows = [];
  let ref = 1000;
  for (const ward of WARDS) {
    // Partners write ward names their own way: the engine must match "and" to "&".
    const written = ward === "Histon & Impington" ? "Histon and Impington" : ward === "Over & Willingham" ? "OVER & WILLINGHAM" : ward;
    for (let i = 0; i < counts[ward]; i++)
      rows.push([uk(randomDay(utc(2018, 11, 1), utc(2019, 10, 31))), pick(categories), written, `ASB/${ref++}`]);
  }
  // Incidents of October 2018 sit in the extract too: outside the period, they are excluded and counted.
  for (let i = 0; i < 12; i++)
    rows.push([uk(randomDay(utc(2018, 10, 1), utc(2018, 10, 31))), pick(categories), pick(WARDS), `ASB/${ref++}`]);
  rows.sort((a, b) => a[0].split("/").reverse().join("").localeCompare(b[0].split("/").reverse().join("")));
  await writeXlsx("police-asb.xlsx", "ASB incidents", [], ["Incident Date", "ASB Category", "Ward", "Incident ref"], rows, [
    NOTE_ILLUSTRATIVE,
    "Published: wards with 120+ police recorded ASB incidents (November 2018 to October 2019) were Cambourne, Histon & Impington and Milton & Waterbeach.",
  ]);
}

const VILLAGES = {
  Balsham: ["Balsham", "West Wickham", "Horseheath"],
  "Bar Hill": ["Bar Hill", "Dry Drayton", "Lolworth"],
  Barrington: ["Barrington", "Harlton"],
  Bassingbourn: ["Bassingbourn", "Litlington"],
  Caldecote: ["Caldecote", "Toft", "Kingston"],
  Cambourne: ["Cambourne"],
  "Caxton & Papworth": ["Papworth Everard", "Caxton", "Elsworth"],
  Cottenham: ["Cottenham", "Rampton"],
  Duxford: ["Duxford", "Ickleton", "Hinxton"],
  "Fen Ditton & Fulbourn": ["Fulbourn", "Fen Ditton", "Teversham"],
  Foxton: ["Foxton", "Fowlmere", "Shepreth"],
  Gamlingay: ["Gamlingay", "Longstowe"],
  Girton: ["Girton", "Madingley"],
  Hardwick: ["Hardwick", "Coton"],
  "Harston & Comberton": ["Comberton", "Harston", "Hauxton", "Barton"],
  "Histon & Impington": ["Histon", "Impington"],
  Linton: ["Linton", "Great Abington", "Hildersham"],
  Longstanton: ["Longstanton", "Oakington"],
  Melbourn: ["Melbourn", "Meldreth"],
  "Milton & Waterbeach": ["Waterbeach", "Milton", "Landbeach"],
  "Over & Willingham": ["Willingham", "Over"],
  Sawston: ["Sawston", "Babraham"],
  Shelford: ["Great Shelford", "Stapleford"],
  Swavesey: ["Swavesey", "Fen Drayton"],
  "The Mordens": ["Steeple Morden", "Guilden Morden"],
  Whittlesford: ["Whittlesford", "Newton"],
};

async function councilAsb() {
  // Published: villages with 6+ cases lie in these eight wards. Counts per village are illustrative.
  const flagged = {
    Bassingbourn: 7,
    Cottenham: 9,
    Gamlingay: 6,
    "Harston & Comberton": 6,
    Melbourn: 8,
    "Milton & Waterbeach": 10,
    "Over & Willingham": 7,
    Sawston: 11,
  };
  const types = ["Noise", "Neighbour dispute", "Harassment", "Drugs", "Vandalism", "Untidy garden"];
  const rows = [];
  let ref = 1;
  for (const ward of WARDS) {
    VILLAGES[ward].forEach((village, i) => {
      // The first village of a flagged ward reaches 6+; every other village stays at 5 or fewer,
      // so a ward of several busy villages (e.g. Linton: 5 + 4 + 2) is still not flagged.
      const n = i === 0 && flagged[ward] ? flagged[ward] : Math.min(5, Math.floor(random() * 6) + (i === 0 ? 2 : 0));
      for (let k = 0; k < n; k++)
        rows.push([`SCDC-${String(ref++).padStart(4, "0")}`, randomDay(utc(2018, 11, 1), utc(2019, 10, 31)), village, ward, pick(types)]);
    });
  }
  rows.sort((a, b) => a[1] - b[1]);
  await writeXlsx(
    "scdc-asb-cases.xlsx",
    "Cases opened",
    ["South Cambridgeshire District Council – ASB cases opened (council housing stock)"],
    ["Case Ref", "Date Opened", "Village/Parish", "Ward", "Case type"],
    rows,
    [
      NOTE_ILLUSTRATIVE,
      "Published: villages with 6+ cases (November 2018 to October 2019) lie in Bassingbourn, Cottenham, Gamlingay, Harston & Comberton, Melbourn, Milton & Waterbeach, Over & Willingham and Sawston.",
    ],
  );
}

function readLookup() {
  const text = fs.readFileSync(path.join(publicData, "ons_lsoa11_ward19_lookup_ew.csv"), "utf8");
  const out = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line.includes("South Cambridgeshire")) continue;
    const m = /^\d+,(E01\d{6}),([^,]+),(E05\d{6}),("[^"]*"|[^,]+),E07000012,South Cambridgeshire$/.exec(line);
    if (m) out.push({ lsoa: m[1], name: m[2], ward: m[4].replace(/^"|"$/g, "") });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function benefits(lsoas) {
  // Published (inferred from the totals): the top 5 LSOAs lie in Cambourne, Histon & Impington, Linton, Over & Willingham and Shelford.
  const topWards = { Cambourne: 74, "Histon & Impington": 69, Linton: 66, "Over & Willingham": 63, Shelford: 61 };
  const rows = [];
  const months = ["Apr 2019", "May 2019", "Jun 2019", "Jul 2019", "Aug 2019", "Sep 2019"];
  const done = new Set();
  for (const l of lsoas) {
    let average = 8 + Math.floor(random() * 40);
    if (topWards[l.ward] && !done.has(l.ward)) {
      average = topWards[l.ward];
      done.add(l.ward);
    }
    const parts = split(average * 6, 6);
    months.forEach((m, i) => rows.push([m, l.lsoa, l.name, l.ward, parts[i]]));
  }
  await writeXlsx("benefits-claims.xlsx", "Claims by LSOA", [], ["Month", "LSOA code", "LSOA name", "Ward", "No. of claims"], rows, [
    NOTE_ILLUSTRATIVE,
    "Published (inferred from the totals): the five LSOAs with the highest average monthly claim count (April to September 2019) lie in Cambourne, Histon & Impington, Linton, Over & Willingham and Shelford.",
  ]);
}

async function fires() {
  const rows = [];
  let ref = 1;
  for (const ward of WARDS) {
    for (let i = 0; i < PUBLISHED[ward][1]; i++)
      rows.push([
        randomDay(utc(2016, 12, 1), utc(2019, 11, 30)),
        "Deliberate",
        pick(["Secondary fire", "Secondary fire", "Vehicle", "Primary - other building"]),
        ward,
      ]);
    const accidental = 3 + Math.floor(random() * 25);
    for (let i = 0; i < accidental; i++)
      rows.push([randomDay(utc(2016, 12, 1), utc(2019, 11, 30)), "Accidental", pick(["Dwelling", "Secondary fire", "Vehicle"]), ward]);
  }
  // A few fires from before the three years: excluded by the period.
  for (let i = 0; i < 6; i++) rows.push([randomDay(utc(2016, 9, 1), utc(2016, 11, 30)), "Deliberate", "Secondary fire", pick(WARDS)]);
  rows.sort((a, b) => a[0] - b[0]);
  const out = rows.map((r) => [`CFRS${String(ref++).padStart(5, "0")}`, ...r]);
  await writeXlsx("fires.xlsx", "Fires", [], ["Incident Number", "Date of Call", "Cause of fire", "Property type", "Ward"], out, [
    "Deliberate fires per ward (December 2016 to November 2019) are the published totals (South Cambridgeshire strategic assessment); their dates are illustrative.",
    "Accidental fires, and the incidents before December 2016, are ILLUSTRATIVE: they show that the matrix counts deliberate fires in the period only.",
  ]);
}

function imd(lsoas) {
  const text = zlib
    .gunzipSync(fs.readFileSync(path.join(publicData, "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz")))
    .toString("utf8");
  const byCode = new Map();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const m = /^(E01\d{6}),[^,]*,[^,]*,[^,]*,"?([\d,]+)"?,(\d+)$/.exec(line);
    if (m) byCode.set(m[1], { rank: m[2], decile: Number(m[3]) });
  }
  const rows = lsoas.map((l) => [l.lsoa, l.name, l.ward, byCode.get(l.lsoa).rank, byCode.get(l.lsoa).decile]);
  writeCsv(
    "imd-2019-south-cambridgeshire.csv",
    [
      "LSOA code (2011)",
      "LSOA name (2011)",
      "Ward",
      "Index of Multiple Deprivation (IMD) Rank",
      "Index of Multiple Deprivation (IMD) Decile",
    ],
    rows,
  );
}

function concerns() {
  writeCsv(
    "professional-concerns.csv",
    ["Ward", "Professional concern raised", "Priority"],
    [
      ["Cambourne", "Multiple and escalating issues across partners", "Emerging"],
      ["Histon & Impington", "Multiple and escalating issues across partners", "Emerging"],
      ["Longstanton", "Northstowe: growth area, predicted vulnerability (no data flags)", "Preventing"],
      ["Over & Willingham", "Willingham: work done, resilience to keep", "Sustaining"],
    ],
  );
}

(async () => {
  const lsoas = readLookup();
  if (lsoas.length !== 96) throw new Error(`expected 96 South Cambridgeshire LSOAs in the lookup, found ${lsoas.length}`);
  await policeCrime();
  await policeAsb();
  await councilAsb();
  await benefits(lsoas);
  await fires();
  imd(lsoas);
  concerns();
  console.log(`Wrote the demo returns to ${path.relative(root, outDir)}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
