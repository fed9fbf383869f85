import * as React from "react";
import { copySheetName } from "../app/returnFile";
import type { CriteriaSpec } from "../engine/rules/criteria";
import type { WorkbookActions } from "../common/workbookPort";
import type { Checked } from "./CheckResult";
import { marksOf } from "./model";
import { problemForPane } from "./paneRemedies";
import type { Task } from "./useTask";
import type { Checker } from "./workerClient";

export interface ReturnCheckProps {
  actions: WorkbookActions;
  checker: Checker;
  task: Task;
  criteria: CriteriaSpec;
  lookupSheet: string | undefined;
  /** The kind chosen, or undefined to recognise it from the headers. */
  kind: string | undefined;
}

/** Checking a return, of a sheet or of a file from disk, and what follows: copying the file in, marking a sheet's findings. */
export function useReturnCheck({ actions, checker, task, criteria, lookupSheet, kind }: ReturnCheckProps) {
  const [checked, setChecked] = React.useState<Checked | undefined>();
  const [marked, setMarked] = React.useState(actions.hasMarks());

  const lookupFor = (except?: string) =>
    lookupSheet && lookupSheet !== except ? actions.readSheet(lookupSheet) : Promise.resolve(undefined);

  const check = async (sheet: string) => {
    setChecked(undefined);
    const outcome = await task.run("Check", "The sheet could not be checked", async (step) => {
      const data = await actions.readSheet(sheet, {
        onProgress: (done, total) => step.progress("Reading", total ? done / total : 1),
        signal: step.signal,
      });
      const lookup = await lookupFor(sheet);
      return checker.checkSheet(data, { kind, criteria, lookup }, step);
    });
    if (!outcome) return false;
    if (!outcome.ok) task.setMessage({ intent: "error", text: problemForPane(outcome) });
    else setChecked({ source: "sheet", summary: outcome.summary });
    return outcome.ok;
  };

  /** A return chosen or dropped from disk: read and checked in the pane's worker; nothing is uploaded. */
  const checkFile = async (file: File) => {
    setChecked(undefined);
    const outcome = await task.run(`Checking ${file.name}`, `${file.name} could not be checked`, async (step) => {
      const lookup = await lookupFor();
      return checker.checkFile(file, { kind, criteria, lookup }, step);
    });
    if (!outcome) return;
    if (!outcome.ok) task.setMessage({ intent: "error", text: problemForPane(outcome) });
    else setChecked({ source: "file", summary: outcome.summary });
  };

  /**
   * Copies the file checked into a new sheet, shows that sheet, and checks it there (so its
   * findings can be gone to and marked); the file's result gives way to the sheet's, so the copy
   * cannot be made twice by accident. Gives the new sheet's name.
   */
  const copyIntoWorkbook = async (): Promise<string | undefined> => {
    const name = await task.run("Copying", "The return could not be copied into the workbook", async (step) => {
      const rows = await checker.fileRows(step);
      step.progress("Writing the new sheet", 0);
      return actions.writeDataSheet(copySheetName(checked!.summary.sheet), rows, {
        signal: step.signal,
        onProgress: (done, total) => step.progress("Writing the new sheet", total ? done / total : 1),
      });
    });
    if (!name) return undefined;
    await actions.selectCells(name, "A1").catch(() => undefined);
    if (await check(name))
      task.setMessage({ intent: "success", text: `Copied the return into the new sheet ${name} and checked it there.` });
    return name;
  };

  const findings = checked?.summary.findings ?? [];
  const marks = marksOf(findings);

  const mark = () =>
    task.run("Marking", 'The findings could not all be marked ("Remove marks" takes off those that were)', async () => {
      try {
        const { uncommented } = await actions.markFindings(checked!.summary.sheet, marks);
        if (uncommented.length)
          task.setMessage({
            intent: "warning",
            text: `Marked the findings. ${uncommented.length === 1 ? "One cell has" : `${uncommented.length} cells have`} a note, so Excel would not add a comment; ${uncommented.length === 1 ? "it is" : "they are"} filled only: ${uncommented.join(", ")}.`,
          });
      } finally {
        // Marks made before a failure are kept, so "Remove marks" can take them off.
        setMarked(actions.hasMarks());
      }
    });

  const unmark = () =>
    task.run("Removing marks", "The marks could not be removed", async () => {
      await actions.clearMarks();
      setMarked(false);
    });

  return { checked, marked, check, checkFile, copyIntoWorkbook, mark, unmark };
}
