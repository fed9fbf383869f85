import { Criteria } from "../engine/criteria";
import { Finding } from "../engine/findings";
import { AnyLookup } from "../engine/geography";
import { checkInputs, InputFile } from "../engine/pipeline";
import { ParsedReturn } from "../engine/returns";

export interface CheckRequest {
  inputs: readonly InputFile[];
  criteria: Criteria;
  lookups: readonly AnyLookup[];
  district?: string;
  map?: Record<string, Record<string, string>>;
}

export interface CheckOutcome {
  /** The returns read (not those read out of them, such as police ASB out of a data.police.uk file). */
  returns: ParsedReturn[];
  findings: Finding[];
  /** Which lookup placed the LSOAs, in words, when one did. */
  geography?: string;
}

/**
 * Checks returns as a partner or analyst would before building: every check `build` runs on
 * them, without asking for the returns of other columns.
 */
export function checkReturns(request: CheckRequest): CheckOutcome {
  const checked = checkInputs(request.inputs, {
    criteria: request.criteria,
    lookups: request.lookups,
    map: request.map,
    district: request.district,
  });
  return {
    returns: checked.returns.filter((r) => !r.derivedFrom),
    findings: checked.findings.filter((f) => f.code !== "no-return-for-column"),
    geography: checked.geography?.describeLsoaLookup(),
  };
}
