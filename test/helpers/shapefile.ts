/*
 * A polygon shapefile written as the ONS Open Geography Portal delivers its ward boundaries: the
 * .shp (shape type 5, British National Grid metres, outer rings clockwise and holes anticlockwise as
 * the format requires), the .dbf of WDyyCD/WDyyNM attributes, the .prj and the .cpg saying UTF-8.
 */
type Ring = number[][];

export interface ShapeRecord {
  attributes: Record<string, string>;
  /** Polygons, each an outer ring then its holes. */
  polygons: Ring[][];
}

const BNG_PRJ =
  'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1849",6377563.396,299.3249646]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",400000.0],PARAMETER["False_Northing",-100000.0],PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]';

function bbox(points: number[][]): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function shp(records: readonly ShapeRecord[]): Uint8Array {
  const contents = records.map((r) => {
    const rings = r.polygons.flat();
    const points = rings.flat();
    const content = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length));
    content.setInt32(0, 5, true);
    bbox(points).forEach((v, i) => content.setFloat64(4 + 8 * i, v, true));
    content.setInt32(36, rings.length, true);
    content.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      content.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    points.forEach(([x, y], i) => {
      content.setFloat64(44 + 4 * rings.length + 16 * i, x, true);
      content.setFloat64(44 + 4 * rings.length + 16 * i + 8, y, true);
    });
    return new Uint8Array(content.buffer);
  });
  const length = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setInt32(0, 9994, false);
  view.setInt32(24, length / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 5, true);
  bbox(records.flatMap((r) => r.polygons.flat().flat())).forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
  let at = 100;
  contents.forEach((c, i) => {
    view.setInt32(at, i + 1, false);
    view.setInt32(at + 4, c.length / 2, false);
    out.set(c, at + 8);
    at += 8 + c.length;
  });
  return out;
}

function dbf(records: readonly ShapeRecord[]): Uint8Array {
  const fields = Object.keys(records[0].attributes);
  const encoder = new TextEncoder();
  const widths = fields.map((f) => Math.max(...records.map((r) => encoder.encode(r.attributes[f]).length), 1));
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1).fill(0);
  const view = new DataView(out.buffer);
  out.set([0x03, 124, 1, 1]);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    out.set(encoder.encode(f.slice(0, 10)), 32 + 32 * i);
    out[32 + 32 * i + 11] = "C".charCodeAt(0);
    out[32 + 32 * i + 16] = widths[i];
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((r, n) => {
    let at = headerLength + n * recordLength;
    out[at++] = 0x20;
    fields.forEach((f, i) => {
      const bytes = encoder.encode(r.attributes[f]);
      out.fill(0x20, at, at + widths[i]);
      out.set(bytes, at);
      at += widths[i];
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** The parts of a shapefile by extension: ".shp", ".dbf", ".prj", ".cpg". */
export function shapefileParts(records: readonly ShapeRecord[]): Record<string, Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  return { ".shp": shp(records), ".dbf": dbf(records), ".prj": text(BNG_PRJ), ".cpg": text("UTF-8") };
}
