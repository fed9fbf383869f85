/* Findings about values: blank, unreadable or suspicious cells, and personal data. */
import { listNames, plural } from "../read/text";
import { entry, Grouped } from "./catalogueEntry";
import { verbS } from "./catalogueWords";

/** A date or month read but years away from any return's. */
type Implausible = {
  form: "implausible";
  header: string;
  row: number;
  value: string;
  from: number;
  to: number;
};

const implausible = (p: Implausible) =>
  `${p.header} in row ${p.row} is ${p.value}, outside any plausible date of a return (${p.from} to ${p.to}).`;
const IMPLAUSIBLE_FIX = "Correct the date: it is probably a typo in the year, or a number that is not a date.";

export const VALUE_FINDINGS = {
  "missing-value": entry<
    | { form: "required"; header: string; description: string; row: number }
    | { form: "count"; header: string; row: number }
    | { form: "offence"; row: number }
  >({
    severity: "error",
    title: "Blank required value",
    description: "A required value (or a count) is blank.",
    tags: ["values"],
    message: (p) =>
      p.form === "required"
        ? `${p.header} is blank in row ${p.row}.`
        : p.form === "count"
          ? `${p.header} is blank in row ${p.row}, so the row's number of incidents is unknown.`
          : `Row ${p.row} has no offence.`,
    fix: (p) =>
      p.form === "required"
        ? `Fill in the ${p.header} (${p.description.toLowerCase()}) or delete the row.`
        : p.form === "count"
          ? "Enter the count (0 if there were none) or delete the row."
          : "Fill in the offence or delete the row.",
  }),
  "missing-area": entry<{ fields: string; row: number }>({
    severity: "error",
    title: "Row without an area",
    description: "A row has none of the fields that place it in a ward.",
    tags: ["values", "places"],
    message: (p) => `Row ${p.row} has no ${p.fields}, so it cannot be placed in a ward.`,
    fix: (p) => `Fill in the ${p.fields}.`,
  }),
  "spreadsheet-error": entry<{ header: string; error: string; row: number }>({
    severity: "error",
    title: "Spreadsheet error value",
    description: "A cell holds #N/A, #REF! or another error value.",
    tags: ["values"],
    message: (p) => `${p.header} holds the spreadsheet error ${p.error} in row ${p.row}.`,
    fix: () => "Fix the formula that produced it, or paste the sheet as values and correct the cell.",
  }),
  "bad-date": entry<{ form: "unreadable"; header: string; row: number; reason: string } | Implausible>({
    severity: "error",
    title: "Not a date",
    description: "A date cell cannot be read as a real date.",
    tags: ["values", "dates"],
    message: (p) => (p.form === "unreadable" ? `${p.header} in row ${p.row} ${p.reason}.` : implausible(p)),
    fix: (p) => (p.form === "unreadable" ? "Enter a date as dd/mm/yyyy or as an Excel date." : IMPLAUSIBLE_FIX),
  }),
  "bad-month": entry<{ form: "unreadable"; header: string; row: number; reason: string } | Implausible>({
    severity: "error",
    title: "Not a month",
    description: "A month cell cannot be read as a month.",
    tags: ["values", "dates"],
    message: (p) => (p.form === "unreadable" ? `${p.header} in row ${p.row} ${p.reason}.` : implausible(p)),
    fix: (p) => (p.form === "unreadable" ? 'Enter the month as "Apr 2019", "2019-04" or a date in that month.' : IMPLAUSIBLE_FIX),
  }),
  "us-date-format": entry<{ header: string; monthFirst: number }>({
    severity: "warning",
    title: "Month-first dates",
    description: "A date column can only be read month-first (American), so all of it is.",
    tags: ["values", "dates"],
    message: (p) =>
      `The ${p.header} column is written month-first (American, e.g. 11/25/2018): ${plural(p.monthFirst, "date")} can only be read that way, so every date in it is read as mm/dd/yyyy.`,
    fix: () => "Check a few dates; UK returns should use dd/mm/yyyy or real Excel dates.",
  }),
  "mixed-date-format": entry<{ header: string; dayFirst: number; monthFirst: number }>({
    severity: "error",
    title: "Day-first and month-first dates mixed",
    description: "A date column mixes day-first and month-first dates, so none can be read safely.",
    tags: ["values", "dates"],
    message: (p) =>
      `The ${p.header} column mixes day-first dates (${p.dayFirst}) with month-first dates (${p.monthFirst}), so dates such as 03/04/2019 cannot be read safely.`,
    fix: () => "Write every date the same way, preferably dd/mm/yyyy or as real Excel dates.",
  }),
  "bad-count": entry<
    { form: "field"; header: string; row: number; reason: string } | { form: "harm"; row: number; offence: string; value: string }
  >({
    severity: "error",
    title: "Not a count",
    description: "A count is not a whole number of 0 or more.",
    tags: ["values"],
    message: (p) =>
      p.form === "field"
        ? `${p.header} in row ${p.row}: ${p.reason}; a count must be a whole number of 0 or more.`
        : `Row ${p.row} ("${p.offence}") has the count "${p.value}".`,
    fix: (p) =>
      p.form === "field" ? "Correct the count, or delete the row if it is not a record." : "Enter a number of offences of 0 or more.",
  }),
  "suppressed-value": entry<Grouped & { header: string }>({
    severity: "warning",
    title: "Suppressed value",
    description: 'Values such as "<5" or "*" cannot be counted; their rows are left out.',
    tags: ["values"],
    message: (p) =>
      `${plural(p.count, "suppressed value")} in ${p.header} (such as "<5" or "*"): ${p.cells}. Their rows are kept but their counts are not known: a total that includes one is a range, an average leaves its month out, and a flag that depends on one reads "not known".`,
    fix: () =>
      "Ask the partner for the unsuppressed figures: returns for this work are shared under the information sharing agreement and are not published as they are.",
  }),
  "bad-decile": entry<{ header: string; row: number; value: string }>({
    severity: "error",
    title: "Not a decile",
    description: "A decile is not a whole number from 1 to 10.",
    tags: ["values"],
    message: (p) => `${p.header} in row ${p.row} is "${p.value}"; a decile is a whole number from 1 to 10.`,
    fix: () => "Copy the decile from the published Indices of Deprivation file.",
  }),
  "bad-lsoa": entry<{ header: string; row: number; value: string }>({
    severity: "error",
    title: "Not an LSOA code",
    description: "An LSOA cell is not a code of E01 or W01 and six digits.",
    tags: ["values", "places"],
    message: (p) => `${p.header} in row ${p.row} is "${p.value}", which is not an LSOA code (E01 followed by 6 digits).`,
    fix: () => "Use the 2011 LSOA code, e.g. E01018226, not the LSOA name.",
  }),
  "number-in-text": entry<Grouped & { header: string; description: string }>({
    severity: "warning",
    title: "Number in a name field",
    description: "A ward, village or listed-value field holds numbers or dates: probably a column mix-up.",
    tags: ["values"],
    message: (p) =>
      `${p.header} should be text but holds ${p.count === 1 ? "a number or date" : plural(p.count, "number or date", "numbers or dates")}: ${p.cells}.`,
    fix: (p) => `Check the column is really ${p.header}; enter ${p.description.toLowerCase()}`,
  }),
  "unknown-value": entry<Grouped & { header: string; value: string; allowed: readonly string[] }>({
    severity: "warning",
    title: "Value not in the list",
    description: "A value is not one of the field's listed values, so its rows match no filter on it.",
    tags: ["values"],
    message: (p) =>
      `${p.header} "${p.value}" is not one of ${listNames(p.allowed)} (${plural(p.count, "row")}: ${p.cells}); those rows match no filter on ${p.header}.`,
    fix: (p) => `Use ${listNames(p.allowed)}.`,
  }),
  "formula-text": entry<Grouped>({
    severity: "warning",
    title: "Text that looks like a formula",
    description: "Text starting =, +, - or @ that a spreadsheet would run; it is read and written only as text.",
    tags: ["values", "security"],
    message: (p) =>
      `${plural(p.count, "cell")} hold${verbS(p.count)} text that a spreadsheet would run as a formula (starting =, +, -, @): ${p.cells}. It is read and written only as text.`,
    fix: () => "Check where the text came from; remove the leading character if it is not meant to be there.",
  }),
  "personal-data": entry<{ header: string; holds: string }>({
    severity: "warning",
    title: "Personal data",
    description: "A column looks like names, dates of birth, postcodes, phone numbers, e-mail addresses or addresses.",
    tags: ["privacy"],
    message: (p) =>
      `The column "${p.header}" looks like it holds ${p.holds}. The information sharing agreement allows aggregated or incident-level data without personal details for this work.`,
    fix: () => "Delete the column before sending or sharing the return; the matrix does not need it.",
  }),
};
