import * as React from "react";
import { Badge, Button, Caption1, Subtitle2 } from "@fluentui/react-components";
import { Finding, Severity } from "../engine/findings";
import { findingAddress } from "./model";
import { useStyles } from "./styles";

const SHOWN = 150;
const TITLES: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Notes" };
const COLOURS: Record<Severity, "danger" | "warning" | "informative"> = { error: "danger", warning: "warning", info: "informative" };

export function SeverityCounts({ findings }: { findings: readonly Finding[] }): React.ReactElement {
  const styles = useStyles();
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return (
    <div className={styles.row} role="status" aria-label="Findings by severity">
      {(["error", "warning", "info"] as const).map((s) => (
        <Badge key={s} appearance={count(s) ? "filled" : "outline"} color={COLOURS[s]}>
          {count(s)} {TITLES[s].toLowerCase()}
        </Badge>
      ))}
    </div>
  );
}

/** Findings by severity; each one selects its cells in the sheet when clicked. */
export function FindingList({ findings, onSelect }: { findings: readonly Finding[]; onSelect: (sheet: string, address: string) => void }): React.ReactElement {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      {(["error", "warning", "info"] as const).map((severity) => {
        const list = findings.filter((f) => f.severity === severity);
        if (!list.length) return null;
        return (
          <section key={severity} className={styles.section} aria-label={TITLES[severity]}>
            <Subtitle2 as="h3">{TITLES[severity]} ({list.length})</Subtitle2>
            <ul className={styles.list}>
              {list.slice(0, SHOWN).map((f, i) => {
                const target = findingAddress(f);
                return (
                  <li key={`${f.code}-${i}`} className={styles.finding}>
                    <Button
                      appearance="transparent"
                      size="small"
                      className={styles.findingButton}
                      disabled={!target}
                      aria-label={`${TITLES[severity].slice(0, -1)} at ${f.cell || "the whole sheet"}: ${f.message}`}
                      onClick={() => target && onSelect(target.sheet, target.address)}
                    >
                      {f.cell ? <strong>{f.cell.replace(/^.*!/, "")}&nbsp;</strong> : null}
                      {f.message}
                    </Button>
                    <Caption1 className={styles.wrap}>Fix: {f.fix}</Caption1>
                  </li>
                );
              })}
            </ul>
            {list.length > SHOWN ? <Caption1>… and {list.length - SHOWN} more {TITLES[severity].toLowerCase()} (mark them on the sheet to see all).</Caption1> : null}
          </section>
        );
      })}
    </div>
  );
}
