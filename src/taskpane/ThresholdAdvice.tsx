import * as React from "react";
import { Button, Caption1 } from "@fluentui/react-components";
import type { ThresholdProposal } from "../app/proposeThresholds";
import type { ColumnSpec } from "../engine/rules/criteria";
import { ruleInWords } from "../app/districtCriteria";
import { useStyles } from "./styles";

/** The figures "412, 380, 301 … 0": the highest few and the lowest, with how many there are. */
function figuresInShort(figures: readonly number[]): string {
  const f = figures.map((v) => v.toLocaleString("en-GB", { maximumFractionDigits: 1 }));
  return f.length > 7 ? `${f.slice(0, 6).join(", ")} … ${f[f.length - 1]}` : f.join(", ");
}

/**
 * Beside a threshold: the district's own ward figures for the column, and the threshold that
 * flags its top fifth, to accept; nothing until thresholds have been asked for.
 */
export function ThresholdAdvice({
  proposal,
  column,
  onAccept,
}: {
  proposal: ThresholdProposal | undefined;
  column: ColumnSpec;
  onAccept: (proposed: ColumnSpec) => void;
}): React.ReactElement | null {
  const styles = useStyles();
  const d = proposal?.columns.find((x) => x.column === column.id);
  const proposed = proposal?.spec.columns.find((x) => x.id === column.id);
  if (!d || !proposed) return null;
  const figures = d.figures.length ? `The district's ${d.wards} wards: ${figuresInShort(d.figures)}.` : "No ward figures.";
  if (d.kept) return <Caption1 className={styles.wrap}>{`${figures} Kept as it is: ${d.kept}.`}</Caption1>;
  return (
    <div className={styles.action}>
      <Caption1
        className={styles.wrap}
      >{`${figures} ${ruleInWords(d.rule)} flags the top fifth: ${d.flagged} of ${d.wards} wards.`}</Caption1>
      {d.rule === column.rule ? null : (
        <Button size="small" onClick={() => onAccept(proposed)}>
          Use {ruleInWords(d.rule)}
        </Button>
      )}
    </div>
  );
}
