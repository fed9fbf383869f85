import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, capturing what it prints. */
export async function run(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "riskmatrix-test-"));
}

export function writeCsv(dir: string, name: string, rows: (string | number)[][]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    rows.map((r) => r.map((c) => (/[",]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(",")).join("\n"),
  );
  return file;
}

/** A lookup CSV as the ONS writes it (2021 LSOAs to 2024 wards) for two wards of Cambridge, one with an apostrophe. */
export function writeCambridgeLookup(dir: string): string {
  const file = path.join(dir, "lookup.csv");
  fs.writeFileSync(
    file,
    [
      "LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM",
      "E01017951,Cambridge 001A,E05013050,King's Hedges,E07000008,Cambridge",
      "E01017952,Cambridge 001B,E05013051,Arbury,E07000008,Cambridge",
    ].join("\r\n"),
  );
  return file;
}
