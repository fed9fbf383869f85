/* Findings about rows: hidden, totals, notes, blank, repeated, outside the period, without a place. */
import { plural } from "../read/text";
import { entry, Grouped } from "./catalogueEntry";
import { isAre, verbS } from "./catalogueWords";

/** What summing one note over a download's files adds (outside-period, excluded-rows, other-district). */
export type AcrossFiles = {
  /** How many files were summed, when they were. */
  files?: number;
  kindLabel?: string;
  firstFile?: string;
};

/** "12 rows in 36 data.police.uk files (first: 2019-01-…)". */
export function rowsAcrossFiles(count: number, p: AcrossFiles): string {
  return `${plural(count, "row")} in ${p.files} ${p.kindLabel} files (first: ${p.firstFile})`;
}

export const ROW_FINDINGS = {
  "hidden-rows": entry<Grouped>({
    severity: "warning",
    title: "Hidden rows counted",
    description: "Rows hidden in the workbook (filtered out or hidden by hand) are read and counted like every other row.",
    tags: ["rows"],
    message: (p) =>
      `${plural(p.count, "row")} ${isAre(p.count)} hidden in the workbook (filtered out or hidden by hand) and ${isAre(p.count)} read and counted like every other row: ${p.cells}.`,
    fix: () => "If they were hidden to leave them out, delete them from the return; otherwise nothing to do.",
  }),
  "totals-row": entry<{ row: number; text: string }>({
    severity: "warning",
    title: "Totals row",
    description: "A row of totals would double-count, so it is excluded.",
    tags: ["rows"],
    message: (p) => `Row ${p.row} ("${p.text}") looks like a totals row; counting it would double-count, so it is excluded.`,
    fix: () => "Delete totals rows from returns: the matrix adds the rows up itself.",
  }),
  "notes-row": entry<{ row: number; text: string }>({
    severity: "warning",
    title: "Note below the data",
    description: "A line of notes below the records is excluded.",
    tags: ["rows"],
    message: (p) => `Row ${p.row} ("${p.text}") is a note below the data, not a record; it is excluded.`,
    fix: () => "Move notes to a separate sheet so the data ends at its last record.",
  }),
  "blank-rows": entry<{ first: number; last: number }>({
    severity: "warning",
    title: "Blank rows inside the data",
    description: "Blank rows between records.",
    tags: ["rows"],
    message: (p) => `${p.first === p.last ? `Row ${p.first} is` : `Rows ${p.first} to ${p.last} are`} blank inside the data.`,
    fix: () => "Delete blank rows so nobody mistakes what follows for a separate table.",
  }),
  "duplicate-row": entry<{ row: number; key: string; first: number; firstFile?: string }>({
    severity: "error",
    title: "Repeated row",
    description: "A row repeats the key of an earlier one (an LSOA and month, a ward); counting both would double-count.",
    tags: ["rows"],
    message: (p) =>
      `Row ${p.row} repeats ${p.key} already given in row ${p.first}${p.firstFile ? ` of ${p.firstFile}` : ""}; counting both would double-count.`,
    fix: (p) => `Keep one row for each${p.firstFile ? " across the files" : ""}, adding the figures together if both are real.`,
  }),
  "duplicate-reference": entry<Grouped & { firstFile?: string }>({
    severity: "warning",
    title: "Repeated reference",
    description: "Rows share an incident reference; if they are one incident it is counted twice.",
    tags: ["rows"],
    message: (p) =>
      `${plural(p.count, "row")} repeat${verbS(p.count)} a reference already used ${p.firstFile ? `in ${p.firstFile}` : "above"} (${p.cells}); if they are the same incident it is counted twice.`,
    fix: () => "Remove repeated rows, or give each incident its own reference.",
  }),
  "outside-period": entry<AcrossFiles & { count: number; periods: readonly string[]; first: number }>({
    severity: "info",
    title: "Rows outside the period",
    description: "Rows dated outside every period of the criteria are excluded and counted.",
    tags: ["rows", "dates"],
    message: (p) =>
      p.files
        ? `${rowsAcrossFiles(p.count, p)} fall outside the periods of the criteria and are excluded.`
        : `${plural(p.count, "row")} fall${verbS(p.count)} outside the period${p.periods.length > 1 ? "s" : ""} of the criteria (${p.periods.join("; ")}) and ${isAre(p.count)} excluded (first: row ${p.first}).`,
    fix: () => "Nothing to do if the return covers a longer span; otherwise check the dates.",
  }),
  "excluded-rows": entry<AcrossFiles & { count: number; reason: string; field: string; first: number }>({
    severity: "info",
    title: "Rows without a place",
    description: 'Rows a dataset publishes without the field that places them (data.police.uk\'s "No Location") are excluded and counted.',
    tags: ["rows", "places"],
    message: (p) =>
      p.files
        ? `${rowsAcrossFiles(p.count, p)} ${p.reason} and are excluded: without ${p.field} a row cannot be placed in a ward.`
        : `${plural(p.count, "row")} ${p.reason} and ${isAre(p.count)} excluded: without ${p.field} a row cannot be placed in a ward (first: row ${p.first}).`,
    fix: () => "Nothing to do: they are counted here so no row goes unaccounted for.",
  }),
  "no-rows": entry<{ sheet: string; kind: string; headerRow: number }>({
    severity: "warning",
    title: "No rows",
    description: "A return has its header row and nothing below it.",
    tags: ["rows"],
    message: (p) => `${p.sheet} has the header row of a ${p.kind} return (row ${p.headerRow}) but no rows below it.`,
    fix: () => "Check that the data was pasted or exported with the headers; a return with nothing to count says nothing of any ward.",
  }),
};
