import * as React from "react";
import { Field, Input } from "@fluentui/react-components";
import { ActionButton } from "./ActionButton";
import type { CriteriaSpec } from "../engine/rules/criteria";
import { parseRiskKey, parseRule } from "../app/districtCriteria";
import type { District } from "../app/districtCriteria";
import { addedColumn, lastWholeMonth, rewordColumn } from "../app/districtCriteria";
import { AddColumn, ColumnFields } from "./ColumnFields";
import { ThresholdAdvice } from "./ThresholdAdvice";
import type { ThresholdProposal } from "../app/proposeThresholds";
import { stillTheExample } from "./model";
import { DistrictCriteria } from "./DistrictCriteria";
import { useStyles } from "./styles";

export const DEFAULT_RISK_KEY = "0:Low;1-2:Medium;3+:High";

type ColumnSpec = CriteriaSpec["columns"][number];

/** Why the criteria in the form cannot be used yet, per column rule and for the risk key. */
export function criteriaFormErrors(criteria: CriteriaSpec): { rules: (string | undefined)[]; key?: string } {
  const rules = criteria.columns.map((c) => {
    const r = parseRule(c.rule);
    return r.ok ? undefined : r.message;
  });
  const k = parseRiskKey(criteria.riskKey ?? DEFAULT_RISK_KEY);
  return { rules, key: k.ok ? undefined : k.message };
}

export const hasFormErrors = (e: ReturnType<typeof criteriaFormErrors>): boolean => !!e.key || e.rules.some(Boolean);

/** Why criteria cannot be used yet (a rule or the risk key the form cannot read), or undefined. */
export const formBlocked = (criteria: CriteriaSpec): string | undefined =>
  hasFormErrors(criteriaFormErrors(criteria))
    ? "A rule or the risk key under “Criteria and risk key” needs correcting first (it is marked in red there)."
    : undefined;

export interface CriteriaFormProps {
  criteria: CriteriaSpec;
  /** Thresholds proposed from the district's own figures, once asked for. */
  proposal?: ThresholdProposal;
  onSuggest?: () => void;
  /** The last month the returns have rows for, where a district's standard periods end unless changed. */
  dataEnd?: string;
  districts: District[];
  onChange: (change: (c: CriteriaSpec) => CriteriaSpec) => void;
  onApplyDistrict: (criteria: CriteriaSpec) => void;
  onSave: () => void;
}

/** Each column's label, rule and period, and the risk key; the standard criteria of a district to start from. */
export function CriteriaForm({
  criteria,
  proposal,
  onSuggest,
  dataEnd,
  districts,
  onChange,
  onApplyDistrict,
  onSave,
}: CriteriaFormProps): React.ReactElement {
  const styles = useStyles();
  const errors = criteriaFormErrors(criteria);
  // A new rule or period rewords the column's criterion, so the table never states a threshold it did not apply.
  const setColumn = (i: number, change: Partial<ColumnSpec>) =>
    onChange((c) => ({
      ...c,
      columns: c.columns.map((col, j) =>
        j !== i ? col : change.rule !== undefined || change.period ? rewordColumn({ ...col, ...change }) : { ...col, ...change },
      ),
    }));
  // Accepting a proposal takes its rule and criterion whole: the criterion then says how the threshold was set.
  const accept = (i: number, proposed: ColumnSpec) =>
    onChange((c) => ({
      ...c,
      columns: c.columns.map((col, j) => (j === i ? { ...col, rule: proposed.rule, criterion: proposed.criterion } : col)),
    }));
  const removeColumn = (i: number) => onChange((c) => ({ ...c, columns: c.columns.filter((_, j) => j !== i) }));
  const addColumn = (id: string) =>
    onChange((c) => {
      const col = addedColumn(c, id, lastWholeMonth(new Date()));
      return col ? { ...c, columns: [...c.columns, col] } : c;
    });
  return (
    <>
      {/* While the criteria are still the example, the district is asked first, above the form. */}
      {stillTheExample(criteria) ? null : (
        <DistrictCriteria districts={districts} current={criteria.district?.name} dataEnd={dataEnd} onApply={onApplyDistrict} />
      )}
      {criteria.columns.map((c, i) => (
        <ColumnFields
          key={c.id}
          column={c}
          error={errors.rules[i]}
          onChange={(change) => setColumn(i, change)}
          onRemove={criteria.columns.length > 1 ? () => removeColumn(i) : undefined}
        >
          <ThresholdAdvice proposal={proposal} column={c} onAccept={(proposed) => accept(i, proposed)} />
        </ColumnFields>
      ))}
      {onSuggest ? <ActionButton onClick={onSuggest}>Suggest thresholds from this workbook's data</ActionButton> : null}
      <AddColumn criteria={criteria} onAdd={addColumn} />
      <Field
        label="Risk key"
        validationState={errors.key ? "error" : "none"}
        validationMessage={errors.key ?? "Flags for each level, e.g. 0:Low;1-2:Medium;3+:High"}
      >
        <Input
          value={criteria.riskKey ?? DEFAULT_RISK_KEY}
          onChange={(_, d) => onChange((c) => ({ ...c, riskKey: d.value }))}
          aria-label="Risk key"
        />
      </Field>
      <div className={styles.row}>
        <ActionButton onClick={onSave} why={formBlocked(criteria)}>
          Save criteria in this workbook
        </ActionButton>
      </div>
    </>
  );
}
