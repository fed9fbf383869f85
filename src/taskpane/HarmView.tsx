import * as React from "react";
import { ActionButton } from "./ActionButton";
import { Body1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Text } from "@fluentui/react-components";
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
  const columnsMissing = offenceCol === undefined || countCol === undefined ? "Choose the offence and count columns first." : undefined;
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
        <ActionButton appearance="primary" onClick={() => void calculate()} busy={task.busy !== undefined} why={columnsMissing}>
          Calculate
        </ActionButton>
        <ActionButton onClick={() => void insert()} busy={task.busy !== undefined} why={columnsMissing}>
          Insert formula at the selected cell
        </ActionButton>
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
