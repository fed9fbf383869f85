import * as React from "react";
import { ActionButton } from "./ActionButton";
import { FileButton } from "./FileButton";
import { Body1, Caption1 } from "@fluentui/react-components";
import type { WorkbookActions, SheetInfo } from "../common/workbookPort";
import { AUTO, CheckChoices, useSheetChoice } from "./CheckChoices";
import { CheckResult } from "./CheckResult";
import { useReturnCheck } from "./useReturnCheck";
import type { StoredSettings } from "./model";
import { TaskStatus } from "./TaskStatus";
import { failureMessage, useTask } from "./useTask";
import { useStyles } from "./styles";
import type { Checker } from "./workerClient";

const FILE_TYPES = ".xlsx,.xlsm,.csv,.txt,.tsv";

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
  const [sheet, setSheet, chooseMadeSheet] = useSheetChoice(sheets);
  const [kind, setKind] = React.useState<string>(AUTO);
  const [dragging, setDragging] = React.useState(false);
  const task = useTask();

  const { checked, marked, check, checkFile, copyIntoWorkbook, mark, unmark } = useReturnCheck({
    actions,
    checker,
    task,
    criteria: settings.criteria,
    lookupSheet: settings.lookupSheet,
    kind: kind === AUTO ? undefined : kind,
  });

  const dropped = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files?.[0];
    if (file && task.busy === undefined) void checkFile(file);
  };

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
      <CheckChoices sheets={sheets} sheet={sheet} onSheet={setSheet} kind={kind} onKind={setKind} />
      <div className={styles.row}>
        <ActionButton
          appearance="primary"
          onClick={() => void check(sheet)}
          busy={task.busy !== undefined}
          why={sheet ? undefined : "Choose the sheet to check first."}
        >
          Check sheet
        </ActionButton>
        <FileButton inputLabel="Return file to check" accept={FILE_TYPES} onFile={(f) => void checkFile(f)} busy={task.busy !== undefined}>
          Check a file…
        </FileButton>
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
          onCopy={() => void copyIntoWorkbook().then((made) => made && chooseMadeSheet(made))}
          onMark={mark}
          onUnmark={unmark}
          onSelect={(s, a) => actions.selectCells(s, a).catch((e) => task.setMessage(failureMessage(`Could not go to ${a}`, e)))}
        />
      ) : null}
    </div>
  );
}
