import * as React from "react";
import { Dropdown, Field, Option } from "@fluentui/react-components";
import type { SheetInfo } from "../common/workbookPort";
import { useStyles } from "./styles";

/** One of the workbook's sheets, chosen from a list of them. */
export function SheetPicker(props: {
  sheets: SheetInfo[];
  sheet: string;
  onSheet: (sheet: string) => void;
  label: string;
}): React.ReactElement {
  const { sheets, sheet, onSheet, label } = props;
  const styles = useStyles();
  return (
    <Field label="Sheet">
      <Dropdown
        className={styles.full}
        value={sheet}
        selectedOptions={[sheet]}
        onOptionSelect={(_, d) => onSheet(d.optionValue ?? sheet)}
        aria-label={label}
      >
        {sheets.map((s) => (
          <Option key={s.name} value={s.name}>
            {s.name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
