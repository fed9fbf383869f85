/*
 * The ward map: the ONS ward boundaries as the Open Geography Portal delivers them (a GeoJSON
 * FeatureCollection with WDyyCD/WDyyNM properties, MultiPolygons, holes, rings wound either way,
 * and the wards of neighbouring districts), each of the district's wards drawn once, filled by its
 * risk; a ward with no shape is said, never quietly left blank.
 */
import * as fs from "fs";
import * as path from "path";
import { DEMO } from "../helpers/publicData";
import { run, tempDir } from "./helpers";
import { STYLE_FORMATS } from "../../src/engine/matrix/render";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { shapefileParts } from "../helpers/shapefile";

interface Ward {
  ward: string;
  risk: string;
}

const square = (x: number, y: number, size: number, clockwise: boolean) => {
  const ring = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return clockwise ? ring.reverse() : ring;
};

describe("build --boundaries FILE --map-svg FILE.svg", () => {
  it("draws each of the district's wards once, filled by its risk, from portal-shaped GeoJSON", async () => {
    const dir = tempDir();
    const built = JSON.parse((await run("build", DEMO, "--json")).stdout) as { wards: Ward[] };
    const wards = built.wards;
    const left = wards[5].ward;
    const features = wards
      .filter((w) => w.ward !== left)
      .map((w, i) => {
        const x = 0.1 + (i % 6) * 0.05;
        const y = 52.0 + Math.floor(i / 6) * 0.04;
        // Every third ward in two parts; every fourth with a hole; rings wound one way or the other.
        const outer = square(x, y, 0.04, i % 2 === 0);
        const polygon = i % 4 === 0 ? [outer, square(x + 0.01, y + 0.01, 0.01, i % 2 !== 0)] : [outer];
        const geometry =
          i % 3 === 0
            ? { type: "MultiPolygon", coordinates: [polygon, [square(x + 0.3, y, 0.005, false)]] }
            : { type: "Polygon", coordinates: polygon };
        return { type: "Feature", properties: { FID: i + 1, WD23CD: `E0501${String(1000 + i)}`, WD23NM: w.ward, WD23NMW: " " }, geometry };
      });
    features.push({
      type: "Feature",
      properties: { FID: 999, WD23CD: "E05013050", WD23NM: "King's Hedges", WD23NMW: " " },
      geometry: { type: "Polygon", coordinates: [square(-5, 50, 0.04, false)] },
    });
    const boundaries = path.join(dir, "Wards_December_2023_Boundaries_UK_BGC.geojson");
    fs.writeFileSync(boundaries, JSON.stringify({ type: "FeatureCollection", name: "WD_DEC_2023_UK_BGC", features }));
    const out = path.join(dir, "map.svg");
    const r = await run("build", DEMO, "--boundaries", boundaries, "--map-svg", out, "--marking", "OFFICIAL");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Ward map: ${wards.length - 1} of ${wards.length} wards drawn`));
    expect(r.stderr).toMatch(/Wrote the ward map to .*map\.svg/);
    expect(r.stderr).toMatch(new RegExp(`No boundary for ${left.replace(/[()]/g, "\\\\$&")} in Wards_December_2023`));
    const svg = fs.readFileSync(out, "utf8");
    const paths = [
      ...svg.matchAll(
        /<path d="([^"]+)" fill="(#[0-9A-F]{6})" fill-rule="evenodd"[^>]*data-ward-code="([^"]*)" data-risk="([^"]*)"[^>]*><title>([^<:]+):/g,
      ),
    ];
    expect(paths).toHaveLength(wards.length - 1);
    // Each ward once, with its own risk's colour; the neighbouring district's ward is not drawn.
    expect(new Set(paths.map((p) => p[5])).size).toBe(wards.length - 1);
    expect(svg).not.toMatch(/King&apos;s Hedges|King's Hedges|E05013050/);
    const colour: Record<string, string> = {
      Low: STYLE_FORMATS["risk-low"].fill!,
      Medium: STYLE_FORMATS["risk-medium"].fill!,
      High: STYLE_FORMATS["risk-high"].fill!,
    };
    for (const p of paths) {
      const ward = wards.find((w) => w.ward === p[5].replace(/&amp;/g, "&"))!;
      expect(p[4]).toBe(ward.risk);
      expect(p[2]).toBe(`#${colour[ward.risk]}`);
    }
    // Each ward's label (its name, or a number the key below names) lies inside it and not in a hole.
    const notes = [...svg.matchAll(/<text[^>]*class="note">([^<]*)<\/text>/g)].map((m) => m[1]).join(" ");
    const numbered = new Map([...notes.matchAll(/(\d+) ([^,.]+?)(?=, \d+ |\.)/g)].map((m) => [m[1], m[2]]));
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" class="ward">([^<]+)<\/text>/g)];
    expect(labels).toHaveLength(wards.length - 1);
    for (const [, x, y, text] of labels) {
      const ward = (numbered.get(text) ?? text).replace(/&amp;/g, "&");
      const path = paths.find((p) => p[5].replace(/&amp;/g, "&") === ward)!;
      const rings = path[1]
        .split("M")
        .filter(Boolean)
        .map((r) =>
          r
            .replace(/Z$/, "")
            .split("L")
            .map((pt) => pt.split(",").map(Number)),
        );
      const inBox = (ring: number[][]) => {
        const xs = ring.map((p) => p[0]);
        const ys = ring.map((p) => p[1]);
        return Number(x) > Math.min(...xs) && Number(x) < Math.max(...xs) && Number(y) > Math.min(...ys) && Number(y) < Math.max(...ys);
      };
      expect(inBox(rings[0])).toBe(true);
      // The second ring of a ward with a hole (every fourth) is that hole.
      const i = wards.filter((w) => w.ward !== left).findIndex((w) => w.ward === ward);
      if (i % 4 === 0) expect(inBox(rings[1])).toBe(false);
    }
    // A ward in two parts is one path of two or more rings; a hole is a ring of its own (drawn by the even-odd rule).
    expect(paths.some((p) => (p[1].match(/M/g) ?? []).length >= 2)).toBe(true);
    expect(svg).toMatch(/Source: Office for National Statistics licensed under the Open Government Licence v\.3\.0\./);
    expect(svg).toMatch(/Contains OS data © Crown copyright and database right 2023/);
    expect(svg.match(/>OFFICIAL</g)).toHaveLength(2);
    expect(svg).toMatch(/High = 3\+ flags/);
    expect(svg).not.toMatch(new RegExp(dir.replace(/[\\\\/]/g, ".")));
  });

  it("gives what the map could not draw in --json too", async () => {
    const dir = tempDir();
    const wards = (JSON.parse((await run("build", DEMO, "--json")).stdout) as { wards: Ward[] }).wards;
    const features = wards.slice(1).map((w, i) => ({
      type: "Feature",
      properties: { WD23CD: `E0501${1000 + i}`, WD23NM: w.ward },
      geometry: { type: "Polygon", coordinates: [square(0.1 + i * 0.05, 52, 0.04, true)] },
    }));
    const boundaries = path.join(dir, "wards.geojson");
    fs.writeFileSync(boundaries, JSON.stringify({ type: "FeatureCollection", features }));
    const r = await run("build", DEMO, "--boundaries", boundaries, "--map-svg", path.join(dir, "m.svg"), "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map).toEqual({
      drawn: wards.length - 1,
      noBoundary: [wards[0].ward],
      matchedByName: [],
      nameShared: [],
      drawnInPart: [],
    });
    // A name another district's ward shares far away is taken where the district's other wards are.
    const twin = (x: number, y: number) => ({
      type: "Feature",
      properties: { WD23CD: `E0509${features.length}`, WD23NM: wards[1].ward },
      geometry: { type: "Polygon", coordinates: [square(x, y, 0.04, true)] },
    });
    features.push(twin(-3, 54));
    fs.writeFileSync(boundaries, JSON.stringify({ type: "FeatureCollection", features }));
    const far = await run("build", DEMO, "--boundaries", boundaries, "--map-svg", path.join(dir, "m1.svg"), "--json");
    expect(JSON.parse(far.stdout).map).toMatchObject({ drawn: wards.length - 1, nameShared: [] });
    const m1 = fs.readFileSync(path.join(dir, "m1.svg"), "utf8");
    expect(m1).toMatch(/data-ward-code="E05011000"/);
    expect(m1).not.toMatch(/data-ward-code="E0509/);
    // Two of one name both where the district is: neither is guessed at; not drawn, and said.
    features.push(twin(0.3, 52.02));
    fs.writeFileSync(boundaries, JSON.stringify({ type: "FeatureCollection", features }));
    const shared = await run("build", DEMO, "--boundaries", boundaries, "--map-svg", path.join(dir, "m2.svg"), "--json");
    expect(JSON.parse(shared.stdout).map).toMatchObject({ drawn: wards.length - 2, nameShared: [wards[1].ward] });
    expect(fs.readFileSync(path.join(dir, "m2.svg"), "utf8")).toMatch(/a name several wards in wards\.geojson share/);
  });

  it("draws no shape it cannot read: a null geometry is no boundary, a part with bad coordinates is left out and said", async () => {
    const dir = tempDir();
    const wards = (JSON.parse((await run("build", DEMO, "--json")).stdout) as { wards: Ward[] }).wards;
    const features: unknown[] = wards.map((w, i) => ({
      type: "Feature",
      properties: { WD23CD: `E0501${1000 + i}`, WD23NM: w.ward },
      geometry: { type: "Polygon", coordinates: [square(0.1 + (i % 6) * 0.05, 52 + Math.floor(i / 6) * 0.04, 0.04, true)] },
    }));
    (features[0] as { geometry: unknown }).geometry = null;
    (features[1] as { geometry: unknown }).geometry = {
      type: "MultiPolygon",
      coordinates: [
        [square(0.15, 52, 0.04, true)],
        [
          [
            [0.2, "52"],
            [0.3, null],
            [0.2, 52.1],
            [0.2, "52"],
          ],
        ],
      ],
    };
    (features[2] as { geometry: unknown }).geometry = {
      type: "Polygon",
      coordinates: [
        [
          [0.2, 52],
          [Number.NaN, 52],
        ],
      ],
    };
    const boundaries = path.join(dir, "wards.geojson");
    fs.writeFileSync(boundaries, JSON.stringify({ type: "FeatureCollection", features }));
    const svgFile = path.join(dir, "m.svg");
    const r = await run("build", DEMO, "--boundaries", boundaries, "--map-svg", svgFile, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map).toMatchObject({
      drawn: wards.length - 2,
      noBoundary: [wards[0].ward, wards[2].ward],
      drawnInPart: [wards[1].ward],
    });
    const svg = fs.readFileSync(svgFile, "utf8");
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toMatch(/Drawn in part: /);
  });

  it("refuses a file that is not ward boundaries, and a map without boundaries, saying what to give", async () => {
    const dir = tempDir();
    const notGeo = path.join(dir, "wards.geojson");
    fs.writeFileSync(notGeo, JSON.stringify({ type: "Feature", properties: {} }));
    const r = await run("build", DEMO, "--boundaries", notGeo, "--map-svg", path.join(dir, "m.svg"), "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: "not-boundaries" });
    const usage = await run("build", DEMO, "--map-svg", path.join(dir, "m.svg"));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--boundaries FILE/);
    expect(fs.existsSync(path.join(dir, "m.svg"))).toBe(false);
  });

  /** A square in British National Grid metres; clockwise is an outer ring in a shapefile. */
  const bngSquare = (x: number, y: number, size: number, clockwise: boolean) => {
    const ring = [
      [x, y],
      [x, y + size],
      [x + size, y + size],
      [x + size, y],
      [x, y],
    ];
    return clockwise ? ring : ring.reverse();
  };

  const pngSize = (png: Uint8Array) => {
    const view = new DataView(png.buffer, png.byteOffset);
    return {
      signature: [...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join(""),
      width: view.getUint32(16),
      height: view.getUint32(20),
    };
  };

  it("reads the portal's shapefile zip (British National Grid) and puts the map in the workbook, the report and a PNG", async () => {
    const dir = tempDir();
    const wards = (JSON.parse((await run("build", DEMO, "--json")).stdout) as { wards: Ward[] }).wards;
    const records = wards.map((w, i) => {
      const x = 540000 + (i % 6) * 4000;
      const y = 250000 + Math.floor(i / 6) * 4000;
      const outer = bngSquare(x, y, 3800, true);
      // Every fourth ward has a hole; every third is in two parts.
      const polygon = i % 4 === 0 ? [outer, bngSquare(x + 1000, y + 1000, 800, false)] : [outer];
      const polygons = i % 3 === 0 ? [polygon, [bngSquare(x + 30000, y, 500, true)]] : [polygon];
      return { attributes: { WD24CD: `E0501${2000 + i}`, WD24NM: w.ward, WD24NMW: " " }, polygons };
    });
    records.push({
      attributes: { WD24CD: "E05013050", WD24NM: "King's Hedges", WD24NMW: " " },
      polygons: [[bngSquare(100000, 100000, 3000, true)]],
    });
    const parts = shapefileParts(records);
    const stem = "WD_MAY_2024_UK_BGC";
    const zip = path.join(dir, "Wards_May_2024_Boundaries_UK_BGC.zip");
    fs.writeFileSync(zip, zipSync(Object.fromEntries(Object.entries(parts).map(([ext, bytes]) => [`${stem}${ext}`, bytes]))));
    const out = path.join(dir, "Table 4.xlsx");
    const png = path.join(dir, "map.png");
    const docx = path.join(dir, "Table 4.docx");
    const svg = path.join(dir, "map.svg");
    const r = await run("build", DEMO, "--boundaries", zip, "--out", out, "--map-png", png, "--docx", docx, "--map-svg", svg);
    expect(r.stderr).toMatch(new RegExp(`Ward map: ${wards.length} of ${wards.length} wards drawn`));
    expect(r.code).toBe(0);
    const drawn = fs.readFileSync(svg, "utf8");
    expect(drawn.match(/<path /g)).toHaveLength(wards.length);
    expect(drawn).toMatch(/database right 2024/);
    expect(drawn).not.toMatch(/King's Hedges/);
    // The PNG is the map drawn at twice its SVG size.
    const picture = pngSize(new Uint8Array(fs.readFileSync(png)));
    expect(picture.signature).toBe("PNG");
    expect(picture.width).toBe(2 * Number(/width="(\d+)"/.exec(drawn)![1]));
    // The workbook has the picture on a sheet of its own, after Table 4.
    const book = unzipSync(new Uint8Array(fs.readFileSync(out)));
    const sheets = [...strFromU8(book["xl/workbook.xml"]).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets.slice(0, 2)).toEqual(["Table 4", "Ward map"]);
    const media = Object.keys(book).filter((k) => /^xl\/media\/.+\.png$/.test(k));
    expect(media).toHaveLength(1);
    expect(pngSize(book[media[0]]).width).toBe(picture.width);
    // The Word report carries the same picture, with its alternative text.
    const report = unzipSync(new Uint8Array(fs.readFileSync(docx)));
    expect(Object.keys(report).filter((k) => /^word\/media\/.+\.png$/.test(k))).toHaveLength(1);
    expect(strFromU8(report["word/document.xml"])).toMatch(/descr="Each ward of South Cambridgeshire shaded by its Table 4 risk level\."/);
  });

  it("reads a .shp with its parts beside it, and refuses one whose .dbf is missing before writing anything", async () => {
    const dir = tempDir();
    const wards = (JSON.parse((await run("build", DEMO, "--json")).stdout) as { wards: Ward[] }).wards;
    const parts = shapefileParts(
      wards.map((w, i) => ({
        attributes: { WD22CD: `E0501${3000 + i}`, WD22NM: w.ward },
        polygons: [[bngSquare(500000 + i * 5000, 200000, 4000, true)]],
      })),
    );
    for (const [ext, bytes] of Object.entries(parts)) fs.writeFileSync(path.join(dir, `wards${ext}`), bytes);
    const svg = path.join(dir, "map.svg");
    const r = await run("build", DEMO, "--boundaries", path.join(dir, "wards.shp"), "--map-svg", svg);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(svg, "utf8").match(/<path /g)).toHaveLength(wards.length);
    fs.rmSync(path.join(dir, "wards.dbf"));
    const out = path.join(dir, "Table 4.xlsx");
    const refused = await run("build", DEMO, "--boundaries", path.join(dir, "wards.shp"), "--out", out, "--json");
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: "not-boundaries" });
    expect(JSON.parse(refused.stdout).error.message).toMatch(/\.dbf/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("shades the wards by one column's flags or figures on request, with a legend of what each shade means", async () => {
    const dir = tempDir();
    const built = JSON.parse((await run("build", DEMO, "--json")).stdout) as {
      columns: { id: string; label: string }[];
      wards: (Ward & { flags: Record<string, boolean | null>; evidence: Record<string, { value: number | null }> })[];
    };
    const column = built.columns[0];
    const parts = shapefileParts(
      built.wards.map((w, i) => ({
        attributes: { WD24CD: `E0501${4000 + i}`, WD24NM: w.ward },
        polygons: [[bngSquare(500000 + (i % 6) * 5000, 200000 + Math.floor(i / 6) * 5000, 4000, true)]],
      })),
    );
    for (const [ext, bytes] of Object.entries(parts)) fs.writeFileSync(path.join(dir, `wards${ext}`), bytes);
    const flags = path.join(dir, "flags.svg");
    expect(
      (await run("build", DEMO, "--boundaries", path.join(dir, "wards.shp"), "--map-column", column.label, "--map-svg", flags)).code,
    ).toBe(0);
    const flagSvg = fs.readFileSync(flags, "utf8");
    const shades = [...flagSvg.matchAll(/data-shade="([^"]*)"><title>([^<:]+):/g)];
    expect(shades).toHaveLength(built.wards.length);
    for (const [, shade, ward] of shades) {
      const flag = built.wards.find((w) => w.ward === ward.replace(/&amp;/g, "&"))!.flags[column.id];
      expect(shade).toMatch(flag === true ? /^Flagged/ : flag === false ? /^Not flagged$/ : /^Not known/);
    }
    expect(flagSvg).toContain(`${column.label.replace(/&/g, "&amp;")} (`);
    const figures = path.join(dir, "figures.svg");
    expect(
      (await run("build", DEMO, "--boundaries", path.join(dir, "wards.shp"), "--map-figure", column.label, "--map-svg", figures)).code,
    ).toBe(0);
    const figureSvg = fs.readFileSync(figures, "utf8");
    // A larger figure is never in a lighter class than a smaller one.
    const order = ["#FEF0D9", "#FDCC8A", "#FC8D59", "#E34A33", "#B30000"];
    const drawn = [...figureSvg.matchAll(/fill="(#[0-9A-F]{6})"[^>]*><title>([^<:]+):/g)].map(([, fill, ward]) => ({
      shade: order.indexOf(fill),
      value: built.wards.find((w) => w.ward === ward.replace(/&amp;/g, "&"))!.evidence[column.id].value!,
    }));
    expect(new Set(drawn.map((d) => d.shade)).size).toBeGreaterThan(2);
    for (const a of drawn) for (const b of drawn) if (a.value < b.value) expect(a.shade).toBeLessThanOrEqual(b.shade);
    const unknown = await run(
      "build",
      DEMO,
      "--boundaries",
      path.join(dir, "wards.shp"),
      "--map-column",
      "Burglary",
      "--map-svg",
      path.join(dir, "x.svg"),
      "--json",
    );
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: "map-column-unknown" });
    expect(fs.existsSync(path.join(dir, "x.svg"))).toBe(false);
  });
});
