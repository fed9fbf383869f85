import type { Severity } from "./findings";

/** What a finding is about, for filtering and for the documentation. */
export type FindingTag =
  "file" | "structure" | "rows" | "values" | "dates" | "privacy" | "security" | "places" | "district" | "coverage" | "duplicates" | "harm";

export interface CatalogueEntry {
  /** The usual severity. */
  severity: Severity;
  /** The other severity some findings of this code take, and when. */
  otherwise?: { severity: Severity; when: string };
  title: string;
  description: string;
  tags: readonly FindingTag[];
}

/**
 * Every finding the engine can report. Codes are stable: partners' own checks, the tests and
 * the JSON report rely on them. A new check gets an entry here, and the corpus test then
 * demands a case that produces it.
 */
export const FINDING_CATALOGUE = {
  // ---- files ----
  "unknown-kind": {
    severity: "error",
    title: "Unknown kind of return",
    description: "The kind named for a file is not one the engine reads.",
    tags: ["file"],
  },
  "ambiguous-kind": {
    severity: "error",
    title: "Kind of return unclear",
    description: "A sheet's headers fit more than one kind of return, so its kind must be named.",
    tags: ["file"],
  },
  "unrecognised-return": {
    severity: "error",
    title: "Not a return",
    description: "No sheet of the file has the headers of any kind of return.",
    tags: ["file"],
  },
  "sheet-not-read": {
    severity: "warning",
    otherwise: { severity: "error", when: "no other sheet of the file was read" },
    title: "Sheet not read",
    description: "A sheet has some of a return's columns but not all it needs, so it was left out.",
    tags: ["file"],
  },
  "file-not-used": {
    severity: "info",
    title: "File skipped",
    description: "A file that comes with a download but is not a return (data.police.uk outcomes, stop and search).",
    tags: ["file"],
  },
  "text-encoding": {
    severity: "info",
    title: "Read as another encoding",
    description: "A CSV was not UTF-8: it was read as the encoding it is in (Windows-1252, as Excel's CSV on a UK PC writes, or UTF-16).",
    tags: ["file"],
  },
  "csv-separator": {
    severity: "info",
    title: "Another separator",
    description: "A CSV's columns are separated by semicolons, tabs or pipes; semicolon files have their decimal commas read.",
    tags: ["file"],
  },
  "undecodable-text": {
    severity: "warning",
    title: "Characters that could not be read",
    description: "Bytes of a CSV do not form characters in its encoding; they are shown as \uFFFD and the text around them may be wrong.",
    tags: ["file", "values"],
  },
  "unclosed-quote": {
    severity: "error",
    title: "Quote left open",
    description:
      "A quoted value never closes (or closes rows later in the wrong place). The row is read on its own with the quote as text, rejected, and every row after it is kept.",
    tags: ["file", "rows"],
  },
  "field-count": {
    severity: "error",
    title: "Row with more or fewer fields than the header",
    description: "A CSV row has more or fewer separators than its header, so its values may sit under the wrong columns; it is rejected.",
    tags: ["file", "rows"],
  },
  "line-break-in-cell": {
    severity: "warning",
    title: "Line break inside a quoted value",
    description:
      "A quoted CSV value holds a line break: fine in a note, but a quote left open also looks like this, merging the rows it spans.",
    tags: ["file", "rows"],
  },
  // ---- structure ----
  "no-header-row": {
    severity: "error",
    title: "No header row",
    description: "No row in the first 30 names the columns of the return.",
    tags: ["structure"],
  },
  "missing-column": {
    severity: "error",
    title: "Missing column",
    description: "A column the return needs (or every one of a group of alternatives) is absent.",
    tags: ["structure"],
  },
  "bad-map": {
    severity: "error",
    title: "Column mapping does not fit",
    description: "A header mapping names a field the kind lacks, or a header the sheet lacks.",
    tags: ["structure"],
  },
  "duplicate-column": {
    severity: "error",
    title: "Column given twice",
    description: "Two columns carry the same field; only the first is read.",
    tags: ["structure"],
  },
  "blank-header": {
    severity: "warning",
    title: "Column without header",
    description: "A column holds data but has no header, so it is not read.",
    tags: ["structure"],
  },
  "unknown-column": {
    severity: "warning",
    title: "Column not part of the return",
    description: "A column is not a field of the kind of return and is ignored.",
    tags: ["structure"],
  },
  "hidden-sheet": {
    severity: "warning",
    title: "Hidden sheet read",
    description: "The sheet read as the return is hidden in its workbook, where it is easily overlooked or out of date.",
    tags: ["structure"],
  },
  "hidden-rows": {
    severity: "warning",
    title: "Hidden rows counted",
    description: "Rows hidden in the workbook (filtered out or hidden by hand) are read and counted like every other row.",
    tags: ["rows"],
  },
  "merged-header": {
    severity: "error",
    title: "Merged header cells",
    description: "Header cells are merged, so columns under them have no header of their own.",
    tags: ["structure"],
  },
  "header-not-first-row": {
    severity: "info",
    title: "Title rows above the headers",
    description: "The headers are below title rows, which were skipped.",
    tags: ["structure"],
  },
  "two-header-rows": {
    severity: "error",
    title: "Second header row",
    description: "The row under the header repeats or continues it (units, a second line of headers).",
    tags: ["structure"],
  },
  // ---- rows ----
  "totals-row": {
    severity: "warning",
    title: "Totals row",
    description: "A row of totals would double-count, so it is excluded.",
    tags: ["rows"],
  },
  "notes-row": {
    severity: "warning",
    title: "Note below the data",
    description: "A line of notes below the records is excluded.",
    tags: ["rows"],
  },
  "blank-rows": { severity: "warning", title: "Blank rows inside the data", description: "Blank rows between records.", tags: ["rows"] },
  "duplicate-row": {
    severity: "error",
    title: "Repeated row",
    description: "A row repeats the key of an earlier one (an LSOA and month, a ward); counting both would double-count.",
    tags: ["rows"],
  },
  "duplicate-reference": {
    severity: "warning",
    title: "Repeated reference",
    description: "Rows share an incident reference; if they are one incident it is counted twice.",
    tags: ["rows"],
  },
  "outside-period": {
    severity: "info",
    title: "Rows outside the period",
    description: "Rows dated outside every period of the criteria are excluded and counted.",
    tags: ["rows", "dates"],
  },
  "excluded-rows": {
    severity: "info",
    title: "Rows without a place",
    description: 'Rows a dataset publishes without the field that places them (data.police.uk\'s "No Location") are excluded and counted.',
    tags: ["rows", "places"],
  },
  // ---- values ----
  "missing-value": {
    severity: "error",
    title: "Blank required value",
    description: "A required value (or a count) is blank.",
    tags: ["values"],
  },
  "missing-area": {
    severity: "error",
    title: "Row without an area",
    description: "A row has none of the fields that place it in a ward.",
    tags: ["values", "places"],
  },
  "spreadsheet-error": {
    severity: "error",
    title: "Spreadsheet error value",
    description: "A cell holds #N/A, #REF! or another error value.",
    tags: ["values"],
  },
  "bad-date": {
    severity: "error",
    title: "Not a date",
    description: "A date cell cannot be read as a real date.",
    tags: ["values", "dates"],
  },
  "bad-month": {
    severity: "error",
    title: "Not a month",
    description: "A month cell cannot be read as a month.",
    tags: ["values", "dates"],
  },
  "us-date-format": {
    severity: "warning",
    title: "Month-first dates",
    description: "A date column can only be read month-first (American), so all of it is.",
    tags: ["values", "dates"],
  },
  "mixed-date-format": {
    severity: "error",
    title: "Day-first and month-first dates mixed",
    description: "A date column mixes day-first and month-first dates, so none can be read safely.",
    tags: ["values", "dates"],
  },
  "bad-count": { severity: "error", title: "Not a count", description: "A count is not a whole number of 0 or more.", tags: ["values"] },
  "suppressed-value": {
    severity: "warning",
    title: "Suppressed value",
    description: 'Values such as "<5" or "*" cannot be counted; their rows are left out.',
    tags: ["values"],
  },
  "bad-decile": { severity: "error", title: "Not a decile", description: "A decile is not a whole number from 1 to 10.", tags: ["values"] },
  "bad-lsoa": {
    severity: "error",
    title: "Not an LSOA code",
    description: "An LSOA cell is not a code of E01 or W01 and six digits.",
    tags: ["values", "places"],
  },
  "number-in-text": {
    severity: "warning",
    title: "Number in a name field",
    description: "A ward, village or listed-value field holds numbers or dates: probably a column mix-up.",
    tags: ["values"],
  },
  "unknown-value": {
    severity: "warning",
    title: "Value not in the list",
    description: "A value is not one of the field's listed values, so its rows match no filter on it.",
    tags: ["values"],
  },
  "formula-text": {
    severity: "warning",
    title: "Text that looks like a formula",
    description: "Text starting =, +, - or @ that a spreadsheet would run; it is read and written only as text.",
    tags: ["values", "security"],
  },
  // ---- privacy ----
  "personal-data": {
    severity: "warning",
    title: "Personal data",
    description: "A column looks like names, dates of birth, postcodes, phone numbers, e-mail addresses or addresses.",
    tags: ["privacy"],
  },
  // ---- places ----
  "ambiguous-ward": {
    severity: "error",
    title: "Ward of several districts",
    description: "In a county-wide return without a district column, a ward name that several districts have cannot be placed.",
    tags: ["places"],
  },
  "unknown-ward": {
    severity: "error",
    title: "Not a ward of the district",
    description: "A ward name is not one of the district's wards or their aliases.",
    tags: ["places"],
  },
  "unknown-lsoa": {
    severity: "error",
    title: "LSOA not in the lookup",
    description: "An LSOA code is not in the lookup and the row has no known ward.",
    tags: ["places"],
  },
  "unknown-village": {
    severity: "error",
    title: "Village not in the lookup",
    description: "A village is not in the lookup and the row has no known ward.",
    tags: ["places"],
  },
  "no-lookup": {
    severity: "error",
    title: "No lookup for the area",
    description: "A row names an LSOA or village, has no ward, and no lookup was given.",
    tags: ["places"],
  },
  "ward-disagrees": {
    severity: "warning",
    title: "Ward disagrees with the lookup",
    description: "A row's ward differs from the ward the lookup gives its area; the lookup's is used.",
    tags: ["places"],
  },
  "other-district": {
    severity: "warning",
    otherwise: { severity: "info", when: "the dataset covers more than one district (data.police.uk, the Indices of Deprivation)" },
    title: "Rows for another district",
    description: "Rows for areas outside the district are excluded and counted.",
    tags: ["places"],
  },
  "split-lsoa": {
    severity: "error",
    title: "LSOA split between wards",
    description: "An LSOA of another census now lies in more than one ward; its rows are never guessed into one.",
    tags: ["places"],
  },
  "lsoa-vintage": {
    severity: "error",
    title: "LSOA codes of another census",
    description: "The return's LSOA codes are of a census the lookup does not hold, and no chain between them was given.",
    tags: ["places"],
  },
  // ---- district ----
  "no-district": {
    severity: "error",
    title: "No district",
    description: "No district was named and the criteria name none.",
    tags: ["district"],
  },
  "no-wards": {
    severity: "error",
    title: "No wards known",
    description: "Neither the lookups nor the returns name any ward of the district.",
    tags: ["district"],
  },
  "similar-ward-names": {
    severity: "warning",
    title: "Ward names a letter apart",
    description: "With wards taken from the returns, two names differ by a letter or two: probably one ward misspelt.",
    tags: ["district"],
  },
  // ---- coverage ----
  "no-return-for-column": {
    severity: "error",
    title: "No return for a column",
    description: "A column of the criteria has no return of its kind.",
    tags: ["coverage"],
  },
  "missing-months": {
    severity: "warning",
    title: "Months without rows",
    description: "Months of a period have no rows: the return may stop early.",
    tags: ["coverage", "dates"],
  },
  "outside-coverage": {
    severity: "error",
    title: "District outside the dataset's coverage",
    description: "A national dataset does not cover the district's country.",
    tags: ["coverage"],
  },
  "no-data-for-district": {
    severity: "error",
    title: "No rows for the district",
    description: "A column's returns have no rows for the district at all.",
    tags: ["coverage"],
  },
  "no-data-in-period": {
    severity: "error",
    title: "No rows in the period",
    description: "A column's returns have no rows in its period, so every ward would show no flag.",
    tags: ["coverage", "dates"],
  },
  "file-skipped": {
    severity: "info",
    title: "File not read",
    description: "A file found in a folder is not a return's file type, or not a regular file; it is named with why.",
    tags: ["file"],
  },
  "no-rows": {
    severity: "warning",
    title: "No rows",
    description: "A return has its header row and nothing below it.",
    tags: ["rows"],
  },
  "repeated-input": {
    severity: "warning",
    title: "Same return twice",
    description: "A file or sheet holds exactly the same cells as another of the same kind; it is read once.",
    tags: ["file", "duplicates"],
  },
  "filter-matches-nothing": {
    severity: "error",
    title: "Filter matches nothing",
    description: "A column's filter matches no row of its returns in its period, so it would flag no ward.",
    tags: ["coverage"],
  },
  "lookup-vintages": {
    severity: "error",
    title: "Lookups of different vintages",
    description: "Two LSOA-to-ward lookups of different years were given; merged, they would make a ward list of neither.",
    tags: ["places"],
  },
  "wrong-kind-sheet": {
    severity: "error",
    title: "Sheet of another kind",
    description: "A sheet chosen for a column is, by its headers, a return of another kind.",
    tags: ["file"],
  },
  "overlapping-returns": {
    severity: "error",
    otherwise: { severity: "info", when: "the user said the returns are meant to be summed" },
    title: "Returns overlap",
    description: "Two returns feeding one column have rows in the same part of its period, so the same incidents may be counted twice.",
    tags: ["coverage", "duplicates"],
  },
  "period-not-covered": {
    severity: "error",
    title: "Period not covered",
    description:
      "A column's returns miss months of its period: a monthly source lacks a month, or an incident list starts or stops more than a month inside it.",
    tags: ["coverage", "dates"],
  },
  // ---- harm ----
  "unknown-offence": {
    severity: "error",
    title: "Offence not in the Crime Harm Index",
    description: "An offence title or code is not in the CHI table, so it is not weighted.",
    tags: ["harm"],
  },
} as const satisfies Record<string, CatalogueEntry>;

export type FindingCode = keyof typeof FINDING_CATALOGUE;

export const FINDING_CODES = Object.keys(FINDING_CATALOGUE) as FindingCode[];

export function catalogueEntry(code: FindingCode): CatalogueEntry {
  return FINDING_CATALOGUE[code];
}
