import * as React from "react";
import { Dropdown, Option } from "@fluentui/react-components";
import { useStyles } from "./styles";

export const NONE = "(none)";

/** A dropdown of names with "(none)" first: the sheet for a column, the lookup sheet, the earlier matrix. */
export function ChoiceOrNone({
  label,
  value,
  names,
  onChange,
  mark,
}: {
  label: string;
  /** The chosen name; undefined for none. */
  value: string | undefined;
  names: readonly string[];
  onChange: (name: string | undefined) => void;
  /** Text after a name in the list, such as a tick for a sheet of the right kind. */
  mark?: (name: string) => string;
}): React.ReactElement {
  const styles = useStyles();
  return (
    <Dropdown
      className={styles.full}
      aria-label={label}
      value={value ?? NONE}
      selectedOptions={[value ?? NONE]}
      onOptionSelect={(_, d) => onChange(d.optionValue === NONE ? undefined : d.optionValue)}
    >
      <Option value={NONE}>{NONE}</Option>
      {names.map((n) => (
        <Option key={n} value={n} text={n}>
          {n}
          {mark?.(n) ?? ""}
        </Option>
      ))}
    </Dropdown>
  );
}
