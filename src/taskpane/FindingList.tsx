import * as React from "react";
import { Badge, Body1, Caption1, Link, Subtitle2 } from "@fluentui/react-components";
import type { Finding, Severity } from "../engine/findings/findings";
import { findingAddress, groupRepeats } from "./model";
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

/** "B2, B5, B9 and 56 more": the cells of a repeated finding. */
function cellList(cells: readonly string[]): string {
  const shown = cells.slice(0, 8).join(", ");
  return cells.length > 8 ? `${shown} and ${cells.length - 8} more` : shown;
}

/**
 * Findings by severity, repeats said once with their count and cells. A finding with a cell in
 * this workbook is a link that selects it; a file's findings name their cells as text.
 */
export function FindingList({
  findings,
  onSelect,
  fixOf = fixForPane,
}: {
  findings: readonly Finding[];
  /** A finding's fix in this front end's words: the pane's controls by default. */
  fixOf?: (f: Finding) => string;
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
        const groups = groupRepeats(list, fixOf);
        return (
          <section key={severity} className={styles.section} aria-label={TITLES[severity]}>
            <Subtitle2 as="h2">
              {TITLES[severity]} ({list.length})
            </Subtitle2>
            <ul className={styles.list}>
              {groups.slice(0, SHOWN).map(({ finding: f, count, cells }, i) => {
                const target = onSelect ? findingAddress(f) : undefined;
                const where = f.cell ? (oneSheet ? f.cell.replace(/^.*!/, "") : f.cell) : oneSheet || !f.sheet ? "" : f.sheet;
                return (
                  <li key={`${f.code}-${i}`} className={styles.finding}>
                    <Body1 className={styles.wrap}>
                      {target ? (
                        <Link
                          as="button"
                          onClick={() => onSelect?.(target.sheet, target.address)}
                          aria-label={`Go to ${f.cell}: ${f.message}`}
                        >
                          {where || target.address}
                        </Link>
                      ) : where ? (
                        <strong>{where}</strong>
                      ) : null}
                      {where || target ? " " : ""}
                      {f.message}
                    </Body1>
                    {count > 1 ? (
                      <Caption1 className={styles.wrap}>
                        Found {count} times{cells.length > 1 ? `, at ${cellList(cells)}` : ""}.
                      </Caption1>
                    ) : null}
                    <Caption1 className={styles.wrap}>Fix: {fixOf(f)}</Caption1>
                  </li>
                );
              })}
            </ul>
            {groups.length > SHOWN ? (
              <Caption1>
                … and {groups.length - SHOWN} more {TITLES[severity].toLowerCase()} (mark them on the sheet to see all).
              </Caption1>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
