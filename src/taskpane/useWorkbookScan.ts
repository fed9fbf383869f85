import * as React from "react";
import { readMatrixSnapshot } from "../app/openWorkbook";
import type { District } from "../app/districtCriteria";
import { kindOfSheet, lastMonthOfSheets } from "../app/openWorkbook";
import { formatMonthIso } from "../app/present";
import type { RowSheet } from "../engine/read/cells";
import type { SheetInfo, WorkbookActions } from "../common/workbookPort";
import { districtsOfLookup } from "../app/lookupFiles";
import { inWords } from "./useTask";

/** Rows read from each sheet to recognise its kind or an earlier matrix. */
const HEAD_ROWS = 40;

export interface SheetScan {
  /** Sheet name -> the kind of return its headers show. */
  kinds: Record<string, string | undefined>;
  /** Sheets holding an earlier Table 4. */
  matrices: string[];
  /** Sheet name -> Excel's id for it. */
  ids: Record<string, string>;
  /** Sheets that read as an ONS area-to-ward lookup naming its districts. */
  lookups: string[];
  /** The last month the returns have rows for ("2025-09"), from each sheet's first and last rows. */
  dataEnd?: string;
}

/** What each sheet of the workbook looks like, from its first rows; rescanned when the sheets change. */
export function useSheetScan(actions: WorkbookActions, sheets: SheetInfo[], onError: (text: string) => void): SheetScan | undefined {
  const [scan, setScan] = React.useState<SheetScan | undefined>();
  React.useEffect(() => {
    let live = true;
    (async () => {
      const kinds: Record<string, string | undefined> = {};
      const matrices: string[] = [];
      const lookups: string[] = [];
      const samples: RowSheet[] = [];
      for (const s of sheets) {
        const head = await actions.readSheet(s.name, { maxRows: HEAD_ROWS, tailRows: HEAD_ROWS });
        samples.push(head);
        kinds[s.name] = kindOfSheet(head);
        if (readMatrixSnapshot(s.name, head.rows)) matrices.push(s.name);
        else if (!kinds[s.name] && districtsOfLookup(head).length) lookups.push(s.name);
      }
      const end = lastMonthOfSheets(samples);
      const ids = Object.fromEntries(sheets.map((s) => [s.name, s.id]));
      if (live) setScan({ kinds, matrices, lookups, ids, ...(end === undefined ? {} : { dataEnd: formatMonthIso(end) }) });
    })().catch((e) => live && onError(`The sheets could not be read: ${inWords(e)}`));
    return () => {
      live = false;
    };
  }, [sheets, actions, onError]);
  return scan;
}

/** The districts of the chosen lookup sheet, for the district picker. */
export function useLookupDistricts(actions: WorkbookActions, lookupSheet: string | undefined): District[] {
  const [districts, setDistricts] = React.useState<District[]>([]);
  React.useEffect(() => {
    let live = true;
    if (!lookupSheet) {
      setDistricts([]);
      return;
    }
    actions.readSheet(lookupSheet).then(
      (data) => live && setDistricts(districtsOfLookup(data)),
      () => live && setDistricts([]),
    );
    return () => {
      live = false;
    };
  }, [lookupSheet, actions]);
  return districts;
}

/** The earlier Table 4 to compare with: the last one the workbook holds, until the user chooses another (or none). */
export function useEarlierMatrix(scan: SheetScan | undefined): [string | undefined, (name: string | undefined) => void] {
  const [compareWith, setCompareWith] = React.useState<string | undefined>();
  React.useEffect(() => {
    if (scan) setCompareWith((c) => (c === undefined && scan.matrices.length ? scan.matrices[scan.matrices.length - 1] : c));
  }, [scan]);
  return [compareWith, setCompareWith];
}
