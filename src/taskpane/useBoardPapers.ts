import * as React from "react";
import type { WorkbookActions } from "../common/workbookPort";
import type { Matrix } from "../engine/matrix/matrix";
import { chartSheetLayout } from "../app/present";
import type { WardMapOptions } from "../app/wardMap";
import { problemForPane } from "./paneRemedies";
import { useTask } from "./useTask";
import { copyPicture } from "./clipboard";

export interface BoardPapersProps {
  actions: WorkbookActions;
  matrix: Matrix;
  marking: string;
  /** The Table 4 sheet written from this matrix, where the map is put beside the table. */
  written: string | undefined;
  onSheetsChanged: () => void;
}

/** A file the pane made for the user to save: its object URL and name. */
export interface Saved {
  url: string;
  name: string;
}

/** A file as a data: URL, which the pane's policy lets it offer for saving without a fetch. */
function dataUrl(content: string | Uint8Array, type: string): string {
  if (typeof content === "string") return `data:${type};charset=utf-8,${encodeURIComponent(content)}`;
  let binary = "";
  for (let i = 0; i < content.length; i += 0x8000) binary += String.fromCharCode(...content.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

/**
 * Charts, the ward map and the Word report of a matrix. The map's drawing code and the Word
 * library are loaded only when asked for, so the pane's first load carries neither.
 */
export function useBoardPapers({ actions, matrix, marking, written, onSheetsChanged }: BoardPapersProps) {
  const task = useTask();
  const [shading, setShading] = React.useState<WardMapOptions["column"]>();
  const [map, setMap] = React.useState<{ svg: Saved; png: Saved; alt: string } | undefined>();
  const [report, setReport] = React.useState<Saved | undefined>();
  const { setMessage } = task;
  const picture = React.useRef<{ png: string; width: number; height: number } | undefined>(undefined);

  const addCharts = () =>
    task.run("Adding charts", "The charts were not added, and the workbook is as it was", async () => {
      const { sheet, charts } = await actions.writeCharts("Table 4 charts", chartSheetLayout(matrix, marking || undefined));
      setMessage({
        intent: "success",
        text: `Added ${charts} charts on ${sheet}, each drawn from the table beside it: restyle them in Excel.`,
      });
      onSheetsChanged();
    });

  const drawMap = (file: File) =>
    task.run("Drawing the ward map", "The map was not drawn", async () => {
      const { drawWardMap } = await import(/* webpackChunkName: "wardmap" */ "./mapPicture");
      const drawn = await drawWardMap(file, matrix, { marking: marking || undefined, column: shading });
      if (!drawn.ok) return setMessage({ intent: "error", text: problemForPane(drawn) });
      picture.current = drawn;
      const alt = `Each ward of ${matrix.district} shaded by ${shading ? shading.label : "its Table 4 risk level"}.`;
      setMap({
        svg: { url: dataUrl(drawn.svg, "image/svg+xml"), name: `${matrix.district} ward map.svg` },
        png: { url: `data:image/png;base64,${drawn.png}`, name: `${matrix.district} ward map.png` },
        alt,
      });
      const missing = [
        drawn.missing.length ? ` No boundary for ${drawn.missing.join(", ")}: not drawn (the map says so).` : "",
        drawn.ambiguous.length ? ` Not drawn: ${drawn.ambiguous.join(", ")}, a name several wards in the file share.` : "",
        drawn.damaged.length ? ` Drawn in part: ${drawn.damaged.join(", ")}, whose coordinates could not all be read.` : "",
      ].join("");
      const placed = written
        ? await actions.insertPicture(written, { ...drawn, title: `Ward map: ${matrix.district}`, description: alt })
        : undefined;
      const where =
        placed === undefined
          ? "Write the Table 4 sheet to put it beside the table, or save it below."
          : placed
            ? `It is on ${written}, beside the table.`
            : "This version of Excel cannot insert pictures: save it below and use Insert > Pictures.";
      setMessage({
        intent: missing ? "warning" : "success",
        text: `Drew ${drawn.drawn} of ${matrix.rows.length} wards.${missing} ${where}`,
      });
    });

  const copyMap = () =>
    task.run("Copying the map", "The map was not copied", async () => {
      await copyPicture(picture.current!.png, map!.alt);
      setMessage({ intent: "success", text: "Copied the map: paste it into Word or PowerPoint." });
    });

  const wordReport = () =>
    task.run("Writing the Word report", "The report was not written", async () => {
      const { table4Docx } = await import(/* webpackChunkName: "docx" */ "../io/writeReportDocx");
      const bytes = await table4Docx(matrix, {
        marking: marking || undefined,
        map: picture.current && { ...picture.current, png: Uint8Array.from(atob(picture.current.png), (c) => c.charCodeAt(0)) },
      });
      setReport({
        url: dataUrl(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        name: `${matrix.title.slice(0, 60)} - ${matrix.district}.docx`,
      });
      setMessage({ intent: "success", text: `The report is ready${picture.current ? ", with the ward map" : ""}: save it below.` });
    });

  return { task, shading, setShading, map, report, addCharts, drawMap, copyMap, wordReport };
}
