import * as React from "react";
import { ActionButton } from "./ActionButton";
import { Button, Caption1, Dropdown, Field, Input, Option } from "@fluentui/react-components";
import type { CriteriaSpec } from "../engine/rules/criteria";
import type { District } from "../app/districtCriteria";
import { criteriaForDistrict, defaultEndMonth, publishedExample } from "./model";
import { useStyles } from "./styles";

export interface DistrictCriteriaProps {
  /** The districts of the lookup sheet; empty when no lookup is chosen. */
  districts: District[];
  current?: string;
  /** The last month the workbook's returns have rows for ("2025-09"): where the periods end unless changed. */
  dataEnd?: string;
  onApply: (criteria: CriteriaSpec) => void;
}

/** Picks a district of the lookup and the last month of the data, and fills the form with the standard criteria for them. */
export function DistrictCriteria({ districts, current, dataEnd, onApply }: DistrictCriteriaProps): React.ReactElement {
  const styles = useStyles();
  const [name, setName] = React.useState<string | undefined>(current && districts.some((d) => d.name === current) ? current : undefined);
  // A lookup of one district (read after the form first shows) has that district chosen already.
  React.useEffect(() => {
    if (districts.length === 1) setName((n) => n ?? districts[0].name);
  }, [districts]);
  const [end, setEnd] = React.useState(dataEnd ?? defaultEndMonth());
  const [typed, setTyped] = React.useState(false);
  // The data's last month, once the sheets have been looked at, unless the user has typed one.
  React.useEffect(() => {
    if (dataEnd && !typed) setEnd(dataEnd);
  }, [dataEnd, typed]);
  const [error, setError] = React.useState<string | undefined>();
  if (!districts.length) {
    return (
      <Caption1 className={styles.wrap}>
        Choose or import the ONS lookup (under “Data for each column”) to pick your district from it.
      </Caption1>
    );
  }
  const apply = () => {
    const district = districts.find((d) => d.name === name);
    if (!district) return;
    const r = criteriaForDistrict(district, end);
    if (!r.ok) return setError(r.message);
    setError(undefined);
    onApply(r.criteria);
  };
  return (
    <div className={styles.section}>
      <Field label="District">
        <Dropdown
          className={styles.full}
          aria-label="District"
          placeholder="Choose the district"
          value={name ?? ""}
          selectedOptions={name ? [name] : []}
          onOptionSelect={(_, d) => setName(d.optionValue)}
        >
          {districts.map((d) => (
            <Option key={d.code ?? d.name} value={d.name}>
              {d.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label="Last month of the data"
        hint={`Periods end here: 12 months for crime and ASB, 36 for fires, 6 for benefits.${dataEnd ? " It starts at the last month the returns have rows for." : ""}`}
        validationState={error ? "error" : "none"}
        validationMessage={error}
      >
        <Input
          type="month"
          value={end}
          onChange={(_, d) => {
            setTyped(true);
            setEnd(d.value);
          }}
          aria-label="Last month of the data"
        />
      </Field>
      <div className={styles.row}>
        <ActionButton onClick={apply} why={name ? undefined : "Choose the district first."}>
          Use the standard criteria for this district
        </ActionButton>
        {current !== undefined ? (
          // The published example stays to hand by name, as `riskmatrix criteria --preset` keeps it.
          <Button appearance="transparent" size="small" onClick={() => onApply(publishedExample())}>
            Or the published South Cambridgeshire criteria (January 2020)
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The first thing a workbook still holding the published example's criteria asks: the user's own
 * district, from the lookup, so that no other district's thresholds are taken for its own.
 */
export function StartFromDistrict({ districts, dataEnd, onApply }: Omit<DistrictCriteriaProps, "current">): React.ReactElement {
  const styles = useStyles();
  return (
    <section className={styles.group} aria-label="Your district">
      <Caption1 className={styles.wrap}>
        This workbook has the criteria of the published South Cambridgeshire example (January 2020). Start from your own district:
      </Caption1>
      <DistrictCriteria districts={districts} dataEnd={dataEnd} onApply={onApply} />
    </section>
  );
}
