/*
 * The ward map's Web Worker: reads the boundary file the user chose (GeoJSON or a shapefile's zip)
 * and draws the district's map as SVG off the pane's thread, so the pane answers while a large file
 * is parsed. Started only when a map is asked for; it carries the shapefile reader and the drawing,
 * which the pane's first load does not.
 */
import { readBoundaryFile } from "../app/boundaryFile";
import { wardMapSvg, type WardMap, type WardMapOptions } from "../app/wardMap";
import type { Matrix } from "../engine/matrix/matrix";
import type { Outcome } from "../engine/findings/outcome";

export interface MapRequest {
  file: File;
  matrix: Matrix;
  options: Omit<WardMapOptions, "source">;
}

export type MapReply = { result: Outcome<WardMap> } | { failed: string };

const scope = self as unknown as { postMessage: (m: MapReply) => void; onmessage: ((e: MessageEvent<MapRequest>) => void) | null };

async function draw({ file, matrix, options }: MapRequest): Promise<MapReply> {
  const read = await readBoundaryFile(file.name, new Uint8Array(await file.arrayBuffer()));
  return { result: read.ok ? wardMapSvg(matrix, read.shapes, read.year, { ...options, source: file.name }) : read };
}

scope.onmessage = (e) => {
  draw(e.data).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) => scope.postMessage({ failed: error instanceof Error ? error.message : String(error) }),
  );
};
