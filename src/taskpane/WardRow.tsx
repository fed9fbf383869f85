import * as React from "react";
import { Badge, Button } from "@fluentui/react-components";
import type { Matrix } from "../engine/matrix/matrix";
import { totalText } from "../app/present";
import { useStyles } from "./styles";

type Row = Matrix["rows"][number];

/** A risk level's colour: the key's own order, and no colour where flags not known could change it. */
function badgeColour(matrix: Matrix, row: Row): "danger" | "warning" | "success" | "informative" {
  if (row.riskFrom !== row.riskTo) return "informative";
  const i = matrix.riskKey.findIndex((b) => b.label === row.risk);
  return i === matrix.riskKey.length - 1 ? "danger" : i > 0 ? "warning" : "success";
}

const flagWord = (flag: boolean | null) => (flag === null ? "not known" : flag ? "flag" : "no flag");

/**
 * One ward of the preview: its name opens the reasons behind each column's flag (a button, so a
 * keyboard reaches it and a screen reader says whether it is open), then its total and risk.
 */
export function WardRow({ matrix, row }: { matrix: Matrix; row: Row }): React.ReactElement {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const id = `reasons-${row.ward.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <>
      <tr data-ward={row.ward}>
        <td className={styles.cell}>
          <Button appearance="transparent" size="small" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
            {row.ward}
          </Button>
        </td>
        <td className={styles.num}>{totalText(row)}</td>
        <td className={styles.risk}>
          <Badge appearance="tint" color={badgeColour(matrix, row)}>
            {row.risk}
          </Badge>
        </td>
      </tr>
      {open ? (
        <tr id={id}>
          <td colSpan={3} className={styles.cell}>
            <ul className={styles.list} aria-label={`Why ${row.ward} is flagged or not`}>
              {matrix.columns.map((c) => (
                <li key={c.id} className={styles.wrap}>
                  <strong>
                    {c.label} ({flagWord(row.flags[c.id])}):
                  </strong>{" "}
                  {row.reasons[c.id]?.reason}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ) : null}
    </>
  );
}
