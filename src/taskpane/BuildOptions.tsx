import * as React from "react";
import { Checkbox, Dropdown, Field, Input, Option } from "@fluentui/react-components";
import { ChoiceOrNone } from "./ChoiceOrNone";
import { MARKINGS } from "./model";
import { useStyles } from "./styles";

export interface BuildOptionsProps {
  compiled: string;
  onCompiled: (text: string) => void;
  marking: string;
  onMarking: (marking: string) => void;
  compareWith: string | undefined;
  /** The workbook's earlier Table 4 sheets. */
  matrices: readonly string[];
  onCompareWith: (sheet: string | undefined) => void;
  allowPartial: boolean;
  onAllowPartial: (allow: boolean) => void;
}

/** How a build is labelled and made: the date compiled, the protective marking, the earlier matrix to compare with, and whether rows with errors are left out. */
export function BuildOptions({
  compiled,
  onCompiled,
  marking,
  onMarking,
  compareWith,
  matrices,
  onCompareWith,
  allowPartial,
  onAllowPartial,
}: BuildOptionsProps): React.ReactElement {
  const styles = useStyles();
  return (
    <>
      <Field label="Data compiled">
        <Input value={compiled} onChange={(_, d) => onCompiled(d.value)} aria-label="Data compiled" />
      </Field>
      <Field label="Protective marking">
        <Dropdown
          className={styles.full}
          aria-label="Protective marking"
          value={marking}
          selectedOptions={[marking]}
          onOptionSelect={(_, d) => d.optionValue && onMarking(d.optionValue)}
        >
          {MARKINGS.map((m) => (
            <Option key={m} value={m}>
              {m}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Compare with an earlier matrix" hint="Its concerns and priorities are carried forward.">
        <ChoiceOrNone label="Earlier matrix" value={compareWith} names={matrices} onChange={onCompareWith} />
      </Field>
      <Checkbox
        checked={allowPartial}
        onChange={(_, d) => onAllowPartial(!!d.checked)}
        label="Build from the rows that are fine when some have errors"
      />
    </>
  );
}
