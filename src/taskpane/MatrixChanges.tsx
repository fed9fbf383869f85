import * as React from "react";
import { Caption1, Subtitle2 } from "@fluentui/react-components";
import type { MatrixComparison } from "../engine/matrix/compare";
import { useStyles } from "./styles";

/** Each ward's flags gained and lost and its risk moved since an earlier matrix, and the criteria that changed. */
export function MatrixChanges({ comparison }: { comparison: MatrixComparison }): React.ReactElement {
  const styles = useStyles();
  return (
    <section aria-label="Changes since the earlier matrix" className={styles.section}>
      <Subtitle2 as="h3">Changes since {comparison.against}</Subtitle2>
      {comparison.criteriaChanged.map((x) => (
        <Caption1 key={x.column} className={styles.wrap}>
          Criteria changed for {x.column}: was “{x.before}”, now “{x.now}”. Its gains and losses may come from the criteria, not the data.
        </Caption1>
      ))}
      {comparison.changes.length === 0 ? (
        <Caption1>No ward&apos;s flags or risk changed.</Caption1>
      ) : (
        <ul className={styles.list}>
          {comparison.changes.map((c) => (
            <li key={c.ward} className={styles.wrap}>
              <strong>{c.ward}</strong>: {c.gained.length ? `gained ${c.gained.join(", ")}` : ""}
              {c.gained.length && c.lost.length ? "; " : ""}
              {c.lost.length ? `lost ${c.lost.join(", ")}` : ""}
              {c.notKnown.length ? `${c.gained.length || c.lost.length ? "; " : ""}now not known: ${c.notKnown.join(", ")}` : ""}
              {c.riskBefore && c.riskBefore !== c.riskAfter ? ` (${c.riskBefore} → ${c.riskAfter})` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
