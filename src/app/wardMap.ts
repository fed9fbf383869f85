/*
 * Table 4 as a ward map: each ward of the district filled by its risk level (the risk key's own
 * colours), from the ward boundaries the ONS Open Geography Portal publishes as GeoJSON. Wards are
 * matched by their code (WDyyCD, any year); a ward with no shape, or matched only by its name (a
 * boundary file of another vintage), is said so on the map and in the notes. Wards of other
 * districts in the file are not drawn.
 *
 * Drawn as planar paths with the even-odd rule, so holes and either ring winding draw the same;
 * for a district the local equirectangular projection is exact enough to read.
 */
import type { Matrix, MatrixColumn, MatrixRow } from "../engine/matrix/matrix";
import { riskStyle, STYLE_FORMATS } from "../engine/matrix/render";
import { formatRiskKey } from "../engine/rules/riskKey";
import { failed, type Outcome } from "../engine/findings/outcome";
import { normaliseName } from "../engine/read/text";

type Ring = number[][];
type Polygon = Ring[];

interface Shape {
  code?: string;
  name?: string;
  polygons: Polygon[];
  /** Rings of the feature whose coordinates could not be read, left out of the drawing. */
  dropped: number;
}

export interface WardMap {
  svg: string;
  /** Wards drawn, by code or name. */
  drawn: number;
  /** Wards of the district with no shape in the file. */
  missing: string[];
  /** Wards found only by name: the file is of another vintage than the lookup. */
  byName: string[];
  /** Wards matched by name that several wards in the file share (in other districts): not drawn, as any could be wrong. */
  ambiguous: string[];
  /** Wards drawn without the parts of their shapes whose coordinates could not be read. */
  damaged: string[];
}

export interface WardMapOptions {
  /** The boundary file's name (never its folders), for the source line. */
  source: string;
  marking?: string;
  /** Shade by one column's flag or figure (its label) rather than by risk. */
  column?: { label: string; by: "flag" | "figure" };
}

const WIDTH = 800;
const MAP_HEIGHT = 640;
const MARGIN = 20;
const TOP = 70;

/** Text broken into lines of at most `width` characters, at spaces. */
function wrapped(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** Lines of text from `y` down, each `step` apart; gives the elements and the y below them. */
function textLines(lines: readonly string[], y: number, step: number, cls: string): { svg: string[]; y: number } {
  return {
    svg: lines.map((t, i) => `<text x="${MARGIN}" y="${y + i * step}" class="${cls}">${escapeXml(t)}</text>`),
    y: y + lines.length * step,
  };
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const isPoint = (p: unknown): p is number[] => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
/** A ring the map can draw: three points or more, each of two finite numbers. */
const isRing = (r: unknown): r is Ring => Array.isArray(r) && r.length >= 3 && r.every(isPoint);

/**
 * A feature's polygons that can be drawn (a polygon whose outer ring can be, with its holes that
 * can be), and how many rings could not be and were left out.
 */
function polygonsOf(geometry: unknown): { polygons: Polygon[]; dropped: number } | undefined {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || !Array.isArray(g.coordinates)) return undefined;
  const given = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? (g.coordinates as unknown[]) : undefined;
  if (!given) return undefined;
  const rings = given.flatMap((p): unknown[] => (Array.isArray(p) ? (p as unknown[]) : [p]));
  const polygons = given.filter((p): p is unknown[] => Array.isArray(p) && isRing(p[0])).map((p) => p.filter(isRing));
  return { polygons, dropped: rings.length - polygons.reduce((n, p) => n + p.length, 0) };
}

/** The ward code and name of a feature: WDyyCD and WDyyNM, whatever the year. */
function wardOf(properties: Record<string, unknown>): { code?: string; name?: string; year?: string } {
  const key = (re: RegExp) => Object.keys(properties).find((k) => re.test(k));
  const codeKey = key(/^WD\d{2}CD$/i);
  const nameKey = key(/^WD\d{2}NM$/i);
  return {
    code: codeKey ? String(properties[codeKey]) : undefined,
    name: nameKey ? String(properties[nameKey]) : undefined,
    year: codeKey?.slice(2, 4),
  };
}

export interface Boundaries {
  shapes: Shape[];
  /** The two digits of WDyy: the boundaries' year. */
  year?: string;
}

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}

/** The ward shapes among GeoJSON features (from a GeoJSON file or a shapefile), or why there are none. */
export function shapesOfFeatures(file: string, features: readonly Feature[]): Outcome<Boundaries> {
  const shapes: Shape[] = [];
  let year: string | undefined;
  for (const f of features) {
    const ward = wardOf(f.properties ?? {});
    const drawable = polygonsOf(f.geometry);
    if (!drawable?.polygons.length || (!ward.code && !ward.name)) continue;
    year ??= ward.year;
    shapes.push({ code: ward.code, name: ward.name, ...drawable });
  }
  if (!shapes.length)
    return failed("not-boundaries", { file, why: "none of its features is a ward (properties WDyyCD or WDyyNM) with a polygon" });
  return { ok: true, shapes, year };
}

/** The shapes of a GeoJSON FeatureCollection of wards, or why there are none. */
export function readBoundaries(file: string, text: string): Outcome<Boundaries> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return failed("not-boundaries", { file, why: `it is not JSON (${(e as Error).message})` });
  }
  const features = (json as { type?: string; features?: unknown[] }).features;
  if ((json as { type?: string }).type !== "FeatureCollection" || !Array.isArray(features))
    return failed("not-boundaries", { file, why: "it is not a GeoJSON FeatureCollection" });
  return shapesOfFeatures(file, features as Feature[]);
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The bounding box of polygons (their outer rings: holes lie inside them), or undefined for none. */
function boxOf(polygons: readonly Polygon[]): Box | undefined {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons)
    for (const [x, y] of poly[0] ?? []) {
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  return x0 <= x1 ? { x0, y0, x1, y1 } : undefined;
}

/** Whether a box's middle lies within an area, widened by a quarter of its size each way. */
function within(box: Box, area: Box): boolean {
  const [mx, my] = [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2];
  const [dx, dy] = [(area.x1 - area.x0) / 4, (area.y1 - area.y0) / 4];
  return mx >= area.x0 - dx && mx <= area.x1 + dx && my >= area.y0 - dy && my <= area.y1 + dy;
}

/** A projection fitting the shapes drawn into the map's box: longitude scaled by the cosine of the middle latitude. */
function projection(polygons: Polygon[]): (p: number[]) => [number, number] {
  const { x0, y0, x1, y1 } = boxOf(polygons) ?? { x0: 0, y0: 0, x1: 1, y1: 1 };
  // Longitude and latitude in degrees; a grid in metres (British National Grid) is drawn as it is.
  const degrees = Math.abs(x0) <= 180 && Math.abs(x1) <= 180 && Math.abs(y0) <= 90 && Math.abs(y1) <= 90;
  const k = degrees ? Math.cos((((y0 + y1) / 2) * Math.PI) / 180) : 1;
  const scale = Math.min((WIDTH - 2 * MARGIN) / Math.max((x1 - x0) * k, 1e-9), MAP_HEIGHT / Math.max(y1 - y0, 1e-9));
  const dx = (WIDTH - (x1 - x0) * k * scale) / 2;
  const dy = TOP + (MAP_HEIGHT - (y1 - y0) * scale) / 2;
  return ([x, y]) => [dx + (x - x0) * k * scale, dy + (y1 - y) * scale];
}

function pathOf(polygons: Polygon[], project: (p: number[]) => [number, number]): string {
  return polygons
    .flatMap((poly) =>
      poly.map(
        (ring) =>
          `M${ring
            .map((p) =>
              project(p)
                .map((v) => v.toFixed(1))
                .join(","),
            )
            .join("L")}Z`,
      ),
    )
    .join("");
}

type Projected = readonly [number, number][][];

/** Calls `visit` with each edge of each ring of a polygon, from its start (a) to its end (b). */
function eachEdge(polygon: Projected, visit: (ax: number, ay: number, bx: number, by: number) => void): void {
  for (const ring of polygon)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) visit(ring[j][0], ring[j][1], ring[i][0], ring[i][1]);
}

/** Whether a point is inside a polygon (its outer ring and holes), by the even-odd rule. */
function inside([x, y]: number[], polygon: Projected): boolean {
  let odd = false;
  eachEdge(polygon, (ax, ay, bx, by) => {
    if (by > y !== ay > y && x < ((ax - bx) * (y - by)) / (ay - by) + bx) odd = !odd;
  });
  return odd;
}

/** How far a point is from the nearest edge of a polygon. */
function clearance([x, y]: number[], polygon: Projected): number {
  let best = Infinity;
  eachEdge(polygon, (ax, ay, bx, by) => {
    const length = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = length ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length)) : 0;
    best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
  });
  return best;
}

const GRID = 16;
const LABEL_POINTS = 200;

/**
 * Where a ward's label goes: the point of its largest part farthest from any edge (so never in a
 * hole nor outside a concave ward), found on a grid over that part; with the room there, which
 * says whether the name fits or only a number does.
 */
function labelOf(polygons: Polygon[], project: (p: number[]) => [number, number]): { x: number; y: number; room: number } | undefined {
  // A label's place needs no more than a few hundred points of a ring: a full-resolution ward has thousands.
  const thinned = (ring: Ring) =>
    ring.length <= LABEL_POINTS ? ring : ring.filter((_, i) => i % Math.ceil(ring.length / LABEL_POINTS) === 0);
  const parts = polygons.map((poly) => poly.map((ring) => thinned(ring).map(project)));
  const largest = parts
    .map((poly) => ({ poly, box: boxOf([poly])! }))
    .sort((a, b) => (b.box.x1 - b.box.x0) * (b.box.y1 - b.box.y0) - (a.box.x1 - a.box.x0) * (a.box.y1 - a.box.y0))[0];
  if (!largest) return undefined;
  const { poly, box } = largest;
  let best: { x: number; y: number; room: number } | undefined;
  for (let i = 0; i <= GRID; i++)
    for (let j = 0; j <= GRID; j++) {
      const point = [box.x0 + ((box.x1 - box.x0) * (i + 0.5)) / (GRID + 1), box.y0 + ((box.y1 - box.y0) * (j + 0.5)) / (GRID + 1)];
      if (!inside(point, poly)) continue;
      const room = clearance(point, poly);
      if (!best || room > best.room) best = { x: point[0], y: point[1], room };
    }
  return best;
}

/** About how wide a label's text is drawn, in the map's pixels at its 9px size. */
const labelWidth = (text: string) => text.length * 5.6;

/** How the wards are shaded: each ward's fill and class, and the legend saying what each fill means. */
interface Shading {
  what: string;
  classOf(row: MatrixRow): { fill: string; label: string };
  legend: { label: string; fill: string }[];
}

const hex = (fill: string | undefined) => `#${fill ?? "FFFFFF"}`;
const NOT_KNOWN_FILL = hex(STYLE_FORMATS["risk-unknown"].fill);

function riskShading(matrix: Matrix): Shading {
  const legend = matrix.riskKey.map((b) => ({ label: formatRiskKey([b]), fill: hex(STYLE_FORMATS[riskStyle(matrix, b.label)].fill) }));
  if (matrix.rows.some((r) => riskStyle(matrix, r.risk) === "risk-unknown"))
    legend.push({ label: "Not known: a flag's data is missing", fill: NOT_KNOWN_FILL });
  return {
    what: "Risk",
    classOf: (row) => ({ fill: hex(STYLE_FORMATS[riskStyle(matrix, row.risk)].fill), label: row.risk }),
    legend,
  };
}

function flagShading(column: MatrixColumn): Shading {
  const flagged = { label: `Flagged: ${column.rule}`, fill: hex(STYLE_FORMATS.flag.fill) };
  const not = { label: "Not flagged", fill: "#FFFFFF" };
  const unknown = { label: "Not known: the data cannot say", fill: NOT_KNOWN_FILL };
  return {
    what: `${column.label} (${column.rule})`,
    classOf: (row) => (row.flags[column.id] === true ? flagged : row.flags[column.id] === false ? not : unknown),
    legend: [flagged, not, unknown],
  };
}

/** Five shades from light to dark, for a figure. */
const FIGURE_FILLS = ["#FEF0D9", "#FDCC8A", "#FC8D59", "#E34A33", "#B30000"];

/** A column's figure in up to five classes of about equal numbers of wards; a ward whose figure is not known is grey. */
function figureShading(matrix: Matrix, column: MatrixColumn): Shading {
  const known = matrix.rows.flatMap((r) => {
    const reason = r.reasons[column.id];
    return reason && reason.value !== null && !reason.range ? [reason.value] : [];
  });
  const sorted = [...new Set(known)].sort((a, b) => a - b);
  const classes = Math.min(FIGURE_FILLS.length, sorted.length);
  const breaks = Array.from({ length: classes }, (_, i) => sorted[Math.floor((i * sorted.length) / classes)]);
  const format = (v: number) => v.toLocaleString("en-GB", { maximumFractionDigits: 1 });
  const legend = breaks.map((lo, i) => {
    const next = breaks[i + 1];
    const hi = next === undefined ? sorted[sorted.length - 1] : sorted[sorted.indexOf(next) - 1];
    return { label: lo === hi ? format(lo) : `${format(lo)} to ${format(hi)}`, fill: FIGURE_FILLS[i + FIGURE_FILLS.length - classes] };
  });
  const unknown = { label: "Not known: no data, or part of it missing", fill: NOT_KNOWN_FILL };
  return {
    what: `${column.label}: the figure its rule tests`,
    classOf: (row) => {
      const reason = row.reasons[column.id];
      if (!reason || reason.value === null || reason.range) return unknown;
      const i = breaks.filter((b) => b <= reason.value!).length - 1;
      return legend[Math.max(i, 0)];
    },
    legend: known.length < matrix.rows.length ? [...legend, unknown] : legend,
  };
}

/** The district's wards as an SVG choropleth of risk, with its legend, title, marking and source. */
export function wardMapSvg(matrix: Matrix, shapes: readonly Shape[], year: string | undefined, options: WardMapOptions): Outcome<WardMap> {
  const chosen = shadingOf(matrix, options.column);
  if (!chosen.ok) return chosen;
  const { shading } = chosen;
  const byCode = new Map(shapes.filter((s) => s.code).map((s) => [s.code!.toUpperCase(), s]));
  const byName = new Map<string, Shape[]>();
  for (const s of shapes.filter((x) => x.name)) {
    const key = normaliseName(s.name!);
    byName.set(key, [...(byName.get(key) ?? []), s]);
  }
  const exactOf = (row: MatrixRow) => (row.code ? byCode.get(row.code.toUpperCase()) : undefined);
  const namedLike = (row: MatrixRow) => byName.get(normaliseName(row.ward)) ?? [];
  // Where the district is: the wards found without doubt (by code, or by a name no other ward has).
  const certain = matrix.rows.flatMap((row) => {
    const exact = exactOf(row);
    return exact ? [exact] : namedLike(row).length === 1 ? namedLike(row) : [];
  });
  const area = boxOf(certain.flatMap((s) => s.polygons));
  const drawn: { row: MatrixRow; shape: Shape }[] = [];
  const missing: string[] = [];
  const named: string[] = [];
  const ambiguous: string[] = [];
  for (const row of matrix.rows) {
    const exact = exactOf(row);
    const sameName = exact ? [] : namedLike(row);
    // Ward names repeat across England ("Abbey", "Castle"): of several wards of one name, only one
    // lying where the district's other wards are is taken; otherwise none is guessed at.
    const nearby = sameName.length > 1 && area ? sameName.filter((c) => within(boxOf(c.polygons)!, area)) : sameName;
    if (sameName.length > 1 && nearby.length !== 1) ambiguous.push(row.ward);
    const shape = exact ?? (nearby.length === 1 ? nearby[0] : undefined);
    if (!shape) {
      if (sameName.length <= 1) missing.push(row.ward);
    } else {
      // A ward with a code the file lacks, found by its name, is a boundary of another vintage.
      if (!exact && row.code) named.push(row.ward);
      drawn.push({ row, shape });
    }
  }
  const project = projection(drawn.flatMap((d) => d.shape.polygons));
  const paths = drawn.map(({ row, shape }) => {
    const why = `${row.ward}: ${row.risk} (${row.total} flag${row.total === 1 ? "" : "s"}${row.unknown ? `, ${row.unknown} not known` : ""})`;
    const shade = shading.classOf(row);
    const figure = options.column ? `; ${shading.what}: ${shade.label}` : "";
    return `<path d="${pathOf(shape.polygons, project)}" fill="${shade.fill}" fill-rule="evenodd" stroke="#404040" stroke-width="0.8" data-ward-code="${escapeXml(row.code ?? shape.code ?? "")}" data-risk="${escapeXml(row.risk)}" data-shade="${escapeXml(shade.label)}"><title>${escapeXml(why + figure)}</title></path>`;
  });
  // A name that does not fit inside its ward is numbered on the map and named in a key below it.
  const numbered: string[] = [];
  const labels = drawn.flatMap(({ row, shape }) => {
    const at = labelOf(shape.polygons, project);
    if (!at) return [];
    const fits = labelWidth(row.ward) < 2 * at.room + 8 && at.room > 5;
    const text = fits ? row.ward : String(numbered.push(row.ward));
    return [`<text x="${at.x.toFixed(1)}" y="${at.y.toFixed(1)}" class="ward">${escapeXml(text)}</text>`];
  });
  const bands = shading.legend;
  let y = TOP + MAP_HEIGHT + 20;
  const legend = bands.map(
    (b, i) =>
      `<rect x="${MARGIN}" y="${y + i * 20}" width="14" height="14" fill="${b.fill}" stroke="#404040"/><text x="${MARGIN + 20}" y="${y + i * 20 + 11}">${escapeXml(b.label)}</text>`,
  );
  y += bands.length * 20 + 10;
  const said: string[] = [];
  if (numbered.length) said.push(`Numbered on the map: ${numbered.map((w, i) => `${i + 1} ${w}`).join(", ")}.`);
  if (missing.length) said.push(`No boundary in ${options.source} for ${missing.join(", ")}: not drawn.`);
  const damaged = drawn.filter((d) => d.shape.dropped > 0).map((d) => d.row.ward);
  if (damaged.length)
    said.push(
      `Drawn in part: ${damaged.join(", ")}, whose shapes in ${options.source} hold coordinates that could not be read (left out).`,
    );
  if (ambiguous.length)
    said.push(
      `Not drawn: ${ambiguous.join(", ")}, a name several wards in ${options.source} share; give the criteria ward codes (from the ONS lookup) to draw them.`,
    );
  if (named.length) said.push(`Matched by name, not code (the boundaries are of another year than the lookup): ${named.join(", ")}.`);
  if (matrix.rows.some((r) => !r.code)) said.push("Wards are matched to boundaries by name: the criteria give no ward codes.");
  const notes = textLines(
    said.flatMap((t) => wrapped(t, 135)),
    y,
    14,
    "note",
  );
  const copyright = `20${year ?? new Date().getFullYear().toString().slice(2)}`;
  const attribution = textLines(
    [
      `Source: Office for National Statistics licensed under the Open Government Licence v.3.0.`,
      ...wrapped(`Contains OS data © Crown copyright and database right ${copyright}. Boundaries: ${options.source}.`, 135),
    ],
    notes.y + 6,
    14,
    "note",
  );
  const height = attribution.y + 24;
  const marking = options.marking ? escapeXml(options.marking) : "";
  const title = `${shading.what} by ward: ${matrix.district}`;
  const subtitle = `${matrix.title}${matrix.compiled ? ` – data compiled ${matrix.compiled}` : ""}`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="map-title">`,
    `<title id="map-title">${escapeXml(`${title}. ${subtitle}`)}</title>`,
    `<style>text{font-family:Arial,sans-serif;font-size:12px;fill:#202020}.ward{font-size:9px;text-anchor:middle;dominant-baseline:middle;pointer-events:none}.note{font-size:10px}.marking{font-weight:bold;text-anchor:middle}.heading{font-size:15px;font-weight:bold}</style>`,
    `<rect width="100%" height="100%" fill="#FFFFFF"/>`,
    marking ? `<text x="${WIDTH / 2}" y="16" class="marking">${marking}</text>` : "",
    ...textLines([title], 40, 18, "heading").svg,
    ...textLines(wrapped(subtitle, 110), 58, 14, "").svg,
    `<g class="wards">${paths.join("")}</g>`,
    `<g class="labels">${labels.join("")}</g>`,
    `<g class="legend">${legend.join("")}</g>`,
    ...notes.svg,
    ...attribution.svg,
    marking ? `<text x="${WIDTH / 2}" y="${height - 8}" class="marking">${marking}</text>` : "",
    `</svg>`,
  ]
    .filter(Boolean)
    .join("\n");
  return { ok: true, svg, drawn: drawn.length, missing, byName: named, ambiguous, damaged };
}

/** The shading asked for: by risk, or by the flag or figure of the column with this label. */
function shadingOf(matrix: Matrix, column: WardMapOptions["column"]): Outcome<{ shading: Shading }> {
  if (!column) return { ok: true, shading: riskShading(matrix) };
  const found = matrix.columns.find((c) => normaliseName(c.label) === normaliseName(column.label));
  if (!found) return failed("map-column-unknown", { column: column.label, columns: matrix.columns.map((c) => c.label) });
  const shading = column.by === "flag" ? flagShading(found) : figureShading(matrix, found);
  return { ok: true, shading };
}
