/*
 * Native Excel charts in a workbook exceljs has written: exceljs writes no charts, so the chart
 * parts (DrawingML charts, a drawing anchoring them on the sheet, their relationships and content
 * types) are added to its zip here. Each chart refers to the cells its table was written to, so it
 * is live: officers restyle it in Excel, and it follows any figure they change. Elements are
 * written in the order ECMA-376's schema requires, which Excel enforces when it opens the file.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { ChartTable } from "../engine/matrix/charts";

/** Where a chart's table was written: 1-based rows and columns of its header and last row. */
export interface TablePlace {
  headerRow: number;
  lastRow: number;
  firstCol: number;
}

export interface PlacedChart {
  table: ChartTable;
  place: TablePlace;
  /** Where the chart is drawn: 0-based cell corners, as a drawing anchors it. */
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
}

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  rel: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

function columnName(col: number): string {
  let name = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** An absolute reference to a column's cells on a sheet, quoted as Excel quotes sheet names. */
function reference(sheet: string, col: number, fromRow: number, toRow: number): string {
  const c = columnName(col);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${fromRow}${toRow === fromRow ? "" : `:$${c}$${toRow}`}`;
}

const richText = (text: string, size = 1200, bold = true) =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-GB" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;

const title = (text: string, size?: number) => `<c:title>${richText(text, size)}<c:overlay val="0"/></c:title>`;

function stringCache(values: readonly (string | number | null)[]): string {
  const points = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${escapeXml(String(v))}</c:v></c:pt>`)).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache>`;
}

function numberCache(values: readonly (string | number | null)[]): string {
  const points = values.map((v, i) => (typeof v === "number" ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache>`;
}

/** One series: its name from the header cell, categories from the first column, values from its own. */
function series(sheet: string, chart: PlacedChart, s: number, i: number): string {
  const { table, place } = chart;
  const col = place.firstCol + s;
  const first = place.headerRow + 1;
  const colour = table.colours[i];
  const look =
    table.kind === "line"
      ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr></c:marker>`
      : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
  return [
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>`,
    `<c:tx><c:strRef><c:f>${escapeXml(reference(sheet, col, place.headerRow, place.headerRow))}</c:f>${stringCache([table.header[s]])}</c:strRef></c:tx>`,
    look,
    `<c:cat><c:strRef><c:f>${escapeXml(reference(sheet, place.firstCol, first, place.lastRow))}</c:f>${stringCache(table.rows.map((r) => r[0]))}</c:strRef></c:cat>`,
    `<c:val><c:numRef><c:f>${escapeXml(reference(sheet, col, first, place.lastRow))}</c:f>${numberCache(table.rows.map((r) => r[s]))}</c:numRef></c:val>`,
    table.kind === "line" ? `<c:smooth val="0"/>` : "",
    `</c:ser>`,
  ].join("");
}

const CATEGORY_AXIS = 500100;
const VALUE_AXIS = 500200;

function axes(table: ChartTable): string {
  const category = [
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>`,
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`,
    // Ward names are long: set at an angle so each can be read.
    `<c:txPr><a:bodyPr rot="-2700000" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`,
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>`,
  ].join("");
  const value = [
    `<c:valAx><c:axId val="${VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>`,
    `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`,
    `<c:title>${richText(table.valueAxis, 900, false)}<c:overlay val="0"/></c:title>`,
    `<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`,
    `<c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>`,
    table.kind === "stacked-column" ? `<c:majorUnit val="1"/>` : "",
    `</c:valAx>`,
  ].join("");
  return category + value;
}

/** A chart part: a stacked column chart or a line chart of its table's cells. */
export function chartXml(sheet: string, chart: PlacedChart): string {
  const { table } = chart;
  const all = table.series.map((s, i) => series(sheet, chart, s, i)).join("");
  const plot =
    table.kind === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${all}<c:marker val="1"/><c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/></c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>${all}<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/></c:barChart>`;
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">`,
    `<c:lang val="en-GB"/><c:roundedCorners val="0"/>`,
    `<c:chart>${title(table.title, 1300)}<c:autoTitleDeleted val="0"/>`,
    `<c:plotArea><c:layout/>${plot}${axes(table)}</c:plotArea>`,
    table.series.length > 1 ? `<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>` : "",
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`,
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000"><a:latin typeface="Calibri"/></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`,
    `</c:chartSpace>`,
  ].join("");
}

/** The drawing part anchoring each chart between two cells of the sheet. */
export function drawingXml(charts: readonly PlacedChart[]): string {
  const frames = charts.map((chart, i) => {
    const { fromCol, fromRow, toCol, toRow } = chart.anchor;
    return [
      `<xdr:twoCellAnchor editAs="oneCell">`,
      `<xdr:from><xdr:col>${fromCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`,
      `<xdr:to><xdr:col>${toCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`,
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(`Chart ${i + 1}`)}" descr="${escapeXml(chart.table.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`,
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>`,
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart r:id="rId${i + 1}"/></a:graphicData></a:graphic>`,
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    ].join("");
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:c="${NS.c}" xmlns:r="${NS.r}">${frames.join("")}</xdr:wsDr>`;
}

const relationships = (rels: readonly { id: string; type: string; target: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS.rel}">${rels
    .map((r) => `<Relationship Id="${r.id}" Type="${NS.r}/${r.type}" Target="${r.target}"/>`)
    .join("")}</Relationships>`;

/** The part holding a sheet, by the sheet's name, from the workbook and its relationships. */
function sheetPart(parts: Record<string, Uint8Array>, sheet: string): string {
  const workbook = strFromU8(parts["xl/workbook.xml"]);
  const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"]);
  const unescape = (s: string) =>
    s
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const entry = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((e) => unescape(/name="([^"]*)"/.exec(e)?.[1] ?? "") === sheet);
  const id = entry && /r:id="([^"]+)"/.exec(entry)?.[1];
  const target = id && new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*>`).exec(rels)?.[0].match(/Target="([^"]+)"/)?.[1];
  if (!target) throw new Error(`the workbook has no sheet named ${sheet}`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** Numbers parts as `prefix` N `suffix`, each the first the zip does not hold yet. */
function numberer(parts: Record<string, Uint8Array>): (prefix: string, suffix: string) => number {
  const used = new Set(Object.keys(parts));
  return (prefix, suffix) => {
    let n = 1;
    while (used.has(`${prefix}${n}${suffix}`)) n++;
    used.add(`${prefix}${n}${suffix}`);
    return n;
  };
}

/** Where `<drawing>` goes in a worksheet: before the elements the schema puts after it. */
function withDrawing(sheetXml: string, rid: string): string {
  const element = `<drawing r:id="${rid}"/>`;
  const after = /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(sheetXml);
  const at = after ? after.index : sheetXml.lastIndexOf("</worksheet>");
  const xml = sheetXml.slice(0, at) + element + sheetXml.slice(at);
  const root = /<worksheet\b[^>]*>/.exec(xml)![0];
  return root.includes("xmlns:r=") ? xml : xml.replace("<worksheet ", `<worksheet xmlns:r="${NS.r}" `);
}

/** Charts to draw on one sheet of the workbook. */
export interface SheetCharts {
  sheet: string;
  charts: readonly PlacedChart[];
}

/** The workbook's bytes with each sheet's charts drawn on it; a sheet must have no drawing yet. */
export function addCharts(xlsx: Uint8Array, sheets: readonly SheetCharts[]): Uint8Array {
  const wanted = sheets.filter((s) => s.charts.length);
  if (!wanted.length) return xlsx;
  const parts = unzipSync(xlsx);
  const out: Zippable = { ...parts };
  const next = numberer(parts);
  const overrides: string[] = [];
  for (const { sheet, charts } of wanted) {
    const sheetPath = sheetPart(parts, sheet);
    const sheetXml = strFromU8(parts[sheetPath]);
    if (/<drawing\b/.test(sheetXml)) throw new Error(`the sheet ${sheet} has a drawing already`);
    const drawingNo = next("xl/drawings/drawing", ".xml");
    const chartNos = charts.map((chart) => {
      const n = next("xl/charts/chart", ".xml");
      out[`xl/charts/chart${n}.xml`] = strToU8(chartXml(sheet, chart));
      return n;
    });
    out[`xl/drawings/drawing${drawingNo}.xml`] = strToU8(drawingXml(charts));
    out[`xl/drawings/_rels/drawing${drawingNo}.xml.rels`] = strToU8(
      relationships(chartNos.map((n, i) => ({ id: `rId${i + 1}`, type: "chart", target: `../charts/chart${n}.xml` }))),
    );
    const [folder, file] = [sheetPath.slice(0, sheetPath.lastIndexOf("/")), sheetPath.slice(sheetPath.lastIndexOf("/") + 1)];
    const relsPath = `${folder}/_rels/${file}.rels`;
    const existing = parts[relsPath] ? strFromU8(parts[relsPath]) : relationships([]);
    const taken = new Set([...existing.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
    let rid = "rIdCharts";
    for (let i = 2; taken.has(rid); i++) rid = `rIdCharts${i}`;
    out[relsPath] = strToU8(
      existing.replace(
        "</Relationships>",
        `<Relationship Id="${rid}" Type="${NS.r}/drawing" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`,
      ),
    );
    out[sheetPath] = strToU8(withDrawing(sheetXml, rid));
    overrides.push(
      `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="${DRAWING_TYPE}"/>`,
      ...chartNos.map((n) => `<Override PartName="/xl/charts/chart${n}.xml" ContentType="${CHART_TYPE}"/>`),
    );
  }
  const types = strFromU8(parts["[Content_Types].xml"]);
  out["[Content_Types].xml"] = strToU8(types.replace("</Types>", `${overrides.join("")}</Types>`));
  return zipSync(out, { level: 6 });
}
