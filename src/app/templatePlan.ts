import { Criteria } from "../engine/rules/criteria";
import { MonthNumber } from "../engine/read/dates";
import { AnyLookup } from "../engine/geography/lookups";
import { Geography } from "../engine/geography/geography";
import { geographyFor } from "../engine/matrix/pipeline";
import { criteriaForCheck } from "./table4";

/** What a partner's blank return is drawn from: the criteria (periods, examples) and the district's wards. */
export interface TemplatePlan {
  criteria: Criteria;
  geography?: Geography;
}

export function templatePlan(request: {
  criteria?: Criteria;
  district?: string;
  lookups: readonly AnyLookup[];
  end?: MonthNumber;
  today: MonthNumber;
}): TemplatePlan {
  const criteria = criteriaForCheck(request);
  const district = request.district ?? criteria.district?.name;
  return { criteria, geography: district ? geographyFor(criteria, district, request.lookups) : undefined };
}
