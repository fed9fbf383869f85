/* Findings about places: rows that cannot be placed in a ward of the district, and lookups that do not fit. */
import { listNames, plural } from "../read/text";
import { entry, Grouped } from "./catalogueEntry";
import { AcrossFiles, rowsAcrossFiles } from "./catalogueRows";
import { isAre, itIs, verbS } from "./catalogueWords";

/** An area a row names (an LSOA or village) that the lookup cannot place. */
type UnknownArea = {
  area: string;
  row: number;
  /** The row's own ward, when it has one that is no ward of the district either. */
  ward?: string;
  district: string;
};

export const PLACE_FINDINGS = {
  "ambiguous-ward": entry<{ ward: string; row: number; district: string; others: readonly string[] }>({
    severity: "error",
    title: "Ward of several districts",
    description: "In a county-wide return without a district column, a ward name that several districts have cannot be placed.",
    tags: ["places"],
    message: (p) =>
      `"${p.ward}" in row ${p.row} is a ward of ${p.district} and of ${listNames(p.others, 3)}; this return holds rows of other districts and no district column, so the row is not placed.`,
    fix: () => "Add a district column (Local Authority District name) to the return, or give LSOA codes.",
  }),
  "unknown-ward": entry<{ ward: string; row: number; district: string; nearest: readonly string[]; wards: number }>({
    severity: "error",
    title: "Not a ward of the district",
    description: "A ward name is not one of the district's wards or their aliases.",
    tags: ["places"],
    message: (p) =>
      `"${p.ward}" in row ${p.row} is not a ward of ${p.district}${p.nearest.length ? `; nearest: ${listNames(p.nearest)}` : ""}.`,
    fix: (p) =>
      p.nearest.length
        ? `Correct the spelling (did you mean ${p.nearest[0]}?), or add an alias for it in the criteria file.`
        : `Use one of the ${p.wards} wards of ${p.district}.`,
  }),
  "unknown-lsoa": entry<UnknownArea>({
    severity: "error",
    title: "LSOA not in the lookup",
    description: "An LSOA code is not in the lookup and the row has no known ward.",
    tags: ["places"],
    message: (p) => unknownArea("LSOA", p),
    fix: () => "Check the code against the ONS LSOA-to-ward lookup, or add a Ward column.",
  }),
  "unknown-village": entry<UnknownArea>({
    severity: "error",
    title: "Village not in the lookup",
    description: "A village is not in the lookup and the row has no known ward.",
    tags: ["places"],
    message: (p) => unknownArea("Village", p),
    fix: () => "Add the village to the village lookup, or fill in the Ward column.",
  }),
  "no-lookup": entry<{ areaType: "LSOA" | "village"; area: string; row: number }>({
    severity: "error",
    title: "No lookup for the area",
    description: "A row names an LSOA or village, has no ward, and no lookup was given.",
    tags: ["places"],
    message: (p) => `Row ${p.row} names ${p.areaType} "${p.area}" but no ${p.areaType} lookup was given and the row has no ward.`,
    fix: () => "Give a lookup (for LSOAs, the ONS LSOA-to-ward file), or add a Ward column.",
  }),
  "ward-disagrees": entry<{ row: number; ward: string; areaType: "LSOA" | "village"; area: string; lookupWard: string }>({
    severity: "warning",
    title: "Ward disagrees with the lookup",
    description: "A row's ward differs from the ward the lookup gives its area; the lookup's is used.",
    tags: ["places"],
    message: (p) =>
      `Row ${p.row} gives the ward "${p.ward}", but the lookup puts ${p.areaType} ${p.area} in ${p.lookupWard}; the lookup's ward is used.`,
    fix: () => "Correct the Ward column, or the lookup if the boundary has changed.",
  }),
  "other-district": entry<AcrossFiles & { count: number; areas: string; district: string; first: number; national: boolean }>({
    severity: "warning",
    otherwise: { severity: "info", when: "the dataset covers more than one district (data.police.uk, the Indices of Deprivation)" },
    title: "Rows for another district",
    description: "Rows for areas outside the district are excluded and counted.",
    tags: ["places"],
    message: (p) =>
      p.files
        ? `${rowsAcrossFiles(p.count, p)} are for areas outside ${p.district} and are excluded.`
        : `${plural(p.count, "row")} ${isAre(p.count)} for areas outside ${p.district} (${p.areas}) and ${isAre(p.count)} excluded (first: row ${p.first}).`,
    fix: (p) => (p.national ? "Nothing to do: this file covers more than one district." : "Check the return is for the right district."),
  }),
  "split-lsoa": entry<Grouped & { via: string; example: string }>({
    severity: "error",
    title: "LSOA split between wards",
    description: "An LSOA of another census now lies in more than one ward; its rows are never guessed into one.",
    tags: ["places"],
    message: (p) =>
      `${plural(p.count, "row")} name${verbS(p.count)} an LSOA that changed from ${p.via} and now lies in more than one ward (${p.example}); ${itIs(p.count)} not placed, never guessed: ${p.cells}.`,
    fix: () => "Add a Ward column for these rows, or ask the partner for the return with current LSOA codes.",
  }),
  "lsoa-vintage": entry<Grouped & { theirs: number; ours: number; example: string; lookup: string }>({
    severity: "error",
    title: "LSOA codes of another census",
    description: "The return's LSOA codes are of a census the lookup does not hold, and no chain between them was given.",
    tags: ["places"],
    message: (p) =>
      `${plural(p.count, "row")} give${verbS(p.count)} LSOA codes of the ${p.theirs} census (such as ${p.example}) that the lookup (${p.lookup}) does not hold: the return uses ${p.theirs} LSOAs and the lookup ${p.ours} LSOAs. Rows: ${p.cells}.`,
    fix: (p) =>
      `Give the ONS "LSOA (2011) to LSOA (2021) to Local Authority District (2022)" lookup from the Open Geography Portal as one more lookup, so ${p.theirs} codes are placed in the ${p.ours}-based wards; or use an LSOA-to-ward lookup of the return's own vintage.`,
  }),
  "lookup-vintages": entry<{ clash: string }>({
    severity: "error",
    title: "Lookups of different vintages",
    description: "Two LSOA-to-ward lookups of different years were given; merged, they would make a ward list of neither.",
    tags: ["places"],
    message: (p) => `The LSOA-to-ward lookups are of different vintages: ${p.clash}. Merged, they would make a ward list of neither year.`,
    fix: () =>
      "Give one LSOA-to-ward lookup (the vintage of the wards the table is for), with the ONS LSOA 2011 to 2021 lookup if returns use the other census's codes.",
  }),
  "no-district": entry({
    severity: "error",
    title: "No district",
    description: "No district was named and the criteria name none.",
    tags: ["district"],
    message: () => "No district was named, and the criteria name none.",
    fix: () => "Name the district (e.g. South Cambridgeshire).",
  }),
  "no-wards": entry<{ district: string; nearest: readonly string[] }>({
    severity: "error",
    title: "No wards known",
    description: "Neither the lookups nor the returns name any ward of the district.",
    tags: ["district"],
    message: (p) =>
      `No wards of ${p.district} are known: the lookups list none for it and no return names any${p.nearest.length ? `; the lookup's nearest districts are ${listNames(p.nearest)}` : ""}.`,
    fix: () => 'Check the district\'s name (as the lookup writes it, e.g. "South Cambridgeshire"), or give a lookup.',
  }),
  "similar-ward-names": entry<{ a: string; b: string; district: string }>({
    severity: "warning",
    title: "Ward names a letter apart",
    description: "With wards taken from the returns, two names differ by a letter or two: probably one ward misspelt.",
    tags: ["district"],
    message: (p) => `"${p.a}" and "${p.b}" are both counted as wards of ${p.district}, but their names differ by a letter or two.`,
    fix: () => "If they are one ward, correct the spelling in the return, list the wards in the criteria file, or give a lookup.",
  }),
};

function unknownArea(what: string, p: UnknownArea): string {
  return `${what} "${p.area}" in row ${p.row} is not in the lookup${p.ward ? ` and the ward "${p.ward}" is not a ward of ${p.district}` : ""}, so the row cannot be placed in a ward.`;
}
