import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "./csv";
import { cellText } from "../../src/engine/read/cells";
import { ONS_LOOKUP } from "./publicData";
import { csvLine } from "../../src/bench/policeUk";

/** The published ONS lookup's rows (FID, LSOA11CD, LSOA11NM, WD19CD, WD19NM, LAD19CD, LAD19NM). */
export function onsRows(): string[][] {
  return parseCsv(fs.readFileSync(ONS_LOOKUP, "utf8"))
    .slice(1)
    .filter((r) => r.length >= 7)
    .map((r) => r.map((c) => cellText(c)));
}

/**
 * The same lookup in today's shape: LSOA 2021 to wards of `wardYear`, with ObjectId last (or
 * Welsh names and FID where `welsh`), columns in the order the ONS now publishes them.
 */
export function writeCurrentLookup(dir: string, wardYear = 24, welsh = false, rows = onsRows()): string {
  const yy = String(wardYear);
  const header = welsh
    ? [`WD${yy}CD`, `WD${yy}NM`, `WD${yy}NMW`, `LSOA21CD`, `LSOA21NM`, `LAD${yy}CD`, `LAD${yy}NM`, `LAD${yy}NMW`, "FID"]
    : [`LSOA21CD`, `LSOA21NM`, `WD${yy}CD`, `WD${yy}NM`, `LAD${yy}CD`, `LAD${yy}NM`, "ObjectId"];
  const lines = [header.join(",")];
  rows.forEach(([fid, lsoa, lsoaName, wdCd, wdNm, ladCd, ladNm], i) => {
    lines.push(
      csvLine(welsh ? [wdCd, wdNm, "", lsoa, lsoaName, ladCd, ladNm, "", fid] : [lsoa, lsoaName, wdCd, wdNm, ladCd, ladNm, String(i + 1)]),
    );
  });
  const file = path.join(dir, `LSOA21_WD${yy}_LAD${yy}_EW_LU.csv`);
  fs.writeFileSync(file, `\ufeff${lines.join("\r\n")}\r\n`);
  return file;
}
