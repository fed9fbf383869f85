/* Findings about a sheet's structure: its header row, its columns, merged and hidden parts. */
import { listNames, plural } from "../read/text";
import { entry } from "./catalogueEntry";
import { quoted } from "./catalogueWords";

export const STRUCTURE_FINDINGS = {
  "no-header-row": entry<{ kind: string; searched: number; required: readonly string[] }>({
    severity: "error",
    title: "No header row",
    description: "No row in the first 30 names the columns of the return.",
    tags: ["structure"],
    message: (p) => `No header row naming the columns of a ${p.kind} return was found in the first ${p.searched} rows.`,
    fix: (p) => `Put one header row above the data, with columns such as ${quoted(p.required).join(", ")}.`,
  }),
  "missing-column": entry<
    | { form: "field"; kind: string; field: string; header: string; description: string; headerRow: number; accepted: string }
    | { form: "one-of"; kind: string; headers: readonly string[]; headerRow: number; accepted: readonly string[] }
    | { form: "harm"; file: string }
  >({
    severity: "error",
    title: "Missing column",
    description: "A column the return needs (or every one of a group of alternatives) is absent.",
    tags: ["structure"],
    message: (p) =>
      p.form === "field"
        ? `The ${p.kind} return has no ${p.header} column (${p.description}) in its header row (row ${p.headerRow}).`
        : p.form === "one-of"
          ? `The ${p.kind} return needs one of ${listNames(quoted(p.headers))} to place each row in a ward; row ${p.headerRow} has none.`
          : `${p.file} needs an Offence column and a Count column (optionally Period).`,
    fix: (p) =>
      p.form === "field"
        ? `Add a column headed "${p.header}". Headers accepted for it: ${p.accepted}.`
        : p.form === "one-of"
          ? `Add a ${p.headers.join(" or ")} column (accepted headers: ${p.accepted.join("; ")}).`
          : "Add headers Offence, Count and Period in the first row.",
  }),
  "bad-map": entry<
    | { form: "no-field"; mapping: string; field: string; kind: string; fields: readonly string[] }
    | { form: "no-header"; mapping: string; headerRow: number; headers: readonly string[] }
  >({
    severity: "error",
    title: "Column mapping does not fit",
    description: "A header mapping names a field the kind lacks, or a header the sheet lacks.",
    tags: ["structure"],
    message: (p) =>
      p.form === "no-field"
        ? `The header mapping ${p.mapping} names the field "${p.field}", which a ${p.kind} return does not have.`
        : `The header mapping ${p.mapping} names no column of row ${p.headerRow}.`,
    fix: (p) =>
      p.form === "no-field"
        ? `Use one of: ${p.fields.join(", ")}.`
        : `Check the header's spelling; the headers are: ${p.headers.join(", ")}.`,
  }),
  "duplicate-column": entry<{ header: string; first: string; second: string }>({
    severity: "error",
    title: "Column given twice",
    description: "Two columns carry the same field; only the first is read.",
    tags: ["structure"],
    message: (p) => `The header "${p.header}" appears twice (columns ${p.first} and ${p.second}); only the first is read.`,
    fix: () => "Delete or rename the second column so each field appears once.",
  }),
  "blank-header": entry<{ column: string }>({
    severity: "warning",
    title: "Column without header",
    description: "A column holds data but has no header, so it is not read.",
    tags: ["structure"],
    message: (p) => `Column ${p.column} has data but no header, so it is not read.`,
    fix: () => "Give the column a header, or delete it if it is not needed.",
  }),
  "unknown-column": entry<{ header: string; kind: string; fields: readonly string[] }>({
    severity: "warning",
    title: "Column not part of the return",
    description: "A column is not a field of the kind of return and is ignored.",
    tags: ["structure"],
    message: (p) => `The column "${p.header}" is not part of a ${p.kind} return and is ignored.`,
    fix: (p) => `Remove it before sending if it is not needed; the fields of a ${p.kind} return are: ${p.fields.join(", ")}.`,
  }),
  "hidden-sheet": entry<{ sheet: string; kind: string }>({
    severity: "warning",
    title: "Hidden sheet read",
    description: "The sheet read as the return is hidden in its workbook, where it is easily overlooked or out of date.",
    tags: ["structure"],
    message: (p) => `The sheet "${p.sheet}" is hidden in its workbook; it was read as the ${p.kind} return.`,
    fix: () => "Check that it is the sheet meant to be sent: a hidden sheet is easily overlooked or out of date.",
  }),
  "merged-header": entry<{ range: string }>({
    severity: "error",
    title: "Merged header cells",
    description: "Header cells are merged, so columns under them have no header of their own.",
    tags: ["structure"],
    message: (p) => `Header cells ${p.range} are merged, so the columns under them have no header of their own.`,
    fix: () => "Unmerge the cells and give each column its own header.",
  }),
  "header-not-first-row": entry<{ headerRow: number; above: number }>({
    severity: "info",
    title: "Title rows above the headers",
    description: "The headers are below title rows, which were skipped.",
    tags: ["structure"],
    message: (p) =>
      `The headers are in row ${p.headerRow}; ${plural(p.above, "title row")} above them ${p.above === 1 ? "was" : "were"} skipped.`,
    fix: () => "Nothing to do. For the cleanest return, put the headers in row 1 and titles on a notes sheet.",
  }),
  "two-header-rows": entry<{ row: number; headerRow: number; headings: readonly string[] }>({
    severity: "error",
    title: "Second header row",
    description: "The row under the header repeats or continues it (units, a second line of headers).",
    tags: ["structure"],
    message: (p) => `Row ${p.row} repeats or continues the header row ${p.headerRow} (${p.headings.join(", ")}), so it is not data.`,
    fix: () => "Combine the two header rows into one row with one header per column.",
  }),
};
