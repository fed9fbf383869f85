/*
 * The same request through the command line and through the pane's use case gives the same
 * Table 4: each scenario of incomplete data is built both ways and the wards compared.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../helpers/csv";
import { CriteriaSpec } from "../../src/engine/rules/criteria";
import { matrixReport } from "../../src/app/reports";
import { table4FromSheets } from "../../src/app/openWorkbook";
import { fixForPane } from "../../src/taskpane/paneRemedies";
import { run, tempDir, writeCsv } from "../cli/helpers";
import { sheet } from "../helpers/sheets";
import { benefitsColumn } from "../helpers/testshire";

const WARDS = [{ name: "North" }, { name: "South" }, { name: "East" }];
const day = (m: number, d = 10) => `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/2024`;
const yearOf = (ward: string, n: number) => Array.from({ length: n }, (_, i) => [day((i % 12) + 1), "Deliberate", ward]);

interface Scenario {
  name: string;
  criteria: CriteriaSpec;
  /** Sheet name -> rows; each sheet feeds the column of the same id. */
  sheets: Record<string, (string | number)[][]>;
  partial?: boolean;
}

const FIRES: CriteriaSpec = {
  district: { name: "Testshire", wards: WARDS },
  columns: [{ id: "fires", label: "Deliberate fires", kind: "fires", rule: ">=20", period: { from: "2024-01", to: "2024-12" } }],
};
const BENEFITS: CriteriaSpec = {
  district: { name: "Testshire", wards: WARDS },
  columns: [benefitsColumn({ from: "2024-01", to: "2024-03" })],
};
const claims = (suppress: boolean) => [
  ["Month", "LSOA", "Ward", "Claims"],
  ...["Jan 2024", "Feb 2024", "Mar 2024"].flatMap((m) => [
    [m, "E01000001", "North", suppress && m === "Feb 2024" ? "*" : 360],
    [m, "E01000002", "South", 320],
  ]),
];

const SCENARIOS: Scenario[] = [
  {
    name: "complete returns",
    criteria: FIRES,
    sheets: { fires: [["Date", "Cause", "Ward"], ...yearOf("North", 25), ...yearOf("South", 12)] },
  },
  {
    name: "a row whose ward is unknown, built from the rows that are fine",
    criteria: FIRES,
    sheets: {
      fires: [
        ["Date", "Cause", "Ward"],
        ...yearOf("North", 19),
        ...yearOf("South", 25),
        ...yearOf("East", 12),
        [day(3), "Deliberate", "Nowhere"],
      ],
    },
    partial: true,
  },
  {
    name: "a list cut short, built from what there is",
    criteria: FIRES,
    sheets: { fires: [["Date", "Cause", "Ward"], ...yearOf("South", 25).map((r) => [day(2), r[1], r[2]]), ...yearOf("North", 6)] },
    partial: true,
  },
  { name: "a suppressed month of benefit claims", criteria: BENEFITS, sheets: { benefits: claims(true) } },
];

/** What both doors must agree on: each ward's flags, totals and risk. */
const wardsOf = (report: ReturnType<typeof matrixReport>) =>
  report.wards.map((w) => ({
    ward: w.ward,
    flags: { ...w.flags },
    total: w.total,
    unknown: w.unknown,
    risk: w.risk,
    evidence: { ...w.evidence },
  }));

describe.each(SCENARIOS.map((s) => [s.name, s] as const))("%s, through both doors", (_, s) => {
  it("gives the same Table 4 from the command line and from the pane's use case", async () => {
    const dir = tempDir();
    const criteriaFile = path.join(dir, "criteria.json");
    fs.writeFileSync(criteriaFile, JSON.stringify(s.criteria));
    const files = Object.entries(s.sheets).map(
      ([id, rows]) => `${s.criteria.columns.find((c) => c.id === id)!.kind}=${writeCsv(dir, `${id}.csv`, rows)}`,
    );
    const cli = await run("build", ...files, "--criteria", criteriaFile, "--json", ...(s.partial ? ["--allow-partial"] : []));
    const fromCli = JSON.parse(cli.stdout);

    const sheets = Object.fromEntries(
      Object.keys(s.sheets).map((id) => [id, sheet(parseCsv(fs.readFileSync(path.join(dir, `${id}.csv`), "utf8")), id)]),
    );
    const pane = table4FromSheets({
      criteria: s.criteria,
      sources: Object.fromEntries(Object.keys(s.sheets).map((id) => [id, id])),
      sheets,
      allowPartial: s.partial,
    });
    if (!pane.ok) throw new Error(pane.message);
    const fromPane = matrixReport(undefined, pane.result, fixForPane);

    expect(fromCli.wards.length).toBe(WARDS.length);
    expect(wardsOf(fromPane)).toEqual(wardsOf(fromCli));
    expect(fromPane.incompleteness).toEqual(fromCli.incompleteness);
    expect(cli.code).toBe(s.partial ? 1 : 0);
    if (s.partial) {
      expect(fromCli.incompleteness).toMatch(/^INCOMPLETE/);
      expect(fromCli.wards.some((w: { flags: Record<string, boolean | null> }) => Object.values(w.flags).includes(null))).toBe(true);
    }
  });
});
