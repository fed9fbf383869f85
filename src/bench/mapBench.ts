/*
 * The ward map from a boundary file the size the ONS portal's full-resolution UK wards reach
 * (about 20 MB): reading it and drawing one district's 26 wards.
 */
import { defaultCriteria } from "../engine/rules/criteria";
import { readBoundaries, wardMapSvg } from "../app/wardMap";
import { mapPicture } from "../io/mapPicture";
import type { Matrix } from "../engine/matrix/matrix";

/** A FeatureCollection of `wards` wards, each a detailed ring of `points` points: about 20 MB at the defaults. */
function boundaryFile(wards: number, points: number, names: readonly string[]): string {
  const features: string[] = [];
  for (let i = 0; i < wards; i++) {
    const cx = -5 + (i % 120) * 0.07;
    const cy = 50 + Math.floor(i / 120) * 0.07;
    const ring: string[] = [];
    for (let p = 0; p <= points; p++) {
      const a = (2 * Math.PI * (p % points)) / points;
      const r = 0.03 + 0.004 * Math.sin(7 * a);
      ring.push(`[${(cx + r * Math.cos(a)).toFixed(6)},${(cy + r * Math.sin(a)).toFixed(6)}]`);
    }
    const name = i < names.length ? names[i] : `Ward ${i}`;
    features.push(
      `{"type":"Feature","properties":{"FID":${i + 1},"WD24CD":"E05${String(100000 + i)}","WD24NM":${JSON.stringify(name)}},"geometry":{"type":"Polygon","coordinates":[[${ring.join(",")}]]}}`,
    );
  }
  return `{"type":"FeatureCollection","features":[${features.join(",")}]}`;
}

export function mapBench(line: (label: string, figure: string, target?: string) => void): void {
  const criteria = defaultCriteria();
  const wards = criteria.district!.wards.map((w) => w.name);
  const text = boundaryFile(9000, 110, wards);
  const matrix: Matrix = {
    title: "Table 4",
    district: criteria.district!.name,
    compiled: "",
    columns: [],
    rows: wards.map((ward) => ({
      ward,
      flags: {},
      evidence: {},
      reasons: {},
      total: 0,
      unknown: 0,
      incomplete: false,
      risk: "Low",
      riskFrom: "Low",
      riskTo: "Low",
    })),
    riskKey: criteria.riskKey,
    footnotes: [],
    notes: [],
    findings: [],
  };
  // The median of three, each read and drawn afresh: this machine is shared.
  const runs = [0, 1, 2].map(() => {
    const t = process.hrtime.bigint();
    const read = readBoundaries("wards.geojson", text);
    if (!read.ok) throw new Error(read.message);
    const parsed = process.hrtime.bigint();
    const map = wardMapSvg(matrix, read.shapes, read.year, { source: "wards.geojson" });
    if (!map.ok) throw new Error(map.message);
    const done = process.hrtime.bigint();
    return { all: Number(done - t) / 1e6, draw: Number(done - parsed) / 1e6, drawn: map.drawn, svg: map.svg };
  });
  const median = [...runs].sort((a, b) => a.all - b.all)[1];
  line(
    `ward map: read ${(text.length / 1048576).toFixed(0)} MB of boundaries, draw ${median.drawn} wards (median of 3)`,
    `${median.all.toFixed(0)} ms`,
    "target well under 1,000 ms",
  );
  line("  of which drawing (projection, paths, labels)", `${median.draw.toFixed(0)} ms`);
  const t = process.hrtime.bigint();
  const picture = mapPicture(median.svg);
  line(
    `  its PNG for the workbook and report (${picture.width}x${picture.height}, resvg)`,
    `${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`,
  );
}
