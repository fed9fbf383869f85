/*
 * The ward map in the pane: the boundary file the user chose is read here (never uploaded), the
 * map drawn as SVG by the same code as the command line's, and made a PNG picture by the browser's
 * own canvas, because Excel's API inserts pictures and not SVG. Loaded only when a map is asked
 * for, with the shapefile reader it needs.
 */
import { readBoundaryFile } from "../app/boundaryFile";
import { wardMapSvg, type WardMap, type WardMapOptions } from "../app/wardMap";
import type { Matrix } from "../engine/matrix/matrix";
import type { Outcome } from "../engine/findings/outcome";

export interface PaneMap extends WardMap {
  /** The picture as base64 PNG, drawn at twice the SVG's size to print sharply. */
  png: string;
  width: number;
  height: number;
}

/** A PNG of an SVG, drawn by the browser at `zoom` times its size. */
async function pngOf(svg: string, zoom = 2): Promise<{ png: string; width: number; height: number }> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(image.naturalWidth * zoom);
  canvas.height = Math.round(image.naturalHeight * zoom);
  canvas.getContext("2d")!.drawImage(image, 0, 0, canvas.width, canvas.height);
  return { png: canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, ""), width: canvas.width, height: canvas.height };
}

/** One district's ward map from a boundary file (GeoJSON, or a shapefile's zip), as SVG and PNG. */
export async function drawWardMap(file: File, matrix: Matrix, options: Omit<WardMapOptions, "source">): Promise<Outcome<PaneMap>> {
  const read = await readBoundaryFile(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!read.ok) return read;
  const map = wardMapSvg(matrix, read.shapes, read.year, { ...options, source: file.name });
  if (!map.ok) return map;
  return { ...map, ...(await pngOf(map.svg)) };
}
