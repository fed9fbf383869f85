import * as React from "react";
import { ActionButton } from "./ActionButton";
import { Body1, Caption1 } from "@fluentui/react-components";
import type { Checker } from "./workerClient";
import type { SheetInfo, WorkbookActions } from "../common/workbookPort";
import { formBlocked } from "./CriteriaForm";
import { FindingList, SeverityCounts } from "./FindingList";
import { MatrixPreview } from "./MatrixPreview";
import { BoardPapers } from "./BoardPapers";
import type { StoredSettings } from "./model";
import { stillTheExample } from "./model";
import { StartFromDistrict } from "./DistrictCriteria";
import { BuildOptions } from "./BuildOptions";
import { BuildSetup } from "./BuildSetup";
import { useBuildDraft } from "./useBuildDraft";
import { useBuildPreview } from "./useBuildPreview";
import { useThresholdProposal } from "./useThresholdProposal";
import { TaskStatus } from "./TaskStatus";
import { useEarlierMatrix, useLookupDistricts, useSheetScan } from "./useWorkbookScan";
import { useTask } from "./useTask";
import { useStyles } from "./styles";

export interface BuildViewProps {
  actions: WorkbookActions;
  /** Builds off the pane's thread. */
  checker: Checker;
  sheets: SheetInfo[];
  settings: StoredSettings;
  onSettingsChange: (s: StoredSettings) => Promise<void>;
  onSheetsChanged: () => void;
  /** Where copied text goes; the browser's clipboard unless a test gives another. */
  clipboard?: { write: (html: string, text: string) => Promise<void> };
}

export function BuildView({
  actions,
  checker,
  sheets,
  settings,
  onSettingsChange,
  onSheetsChanged,
  clipboard,
}: BuildViewProps): React.ReactElement {
  const styles = useStyles();
  const task = useTask();
  // Copying and pictures report beside their buttons, at the foot of the preview.
  const outputTask = useTask();
  const { setMessage } = task;
  const onScanError = React.useCallback((text: string) => setMessage({ intent: "error", text }), [setMessage]);
  const scan = useSheetScan(actions, sheets, onScanError);
  const { draft, setDraft, compiled, setCompiled, applyDistrictCriteria, saveRules, importLookup } = useBuildDraft({
    actions,
    task,
    settings,
    scan,
    onSettingsChange,
    onSheetsChanged,
  });
  const districts = useLookupDistricts(actions, draft.lookupSheet);
  const [allowPartial, setAllowPartial] = React.useState(false);
  const [compareWith, setCompareWith] = useEarlierMatrix(scan);
  const { built, previewing, written, picture, preview, write, copy, savePicture } = useBuildPreview({
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
    outputTask,
  });
  const thresholds = useThresholdProposal({ actions, checker, task, draft });
  const busy = task.busy !== undefined;
  const matrix = built?.matrix;
  return (
    <div className={styles.section}>
      <Body1 className={styles.wrap}>
        Build Table 4 for {draft.criteria.district?.name ?? "the district"} from the returns in this workbook.
      </Body1>
      {!scan ? <Caption1>Looking at the sheets…</Caption1> : null}
      {stillTheExample(draft.criteria) ? (
        <StartFromDistrict districts={districts} dataEnd={scan?.dataEnd} onApply={applyDistrictCriteria} />
      ) : null}
      <BuildSetup
        {...{ draft, sheets, scan, districts, busy }}
        onChange={setDraft}
        onImportLookup={importLookup}
        onApplyDistrict={applyDistrictCriteria}
        onSave={saveRules}
        thresholds={scan ? thresholds : undefined}
      />
      <BuildOptions
        {...{ compiled, compareWith, allowPartial, marking: draft.marking, matrices: scan?.matrices ?? [] }}
        onCompiled={setCompiled}
        onMarking={(marking) => setDraft((d) => ({ ...d, marking }))}
        onCompareWith={setCompareWith}
        onAllowPartial={setAllowPartial}
      />
      <div className={styles.row}>
        <ActionButton appearance="primary" onClick={preview} busy={busy} why={formBlocked(draft.criteria)}>
          Preview matrix
        </ActionButton>
        <ActionButton onClick={write} busy={busy} why={matrix ? undefined : "Preview the matrix first."}>
          Write Table 4 sheet
        </ActionButton>
      </div>
      <TaskStatus task={task} cancellable={previewing} />
      {built ? <SeverityCounts findings={built.findings} /> : null}
      {matrix ? (
        <MatrixPreview {...{ matrix, written, picture }} comparison={built?.comparison} onCopy={copy} onPicture={savePicture}>
          <TaskStatus task={outputTask} />
          <BoardPapers {...{ actions, matrix, written, onSheetsChanged }} marking={draft.marking} />
        </MatrixPreview>
      ) : null}
      {built && built.findings.length ? (
        <FindingList findings={built.findings} onSelect={(s, a) => actions.selectCells(s, a).catch(() => undefined)} />
      ) : null}
    </div>
  );
}
