import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, Button, Caption1 } from "@fluentui/react-components";
import type { Checker } from "./workerClient";
import type { BuiltSummary } from "./workerProtocol";
import type { SheetInfo, WorkbookActions } from "../common/workbookPort";
import { CriteriaForm, criteriaFormErrors, hasFormErrors } from "./CriteriaForm";
import { FindingList, SeverityCounts } from "./FindingList";
import { MatrixPreview } from "./MatrixPreview";
import type { StoredSettings } from "./model";
import { problemForPane } from "./paneRemedies";
import { BuildOptions } from "./BuildOptions";
import { useBuildDraft } from "./useBuildDraft";
import { useMatrixOutputs } from "./useMatrixOutputs";
import { sheetsForBuild } from "../app/openWorkbook";
import { SourcesPanel } from "./SourcesPanel";
import { TaskStatus } from "./TaskStatus";
import { useLookupDistricts, useSheetScan } from "./useWorkbookScan";
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
  const [compareWith, setCompareWith] = React.useState<string | undefined>();
  const [built, setBuilt] = React.useState<BuiltSummary | undefined>();
  /** Reading and building can be cancelled; writing into the workbook is not offered a Cancel. */
  const [previewing, setPreviewing] = React.useState(false);
  const [written, setWritten] = React.useState<string | undefined>();
  const [picture, setPicture] = React.useState<string | undefined>();

  React.useEffect(() => {
    if (scan) setCompareWith((c) => (c === undefined && scan.matrices.length ? scan.matrices[scan.matrices.length - 1] : c));
  }, [scan]);

  const formErrors = hasFormErrors(criteriaFormErrors(draft.criteria));
  const busy = task.busy !== undefined;

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

  const { write, copy, savePicture } = useMatrixOutputs({
    actions,
    task,
    built,
    marking: draft.marking,
    written,
    setWritten,
    setPicture,
    clipboard,
    onSheetsChanged,
  });

  const matrix = built?.matrix;
  return (
    <div className={styles.section}>
      <Body1 className={styles.wrap}>
        Build Table 4 for {draft.criteria.district?.name ?? "the district"} from the returns in this workbook.
      </Body1>
      {!scan ? <Caption1>Looking at the sheets…</Caption1> : null}
      <Accordion multiple collapsible defaultOpenItems={["data"]}>
        <AccordionItem value="data">
          <AccordionHeader as="h2" size="small">
            Data for each column
          </AccordionHeader>
          <AccordionPanel className={styles.section}>
            <SourcesPanel
              draft={draft}
              sheetNames={sheets.map((s) => s.name)}
              sheetRows={Object.fromEntries(sheets.map((s) => [s.name, s.rows]))}
              scan={scan}
              busy={busy}
              onChange={setDraft}
              onImportLookup={importLookup}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="criteria">
          <AccordionHeader as="h2" size="small">
            Criteria and risk key
          </AccordionHeader>
          <AccordionPanel className={styles.section}>
            <CriteriaForm
              criteria={draft.criteria}
              districts={districts}
              onChange={(change) => setDraft((d) => ({ ...d, criteria: change(d.criteria) }))}
              onApplyDistrict={applyDistrictCriteria}
              onSave={saveRules}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <BuildOptions
        compiled={compiled}
        onCompiled={setCompiled}
        marking={draft.marking}
        onMarking={(marking) => setDraft((d) => ({ ...d, marking }))}
        compareWith={compareWith}
        matrices={scan?.matrices ?? []}
        onCompareWith={setCompareWith}
        allowPartial={allowPartial}
        onAllowPartial={setAllowPartial}
      />
      <div className={styles.row}>
        <Button appearance="primary" onClick={preview} disabled={busy || formErrors}>
          Preview matrix
        </Button>
        <Button onClick={write} disabled={busy || !matrix}>
          Write Table 4 sheet
        </Button>
      </div>
      <TaskStatus task={task} cancellable={previewing} />
      {built ? <SeverityCounts findings={built.findings} /> : null}
      {matrix ? (
        <MatrixPreview
          matrix={matrix}
          comparison={built?.comparison}
          written={written}
          picture={picture}
          onCopy={copy}
          onPicture={savePicture}
        />
      ) : null}
      {built && built.findings.length ? (
        <FindingList findings={built.findings} onSelect={(s, a) => actions.selectCells(s, a).catch(() => undefined)} />
      ) : null}
    </div>
  );
}
