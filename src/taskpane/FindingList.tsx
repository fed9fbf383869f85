import * as React from "react";
import { Badge, Body1, Button, Caption1, Subtitle2 } from "@fluentui/react-components";
import type { Finding, Severity } from "../engine/findings/findings";
import { findingAddress } from "./model";
import { fixForPane } from "./paneRemedies";
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
          {count(s)} {count(s) === 1 ? TITLES[s].toLowerCase().slice(0, -1) : TITLES[s].toLowerCase()}
        </Badge>
      ))}
    </div>
  );
}

/** Findings by severity; each one selects its cells in the sheet when clicked. */
export function FindingList({
  findings,
  onSelect,
}: {
  findings: readonly Finding[];
  /** Goes to a finding's cell; absent when the findings are of a file, not of a sheet in the workbook. */
  onSelect?: (sheet: string, address: string) => void;
}): React.ReactElement {
  const styles = useStyles();
  // With findings from several sheets, each reference keeps its sheet's name.
  const oneSheet = new Set(findings.map((f) => f.sheet)).size <= 1;
  return (
    <div className={styles.section}>
      {(["error", "warning", "info"] as const).map((severity) => {
        const list = findings.filter((f) => f.severity === severity);
        if (!list.length) return null;
        return (
          <section key={severity} className={styles.section} aria-label={TITLES[severity]}>
            <Subtitle2 as="h2">
              {TITLES[severity]} ({list.length})
            </Subtitle2>
            <ul className={styles.list}>
              {list.slice(0, SHOWN).map((f, i) => {
                const target = onSelect ? findingAddress(f) : undefined;
                return (
                  <li key={`${f.code}-${i}`} className={styles.finding}>
                    {target ? (
                      <Button
                        appearance="transparent"
                        size="small"
                        className={styles.findingButton}
                        aria-label={`${TITLES[severity].slice(0, -1)} at ${f.cell}: ${f.message}`}
                        onClick={() => onSelect?.(target.sheet, target.address)}
                      >
                        <span>
                          <strong>{oneSheet ? target.address : f.cell}</strong> {f.message}
                        </span>
                      </Button>
                    ) : (
                      <Body1 className={styles.wrap}>
                        {f.cell ? (
                          <strong>{oneSheet ? f.cell.replace(/^.*!/, "") : f.cell} </strong>
                        ) : oneSheet || !f.sheet ? (
                          ""
                        ) : (
                          `${f.sheet}: `
                        )}
                        {f.message}
                      </Body1>
                    )}
                    <Caption1 className={styles.wrap}>Fix: {fixForPane(f)}</Caption1>
                  </li>
                );
              })}
            </ul>
            {list.length > SHOWN ? (
              <Caption1>
                … and {list.length - SHOWN} more {TITLES[severity].toLowerCase()} (mark them on the sheet to see all).
              </Caption1>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
