import { builtInCriteria } from "../engine/rules/criteria";
import { columnCoverage } from "../engine/returns/coverage";
import { Finding, hasErrors } from "../engine/findings/findings";
import { AnyLookup } from "../engine/geography/lookups";
import { ImdProfile, imdProfile } from "../engine/geography/imdProfile";
import { InputFile, placeInputs, readInputs } from "../engine/matrix/pipeline";

/** The IMD column, only so the profile is held to the same checks (coverage, the district's rows) as Table 4. */
const IMD_ONLY = builtInCriteria(
  {
    columns: [
      { id: "imd", label: "IMD", kind: "imd", geography: "lsoa", measure: { aggregate: "min", field: "decile" }, rule: "decile<=3" },
    ],
  },
  "IMD profile",
);

/**
 * The "IMD profile by ward": the IoD file read as published (its Notes sheet skipped), placed in
 * the district's wards, and each ward's LSOAs in the 30% most deprived counted per domain.
 */
export function imdProfileFor(
  input: InputFile,
  lookups: readonly AnyLookup[],
  district: string,
): { profile?: ImdProfile; findings: Finding[] } {
  const criteria = IMD_ONLY;
  const options = { criteria, lookups, district };
  const placed = placeInputs(readInputs([{ ...input, kind: "imd" }], { periods: criteria }), options);
  if (!placed.geography) return { findings: placed.findings };
  const findings = [...placed.findings, ...columnCoverage(criteria, placed.returns, placed.geography).findings];
  if (hasErrors(findings)) return { findings };
  return { profile: imdProfile(placed.returns, placed.geography), findings };
}
