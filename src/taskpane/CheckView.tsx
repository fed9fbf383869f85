import * as React from "react";
import { Body1, Button, Caption1, Dropdown, Field, Option } from "@fluentui/react-components";
import { RETURN_KINDS } from "../app/kinds";
import { copySheetName } from "../app/returnFile";
import { problemForPane } from "./paneRemedies";
import type { WorkbookActions, SheetInfo } from "../common/workbookPort";
import { CheckResult } from "./CheckResult";
import type { Checked } from "./CheckResult";
import type { StoredSettings } from "./model";
import { defaultSheet, kindLabel, marksOf } from "./model";
import { TaskStatus } from "./TaskStatus";
import { failureMessage, useTask } from "./useTask";
import { useStyles } from "./styles";
import type { Checker } from "./workerClient";

const AUTO = "auto";

const FILE_TYPES = ".xlsx,.xlsm,.csv,.txt,.tsv";

function useSheetChoice(sheets: SheetInfo[]): [string, (s: string) => void] {
  const [sheet, setSheet] = React.useState<string>(() => defaultSheet(sheets));
  React.useEffect(() => {
    if (!sheets.some((s) => s.name === sheet)) setSheet(defaultSheet(sheets));
  }, [sheets, sheet]);
  return [sheet, setSheet];
}

export function CheckView({
  actions,
  checker,
  sheets,
  settings,
}: {
  actions: WorkbookActions;
  checker: Checker;
  sheets: SheetInfo[];
  settings: StoredSettings;
}): React.ReactElement {
  const styles = useStyles();
  const [sheet, setSheet] = useSheetChoice(sheets);
  const [kind, setKind] = React.useState<string>(AUTO);
  const [checked, setChecked] = React.useState<Checked | undefined>();
  const [marked, setMarked] = React.useState(actions.hasMarks());
  const [dragging, setDragging] = React.useState(false);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const task = useTask();

  const lookupFor = (except?: string) =>
    settings.lookupSheet && settings.lookupSheet !== except ? actions.readSheet(settings.lookupSheet) : Promise.resolve(undefined);

  const check = async () => {
    setChecked(undefined);
    const outcome = await task.run("Check", "The sheet could not be checked", async (step) => {
      const data = await actions.readSheet(sheet, {
        onProgress: (done, total) => step.progress("Reading", total ? done / total : 1),
        signal: step.signal,
      });
      const lookup = await lookupFor(sheet);
      return checker.checkSheet(data, { kind: kind === AUTO ? undefined : kind, criteria: settings.criteria, lookup }, step);
    });
    if (!outcome) return;
    if (!outcome.ok) task.setMessage({ intent: "error", text: problemForPane(outcome) });
    else setChecked({ source: "sheet", summary: outcome.summary });
  };

  /** A return chosen or dropped from disk: read and checked in the pane's worker; nothing is uploaded. */
  const checkFile = async (file: File) => {
    setChecked(undefined);
    const outcome = await task.run(`Checking ${file.name}`, `${file.name} could not be checked`, async (step) => {
      const lookup = await lookupFor();
      return checker.checkFile(file, { kind: kind === AUTO ? undefined : kind, criteria: settings.criteria, lookup }, step);
    });
    if (!outcome) return;
    if (!outcome.ok) task.setMessage({ intent: "error", text: problemForPane(outcome) });
    else setChecked({ source: "file", summary: outcome.summary });
  };

  const copyIntoWorkbook = () =>
    task.run("Copying", "The return could not be copied into the workbook", async (step) => {
      const rows = await checker.fileRows(step);
      step.progress("Writing the new sheet", 0);
      const name = await actions.writeDataSheet(copySheetName(checked!.summary.sheet), rows, {
        signal: step.signal,
        onProgress: (done, total) => step.progress("Writing the new sheet", total ? done / total : 1),
      });
      task.setMessage({
        intent: "success",
        text: `Copied ${rows.length} rows into the new sheet ${name}. Check it there to mark its findings.`,
      });
    });

  const dropped = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files?.[0];
    if (file && task.busy === undefined) void checkFile(file);
  };

  const findings = checked?.summary.findings ?? [];
  const marks = marksOf(findings);

  const mark = () =>
    task.run("Marking", "The findings could not be marked", async () => {
      await actions.markFindings(checked!.summary.sheet, marks);
      setMarked(true);
    });

  const unmark = () =>
    task.run("Removing marks", "The marks could not be removed", async () => {
      await actions.clearMarks();
      setMarked(false);
    });

  return (
    <div
      className={styles.section}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={dropped}
    >
      <Body1 className={styles.wrap}>Check a partner&apos;s return before it goes into the matrix. The sheet is only read.</Body1>
      {!sheets.length ? (
        <Body1 className={styles.wrap}>
          This workbook has no sheets to check: open the partner&apos;s file below, or paste it into a sheet and refresh.
        </Body1>
      ) : null}
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
        <input
          ref={fileInput}
          type="file"
          accept={FILE_TYPES}
          hidden
          aria-label="Return file to check"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void checkFile(file);
          }}
        />
        <Button onClick={() => fileInput.current?.click()} disabled={task.busy !== undefined}>
          Check a file…
        </Button>
      </div>
      <Caption1 className={styles.wrap} aria-hidden={!dragging}>
        {dragging ? "Drop the file to check it." : "Or drop a partner’s .xlsx or .csv here. It is read in this pane; nothing is uploaded."}
      </Caption1>
      <TaskStatus task={task} cancellable />
      {checked ? (
        <CheckResult
          checked={checked}
          busy={task.busy !== undefined}
          marked={marked}
          onCopy={copyIntoWorkbook}
          onMark={mark}
          onUnmark={unmark}
          onSelect={(s, a) => actions.selectCells(s, a).catch((e) => task.setMessage(failureMessage(`Could not go to ${a}`, e)))}
        />
      ) : null}
    </div>
  );
}
