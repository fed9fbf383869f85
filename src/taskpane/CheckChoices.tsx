import * as React from "react";
import { Dropdown, Field, Option } from "@fluentui/react-components";
import { RETURN_KINDS } from "../app/kinds";
import type { SheetInfo } from "../common/workbookPort";
import { defaultSheet, kindLabel } from "./model";
import { SheetPicker } from "./SheetPicker";
import { useStyles } from "./styles";

/** The kind chosen as "recognise it from its headers". */
export const AUTO = "auto";

/**
 * The sheet to check, kept to one the workbook still has; a sheet just made by the pane (a copied
 * return) is kept while the list of sheets catches up with it.
 */
export function useSheetChoice(sheets: SheetInfo[]): [string, (s: string) => void, (made: string) => void] {
  const [sheet, setSheet] = React.useState<string>(() => defaultSheet(sheets));
  const made = React.useRef<string | undefined>(undefined);
  React.useEffect(() => {
    const listed = sheets.some((s) => s.name === sheet);
    if (listed && made.current === sheet) made.current = undefined;
    if (!listed && made.current !== sheet) setSheet(defaultSheet(sheets));
  }, [sheets, sheet]);
  const choose = React.useCallback((name: string) => {
    made.current = name;
    setSheet(name);
  }, []);
  return [sheet, setSheet, choose];
}

export interface CheckChoicesProps {
  sheets: SheetInfo[];
  sheet: string;
  onSheet: (sheet: string) => void;
  kind: string;
  onKind: (kind: string) => void;
}

/** Which sheet to check, and as which kind of return (or recognised from its headers). */
export function CheckChoices({ sheets, sheet, onSheet, kind, onKind }: CheckChoicesProps): React.ReactElement {
  return (
    <>
      <SheetPicker sheets={sheets} sheet={sheet} onSheet={onSheet} label="Sheet to check" />
      <KindPicker kind={kind} onKind={onKind} />
    </>
  );
}

/** The kind of return to check a sheet as, or AUTO: recognised from its headers. */
export function KindPicker({ kind, onKind }: { kind: string; onKind: (kind: string) => void }): React.ReactElement {
  const styles = useStyles();
  return (
    <Field label="Kind of return">
      <Dropdown
        className={styles.full}
        value={kind === AUTO ? "Recognise from its headers" : kindLabel(kind)}
        selectedOptions={[kind]}
        onOptionSelect={(_, d) => onKind(d.optionValue ?? AUTO)}
        aria-label="Kind of return"
      >
        <Option value={AUTO}>Recognise from its headers</Option>
        {RETURN_KINDS.map((k) => (
          <Option key={k.id} value={k.id}>
            {k.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
