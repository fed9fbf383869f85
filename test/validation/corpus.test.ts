import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { quoteSheetName } from "../../src/engine/read/cells";
import { FINDING_CATALOGUE, FINDING_CODES, ParamsOf, wordsOf } from "../../src/engine/findings/findingCatalogue";
import { FindingCode } from "../../src/engine/findings/findings";
import { ReturnReport } from "../../src/app/reports";
import { run } from "../cli/helpers";
import { SCENARIOS } from "./scenarios";
import { CSV_CASES } from "./hostileCsv";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cases: Case[] = require("../fixtures/cases.js");

interface Case {
  name: string;
  kind?: string;
  lookup?: boolean;
  valid?: boolean;
  expect: [string, string, string][];
}

const FIXTURES = path.resolve(__dirname, "..", "fixtures");
const RETURNS = path.join(FIXTURES, "returns");
const CRITERIA = path.join(FIXTURES, "criteria.json");
const LOOKUP = path.join(FIXTURES, "lookup-sample.csv");

interface Report {
  files: ReturnReport[];
}

async function validate(c: Case): Promise<{ code: number; report: Report }> {
  const file = path.join(RETURNS, c.name);
  const args = ["validate", c.kind ? `${c.kind}=${file}` : file, "--criteria", CRITERIA, "--json"];
  if (c.lookup) args.push("--lookup", LOOKUP);
  const r = await run(...args);
  return { code: r.code, report: JSON.parse(r.stdout) };
}

function key(f: { severity: string; code: string; cell: string }): string {
  return `${f.severity} ${f.code} ${f.cell}`;
}

/** The case list writes sheet names plainly; Excel (and the findings) quote names with hyphens or spaces. */
function excelRef(cell: string): string {
  const bang = cell.lastIndexOf("!");
  if (bang < 0 || cell.startsWith("'")) return cell;
  return `${quoteSheetName(cell.slice(0, bang))}${cell.slice(bang)}`;
}

describe("the corpus of returns", () => {
  it("has at least 40 malformed returns and 5 messy but valid ones, xlsx and csv, every file built from the case list", () => {
    const malformed = cases.filter((c) => !c.valid);
    expect(malformed.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.valid).length).toBeGreaterThanOrEqual(5);
    expect(new Set(cases.map((c) => path.extname(c.name)))).toEqual(new Set([".csv", ".xlsx"]));
    expect(fs.readdirSync(RETURNS).sort()).toEqual(cases.map((c) => c.name).sort());
  });

  it("with the scenarios, produces every code of the finding catalogue, and nothing outside it", () => {
    const produced = new Set([
      ...cases.flatMap((c) => c.expect.map((e) => e[1])),
      ...SCENARIOS.flatMap((s) => s.codes),
      ...CSV_CASES.flatMap((c) => c.codes),
    ]);
    expect([...produced].sort()).toEqual([...FINDING_CODES].sort());
  });
});

describe.each(SCENARIOS.map((s) => [s.name, s] as const))("scenario: %s", (_, s) => {
  it(`gives ${s.codes.join(", ")}, each with the catalogue's severity or its stated other`, () => {
    const findings = s.run();
    for (const code of s.codes) expect(findings.map((f) => f.code)).toContain(code);
    for (const f of findings) {
      const entry = FINDING_CATALOGUE[f.code];
      expect([entry.severity, ...(entry.otherwise ? [entry.otherwise.severity] : [])]).toContain(f.severity);
      expect(f.message.length).toBeGreaterThan(15);
      expect(wordsOf(f.code, f.params as ParamsOf<FindingCode>)).toEqual({ message: f.message, fix: f.fix });
    }
  });
});

describe.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
  it(
    c.valid ? "passes with at most warnings, exactly as expected" : "gives exactly the expected findings, each with a message and a fix",
    async () => {
      const file = path.join(RETURNS, c.name);
      const before = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
      const { code, report } = await validate(c);
      const findings = report.files.flatMap((f) => f.findings);
      expect(findings.map(key).sort()).toEqual(
        c.expect.map(([severity, code, cell]) => key({ severity, code, cell: excelRef(cell) })).sort(),
      );
      for (const f of findings) {
        expect(f.message.length).toBeGreaterThan(15);
        expect(f.fix.length).toBeGreaterThan(5);
        // The report's facts are enough to word the finding again: the message is made from them alone.
        const words = wordsOf(f.code, f.params as ParamsOf<FindingCode>);
        expect(words.message).toBe(f.message);
        expect(f.fix.startsWith(words.fix)).toBe(true);
      }
      const errors = findings.some((f) => f.severity === "error");
      expect(code).toBe(errors ? 1 : 0);
      if (c.valid) expect(errors).toBe(false);
      for (const f of report.files.filter((x) => x.kind)) expect(f.accepted + f.excluded + f.rejected).toBe(f.rows);
      expect(crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(before);
    },
  );
});
