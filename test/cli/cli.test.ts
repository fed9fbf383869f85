import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { zipSync } from "fflate";
import { DEMO } from "../helpers/publicData";
import { run, tempDir, writeCambridgeLookup, writeCsv } from "./helpers";
import { PROBLEM_CATALOGUE } from "../../src/engine/findings/findingCatalogue";

describe("usage", () => {
  it("exits 2 with the usage on an unknown command or option", async () => {
    expect((await run("frobnicate")).code).toBe(2);
    const r = await run("build", DEMO, "--colour");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option --colour/);
    expect((await run("build")).code).toBe(2);
    expect((await run("build", "nonsense=x.csv")).code).toBe(2);
  });
  it("prints help", async () => {
    const r = await run("help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/riskmatrix build/);
  });
});

describe("bad input", () => {
  it("names the file, sheet and cell of every error, exits 1 and writes nothing", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "fires.csv", [
      ["Date", "Cause", "Ward"],
      ["01/01/2019", "Deliberate", "Melbourne"],
      ["not a date", "Deliberate", "Cottenham"],
    ]);
    const before = fs.readFileSync(file, "utf8");
    const out = path.join(dir, "table4.xlsx");
    const r = await run("build", `fires=${file}`, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fires\.csv/);
    expect(r.stderr).toMatch(/unknown-ward at fires!C2: "Melbourne" in row 2 is not a ward of South Cambridgeshire; nearest: Melbourn/);
    expect(r.stderr).toMatch(/bad-date at fires!A3/);
    expect(r.stderr).toMatch(/Fix: /);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });

  it("asks for KIND= when headers fit two kinds", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "q3.csv", [
      ["Date", "Ward", "Count"],
      ["01/01/2019", "Melbourn", 2],
    ]);
    const r = await run("build", file, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.findings.find((f: { code: string }) => f.code === "ambiguous-kind").fix).toMatch(/police-(crime|asb)=.*q3\.csv/);
  });

  it("reports a bad criteria file with where each problem is", async () => {
    const dir = tempDir();
    const criteria = path.join(dir, "c.json");
    fs.writeFileSync(criteria, JSON.stringify({ columns: [{ id: "x", label: "X", kind: "fires", rule: "many" }] }));
    const r = await run("build", DEMO, "--criteria", criteria);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/columns\[0\]\.rule/);
  });
});

describe("a new column needs no code change", () => {
  it("adds a children's social care column from the criteria file alone", async () => {
    const dir = tempDir();
    const crit = JSON.parse((await run("criteria")).stdout);
    crit.columns.push({
      id: "csc",
      label: "Children's social care",
      kind: "police-asb",
      filter: { category: "CSC referral" },
      rule: ">=2",
      criterion: "Wards with 2+ referrals",
    });
    fs.writeFileSync(path.join(dir, "c.json"), JSON.stringify(crit));
    const extra = writeCsv(dir, "police-asb-extra.csv", [
      ["Date", "ASB Category", "Ward", "Incident ref"],
      ["02/02/2019", "CSC referral", "Girton", "X1"],
      ["03/02/2019", "CSC referral", "Girton", "X2"],
      ["03/02/2019", "CSC referral", "Foxton", "X3"],
    ]);
    // The extra file's rows fall in the demo ASB return's year: summed into the ASB column only when that is said to be meant.
    const unsaid = await run("build", DEMO, `police-asb=${extra}`, "--criteria", path.join(dir, "c.json"), "--json");
    expect(unsaid.code).toBe(1);
    const overlap = JSON.parse(unsaid.stdout).findings.filter((f: { code: string }) => f.code === "overlapping-returns");
    expect(overlap.map((f: { message: string }) => f.message)).toEqual([
      expect.stringMatching(/^The "Police recorded ASB" column .*police-asb-extra\.csv/),
    ]);
    const r = await run("build", DEMO, `police-asb=${extra}`, "--criteria", path.join(dir, "c.json"), "--json", "--allow-overlap");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const girton = json.wards.find((w: { ward: string }) => w.ward === "Girton");
    expect(girton).toMatchObject({ total: 1, risk: "Medium", flags: { csc: true } });
    expect(json.wards.find((w: { ward: string }) => w.ward === "Foxton").flags.csc).toBe(false);
  });
});

describe("validate", () => {
  it("prints the JSON report with rows accounted for", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "fires.csv", [
      ["Fire Service"],
      ["Date", "Cause of fire", "Ward name", "Count", "Caller name"],
      ["01/01/2019", "Deliberate", "Cottenham", 2, "A Person"],
      ["02/01/2019", "Deliberate", "Cottenham", "<5", ""],
      ["Total", "", "", 2, ""],
    ]);
    const r = await run("validate", file, "--json");
    const json = JSON.parse(r.stdout);
    expect(json.files).toHaveLength(1);
    const f = json.files[0];
    // The suppressed row is kept, its count not known.
    expect(f).toMatchObject({ kind: "fires", rows: 3, accepted: 2 });
    // Two days of January against the preset's year of fires: validate holds the return to the period as build does.
    expect(f.findings.map((x: { code: string }) => x.code).sort()).toEqual([
      "header-not-first-row",
      "period-not-covered",
      "personal-data",
      "suppressed-value",
      "totals-row",
      "unknown-column",
    ]);
    // Each finding keeps where it is for a program, the facts behind it and what would put it right.
    const totals = f.findings.find((x: { code: string }) => x.code === "totals-row");
    expect(totals).toMatchObject({ file, sheet: "fires", cell: "fires!5:5", at: { kind: "rows", first: 4, last: 4 } });
    const unknown = f.findings.find((x: { code: string }) => x.code === "unknown-column");
    expect(unknown.remedies).toEqual(expect.arrayContaining([expect.objectContaining({ action: "map-field", kind: "fires" })]));
    expect(r.code).toBe(1);
  });
});

describe("input files are never overwritten", () => {
  it("refuses --out pointing at a return being read", async () => {
    const dir = tempDir();
    const file = path.join(dir, "fires.xlsx");
    fs.copyFileSync(path.join(DEMO, "fires.xlsx"), file);
    const before = fs.readFileSync(file);
    const r = await run("build", DEMO, `fires=${file}`, "--out", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never overwritten/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe("conventions", () => {
  it("prints the version, and help for every command with --help or -h", async () => {
    const version = await run("--version");
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const command of ["build", "validate", "imd-profile", "harm", "template", "criteria", "kinds"]) {
      for (const flag of ["--help", "-h"]) {
        const r = await run(command, flag);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`riskmatrix ${command}`);
        // One command's usage, not every command's.
        expect(r.stdout.match(/riskmatrix [a-z-]+/g)!.every((m) => m === `riskmatrix ${command}`)).toBe(true);
      }
    }
    const all = await run("help");
    for (const command of ["build", "validate", "harm", "template"]) expect(all.stdout).toContain(`riskmatrix ${command}`);
  });

  it("the README's command summary is the one --help prints", async () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## The command line"));
    const block = /```\n([\s\S]*?)```/.exec(section)![1].trimEnd();
    const help = (await run("--help")).stdout;
    const usage = help.slice(help.indexOf("Usage:\n") + 7, help.indexOf("\n\n", help.indexOf("Usage:\n")));
    expect(block).toBe(usage.replace(/^  /gm, ""));
  });
});

describe("--json is always JSON", () => {
  it("for kinds, and for --help", async () => {
    const kinds = await run("kinds", "--json");
    expect(kinds.code).toBe(0);
    const fires = JSON.parse(kinds.stdout).kinds.find((k: { id: string }) => k.id === "fires");
    expect(fires.identifiedBy).toEqual(["cause"]);
    const help = await run("build", "--json", "--help");
    expect(JSON.parse(help.stdout).usage).toMatch(/riskmatrix build/);
  });
});

describe("a request refused names its problem's code", () => {
  it("in --json, with the facts its words come from, and in words on the terminal", async () => {
    const dir = tempDir();
    const lookup = writeCambridgeLookup(dir);
    fs.writeFileSync(path.join(dir, "bad.json"), "{ columns: ");
    const out = path.join(dir, "t4.xlsx");
    fs.writeFileSync(out, "");
    const cases: [string[], string][] = [
      [["build", path.join(dir, "missing.csv")], "file-unreadable"],
      [["build", DEMO, "--criteria", path.join(dir, "bad.json")], "criteria-not-json"],
      [["build", DEMO, "--lookup", lookup, "--district", "Cambrige", "--end", "2024-06"], "unknown-district"],
      [["build", DEMO, "--out", out], "output-exists"],
      [["build", DEMO, "--compare", lookup], "no-table4"],
    ];
    for (const [args, code] of cases) {
      const json = await run(...args, "--json");
      expect(json.code).toBe(1);
      const error = JSON.parse(json.stdout).error;
      expect(error.code).toBe(code);
      expect(Object.keys(PROBLEM_CATALOGUE)).toContain(code);
      expect(error.message.length).toBeGreaterThan(15);
      const words = await run(...args);
      expect(words.stderr).toContain(error.message.split("\n")[0]);
      expect(words.stderr).toMatch(/Fix: /);
    }
    expect(
      JSON.parse((await run("build", DEMO, "--lookup", lookup, "--district", "Cambrige", "--end", "2024-06", "--json")).stdout).error
        .params,
    ).toMatchObject({ district: "Cambrige", nearest: ["Cambridge"] });
  });
});

describe("every file found in a folder is read or named", () => {
  it("names files of other types, lock files, pipes and a folder linked twice, and reads the returns once", async () => {
    const dir = tempDir();
    const returns = path.join(dir, "returns");
    fs.mkdirSync(returns);
    const rows = [
      ["Date", "Cause", "Ward"],
      ...Array.from({ length: 12 }, (_, m) => [`10/${String(m + 1).padStart(2, "0")}/2019`, "Deliberate", "Melbourn"]),
    ];
    writeCsv(returns, "fires.csv", rows);
    // A gzipped .tsv and a macro-enabled workbook are read as when named directly.
    const older = rows.map((r) => r.map((c) => c.replace("2019", "2018")).join("\t")).join("\n");
    fs.writeFileSync(path.join(returns, "fires 2018.tsv.gz"), zlib.gzipSync(older));
    fs.writeFileSync(path.join(returns, "more fires.xlsm"), fs.readFileSync(path.join(DEMO, "fires.xlsx")));
    fs.writeFileSync(path.join(returns, "notes.pdf"), "%PDF");
    fs.writeFileSync(path.join(returns, "old.xls"), "x");
    fs.writeFileSync(path.join(returns, "~$fires.xlsx"), "x");
    fs.symlinkSync(returns, path.join(returns, "again"));
    execFileSync("mkfifo", [path.join(returns, "pipe.csv")]);
    const r = await run("validate", returns, "--json");
    const json = JSON.parse(r.stdout);
    const fires = json.files.filter((f: { kind: string | null }) => f.kind === "fires");
    expect(fires.map((f: { file: string }) => path.basename(f.file))).toEqual(["fires 2018.tsv.gz", "fires.csv", "more fires.xlsm"]);
    expect(fires[0].rows).toBe(12);
    const skipped = json.files
      .flatMap((f: { findings: { code: string; message: string }[] }) => f.findings)
      .filter((f: { code: string }) => f.code === "file-skipped");
    const said = skipped.map((f: { message: string }) => f.message).join("\n");
    expect(said).toMatch(/notes\.pdf was not read: not a return's file type \(\.pdf\)/);
    expect(said).toMatch(/old\.xls was not read: an old Excel workbook/);
    expect(said).toMatch(/~\$fires\.xlsx was not read: an Office lock file/);
    expect(said).toMatch(/pipe\.csv was not read: not a regular file/);
    expect(said).toMatch(/again was not read: a link to a folder already read/);
  });

  it("reads a zip inside a zip as when named directly, and names the entries it does not read", async () => {
    const dir = tempDir();
    const csvOf = (year: number) =>
      new TextEncoder().encode(
        [
          ["Date", "Cause", "Ward"],
          ...Array.from({ length: 12 }, (_, m) => [`10/${String(m + 1).padStart(2, "0")}/${year}`, "Deliberate", "Melbourn"]),
        ]
          .map((r) => r.join(","))
          .join("\n"),
      );
    const deep = zipSync({ "d.zip": zipSync({ "e.zip": zipSync({ "fires.csv": csvOf(2016) }) }) });
    const zip = path.join(dir, "returns.zip");
    fs.writeFileSync(
      zip,
      zipSync({
        "q3/fires.csv": csvOf(2019),
        "q3/notes.pdf": new Uint8Array([37, 80]),
        "older.zip": zipSync({ "fires.csv": csvOf(2018) }),
        "deep.zip": deep,
      }),
    );
    const r = await run("validate", zip, "--json");
    const json = JSON.parse(r.stdout);
    expect(
      json.files
        .filter((f: { kind: string | null }) => f.kind === "fires")
        .map((f: { file: string }) => path.basename(path.dirname(f.file))),
    ).toEqual(["older.zip", "q3"]);
    const said = json.files
      .flatMap((f: { findings: { code: string; message: string }[] }) => f.findings)
      .filter((f: { code: string }) => f.code === "file-skipped")
      .map((f: { message: string }) => f.message)
      .join("\n");
    expect(said).toMatch(/returns\.zip\/deep\.zip\/d\.zip\/e\.zip was not read: a zip inside 3 zips/);
    expect(said).toMatch(/returns\.zip\/q3\/notes\.pdf was not read: not a return's file type \(\.pdf\)/);
  });

  it("reads a zip through its directory: entries unzip tools do not show are named, never read", async () => {
    const dir = tempDir();
    const csv = new TextEncoder().encode("Date,Cause,Ward\n10/01/2019,Deliberate,Melbourn\n");
    const joined = path.join(dir, "joined.zip");
    fs.writeFileSync(joined, Buffer.concat([zipSync({ "hidden.csv": csv }), zipSync({ "shown.csv": csv })]));
    const r = await run("validate", joined, "--json");
    const json = JSON.parse(r.stdout);
    expect(json.files.map((f: { file: string }) => path.basename(f.file))).toEqual([
      "shown.csv",
      expect.stringMatching(/joined\.zip \(its first \d+ bytes\)/),
    ]);
    const twice = zipSync({ "a.csv": csv, "b.csv": csv });
    // Rename the second entry to the first's name, in its local header and in the directory.
    const bytes = Buffer.from(twice.buffer.slice(0))
      .toString("latin1")
      .replace(/b\.csv/g, "a.csv");
    const dup = path.join(dir, "twice.zip");
    fs.writeFileSync(dup, Buffer.from(bytes, "latin1"));
    const d = await run("validate", dup, "--json");
    expect(d.code).toBe(1);
    expect(JSON.parse(d.stdout).error.message).toMatch(/twice\.zip holds two entries named a\.csv/);
    const bzip = Buffer.from(zipSync({ "a.csv": csv }, { level: 0 }));
    // The method field of the local header (offset 8) and of the directory entry (offset 10).
    bzip.writeUInt16LE(12, 8);
    bzip.writeUInt16LE(12, bzip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    const bz = path.join(dir, "bzip.zip");
    fs.writeFileSync(bz, bzip);
    const b = await run("validate", bz, "--json");
    expect(JSON.parse(b.stdout).error.message).toMatch(/bzip\.zip holds a\.csv compressed with bzip2, which this reader does not read/);
  });
});
