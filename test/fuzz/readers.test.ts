/*
 * Fuzzing the real readers, seeded and bounded: random bytes and mutations of real returns go in
 * as files (CSV, .csv.gz, .xlsx bytes, and the XML inside an .xlsx re-zipped), through the command
 * line in-process. Every run must end 0, 1 or 2 with valid JSON under --json: never an internal
 * error, a crash or a hang. A failing case prints its seed; FUZZ_SEED=n replays one.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { run, tempDir } from "../cli/helpers";
import { CSV_CASES } from "../validation/hostileCsv";
import { random } from "../../src/bench/generate";

const FIXTURES = path.resolve(__dirname, "..", "fixtures");
const RETURNS = path.join(FIXTURES, "returns");
const CRITERIA = path.join(FIXTURES, "criteria.json");
const LOOKUP = path.join(FIXTURES, "lookup-sample.csv");

const INTERESTING = [
  '"',
  ",",
  ";",
  "\t",
  "\r",
  "\n",
  "\r\n",
  "=",
  "-",
  "@",
  "+",
  "\u0000",
  "\u001b[31m",
  "\uFEFF",
  "#N/A",
  "99999999999",
  "1e308",
  "31/02/2019",
  "__proto__",
  "é",
  "’",
  "\uFFFD",
];

function mutateBytes(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const out = Array.from(bytes);
  const n = 1 + Math.floor(rnd() * 8);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const what = rnd();
    if (what < 0.3) out[at] = Math.floor(rnd() * 256);
    else if (what < 0.55) out.splice(at, 0, ...Buffer.from(INTERESTING[Math.floor(rnd() * INTERESTING.length)], "utf8"));
    else if (what < 0.7) out.splice(at, Math.floor(rnd() * 40));
    else if (what < 0.8) out.length = Math.floor(rnd() * out.length);
    else if (what < 0.9) out.splice(at, 0, ...out.slice(at, at + Math.floor(rnd() * 200)));
    else out.splice(at, 0, ...Array.from({ length: Math.floor(rnd() * 30) }, () => Math.floor(rnd() * 256)));
  }
  return Uint8Array.from(out);
}

/** Mutates the XML inside an .xlsx and zips it again, so the workbook reader sees hostile content, not only a broken zip. */
function mutateXlsxXml(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const entries = unzipSync(bytes);
  const xml = Object.keys(entries).filter(
    (n) => n.endsWith(".xml") && (n.includes("sheet") || n.includes("sharedStrings") || n.includes("styles")),
  );
  const name = xml[Math.floor(rnd() * xml.length)];
  let text = strFromU8(entries[name]);
  const edits = [
    () => text.replace(/<v>([^<]*)<\/v>/, `<v>${["-1", "1e400", "abc", "99999999999", "NaN", ""][Math.floor(rnd() * 6)]}</v>`),
    () => text.replace(/ t="s"/, ` t="${["s", "str", "e", "b", "d", "inlineStr", "n"][Math.floor(rnd() * 7)]}"`),
    () => text.replace(/ s="\d+"/, ` s="${Math.floor(rnd() * 400)}"`),
    () =>
      text.replace(
        /r="([A-Z]+)(\d+)"/,
        `r="${["XFD", "A", "ZZZZ", "AA"][Math.floor(rnd() * 4)]}${[1, 1048576, 2000000, 0][Math.floor(rnd() * 4)]}"`,
      ),
    () => text.slice(0, Math.floor(rnd() * text.length)),
    () => text.replace(/<t>([^<]*)<\/t>/, `<t>${INTERESTING[Math.floor(rnd() * INTERESTING.length)]}</t>`),
    () => text.replace(/<\/sheetData>/, '<row r="5"><c r="A5" s="1"><v>7700900123</v></c></row></sheetData>'),
  ];
  text = edits[Math.floor(rnd() * edits.length)]();
  entries[name] = strToU8(text);
  return zipSync(entries);
}

interface Seed {
  name: string;
  bytes: Uint8Array;
}

function seeds(): Seed[] {
  const files = fs
    .readdirSync(RETURNS)
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(RETURNS, f))) }));
  return [...files, ...CSV_CASES.map((c) => ({ name: c.name, bytes: new Uint8Array(c.bytes()) }))];
}

/** About half a minute on this machine; the tier with the browser tests runs it, the fast tier does not. */
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 1500);
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 20261121);

describe("fuzzing the readers through the command line", () => {
  it(`ends every one of ${ROUNDS} hostile files with exit 0, 1 or 2 and valid JSON`, async () => {
    const dir = tempDir();
    const base = seeds();
    const failures: string[] = [];
    const single = process.env.FUZZ_SEED !== undefined && process.env.FUZZ_ROUNDS === "1";
    for (let round = 0; round < (single ? 1 : ROUNDS); round++) {
      const seed = FIRST_SEED + round;
      const rnd = random(seed);
      const from = base[Math.floor(rnd() * base.length)];
      const form = rnd();
      let bytes: Uint8Array;
      let name: string;
      if (form < 0.08) {
        bytes = Uint8Array.from({ length: Math.floor(rnd() * 4000) }, () => Math.floor(rnd() * 256));
        name = ["random.csv", "random.xlsx", "random.csv.gz", "random.zip"][Math.floor(rnd() * 4)];
      } else if (from.name.endsWith(".xlsx") && form < 0.6) {
        bytes = mutateXlsxXml(from.bytes, rnd);
        name = from.name;
      } else {
        bytes = mutateBytes(from.bytes, rnd);
        name = from.name;
        if (name.endsWith(".csv") && rnd() < 0.2) {
          const gz = zlib.gzipSync(bytes);
          bytes = rnd() < 0.3 ? gz.subarray(0, Math.floor(rnd() * gz.length)) : gz;
          name = `${name}.gz`;
        }
      }
      const file = path.join(dir, `${seed}-${name}`);
      fs.writeFileSync(file, bytes);
      const args =
        rnd() < 0.5
          ? ["validate", file, "--criteria", CRITERIA, "--lookup", LOOKUP, "--json"]
          : ["build", file, "--criteria", CRITERIA, "--allow-partial", "--json"];
      const r = await run(...args);
      let json = true;
      try {
        JSON.parse(r.stdout);
      } catch {
        json = false;
      }
      if (![0, 1, 2].includes(r.code) || !json)
        failures.push(`seed ${seed} (${name}, ${args[0]}): exit ${r.code}${json ? "" : ", stdout not JSON"}: ${r.stderr.slice(0, 300)}`);
      fs.rmSync(file, { force: true });
    }
    expect(failures).toEqual([]);
  });
});
