import * as fs from "fs";
import * as path from "path";

/** The public reference files (ONS lookup, IoD2019, manifest schemas), kept in the repository: see data/public/README.md. */
export const PUBLIC_DATA = path.resolve(__dirname, "..", "..", "data", "public");
export const ONS_LOOKUP = path.join(PUBLIC_DATA, "ons_lsoa11_ward19_lookup_ew.csv");
export const IMD_FILE_1 = path.join(PUBLIC_DATA, "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz");
export const IMD_FILE_2 = path.join(PUBLIC_DATA, "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz");

export const DEMO = path.resolve(__dirname, "..", "..", "examples", "south-cambridgeshire-2020");

/** Microsoft's add-in manifest schemas (see their README there). */
export const MANIFEST_SCHEMAS = path.join(PUBLIC_DATA, "addin-manifest-schemas");

/** Validates a manifest against the schemas with libxml2 (xmllint, as WebAssembly): the errors, or none. */
export async function schemaErrors(xml: string): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateXML } = require("xmllint-wasm") as typeof import("xmllint-wasm");
  const read = (f: string) => ({ fileName: f, contents: fs.readFileSync(path.join(MANIFEST_SCHEMAS, f), "utf8") });
  const main = "OfficeAppManifestV1_1.xsd";
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [read(main)],
    preload: fs
      .readdirSync(MANIFEST_SCHEMAS)
      .filter((f) => f.endsWith(".xsd") && f !== main)
      .map(read),
  });
  return result.errors.map((e) => e.rawMessage);
}
