import * as React from "react";
import { Body1, Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Text } from "@fluentui/react-components";
import type { RowSheet } from "../engine/read/cells";
import { harmColumnsOf, harmFormula, harmOfColumns } from "../app/weighHarm";
import type { SheetInfo, WorkbookActions } from "../common/workbookPort";
import { defaultSheet } from "./model";
import { useStyles } from "./styles";
import { inWords } from "./useTask";

export function HarmView({ actions, sheets }: { actions: WorkbookActions; sheets: SheetInfo[] }): React.ReactElement {
  const styles = useStyles();
  const [sheet, setSheet] = React.useState(() => defaultSheet(sheets));
  const [data, setData] = React.useState<RowSheet | undefined>();
  const [offenceCol, setOffenceCol] = React.useState<number | undefined>();
  const [countCol, setCountCol] = React.useState<number | undefined>();
  const [population, setPopulation] = React.useState("");
  const [result, setResult] = React.useState<{ total?: number; rate?: number; error?: string } | undefined>();
  const [note, setNote] = React.useState<string | undefined>();

  React.useEffect(() => {
    if (!sheet) return;
    let live = true;
    actions
      .readSheet(sheet)
      .then((d) => {
        if (!live) return;
        setData(d);
        const guessed = harmColumnsOf(d);
        setOffenceCol(guessed.offence);
        setCountCol(guessed.count);
        setResult(undefined);
      })
      .catch((e) => setNote(`Could not read ${sheet}: ${inWords(e)}`));
    return () => {
      live = false;
    };
  }, [sheet, actions]);

  const { headerRow, headers } = data ? harmColumnsOf(data) : { headerRow: -1, headers: [] };
  const pop = Number(population.replace(/,/g, ""));
  const label = (col: number | undefined) => headers.find((h) => h.col === col)?.text ?? "Choose a column";

  const calculate = async () => {
    if (!data || offenceCol === undefined || countCol === undefined) return;
    // The sheet as it is now: officers edit counts between one calculation and the next.
    let now: RowSheet;
    try {
      now = await actions.readSheet(sheet);
    } catch (e) {
      return setNote(`Could not read ${sheet}: ${inWords(e)}`);
    }
    setData(now);
    const harm = harmOfColumns(now, offenceCol, countCol, pop > 0 ? pop : undefined);
    setResult(harm.ok ? { total: harm.total, rate: harm.rate } : { error: harm.message });
  };

  const insert = async () => {
    if (!data || offenceCol === undefined || countCol === undefined) return;
    try {
      const target = await actions.selectedAddress();
      const formula = harmFormula(sheet, headerRow, data.rows.length - 1, offenceCol, countCol, pop > 0 ? pop : undefined);
      await actions.insertFormula(target.sheet, target.address, formula);
      setNote(`Inserted ${formula} at ${target.sheet}!${target.address.split(":")[0]}.`);
    } catch (e) {
      setNote(`Could not insert the formula: ${inWords(e)}`);
    }
  };

  if (!sheets.length) return <Body1>No sheets yet: add a sheet with an offence column and a count column.</Body1>;
  return (
    <div className={styles.section}>
      <Body1 className={styles.wrap}>Weigh offences by the Cambridge Crime Harm Index (days of imprisonment per offence).</Body1>
      <Field label="Sheet">
        <Dropdown
          className={styles.full}
          aria-label="Sheet with offences"
          value={sheet}
          selectedOptions={[sheet]}
          onOptionSelect={(_, d) => setSheet(d.optionValue ?? sheet)}
        >
          {sheets.map((s) => (
            <Option key={s.name} value={s.name}>
              {s.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Offence column">
        <Dropdown
          className={styles.full}
          aria-label="Offence column"
          value={label(offenceCol)}
          selectedOptions={offenceCol === undefined ? [] : [String(offenceCol)]}
          onOptionSelect={(_, d) => setOffenceCol(Number(d.optionValue))}
        >
          {headers.map((h) => (
            <Option key={h.col} value={String(h.col)}>
              {h.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Count column">
        <Dropdown
          className={styles.full}
          aria-label="Count column"
          value={label(countCol)}
          selectedOptions={countCol === undefined ? [] : [String(countCol)]}
          onOptionSelect={(_, d) => setCountCol(Number(d.optionValue))}
        >
          {headers.map((h) => (
            <Option key={h.col} value={String(h.col)}>
              {h.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
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
      {note ? (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody className={styles.wrap}>{note}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
