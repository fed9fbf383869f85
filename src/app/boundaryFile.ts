/*
 * Ward boundaries in the forms the ONS Open Geography Portal delivers them: GeoJSON (WGS84), or the
 * shapefile (British National Grid) as its zip or as its .shp with the .dbf beside it. The
 * shapefile is read with the `shapefile` library; its grid in metres is drawn as it is, so no
 * reprojection is needed for a district's map.
 */
import { read as readShapefile } from "shapefile";
import { failed, type Outcome } from "../engine/findings/outcome";
import { unzipSync } from "fflate";
import { readBoundaries, shapesOfFeatures, type Boundaries } from "./wardMap";

/** The most a boundary zip may inflate to: the portal's full-resolution UK wards are about 300 MB. */
const MOST_UNZIPPED = 1024 * 1024 * 1024;

/** A part of the same shapefile (".dbf", ".cpg", ".prj"), or nothing when it is not beside the .shp. */
export type ShapefilePart = (extension: string) => Uint8Array | undefined;

const extensionOf = (name: string) => /\.[^./\\]+$/.exec(name.toLowerCase())?.[0] ?? "";
const decode = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes);

/**
 * Why a shapefile's projection cannot be drawn, if it cannot: a grid in metres (British National
 * Grid, UTM) or longitude and latitude draw true for a district, Web Mercator stretches it.
 */
function undrawableProjection(prj: string | undefined): string | undefined {
  // Transverse Mercator (the grid's own projection) is true at a district's scale; Mercator itself is not.
  if (!prj || !/PROJECTION\["(Mercator[^"]*|Popular_Visualisation_Pseudo_Mercator)"\]/i.test(prj)) return undefined;
  return `${/^PROJCS\["([^"]+)"/.exec(prj)?.[1] ?? "Mercator"}, which stretches a district; give the British National Grid download`;
}

async function shapefileBoundaries(file: string, shp: Uint8Array, part: ShapefilePart): Promise<Outcome<Boundaries>> {
  const dbf = part(".dbf");
  if (!dbf)
    return failed("not-boundaries", {
      file,
      why: "its attributes (the .dbf file of the same name), which hold the ward codes, are not beside it",
    });
  const prj = part(".prj");
  const projection = undrawableProjection(prj && decode(prj));
  if (projection) return failed("not-boundaries", { file, why: `its projection is ${projection}` });
  const cpg = part(".cpg");
  const encoding = cpg ? decode(cpg).trim() || "utf-8" : "windows-1252";
  try {
    const collection = await readShapefile(copy(shp), copy(dbf), { encoding: /^utf-?8$/i.test(encoding) ? "utf-8" : encoding });
    return shapesOfFeatures(file, collection.features);
  } catch (e) {
    return failed("not-boundaries", { file, why: `it cannot be read as a shapefile (${(e as Error).message})` });
  }
}

/** An ArrayBuffer holding exactly these bytes, as the shapefile library reads a whole buffer. */
function copy(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function zipBoundaries(file: string, bytes: Uint8Array): Promise<Outcome<Boundaries>> {
  let parts: Record<string, Uint8Array>;
  try {
    // Only a shapefile's parts and GeoJSON are inflated, and none past the limit its header states.
    parts = unzipSync(bytes, {
      filter: (f) => /\.(shp|dbf|prj|cpg|geojson|json)$/i.test(f.name) && f.originalSize <= MOST_UNZIPPED,
    });
  } catch (e) {
    return failed("not-boundaries", { file, why: `it cannot be unzipped (${(e as Error).message})` });
  }
  const names = Object.keys(parts);
  const shp = names.filter((n) => extensionOf(n) === ".shp");
  const geojson = names.filter((n) => [".geojson", ".json"].includes(extensionOf(n)));
  if (shp.length === 1) {
    const stem = shp[0].slice(0, -4).toLowerCase();
    const part: ShapefilePart = (ext) => parts[names.find((n) => n.toLowerCase() === stem + ext) ?? ""];
    return shapefileBoundaries(`${file} (${shp[0]})`, parts[shp[0]], part);
  }
  if (!shp.length && geojson.length === 1) return readBoundaries(`${file} (${geojson[0]})`, decode(parts[geojson[0]]));
  const why = shp.length > 1 ? `it holds ${shp.length} shapefiles; the map needs one` : "it holds no shapefile (.shp) or GeoJSON";
  return failed("not-boundaries", { file, why });
}

/**
 * The ward boundaries in a file the user gave: GeoJSON, a shapefile's zip, or a .shp whose other
 * parts `part` finds beside it.
 */
export async function readBoundaryFile(
  file: string,
  bytes: Uint8Array,
  part: ShapefilePart = () => undefined,
): Promise<Outcome<Boundaries>> {
  const extension = extensionOf(file);
  if (extension === ".zip") return zipBoundaries(file, bytes);
  if (extension === ".shp") return shapefileBoundaries(file, bytes, part);
  return readBoundaries(file, decode(bytes));
}
