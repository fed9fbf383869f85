import * as React from "react";
import type { Checker } from "./workerClient";
import type { BuiltSummary } from "./workerProtocol";
import type { WorkbookActions } from "../common/workbookPort";
import type { StoredSettings } from "./model";
import type { SheetScan } from "./useWorkbookScan";
import type { Task } from "./useTask";
import { problemForPane } from "./paneRemedies";
import { sheetsForBuild } from "../app/openWorkbook";
import { useMatrixOutputs } from "./useMatrixOutputs";

export interface BuildPreviewProps {
  actions: WorkbookActions;
  checker: Checker;
  task: Task;
  draft: StoredSettings;
  scan: SheetScan | undefined;
  /** The earlier Table 4 sheet to compare with, if any. */
  compareWith: string | undefined;
  allowPartial: boolean;
  compiled: string;
  clipboard?: { write: (html: string, text: string) => Promise<void> };
  onSheetsChanged: () => void;
  /** The task copying and pictures report through, beside their buttons. */
  outputTask?: Task;
}

/** Previewing Table 4 from the workbook's sheets, and what can then be done with it (write, copy, picture). */
export function useBuildPreview({
  actions,
  checker,
  task,
  draft,
  scan,
  compareWith,
  allowPartial,
  compiled,
  clipboard,
  onSheetsChanged,
  outputTask = task,
}: BuildPreviewProps) {
  const { setMessage } = task;
  const [built, setBuilt] = React.useState<BuiltSummary | undefined>();
  /** Reading and building can be cancelled; writing into the workbook is not offered a Cancel. */
  const [previewing, setPreviewing] = React.useState(false);
  const [written, setWritten] = React.useState<string | undefined>();
  const [picture, setPicture] = React.useState<string | undefined>();

  const preview = async () => {
    setBuilt(undefined);
    setWritten(undefined);
    setPicture(undefined);
    setPreviewing(true);
    await task.run("Preview", "The matrix could not be built", async (step) => {
      const concernsSheet = scan && Object.entries(scan.kinds).find(([, k]) => k === "concerns")?.[0];
      const read = await sheetsForBuild(
        actions,
        { sources: draft.sources, lookup: draft.lookupSheet, concerns: concernsSheet, earlier: compareWith },
        (label) => step.progress(label),
      );
      step.progress("Building the matrix");
      const outcome = await checker.build({ criteria: draft.criteria, sources: draft.sources, ...read, allowPartial, compiled }, step);
      if (!outcome.ok) return setMessage({ intent: "error", text: problemForPane(outcome) });
      // Preview only looks: saving the criteria (and the recalculation it may bring) is Save's alone.
      setBuilt(outcome.built);
      if (!outcome.built.matrix)
        setMessage({
          intent: "error",
          text: "No matrix: the returns have errors (listed below). Fix them, or tick “Build from the rows that are fine”.",
        });
    });
    setPreviewing(false);
  };

  const outputs = useMatrixOutputs({
    actions,
    task,
    outputTask,
    built,
    marking: draft.marking,
    written,
    setWritten,
    setPicture,
    clipboard,
    onSheetsChanged,
  });
  return { built, previewing, written, picture, preview, ...outputs };
}
