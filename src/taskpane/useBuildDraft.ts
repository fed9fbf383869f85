import * as React from "react";
import { lookupRowsFromCsv } from "../app/lookupFiles";
import { encodingLabelOf } from "../app/returnFile";
import { InputError } from "../common/errors";
import type { WorkbookActions } from "../common/workbookPort";
import type { CriteriaSpec } from "../engine/rules/criteria";
import type { StoredSettings } from "./model";
import { followRenamedSheets, monthYear, prefillSources } from "./model";
import type { Task } from "./useTask";
import type { SheetScan } from "./useWorkbookScan";

export interface BuildDraftProps {
  actions: WorkbookActions;
  task: Task;
  settings: StoredSettings;
  scan: SheetScan | undefined;
  onSettingsChange: (s: StoredSettings) => Promise<void>;
  onSheetsChanged: () => void;
}

/**
 * The settings a build is made from, as the user edits them before saving: criteria (standard ones
 * for a district, or edited), each column's sheet (prefilled from the sheets' kinds), the lookup
 * (imported from a CSV into a sheet) and the date compiled.
 */
export function useBuildDraft({ actions, task, settings, scan, onSettingsChange, onSheetsChanged }: BuildDraftProps) {
  const { setMessage } = task;
  const [draft, setDraft] = React.useState<StoredSettings>(settings);
  const [compiled, setCompiled] = React.useState(settings.criteria.compiled ?? monthYear());
  React.useEffect(() => setDraft(settings), [settings]);
  React.useEffect(() => {
    if (!scan) return;
    setDraft((d) => {
      const followed = followRenamedSheets(d, scan.ids);
      // The one ONS lookup in the workbook is the lookup, unless another was chosen.
      const lookupSheet = followed.lookupSheet ?? (scan.lookups.length === 1 ? scan.lookups[0] : undefined);
      return { ...followed, lookupSheet, sources: prefillSources(followed.criteria, scan.kinds, followed.sources) };
    });
  }, [scan]);

  const applyDistrictCriteria = (criteria: CriteriaSpec) => {
    setDraft((d) => ({ ...d, criteria, sources: prefillSources(criteria, scan?.kinds ?? {}, d.sources) }));
    if (criteria.compiled) setCompiled(criteria.compiled);
    setMessage({
      intent: "success",
      text: `The standard criteria for ${criteria.district?.name} are in the form below: check the labels, thresholds and periods, then save them in this workbook.`,
    });
  };

  const saveRules = () =>
    task.run("Saving", "The criteria could not be saved", async () => {
      await onSettingsChange({ ...draft, criteria: { ...draft.criteria, compiled } });
      setMessage({ intent: "success", text: "Criteria saved in this workbook: the next person and the next quarter get the same rules." });
    });

  const importLookup = (file: File) =>
    task.run(`Importing ${file.name}`, "The lookup could not be imported", async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The browser's TextDecoder follows the WHATWG tables, so Windows-1252's curly quotes survive here.
      const read = lookupRowsFromCsv(file.name, bytes, new TextDecoder(encodingLabelOf(bytes)));
      if (!read.ok) throw new InputError(read);
      const rows = read.rows;
      const name = await actions.writeDataSheet("Lookup", rows);
      const next = { ...draft, lookupSheet: name };
      setDraft(next);
      await onSettingsChange(next);
      setMessage({ intent: "success", text: `Imported ${rows.length - 1} rows into the sheet ${name}; it is now the lookup.` });
      onSheetsChanged();
    });

  return { draft, setDraft, compiled, setCompiled, applyDistrictCriteria, saveRules, importLookup };
}
