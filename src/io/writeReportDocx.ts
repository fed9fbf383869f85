/*
 * Table 4 as a Word document for a board paper: the matrix as a real Word table with its shading
 * (kept when the table is pasted again), the risk key shaded as in the workbook, the criteria as a
 * table, the notes and footnotes, and the protective marking in the header and footer. Laid out
 * from the same layout as the workbook's sheet, so the two never say different things.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Matrix } from "../engine/matrix/matrix";
import { STYLE_FORMATS, table4Layout } from "../engine/matrix/render";
import type { CellStyle, LayoutCell } from "../engine/matrix/render";
import type { MapPicture } from "./mapPicture";

export interface DocxOptions {
  marking?: string;
  /** The ward map, placed after Table 4 and its key on a page of its own. */
  map?: MapPicture;
}

const FONT = "Arial";

function run(text: string, style: CellStyle | undefined, size = 18): TextRun {
  const f = style ? STYLE_FORMATS[style] : undefined;
  return new TextRun({ text, font: FONT, size, bold: f?.bold, italics: f?.italic, color: f?.color });
}

/** A table cell shaded as the workbook shades it. */
function cell(c: LayoutCell | undefined, span = 1): TableCell {
  const f = c?.style ? STYLE_FORMATS[c.style] : undefined;
  return new TableCell({
    columnSpan: span,
    shading: f?.fill ? { type: ShadingType.CLEAR, color: "auto", fill: f.fill } : undefined,
    children: [
      new Paragraph({
        alignment: f?.align === "center" ? AlignmentType.CENTER : f?.align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(c?.value === null || c?.value === undefined ? "" : String(c.value), c?.style)],
      }),
    ],
  });
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, font: FONT, bold: true, size: 20 })] });
}

/** The report's paragraphs and tables, in the order the workbook's sheet has them. */
function body(matrix: Matrix, options: DocxOptions): (Paragraph | Table)[] {
  const layout = table4Layout(matrix, { marking: options.marking });
  const { table } = layout;
  const out: (Paragraph | Table)[] = [];
  const width = table.lastCol + 1;
  const matrixRows = layout.cells.slice(table.headerRow, table.lastRow + 1).map(
    (row, i) =>
      new TableRow({
        tableHeader: i === 0,
        children: Array.from({ length: width }, (_, c) => cell(row[c])),
      }),
  );
  let criteria: TableRow[] | undefined;
  layout.cells.forEach((row, r) => {
    if (r === table.headerRow) out.push(new Table({ rows: matrixRows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    if (r >= table.headerRow && r <= table.lastRow) return;
    const [first, second] = row;
    if (!first || first.value === null || first.value === "") {
      if (criteria) out.push(new Table({ rows: criteria, width: { size: 100, type: WidthType.PERCENTAGE } }));
      criteria = undefined;
      return out.push(new Paragraph({ children: [] }));
    }
    // The criteria (label and criterion) are a table of their own, as on the sheet.
    if (second) return (criteria ??= []).push(new TableRow({ children: [cell(first), cell(second)] }));
    if (first.style === "marking") return out.push(markingParagraph(String(first.value)));
    if (first.style === "title")
      return out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(String(first.value), "title", 28)] }));
    if (first.style === "section")
      return out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(String(first.value), "section", 22)] }));
    if (first.style?.startsWith("risk-"))
      return out.push(new Table({ rows: [new TableRow({ children: [cell(first)] })], width: { size: 30, type: WidthType.PERCENTAGE } }));
    out.push(new Paragraph({ children: [run(String(first.value), first.style)] }));
  });
  if (criteria) out.push(new Table({ rows: criteria, width: { size: 100, type: WidthType.PERCENTAGE } }));
  if (options.map) out.push(...mapParagraphs(matrix, options.map));
  return out;
}

/** The most a picture may take on an A4 landscape page inside its margins, in pixels at 96 dpi. */
const PAGE_PICTURE = { width: 900, height: 560 };

/** The ward map on a page of its own, as large as the page allows. */
function mapParagraphs(matrix: Matrix, map: MapPicture): Paragraph[] {
  const scale = Math.min(PAGE_PICTURE.width / map.width, PAGE_PICTURE.height / map.height);
  return [
    new Paragraph({
      pageBreakBefore: true,
      heading: HeadingLevel.HEADING_2,
      children: [run(`Risk by ward: ${matrix.district}`, "section", 22)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: "png",
          data: map.png,
          transformation: { width: Math.round(map.width * scale), height: Math.round(map.height * scale) },
          altText: {
            name: "Ward map",
            title: `Risk by ward, ${matrix.district}`,
            description: `Each ward of ${matrix.district} shaded by its Table 4 risk level.`,
          },
        }),
      ],
    }),
  ];
}

/** The Word document's bytes: A4 landscape, the marking in header and footer when one is given. */
export async function table4Docx(matrix: Matrix, options: DocxOptions = {}): Promise<Uint8Array> {
  const marking = options.marking;
  const doc = new Document({
    creator: "CSP Risk Matrix",
    title: `${matrix.title}: ${matrix.district}`,
    sections: [
      {
        // A4, given upright: the library turns it for landscape.
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 } } },
        headers: marking ? { default: new Header({ children: [markingParagraph(marking)] }) } : undefined,
        footers: marking ? { default: new Footer({ children: [markingParagraph(marking)] }) } : undefined,
        children: body(matrix, options),
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
