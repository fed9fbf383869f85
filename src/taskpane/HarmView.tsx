import * as React from "react";
import { Body1, Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Text } from "@fluentui/react-components";
import type { SheetInfo, WorkbookActions } from "../common/workbookPort";
import { SheetPicker } from "./SheetPicker";
import { useStyles } from "./styles";
import { useHarmWeighing } from "./useHarmWeighing";
import { TaskStatus } from "./TaskStatus";
import { useTask } from "./useTask";

export function HarmView({ actions, sheets }: { actions: WorkbookActions; sheets: SheetInfo[] }): React.ReactElement {
  const styles = useStyles();
  const task = useTask();
  const h = useHarmWeighing(actions, sheets, task);
  const { sheet, setSheet, offenceCol, setOffenceCol, countCol, setCountCol, population, setPopulation } = h;
  const { result, headers, label, calculate, insert } = h;
  const column = (name: string, col: number | undefined, set: (c: number) => void) => (
    <Field label={`${name} column`}>
      <Dropdown
        className={styles.full}
        aria-label={`${name} column`}
        value={label(col)}
        selectedOptions={col === undefined ? [] : [String(col)]}
        onOptionSelect={(_, d) => set(Number(d.optionValue))}
      >
        {headers.map((x) => (
          <Option key={x.col} value={String(x.col)}>
            {x.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );

  if (!sheets.length) return <Body1>No sheets yet: add a sheet with an offence column and a count column.</Body1>;
  return (
    <div className={styles.section}>
      <Body1 className={styles.wrap}>Weigh offences by the Cambridge Crime Harm Index (days of imprisonment per offence).</Body1>
      <SheetPicker sheets={sheets} sheet={sheet} onSheet={setSheet} label="Sheet with offences" />
      {column("Offence", offenceCol, setOffenceCol)}
      {column("Count", countCol, setCountCol)}
      <Field label="Population (for the rate per 1,000)">
        <Input value={population} onChange={(_, d) => setPopulation(d.value)} inputMode="numeric" aria-label="Population" />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={calculate} disabled={offenceCol === undefined || countCol === undefined}>
          Calculate
        </Button>
        <Button onClick={insert} disabled={offenceCol === undefined || countCol === undefined}>
          Insert formula at the selected cell
        </Button>
      </div>
      {result?.error ? (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody className={styles.wrap}>{result.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {result && !result.error ? (
        <div aria-live="polite" className={styles.section}>
          <Text>
            Harm-weighted total: <strong>{result.total?.toLocaleString("en-GB")}</strong> days
          </Text>
          {result.rate !== undefined ? (
            <Text>
              Per 1,000 population: <strong>{result.rate.toLocaleString("en-GB", { maximumFractionDigits: 1 })}</strong>
            </Text>
          ) : null}
        </div>
      ) : null}
      <TaskStatus task={task} cancellable />
    </div>
  );
}
