import * as React from "react";
import { Body1, Button, Caption1, Dropdown, Field, MessageBar, MessageBarBody, Option } from "@fluentui/react-components";
import { hasErrors } from "../engine/findings";
import { RETURN_KINDS } from "../engine/returnKinds";
import { checkSheet } from "../app/workbook";
import { CheckOutcome } from "../app/checkReturns";
import { problemForPane } from "./remedies";
import { WorkbookActions, SheetInfo } from "../shared/workbookPort";
import { FindingList, SeverityCounts } from "./FindingList";
import { defaultSheet, kindLabel, marksOf, StoredSettings } from "./model";
import { TaskStatus } from "./TaskStatus";
import { failureMessage, useTask } from "./useTask";
import { useStyles } from "./styles";

const AUTO = "auto";

interface Checked {
  sheet: string;
  kind?: string;
  check?: CheckOutcome;
}

function useSheetChoice(sheets: SheetInfo[]): [string, (s: string) => void] {
  const [sheet, setSheet] = React.useState<string>(() => defaultSheet(sheets));
  React.useEffect(() => {
    if (!sheets.some((s) => s.name === sheet)) setSheet(defaultSheet(sheets));
  }, [sheets, sheet]);
  return [sheet, setSheet];
}

export function CheckView({
  actions,
  sheets,
  settings,
}: {
  actions: WorkbookActions;
  sheets: SheetInfo[];
  settings: StoredSettings;
}): React.ReactElement {
  const styles = useStyles();
  const [sheet, setSheet] = useSheetChoice(sheets);
  const [kind, setKind] = React.useState<string>(AUTO);
  const [checked, setChecked] = React.useState<Checked | undefined>();
  const [marked, setMarked] = React.useState(actions.hasMarks());
  const task = useTask();

  const check = async () => {
    setChecked(undefined);
    const outcome = await task.run("Check", "The sheet could not be checked", async (step) => {
      const data = await actions.readSheet(sheet, {
        onProgress: (done, total) => step.progress("Reading", total ? done / total : 1),
        signal: step.signal,
      });
      const lookup = settings.lookupSheet && settings.lookupSheet !== sheet ? await actions.readSheet(settings.lookupSheet) : undefined;
      return checkSheet({ sheet: data, kind: kind === AUTO ? undefined : kind, criteria: settings.criteria, lookup });
    });
    if (!outcome) return;
    if (!outcome.ok) task.setMessage({ intent: "error", text: problemForPane(outcome) });
    else setChecked({ sheet, kind: outcome.kind, check: outcome.check });
  };

  const findings = checked?.check?.findings ?? [];
  const marks = marksOf(findings);

  const mark = () =>
    task.run("Marking", "The findings could not be marked", async () => {
      await actions.markFindings(checked!.sheet, marks);
      setMarked(true);
    });

  const unmark = () =>
    task.run("Removing marks", "The marks could not be removed", async () => {
      await actions.clearMarks();
      setMarked(false);
    });

  if (!sheets.length)
    return <Body1>This workbook has no sheets to check. Open a partner&apos;s return, or paste it into a sheet, then refresh.</Body1>;

  const ret = checked?.check?.returns[0];
  return (
    <div className={styles.section}>
      <Body1 className={styles.wrap}>Check a partner&apos;s return before it goes into the matrix. The sheet is only read.</Body1>
      <Field label="Sheet">
        <Dropdown
          className={styles.full}
          value={sheet}
          selectedOptions={[sheet]}
          onOptionSelect={(_, d) => setSheet(d.optionValue ?? sheet)}
          aria-label="Sheet to check"
        >
          {sheets.map((s) => (
            <Option key={s.name} value={s.name}>
              {s.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Kind of return">
        <Dropdown
          className={styles.full}
          value={kind === AUTO ? "Recognise from its headers" : kindLabel(kind)}
          selectedOptions={[kind]}
          onOptionSelect={(_, d) => setKind(d.optionValue ?? AUTO)}
          aria-label="Kind of return"
        >
          <Option value={AUTO}>Recognise from its headers</Option>
          {RETURN_KINDS.map((k) => (
            <Option key={k.id} value={k.id}>
              {k.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={check} disabled={task.busy !== undefined || !sheet}>
          Check sheet
        </Button>
      </div>
      <TaskStatus task={task} cancellable />
      {checked && !checked.kind ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {checked.sheet} does not look like any kind of return. Choose its kind above; partners can start from the template for that kind
            of return.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {checked?.kind ? (
        <div className={styles.section} aria-live="polite">
          <Body1 className={styles.wrap}>
            <strong>{checked.sheet}</strong>: {kindLabel(checked.kind)}
            {ret ? `; ${ret.rowsRead} rows read, ${ret.accepted} accepted, ${ret.excluded} excluded, ${ret.rejected} rejected.` : "."}
          </Body1>
          <SeverityCounts findings={findings} />
          {findings.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>No problems found: this return is ready to send.</MessageBarBody>
            </MessageBar>
          ) : hasErrors(findings) ? (
            <Caption1 className={styles.wrap}>Fix the errors before the return is used; click a finding to go to its cell.</Caption1>
          ) : (
            <Caption1 className={styles.wrap}>No errors; the warnings are worth a look. Click one to go to its cell.</Caption1>
          )}
          <div className={styles.row}>
            <Button onClick={mark} disabled={!marks.length || task.busy !== undefined}>
              Mark findings on the sheet
            </Button>
            <Button onClick={unmark} disabled={!marked || task.busy !== undefined}>
              Remove marks
            </Button>
          </div>
          <FindingList
            findings={findings}
            onSelect={(s, a) => actions.selectCells(s, a).catch((e) => task.setMessage(failureMessage(`Could not go to ${a}`, e)))}
          />
        </div>
      ) : null}
    </div>
  );
}
