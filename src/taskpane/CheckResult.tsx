import * as React from "react";
import { ActionButton } from "./ActionButton";
import { Body1, Caption1, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { hasErrors } from "../app/present";
import type { CheckSummary } from "../app/returnFile";
import { FindingList, SeverityCounts } from "./FindingList";
import { kindLabel, marksOf, rowsAccounted } from "./model";
import { useStyles } from "./styles";

/** What was checked: a sheet of this workbook, or a file opened from disk (whose findings cannot be marked or gone to). */
export interface Checked {
  source: "sheet" | "file";
  summary: CheckSummary;
}

export interface CheckResultProps {
  checked: Checked;
  busy: boolean;
  /** The sheet has marks from an earlier check. */
  marked: boolean;
  onCopy: () => void;
  onMark: () => void;
  onUnmark: () => void;
  onSelect: (sheet: string, address: string) => void;
}

/** A check's result: what the return was read as, its rows accounted for, its findings, and what can be done next. */
export function CheckResult({ checked, busy, marked, onCopy, onMark, onUnmark, onSelect }: CheckResultProps): React.ReactElement {
  const styles = useStyles();
  const findings = checked.summary.findings;
  const marks = marksOf(findings);
  const summary = checked.summary;
  const counts = rowsAccounted(summary);
  const fileSheet =
    summary?.file && checked.source === "file"
      ? `${summary.file}${summary.otherSheets.length || summary.sheet !== summary.file.replace(/\.[^.]+$/, "") ? ` [${summary.sheet}]` : ""}`
      : undefined;
  const shownName = fileSheet ?? summary?.sheet;
  const goTo =
    checked.source === "file"
      ? "each names its cell in the file (copy the file into the workbook to go to them)."
      : "click a finding to go to its cell.";
  return (
    <>
      {summary && !summary.kind ? (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>
            {shownName} does not look like any kind of return. Choose its kind under “Kind of return” above, or ask the analyst for the
            template of that kind (riskmatrix template) and copy the data into it.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {summary?.kind ? (
        <div className={styles.section} aria-live="polite">
          <Body1 className={styles.wrap}>
            <strong>{shownName}</strong>: {kindLabel(summary.kind)}
            {counts}
          </Body1>
          {checked.source === "file" && summary.otherSheets.length ? (
            <Caption1 className={styles.wrap}>Its other sheets were not checked: {summary.otherSheets.join(", ")}.</Caption1>
          ) : null}
          <SeverityCounts findings={findings} />
          {findings.length === 0 ? (
            <MessageBar layout="multiline" intent="success">
              <MessageBarBody>No problems found: this return is ready to send.</MessageBarBody>
            </MessageBar>
          ) : hasErrors(findings) ? (
            <Caption1 className={styles.wrap}>Fix the errors before the return is used; {goTo}</Caption1>
          ) : findings.some((f) => f.severity === "warning") ? (
            <Caption1 className={styles.wrap}>No errors; the warnings are worth a look: {goTo}</Caption1>
          ) : (
            <Caption1 className={styles.wrap}>No errors or warnings; the notes say how the return was read: {goTo}</Caption1>
          )}
          {checked.source === "file" ? (
            <div className={styles.row}>
              <ActionButton onClick={onCopy} busy={busy}>
                Copy into this workbook as a new sheet
              </ActionButton>
            </div>
          ) : (
            <div className={styles.row}>
              <ActionButton onClick={onMark} busy={busy} why={marks.length ? undefined : "No finding has a cell to mark."}>
                Mark findings on the sheet
              </ActionButton>
              <ActionButton onClick={onUnmark} busy={busy} why={marked ? undefined : "Nothing is marked."}>
                Remove marks
              </ActionButton>
            </div>
          )}
          <FindingList findings={findings} onSelect={checked.source === "file" ? undefined : onSelect} />
        </div>
      ) : null}
    </>
  );
}
