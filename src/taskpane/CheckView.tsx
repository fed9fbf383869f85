import * as React from "react";
import { Body1, Button, Caption1, Dropdown, Field, MessageBar, MessageBarBody, Option, ProgressBar } from "@fluentui/react-components";
import { SheetData } from "../engine/cells";
import { readCriteria } from "../engine/criteria";
import { Finding, hasErrors } from "../engine/findings";
import { AnyLookup, readLookup } from "../engine/geography";
import { checkReturns } from "../app/checkReturns";
import { ParsedReturn } from "../engine/returns";
import { RETURN_KINDS } from "../engine/returnKinds";
import { WorkbookActions, SheetInfo } from "./actions";
import { FindingList, SeverityCounts } from "./FindingList";
import { kindLabel, kindOfSheet, StoredSettings } from "./model";
import { useStyles } from "./styles";

const AUTO = "auto";

interface Result {
  sheet: string;
  kind?: string;
  findings: Finding[];
  ret?: ParsedReturn;
}

export function CheckView({ actions, sheets, settings }: { actions: WorkbookActions; sheets: SheetInfo[]; settings: StoredSettings }): React.ReactElement {
  const styles = useStyles();
  const [sheet, setSheet] = React.useState<string>(() => sheets.find((s) => s.active)?.name ?? sheets[0]?.name ?? "");
  const [kind, setKind] = React.useState<string>(AUTO);
  const [progress, setProgress] = React.useState<number | undefined>();
  const [result, setResult] = React.useState<Result | undefined>();
  const [error, setError] = React.useState<string | undefined>();
  const [marked, setMarked] = React.useState(actions.hasMarks());
  const cancel = React.useRef({ aborted: false });

  React.useEffect(() => {
    if (!sheets.some((s) => s.name === sheet)) setSheet(sheets.find((s) => s.active)?.name ?? sheets[0]?.name ?? "");
  }, [sheets, sheet]);

  const check = async () => {
    setError(undefined);
    setResult(undefined);
    cancel.current = { aborted: false };
    setProgress(0);
    try {
      const data: SheetData = await actions.readSheet(sheet, { onProgress: (done, total) => setProgress(total ? done / total : 1), signal: cancel.current });
      const chosen = kind === AUTO ? kindOfSheet(data) : kind;
      if (!chosen) {
        setResult({ sheet, findings: [], kind: undefined });
        return;
      }
      const criteria = readCriteria(settings.criteria);
      if (!criteria.ok) throw new Error(`The saved criteria have problems: ${criteria.errors.join("; ")}`);
      const lookups: AnyLookup[] = [];
      if (settings.lookupSheet && settings.lookupSheet !== sheet) {
        const l = readLookup(await actions.readSheet(settings.lookupSheet));
        if (l.ok) lookups.push(l.lookup);
      }
      const checked = checkReturns({ inputs: [{ file: "this workbook", kind: chosen, sheets: [data] }], criteria: criteria.criteria, lookups });
      setResult({ sheet, kind: chosen, findings: checked.findings, ret: checked.returns[0] });
    } catch (e) {
      setError((e as Error).message === "Cancelled." ? "Check cancelled: nothing was changed." : `The sheet could not be checked: ${(e as Error).message}`);
    } finally {
      setProgress(undefined);
    }
  };

  const mark = async () => {
    if (!result) return;
    const marks = result.findings
      .filter((f) => f.cell && /![A-Z]+\d+$/.test(f.cell))
      .slice(0, 500)
      .map((f) => ({ address: f.cell.replace(/^.*!/, ""), note: `${f.severity.toUpperCase()}: ${f.message}\nFix: ${f.fix}` }));
    try {
      await actions.markFindings(result.sheet, marks);
      setMarked(true);
    } catch (e) {
      setError(`The findings could not be marked: ${(e as Error).message}`);
    }
  };

  const unmark = async () => {
    try {
      await actions.clearMarks();
      setMarked(false);
    } catch (e) {
      setError(`The marks could not be removed: ${(e as Error).message}`);
    }
  };

  if (!sheets.length) return <Body1>This workbook has no sheets to check. Open a partner&apos;s return, or paste it into a sheet, then refresh.</Body1>;

  return (
    <div className={styles.section}>
      <Body1 className={styles.wrap}>Check a partner&apos;s return before it goes into the matrix. The sheet is only read.</Body1>
      <Field label="Sheet">
        <Dropdown className={styles.full} value={sheet} selectedOptions={[sheet]} onOptionSelect={(_, d) => setSheet(d.optionValue ?? sheet)} aria-label="Sheet to check">
          {sheets.map((s) => (
            <Option key={s.name} value={s.name}>{s.name}</Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Kind of return">
        <Dropdown className={styles.full} value={kind === AUTO ? "Recognise from its headers" : kindLabel(kind)} selectedOptions={[kind]} onOptionSelect={(_, d) => setKind(d.optionValue ?? AUTO)} aria-label="Kind of return">
          <Option value={AUTO}>Recognise from its headers</Option>
          {RETURN_KINDS.map((k) => (
            <Option key={k.id} value={k.id}>{k.label}</Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={check} disabled={progress !== undefined || !sheet}>Check sheet</Button>
        {progress !== undefined ? <Button onClick={() => (cancel.current.aborted = true)}>Cancel</Button> : null}
      </div>
      {progress !== undefined ? <Field validationMessage={`Reading ${Math.round(progress * 100)}%`} validationState="none"><ProgressBar value={progress} aria-label="Reading the sheet" /></Field> : null}
      {error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : null}
      {result && !result.kind ? (
        <MessageBar intent="warning">
          <MessageBarBody>{result.sheet} does not look like any kind of return. Choose its kind above, or start from a template (riskmatrix template KIND).</MessageBarBody>
        </MessageBar>
      ) : null}
      {result?.kind ? (
        <div className={styles.section} aria-live="polite">
          <Body1 className={styles.wrap}>
            <strong>{result.sheet}</strong>: {kindLabel(result.kind)}
            {result.ret ? `; ${result.ret.rowsRead} rows read, ${result.ret.accepted} accepted, ${result.ret.excluded} excluded, ${result.ret.rejected} rejected.` : "."}
          </Body1>
          <SeverityCounts findings={result.findings} />
          {result.findings.length === 0 ? (
            <MessageBar intent="success"><MessageBarBody>No problems found: this return is ready to send.</MessageBarBody></MessageBar>
          ) : hasErrors(result.findings) ? (
            <Caption1 className={styles.wrap}>Fix the errors before the return is used; click a finding to go to its cell.</Caption1>
          ) : (
            <Caption1 className={styles.wrap}>No errors; the warnings are worth a look. Click one to go to its cell.</Caption1>
          )}
          <div className={styles.row}>
            <Button onClick={mark} disabled={!result.findings.some((f) => /![A-Z]+\d+$/.test(f.cell))}>Mark findings on the sheet</Button>
            <Button onClick={unmark} disabled={!marked}>Remove marks</Button>
          </div>
          <FindingList findings={result.findings} onSelect={(s, a) => actions.selectCells(s, a).catch((e) => setError(`Could not go to ${a}: ${(e as Error).message}`))} />
        </div>
      ) : null}
    </div>
  );
}
