import * as React from "react";
import { Body1, Caption1, FluentProvider, Link, Title2, webLightTheme, AriaLiveAnnouncer } from "@fluentui/react-components";
import type { CheckSummary } from "../app/returnFile";
import { partnerCriteria } from "../app/partnerCheck";
import { hasErrors } from "../app/present";
import { InputError } from "../common/errors";
import { ActionButton } from "../taskpane/ActionButton";
import { FileButton } from "../taskpane/FileButton";
import { AUTO, KindPicker } from "../taskpane/CheckChoices";
import { FindingList, SeverityCounts } from "../taskpane/FindingList";
import { kindLabel, marksOf, rowsAccounted } from "../taskpane/model";
import { useStyles } from "../taskpane/styles";
import { TaskStatus } from "../taskpane/TaskStatus";
import { useTask } from "../taskpane/useTask";
import type { Checker } from "../taskpane/workerClient";
import { fixForPartner } from "./partnerRemedies";

const FILE_TYPES = ".xlsx,.xlsm,.csv,.txt,.tsv";

/**
 * The partner page: a return checked in the browser that opens it, as the analyst's pane checks
 * it, and a copy with the findings marked to download. Nothing is uploaded: the file is read here.
 */
export function PartnerCheck({ checker }: { checker: Checker }): React.ReactElement {
  const styles = useStyles();
  const task = useTask();
  const [kind, setKind] = React.useState(AUTO);
  const [criteriaFile, setCriteriaFile] = React.useState<{ name: string; text: string } | undefined>();
  const [summary, setSummary] = React.useState<CheckSummary | undefined>();
  const [download, setDownload] = React.useState<{ url: string; name: string } | undefined>();
  const busy = task.busy !== undefined;

  const check = (file: File) =>
    task.run(`Checking ${file.name}`, `${file.name} could not be checked`, async (step) => {
      setSummary(undefined);
      setDownload(undefined);
      const criteria = partnerCriteria(criteriaFile);
      if (!criteria.ok) throw new InputError(criteria);
      const outcome = await checker.checkFile(file, { kind: kind === AUTO ? undefined : kind, criteria: criteria.criteria }, step);
      if (!outcome.ok) throw new InputError(outcome);
      setSummary(outcome.summary);
    });

  const markedCopy = () =>
    task.run("Making the marked copy", "The marked copy could not be made", async (step) => {
      const rows = await checker.fileRows(step);
      // Loaded when asked for: the workbook writer is the page's largest part.
      const { markedCopyXlsx } = await import("../io/writeMarkedCopy");
      const bytes = await markedCopyXlsx({
        sheet: summary!.sheet,
        file: summary!.file ?? summary!.sheet,
        rows,
        marks: marksOf(summary!.findings, fixForPartner),
        findings: summary!.findings,
        fixOf: fixForPartner,
      });
      const url = URL.createObjectURL(
        new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
      );
      setDownload({ url, name: `${(summary!.file ?? summary!.sheet).replace(/\.[^.]+$/, "")} (checked).xlsx` });
    });

  return (
    <FluentProvider theme={webLightTheme}>
      <AriaLiveAnnouncer>
        <main
          className={styles.pane}
          aria-label="Check a return"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            const file = e.dataTransfer.files?.[0];
            if (file && !busy) void check(file);
          }}
        >
          <Title2 as="h1">Check a return before you send it</Title2>
          <Body1 className={styles.wrap}>
            Choose or drop your return (.xlsx or .csv). It is read and checked in this browser: nothing is uploaded, and your file is not
            changed.
          </Body1>
          <KindPicker kind={kind} onKind={setKind} />
          <div className={styles.row}>
            <FileButton
              inputLabel="Criteria file from your analyst"
              accept=".json"
              busy={busy}
              onFile={(f) => void f.text().then((text) => setCriteriaFile({ name: f.name, text }))}
            >
              Criteria from your analyst…
            </FileButton>
            <Caption1 className={styles.wrap}>
              {criteriaFile
                ? `Using ${criteriaFile.name}: its periods and district.`
                : "Optional: without it, dates are not checked against a period."}
            </Caption1>
          </div>
          <div className={styles.row}>
            <FileButton appearance="primary" inputLabel="Return to check" accept={FILE_TYPES} busy={busy} onFile={(f) => void check(f)}>
              Choose the return…
            </FileButton>
          </div>
          <TaskStatus task={task} cancellable />
          {summary ? (
            <section className={styles.section} aria-label="Result">
              <Body1 className={styles.wrap}>
                <strong>{summary.file ?? summary.sheet}</strong> [{summary.sheet}]: {kindLabel(summary.kind)}
                {rowsAccounted(summary)}
              </Body1>
              <SeverityCounts findings={summary.findings} />
              <Caption1 className={styles.wrap}>
                {summary.findings.length === 0
                  ? "No problems found: this return is ready to send."
                  : hasErrors(summary.findings)
                    ? "Fix the errors before you send the return."
                    : "No errors: it can be sent; the other findings are worth a look."}
              </Caption1>
              {summary.findings.length ? (
                <div className={styles.row}>
                  <ActionButton onClick={() => void markedCopy()} busy={busy}>
                    Make a copy with the findings marked
                  </ActionButton>
                  {download ? (
                    <Link href={download.url} download={download.name}>
                      Save {download.name}
                    </Link>
                  ) : null}
                </div>
              ) : null}
              <FindingList findings={summary.findings} fixOf={fixForPartner} />
            </section>
          ) : null}
        </main>
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}
