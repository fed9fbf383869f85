/*
 * The ward map as a PNG picture (for the workbook, the Word report and --map-png), drawn from its
 * SVG by resvg with the DejaVu Sans font shipped as a package, so the picture is the same on every
 * machine whatever fonts it has.
 */
import { Resvg } from "@resvg/resvg-js";

const FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));

export interface MapPicture {
  png: Uint8Array;
  /** Pixels: twice the SVG's size, so the picture stays sharp when printed. */
  width: number;
  height: number;
}

export function mapPicture(svg: string, zoom = 2): MapPicture {
  const rendered = new Resvg(svg, {
    fitTo: { mode: "zoom", value: zoom },
    font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  }).render();
  return { png: new Uint8Array(rendered.asPng()), width: rendered.width, height: rendered.height };
}
