/*
 * Workbooks written part by part, as Excel and other programs write them (not as exceljs does),
 * for the reader's tests and the fuzz tier.
 */
import { strToU8, zipSync, Zippable } from "fflate";

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface Book {
  sheets: { name: string; xml: string; state?: string }[];
  strings?: string[];
  styles?: string;
  date1904?: boolean;
  /** Parts in this order in the zip; Excel puts the shared strings and styles after the sheets. */
  stringsFirst?: boolean;
  extra?: Zippable;
  /** Parts stored, not deflated: read in slices, so long elements arrive across chunks. */
  stored?: boolean;
}

export function workbook(book: Book): Uint8Array {
  const sheets = book.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
    .join("");
  const rels = book.sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("");
  const parts: Zippable = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "_rels/.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${NS}><workbookPr${book.date1904 ? ' date1904="1"' : ""}/><sheets>${sheets}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
  };
  const strings = `<sst ${NS} count="${book.strings?.length ?? 0}">${(book.strings ?? []).join("")}</sst>`;
  if (book.stringsFirst) parts["xl/sharedStrings.xml"] = strToU8(strings);
  book.sheets.forEach(
    (s, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet ${NS}>${s.xml}</worksheet>`)),
  );
  if (!book.stringsFirst) parts["xl/sharedStrings.xml"] = strToU8(strings);
  parts["xl/styles.xml"] = strToU8(`<styleSheet ${NS}>${book.styles ?? ""}</styleSheet>`);
  return zipSync({ ...parts, ...book.extra }, { level: book.stored ? 0 : 6 });
}
