/*
 * Fuzzing by class of hostile file, seeded: copies of one return (a re-downloaded file, a copied
 * sheet, one zip entry under two names, a zip inside a zip), negated categories, and sheets that
 * are sparse, merged and long-rowed. Each round knows the rows it wrote, and checks the invariant:
 * every row is read once or accounted for, each copy is named, no negated cause is counted, and
 * the run ends 0 or 1 with JSON. A failing case prints its seed; FUZZ_SEED=n replays one.
 */
import * as fs from "fs";
import * as path from "path";
import { strToU8, zipSync } from "fflate";
import { run, tempDir } from "../cli/helpers";
import { random } from "../../src/bench/generate";
import { workbook } from "../helpers/xlsxParts";
import { columnLetter } from "../../src/engine/read/cells";

const CRITERIA = path.resolve(__dirname, "..", "fixtures", "criteria.json");
const WARDS = ["Melbourn", "Cottenham", "Histon & Impington"];
const NEGATED = ["Not deliberate", "Non-deliberate", "Accidental - not deliberate", "Arson ruled out", "not arson", "Deliberate? No"];

interface Row {
  date: string;
  cause: string;
  ward: string;
}

/** Fires rows inside the fixture criteria's period (January 2019), the first and last days included. */
function firesRows(rnd: () => number, n: number, negated = 0): Row[] {
  return Array.from({ length: n + negated }, (_, i) => {
    const day = i === 0 ? 1 : i === 1 ? 31 : 1 + Math.floor(rnd() * 31);
    const cause = i >= n ? NEGATED[Math.floor(rnd() * NEGATED.length)] : rnd() < 0.6 ? "Deliberate" : "Accidental";
    return { date: `${String(day).padStart(2, "0")}/01/2019`, cause, ward: WARDS[Math.floor(rnd() * WARDS.length)] };
  });
}

const csvOf = (rows: Row[]) => strToU8(["Date,Cause,Ward", ...rows.map((r) => `${r.date},${r.cause},"${r.ward}"`)].join("\r\n"));

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const inline = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(t)}</t></is></c>`;

/** The rows as a sheet's XML, with what a hostile sheet adds around them: cells far down and across, merges over empty cells, one very long row of notes. */
function sheetXml(rows: Row[], rnd: () => number, hostile: boolean): string {
  const body = [["Date", "Cause", "Ward"], ...rows.map((r) => [r.date, r.cause, r.ward])]
    .map((cells, i) => `<row r="${i + 1}">${cells.map((c, j) => inline(`${columnLetter(j)}${i + 1}`, c)).join("")}</row>`)
    .join("");
  if (!hostile) return `<sheetData>${body}</sheetData>`;
  const last = 1_048_576;
  const width = 2_000 + Math.floor(rnd() * 14_000);
  // Notes beside the table, one long row of them, in columns the return does not have.
  const notesRow = rows.length + 3;
  const notes = Array.from({ length: width }, (_, j) => inline(`${columnLetter(j + 5)}${notesRow}`, `n${j}`)).join("");
  const merges = Array.from(
    { length: 50 + Math.floor(rnd() * 2_000) },
    (_, j) => `<mergeCell ref="${columnLetter(j + 5)}1:${columnLetter(j + 5)}${notesRow - 1}"/>`,
  );
  return (
    `<sheetData>${body}<row r="${notesRow}">${notes}</row><row r="${last}">${inline(`XFD${last}`, "end")}</row></sheetData>` +
    `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>`
  );
}

interface Case {
  /** What is given to the command line. */
  target: string;
  rows: Row[];
  /** How many copies of the return beyond the first were given. */
  copies: number;
}

type Maker = (dir: string, rnd: () => number) => Case;

const CLASSES: Record<string, Maker> = {
  "a file and its re-download": (dir, rnd) => {
    const rows = firesRows(rnd, 20 + Math.floor(rnd() * 40));
    const folder = path.join(dir, "returns");
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "fires.csv"), csvOf(rows));
    fs.writeFileSync(path.join(folder, "fires (1).csv"), csvOf(rows));
    return { target: folder, rows, copies: 1 };
  },
  "a sheet and its copy": (dir, rnd) => {
    const rows = firesRows(rnd, 20 + Math.floor(rnd() * 40));
    const xml = sheetXml(rows, rnd, false);
    const file = path.join(dir, "fires.xlsx");
    fs.writeFileSync(
      file,
      workbook({
        sheets: [
          { name: "Fires", xml },
          { name: "Fires (2)", xml },
        ],
      }),
    );
    return { target: file, rows, copies: 1 };
  },
  "one entry under two names in a zip": (dir, rnd) => {
    const rows = firesRows(rnd, 20 + Math.floor(rnd() * 40));
    const file = path.join(dir, "returns.zip");
    fs.writeFileSync(file, zipSync({ "q1/fires.csv": csvOf(rows), "q1/copy/fires.csv": csvOf(rows) }));
    return { target: file, rows, copies: 1 };
  },
  "a zip inside a zip": (dir, rnd) => {
    const rows = firesRows(rnd, 20 + Math.floor(rnd() * 40));
    const file = path.join(dir, "returns.zip");
    fs.writeFileSync(file, zipSync({ "inner.zip": zipSync({ "deeper.zip": zipSync({ "fires.csv": csvOf(rows) }) }) }));
    return { target: file, rows, copies: 0 };
  },
  "negated causes": (dir, rnd) => {
    const rows = firesRows(rnd, 20 + Math.floor(rnd() * 40), 1 + Math.floor(rnd() * 10));
    const file = path.join(dir, "fires.csv");
    fs.writeFileSync(file, csvOf(rows));
    return { target: file, rows, copies: 0 };
  },
  "a sparse, merged, long-rowed sheet": (dir, rnd) => {
    const rows = firesRows(rnd, 20 + Math.floor(rnd() * 40));
    const file = path.join(dir, "fires.xlsx");
    fs.writeFileSync(file, workbook({ stored: rnd() < 0.5, sheets: [{ name: "Fires", xml: sheetXml(rows, rnd, true) }] }));
    return { target: file, rows, copies: 0 };
  },
};

interface FileJson {
  kind: string | null;
  rows: number;
  accepted: number;
  excluded: number;
  rejected: number;
  findings: { code: string; message: string }[];
}

/** What went wrong with one round, or nothing. */
async function invariantBroken(c: Case): Promise<string | undefined> {
  const v = await run("validate", c.target, "--criteria", CRITERIA, "--json");
  if (![0, 1].includes(v.code)) return `validate exit ${v.code}: ${v.stderr.slice(0, 300)}`;
  const files = (JSON.parse(v.stdout) as { files: FileJson[] }).files;
  const read = files.filter((f) => f.kind === "fires" && !f.findings.some((x) => x.code === "repeated-input"));
  const repeats = files.flatMap((f) => f.findings).filter((x) => x.code === "repeated-input").length;
  if (repeats !== c.copies) return `${c.copies} copies given, ${repeats} named as repeats`;
  const rowsRead = read.reduce((n, f) => n + f.accepted, 0);
  if (rowsRead !== c.rows.length) return `${c.rows.length} rows written, ${rowsRead} read`;
  for (const f of read)
    if (f.rows !== f.accepted + f.excluded + f.rejected)
      return `${f.rows} rows read but ${f.accepted + f.excluded + f.rejected} accounted for`;
  for (const negated of new Set(c.rows.map((r) => r.cause).filter((x) => NEGATED.includes(x))))
    if (!files.some((f) => f.findings.some((x) => x.code === "unknown-value" && x.message.includes(`"${negated}"`))))
      return `the negated cause "${negated}" was not reported`;
  const b = await run("build", c.target, "--criteria", CRITERIA, "--allow-partial", "--json");
  if (![0, 1].includes(b.code)) return `build exit ${b.code}: ${b.stderr.slice(0, 300)}`;
  const wards =
    (JSON.parse(b.stdout) as { wards?: { ward: string; evidence: Record<string, { value: number | null; figure: string }> }[] }).wards ??
    [];
  for (const ward of WARDS) {
    const deliberate = c.rows.filter((r) => r.ward === ward && r.cause === "Deliberate").length;
    const shown = wards.find((w) => w.ward === ward)?.evidence.fires?.figure;
    if (shown !== undefined && parseInt(shown, 10) !== deliberate)
      return `${ward}: ${deliberate} deliberate fires written, ${shown} counted`;
  }
  return undefined;
}

const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 48);
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 20261207);

describe("fuzzing by class of hostile file", () => {
  it(`reads every row once or accounts for it, in each of ${ROUNDS} rounds`, async () => {
    const names = Object.keys(CLASSES);
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const seed = FIRST_SEED + round;
      const rnd = random(seed);
      // Every class in turn, so a short run still covers them all.
      const name = names[round % names.length];
      const dir = tempDir();
      try {
        const broken = await invariantBroken(CLASSES[name](dir, rnd));
        if (broken) failures.push(`seed ${seed} (${name}): ${broken}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(failures).toEqual([]);
  });
});
