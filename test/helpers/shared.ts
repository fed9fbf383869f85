import * as fs from "fs";
import * as path from "path";

/** The public reference files (ONS lookup, IoD2019) live beside the project, not in it. */
export const SHARED_DATA = path.resolve(__dirname, "..", "..", "..", "shared", "data");
export const ONS_LOOKUP = path.join(SHARED_DATA, "ons_lsoa11_ward19_lookup_ew.csv");
export const IMD_FILE_1 = path.join(SHARED_DATA, "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz");
export const IMD_FILE_2 = path.join(SHARED_DATA, "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz");

export const hasSharedData = fs.existsSync(ONS_LOOKUP) && fs.existsSync(IMD_FILE_1) && fs.existsSync(IMD_FILE_2);

/** Tests that need ../shared/data: reported as skipped (never passed) when it is absent. */
export const describeWithSharedData = hasSharedData ? describe : describe.skip;

export const DEMO = path.resolve(__dirname, "..", "..", "examples", "south-cambridgeshire-2020");

/** Microsoft's add-in manifest schemas (see their README there), beside the project. */
export const MANIFEST_SCHEMAS = path.resolve(__dirname, "..", "..", "..", "shared", "schemas", "addin-manifest");
export const hasManifestSchemas = fs.existsSync(path.join(MANIFEST_SCHEMAS, "OfficeAppManifestV1_1.xsd"));
/** Tests that need the schemas: reported as skipped (never passed) when they are absent. */
export const describeWithManifestSchemas = hasManifestSchemas ? describe : describe.skip;

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
