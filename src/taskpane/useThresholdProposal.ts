import * as React from "react";
import type { ThresholdProposal } from "../app/proposeThresholds";
import { sheetsForBuild } from "../app/openWorkbook";
import type { WorkbookActions } from "../common/workbookPort";
import type { StoredSettings } from "./model";
import { problemForPane } from "./paneRemedies";
import type { Task } from "./useTask";
import type { Checker } from "./workerClient";

/** Thresholds proposed from the district's own ward figures in the workbook's sheets, column by column, for the user to accept or change. */
export function useThresholdProposal({
  actions,
  checker,
  task,
  draft,
}: {
  actions: WorkbookActions;
  checker: Checker;
  task: Task;
  draft: StoredSettings;
}) {
  const [proposal, setProposal] = React.useState<ThresholdProposal | undefined>();
  const suggest = () =>
    task.run("Suggesting thresholds", "Thresholds could not be suggested from the data", async (step) => {
      setProposal(undefined);
      const read = await sheetsForBuild(actions, { sources: draft.sources, lookup: draft.lookupSheet }, (label) => step.progress(label));
      const outcome = await checker.propose({ criteria: draft.criteria, sources: draft.sources, ...read }, step);
      if (!outcome.ok) return task.setMessage({ intent: "error", text: problemForPane(outcome) });
      setProposal(outcome);
      task.setMessage({
        intent: "success",
        text: "Under each rule in “Criteria and risk key” are the district's own ward figures and the threshold that flags its top fifth: use it, or write your own.",
      });
    });
  return { proposal, suggest };
}
