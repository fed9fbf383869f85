import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel } from "@fluentui/react-components";
import type { CriteriaSpec } from "../engine/rules/criteria";
import type { District } from "../app/districtCriteria";
import type { SheetInfo } from "../common/workbookPort";
import type { ThresholdProposal } from "../app/proposeThresholds";
import { CriteriaForm } from "./CriteriaForm";
import type { StoredSettings } from "./model";
import { SourcesPanel } from "./SourcesPanel";
import type { SheetScan } from "./useWorkbookScan";
import { useStyles } from "./styles";

export interface BuildSetupProps {
  draft: StoredSettings;
  sheets: SheetInfo[];
  scan: SheetScan | undefined;
  districts: District[];
  busy: boolean;
  onChange: React.Dispatch<React.SetStateAction<StoredSettings>>;
  onImportLookup: (file: File) => void;
  onApplyDistrict: (criteria: CriteriaSpec) => void;
  onSave: () => void;
  /** Thresholds proposed from the data, and the way to ask for them. */
  thresholds?: { proposal?: ThresholdProposal; suggest: () => void };
}

/** What a build is made from: the sheet for each column, and the criteria with their risk key. */
export function BuildSetup(props: BuildSetupProps) {
  const { draft, sheets, scan, districts, busy, onChange, onImportLookup, onApplyDistrict, onSave, thresholds } = props;
  const styles = useStyles();
  return (
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
            onChange={onChange}
            onImportLookup={onImportLookup}
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
            proposal={thresholds?.proposal}
            onSuggest={thresholds?.suggest}
            dataEnd={scan?.dataEnd}
            districts={districts}
            onChange={(change) => onChange((d) => ({ ...d, criteria: change(d.criteria) }))}
            onApplyDistrict={onApplyDistrict}
            onSave={onSave}
          />
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
