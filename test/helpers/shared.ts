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
