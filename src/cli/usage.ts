/* The command line's usage: one synopsis per command, from which --help and the README's summary are made. */
import * as fs from "fs";
import * as path from "path";
import {} from "../app/present";
import { RETURN_KINDS } from "../app/kinds";
import { FILE_LIMITS } from "../io/readFiles";
import { RUN_LIMITS } from "../common/readBudget";

/** The package's version, read once from package.json beside the built files. */
export const VERSION: string = (() => {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
})();

export const COMMAND_USAGE: Record<string, string> = {
  build: `riskmatrix build [KIND=]FILE... [--lookup FILE]... [--criteria FILE|PRESET] [--end YYYY-MM]
                 [--district NAME]... [--all-districts] [--out FILE.xlsx [--replace]] [--json]
                 [--map KIND.FIELD=HEADER]... [--allow-partial] [--allow-overlap] [--compiled TEXT] [--marking TEXT]
                 [--compare EARLIER.xlsx] [--population FILE] [--docx FILE.docx]
                 [--boundaries FILE [--map-svg FILE.svg] [--map-png FILE.png] [--map-column LABEL|--map-figure LABEL]]
  Builds Table 4 from the returns; with --out, writes it as an .xlsx workbook (never over an input,
  and over an existing file only with --replace). With --compare, lists each ward's flags gained and
  lost since an earlier Table 4 and carries its officers' notes forward. With --docx, writes Table 4
  as a Word report. With --boundaries (the ONS ward boundaries: GeoJSON, or the shapefile or its
  zip), draws one district's wards filled by their risk (or by one column's flags or figures), into
  the workbook and the report, and as SVG (--map-svg) or PNG (--map-png).`,
  validate: `riskmatrix validate [KIND=]FILE... [--lookup FILE]... [--criteria FILE] [--district NAME] [--end YYYY-MM]
                    [--json] [--map KIND.FIELD=HEADER]... [--allow-overlap]
  Checks returns and lists every finding with the cell and what to do.`,
  "imd-profile": `riskmatrix imd-profile --imd FILE --lookup FILE --district NAME [--json] [--out FILE.xlsx [--replace]] [--marking TEXT]
  The district's LSOAs by deprivation decile, from the English Indices of Deprivation.`,
  harm: `riskmatrix harm FILE [--population N] [--weights FILE] [--json] [--out FILE.xlsx [--replace]] [--marking TEXT]
  Harm-weighted crime (Cambridge Crime Harm Index) from Offence and Count columns.`,
  template: `riskmatrix template KIND [--district NAME] [--lookup FILE]... [--criteria FILE] [--end YYYY-MM] --out FILE.xlsx [--replace]
                    [--marking TEXT]
  A blank return for partners to fill in, with drop-downs and checks.`,
  criteria: `riskmatrix criteria --district NAME --lookup FILE [--end YYYY-MM] [RETURN...] [--out FILE.json [--replace]]
riskmatrix criteria [--preset NAME] [--out FILE.json [--replace]]
  Criteria for any district (or a named preset) as JSON, to edit; given the district's returns, each count
  threshold is proposed from its own ward figures (the top fifth of its wards).`,
  kinds: `riskmatrix kinds
  The kinds of return and their columns.`,
};

/** The usage of one command, or of them all. */
export function usageOf(command: string | undefined): string {
  const one = command ? COMMAND_USAGE[command] : undefined;
  return one
    ? `Usage:\n  ${one.replace(/\n/g, "\n  ")}\n\nExit status: 0 success, 1 the inputs have errors (all are listed), 2 bad usage.`
    : USAGE;
}

/** Each command's synopsis: its usage without the line that describes it, one source for --help and the README. */
export function synopses(): string {
  return Object.values(COMMAND_USAGE)
    .map((u) =>
      u
        .split("\n")
        .filter((l) => !/^  \S/.test(l))
        .join("\n"),
    )
    .join("\n");
}

const count = (n: number) => n.toLocaleString("en-GB");

export const USAGE = `riskmatrix: ward risk flags (Table 4) from partner returns

Usage:
  ${synopses().replace(/\n/g, "\n  ")}

A FILE is .xlsx (every sheet is read), .csv or a .zip of them; a folder stands for the files in it
and its sub-folders (a data.police.uk download as it comes).
Without --criteria, South Cambridgeshire uses its January 2020 criteria; any district uses the
standard criteria with periods ending at --end.
KIND is one of: ${RETURN_KINDS.map((k) => k.id).join(", ")}.
Limits in one run: ${count(RUN_LIMITS.files)} files, ${RUN_LIMITS.inflatedBytes / 1024 ** 3} GB unzipped, ${count(RUN_LIMITS.rows)} rows and ${count(RUN_LIMITS.cells)} cells;
a CSV of up to ${FILE_LIMITS.csvBytes / 1024 ** 3} GB of text, rows of up to ${count(FILE_LIMITS.fieldsPerRow)} fields; an .xlsx of up to ${FILE_LIMITS.xlsxFileBytes / 1024 ** 3} GB on disk.
Exit status: 0 success, 1 the inputs have errors (all are listed), 2 bad usage,
70 an unexpected internal problem (please report it).
riskmatrix COMMAND --help shows one command's usage; riskmatrix --version its version.`;
