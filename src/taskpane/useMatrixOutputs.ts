import type { BuiltSummary } from "./workerProtocol";
import type { WorkbookActions } from "../common/workbookPort";
import { comparisonRows, matrixHtml, matrixPlainText, table4Layout } from "../app/present";
import { browserClipboard } from "./clipboard";
import type { Task } from "./useTask";

export interface MatrixOutputsProps {
  actions: WorkbookActions;
  task: Task;
  /** Copying and pictures report through this task, beside their buttons. */
  outputTask: Task;
  built: BuiltSummary | undefined;
  marking: string;
  written: string | undefined;
  setWritten: (sheet: string) => void;
  setPicture: (dataUrl: string) => void;
  clipboard?: { write: (html: string, text: string) => Promise<void> };
  onSheetsChanged: () => void;
}

/** What can be done with a matrix built: write the Table 4 sheet, copy it for reports, make a picture of it. */
export function useMatrixOutputs({
  actions,
  task,
  outputTask,
  built,
  marking,
  written,
  setWritten,
  setPicture,
  clipboard,
  onSheetsChanged,
}: MatrixOutputsProps) {
  const { setMessage } = task;
  const write = () =>
    task.run("Writing the Table 4 sheet", "Table 4 was not written, and the workbook is as it was", async () => {
      const layout = table4Layout(built!.matrix!, { marking: marking });
      const beside = built!.comparison ? comparisonRows(built!.comparison) : undefined;
      const { sheet } = await actions.writeMatrix(layout, { baseName: "Table 4", beside });
      setWritten(sheet);
      setMessage({
        intent: "success",
        text: `Wrote ${sheet}. Officers can fill in “Professional concern raised” and the priority heading there.`,
      });
      onSheetsChanged();
    });

  const copy = (format: "html" | "text") =>
    outputTask.run("Copying", "Could not copy", async () => {
      const html = matrixHtml(built!.matrix!, { marking: marking });
      const text = matrixPlainText(built!.matrix!, { marking: marking });
      await (clipboard?.write ?? browserClipboard)(format === "html" ? html : `<pre>${text.replace(/</g, "&lt;")}</pre>`, text);
      outputTask.setMessage({
        intent: "success",
        text: format === "html" ? "Copied: paste into Word or PowerPoint to keep the shading." : "Copied as plain text.",
      });
    });

  const savePicture = () =>
    outputTask.run("Making a picture", "The picture could not be made", async () => {
      const png = written ? await actions.picture(written) : undefined;
      if (!png)
        outputTask.setMessage({
          intent: "warning",
          text: "This version of Excel cannot make a picture of a range; copy the table instead.",
        });
      else setPicture(`data:image/png;base64,${png}`);
    });

  return { write, copy, savePicture };
}
