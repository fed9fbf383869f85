import * as React from "react";
import type { SheetInfo, WorkbookActions } from "../common/workbookPort";
import type { StoredSettings } from "./model";
import { parseSettings, withSheetIds } from "./model";
import { inWords } from "./useTask";

/**
 * The open workbook as the pane's views see it: its sheets (kept up to date as sheets are added,
 * deleted or renamed) and the settings saved in it.
 */
export function useOpenWorkbook(actions: WorkbookActions | undefined) {
  const [sheets, setSheets] = React.useState<SheetInfo[] | undefined>();
  const [settings, setSettings] = React.useState<StoredSettings | undefined>();
  const [error, setError] = React.useState<string | undefined>();

  const refresh = React.useCallback(() => {
    if (!actions) return;
    actions
      .listSheets()
      .then(setSheets)
      .catch((e) => setError(`The workbook could not be read: ${inWords(e)}`));
  }, [actions]);

  // The list follows the workbook: sheets added or deleted, and the pane shown again after being closed.
  // Events come in bursts (a build adds a sheet, renames it, activates it): one refresh follows a burst.
  React.useEffect(() => {
    if (!actions) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    };
    const stop = actions.watchWorkbook(soon).catch(() => undefined);
    return () => {
      clearTimeout(timer);
      void stop.then((f) => f?.()).catch(() => undefined);
    };
  }, [actions, refresh]);

  React.useEffect(() => {
    if (!actions) return;
    refresh();
    actions
      .loadSettings()
      .then((json) => setSettings(parseSettings(json)))
      .catch(() => setSettings(parseSettings(undefined)));
  }, [actions, refresh]);

  const saveSettings = async (s: StoredSettings) => {
    const kept = withSheetIds(s, Object.fromEntries((sheets ?? []).map((sheet) => [sheet.name, sheet.id])));
    setSettings(kept);
    await actions!.saveSettings(JSON.stringify(kept));
  };

  return { sheets, settings, error, refresh, saveSettings };
}
