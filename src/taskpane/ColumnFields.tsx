import * as React from "react";
import { Caption1, Dropdown, Field, Input, Option } from "@fluentui/react-components";
import type { CriteriaSpec } from "../engine/rules/criteria";
import { boundOfMonth, columnsToAdd, monthOfBound, ruleInWords } from "../app/districtCriteria";
import { ActionButton } from "./ActionButton";
import { kindLabel } from "./model";
import { useStyles } from "./styles";

type ColumnSpec = CriteriaSpec["columns"][number];

export interface ColumnFieldsProps {
  column: ColumnSpec;
  /** Why the rule cannot be read, if it cannot. */
  error?: string;
  onChange: (change: Partial<ColumnSpec>) => void;
  /** Absent when the column is the last one: Table 4 needs a column. */
  onRemove?: () => void;
  /** Shown under the rule: the district's own figures for it, and a threshold to accept. */
  children?: React.ReactNode;
}

/** One column of the criteria as a group: its label, its rule (and the rule in words), its period by month, and the sentence Table 4 prints. */
export function ColumnFields({ column: c, error, onChange, onRemove, children }: ColumnFieldsProps): React.ReactElement {
  const styles = useStyles();
  const setBound = (end: "from" | "to", month: string) => {
    const bound = boundOfMonth(month, end);
    if (c.period && bound) onChange({ period: { ...c.period, [end]: bound } });
  };
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>
        {c.label} ({kindLabel(c.kind)})
      </legend>
      <Field label="Label">
        <Input value={c.label} onChange={(_, d) => onChange({ label: d.value })} aria-label={`Column label (${c.id})`} />
      </Field>
      <Field
        label="Rule"
        validationState={error ? "error" : "none"}
        validationMessage={error ?? `In words: ${ruleInWords(c.rule)}${/^rate/i.test(c.rule) ? "" : " (or rate>=N per 1,000 residents)"}`}
      >
        <Input value={c.rule} onChange={(_, d) => onChange({ rule: d.value })} aria-label={`Rule for ${c.label}`} />
      </Field>
      {children}
      {c.period ? (
        <div className={styles.row}>
          {(["from", "to"] as const).map((end) => (
            <Field key={end} label={end === "from" ? "From (month)" : "To (month)"} className={styles.grow}>
              <Input
                type="month"
                value={monthOfBound(c.period![end], end)}
                onChange={(_, d) => setBound(end, d.value)}
                aria-label={`${c.label} period ${end}`}
              />
            </Field>
          ))}
        </div>
      ) : null}
      <Caption1 className={styles.wrap}>Table 4 will print: “{c.criterion ?? c.label}”</Caption1>
      <ActionButton size="small" onClick={() => onRemove?.()} why={onRemove ? undefined : "Table 4 needs a column."}>
        Remove this column
      </ActionButton>
    </fieldset>
  );
}

/** The standard columns the criteria do not have yet, to add one. */
export function AddColumn({ criteria, onAdd }: { criteria: CriteriaSpec; onAdd: (id: string) => void }): React.ReactElement | null {
  const missing = columnsToAdd(criteria);
  if (!missing.length) return null;
  return (
    <Field label="Add a column">
      <Dropdown
        aria-label="Add a column"
        placeholder="Choose a dataset"
        value=""
        selectedOptions={[]}
        onOptionSelect={(_, d) => d.optionValue && onAdd(d.optionValue)}
      >
        {missing.map((c) => (
          <Option key={c.id} value={c.id}>
            {c.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
