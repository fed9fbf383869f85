import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Body1, Button, Caption1, Checkbox, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, ProgressBar, Subtitle2 } from "@fluentui/react-components";
import { SheetData } from "../engine/cells";
import { carryForwardNotes, compareMatrices, comparisonRows, MatrixComparison, MatrixSnapshot, readMatrixSnapshot } from "../engine/compare";
import { parseCsv } from "../engine/csv";
import { Matrix } from "../engine/matrix";
import { matrixHtml, matrixPlainText, table4Layout, totalText } from "../engine/render";
import { parseRiskKey } from "../engine/riskKey";
import { parseRule } from "../engine/rules";
import { SheetInfo, WorkbookActions } from "./actions";
import { FindingList, SeverityCounts } from "./FindingList";
import { buildInPane, districtsOfLookup, kindLabel, kindOfSheet, MARKINGS, monthYear, prefillSources, StoredSettings } from "./model";
import { DistrictCriteria } from "./DistrictCriteria";
import { District, rewordColumn } from "../app/criteria";
import { useStyles } from "./styles";

const NONE = "(none)";

interface Scan {
  kinds: Record<string, string | undefined>;
  matrices: string[];
}

export interface BuildViewProps {
  actions: WorkbookActions;
  sheets: SheetInfo[];
  settings: StoredSettings;
  onSettingsChange: (s: StoredSettings) => Promise<void>;
  onSheetsChanged: () => void;
  /** Where copied text goes; the browser's clipboard unless a test gives another. */
  clipboard?: { write: (html: string, text: string) => Promise<void> };
}

async function browserClipboard(html: string, text: string): Promise<void> {
  const w = window as unknown as { ClipboardItem?: typeof ClipboardItem };
  if (navigator.clipboard && w.ClipboardItem) {
    await navigator.clipboard.write([new w.ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) })]);
    return;
  }
  // Office's older webviews lack the async clipboard: copy a rendered copy of the table instead.
  const holder = document.createElement("div");
  holder.contentEditable = "true";
  holder.style.position = "fixed";
  holder.style.left = "-10000px";
  holder.innerHTML = html;
  document.body.appendChild(holder);
  const range = document.createRange();
  range.selectNodeContents(holder);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  document.execCommand("copy");
  sel?.removeAllRanges();
  holder.remove();
}

export function BuildView({ actions, sheets, settings, onSettingsChange, onSheetsChanged, clipboard }: BuildViewProps): React.ReactElement {
  const styles = useStyles();
  const [scan, setScan] = React.useState<Scan | undefined>();
  const [draft, setDraft] = React.useState<StoredSettings>(settings);
  const [allowPartial, setAllowPartial] = React.useState(false);
  const [compiled, setCompiled] = React.useState(settings.criteria.compiled ?? monthYear());
  const [compareWith, setCompareWith] = React.useState<string>(NONE);
  const [progress, setProgress] = React.useState<string | undefined>();
  const [built, setBuilt] = React.useState<{ matrix?: Matrix; result: ReturnType<typeof buildInPane>; comparison?: MatrixComparison } | undefined>();
  const [written, setWritten] = React.useState<string | undefined>();
  const [message, setMessage] = React.useState<{ intent: "error" | "success" | "warning"; text: string } | undefined>();
  const [picture, setPicture] = React.useState<string | undefined>();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const [districts, setDistricts] = React.useState<District[]>([]);

  React.useEffect(() => setDraft(settings), [settings]);

  React.useEffect(() => {
    let live = true;
    const sheet = draft.lookupSheet;
    if (!sheet) {
      setDistricts([]);
      return;
    }
    actions.readSheet(sheet).then((data) => live && setDistricts(districtsOfLookup(data)), () => live && setDistricts([]));
    return () => {
      live = false;
    };
  }, [draft.lookupSheet, actions]);

  const applyDistrictCriteria = (criteria: StoredSettings["criteria"]) => {
    setDraft((d) => ({ ...d, criteria, sources: prefillSources(criteria, scan?.kinds ?? {}, d.sources) }));
    if (criteria.compiled) setCompiled(criteria.compiled);
    setMessage({ intent: "success", text: `The standard criteria for ${criteria.district?.name} are in the form below: check the labels, thresholds and periods, then save them in this workbook.` });
  };

  React.useEffect(() => {
    let live = true;
    (async () => {
      const kinds: Record<string, string | undefined> = {};
      const matrices: string[] = [];
      for (const s of sheets) {
        const head = await actions.readSheet(s.name, { maxRows: 40 });
        kinds[s.name] = kindOfSheet(head);
        if (readMatrixSnapshot(s.name, head.rows)) matrices.push(s.name);
      }
      if (!live) return;
      setScan({ kinds, matrices });
      setDraft((d) => ({ ...d, sources: prefillSources(d.criteria, kinds, d.sources) }));
      setCompareWith((c) => (c === NONE && matrices.length ? matrices[matrices.length - 1] : c));
    })().catch((e) => setMessage({ intent: "error", text: `The sheets could not be read: ${(e as Error).message}` }));
    return () => {
      live = false;
    };
  }, [sheets, actions]);

  const columns = draft.criteria.columns;
  const ruleErrors = columns.map((c) => {
    const r = parseRule(c.rule);
    return r.ok ? undefined : r.message;
  });
  const keyText = draft.criteria.riskKey ?? "0:Low;1-2:Medium;3+:High";
  const keyError = (() => {
    const k = parseRiskKey(keyText);
    return k.ok ? undefined : k.message;
  })();

  // A new rule or period rewords the column's criterion, so the table never states a threshold it did not apply.
  const setColumn = (i: number, change: Partial<(typeof columns)[number]>) =>
    setDraft((d) => ({ ...d, criteria: { ...d.criteria, columns: d.criteria.columns.map((c, j) => (j === i ? (change.rule !== undefined || change.period ? rewordColumn({ ...c, ...change }) : { ...c, ...change }) : c)) } }));

  const saveRules = async () => {
    try {
      await onSettingsChange(draft);
      setMessage({ intent: "success", text: "Criteria saved in this workbook: the next person and the next quarter get the same rules." });
    } catch (e) {
      setMessage({ intent: "error", text: `The criteria could not be saved: ${(e as Error).message}` });
    }
  };

  const readSnapshot = async (name: string): Promise<MatrixSnapshot | undefined> => readMatrixSnapshot(name, (await actions.readSheet(name)).rows);

  const preview = async () => {
    setMessage(undefined);
    setBuilt(undefined);
    setWritten(undefined);
    setPicture(undefined);
    try {
      const needed = new Set(Object.values(draft.sources));
      const data: Record<string, SheetData> = {};
      let i = 0;
      for (const name of needed) {
        i++;
        setProgress(`Reading ${name} (${i} of ${needed.size})`);
        data[name] = await actions.readSheet(name);
      }
      const concernsSheet = scan && Object.entries(scan.kinds).find(([, k]) => k === "concerns")?.[0];
      const lookup = draft.lookupSheet ? await actions.readSheet(draft.lookupSheet) : undefined;
      const concerns = concernsSheet ? await actions.readSheet(concernsSheet) : undefined;
      setProgress("Building the matrix");
      const result = buildInPane(draft, data, { allowPartial, compiled, lookup, concerns });
      if (result.criteriaErrors) throw new Error(`The criteria have problems: ${result.criteriaErrors.join("; ")}`);
      if (result.lookupError) throw new Error(`The lookup sheet ${draft.lookupSheet} is not a lookup: ${result.lookupError}`);
      let matrix = result.matrix;
      let comparison: MatrixComparison | undefined;
      if (matrix && compareWith !== NONE) {
        const before = await readSnapshot(compareWith);
        if (before) {
          matrix = carryForwardNotes(matrix, before);
          comparison = compareMatrices(before, matrix);
        }
      }
      setBuilt({ matrix, result, comparison });
      await onSettingsChange({ ...draft, criteria: { ...draft.criteria, compiled } });
      if (!matrix) setMessage({ intent: "error", text: "No matrix: the returns have errors (listed below). Fix them, or tick “Build from the rows that are fine”." });
    } catch (e) {
      setMessage({ intent: "error", text: (e as Error).message });
    } finally {
      setProgress(undefined);
    }
  };

  const write = async () => {
    if (!built?.matrix) return;
    setMessage(undefined);
    setProgress("Writing the Table 4 sheet");
    try {
      const layout = table4Layout(built.matrix, { marking: draft.marking });
      const beside = built.comparison ? comparisonRows(built.comparison) : undefined;
      const { sheet } = await actions.writeMatrix(layout, { baseName: "Table 4", beside });
      setWritten(sheet);
      setMessage({ intent: "success", text: `Wrote ${sheet}. Officers can fill in “Professional concern raised” and the priority heading there.` });
      onSheetsChanged();
    } catch (e) {
      setMessage({ intent: "error", text: `Table 4 was not written, and the workbook is as it was: ${(e as Error).message}` });
    } finally {
      setProgress(undefined);
    }
  };

  const copy = async (format: "html" | "text") => {
    if (!built?.matrix) return;
    const html = matrixHtml(built.matrix, { marking: draft.marking });
    const text = matrixPlainText(built.matrix, { marking: draft.marking });
    try {
      await (clipboard?.write ?? browserClipboard)(format === "html" ? html : `<pre>${text.replace(/</g, "&lt;")}</pre>`, text);
      setMessage({ intent: "success", text: format === "html" ? "Copied: paste into Word or PowerPoint to keep the shading." : "Copied as plain text." });
    } catch (e) {
      setMessage({ intent: "error", text: `Could not copy: ${(e as Error).message}` });
    }
  };

  const savePicture = async () => {
    if (!written) return;
    const png = await actions.picture(written);
    if (!png) setMessage({ intent: "warning", text: "This version of Excel cannot make a picture of a range; copy the table instead." });
    else setPicture(`data:image/png;base64,${png}`);
  };

  const importLookup = async (file: File) => {
    setProgress(`Importing ${file.name}`);
    try {
      const rows = parseCsv(await file.text()).map((r) => r.map((c) => (c === null || c === undefined ? null : String(c))));
      const name = await actions.writeDataSheet("Lookup", rows);
      const next = { ...draft, lookupSheet: name };
      setDraft(next);
      await onSettingsChange(next);
      setMessage({ intent: "success", text: `Imported ${rows.length - 1} rows into the sheet ${name}; it is now the lookup.` });
      onSheetsChanged();
    } catch (e) {
      setMessage({ intent: "error", text: `The lookup could not be imported: ${(e as Error).message}` });
    } finally {
      setProgress(undefined);
    }
  };

  const sheetOptions = sheets.map((s) => s.name);
  const matrix = built?.matrix;
  return (
    <div className={styles.section}>
      <Body1 className={styles.wrap}>Build Table 4 for {draft.criteria.district?.name ?? "the district"} from the returns in this workbook.</Body1>
      {!scan ? <Caption1>Looking at the sheets…</Caption1> : null}
      <Accordion multiple collapsible defaultOpenItems={["data"]}>
        <AccordionItem value="data">
          <AccordionHeader as="h2" size="small">Data for each column</AccordionHeader>
          <AccordionPanel className={styles.section}>
      {columns.map((c) => (
        <Field key={c.id} label={`${c.label} (${kindLabel(c.kind)})`}>
          <Dropdown className={styles.full} aria-label={`Sheet for ${c.label}`} value={draft.sources[c.id] ?? NONE} selectedOptions={[draft.sources[c.id] ?? NONE]}
            onOptionSelect={(_, d) => setDraft((s) => ({ ...s, sources: { ...s.sources, [c.id]: d.optionValue === NONE ? "" : d.optionValue ?? "" } }))}>
            <Option value={NONE}>{NONE}</Option>
            {sheetOptions.map((n) => (
              <Option key={n} value={n} text={n}>{n}{scan?.kinds[n] === c.kind ? " ✓" : ""}</Option>
            ))}
          </Dropdown>
        </Field>
      ))}
      <Field label="Lookup (areas to wards)" hint="Needed when returns give LSOAs or villages without a Ward column.">
        <Dropdown className={styles.full} aria-label="Lookup sheet" value={draft.lookupSheet ?? NONE} selectedOptions={[draft.lookupSheet ?? NONE]}
          onOptionSelect={(_, d) => setDraft((s) => ({ ...s, lookupSheet: d.optionValue === NONE ? undefined : d.optionValue }))}>
          <Option value={NONE}>{NONE}</Option>
          {sheetOptions.map((n) => <Option key={n} value={n}>{n}</Option>)}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <input ref={fileInput} type="file" accept=".csv,text/csv" hidden aria-label="ONS lookup CSV file" onChange={(e) => e.target.files?.[0] && importLookup(e.target.files[0])} />
        <Button size="small" onClick={() => fileInput.current?.click()} disabled={!!progress}>Import the ONS LSOA-to-ward CSV…</Button>
      </div>

          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="criteria">
          <AccordionHeader as="h2" size="small">Criteria and risk key</AccordionHeader>
          <AccordionPanel className={styles.section}>
      <DistrictCriteria districts={districts} current={draft.criteria.district?.name} onApply={applyDistrictCriteria} />
      {columns.map((c, i) => (
        <div key={c.id} className={styles.section}>
          <Field label={`${kindLabel(c.kind)}: label`}>
            <Input value={c.label} onChange={(_, d) => setColumn(i, { label: d.value })} aria-label={`Column label (${c.id})`} />
          </Field>
          <Field label={`${c.label}: rule`} validationState={ruleErrors[i] ? "error" : "none"} validationMessage={ruleErrors[i]}>
            <Input value={c.rule} onChange={(_, d) => setColumn(i, { rule: d.value })} aria-label={`Rule for ${c.label}`} />
          </Field>
          {c.period ? (
            <div className={styles.row}>
              <Field label="From" className={styles.grow}><Input value={c.period.from} onChange={(_, d) => setColumn(i, { period: { ...c.period!, from: d.value } })} aria-label={`${c.label} period from`} /></Field>
              <Field label="To" className={styles.grow}><Input value={c.period.to} onChange={(_, d) => setColumn(i, { period: { ...c.period!, to: d.value } })} aria-label={`${c.label} period to`} /></Field>
            </div>
          ) : null}
        </div>
      ))}
      <Field label="Risk key" validationState={keyError ? "error" : "none"} validationMessage={keyError ?? "Flags for each level, e.g. 0:Low;1-2:Medium;3+:High"}>
        <Input value={keyText} onChange={(_, d) => setDraft((s) => ({ ...s, criteria: { ...s.criteria, riskKey: d.value } }))} aria-label="Risk key" />
      </Field>
      <div className={styles.row}>
        <Button onClick={saveRules} disabled={!!keyError || ruleErrors.some(Boolean)}>Save criteria in this workbook</Button>
      </div>

          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Field label="Data compiled"><Input value={compiled} onChange={(_, d) => setCompiled(d.value)} aria-label="Data compiled" /></Field>
      <Field label="Protective marking">
        <Dropdown className={styles.full} aria-label="Protective marking" value={draft.marking} selectedOptions={[draft.marking]} onOptionSelect={(_, d) => setDraft((s) => ({ ...s, marking: d.optionValue ?? s.marking }))}>
          {MARKINGS.map((m) => <Option key={m} value={m}>{m}</Option>)}
        </Dropdown>
      </Field>
      <Field label="Compare with an earlier matrix" hint="Its concerns and priorities are carried forward.">
        <Dropdown className={styles.full} aria-label="Earlier matrix" value={compareWith} selectedOptions={[compareWith]} onOptionSelect={(_, d) => setCompareWith(d.optionValue ?? NONE)}>
          <Option value={NONE}>{NONE}</Option>
          {(scan?.matrices ?? []).map((n) => <Option key={n} value={n}>{n}</Option>)}
        </Dropdown>
      </Field>
      <Checkbox checked={allowPartial} onChange={(_, d) => setAllowPartial(!!d.checked)} label="Build from the rows that are fine when some have errors" />
      <div className={styles.row}>
        <Button appearance="primary" onClick={preview} disabled={!!progress || !!keyError || ruleErrors.some(Boolean)}>Preview matrix</Button>
        <Button onClick={write} disabled={!!progress || !matrix}>Write Table 4 sheet</Button>
      </div>
      {progress ? <Field validationMessage={progress} validationState="none"><ProgressBar aria-label={progress} /></Field> : null}
      {message ? <MessageBar intent={message.intent}><MessageBarBody className={styles.wrap}>{message.text}</MessageBarBody></MessageBar> : null}

      {built ? <SeverityCounts findings={built.result.findings} /> : null}
      {matrix ? (
        <section className={styles.section} aria-label="Matrix preview">
          <table className={styles.preview}>
            <caption className={styles.muted}>{matrix.district}: {matrix.rows.filter((r) => r.risk === "High").length} high, {matrix.rows.filter((r) => r.risk === "Medium").length} medium</caption>
            <thead><tr><th className={styles.cell} scope="col">Ward</th><th className={styles.num} scope="col">Flags</th><th className={styles.risk} scope="col">Risk</th></tr></thead>
            <tbody>
              {matrix.rows.map((r) => (
                <tr key={r.ward} data-ward={r.ward}>
                  <td className={styles.cell} title={matrix.columns.filter((c) => r.flags[c.id]).map((c) => c.label).join(", ")}>{r.ward}</td>
                  <td className={styles.num}>{totalText(r)}</td>
                  <td className={styles.risk}><Badge appearance="tint" color={r.risk === "High" ? "danger" : r.risk === "Medium" ? "warning" : "success"}>{r.risk}</Badge></td>
                </tr>
              ))}
            </tbody>
          </table>
          {matrix.notes.map((n) => <Caption1 key={n} className={styles.wrap}>{n}</Caption1>)}
          {built?.comparison ? (
            <section aria-label="Changes since the earlier matrix" className={styles.section}>
              <Subtitle2 as="h3">Changes since {built.comparison.against}</Subtitle2>
              {built.comparison.changes.length === 0 ? <Caption1>No ward&apos;s flags or risk changed.</Caption1> : (
                <ul className={styles.list}>
                  {built.comparison.changes.map((c) => (
                    <li key={c.ward} className={styles.wrap}>
                      <strong>{c.ward}</strong>: {c.gained.length ? `gained ${c.gained.join(", ")}` : ""}{c.gained.length && c.lost.length ? "; " : ""}{c.lost.length ? `lost ${c.lost.join(", ")}` : ""}
                      {c.riskBefore && c.riskBefore !== c.riskAfter ? ` (${c.riskBefore} → ${c.riskAfter})` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          <Subtitle2 as="h3">Copy for reports</Subtitle2>
          <div className={styles.row}>
            <Button onClick={() => copy("html")}>Copy table</Button>
            <Button onClick={() => copy("text")}>Copy as text</Button>
            <Button onClick={savePicture} disabled={!written}>Picture</Button>
          </div>
          {picture ? <a href={picture} download={`${written}.png`}>Save the picture of {written}</a> : null}
        </section>
      ) : null}
      {built && built.result.findings.length ? (
        <FindingList findings={built.result.findings} onSelect={(s, a) => actions.selectCells(s, a).catch(() => undefined)} />
      ) : null}
    </div>
  );
}
