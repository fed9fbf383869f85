import * as React from "react";
import { FileButton } from "./FileButton";
import { Field } from "@fluentui/react-components";
import { ChoiceOrNone } from "./ChoiceOrNone";
import type { StoredSettings } from "./model";
import { kindLabel, sourceProblem } from "./model";
import type { SheetScan } from "./useWorkbookScan";
import { useStyles } from "./styles";

export interface SourcesPanelProps {
  draft: StoredSettings;
  sheetNames: string[];
  /** Rows per sheet, so the user sees why each of several fitting sheets fits. */
  sheetRows?: Record<string, number>;
  scan?: SheetScan;
  busy: boolean;
  onChange: (change: (s: StoredSettings) => StoredSettings) => void;
  onImportLookup: (file: File) => void;
}

/** The sheet chosen for each matrix column, and the lookup of areas to wards. */
export function SourcesPanel({
  draft,
  sheetNames,
  sheetRows,
  scan,
  busy,
  onChange,
  onImportLookup,
}: SourcesPanelProps): React.ReactElement {
  const styles = useStyles();
  const problems = Object.fromEntries(
    draft.criteria.columns.map((c) => [c.id, sourceProblem(c, draft.sources[c.id], scan?.kinds ?? {}, sheetRows)]),
  );
  return (
    <>
      {draft.criteria.columns.map((c) => (
        <Field
          key={c.id}
          label={`${c.label} (${kindLabel(c.kind)})`}
          validationState={problems[c.id]?.severity ?? "none"}
          validationMessage={problems[c.id]?.text}
        >
          <ChoiceOrNone
            label={`Sheet for ${c.label}`}
            value={draft.sources[c.id]}
            names={sheetNames}
            onChange={(name) => onChange((s) => ({ ...s, sources: { ...s.sources, [c.id]: name ?? "" } }))}
            mark={(n) => (scan?.kinds[n] === c.kind ? " ✓" : "")}
          />
        </Field>
      ))}
      <Field label="Lookup (areas to wards)" hint="Needed when returns give LSOAs or villages without a Ward column.">
        <ChoiceOrNone
          label="Lookup sheet"
          value={draft.lookupSheet}
          names={sheetNames}
          onChange={(name) => onChange((s) => ({ ...s, lookupSheet: name }))}
        />
      </Field>
      <div className={styles.row}>
        <FileButton size="small" inputLabel="ONS lookup CSV file" accept=".csv,text/csv" onFile={onImportLookup} busy={busy}>
          Import the ONS LSOA-to-ward CSV…
        </FileButton>
      </div>
    </>
  );
}
