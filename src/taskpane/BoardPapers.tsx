import * as React from "react";
import { Field, Link, Select, Subtitle2 } from "@fluentui/react-components";
import { ActionButton } from "./ActionButton";
import { FileButton } from "./FileButton";
import { TaskStatus } from "./TaskStatus";
import { useBoardPapers, type BoardPapersProps } from "./useBoardPapers";
import { useStyles } from "./styles";

/** Charts, the ward map and a Word report of the matrix, for board papers. */
export function BoardPapers(props: BoardPapersProps): React.ReactElement {
  const styles = useStyles();
  const { task, shading, setShading, map, report, addCharts, drawMap, wordReport } = useBoardPapers(props);
  const busy = task.busy !== undefined;
  const columns = props.matrix.columns;
  const shadingValue = shading ? `${shading.by}:${columns.findIndex((c) => c.label === shading.label)}` : "risk";
  return (
    <section className={styles.section} aria-label="Pictures and papers">
      <Subtitle2 as="h3">Pictures and papers</Subtitle2>
      <div className={styles.row}>
        <ActionButton onClick={addCharts} busy={busy}>
          Add charts
        </ActionButton>
        <ActionButton onClick={wordReport} busy={busy}>
          Word report
        </ActionButton>
      </div>
      <Field label="Shade the ward map by">
        <Select
          value={shadingValue}
          onChange={(_, d) => {
            const [by, i] = d.value.split(":");
            setShading(by === "risk" ? undefined : { by: by as "flag" | "figure", label: columns[Number(i)].label });
          }}
        >
          <option value="risk">Risk</option>
          {columns.flatMap((c, i) => [
            <option key={`f${i}`} value={`flag:${i}`}>
              {c.label}: flags
            </option>,
            <option key={`v${i}`} value={`figure:${i}`}>
              {c.label}: figures
            </option>,
          ])}
        </Select>
      </Field>
      <FileButton inputLabel="Ward boundaries file" accept=".geojson,.json,.zip" onFile={drawMap} busy={busy}>
        Ward map from boundaries…
      </FileButton>
      <TaskStatus task={task} />
      {map ? (
        <>
          <img src={map.png.url} alt={map.alt} className={styles.mapPreview} />
          <div className={styles.row}>
            <Link href={map.svg.url} download={map.svg.name}>
              Save the map (SVG)
            </Link>
            <Link href={map.png.url} download={map.png.name}>
              Save the map (PNG)
            </Link>
          </div>
        </>
      ) : null}
      {report ? (
        <Link href={report.url} download={report.name}>
          Save {report.name}
        </Link>
      ) : null}
    </section>
  );
}
