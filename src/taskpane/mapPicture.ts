/*
 * The ward map in the pane: the boundary file the user chose is read in the map's own worker
 * (never uploaded), the map drawn there as SVG by the same code as the command line's, and made a
 * PNG picture here by the browser's canvas, because Excel's API inserts pictures and not SVG.
 * Loaded only when a map is asked for.
 */
import type { WardMap, WardMapOptions } from "../app/wardMap";
import type { MapReply, MapRequest } from "./mapWorker";
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

/** Built beside taskpane.js (webpack's mapWorker entry), so it loads from the page's own origin. */
const MAP_WORKER_URL = "mapWorker.js";

/** The map drawn as SVG in a worker of its own, which ends with the drawing. */
function drawInWorker(request: MapRequest): Promise<Outcome<WardMap>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(MAP_WORKER_URL);
    const end = () => worker.terminate();
    worker.onmessage = ({ data }: MessageEvent<MapReply>) => {
      end();
      if ("result" in data) resolve(data.result);
      else reject(new Error(data.failed));
    };
    worker.onerror = (e) => {
      end();
      reject(new Error(e.message || "the map's worker could not start"));
    };
    worker.postMessage(request);
  });
}

/** One district's ward map from a boundary file (GeoJSON, or a shapefile's zip), as SVG and PNG. */
export async function drawWardMap(file: File, matrix: Matrix, options: Omit<WardMapOptions, "source">): Promise<Outcome<PaneMap>> {
  const map = await drawInWorker({ file, matrix, options });
  if (!map.ok) return map;
  return { ...map, ...(await pngOf(map.svg)) };
}
