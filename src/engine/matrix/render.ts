import { Matrix, NO_DATA } from "./matrix";
import { formatRiskKey } from "../rules/riskKey";
import { inertText } from "../read/text";
import { ImdProfile, IMD_MEASURES } from "../geography/imdProfile";

/**
 * Table 4 as a grid of cells with named styles, independent of where it is drawn: the .xlsx
 * writer, the Excel adapter and the HTML copy all draw this one layout.
 */
export type CellStyle =
  | "marking"
  | "title"
  | "subtitle"
  | "header"
  | "ward"
  | "flag"
  | "noflag"
  | "total"
  | "risk-low"
  | "risk-medium"
  | "risk-high"
  | "risk-unknown"
  | "unknown"
  | "warning"
  | "text"
  | "section"
  | "note"
  | "key-label";

export interface LayoutCell {
  value: string | number | null;
  style?: CellStyle;
}

export interface Table4Layout {
  cells: LayoutCell[][];
  /** Merged ranges, 0-based inclusive: [row1, col1, row2, col2]. */
  merges: [number, number, number, number][];
  columnWidths: number[];
  /** The matrix itself (header row and ward rows), for an Excel table. */
  table: { headerRow: number; firstRow: number; lastRow: number; firstCol: number; lastCol: number };
  /** Column offsets inside the matrix. */
  columns: { flagsFrom: number; total: number; risk: number; concern: number; priority: number };
}

export const PROFESSIONAL_CONCERN = "Professional concern raised";
export const PRIORITY_HEADING = "Priority heading";
export const FLAGS_NOT_KNOWN = "Flags not known";
/** A flag that part of the data could still set: never a blank, which would read as "no flag". */
export const NOT_KNOWN = "not known";

export function riskStyle(matrix: Matrix, label: string): CellStyle {
  const i = matrix.riskKey.findIndex((b) => b.label === label);
  if (i < 0 && label) return "risk-unknown";
  if (i <= 0) return "risk-low";
  if (i === matrix.riskKey.length - 1) return "risk-high";
  return "risk-medium";
}

export interface LayoutOptions {
  marking?: string;
}

export function table4Layout(matrix: Matrix, options: LayoutOptions = {}): Table4Layout {
  const cells: LayoutCell[][] = [];
  const merges: Table4Layout["merges"] = [];
  const unknownColumn = matrix.rows.some((r) => r.incomplete);
  const headers = [
    "Ward",
    ...matrix.columns.map((c) => c.label),
    "Total Flags",
    ...(unknownColumn ? [FLAGS_NOT_KNOWN] : []),
    "Risk",
    PROFESSIONAL_CONCERN,
    PRIORITY_HEADING,
  ];
  const width = headers.length;
  const line = (value: string, style: CellStyle) => {
    cells.push([{ value, style }]);
    merges.push([cells.length - 1, 0, cells.length - 1, width - 1]);
  };
  if (options.marking) line(options.marking, "marking");
  line(`${matrix.title}${matrix.compiled ? ` – Data compiled ${matrix.compiled}` : ""}`, "title");
  line(matrix.district, "subtitle");
  if (matrix.incompleteness) line(matrix.incompleteness, "warning");
  cells.push([]);
  const headerRow = cells.length;
  cells.push(headers.map((h) => ({ value: h, style: "header" as const })));
  const firstRow = cells.length;
  for (const r of matrix.rows) {
    cells.push([
      { value: r.ward, style: "ward" },
      ...matrix.columns.map((c) => flagCell(r.flags[c.id], c)),
      { value: r.total, style: "total" },
      ...(unknownColumn ? [{ value: r.unknown, style: "total" as const }] : []),
      { value: r.risk, style: riskStyle(matrix, r.risk) },
      { value: r.concern ?? null, style: "text" },
      { value: r.priority ?? null, style: "text" },
    ]);
  }
  const lastRow = cells.length - 1;
  cells.push([]);
  cells.push([{ value: "Risk key", style: "section" }]);
  matrix.riskKey.forEach((b) => {
    const text = formatRiskKey([b]);
    cells.push([{ value: text, style: riskStyle(matrix, b.label) }]);
    merges.push([cells.length - 1, 0, cells.length - 1, 1]);
  });
  cells.push([]);
  cells.push([{ value: "Criteria for a risk flag", style: "section" }]);
  cells.push([
    { value: "Data source", style: "header" },
    { value: "Criteria", style: "header" },
  ]);
  merges.push([cells.length - 1, 1, cells.length - 1, width - 1]);
  for (const c of matrix.columns) {
    cells.push([
      { value: c.label, style: "key-label" },
      { value: c.criterion, style: "text" },
    ]);
    merges.push([cells.length - 1, 1, cells.length - 1, width - 1]);
  }
  if (matrix.footnotes.length || matrix.notes.length) cells.push([]);
  for (const f of matrix.footnotes) line(f, "note");
  for (const n of matrix.notes) line(n, "note");
  cells.push([]);
  line(`Data compiled: ${matrix.compiled || "(date not given)"}`, "note");
  line(`"${PROFESSIONAL_CONCERN}" and "${PRIORITY_HEADING}" are filled in by officers; they are not computed.`, "note");
  if (options.marking) line(options.marking, "marking");
  const risk = matrix.columns.length + (unknownColumn ? 3 : 2);
  // The ward column fits the longest ward name ("Caxton & Papworth", "Harston & Comberton"), within reason.
  const wardWidth = Math.min(50, Math.max(26, ...matrix.rows.map((r) => r.ward.length + 2)));
  const columnWidths = headers.map((h, i) =>
    i === 0 ? wardWidth : i > risk ? 30 : i === risk ? 14 : Math.max(9, Math.min(16, h.length + 2)),
  );
  return {
    cells,
    merges,
    columnWidths,
    table: { headerRow, firstRow, lastRow, firstCol: 0, lastCol: width - 1 },
    columns: {
      flagsFrom: 1,
      total: matrix.columns.length + 1,
      risk,
      concern: risk + 1,
      priority: risk + 2,
    },
  };
}

/** A flag the data cannot decide: "no data" for a column without any, "not known" for one built from part of it. */
export function unknownFlagText(column: Matrix["columns"][number]): string {
  return column.noData ? NO_DATA : NOT_KNOWN;
}

function flagCell(flag: boolean | null, column: Matrix["columns"][number]): LayoutCell {
  if (flag === null) return { value: unknownFlagText(column), style: "unknown" };
  return flag ? { value: 1, style: "flag" } : { value: null, style: "noflag" };
}

/** Total Flags in words: the flags known, and how many more could be flags. */
export function totalText(row: Matrix["rows"][number]): number | string {
  return row.incomplete ? `${row.total} (+${row.unknown} not known)` : row.total;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The matrix as an aligned text table: flags as X, risk levels as words (readable without colour). */
export function matrixText(matrix: Matrix): string {
  const headers = ["Ward", ...matrix.columns.map((c) => c.label), "Total", "Risk"];
  const rows = matrix.rows.map((r) => [
    inertText(r.ward),
    ...matrix.columns.map((c) => (r.flags[c.id] === null ? unknownFlagText(c) : r.flags[c.id] ? "X" : "")),
    String(totalText(r)),
    r.risk,
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cols: string[]) =>
    cols
      .map((c, i) => pad(c, widths[i], i === headers.length - 2))
      .join("  ")
      .trimEnd();
  const out = [
    `${matrix.title}${matrix.compiled ? ` – Data compiled ${matrix.compiled}` : ""}`,
    matrix.district,
    ...(matrix.incompleteness ? [matrix.incompleteness] : []),
    "",
    fmt(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(fmt),
    "",
    `Risk key: ${formatRiskKey(matrix.riskKey)}`,
    ...matrix.footnotes,
    ...matrix.notes.map((n) => `Note: ${n}`),
  ];
  const counts = matrix.riskKey.map((b) => `${b.label} ${matrix.rows.filter((r) => r.risk === b.label).length}`).join(", ");
  out.push(`Wards: ${matrix.rows.length} (${counts})`);
  return out.join("\n");
}

/** Why each ward's flags are set or not: per ward, each column's figure and reason, one line each. */
export function reasonsText(matrix: Matrix): string {
  const out = ["Why each flag is set or not"];
  for (const r of matrix.rows) {
    out.push(inertText(r.ward));
    for (const c of matrix.columns) {
      const flag = r.flags[c.id];
      out.push(`  ${flag === null ? "?" : flag ? "X" : "-"} ${c.label}: ${inertText(r.reasons[c.id]?.reason ?? "")}`);
    }
  }
  return out.join("\n");
}

export function imdProfileText(profile: ImdProfile): string {
  const headers = ["Ward", "LSOAs", ...IMD_MEASURES.map((m) => m.short)];
  const rows = profile.rows.map((r) => [
    r.ward,
    String(r.lsoas),
    ...IMD_MEASURES.map((m) => (r.counts[m.id] === null ? "n/a" : String(r.counts[m.id]))),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i === 0 ? pad(c, widths[i]) : pad(c, widths[i], true))).join("  ");
  return [
    `IMD profile by ward: LSOAs in the ${profile.maxDecile * 10}% most deprived nationally (deciles 1-${profile.maxDecile}), ${profile.district}`,
    "",
    fmt(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(fmt),
    "",
    `Domains: ${IMD_MEASURES.filter((m) => m.short !== m.label)
      .map((m) => `${m.short} = ${m.label}`)
      .join("; ")}.`,
  ].join("\n");
}

/** How each style looks, in one place for every renderer (colours are Excel's Good/Neutral/Bad). */
export interface StyleFormat {
  fill?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: "left" | "center" | "right";
  border?: boolean;
  wrap?: boolean;
}

export const STYLE_FORMATS: Record<CellStyle, StyleFormat> = {
  marking: { bold: true, color: "C00000", align: "center" },
  title: { bold: true, size: 13 },
  subtitle: { italic: true },
  header: { bold: true, fill: "1F4E79", color: "FFFFFF", align: "center", border: true, wrap: true },
  ward: { border: true },
  flag: { fill: "F4B183", bold: true, align: "center", border: true },
  noflag: { align: "center", border: true },
  total: { bold: true, align: "center", border: true },
  "risk-low": { fill: "C6EFCE", color: "006100", align: "center", border: true },
  "risk-medium": { fill: "FFEB9C", color: "9C5700", align: "center", border: true },
  "risk-high": { fill: "FFC7CE", color: "9C0006", bold: true, align: "center", border: true },
  // Hatched grey reads as neither a level nor a blank: the level depends on flags not known.
  "risk-unknown": { fill: "D9D9D9", italic: true, align: "center", border: true },
  unknown: { fill: "D9D9D9", italic: true, align: "center", border: true },
  warning: { bold: true, color: "C00000", wrap: true },
  text: { border: true, wrap: true },
  section: { bold: true },
  note: { italic: true, size: 9 },
  "key-label": { bold: true, border: true },
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function cssOf(f: StyleFormat): string {
  const css: string[] = [];
  if (f.fill) css.push(`background:#${f.fill}`);
  if (f.color) css.push(`color:#${f.color}`);
  if (f.bold) css.push("font-weight:bold");
  if (f.italic) css.push("font-style:italic");
  if (f.size) css.push(`font-size:${f.size}pt`);
  if (f.align) css.push(`text-align:${f.align}`);
  if (f.border) css.push("border:1px solid #808080");
  css.push("padding:2px 6px");
  return css.join(";");
}

/**
 * Table 4 as an HTML fragment with inline styles: Word and PowerPoint keep inline shading when
 * it is pasted, and text is escaped so nothing from a return becomes markup.
 */
export function matrixHtml(matrix: Matrix, options: LayoutOptions = {}): string {
  const layout = table4Layout(matrix, options);
  const width = layout.table.lastCol + 1;
  const spans = new Map<string, number>();
  for (const [r1, c1, , c2] of layout.merges) spans.set(`${r1},${c1}`, c2 - c1 + 1);
  const rows = layout.cells.map((row, r) => {
    if (row.length === 0) return `<tr><td colspan="${width}" style="height:8px"></td></tr>`;
    const tds: string[] = [];
    let c = 0;
    for (const cell of row) {
      const span = spans.get(`${r},${c}`) ?? 1;
      const tag = cell.style === "header" ? "th" : "td";
      const value = cell.value === null ? "" : escapeHtml(typeof cell.value === "string" ? inertText(cell.value) : String(cell.value));
      tds.push(`<${tag}${span > 1 ? ` colspan="${span}"` : ""} style="${cssOf(STYLE_FORMATS[cell.style ?? "text"])}">${value}</${tag}>`);
      c += span;
    }
    return `<tr>${tds.join("")}</tr>`;
  });
  return `<table style="border-collapse:collapse;font-family:Calibri,Arial,sans-serif;font-size:10pt">${rows.join("")}</table>`;
}

/** Table 4 as tab-separated text (pastes into any editor or a spreadsheet as plain cells). */
export function matrixPlainText(matrix: Matrix, options: LayoutOptions = {}): string {
  const layout = table4Layout(matrix, options);
  return layout.cells
    .map((row) =>
      row
        .map((c) => (c.value === null ? "" : typeof c.value === "string" ? inertText(c.value.replace(/[\t\r\n]+/g, " ")) : String(c.value)))
        .join("\t"),
    )
    .join("\n");
}
