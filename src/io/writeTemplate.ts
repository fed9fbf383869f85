import ExcelJS from "exceljs";
import { saveWorkbook } from "./saveWorkbook";
import { Criteria } from "../engine/rules/criteria";
import { formatDayLong, formatMonth, monthOfDay, ymdOf } from "../engine/read/dates";
import { Geography } from "../engine/geography/geography";
import { FieldDef, ReturnKind } from "../engine/returns/returnKinds";
import { printSetup } from "./writeReport";

/**
 * The last row a template's checks reach: 50,000 rows of data, far past a quarter's return.
 * Not Excel's last row: exceljs expands a range's validation cell by cell when it reads one back,
 * and a million-row range makes a filled template slow to read.
 */
export const TEMPLATE_LAST_ROW = 50_001;

/** The columns a template offers: required ones, the first of each either/or group, then the useful optional ones. */
export function templateFields(kind: ReturnKind): FieldDef[] {
  const skip = new Set(["lsoaName", "district"]);
  if (kind.id === "imd") ["income", "employment", "education", "health", "crime", "housing", "living"].forEach((id) => skip.add(id));
  return kind.fields.filter((f) => !skip.has(f.id));
}

/** In a template the Count column is always there, so it is always filled: 1 for one incident. */
function templateDescription(f: FieldDef): string {
  if (f.id === "count") return 'How many incidents the row stands for: 1 for a single incident (never blank, never "<5").';
  // The kinds' descriptions give South Cambridgeshire's places as examples; a template gives its own district's.
  return f.description.replace(/,?\s*e\.g\.[^)]*(?=\))/g, "").replace(/\s*\(\)/g, "");
}

function periodNote(kind: ReturnKind, criteria: Criteria): string {
  const cols = criteria.columns.filter((c) => c.kind.id === kind.id);
  const periods = cols
    .filter((c) => c.period)
    .map((c) => `${formatDayLong(c.period!.from)} to ${formatDayLong(c.period!.to)} (for "${c.label}")`);
  return periods.length ? `Period wanted: ${periods.join("; ")}.` : "Period wanted: the latest published figures.";
}

/** An example from the district and period the template is for, so partners elsewhere never see another district's places. */
function exampleFor(f: FieldDef, kind: ReturnKind, { criteria, geography }: TemplateOptions): string {
  const period = criteria.columns.find((c) => c.kind.id === kind.id && c.period)?.period;
  if (f.type === "date" && period) {
    const { y, m, d } = ymdOf(period.from);
    return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
  }
  if (f.type === "month" && period) return formatMonth(monthOfDay(period.from));
  if (!geography)
    return f.type === "ward" || f.type === "village" || f.type === "lsoa"
      ? `one of your district's ${f.type === "lsoa" ? "LSOA codes" : `${f.type}s`}`
      : f.example;
  if (f.type === "ward") return geography.wards[0]?.name ?? f.example;
  if (f.type === "village") return geography.areasOf("village")[0]?.area ?? "a village of the district";
  if (f.type === "lsoa") return geography.areasOf("lsoa")[0]?.area ?? "an LSOA code of the district";
  return f.example;
}

/** exceljs keeps validations by address, ranges included, though its types only show them cell by cell. */
function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

export interface TemplateOptions {
  criteria: Criteria;
  geography?: Geography;
  /** The protective marking, in the header and footer of the printed return (its first row stays the headers). */
  marking?: string;
  /** Where the add-in is published (ADDIN_HOST): the partner page beside it checks a return before it is sent. */
  checkPage?: string;
}

export function templateWorkbook(kind: ReturnKind, options: TemplateOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const fields = templateFields(kind);
  const ws = wb.addWorksheet(kind.label.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  const lists = wb.addWorksheet("Lists", { state: "hidden" });
  const notes = wb.addWorksheet("Notes");
  ws.addRow(fields.map((f) => f.header)).font = { bold: true };
  fields.forEach((f, i) => (ws.getColumn(i + 1).width = Math.max(14, f.header.length + 4)));

  let listCol = 0;
  const listRange = (title: string, values: readonly string[]): string => {
    listCol++;
    const col = lists.getColumn(listCol);
    col.values = [title, ...values];
    const letter = col.letter;
    return `Lists!$${letter}$2:$${letter}$${values.length + 1}`;
  };
  const wards = options.geography?.wards.map((w) => w.name) ?? [];
  const wardRange = wards.length ? listRange("Wards", wards) : undefined;
  const villages = [...new Set(options.geography?.areasOf("village").map((v) => v.area) ?? [])].sort((a, b) => a.localeCompare(b, "en-GB"));
  const villageRange = villages.length ? listRange("Villages", villages) : undefined;

  fields.forEach((f, i) => {
    let validation: ExcelJS.DataValidation | undefined;
    const prompt = { showInputMessage: true, promptTitle: f.header, prompt: templateDescription(f).slice(0, 250) };
    const error = (text: string) => ({ showErrorMessage: true, errorStyle: "stop" as const, errorTitle: f.header, error: text });
    if (f.type === "date") {
      validation = {
        type: "date",
        operator: "between",
        allowBlank: !f.required,
        formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
        ...prompt,
        ...error("Enter a date, e.g. 14/03/2019."),
      };
    } else if (f.type === "count") {
      validation = {
        type: "whole",
        operator: "greaterThanOrEqual",
        allowBlank: false,
        formulae: [0],
        ...prompt,
        ...error("Enter a whole number of 0 or more (no '<5' or '*')."),
      };
    } else if (f.type === "decile") {
      validation = {
        type: "whole",
        operator: "between",
        allowBlank: !f.required,
        formulae: [1, 10],
        ...prompt,
        ...error("Enter a decile from 1 (most deprived) to 10."),
      };
    } else if (f.values) {
      validation = {
        type: "list",
        allowBlank: !f.required,
        formulae: [
          listRange(
            f.header,
            f.values.map((v) => v.value),
          ),
        ],
        ...prompt,
        ...error(`Choose one of: ${f.values.map((v) => v.value).join(", ")}.`),
      };
    } else if (f.type === "ward" && wardRange) {
      validation = {
        type: "list",
        allowBlank: !f.required,
        formulae: [wardRange],
        ...prompt,
        ...error(`Choose a ward of ${options.geography!.district}.`),
      };
    } else if (f.type === "village" && villageRange) {
      validation = {
        type: "list",
        allowBlank: !f.required,
        formulae: [villageRange],
        ...prompt,
        ...error(`Choose a village of ${options.geography!.district} (from the village lookup).`),
      };
    } else if (f.type === "lsoa") {
      validation = {
        type: "textLength",
        operator: "equal",
        allowBlank: !f.required,
        formulae: [9],
        ...prompt,
        ...error("Enter a 2011 LSOA code: E01 followed by 6 digits."),
      };
    } else {
      validation = undefined;
    }
    const col = ws.getColumn(i + 1);
    if (f.type === "date") col.numFmt = "dd/mm/yyyy";
    if (f.type === "month") col.numFmt = "mmm yyyy";
    if (f.type === "text" || f.type === "ward" || f.type === "lsoa" || f.type === "village") col.numFmt = "@";
    // One range per column: cell by cell, exceljs would write overlapping ranges that Excel repairs.
    if (validation) rangeValidations(ws).add(`${col.letter}2:${col.letter}${TEMPLATE_LAST_ROW}`, validation);
  });

  notes.getColumn(1).width = 30;
  notes.getColumn(2).width = 90;
  const add = (a: string, b = "") => notes.addRow([a, b]);
  add(`${kind.label} return`).font = { bold: true, size: 13 };
  add("From", kind.partner);
  if (options.geography) add("District", options.geography.district);
  add("What it is", kind.description);
  add("Period", periodNote(kind, options.criteria));
  add(
    "One row",
    kind.fields.some((f) => f.id === "count")
      ? "One incident per row with Count 1; or one row per group of incidents with their number in Count."
      : "One row per area and period.",
  );
  if (options.checkPage)
    add(
      "Check it before you send it",
      `Open ${options.checkPage} in any current browser and choose this file: it is checked there (nothing is uploaded) and you can save a copy with any problems marked.`,
    );
  add(
    "Personal data",
    "Do not include names, dates of birth, full postcodes, phone numbers or e-mail addresses: only what the columns below ask for.",
  );
  add("");
  add("Column", "What to enter").font = { bold: true };
  for (const f of fields)
    add(
      `${f.header}${f.required || f.id === "count" ? " (required)" : ""}`,
      `${templateDescription(f)} Example: ${exampleFor(f, kind, options)}`,
    );
  if (kind.oneOf)
    add(
      "",
      `Fill at least one of: ${kind.oneOf.map((g) => g.map((id) => kind.fields.find((f) => f.id === id)!.header).join(" or ")).join("; ")}.`,
    );
  notes.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  for (const sheet of [ws, notes]) printSetup(sheet, { marking: options.marking });
  return wb;
}

export async function writeTemplate(kind: ReturnKind, out: string, options: TemplateOptions): Promise<void> {
  await saveWorkbook(templateWorkbook(kind, options), out);
}
