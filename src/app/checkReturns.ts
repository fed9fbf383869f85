import { Criteria } from "../engine/rules/criteria";
import { columnCoverage } from "../engine/returns/coverage";
import { Finding, hasErrors } from "../engine/findings/findings";
import { AnyLookup } from "../engine/geography/lookups";
import { checkInputs, InputFile } from "../engine/matrix/pipeline";
import { ParsedReturn } from "../engine/returns/returns";

export interface CheckRequest {
  inputs: readonly InputFile[];
  criteria: Criteria;
  lookups: readonly AnyLookup[];
  district?: string;
  map?: Record<string, Record<string, string>>;
  /** Returns of one column whose periods overlap are meant to be summed. */
  allowOverlap?: boolean;
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
  // The coverage build holds each column to, for the columns these returns feed; a return whose
  // own errors left it no rows is already explained by them.
  const readable = checked.returns.filter((r) => r.records.length > 0 || !hasErrors((r.derivedFrom ?? r).findings));
  const coverage = checked.geography ? columnCoverage(request.criteria, readable, checked.geography, request).findings : [];
  return {
    returns: checked.returns.filter((r) => !r.derivedFrom),
    findings: [...checked.findings.filter((f) => f.code !== "no-return-for-column"), ...coverage],
    geography: checked.geography?.describeLsoaLookup(),
  };
}
