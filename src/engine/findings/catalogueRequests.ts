/*
 * Problems with a request itself rather than with a return's contents: a file that cannot be read,
 * a limit crossed, criteria or a lookup that cannot be used, a district that cannot be built. A
 * front end refuses the request with one of these; `--json` names its code.
 */
import { listNames, plural } from "../read/text";
import { entry } from "./catalogueEntry";

const REQUEST = ["request"] as const;
const DOWNLOAD_AGAIN = "Download the lookup again from the ONS Open Geography Portal.";

export const REQUEST_PROBLEMS = {
  // ---- files ----
  "file-unreadable": entry<{ file: string; why: string; missing: boolean }>({
    severity: "error",
    title: "File cannot be read",
    description: "A file named cannot be opened: it does not exist, is a folder, or may not be read.",
    tags: REQUEST,
    message: (p) => `${p.file} ${p.why}.`,
    fix: (p) => (p.missing ? "Check the path." : "Check the file and that you may read it."),
  }),
  "not-a-regular-file": entry<{ file: string }>({
    severity: "error",
    title: "Not a file",
    description: "A pipe, device or socket was named as a return; it is never opened.",
    tags: REQUEST,
    message: (p) => `${p.file} is not a regular file (a pipe, device or socket), so it was not opened.`,
    fix: () => "Give a return saved as a file: an .xlsx workbook or a .csv.",
  }),
  "old-workbook-format": entry<{ file: string }>({
    severity: "error",
    title: "Old workbook format",
    description: "An .xls or other non-Excel workbook, which is not read.",
    tags: REQUEST,
    message: (p) => `${p.file} is an old or non-Excel workbook format.`,
    fix: () => "Open it in Excel and save it as .xlsx (or export the sheet as .csv).",
  }),
  "not-a-return-file": entry<{ file: string }>({
    severity: "error",
    title: "Not a return's file type",
    description: "A file named is neither a workbook nor a CSV.",
    tags: REQUEST,
    message: (p) => `${p.file} is not a .csv or .xlsx file.`,
    fix: () => "Give returns as .xlsx workbooks or .csv files.",
  }),
  "no-returns-in-folder": entry<{ target: string; notRead: readonly string[] }>({
    severity: "error",
    title: "No returns in the folder",
    description: "A folder named holds no file a return can be read from.",
    tags: REQUEST,
    message: (p) => `${p.target} holds no .csv, .xlsx or .zip files${p.notRead.length ? ` (not read: ${p.notRead.join("; ")})` : ""}.`,
    fix: () => "Point at the returns themselves or at a folder of them.",
  }),
  "damaged-file": entry<{ file: string; why: string; advice?: string }>({
    severity: "error",
    title: "Damaged file",
    description: "A workbook, zip or gzipped CSV cannot be read: it is damaged, cut short or not what its name says.",
    tags: REQUEST,
    message: (p) => `${p.file} ${p.why}.`,
    fix: (p) => p.advice ?? "Download it again; an interrupted download leaves a damaged file.",
  }),
  "file-limit": entry<{ file: string; limit: string; what: string; advice: string }>({
    severity: "error",
    title: "File past a stated limit",
    description: "A file is larger than the stated limit for its kind of file.",
    tags: REQUEST,
    message: (p) => `${p.file} is larger than ${p.limit}, past the stated limit for ${p.what}.`,
    fix: (p) => p.advice,
  }),
  "csv-limit": entry<{ file: string; stopped: string }>({
    severity: "error",
    title: "CSV past a stated limit",
    description: "A CSV has a row, a field or a number of cells past what any spreadsheet writes; its reading stopped there.",
    tags: REQUEST,
    message: (p) => `${p.file}: ${p.stopped}, past the stated limit; it is not a return as a spreadsheet writes one.`,
    fix: () => "Check that it is the right file; if it is, split it into smaller files, or save it again from Excel and give that copy.",
  }),
  "run-limit": entry<{ file: string; limit: string; advice: string }>({
    severity: "error",
    title: "Run past a stated limit",
    description: "Reading a file takes the whole run past one of its stated limits (files, bytes unzipped, rows, cells).",
    tags: REQUEST,
    message: (p) => `Reading ${p.file} takes this run past ${p.limit}, the stated limit for one run.`,
    fix: (p) => p.advice,
  }),
  "no-worksheets": entry<{ file: string }>({
    severity: "error",
    title: "No worksheets",
    description: "A workbook has no worksheet to read.",
    tags: REQUEST,
    message: (p) => `${p.file} has no worksheets.`,
    fix: () => "Give the workbook that holds the return's sheet.",
  }),
  // ---- outputs ----
  "output-exists": entry<{ file: string }>({
    severity: "error",
    title: "Output exists",
    description: "The output named already exists and replacing it was not asked for.",
    tags: REQUEST,
    message: (p) => `${p.file} already exists; nothing was written.`,
    fix: () => "Give a new file name, or add --replace to replace it.",
  }),
  "output-unwritable": entry<{ file: string; why: string }>({
    severity: "error",
    title: "Output cannot be written",
    description: "The output could not be written; nothing was.",
    tags: REQUEST,
    message: (p) => `${p.file} could not be written: ${p.why}. Nothing was written.`,
    fix: () => "Choose a file in a folder you may write to.",
  }),
  "cell-too-long": entry<{ sheet: string; row: number; column: string; length: number; max: number }>({
    severity: "error",
    title: "Text too long for a cell",
    description: "A value is longer than an Excel cell holds, so it cannot be copied into the workbook.",
    tags: REQUEST,
    message: (p) =>
      `Row ${p.row}, column ${p.column} for "${p.sheet}" holds ${p.length.toLocaleString("en-GB")} characters; an Excel cell holds at most ${p.max.toLocaleString("en-GB")}, so nothing was written.`,
    fix: () => "Check that the file is the one meant (a cell that long is usually a file read with the wrong separator).",
  }),
  "date-system-unknown": entry<{ serial: string }>({
    severity: "error",
    title: "The workbook's date system is not known",
    description: "Excel did not number a date as either of its date systems does, so the workbook's dates cannot be read safely.",
    tags: REQUEST,
    message: (p) =>
      `Excel numbered 1 January 2000 as ${p.serial}, which is neither the 1900 date system (36526) nor the 1904 one (35064), so no date in this workbook was read.`,
    fix: () => `Save the workbook and open it again; if this persists, save the return as a file and check it with "Check a file…".`,
  }),
  "map-column-unknown": entry<{ column: string; columns: string[] }>({
    severity: "error",
    title: "No such column to map",
    description: "The map was asked to shade wards by a column Table 4 does not have.",
    tags: REQUEST,
    message: (p) => `Table 4 has no column "${p.column}" to map.`,
    fix: (p) => `Give one of its columns as it is labelled: ${p.columns.map((c) => `"${c}"`).join(", ")}.`,
  }),
  "not-boundaries": entry<{ file: string; why: string }>({
    severity: "error",
    title: "Not a ward boundary file",
    description: "The file given for the map is not ward boundaries (GeoJSON or a shapefile), so no map can be drawn.",
    tags: REQUEST,
    message: (p) => `${p.file} is not ward boundaries the map can use: ${p.why}.`,
    fix: () =>
      `Download "Wards (Month Year) Boundaries UK" from the ONS Open Geography Portal as GeoJSON or as the shapefile (any generalisation) and give that file (a shapefile's .zip as it downloads, or its .shp with the .dbf beside it).`,
  }),
  "pane-reading-stopped": entry<{ browser: string }>({
    severity: "error",
    title: "The pane's reading stopped",
    description: "The pane's background reader stopped before it finished, usually for want of memory.",
    tags: REQUEST,
    message: () => "The pane's reading stopped before it finished (the browser may have run out of memory for it).",
    fix: (p) =>
      `Check a large file with the command line (riskmatrix validate), which has more room.${p.browser ? ` The browser said: ${p.browser}` : ""}`,
  }),
  // ---- criteria ----
  "criteria-unreadable": entry<{ file: string; why: string; presets: readonly string[] }>({
    severity: "error",
    title: "Criteria file cannot be read",
    description: "The criteria file named cannot be opened.",
    tags: REQUEST,
    message: (p) => `The criteria file ${p.file} ${p.why}.`,
    fix: (p) => `Check the path, or name a preset (${p.presets.join(", ")}); \`riskmatrix criteria\` writes a file to start from.`,
  }),
  "criteria-not-json": entry<{ file: string; why: string }>({
    severity: "error",
    title: "Criteria not JSON",
    description: "A criteria file is not JSON.",
    tags: REQUEST,
    message: (p) => `The criteria file ${p.file} is not valid JSON (${p.why}).`,
    fix: () => "Give a JSON file like the one `riskmatrix criteria` prints.",
  }),
  "criteria-invalid": entry<{ problems: readonly string[] }>({
    severity: "error",
    title: "Criteria with problems",
    description: "Criteria that parse but cannot be used: a column, rule, period or risk key is wrong. Each problem is listed.",
    tags: REQUEST,
    message: (p) =>
      p.problems.length
        ? `The criteria have ${p.problems.length === 1 ? "a problem" : `${p.problems.length} problems`}:`
        : 'The criteria must be a JSON object with a "columns" list.',
    fix: (p) =>
      p.problems.length
        ? "Correct them; start from the standard criteria for the district if in doubt."
        : "Start from the standard criteria for the district and edit them.",
  }),
  "no-criteria-for-district": entry<{ district: string }>({
    severity: "error",
    title: "No criteria for the district",
    description: "No criteria were given, and the built-in ones are another district's of another year.",
    tags: REQUEST,
    message: (p) => `No criteria were given for ${p.district}, and the built-in ones are South Cambridgeshire's of January 2020.`,
    fix: () => "Give the last month of the data to use the standard criteria for the district.",
  }),
  // ---- districts and lookups ----
  "unknown-district": entry<{ district: string; nearest: readonly string[] }>({
    severity: "error",
    title: "Not a district of the lookup",
    description: "The district named is not one the lookup holds.",
    tags: REQUEST,
    message: (p) => `"${p.district}" is not a district of the lookup${p.nearest.length ? `; nearest: ${p.nearest.join(", ")}` : ""}.`,
    fix: (p) => `Write the district as the lookup does${p.nearest.length ? ` (e.g. "${p.nearest[0]}")` : ""}, or give its code (E07...).`,
  }),
  "lookup-without-districts": entry({
    severity: "error",
    title: "Lookup names no districts",
    description: "A district was named but the lookup has no district columns.",
    tags: REQUEST,
    message: () => "The lookup names no districts.",
    fix: () => "Give the ONS LSOA-to-ward lookup as published: it has LAD columns.",
  }),
  "district-wards-unknown": entry<{ district: string }>({
    severity: "error",
    title: "The district's wards are not known",
    description: "The standard criteria need the district's wards, and no lookup gives them.",
    tags: REQUEST,
    message: (p) => `The wards of ${p.district} are not known.`,
    fix: () => "Give the ONS LSOA-to-ward lookup.",
  }),
  "no-district-covered": entry({
    severity: "error",
    title: "No district covered",
    description: "Asked for every district, the returns place no rows in any district of the lookup.",
    tags: REQUEST,
    message: () => "The returns place no rows in any district of the lookup.",
    fix: () => "Give the ONS LSOA-to-ward lookup of the returns' vintage.",
  }),
  "not-a-lookup": entry<{ file: string; sheet: string; header: readonly string[] }>({
    severity: "error",
    title: "Not a lookup",
    description: "A sheet given as a lookup names no area column and ward column.",
    tags: REQUEST,
    message: (p) => `${p.file} (${p.sheet}) is not a lookup: its first row (${p.header.join(", ")}) names no area column and ward column.`,
    fix: () => "Use the ONS LSOA-to-ward file as published, or a sheet with two columns: area (LSOA code or village) and ward.",
  }),
  "empty-lookup": entry<{ file: string; sheet: string; needs: string }>({
    severity: "error",
    title: "Lookup without rows",
    description: "A lookup has no rows that place an area in a ward (or, for a chain of LSOAs, no codes).",
    tags: REQUEST,
    message: (p) => `${p.file}${p.sheet ? ` (${p.sheet})` : ""} ${p.needs}.`,
    fix: (p) => (p.needs.startsWith("is empty") ? "Give a lookup with an area column and a ward column." : DOWNLOAD_AGAIN),
  }),
  "area-in-two-wards": entry<{ file: string; sheet: string; what: string; examples: readonly string[]; count: number }>({
    severity: "error",
    title: "An area in two wards",
    description: "A lookup lists one area in two wards, so it cannot say which ward its rows belong to.",
    tags: REQUEST,
    message: (p) =>
      `${p.file} (${p.sheet}) lists ${plural(p.count, p.what)} in two wards (${listNames(p.examples, 3)}), so it cannot say which ward ${p.count === 1 ? "its" : "their"} rows belong to.`,
    fix: (p) =>
      `Keep one ward for each ${p.what} (the ONS best-fit lookup lists each LSOA once), or give rows of such areas a Ward column in the returns.`,
  }),
  "lookup-quote-open": entry<{ file: string; row: number }>({
    severity: "error",
    title: "Lookup with a quote left open",
    description: "A lookup CSV has a quote that never closes, so its rows cannot be trusted.",
    tags: REQUEST,
    message: (p) => `${p.file} has a quote left open in row ${p.row}.`,
    fix: () => "Save the lookup again from the ONS page or Excel and import that.",
  }),
  // ---- other inputs ----
  "not-a-population-file": entry<{ file: string; sheet: string }>({
    severity: "error",
    title: "Not a population file",
    description: "A file given for populations has no LSOA code column with a population column beside it.",
    tags: REQUEST,
    message: (p) =>
      `${p.file}${p.sheet ? ` (${p.sheet})` : ""} has no LSOA code column with a population column ("Total population", "All Ages", "Total" or "Population") beside it.`,
    fix: () => "Give the IoD's File 7 (population denominators) or the ONS mid-year population estimates by LSOA, as published.",
  }),
  "no-table4": entry<{ file: string }>({
    severity: "error",
    title: "No Table 4 to compare with",
    description: "A workbook given as an earlier Table 4 holds none.",
    tags: REQUEST,
    message: (p) => `${p.file} holds no Table 4: no sheet has a header row starting "Ward" with a "Total Flags" column.`,
    fix: () => "Give the workbook an earlier build wrote (riskmatrix build --out, or the pane's Table 4 sheet saved).",
  }),
  "thresholds-not-proposed": entry<{ district: string }>({
    severity: "error",
    title: "Thresholds not proposed",
    description: "The district's returns give no matrix to propose thresholds from.",
    tags: REQUEST,
    message: (p) => `No thresholds could be proposed for ${p.district}: its returns give no ward figures.`,
    fix: () => "Check the returns with riskmatrix validate, and give the lookup and the last month of the data.",
  }),
  "weights-invalid": entry<{ file: string; why: string }>({
    severity: "error",
    title: "Harm weights cannot be used",
    description: "A table of Crime Harm Index weights has a row without an offence or without a number of days.",
    tags: REQUEST,
    message: (p) => `${p.file}: ${p.why}`,
    fix: () => "Give two columns: offence (title or Home Office code) and days.",
  }),
  "harm-not-weighed": entry<{ why: string }>({
    severity: "error",
    title: "Harm not weighed",
    description: "The offences and counts chosen cannot be weighed.",
    tags: REQUEST,
    message: (p) => p.why,
    fix: () => "Choose the offence column and the count column, and check their values.",
  }),
};
