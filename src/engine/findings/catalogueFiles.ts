/* Findings about files: what kind each is, how a CSV was written, and files left out. */
import { listNames, plural } from "../read/text";
import { entry, Grouped } from "./catalogueEntry";
import { itIs, verbS } from "./catalogueWords";

const SEPARATOR_NAMES: Record<string, string> = {
  ";": "semicolons (Excel in a European locale); decimal commas are read as decimal points",
  "\t": "tabs (Excel's Unicode Text)",
  "|": "pipes",
};

export const FILE_FINDINGS = {
  "unknown-kind": entry<{ kind: string; kinds: readonly string[] }>({
    severity: "error",
    title: "Unknown kind of return",
    description: "The kind named for a file is not one the engine reads.",
    tags: ["file"],
    message: (p) => `"${p.kind}" is not a kind of return.`,
    fix: (p) => `Use one of: ${p.kinds.join(", ")}.`,
  }),
  "ambiguous-kind": entry<{
    sheet: string;
    /** No column says which kind: the candidates fit by date and place columns only. */
    unidentified: boolean;
    candidates: readonly string[];
    /** Kinds the sheet would be but for one column, and that column's header. */
    nearKinds: readonly string[];
    nearHeaders: readonly string[];
    /** The kinds to choose from, by id. */
    choices: readonly string[];
  }>({
    severity: "error",
    title: "Kind of return unclear",
    description: "A sheet's headers fit more than one kind of return, so its kind must be named.",
    tags: ["file"],
    message: (p) =>
      p.unidentified
        ? `${p.sheet} has the columns of a ${listNames(p.candidates, 8, "or")} return, but none that says which: date and place columns are in every kind, so it was not read as any.${p.nearKinds.map((k, i) => ` It may be a ${k} return whose ${p.nearHeaders[i]} column has a header no kind lists.`).join("")}`
        : `The headers of ${p.sheet} fit more than one kind of return: ${listNames(p.candidates)}.`,
    fix: (p) => `Say which kind it is (${listNames(p.choices, 8, "or")}), or map the column that makes it that kind.`,
  }),
  "unrecognised-return": entry<{ file: string; kinds: readonly string[] }>({
    severity: "error",
    title: "Not a return",
    description: "No sheet of the file has the headers of any kind of return.",
    tags: ["file"],
    message: (p) => `No sheet of ${p.file} has the headers of a return (${p.kinds.join(", ")}).`,
    fix: () => "Name its kind and give its columns the headers of that kind, or start from a template.",
  }),
  "sheet-not-read": entry<{ sheet: string; kind: string; missing: readonly string[]; oneOf: readonly string[] }>({
    severity: "warning",
    otherwise: { severity: "error", when: "no other sheet of the file was read" },
    title: "Sheet not read",
    description: "A sheet has some of a return's columns but not all it needs, so it was left out.",
    tags: ["file"],
    message: (p) =>
      `Sheet ${p.sheet} has some columns of a ${p.kind} return but not all it needs (${p.missing.join(", ")}${p.oneOf.length ? `, and one of ${p.oneOf.join("; ")}` : ""}), so it was not read.`,
    fix: (p) => `Name its kind (${p.kind}) to see exactly what is missing, or fix its headers.`,
  }),
  "file-not-used": entry<{ files: readonly string[]; label: string; why: string }>({
    severity: "info",
    title: "File skipped",
    description: "A file that comes with a download but is not a return (data.police.uk outcomes, stop and search).",
    tags: ["file"],
    message: (p) =>
      `${p.files.length === 1 ? `${p.files[0]} is a ${p.label} file` : `${p.files.length} ${p.label} files (such as ${p.files[0]}) were`} skipped: ${p.why}.`,
    fix: () => "Nothing to do.",
  }),
  "text-encoding": entry<{ encoding: string }>({
    severity: "info",
    title: "Read as another encoding",
    description: "A CSV was not UTF-8: it was read as the encoding it is in (Windows-1252, as Excel's CSV on a UK PC writes, or UTF-16).",
    tags: ["file"],
    message: (p) => `Read as ${p.encoding}, not UTF-8.`,
    fix: () => 'Nothing to do. To avoid any doubt over accented letters and curly quotes, save from Excel as "CSV UTF-8".',
  }),
  "csv-separator": entry<{ separator: string }>({
    severity: "info",
    title: "Another separator",
    description: "A CSV's columns are separated by semicolons, tabs or pipes; semicolon files have their decimal commas read.",
    tags: ["file"],
    message: (p) => `Columns are separated by ${SEPARATOR_NAMES[p.separator] ?? `"${p.separator}"`}.`,
    fix: () => "Nothing to do.",
  }),
  "undecodable-text": entry<Grouped & { encoding: string }>({
    severity: "warning",
    title: "Characters that could not be read",
    description: "Bytes of a CSV do not form characters in its encoding; they are shown as \uFFFD and the text around them may be wrong.",
    tags: ["file", "values"],
    message: (p) =>
      `${plural(p.count, "value")} hold${verbS(p.count)} bytes that are not text in ${p.encoding} (shown as \uFFFD): ${p.cells}.`,
    fix: () => 'Save the file again from Excel as "CSV UTF-8" and send that.',
  }),
  "unclosed-quote": entry<{ row: number }>({
    severity: "error",
    title: "Quote left open",
    description:
      "A quoted value never closes (or closes rows later in the wrong place). The row is read on its own with the quote as text, rejected, and every row after it is kept.",
    tags: ["file", "rows"],
    message: (p) =>
      `Row ${p.row} has a quote (") that is never closed. The row was read on its own and rejected; the rows after it were kept.`,
    fix: () => 'Remove the stray quote, or close it ("like this"), and send the return again.',
  }),
  "field-count": entry<Grouped & { which: "more" | "fewer"; headerRow: number }>({
    severity: "error",
    title: "Row with more or fewer fields than the header",
    description: "A CSV row has more or fewer separators than its header, so its values may sit under the wrong columns; it is rejected.",
    tags: ["file", "rows"],
    message: (p) =>
      `${plural(p.count, "row")} ha${p.count === 1 ? "s" : "ve"} ${p.which} fields than the header (row ${p.headerRow}), so ${p.count === 1 ? "its" : "their"} values may sit under the wrong columns; ${itIs(p.count)} rejected: ${p.cells}.`,
    fix: (p) =>
      p.which === "more"
        ? 'A value holding the separator must be quoted ("Smith, John"); fix the rows or save the sheet from Excel again.'
        : "Fill the missing fields (a blank field still needs its separator), or save the sheet from Excel again.",
  }),
  "line-break-in-cell": entry<Grouped>({
    severity: "warning",
    title: "Line break inside a quoted value",
    description:
      "A quoted CSV value holds a line break: fine in a note, but a quote left open also looks like this, merging the rows it spans.",
    tags: ["file", "rows"],
    message: (p) =>
      `${plural(p.count, "value")} hold${verbS(p.count)} a line break inside quotes: ${p.cells}. If a quote was left open by mistake, the rows it spans were merged into one.`,
    fix: () => "Check these rows against the partner's sheet; remove line breaks from values that should be on one line.",
  }),
  "file-skipped": entry<{ file: string; why: string }>({
    severity: "info",
    title: "File not read",
    description: "A file found in a folder is not a return's file type, or not a regular file; it is named with why.",
    tags: ["file"],
    message: (p) => `${p.file} was not read: ${p.why}.`,
    fix: () => "Nothing to do if it is not a return.",
  }),
  "repeated-input": entry<{ sheet: string; same: string }>({
    severity: "warning",
    title: "Same return twice",
    description: "A file or sheet holds exactly the same cells as another of the same kind; it is read once.",
    tags: ["file", "duplicates"],
    message: (p) => `${p.sheet} holds exactly the same cells as ${p.same}, so it was read once: summed, every row would count twice.`,
    fix: () => "Nothing to do if it is a copy. If the two were meant to differ, check which is the right one.",
  }),
  "wrong-kind-sheet": entry<{ sheet: string; column: string; kind: string; columnKind: string }>({
    severity: "error",
    title: "Sheet of another kind",
    description: "A sheet chosen for a column is, by its headers, a return of another kind.",
    tags: ["file"],
    message: (p) =>
      `${p.sheet}, chosen for the "${p.column}" column, is a ${p.kind} return by its headers, not a ${p.columnKind} return, so it was not read for that column.`,
    fix: (p) => `Choose the sheet that holds the ${p.columnKind} return for "${p.column}".`,
  }),
};
