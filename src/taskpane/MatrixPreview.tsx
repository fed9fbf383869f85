import * as React from "react";
import { ActionButton } from "./ActionButton";
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import type { MatrixComparison } from "../engine/matrix/compare";
import type { Matrix } from "../engine/matrix/matrix";
import { MatrixChanges } from "./MatrixChanges";
import { WardRow } from "./WardRow";
import { useStyles } from "./styles";

export interface MatrixPreviewProps {
  matrix: Matrix;
  comparison?: MatrixComparison;
  /** The Table 4 sheet written from this matrix, if any. */
  written?: string;
  picture?: string;
  onCopy: (format: "html" | "text") => void;
  onPicture: () => void;
  /** What copying or a picture reports, shown beside their buttons. */
  children?: React.ReactNode;
}

/** The wards' totals and risk, the matrix's notes, the changes since an earlier matrix, and copying for reports. */
export function MatrixPreview({
  matrix,
  comparison,
  written,
  picture,
  onCopy,
  onPicture,
  children,
}: MatrixPreviewProps): React.ReactElement {
  const styles = useStyles();
  const count = (risk: string) => matrix.rows.filter((r) => r.risk === risk).length;
  return (
    <section className={styles.section} aria-label="Matrix preview">
      {matrix.incompleteness ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{matrix.incompleteness}</MessageBarBody>
        </MessageBar>
      ) : null}
      <table className={styles.preview}>
        <caption className={styles.muted}>
          {matrix.district}: {count("High")} high, {count("Medium")} medium
        </caption>
        <thead>
          <tr>
            <th className={styles.cell} scope="col">
              Ward (open for the reasons)
            </th>
            <th className={styles.num} scope="col">
              Flags
            </th>
            <th className={styles.risk} scope="col">
              Risk
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((r) => (
            <WardRow key={r.ward} matrix={matrix} row={r} />
          ))}
        </tbody>
      </table>
      {matrix.notes.map((n) => (
        <Caption1 key={n} className={styles.wrap}>
          {n}
        </Caption1>
      ))}
      {comparison ? <MatrixChanges comparison={comparison} /> : null}
      <Subtitle2 as="h3">Copy for reports</Subtitle2>
      <div className={styles.row}>
        <Button onClick={() => onCopy("html")}>Copy table</Button>
        <Button onClick={() => onCopy("text")}>Copy as text</Button>
        <ActionButton onClick={onPicture} why={written ? undefined : "Write the Table 4 sheet first: the picture is of that sheet."}>
          Picture
        </ActionButton>
      </div>
      {picture ? (
        <a href={picture} download={`${written}.png`}>
          Save the picture of {written}
        </a>
      ) : null}
      {children}
    </section>
  );
}
