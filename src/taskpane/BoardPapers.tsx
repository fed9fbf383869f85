import * as React from "react";
import { Dropdown, Field, Link, Option, Subtitle2 } from "@fluentui/react-components";
import { ActionButton } from "./ActionButton";
import { FileButton } from "./FileButton";
import { TaskStatus } from "./TaskStatus";
import { useBoardPapers, type BoardPapersProps } from "./useBoardPapers";
import { useStyles } from "./styles";

/** Charts, the ward map and a Word report of the matrix, for board papers. */
export function BoardPapers(props: BoardPapersProps): React.ReactElement {
  const styles = useStyles();
  const { task, shading, setShading, map, report, addCharts, drawMap, copyMap, wordReport } = useBoardPapers(props);
  const busy = task.busy !== undefined;
  const columns = props.matrix.columns;
  const shadingValue = shading ? `${shading.by}:${columns.findIndex((c) => c.label === shading.label)}` : "risk";
  const shadings = [
    { value: "risk", text: "Risk" },
    ...columns.flatMap((c, i) => [
      { value: `flag:${i}`, text: `${c.label}: flags` },
      { value: `figure:${i}`, text: `${c.label}: figures` },
    ]),
  ];
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
        <Dropdown
          className={styles.full}
          aria-label="Shade the ward map by"
          value={shadings.find((o) => o.value === shadingValue)?.text}
          selectedOptions={[shadingValue]}
          onOptionSelect={(_, d) => {
            const [by, i] = (d.optionValue ?? "risk").split(":");
            setShading(by === "risk" ? undefined : { by: by as "flag" | "figure", label: columns[Number(i)].label });
          }}
        >
          {shadings.map((o) => (
            <Option key={o.value} value={o.value}>
              {o.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <FileButton inputLabel="Ward boundaries file" accept=".geojson,.json,.zip" onFile={drawMap} busy={busy}>
        Ward map from boundaries…
      </FileButton>
      <TaskStatus task={task} />
      {map ? (
        <>
          <img src={map.png.url} alt={map.alt} className={styles.mapPreview} />
          <div className={styles.row}>
            <ActionButton onClick={copyMap} busy={busy}>
              Copy map
            </ActionButton>
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
